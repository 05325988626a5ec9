"""resilience:evacuationplan — Evacuation and resettlement plan (人口转移安置)."""

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
)

from ...compat import (
    NUMBER_DOUBLE,
    NUMBER_INTEGER,
    SOURCE_LINE,
    SOURCE_POINT,
    SOURCE_TABLE,
    WKB_MULTILINESTRING,
    WKB_NOGEOMETRY,
    WKB_POINT,
)
from ...core import coverage as cv
from ...core import evacuation as ev
from ...core import geometry as geo
from ...core.standards import load_standard
from ...i18n import tr
from ...qgis_io.crs import to_pyproj, working_crs
from ...qgis_io.demand import representative_points
from ...qgis_io.vector import input_source, make_fields, read_source, write_features
from .. import decision_inputs as di
from ..base import ResilienceAlgorithm


def reason_text(code):
    """The translated reason for an origin's unplaced persons."""
    return {
        ev.REASON_PLACED: tr("placed"),
        ev.REASON_NOT_ON_NETWORK: tr("farther than MAX_SNAP_M from every passable street"),
        ev.REASON_NO_SHELTER: tr("no usable shelter within the walking limit"),
        ev.REASON_FULL: tr("the shelters in reach are full"),
    }[code]


class EvacuationPlan(ResilienceAlgorithm):
    ALG_ID = "evacuationplan"
    GROUP_ID = "facilities"
    ICON = "shelter_coverage.svg"

    SHELTERS = di.SHELTERS
    CAPACITY_FIELD = "CAPACITY_FIELD"
    SHELTER_ID_FIELD = di.SHELTER_ID_FIELD
    EVACUATE_LEVEL = "EVACUATE_LEVEL"
    MAX_DISTANCE_M = "MAX_DISTANCE_M"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    OUTPUT_ORIGINS = "OUTPUT_ORIGINS"
    OUTPUT_SHELTERS = "OUTPUT_SHELTERS"
    OUTPUT_FLOWS = "OUTPUT_FLOWS"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    def display_name(self):
        return tr("Evacuation and resettlement plan")

    def tags(self):
        return [tr("evacuation"), tr("shelter"), tr("allocation"), tr("linear programming"), "人口转移安置", "避难场所", "疏散"]

    def help_text(self):
        return tr(
            "Who must move, to which shelter, and who cannot be placed (人口转移安置).\n\n"
            "Who must move: the persons of DEMAND (a population raster, or points / polygons with POPULATION_FIELD) "
            "inside HAZARD zones of level ≥ EVACUATE_LEVEL; a demand point takes the highest level of the zones it "
            "touches.\n"
            "Where they go: SHELTERS with a capacity (CAPACITY_FIELD, persons; NULL, negative or text capacities leave "
            "the shelter out and are counted in the log) that lie outside every zone of level ≥ EVACUATE_LEVEL, over the "
            "ROADS network with the streets touching zones of level ≥ BLOCK_LEVEL closed, within MAX_DISTANCE_M of walking "
            "(the snap to the nearest passable street + along the streets + the shelter's snap).\n\n"
            "Method: the walking distance of every origin-shelter pair within the limit (one limited Dijkstra per shelter); "
            "then a transportation linear programme (HiGHS, scipy.optimize.linprog) places the most persons the capacities "
            "allow and, with that many placed, minimises the total person-metres walked. Beside it, the greedy "
            "'nearest shelter with room' plan of Walking coverage (MODE 1); the log compares the two for the same number "
            "of persons placed.\n\n"
            "Outputs: OUTPUT_ORIGINS (points) with origin_id, level, persons, placed, unplaced, shelter_id (the shelter "
            "taking most of them), walk_m and walk_min (person-weighted mean walk), max_walk_m, n_shelters (an origin may "
            "be split), reason (code) and reason_text (why persons are unplaced: placed / not_on_network / "
            "no_shelter_in_reach / shelters_full), and greedy_placed, greedy_shelter_id, greedy_walk_m; "
            "OUTPUT_SHELTERS with shelter_id, capacity, usable, load (persons assigned), load_ratio, spare and greedy_load; "
            "OUTPUT_FLOWS: a straight line from each origin to each shelter it sends persons to, with persons and walk_m "
            "(the network distance); OUTPUT_TABLE per UNITS polygon: to_move (and to_move_l<level> per hazard level), "
            "placed, unplaced, mean_walk_m, max_walk_m, capacity (of the usable shelters inside) and "
            "capacity_deficit = max(0, to_move - capacity). A run that fails writes nothing."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        shelters = load_standard("shelter_standards")
        di.add_shelter_parameters(self, self.CAPACITY_FIELD, tr("Capacity field (persons)"),
                                  tr("Persons each shelter can take. NULL, negative or non-numeric values leave the shelter out (counted in "
                                     "the log)."))
        di.add_demand_parameters(self)
        di.add_hazard_parameters(self, False, 3, tr("Streets touching zones at or above this level are impassable."))
        di.add(self, QgsProcessingParameterNumber(self.EVACUATE_LEVEL, tr("Evacuation hazard level"), type=NUMBER_INTEGER,
                                                  defaultValue=2, minValue=1),
               tr("Persons in zones at or above this level must move; shelters in such zones are not used."))
        di.add_street_parameters(self, shelters["walking"]["speed_kmh"])
        radius = float(shelters["classes"]["short_term"]["service_radius_m"])
        di.add(self, QgsProcessingParameterNumber(self.MAX_DISTANCE_M, tr("Walking distance limit (m)"), type=NUMBER_DOUBLE,
                                                  defaultValue=radius, minValue=1.0),
               tr("Nobody is sent farther than this. Default: the service radius of short-term fixed shelters in "
                  "resources/standards/shelter_standards.json (1000 m, commonly quoted for GB 51143-2015, not verified)."))
        self.add_unit_parameters(tr("Polygons (districts, neighbourhoods) for the summary table."),
                                 tr("Written to unit_id; the feature id is used when empty."))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_ORIGINS, tr("Evacuees and their shelter"), type=SOURCE_POINT))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_SHELTERS, tr("Shelter load (evacuation)"), type=SOURCE_POINT))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_FLOWS, tr("Evacuation flows"), type=SOURCE_LINE))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Evacuation by unit"), type=SOURCE_TABLE, optional=True,
                                                            createByDefault=False))

    def compute(self, parameters, context, feedback):
        shel_src = self.parameterAsSource(parameters, self.SHELTERS, context)
        roads_src = input_source(self, parameters, di.ROADS, context)
        hazard_src = self.parameterAsSource(parameters, di.HAZARD, context)
        if shel_src is None or roads_src is None or hazard_src is None:
            self.fail(tr("The shelters, hazard zones and streets layers are required."))
        units_src = self.parameterAsSource(parameters, self.UNITS, context)
        _, metric = working_crs([shel_src, roads_src], feedback)
        limit = self.parameterAsDouble(parameters, self.MAX_DISTANCE_M, context)
        speed_m_min = self.parameterAsDouble(parameters, di.WALK_KMH, context) * 1000.0 / 60.0
        evac_level = self.parameterAsInt(parameters, self.EVACUATE_LEVEL, context)
        block_level = self.parameterAsInt(parameters, di.BLOCK_LEVEL, context)
        max_snap = self.parameterAsDouble(parameters, di.MAX_SNAP_M, context) or None

        # shelters and their capacity
        cap_field = self.parameterAsString(parameters, self.CAPACITY_FIELD, context)
        shel, cap_values, shel_ids = di.read_shelters(
            self, parameters, context, feedback, shel_src, metric, self.CAPACITY_FIELD,
            tr("Choose the CAPACITY_FIELD of the shelters layer (persons each shelter can take)."))
        capacity, counts = ev.clean_capacity(cap_values)
        self._report_capacity(counts, cap_field, feedback)
        if not (np.isfinite(capacity) & (capacity > 0)).any():
            self.fail(tr("No shelter has a usable capacity in '{field}' (all NULL, negative, zero or text): fill in the CAPACITY_FIELD.").format(
                field=cap_field))
        shel_pts = representative_points(shel.geoms)

        # hazard: who must move, closed streets, shelters out of service
        zones, levels = di.read_hazard(self, parameters, context, feedback, hazard_src, metric)
        net = di.read_network(self, parameters, context, feedback, roads_src, metric)
        edge_mask = ~cv.edges_in_zones(net, zones[np.nan_to_num(levels, nan=-1) >= block_level])
        shelter_ok = ev.zone_level(shel_pts, zones, levels) < evac_level
        feedback.pushInfo(tr("Hazard level >= {level}: {edges} street edge(s) closed; {fac} shelter(s) inside zones of level >= {evac} "
                             "are not used.").format(level=block_level, edges=int((~edge_mask).sum()), fac=int((~shelter_ok).sum()),
                                                     evac=evac_level))
        demand_layer, d_src_pts, d_pts, persons, d_ids = di.read_demand(self, parameters, context, feedback, metric)
        d_level = ev.zone_level(d_pts, zones, levels)
        move = (d_level >= evac_level) & (persons > 0)
        if not move.any():
            self.fail(tr("Nobody lives in hazard zones of level >= {level}: there is no one to evacuate. Check EVACUATE_LEVEL and "
                         "the HAZARD_LEVEL_FIELD.").format(level=evac_level))
        feedback.pushInfo(tr("{p:.0f} persons at {n} place(s) must move.").format(p=float(persons[move].sum()), n=int(move.sum())))
        if feedback.isCanceled():
            self.fail(tr("Cancelled by the user; no output was written."))

        plan = ev.plan_evacuation(net, d_pts[move], persons[move], shel_pts, capacity, limit, edge_mask=edge_mask,
                                  shelter_ok=shelter_ok, max_snap_m=max_snap, feedback=feedback)
        self._report_plan(plan.report, limit, max_snap, feedback)

        # outputs (only now: nothing is written when a check above fails)
        o = plan.origins
        ext_ids = np.append(shel_ids, None)

        def sid(index):
            index = np.asarray(index)
            return ext_ids[np.where(index >= 0, index, len(shel_ids))]

        out_o = pd.DataFrame({
            "origin_id": d_ids[move], "level": d_level[move].astype(np.int64), "persons": o["persons"], "placed": o["placed"],
            "unplaced": o["unplaced"], "shelter_id": sid(o["shelter"]), "walk_m": o["walk_m"],
            "walk_min": o["walk_m"] / speed_m_min if speed_m_min > 0 else np.nan, "max_walk_m": o["max_walk_m"],
            "n_shelters": o["n_shelters"], "reason": o["reason"], "reason_text": [reason_text(r) for r in o["reason"]],
            "greedy_placed": o["greedy_placed"], "greedy_shelter_id": sid(o["greedy_shelter"]), "greedy_walk_m": o["greedy_walk_m"],
        })
        o_fields = make_fields([("origin_id", "string"), ("level", "int"), ("persons", "double"), ("placed", "double"),
                                ("unplaced", "double"), ("shelter_id", "string"), ("walk_m", "double"), ("walk_min", "double"),
                                ("max_walk_m", "double"), ("n_shelters", "int"), ("reason", "string"), ("reason_text", "string"),
                                ("greedy_placed", "double"), ("greedy_shelter_id", "string"), ("greedy_walk_m", "double")])
        d_crs = demand_layer.crs()
        sink, o_id = self.parameterAsSink(parameters, self.OUTPUT_ORIGINS, context, o_fields, WKB_POINT, d_crs)
        write_features(sink, o_fields, d_src_pts[move], out_o, feedback)

        s = plan.shelters
        out_s = pd.DataFrame({"shelter_id": shel_ids, "capacity": s["capacity"], "usable": s["usable"].astype(bool), "load": s["load"],
                              "load_ratio": s["load_ratio"], "spare": np.where(s["usable"], s["capacity"] - s["load"], np.nan),
                              "greedy_load": s["greedy_load"]})
        s_fields = make_fields([("shelter_id", "string"), ("capacity", "double"), ("usable", "bool"), ("load", "double"),
                                ("load_ratio", "double"), ("spare", "double"), ("greedy_load", "double")])
        sink, s_id = self.parameterAsSink(parameters, self.OUTPUT_SHELTERS, context, s_fields, WKB_POINT, shel_src.sourceCrs())
        write_features(sink, s_fields, geo.transform(shel_pts, metric, to_pyproj(shel_src.sourceCrs())), out_s, feedback)

        used = plan.optimal.flow > ev.EPS
        po, ps = plan.pair_origin[used], plan.pair_shelter[used]
        d_crs_py = to_pyproj(d_crs)
        shel_in_d = geo.transform(shel_pts, metric, d_crs_py)
        origin_pts = d_src_pts[move]
        lines = shapely.linestrings(np.stack([shapely.get_coordinates(origin_pts[po]), shapely.get_coordinates(shel_in_d[ps])], axis=1)) \
            if len(po) else np.zeros(0, dtype=object)
        out_f = pd.DataFrame({"origin_id": d_ids[move][po], "shelter_id": shel_ids[ps], "persons": plan.optimal.flow[used],
                              "walk_m": plan.pair_m[used]})
        f_fields = make_fields([("origin_id", "string"), ("shelter_id", "string"), ("persons", "double"), ("walk_m", "double")])
        sink, f_id = self.parameterAsSink(parameters, self.OUTPUT_FLOWS, context, f_fields, WKB_MULTILINESTRING, d_crs)
        write_features(sink, f_fields, lines, out_f, feedback)
        results = {self.OUTPUT_ORIGINS: o_id, self.OUTPUT_SHELTERS: s_id, self.OUTPUT_FLOWS: f_id}

        if parameters.get(self.OUTPUT_TABLE):
            if units_src is None:
                feedback.pushWarning(tr("OUTPUT_TABLE needs UNITS polygons; the table was not written."))
            else:
                results[self.OUTPUT_TABLE] = self._unit_table(parameters, context, feedback, units_src, metric, d_pts[move],
                                                              d_level[move], plan, shel_pts, evac_level)
        self.style_output(context, o_id, "evacuation_origins")
        self.style_output(context, s_id, "facility_load")
        self.style_output(context, f_id, "evacuation_flows")
        return results

    def _unit_table(self, parameters, context, feedback, units_src, metric, origin_pts, origin_level, plan, shel_pts, evac_level):
        uid_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context)
        units = read_source(units_src, [uid_field] if uid_field else [], metric, feedback=feedback, what=tr("units"))
        levels = sorted({int(v) for v in origin_level if v >= evac_level})
        table = ev.unit_summary(len(units), cv.assign_to_units(origin_pts, units.geoms), origin_level, plan,
                                cv.assign_to_units(shel_pts, units.geoms), levels)
        table.insert(0, "unit_id", units.attrs[uid_field].astype(str).to_numpy() if uid_field else units.fids.astype(str))
        spec = [("unit_id", "string")] + [(c, "double") for c in table.columns[1:]]
        fields = make_fields(spec)
        sink, t_id = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, fields, WKB_NOGEOMETRY)
        write_features(sink, fields, None, table, feedback)
        return t_id

    @staticmethod
    def _report_capacity(counts, field, feedback):
        if counts["null"]:
            feedback.pushWarning(tr("{n} shelter(s) have no capacity (NULL) in '{field}'; they are not used.").format(n=counts["null"], field=field))
        if counts["text"]:
            feedback.pushWarning(tr("{n} shelter(s) have a capacity in '{field}' that is not a number; they are not used.").format(
                n=counts["text"], field=field))
        if counts["negative"]:
            feedback.pushWarning(tr("{n} shelter(s) have a negative capacity in '{field}'; they are not used.").format(
                n=counts["negative"], field=field))
        if counts["zero"]:
            feedback.pushWarning(tr("{n} shelter(s) have a capacity of 0 and take nobody.").format(n=counts["zero"]))

    @staticmethod
    def _report_plan(rp, limit, max_snap, feedback):
        if rp["shelters_not_snapped"]:
            feedback.pushWarning(tr("{n} shelter(s) are farther than {d:.0f} m from any passable street and take nobody.").format(
                n=rp["shelters_not_snapped"], d=max_snap or 0))
        if rp["origins_not_snapped"]:
            feedback.pushWarning(tr("{n} place(s) with {p:.0f} persons to move are farther than {d:.0f} m from any passable street: "
                                    "unplaced.").format(n=rp["origins_not_snapped"], p=rp["persons_not_snapped"], d=max_snap or 0))
        if rp["pairs"] == 0:
            feedback.pushWarning(tr("No usable shelter is within {d:.0f} m of anyone who must move ({usable} usable shelter(s)): all "
                                    "{p:.0f} persons are unplaced. Add shelters, raise MAX_DISTANCE_M or check the blocked streets.").format(
                d=limit, usable=rp["shelters_usable"], p=rp["persons"]))
        feedback.pushInfo(tr("Optimal plan (LP): {placed:.0f} of {total:.0f} persons placed, {pkm:.1f} person-km walked, mean walk "
                             "{mean:.0f} m; {unplaced:.0f} unplaced.").format(
            placed=rp["lp_placed"], total=rp["persons"], pkm=rp["lp_person_m"] / 1000.0,
            mean=rp["lp_person_m"] / rp["lp_placed"] if rp["lp_placed"] > 0 else 0.0, unplaced=rp["lp_unplaced"]))
        feedback.pushInfo(tr("Greedy nearest shelter with room: {placed:.0f} persons placed, {pkm:.1f} person-km walked; {unplaced:.0f} "
                             "unplaced.").format(placed=rp["greedy_placed"], pkm=rp["greedy_person_m"] / 1000.0,
                                                 unplaced=rp["greedy_unplaced"]))
        feedback.pushInfo(tr("Placing the same {placed:.0f} persons as greedy, the optimal plan walks {saved:.1f} person-km "
                             "({pct:.1f} %) less.").format(placed=rp["greedy_placed"], saved=rp["saved_person_m"] / 1000.0,
                                                          pct=rp["saved_pct"]))
