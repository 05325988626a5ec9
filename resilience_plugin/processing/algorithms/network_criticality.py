"""resilience:networkcriticality — Network criticality (网络关键性与孤立分析)."""

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsExpression,
    QgsFeatureRequest,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsVectorLayer,
)

from ...compat import (
    FIELD_NUMERIC,
    NUMBER_DOUBLE,
    NUMBER_INTEGER,
    REQUEST_NO_GEOMETRY,
    SOURCE_ANY_GEOMETRY,
    SOURCE_LINE,
    SOURCE_POINT,
    SOURCE_POLYGON,
    SOURCE_RASTER,
    SOURCE_TABLE,
    WKB_NOGEOMETRY,
    WKB_POINT,
    geometry_kind,
)
from ...core import geometry as geo
from ...core.criticality import criticality, match_failed_segments
from ...i18n import tr
from ...qgis_io.crs import to_pyproj, working_crs
from ...qgis_io.demand import read_demand
from ...qgis_io.fields import merge_fields
from ...qgis_io.vector import input_source, make_fields, read_source, report_reading, write_features
from .. import admin_levels as al
from ..base import ResilienceAlgorithm, field_of_map_layer

LINK_SPEC = [("isolated_persons", "double"), ("detour_persons", "double"), ("rank", "int"), ("load_persons", "double"),
             ("failed", "bool"), ("bridge", "bool")]
DEMAND_SPEC = [("unit_id", "string"), ("persons", "double"), ("dist_before_m", "double"), ("dist_after_m", "double"),
               ("isolated", "bool"), ("detour_ratio", "double")]
TABLE_SPEC = [("unit_id", "string"), ("persons", "double"), ("isolated_persons", "double"), ("detour_persons", "double")]


class NetworkCriticality(ResilienceAlgorithm):
    ALG_ID = "networkcriticality"
    GROUP_ID = "lifelines"
    ICON = "network_criticality.svg"

    NETWORK = "NETWORK"
    COST_FIELD = "COST_FIELD"
    FAILED = "FAILED"
    FAILED_LAYER = "FAILED_LAYER"
    DEMAND = "DEMAND"
    DEMAND_BAND = "DEMAND_BAND"
    POPULATION_FIELD = "POPULATION_FIELD"
    DESTINATIONS = "DESTINATIONS"
    DETOUR_LIMIT = "DETOUR_LIMIT"
    MAX_SNAP = "MAX_SNAP"
    MAX_DETOUR_LINKS = "MAX_DETOUR_LINKS"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    OUTPUT_DEMAND = "OUTPUT_DEMAND"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    OUTPUT_LINKS = "OUTPUT_LINKS"

    def display_name(self):
        return tr("Network criticality")

    def help_text(self):
        return tr(
            "Which failures cut people off from hospitals, shelters or fire stations, and which links matter most.\n\n"
            "NETWORK: lines (roads by default; any linear network) joined where their end points or shared vertices "
            "coincide; an optional COST_FIELD multiplies each line's length (e.g. 2 = twice as slow). Failed links are "
            "chosen by the FAILED expression on the network (e.g. \"p_fail\" >= 0.5 or \"max_level\" >= 3, from Lifeline "
            "exposure) or by a FAILED_LAYER of failed segments (a line fails when half of it lies within 1 m of them).\n\n"
            "DEMAND: a population raster (POPULATION_UNIT: persons per km², the default, or per cell; one demand point per cell "
            "centre) or points / polygons with a POPULATION_FIELD (empty: 1 person each). DESTINATIONS: one or more "
            "layers (polygons count at a point inside them). Demand and destinations are snapped to the nearest "
            "street within MAX_SNAP metres; a point mid-street loses its access when its own street fails, one at a "
            "junction (within 0.5 m) keeps it while any street there is open. Distances are network "
            "metres (times the cost factor) including both snap distances.\n\n"
            "OUTPUT_DEMAND: every demand point with persons, dist_before_m, dist_after_m, isolated (a destination was "
            "reachable before the failures, none after) and detour_ratio (after / before). OUTPUT_TABLE per unit "
            "(UNITS + UNIT_ID_FIELD, optional): persons, isolated_persons and detour_persons (trip longer by more than "
            "DETOUR_LIMIT, a fraction: 0.5 = 50 %).\n\n"
            "OUTPUT_LINKS: every network line with its attributes and its single-link criticality on the intact "
            "network: isolated_persons (persons who lose all access if that line alone fails; from the bridges and "
            "2-edge-connected components of the graph, without a shortest-path run per line), detour_persons (only "
            "lines on somebody's shortest path can lengthen a trip; for them the affected part is re-solved locally; "
            "MAX_DETOUR_LINKS limits how many, the most used first, 0 = all; others stay empty), load_persons "
            "(persons whose shortest path uses the line), rank (1 = most critical: isolated, then detour, then load), "
            "failed (in the scenario) and bridge."
        ) + "\n\n" + al.help_paragraph()

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterFeatureSource(self.NETWORK, tr("Network (lines)"), types=[SOURCE_LINE])
        p.setHelp(tr("Roads or any linear network; lines join where their end points or shared vertices coincide."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.COST_FIELD, tr("Cost factor field"), parentLayerParameterName=self.NETWORK,
                                        type=FIELD_NUMERIC, optional=True)
        p.setHelp(tr("Multiplies each line's length (1 = normal, 2 = twice as slow); empty or <= 0 makes the line unusable."))
        self.addParameter(p)
        p = QgsProcessingParameterExpression(self.FAILED, tr("Failed links (expression)"), parentLayerParameterName=self.NETWORK,
                                             optional=True)
        p.setHelp(tr("Lines for which this expression is true fail in the scenario, e.g. \"p_fail\" >= 0.5 or \"max_level\" >= 3."))
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSource(self.FAILED_LAYER, tr("Failed segments (layer)"), types=[SOURCE_LINE], optional=True)
        p.setHelp(tr("Alternatively a layer of failed segments: a network line fails when half of it lies within 1 m of them."))
        self.addParameter(p)
        p = QgsProcessingParameterMapLayer(self.DEMAND, tr("Demand (population raster, points or polygons)"),
                                           types=[SOURCE_RASTER, SOURCE_POINT, SOURCE_POLYGON])
        p.setHelp(tr("Where people are: a population raster, or points / polygons with a population field."))
        self.addParameter(p)
        # A plain number: a band chooser tied to DEMAND warns ("Dependent bands could not be populated")
        # whenever DEMAND is a point or polygon layer, e.g. when the dialog opens.
        p = QgsProcessingParameterNumber(self.DEMAND_BAND, tr("Population band"), type=NUMBER_INTEGER, defaultValue=1, minValue=1,
                                         optional=True)
        p.setHelp(tr("Band of the population raster. Default 1."))
        self.addParameter(p)
        p = field_of_map_layer(self.POPULATION_FIELD, tr("Population field"), self.DEMAND,
                                        type=FIELD_NUMERIC, optional=True)
        p.setHelp(tr("Persons per demand point or polygon. Empty: 1 person each."))
        self.addParameter(p)
        self.add_population_unit_parameter()
        p = QgsProcessingParameterMultipleLayers(self.DESTINATIONS, tr("Destinations (hospitals, shelters...)"), layerType=SOURCE_ANY_GEOMETRY)
        p.setHelp(tr("One or more layers of destinations; polygons count at a point inside them."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.DETOUR_LIMIT, tr("Detour limit (fraction)"), type=NUMBER_DOUBLE, defaultValue=0.5, minValue=0.0)
        p.setHelp(tr("A trip longer than (1 + limit) x the trip before counts as a detour. Default 0.5 (50 % longer)."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.MAX_SNAP, tr("Maximum snapping distance (m)"), type=NUMBER_DOUBLE, defaultValue=500.0, minValue=0.0)
        p.setHelp(tr("Demand and destinations farther than this from every line are not connected. Default 500 m."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.MAX_DETOUR_LINKS, tr("Lines to re-solve for detours (0 = all)"), type=NUMBER_INTEGER,
                                         defaultValue=0, minValue=0)
        p.setHelp(tr("Detours are computed for the most used lines first; 0 computes them for every line on a shortest path."))
        self.addParameter(p)
        self.add_unit_parameters(tr("Polygons (districts, sub-districts) for the summary table."),
                                 tr("Field naming each unit in the table. Empty: the feature id."))
        al.add_hierarchy_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_DEMAND, tr("Demand access"), type=SOURCE_POINT))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Isolation by unit"), type=SOURCE_TABLE))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_LINKS, tr("Link criticality"), type=SOURCE_LINE))

    # --- run --------------------------------------------------------------------------------
    def compute(self, parameters, context, feedback):
        source = input_source(self, parameters, self.NETWORK, context)
        if source is None:
            self.fail(tr("The network layer could not be loaded."))
        kind = geometry_kind(source.wkbType())
        if kind != "line":
            self.fail(tr("NETWORK must hold lines; this layer holds {kind} geometries.").format(kind=kind))
        qcrs, metric = working_crs([(source.sourceCrs(), source.sourceExtent())], feedback)
        names = [f.name() for f in source.fields()]
        data = read_source(source, names, feedback=feedback, what=tr("network"))
        report_reading(data, tr("network"), feedback)
        if len(data) == 0:
            self.fail(tr("The network layer has no features with geometry."))
        lines = geo.transform(data.geoms, data.crs, metric)
        cost_field = self.parameterAsString(parameters, self.COST_FIELD, context)
        cost = None
        if cost_field:
            cost = pd.to_numeric(data.attrs[cost_field], errors="coerce").to_numpy(dtype=float)
        failed = self._failed(parameters, context, source, data, lines, metric, feedback)
        demand_pts, persons = self._demand(parameters, context, lines, metric, feedback)
        dests = self._destinations(parameters, context, metric, feedback)
        limit = self.parameterAsDouble(parameters, self.DETOUR_LIMIT, context)
        max_snap = self.parameterAsDouble(parameters, self.MAX_SNAP, context)
        max_links = self.parameterAsInt(parameters, self.MAX_DETOUR_LINKS, context) or None
        res = criticality(lines, demand_pts, persons, dests, failed=failed, cost_factor=cost, detour_limit=limit,
                          max_snap=max_snap, max_detour_lines=max_links, feedback=feedback, crs=metric)
        self._log(res, failed, feedback)
        unit_of, unit_ids = self._units(parameters, context, demand_pts, metric, feedback)
        out = {}
        out[self.OUTPUT_LINKS] = self._write_links(parameters, context, source, data, res, feedback)
        out[self.OUTPUT_DEMAND] = self._write_demand(parameters, context, source, demand_pts, metric, res, unit_of, unit_ids, feedback)
        out[self.OUTPUT_TABLE] = self._write_table(parameters, context, res, unit_of, unit_ids, feedback)
        self.style_output(context, out[self.OUTPUT_LINKS], "criticality_links")
        self.style_output(context, out[self.OUTPUT_DEMAND], "criticality_demand")
        return out

    # --- inputs -----------------------------------------------------------------------------
    def _failed(self, parameters, context, source, data, lines, metric, feedback):
        text = (self.parameterAsString(parameters, self.FAILED, context) or "").strip()
        layer = self.parameterAsSource(parameters, self.FAILED_LAYER, context)
        if text and layer is not None:
            self.fail(tr("Give either a FAILED expression or a FAILED_LAYER, not both."))
        if text:
            expr = QgsExpression(text)
            if expr.hasParserError():
                self.fail(tr("The FAILED expression does not parse: {error}. Example: \"p_fail\" >= 0.5").format(error=expr.parserErrorString()))
            fields = [f.name() for f in source.fields()]
            missing = [c for c in expr.referencedColumns() if c not in fields and c != QgsFeatureRequest.ALL_ATTRIBUTES]
            if missing:
                self.fail(tr("The FAILED expression uses fields the network does not have: {names}. Available fields: {available}.").format(
                    names=", ".join(sorted(missing)), available=", ".join(fields)))
            request = QgsFeatureRequest()
            request.setFilterExpression(text)
            request.setExpressionContext(context.expressionContext())
            request.setFlags(REQUEST_NO_GEOMETRY)
            fids = np.fromiter((f.id() for f in source.getFeatures(request)), dtype=np.int64)
            failed = np.isin(data.fids, fids)
            feedback.pushInfo(tr("{n} of {total} network line(s) fail ({expr}).").format(n=int(failed.sum()), total=len(failed), expr=text))
            return failed
        if layer is not None:
            fdata = read_source(layer, [], target_crs=metric, feedback=feedback, what=tr("failed segments"))
            failed = match_failed_segments(lines, fdata.geoms)
            feedback.pushInfo(tr("{n} of {total} network line(s) fail (matched to the failed segments).").format(n=int(failed.sum()), total=len(failed)))
            return failed
        return None

    def _demand(self, parameters, context, lines, metric, feedback):
        max_snap = self.parameterAsDouble(parameters, self.MAX_SNAP, context)
        b = shapely.total_bounds(lines)
        demand = read_demand(self.parameterAsLayer(parameters, self.DEMAND, context), self.DEMAND, metric, feedback,
                             field=self.parameterAsString(parameters, self.POPULATION_FIELD, context), field_required=False,
                             unit=self.population_unit(parameters, context), band=self.parameterAsInt(parameters, self.DEMAND_BAND, context) or 1,
                             bounds=(b[0] - max_snap, b[1] - max_snap, b[2] + max_snap, b[3] + max_snap))
        if len(demand.points) == 0:
            self.fail(tr("The demand layer holds no population (no cell or feature with persons > 0)."))
        return demand.points, demand.persons

    def _destinations(self, parameters, context, metric, feedback):
        layers = self.parameterAsLayerList(parameters, self.DESTINATIONS, context)
        pts = []
        for layer in layers:
            if not isinstance(layer, QgsVectorLayer):
                self.fail(tr("DESTINATIONS must be vector layers; '{name}' is not.").format(name=layer.name()))
            d = read_source(layer, [], target_crs=metric, feedback=feedback, what=layer.name())
            report_reading(d, layer.name(), feedback)
            pts.append(shapely.point_on_surface(d.geoms))
            feedback.pushInfo(tr("{n} destination(s) from {name}.").format(n=len(d), name=layer.name()))
        out = np.concatenate(pts) if pts else np.zeros(0, dtype=object)
        if len(out) == 0:
            self.fail(tr("The DESTINATIONS layers hold no feature: give at least one hospital, shelter or other destination."))
        return out

    def _units(self, parameters, context, demand_pts, metric, feedback):
        units = self.parameterAsSource(parameters, self.UNITS, context)
        n = len(demand_pts)
        self._levels = None
        if units is None:
            return np.full(n, -1, dtype=np.int64), None
        field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context)
        extra = al.unit_fields(self, parameters, context)
        u = read_source(units, list(dict.fromkeys(([field] if field else []) + extra)), target_crs=metric, feedback=feedback,
                        what=tr("units"))
        ids = [None if v is None else str(v) for v in u.attrs[field]] if field else [str(f) for f in u.fids]
        ugeoms = u.geoms
        self._levels = al.unit_levels(self, parameters, context, feedback, metric, ids, u.attrs, u.geoms)
        if self._levels is not None:
            ids, ugeoms = list(self._levels.ids), ugeoms[self._levels.keep]
        unit_of = np.full(n, -1, dtype=np.int64)
        if len(ugeoms) and n:
            pi, uj = shapely.STRtree(ugeoms).query(demand_pts, predicate="intersects")
            order = np.lexsort((uj, pi))
            pi, uj = pi[order], uj[order]
            first = np.r_[True, pi[1:] != pi[:-1]] if len(pi) else np.zeros(0, bool)
            unit_of[pi[first]] = uj[first]
        return unit_of, ids

    def _log(self, res, failed, feedback):
        r = res.report
        feedback.pushInfo(tr("Network: {edges} edges between {nodes} nodes; {bridges} bridge edges (their failure splits the network).").format(
            edges=r["edges"], nodes=r["nodes"], bridges=r["bridges"]))
        if r.get("points_at_junctions"):
            feedback.pushInfo(tr("{n} demand point(s) or destination(s) stand at a junction: they keep their access while any street of that junction is open.").format(
                n=r["points_at_junctions"]))
        if r["demand_unsnapped"]:
            feedback.pushWarning(tr("{n} demand point(s) ({p:.0f} persons) are farther than MAX_SNAP from the network and have no access.").format(
                n=r["demand_unsnapped"], p=r["persons_unsnapped"]))
        if r["dest_unsnapped"]:
            feedback.pushWarning(tr("{n} destination(s) are farther than MAX_SNAP from the network and are not used.").format(n=r["dest_unsnapped"]))
        if r["persons_no_access"] > 0:
            feedback.pushWarning(tr("{p:.0f} persons cannot reach any destination even before the failures (disconnected parts of the network).").format(
                p=r["persons_no_access"]))
        feedback.pushInfo(tr("Detours re-solved for {n} line(s) on shortest paths; {skipped} line(s) left without a detour count (MAX_DETOUR_LINKS).").format(
            n=r["detour_lines"], skipped=r["detour_skipped"]))
        if failed is not None:
            dem = res.demand
            feedback.pushInfo(tr("Scenario: {iso:.0f} persons isolated, {det:.0f} persons with a detour.").format(
                iso=float(dem["persons"][dem["isolated"]].sum()), det=float(dem["persons"][dem["detour"]].sum())))

    # --- outputs ----------------------------------------------------------------------------
    def _write_links(self, parameters, context, source, data, res, feedback):
        fields, dropped = merge_fields(source.fields(), LINK_SPEC)
        if dropped:
            feedback.pushWarning(tr("Input fields replaced by the results: {names}.").format(names=", ".join(dropped)))
        links = res.links
        table = data.attrs.drop(columns=dropped).reset_index(drop=True)
        table["isolated_persons"] = links["isolated_persons"]
        det = links["detour_persons"]
        table["detour_persons"] = pd.Series(det).astype(object).where(np.isfinite(det), None).to_numpy()
        table["rank"] = links["rank"]
        table["load_persons"] = links["load_persons"]
        table["failed"] = links["failed"].astype(bool)
        table["bridge"] = links["is_bridge_line"].astype(bool)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_LINKS, context, fields, source.wkbType(), source.sourceCrs())
        if sink is None:
            self.fail(tr("Could not create the output layer."))
        write_features(sink, fields, data.geoms, table, feedback)
        return dest

    def _write_demand(self, parameters, context, source, pts, metric, res, unit_of, unit_ids, feedback):
        fields = make_fields(DEMAND_SPEC)
        dem = res.demand
        ids = np.asarray(unit_ids if unit_ids is not None else [], dtype=object)
        table = pd.DataFrame({
            "unit_id": [ids[u] if u >= 0 else None for u in unit_of],
            "persons": dem["persons"],
            "dist_before_m": dem["dist_before_m"],
            "dist_after_m": dem["dist_after_m"],
            "isolated": dem["isolated"].astype(bool),
            "detour_ratio": dem["detour_ratio"],
        })
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_DEMAND, context, fields, WKB_POINT, source.sourceCrs())
        if sink is None:
            self.fail(tr("Could not create the output layer."))
        geoms = geo.transform(pts, metric, to_pyproj(source.sourceCrs()))
        write_features(sink, fields, geoms, table, feedback)
        return dest

    def _write_table(self, parameters, context, res, unit_of, unit_ids, feedback):
        fields = make_fields(TABLE_SPEC)
        dem = res.demand
        p = dem["persons"]
        df = pd.DataFrame({"unit": unit_of, "persons": p,
                           "isolated_persons": np.where(dem["isolated"], p, 0.0), "detour_persons": np.where(dem["detour"], p, 0.0)})
        g = df.groupby("unit", sort=True).sum().reset_index()
        ids = np.asarray(unit_ids if unit_ids is not None else [], dtype=object)
        g["unit_id"] = [ids[u] if u >= 0 else None for u in g["unit"]]
        if self._levels is not None:  # persons add up the levels
            g = al.roll_up(g, "unit_id", self._levels, additive=["persons", "isolated_persons", "detour_persons"])
            fields = make_fields(al.HEAD + TABLE_SPEC[1:])
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, fields, WKB_NOGEOMETRY)
        if sink is None:
            self.fail(tr("Could not create the summary table."))
        write_features(sink, fields, None, g, feedback)
        return dest
