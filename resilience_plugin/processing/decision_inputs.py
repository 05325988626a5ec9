"""Inputs shared by the planning-decision algorithms (evacuation plan, supply plan, 15-minute life circle).

The parameters and their reading follow Walking coverage (``sheltercoverage``) one to one: the same
parameter names, help texts and defaults for the streets, the walking limit, the hazard zones and the
demand (a population raster or points / polygons with a population field), built on the public
functions of :mod:`..core.coverage` and :mod:`..core.network`.
"""

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..compat import (
    FIELD_ANY,
    FIELD_NUMERIC,
    NUMBER_DOUBLE,
    NUMBER_INTEGER,
    SOURCE_LINE,
    SOURCE_POINT,
    SOURCE_POLYGON,
    SOURCE_RASTER,
)
from ..core import network as nw
from ..core.classify import normalize_key
from ..i18n import tr
from ..qgis_io.demand import read_demand as demand_reader
from ..qgis_io.vector import read_source, report_reading
from .base import field_of_map_layer, set_help

# Road classes not walkable by default (the same as Walking coverage).
DEFAULT_EXCLUDE = "motorway,motorway_link,trunk,trunk_link"

DEMAND = "DEMAND"
POPULATION_FIELD = "POPULATION_FIELD"
ROADS = "ROADS"
ROAD_CLASS_FIELD = "ROAD_CLASS_FIELD"
EXCLUDE_CLASSES = "EXCLUDE_CLASSES"
WALK_KMH = "WALK_KMH"
MAX_SNAP_M = "MAX_SNAP_M"
SNAP_TOLERANCE_M = "SNAP_TOLERANCE_M"
SHELTERS = "SHELTERS"
SHELTER_ID_FIELD = "SHELTER_ID_FIELD"
HAZARD = "HAZARD"
HAZARD_LEVEL_FIELD = "HAZARD_LEVEL_FIELD"
BLOCK_LEVEL = "BLOCK_LEVEL"


def add(alg, param, help_text, advanced=False):
    alg.addParameter(set_help(param, help_text, advanced))


def add_demand_parameters(alg):
    """DEMAND, POPULATION_FIELD and the one population-raster unit parameter (as in Walking coverage)."""
    add(alg, QgsProcessingParameterMapLayer(DEMAND, tr("Demand (population raster, points or polygons)"),
                                            types=[SOURCE_RASTER, SOURCE_POINT, SOURCE_POLYGON]),
        tr("Where people are: a population raster, or points / polygons with a population field."))
    add(alg, field_of_map_layer(POPULATION_FIELD, tr("Population field (vector demand)"), DEMAND,
                                         type=FIELD_NUMERIC, optional=True),
        tr("Persons per demand feature. Required for vector demand; NULL or negative counts as 0."))
    alg.add_population_unit_parameter()


def add_shelter_parameters(alg, value_name, value_label, value_help):
    """SHELTERS (points or polygons), the field ``value_name`` of a number per shelter (capacity, persons)
    and SHELTER_ID_FIELD: the shelter block of the evacuation and supply plans."""
    add(alg, QgsProcessingParameterFeatureSource(SHELTERS, tr("Shelters"), [SOURCE_POINT, SOURCE_POLYGON]),
        tr("Shelters, points or polygons (polygons are attached by a point on their surface)."))
    add(alg, QgsProcessingParameterField(value_name, value_label, parentLayerParameterName=SHELTERS, type=FIELD_ANY), value_help)
    add(alg, QgsProcessingParameterField(SHELTER_ID_FIELD, tr("Shelter id field"), parentLayerParameterName=SHELTERS, type=FIELD_ANY,
                                         optional=True),
        tr("Written to shelter_id; the feature id is used when empty."))


def read_shelters(alg, parameters, context, feedback, shel_src, metric, value_name, missing):
    """``(shelters VectorData, values of the field value_name, ids)`` in the metric CRS; ``missing``: the
    message when the field is not chosen or not in the layer. Fails on a layer without geometries."""
    value_field = alg.parameterAsString(parameters, value_name, context)
    id_field = alg.parameterAsString(parameters, SHELTER_ID_FIELD, context)
    if not value_field or shel_src.fields().lookupField(value_field) < 0:
        alg.fail(missing)
    shel = read_source(shel_src, [f for f in (value_field, id_field) if f], metric, feedback=feedback, what=tr("shelters"))
    report_reading(shel, tr("shelters"), feedback)
    if len(shel) == 0:
        alg.fail(tr("The shelters layer has no features with geometry."))
    ids = (shel.attrs[id_field].astype(str).to_numpy() if id_field else shel.fids.astype(str)).astype(object)
    return shel, shel.attrs[value_field].to_numpy(), ids


def add_snap_parameters(alg, snap_help):
    """MAX_SNAP_M and SNAP_TOLERANCE_M (advanced)."""
    add(alg, QgsProcessingParameterNumber(MAX_SNAP_M, tr("Maximum distance to a street (m)"), type=NUMBER_DOUBLE, defaultValue=500.0,
                                          minValue=0.0), snap_help, True)
    add(alg, QgsProcessingParameterNumber(SNAP_TOLERANCE_M, tr("Street join tolerance (m)"), type=NUMBER_DOUBLE, defaultValue=0.5,
                                          minValue=0.0),
        tr("Street end points or vertices closer than this are joined."), True)


def add_street_parameters(alg, walk_kmh):
    add(alg, QgsProcessingParameterFeatureSource(ROADS, tr("Walkable streets"), [SOURCE_LINE]), tr("The street network (lines)."))
    add(alg, QgsProcessingParameterField(ROAD_CLASS_FIELD, tr("Road class field"), parentLayerParameterName=ROADS,
                                         type=FIELD_ANY, optional=True),
        tr("The field with the road class (e.g. OSM highway), used with EXCLUDE_CLASSES."))
    add(alg, QgsProcessingParameterString(EXCLUDE_CLASSES, tr("Road classes not walkable"), defaultValue=DEFAULT_EXCLUDE, optional=True),
        tr("Comma-separated classes left out of the walking network, e.g. motorway,trunk."))
    add(alg, QgsProcessingParameterNumber(WALK_KMH, tr("Walking speed (km/h)"), type=NUMBER_DOUBLE, defaultValue=float(walk_kmh),
                                          minValue=0.0),
        tr("Walking speed, 4-5 km/h in practice."))
    add_snap_parameters(alg, tr("Facilities and people farther than this from every passable street are not connected."))


def add_hazard_parameters(alg, optional, block_level, block_help):
    add(alg, QgsProcessingParameterFeatureSource(HAZARD, tr("Hazard zones"), [SOURCE_POLYGON], optional=optional),
        tr("Hazard zones with a level field (e.g. the output of Classify hazard)."))
    add(alg, QgsProcessingParameterField(HAZARD_LEVEL_FIELD, tr("Hazard level field"), parentLayerParameterName=HAZARD,
                                         type=FIELD_NUMERIC, defaultValue="level", optional=True),
        tr("The field holding the hazard level (default 'level')."))
    add(alg, QgsProcessingParameterNumber(BLOCK_LEVEL, tr("Blocking hazard level"), type=NUMBER_INTEGER, defaultValue=block_level,
                                          minValue=1),
        block_help)


def read_network(alg, parameters, context, feedback, roads_src, metric):
    """The walking network (classes in EXCLUDE_CLASSES left out), logged like Walking coverage."""
    class_field = alg.parameterAsString(parameters, ROAD_CLASS_FIELD, context)
    roads = read_source(roads_src, [class_field] if class_field else [], metric, feedback=feedback, what=tr("streets"))
    report_reading(roads, tr("streets"), feedback)
    keep = None
    if class_field:
        excluded = {normalize_key(s) for s in (alg.parameterAsString(parameters, EXCLUDE_CLASSES, context) or "").split(",") if s.strip()}
        keys = np.array([normalize_key(v) for v in roads.attrs[class_field]], dtype=object)
        keep = ~np.isin(keys, list(excluded))
        feedback.pushInfo(tr("{n} street(s) of the excluded classes are not walkable.").format(n=int((~keep).sum())))
    tolerance = alg.parameterAsDouble(parameters, SNAP_TOLERANCE_M, context)
    net = nw.build_network(roads.geoms, tolerance=tolerance, keep=keep, feedback=feedback, crs=metric)
    nw.require_lines(net)
    rep = net.report
    feedback.pushInfo(tr("Street network: {nodes} nodes, {edges} edges, {comp} connected part(s); {zero} zero-length and "
                         "{dup} duplicate edge(s) merged.").format(nodes=net.n_nodes, edges=net.n_edges, comp=net.components()[0],
                                                                  zero=rep["zero_length"], dup=rep["duplicates"]))
    return net


def read_hazard(alg, parameters, context, feedback, hazard_src, metric):
    """``(zone geometries, levels)`` of the hazard layer in the metric CRS (NaN for missing levels)."""
    lvl_field = alg.parameterAsString(parameters, HAZARD_LEVEL_FIELD, context) or "level"
    if hazard_src.fields().lookupField(lvl_field) < 0:
        alg.fail(tr("The hazard layer has no field '{field}': choose the HAZARD_LEVEL_FIELD.").format(field=lvl_field))
    hz = read_source(hazard_src, [lvl_field], metric, feedback=feedback, what=tr("hazard zones"))
    levels = pd.to_numeric(hz.attrs[lvl_field], errors="coerce").to_numpy(dtype=float)
    return hz.geoms, levels


def read_demand(alg, parameters, context, feedback, metric):
    """``(layer, points in the layer CRS, points in metric, persons, ids)`` (polygons by a point on their
    surface; ids are the feature ids, or ``cell:<n>`` for raster cells with persons), through the one
    demand reader (:func:`qgis_io.demand.read_demand`)."""
    d = demand_reader(alg.parameterAsLayer(parameters, DEMAND, context), DEMAND, metric, feedback,
                      field=alg.parameterAsString(parameters, POPULATION_FIELD, context),
                      unit=alg.population_unit(parameters, context))
    return d.layer, d.source_points, d.points, d.persons, d.ids


def add_hazard_parameters_level_only(alg, block_level=2):
    """The level field (by name, for several scenario layers) and the blocking level."""
    add(alg, QgsProcessingParameterString(HAZARD_LEVEL_FIELD, tr("Hazard level field"), defaultValue="level"),
        tr("The field holding the hazard level in every scenario layer (default 'level')."))
    add(alg, QgsProcessingParameterNumber(BLOCK_LEVEL, tr("Blocking hazard level"), type=NUMBER_INTEGER, defaultValue=block_level,
                                          minValue=1),
        tr("Streets in zones at or above this level are impassable; facilities in them are out of service."))
