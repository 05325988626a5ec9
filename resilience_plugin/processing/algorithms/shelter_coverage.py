"""resilience:sheltercoverage — Walking coverage and allocation (避难场所服务覆盖与人口分配)."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...compat import (
    FIELD_ANY,
    FIELD_NUMERIC,
    NUMBER_DOUBLE,
    NUMBER_INTEGER,
    SOURCE_LINE,
    SOURCE_POINT,
    SOURCE_POLYGON,
    SOURCE_RASTER,
    SOURCE_TABLE,
    WKB_MULTIPOLYGON,
    WKB_NOGEOMETRY,
    WKB_POINT,
)
from ...core import coverage as cv
from ...core import geometry as geo
from ...core import network as nw
from ...core.classify import normalize_key
from ...core.errors import check_cancel
from ...core.standards import load_standard
from ...i18n import tr
from ...qgis_io.crs import to_pyproj, working_crs
from ...qgis_io.demand import read_demand, representative_points
from ...qgis_io.vector import input_source, make_fields, read_source, report_reading, write_features
from .. import admin_levels as al
from ..base import ResilienceAlgorithm, field_of_map_layer, set_help
from ..decision_inputs import DEFAULT_EXCLUDE


class ShelterCoverage(ResilienceAlgorithm):
    ALG_ID = "sheltercoverage"
    GROUP_ID = "facilities"
    ICON = "shelter_coverage.svg"

    FACILITIES = "FACILITIES"
    CAPACITY_FIELD = "CAPACITY_FIELD"
    FACILITY_ID_FIELD = "FACILITY_ID_FIELD"
    DEMAND = "DEMAND"
    POPULATION_FIELD = "POPULATION_FIELD"
    ROADS = "ROADS"
    ROAD_CLASS_FIELD = "ROAD_CLASS_FIELD"
    EXCLUDE_CLASSES = "EXCLUDE_CLASSES"
    MAX_MINUTES = "MAX_MINUTES"
    WALK_KMH = "WALK_KMH"
    MAX_DISTANCE_M = "MAX_DISTANCE_M"
    MAX_SNAP_M = "MAX_SNAP_M"
    SNAP_TOLERANCE_M = "SNAP_TOLERANCE_M"
    HAZARD = "HAZARD"
    HAZARD_LEVEL_FIELD = "HAZARD_LEVEL_FIELD"
    BLOCK_LEVEL = "BLOCK_LEVEL"
    MODE = "MODE"
    CANDIDATES = "CANDIDATES"
    CANDIDATE_CAPACITY_FIELD = "CANDIDATE_CAPACITY_FIELD"
    MAX_NEW = "MAX_NEW"
    TARGET_COVERAGE = "TARGET_COVERAGE"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    AREA_BUFFER_M = "AREA_BUFFER_M"
    OUTPUT_DEMAND = "OUTPUT_DEMAND"
    OUTPUT_FACILITIES = "OUTPUT_FACILITIES"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    OUTPUT_AREAS = "OUTPUT_AREAS"

    def display_name(self):
        return tr("Walking coverage and allocation")

    def tags(self):
        return [tr("shelter"), tr("coverage"), tr("walking"), tr("allocation"), "避难场所", "服务覆盖", "平急两用"]

    def help_text(self):
        return tr(
            "Who can walk to a shelter (or any facility) in time, and where the people go when shelters are full.\n\n"
            "Walking distance is measured on the ROADS network in metres: the straight-line distance from a demand "
            "point to the nearest passable street + along the streets + the facility's distance to its street. "
            "Streets join where their end points or shared vertices coincide (SNAP_TOLERANCE_M); streets that "
            "merely cross (bridges, tunnels) do not connect. Road classes in EXCLUDE_CLASSES (ROAD_CLASS_FIELD) "
            "are not walkable. One multi-source Dijkstra (scipy.sparse.csgraph) serves all facilities.\n\n"
            "The walking limit is MAX_DISTANCE_M if set, otherwise MAX_MINUTES at WALK_KMH (10 min at 4 km/h = 667 m). "
            "Points farther than MAX_SNAP_M from every passable street are not connected (reported in the log). "
            "With HAZARD (zones with a level field, e.g. from Classify hazard) streets touching zones at or above "
            "BLOCK_LEVEL are impassable and facilities inside them are out of service.\n\n"
            "DEMAND: a population raster (POPULATION_UNIT: persons per km², the default, or per cell) or points / polygons "
            "with POPULATION_FIELD.\n"
            "MODE 0: everyone goes to the nearest reachable facility; covered = within the limit.\n"
            "MODE 1: capacitated: each facility (CAPACITY_FIELD, persons) takes the nearest people until full; "
            "the others go to the nearest facility with room within the limit, or stay unserved; covered = all persons "
            "of the point placed, walk_m = the walk to the facility that took them.\n"
            "MODE 2: site selection: choose up to MAX_NEW of CANDIDATES to cover the most people (greedy plus "
            "swaps), stopping at TARGET_COVERAGE percent; the log reports the LP upper bound.\n\n"
            "Outputs: OUTPUT_DEMAND with facility_id, walk_m, walk_min, covered, persons, persons_assigned, "
            "persons_unserved; OUTPUT_FACILITIES with facility_id, capacity, in_service, is_new, snap_m, "
            "assigned_persons, load_ratio (assigned / capacity) and reachable_persons (persons within the limit of "
            "that facility); OUTPUT_TABLE per UNITS polygon with unit_id, population, covered, coverage_pct, "
            "capacity (of the facilities inside) and deficit = max(0, population - capacity); OUTPUT_AREAS: "
            "walking service area of each facility (street parts it serves within the limit, buffered by "
            "AREA_BUFFER_M)."
        ) + "\n\n" + al.help_paragraph()

    def initAlgorithm(self, config=None):  # noqa: N802
        def add(p, help_text, advanced=False):
            self.addParameter(set_help(p, help_text, advanced))

        add(QgsProcessingParameterFeatureSource(self.FACILITIES, tr("Facilities (shelters)"), [SOURCE_POINT, SOURCE_POLYGON]),
            tr("Existing shelters or facilities, points or polygons (polygons are attached by a point on their surface)."))
        add(QgsProcessingParameterField(self.CAPACITY_FIELD, tr("Capacity field (persons)"), parentLayerParameterName=self.FACILITIES,
                                        type=FIELD_NUMERIC, optional=True),
            tr("Persons each facility can take. Required for MODE 1; NULL or negative capacities leave the facility out."))
        add(QgsProcessingParameterField(self.FACILITY_ID_FIELD, tr("Facility id field"), parentLayerParameterName=self.FACILITIES,
                                        type=FIELD_ANY, optional=True),
            tr("Written to facility_id; the feature id is used when empty."))
        add(QgsProcessingParameterMapLayer(self.DEMAND, tr("Demand (population raster, points or polygons)"),
                                           types=[SOURCE_RASTER, SOURCE_POINT, SOURCE_POLYGON]),
            tr("Where people are: a population raster, or points / polygons with a population field."))
        add(field_of_map_layer(self.POPULATION_FIELD, tr("Population field (vector demand)"), self.DEMAND,
                                        type=FIELD_NUMERIC, optional=True),
            tr("Persons per demand feature. Required for vector demand; NULL or negative counts as 0."))
        self.add_population_unit_parameter()
        add(QgsProcessingParameterFeatureSource(self.ROADS, tr("Walkable streets"), [SOURCE_LINE]),
            tr("The street network (lines)."))
        add(QgsProcessingParameterField(self.ROAD_CLASS_FIELD, tr("Road class field"), parentLayerParameterName=self.ROADS,
                                        type=FIELD_ANY, optional=True),
            tr("The field with the road class (e.g. OSM highway), used with EXCLUDE_CLASSES."))
        add(QgsProcessingParameterString(self.EXCLUDE_CLASSES, tr("Road classes not walkable"), defaultValue=DEFAULT_EXCLUDE, optional=True),
            tr("Comma-separated classes left out of the walking network, e.g. motorway,trunk."))
        walking = load_standard("shelter_standards")["walking"]
        add(QgsProcessingParameterNumber(self.MAX_MINUTES, tr("Walking time limit (minutes)"), type=NUMBER_DOUBLE,
                                         defaultValue=float(walking["minutes"]), minValue=0.0),
            tr("Minutes of walking; with WALK_KMH it gives the walking limit."))
        add(QgsProcessingParameterNumber(self.WALK_KMH, tr("Walking speed (km/h)"), type=NUMBER_DOUBLE,
                                         defaultValue=float(walking["speed_kmh"]), minValue=0.0),
            tr("Walking speed, 4-5 km/h in practice."))
        add(QgsProcessingParameterNumber(self.MAX_DISTANCE_M, tr("Walking distance limit (m, overrides minutes)"), type=NUMBER_DOUBLE,
                                         defaultValue=0.0, minValue=0.0, optional=True),
            tr("If above 0, the walking limit in metres (e.g. 500 for emergency shelters)."))
        add(QgsProcessingParameterNumber(self.MAX_SNAP_M, tr("Maximum distance to a street (m)"), type=NUMBER_DOUBLE, defaultValue=500.0, minValue=0.0),
            tr("Facilities and people farther than this from every passable street are not connected."), True)
        add(QgsProcessingParameterNumber(self.SNAP_TOLERANCE_M, tr("Street join tolerance (m)"), type=NUMBER_DOUBLE, defaultValue=0.5, minValue=0.0),
            tr("Street end points or vertices closer than this are joined."), True)
        add(QgsProcessingParameterFeatureSource(self.HAZARD, tr("Hazard zones"), [SOURCE_POLYGON], optional=True),
            tr("Hazard zones with a level field (e.g. the output of Classify hazard)."))
        add(QgsProcessingParameterField(self.HAZARD_LEVEL_FIELD, tr("Hazard level field"), parentLayerParameterName=self.HAZARD,
                                        type=FIELD_NUMERIC, defaultValue="level", optional=True),
            tr("The field holding the hazard level (default 'level')."))
        add(QgsProcessingParameterNumber(self.BLOCK_LEVEL, tr("Blocking hazard level"), type=NUMBER_INTEGER, defaultValue=2, minValue=1),
            tr("Streets in zones at or above this level are impassable; facilities in them are out of service."))
        add(QgsProcessingParameterEnum(self.MODE, tr("Mode"), options=[tr("0 Nearest facility"), tr("1 Capacitated allocation"),
                                                                       tr("2 Site selection")], defaultValue=0),
            tr("MODE 0: everyone goes to the nearest reachable facility. MODE 1: facilities take people up to their "
               "capacity. MODE 2: choose new sites among CANDIDATES."))
        add(QgsProcessingParameterFeatureSource(self.CANDIDATES, tr("Candidate sites (site selection)"), [SOURCE_POINT, SOURCE_POLYGON], optional=True),
            tr("Possible new facility sites for MODE 2."))
        add(QgsProcessingParameterField(self.CANDIDATE_CAPACITY_FIELD, tr("Candidate capacity field (site selection)"),
                                        parentLayerParameterName=self.CANDIDATES, type=FIELD_NUMERIC, optional=True),
            tr("Persons each candidate site could take; gives the load ratio of the chosen sites."))
        add(QgsProcessingParameterNumber(self.MAX_NEW, tr("Maximum new sites (site selection)"), type=NUMBER_INTEGER, defaultValue=5, minValue=0),
            tr("At most this many candidates are chosen."))
        add(QgsProcessingParameterNumber(self.TARGET_COVERAGE, tr("Target coverage (%) (site selection)"), type=NUMBER_DOUBLE, defaultValue=0.0,
                                         minValue=0.0, maxValue=100.0),
            tr("Stop choosing sites once this percentage of the population is covered (0 = no target)."))
        self.add_unit_parameters(tr("Polygons (districts, neighbourhoods) for the summary table."),
                                 tr("Written to unit_id; the feature id is used when empty."))
        al.add_hierarchy_parameters(self)
        add(QgsProcessingParameterNumber(self.AREA_BUFFER_M, tr("Service area buffer (m)"), type=NUMBER_DOUBLE, defaultValue=25.0, minValue=0.1),
            tr("Half width of the band drawn around reachable streets for OUTPUT_AREAS."), True)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_DEMAND, tr("Demand coverage")))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_FACILITIES, tr("Facility load")))
        p = QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Coverage by unit"), type=SOURCE_TABLE, optional=True,
                                              createByDefault=False)
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSink(self.OUTPUT_AREAS, tr("Walking service areas"), type=SOURCE_POLYGON, optional=True,
                                              createByDefault=False)
        self.addParameter(p)

    # --- checks before the run ------------------------------------------------------------------
    def check_values(self, parameters, context):
        mode = self.parameterAsEnum(parameters, self.MODE, context)
        if mode == 1 and not self.parameterAsString(parameters, self.CAPACITY_FIELD, context):
            return tr("Capacitated allocation (MODE 1) needs the CAPACITY_FIELD.")
        if mode == 2 and self.parameterAsSource(parameters, self.CANDIDATES, context) is None:
            return tr("Site selection (MODE 2) needs a CANDIDATES layer with at least one site.")
        return None

    # --- read ----------------------------------------------------------------------------------------
    def _network(self, parameters, context, feedback, metric):
        roads_src = input_source(self, parameters, self.ROADS, context)
        class_field = self.parameterAsString(parameters, self.ROAD_CLASS_FIELD, context)
        roads = read_source(roads_src, [class_field] if class_field else [], metric, feedback=feedback, what=tr("streets"))
        report_reading(roads, tr("streets"), feedback)
        keep = None
        if class_field:
            excluded = {normalize_key(s) for s in (self.parameterAsString(parameters, self.EXCLUDE_CLASSES, context) or "").split(",") if s.strip()}
            keys = np.array([normalize_key(v) for v in roads.attrs[class_field]], dtype=object)
            keep = ~np.isin(keys, list(excluded))
            feedback.pushInfo(tr("{n} street(s) of the excluded classes are not walkable.").format(n=int((~keep).sum())))
        tolerance = self.parameterAsDouble(parameters, self.SNAP_TOLERANCE_M, context)
        net = nw.build_network(roads.geoms, tolerance=tolerance, keep=keep, feedback=feedback, crs=metric)
        nw.require_lines(net)
        rep = net.report
        feedback.pushInfo(tr("Street network: {nodes} nodes, {edges} edges, {comp} connected part(s); {zero} zero-length and "
                             "{dup} duplicate edge(s) merged.").format(nodes=net.n_nodes, edges=net.n_edges, comp=net.components()[0],
                                                                      zero=rep["zero_length"], dup=rep["duplicates"]))
        check_cancel(feedback)
        return net

    def _facilities(self, parameters, context, feedback, metric, mode):
        fac_src = self.parameterAsSource(parameters, self.FACILITIES, context)
        cap_field = self.parameterAsString(parameters, self.CAPACITY_FIELD, context)
        id_field = self.parameterAsString(parameters, self.FACILITY_ID_FIELD, context)
        fac = read_source(fac_src, [f for f in (cap_field, id_field) if f], metric, feedback=feedback, what=tr("facilities"))
        report_reading(fac, tr("facilities"), feedback)
        if len(fac) == 0:
            self.fail(tr("The facilities layer has no features with geometry."))
        capacity = None
        if cap_field:
            capacity, counts = cv.clean_capacity(fac.attrs[cap_field].to_numpy())
            if counts["null"]:
                feedback.pushWarning(tr("{n} facilit(ies) have no capacity (NULL); they are left out of the allocation.").format(n=counts["null"]))
            if counts["negative"]:
                feedback.pushWarning(tr("{n} facilit(ies) have a negative capacity; they are left out of the allocation.").format(n=counts["negative"]))
            if counts["zero"]:
                feedback.pushWarning(tr("{n} facilit(ies) have a capacity of 0 and take nobody.").format(n=counts["zero"]))
        if mode == 1 and not np.isfinite(capacity).any():
            self.fail(tr("No facility has a valid capacity (all NULL or negative): fill in CAPACITY_FIELD."))
        ids = (fac.attrs[id_field].astype(str).to_numpy() if id_field else fac.fids.astype(str)).astype(object)
        return fac_src, representative_points(fac.geoms), capacity, ids

    def _hazard(self, parameters, context, feedback, metric, net, fac_pts):
        hazard_src = self.parameterAsSource(parameters, self.HAZARD, context)
        if hazard_src is None:
            return None, np.ones(len(fac_pts), dtype=bool)
        lvl_field = self.parameterAsString(parameters, self.HAZARD_LEVEL_FIELD, context) or "level"
        block = self.parameterAsInt(parameters, self.BLOCK_LEVEL, context)
        hz = read_source(hazard_src, [lvl_field], metric, feedback=feedback, what=tr("hazard zones"))
        levels = pd.to_numeric(hz.attrs[lvl_field], errors="coerce").to_numpy(dtype=float)
        zones = hz.geoms[np.nan_to_num(levels, nan=-1) >= block]
        edge_mask = ~cv.edges_in_zones(net, zones)
        in_service = ~cv.points_in_zones(fac_pts, zones)
        feedback.pushInfo(tr("Hazard level >= {level}: {edges} street edge(s) impassable, {fac} facilit(ies) out of service.").format(
            level=block, edges=int((~edge_mask).sum()), fac=int((~in_service).sum())))
        return edge_mask, in_service

    def _candidates(self, parameters, context, feedback, metric):
        cand_src = self.parameterAsSource(parameters, self.CANDIDATES, context)
        if cand_src is None:
            self.fail(tr("Site selection (MODE 2) needs a CANDIDATES layer with at least one site."))
        cc_field = self.parameterAsString(parameters, self.CANDIDATE_CAPACITY_FIELD, context)
        cand = read_source(cand_src, [cc_field] if cc_field else [], metric, feedback=feedback, what=tr("candidates"))
        cand_cap = cv.clean_capacity(cand.attrs[cc_field].to_numpy())[0] if cc_field else None
        return representative_points(cand.geoms), np.array([f"new:{i}" for i in cand.fids], dtype=object), cand_cap

    def _read(self, parameters, context, feedback):
        """Everything the analysis needs, in the metric CRS."""
        mode = self.parameterAsEnum(parameters, self.MODE, context)
        fac_src = self.parameterAsSource(parameters, self.FACILITIES, context)
        roads_src = input_source(self, parameters, self.ROADS, context)
        if fac_src is None or roads_src is None:
            self.fail(tr("The facilities and the streets layers are required."))
        _qcrs, metric = working_crs([fac_src, roads_src], feedback)
        net = self._network(parameters, context, feedback, metric)
        fac_src, fac_pts, capacity, fac_ids = self._facilities(parameters, context, feedback, metric, mode)
        edge_mask, in_service = self._hazard(parameters, context, feedback, metric, net, fac_pts)
        demand = read_demand(self.parameterAsLayer(parameters, self.DEMAND, context), self.DEMAND, metric, feedback,
                             field=self.parameterAsString(parameters, self.POPULATION_FIELD, context),
                             unit=self.population_unit(parameters, context))
        if len(demand.points) == 0:
            self.fail(tr("The demand layer holds no population (no cell or feature with persons > 0)."))
        cand = self._candidates(parameters, context, feedback, metric) if mode == 2 else (None, None, None)
        return SimpleNamespace(mode=mode, metric=metric, net=net, fac_src=fac_src, fac_pts=fac_pts, capacity=capacity,
                               fac_ids=fac_ids, edge_mask=edge_mask, in_service=in_service, demand=demand,
                               cand_pts=cand[0], cand_ids=cand[1], cand_cap=cand[2])

    # --- run -------------------------------------------------------------------------------------
    def compute(self, parameters, context, feedback):
        limit = cv.walk_limit_m(self.parameterAsDouble(parameters, self.MAX_MINUTES, context),
                                self.parameterAsDouble(parameters, self.WALK_KMH, context),
                                self.parameterAsDouble(parameters, self.MAX_DISTANCE_M, context))
        feedback.pushInfo(tr("Walking limit: {m:.0f} m.").format(m=limit))
        x = self._read(parameters, context, feedback)
        max_snap = self.parameterAsDouble(parameters, self.MAX_SNAP_M, context) or None
        res = cv.shelter_coverage(x.net, x.fac_pts, x.capacity, x.demand.points, x.demand.persons, limit, mode=x.mode,
                                  edge_mask=x.edge_mask, in_service=x.in_service, max_snap_m=max_snap, candidates=x.cand_pts,
                                  candidate_capacity=x.cand_cap, max_new=self.parameterAsInt(parameters, self.MAX_NEW, context),
                                  target_coverage=self.parameterAsDouble(parameters, self.TARGET_COVERAGE, context) or None,
                                  feedback=feedback)
        self._log(res.report, x.mode, max_snap, feedback)
        return self._write(parameters, context, feedback, x, res, limit)

    @staticmethod
    def _log(rp, mode, max_snap, feedback):
        if rp["facilities_not_snapped"]:
            feedback.pushWarning(tr("{n} facilit(ies) are farther than {d:.0f} m from any passable street and serve nobody.").format(
                n=rp["facilities_not_snapped"], d=max_snap or 0))
        if rp["demand_not_snapped"]:
            feedback.pushWarning(tr("{n} demand point(s) ({p:.0f} persons) are farther than {d:.0f} m from any passable street: unserved.").format(
                n=rp["demand_not_snapped"], p=rp["persons_not_snapped"], d=max_snap or 0))
        if mode == 2 and rp.get("candidates_not_snapped"):
            feedback.pushWarning(tr("{n} candidate site(s) are farther than {d:.0f} m from any passable street and cannot be chosen.").format(
                n=rp["candidates_not_snapped"], d=max_snap or 0))
        if mode == 2:
            feedback.pushInfo(tr("Site selection: {k} site(s) chosen; covered persons {before:.0f} -> {after:.0f}.").format(
                k=rp["sites_chosen"], before=rp["covered_before"], after=rp["covered_after"]))
            if rp.get("lp_bound") is not None:
                gap = max(0.0, 100.0 * (rp["lp_bound"] - rp["covered_after"]) / max(rp["lp_bound"], 1e-9))
                feedback.pushInfo(tr("LP upper bound: {bound:.0f} persons; the chosen sites are within {gap:.1f} % of it.").format(
                    bound=rp["lp_bound"], gap=gap))
        feedback.pushInfo(tr("Covered: {cov:.0f} of {pop:.0f} persons ({pct:.1f} %).").format(
            cov=rp["covered_persons"], pop=rp["population"], pct=rp["coverage_pct"]))

    # --- write -----------------------------------------------------------------------------------
    def _write(self, parameters, context, feedback, x, res, limit):
        f = res.facilities
        ids, pts = x.fac_ids, np.asarray(x.fac_pts, dtype=object)
        if x.mode == 2:
            new = f["source_index"].to_numpy()[f["is_new"].to_numpy()]
            ids, pts = np.concatenate([ids, x.cand_ids[new]]), np.concatenate([pts, x.cand_pts[new]])
        results = {self.OUTPUT_DEMAND: self._write_demand(parameters, context, feedback, x.demand, res.demand, ids),
                   self.OUTPUT_FACILITIES: self._write_facilities(parameters, context, feedback, x, f, ids, pts)}
        if parameters.get(self.OUTPUT_TABLE):
            if self.parameterAsSource(parameters, self.UNITS, context) is None:
                feedback.pushWarning(tr("OUTPUT_TABLE needs UNITS polygons; the table was not written."))
            else:
                results[self.OUTPUT_TABLE] = self._write_table(parameters, context, feedback, x, res, pts)
        if parameters.get(self.OUTPUT_AREAS):
            results[self.OUTPUT_AREAS] = self._write_areas(parameters, context, feedback, x, res, ids, limit)
        self.style_output(context, results[self.OUTPUT_DEMAND], "coverage_demand")
        self.style_output(context, results[self.OUTPUT_FACILITIES], "facility_load")
        minutes = self.parameterAsDouble(parameters, self.MAX_MINUTES, context)
        limit_label = f"{limit:.0f} m" if self.parameterAsDouble(parameters, self.MAX_DISTANCE_M, context) > 0 else f"{minutes:g} min"
        for output, dest_id in results.items():  # "步行覆盖 · 10 min": two runs can be told apart
            self.name_output(context, dest_id, output, limit_label)
        return results

    def _write_demand(self, parameters, context, feedback, demand, d, ids):
        speed_m_min = self.parameterAsDouble(parameters, self.WALK_KMH, context) * 1000.0 / 60.0
        fac_of = d["facility"].to_numpy()
        ext_ids = np.append(ids, None)
        out = pd.DataFrame({
            "facility_id": ext_ids[np.where(fac_of >= 0, fac_of, len(ids))],
            "walk_m": d["walk_m"], "walk_min": d["walk_m"] / speed_m_min if speed_m_min > 0 else np.nan,
            "covered": d["covered"].astype(bool), "persons": d["persons"],
            "persons_assigned": d["persons_assigned"], "persons_unserved": d["persons_unserved"],
        })
        fields = make_fields([("facility_id", "string"), ("walk_m", "double"), ("walk_min", "double"), ("covered", "bool"),
                              ("persons", "double"), ("persons_assigned", "double"), ("persons_unserved", "double")])
        point = demand.kind == "point"
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_DEMAND, context, fields, WKB_POINT if point else WKB_MULTIPOLYGON,
                                          demand.layer.crs())
        write_features(sink, fields, demand.geoms if point else geo.to_multipolygon(demand.geoms), out, feedback)
        return dest

    def _write_facilities(self, parameters, context, feedback, x, f, ids, pts):
        out = pd.DataFrame({"facility_id": ids, "capacity": f["capacity"], "in_service": f["in_service"].astype(bool),
                            "is_new": f["is_new"].astype(bool), "snap_m": f["snap_m"], "assigned_persons": f["assigned_persons"],
                            "load_ratio": f["load_ratio"], "reachable_persons": f["reachable_persons"]})
        fields = make_fields([("facility_id", "string"), ("capacity", "double"), ("in_service", "bool"), ("is_new", "bool"),
                              ("snap_m", "double"), ("assigned_persons", "double"), ("load_ratio", "double"),
                              ("reachable_persons", "double")])
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_FACILITIES, context, fields, WKB_POINT, x.fac_src.sourceCrs())
        write_features(sink, fields, geo.transform(pts, x.metric, to_pyproj(x.fac_src.sourceCrs())), out, feedback)
        return dest

    def _write_table(self, parameters, context, feedback, x, res, pts):
        units_src = self.parameterAsSource(parameters, self.UNITS, context)
        uid_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context)
        extra = al.unit_fields(self, parameters, context)
        units = read_source(units_src, list(dict.fromkeys(([uid_field] if uid_field else []) + extra)), x.metric, feedback=feedback,
                            what=tr("units"))
        ids = units.attrs[uid_field].astype(str).to_numpy() if uid_field else units.fids.astype(str)
        levels = al.unit_levels(self, parameters, context, feedback, x.metric, ids, units.attrs, units.geoms)
        ugeoms = units.geoms if levels is None else units.geoms[levels.keep]
        f = res.facilities
        cap_used = np.where(f["in_service"].to_numpy(), f["capacity"].to_numpy(), np.nan)
        table = cv.unit_table(len(ugeoms), cv.assign_to_units(x.demand.points, ugeoms), x.demand.persons,
                              res.demand["persons_assigned"].to_numpy(), cv.assign_to_units(pts, ugeoms), cap_used)
        table.insert(0, "unit_id", ids if levels is None else levels.ids)
        head = [("unit_id", "string")]
        if levels is not None:  # coverage % and deficit recomputed from the summed persons and capacity
            table = al.roll_up(table, "unit_id", levels, additive=["population", "covered", "capacity"],
                               ratios={"coverage_pct": ("covered", "population", 100.0)},
                               derived={"deficit": lambda t: np.maximum(t["population"].to_numpy(float) - t["capacity"].to_numpy(float), 0.0)})
            head = al.HEAD
        fields = make_fields(head + [("population", "double"), ("covered", "double"), ("coverage_pct", "double"),
                                     ("capacity", "double"), ("deficit", "double")])
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, fields, WKB_NOGEOMETRY)
        write_features(sink, fields, None, table, feedback)
        return dest

    def _write_areas(self, parameters, context, feedback, x, res, ids, limit):
        areas = cv.service_areas(x.net, res.node_dist, res.node_facility, limit, len(res.facilities),
                                 buffer_m=self.parameterAsDouble(parameters, self.AREA_BUFFER_M, context),
                                 edge_mask=x.edge_mask, feedback=feedback)
        has = np.array([a is not None and not a.is_empty for a in areas], dtype=bool)
        kept = np.asarray([a for a, h in zip(areas, has) if h], dtype=object)
        geoms = geo.transform(geo.to_multipolygon(geo.polygonal_part(kept)), x.metric, to_pyproj(x.fac_src.sourceCrs()))
        table = pd.DataFrame({"facility_id": ids[has], "limit_m": limit, "area_m2": shapely.area(kept) if len(kept) else []})
        fields = make_fields([("facility_id", "string"), ("limit_m", "double"), ("area_m2", "double")])
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_AREAS, context, fields, WKB_MULTIPOLYGON, x.fac_src.sourceCrs())
        write_features(sink, fields, geoms, table, feedback)
        self.style_output(context, dest, "service_area")
        return dest
