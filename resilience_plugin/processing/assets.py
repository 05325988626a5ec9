"""What the lifeline-system algorithms (cascade, restoration) share: the asset layers and how they are read."""

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsVectorLayer,
)

from ..compat import (
    SOURCE_ANY_GEOMETRY,
    geometry_kind,
)
from ..core.fragility import normalize_type
from ..i18n import tr
from ..qgis_io.crs import working_crs
from ..qgis_io.vector import read_source, report_reading
from .intensity import padded_extent

ASSETS = "ASSETS"
CLASS_FIELD = "CLASS_FIELD"
ID_FIELD = "ID_FIELD"
POPULATION_FIELD = "POPULATION_FIELD"
DEPENDENCIES = "DEPENDENCIES"


def to_multi_lines(geoms):
    parts, owner = shapely.get_parts(geoms, return_index=True)
    return shapely.multilinestrings(parts, indices=owner)


def add_asset_parameters(alg):
    """ASSETS, CLASS_FIELD, ID_FIELD, POPULATION_FIELD and DEPENDENCIES, the same in cascade and restoration."""
    p = QgsProcessingParameterMultipleLayers(ASSETS, tr("Lifeline and demand layers"), layerType=SOURCE_ANY_GEOMETRY)
    p.setHelp(tr("Substations, lines, plants, pump stations, pipes, telecom sites, roads, people, hospitals, shelters..."))
    alg.addParameter(p)
    p = QgsProcessingParameterString(CLASS_FIELD, tr("Class field"), defaultValue="asset_class", optional=True)
    p.setHelp(tr("Field holding each asset's class of the dependency table (substation, pump_station, people...). A layer without it: its name is the class."))
    alg.addParameter(p)
    p = QgsProcessingParameterString(ID_FIELD, tr("Id field"), defaultValue="asset_id", optional=True)
    p.setHelp(tr("Field holding unique asset ids (used by FAILED_IDS and by 'field' rules). A layer without it: layer name:feature id."))
    alg.addParameter(p)
    p = QgsProcessingParameterString(POPULATION_FIELD, tr("Population field"), defaultValue="population", optional=True)
    p.setHelp(tr("Persons per demand feature; layers without it count no persons."))
    alg.addParameter(p)
    p = QgsProcessingParameterFile(DEPENDENCIES, tr("Dependency table (JSON)"), extension="json", optional=True)
    p.setHelp(tr("Your dependency rules (same structure as resources/standards/dependencies.json). Empty: the example table."))
    alg.addParameter(p)


def read_assets(alg, parameters, context, table, feedback, value_fields):
    """Every feature of the ASSETS layers as one asset (class, id, population and the ``value_fields``
    {key: field name} read where a layer has them); checks classes and unique ids."""
    layers = alg.parameterAsLayerList(parameters, ASSETS, context) or []
    if not layers:
        alg.fail(tr("Give at least one layer in ASSETS."))
    for layer in layers:
        if not isinstance(layer, QgsVectorLayer):
            alg.fail(tr("ASSETS must be vector layers; '{name}' is not.").format(name=layer.name()))
    _, metric = working_crs([(lyr.crs(), padded_extent(lyr)) for lyr in layers], feedback)
    cls_f = (alg.parameterAsString(parameters, CLASS_FIELD, context) or "").strip()
    id_f = (alg.parameterAsString(parameters, ID_FIELD, context) or "").strip()
    pop_f = (alg.parameterAsString(parameters, POPULATION_FIELD, context) or "").strip()
    rule_fields = sorted({r["field"] for r in table.rules if r["match"] == "field"})
    parts = []
    for li, layer in enumerate(layers):
        names = [f.name() for f in layer.fields()]
        wanted = [f for f in [cls_f, id_f, pop_f, *value_fields.values(), *rule_fields] if f and f in names]
        d = read_source(layer, list(dict.fromkeys(wanted)), target_crs=metric, feedback=feedback, what=layer.name())
        report_reading(d, layer.name(), feedback)
        n = len(d)
        col = d.attrs
        if cls_f in names:
            classes = [normalize_type(v) if v is not None and not (isinstance(v, float) and np.isnan(v)) else None for v in col[cls_f]]
        else:
            classes = [normalize_type(layer.name())] * n
        unknown = sorted({str(c) for c in classes if c not in table.classes})
        if unknown:
            alg.fail(tr("Layer '{layer}': the classes {names} are not in the dependency table. Known classes: {known}. Fill CLASS_FIELD or name the layer after its class.").format(
                layer=layer.name(), names=", ".join(unknown), known=", ".join(sorted(table.classes))))
        ids = [str(v) for v in col[id_f]] if id_f in names else [f"{layer.name()}:{f}" for f in d.fids]
        pop = pd.to_numeric(col[pop_f], errors="coerce").to_numpy(dtype=float) if pop_f in names else np.zeros(n)
        values = {k: col[f].tolist() if f and f in names else [None] * n for k, f in value_fields.items()}
        extra = {f: col[f].tolist() if f in names else [None] * n for f in rule_fields}
        kind = geometry_kind(layer.wkbType())
        if kind not in ("point", "line", "polygon"):
            alg.fail(tr("ASSETS: the layer '{layer}' has no point, line or polygon geometry.").format(layer=layer.name()))
        parts.append({"layer": layer, "li": li, "data": d, "classes": classes, "ids": ids, "pop": pop, "values": values, "extra": extra, "kind": kind})
    ids = [i for part in parts for i in part["ids"]]
    seen, dup = set(), set()
    for i in ids:
        (dup if i in seen else seen).add(i)
    if dup:
        alg.fail(tr("Asset ids must be unique across the layers; repeated: {ids}.").format(ids=", ".join(sorted(dup)[:20])))
    return parts, metric, layers[0].crs()
