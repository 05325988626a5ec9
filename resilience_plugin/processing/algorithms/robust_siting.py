"""resilience:robustsiting — Robust shelter site selection across hazard scenarios (多情景稳健选址)."""

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsVectorLayer,
)

from ...compat import (
    NUMBER_DOUBLE,
    NUMBER_INTEGER,
    SOURCE_POINT,
    SOURCE_POLYGON,
    SOURCE_TABLE,
    WKB_NOGEOMETRY,
    WKB_POINT,
    geometry_kind,
)
from ...core import coverage as cv
from ...core import evacuation as ev
from ...core import geometry as geo
from ...core import site_selection as ss
from ...core.standards import load_standard
from ...i18n import tr
from ...qgis_io.crs import to_pyproj, working_crs
from ...qgis_io.demand import representative_points
from ...qgis_io.vector import input_source, make_fields, read_source, report_reading, write_features
from .. import decision_inputs as di
from ..base import ResilienceAlgorithm


class RobustSiting(ResilienceAlgorithm):
    ALG_ID = "robustsiting"
    GROUP_ID = "facilities"
    ICON = "shelter_coverage.svg"

    FACILITIES = "FACILITIES"
    CANDIDATES = "CANDIDATES"
    SCENARIOS = "SCENARIOS"
    PROBABILITIES = "PROBABILITIES"
    OBJECTIVE = "OBJECTIVE"
    MAX_NEW = "MAX_NEW"
    MAX_DISTANCE_M = "MAX_DISTANCE_M"
    TIME_LIMIT = "TIME_LIMIT"
    OUTPUT_SITES = "OUTPUT_SITES"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    def display_name(self):
        return tr("Robust site selection across hazard scenarios")

    def tags(self):
        return [tr("site selection"), tr("shelter"), tr("scenario"), tr("optimisation"), "选址", "多情景", "避难场所"]

    def help_text(self):
        return tr(
            "Choose up to MAX_NEW of the CANDIDATES sites so that the most people can walk to a shelter (an existing "
            "FACILITIES one or a chosen site) within MAX_DISTANCE_M, in every hazard scenario.\n\n"
            "SCENARIOS: one hazard zoning per scenario (polygons with HAZARD_LEVEL_FIELD, e.g. a 20-year and a 100-year "
            "flood); in each, streets touching zones at or above BLOCK_LEVEL are closed and facilities and candidates inside "
            "them are out of service. Without scenarios, one scenario without hazard is used.\n"
            "OBJECTIVE: the worst case (maximise the coverage of the worst scenario) or the expected coverage (weighted by "
            "PROBABILITIES, comma-separated in scenario order; empty: equal).\n\n"
            "Method: walking distances on the ROADS network as in Walking coverage; maximal covering as a mixed-integer "
            "programme (scipy.optimize.milp, HiGHS branch and bound) stopped at TIME_LIMIT seconds; the log gives the "
            "optimality gap (0 % = proven optimal). For comparison, the greedy choice on the same objective (one best site "
            "at a time); when the solver stops at the time limit with a worse choice, the greedy one is kept.\n\n"
            "Outputs: OUTPUT_SITES (the candidates) with site_id, chosen, greedy_chosen; OUTPUT_TABLE with one row per "
            "scenario: scenario, probability, population, covered_before (existing facilities only), covered (with the "
            "chosen sites), covered_pct, covered_greedy (with the greedy sites)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        walking = load_standard("shelter_standards")["walking"]
        di.add(self, QgsProcessingParameterFeatureSource(self.FACILITIES, tr("Existing shelters"), [SOURCE_POINT, SOURCE_POLYGON],
                                                         optional=True),
               tr("Shelters that exist already (points or polygons); the people they reach count as covered."))
        di.add(self, QgsProcessingParameterFeatureSource(self.CANDIDATES, tr("Candidate sites"), [SOURCE_POINT, SOURCE_POLYGON]),
               tr("Possible new shelter sites (points or polygons)."))
        di.add_demand_parameters(self)
        di.add_street_parameters(self, walking["speed_kmh"])
        di.add(self, QgsProcessingParameterMultipleLayers(self.SCENARIOS, tr("Hazard scenarios (one zoning each)"), layerType=SOURCE_POLYGON,
                                                          optional=True),
               tr("One hazard zoning (polygons with a level field) per scenario."))
        di.add_hazard_parameters_level_only(self)
        di.add(self, QgsProcessingParameterString(self.PROBABILITIES, tr("Scenario probabilities"), optional=True),
               tr("Comma-separated weights, one per scenario in order, for the expected objective; empty: equal weights."))
        di.add(self, QgsProcessingParameterEnum(self.OBJECTIVE, tr("Objective"), options=[tr("Worst case"), tr("Expected coverage")],
                                                defaultValue=0),
               tr("0: maximise the coverage of the worst scenario; 1: maximise the probability-weighted coverage."))
        di.add(self, QgsProcessingParameterNumber(self.MAX_NEW, tr("Maximum new sites"), type=NUMBER_INTEGER, defaultValue=5, minValue=1),
               tr("At most this many candidates are chosen."))
        di.add(self, QgsProcessingParameterNumber(self.MAX_DISTANCE_M, tr("Walking distance limit (m)"), type=NUMBER_DOUBLE,
                                                  defaultValue=float(walking["emergency_radius_m"]), minValue=1.0),
               tr("A person is covered within this walk of a shelter (default 500 m: the emergency-shelter radius, about 10 minutes)."))
        di.add(self, QgsProcessingParameterNumber(self.TIME_LIMIT, tr("Time limit (s)"), type=NUMBER_DOUBLE, defaultValue=60.0, minValue=0.1),
               tr("The solver stops here with the best choice found and reports the optimality gap."), True)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_SITES, tr("Chosen sites"), type=SOURCE_POINT))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Coverage per scenario"), type=SOURCE_TABLE))

    def _probabilities(self, parameters, context, n):
        text = self.parameterAsString(parameters, self.PROBABILITIES, context)
        if not text or not text.strip():
            return np.full(n, 1.0 / n)
        parts = [p.strip() for p in text.split(",")]
        if len(parts) != n:
            self.fail(tr("PROBABILITIES lists {got} value(s) for {n} scenario(s): give one per scenario, in order.").format(got=len(parts), n=n))
        try:
            probs = np.array([float(p) for p in parts])
        except ValueError:
            self.fail(tr("PROBABILITIES must be numbers, e.g. 0.7,0.3; got '{text}'.").format(text=text))
        if (probs < 0).any() or probs.sum() <= 0 or not np.isfinite(probs).all():
            self.fail(tr("PROBABILITIES must be non-negative and not all zero; got '{text}'.").format(text=text))
        return probs / probs.sum()

    def compute(self, parameters, context, feedback):
        cand_src = self.parameterAsSource(parameters, self.CANDIDATES, context)
        roads_src = input_source(self, parameters, di.ROADS, context)
        if cand_src is None or roads_src is None:
            self.fail(tr("The candidate sites and the streets layers are required."))
        fac_src = self.parameterAsSource(parameters, self.FACILITIES, context)
        scen_layers = self.parameterAsLayerList(parameters, self.SCENARIOS, context)
        for layer in scen_layers:
            if not isinstance(layer, QgsVectorLayer) or geometry_kind(layer.wkbType()) != "polygon":
                self.fail(tr("The scenario layer '{name}' must hold hazard zones (polygons).").format(name=layer.name()))
        n_scen = max(len(scen_layers), 1)
        probs = self._probabilities(parameters, context, n_scen)
        _, metric = working_crs([cand_src, roads_src], feedback)
        limit = self.parameterAsDouble(parameters, self.MAX_DISTANCE_M, context)
        max_snap = self.parameterAsDouble(parameters, di.MAX_SNAP_M, context) or None
        block = self.parameterAsInt(parameters, di.BLOCK_LEVEL, context)
        objective = ss.OBJECTIVES[self.parameterAsEnum(parameters, self.OBJECTIVE, context)]
        k = self.parameterAsInt(parameters, self.MAX_NEW, context)

        cand = read_source(cand_src, [], metric, feedback=feedback, what=tr("candidates"))
        report_reading(cand, tr("candidates"), feedback)
        if len(cand) == 0:
            self.fail(tr("The candidate sites layer has no features with geometry."))
        cand_pts = representative_points(cand.geoms)
        fac_pts = np.zeros(0, dtype=object)
        if fac_src is not None:
            fac = read_source(fac_src, [], metric, feedback=feedback, what=tr("facilities"))
            fac_pts = representative_points(fac.geoms)
        net = di.read_network(self, parameters, context, feedback, roads_src, metric)
        _, _, d_pts, persons, _ = di.read_demand(self, parameters, context, feedback, metric)
        if len(d_pts) == 0 or persons.sum() <= 0:
            self.fail(tr("The demand layer holds no population (no cell or feature with persons > 0)."))

        lvl_field = self.parameterAsString(parameters, di.HAZARD_LEVEL_FIELD, context) or "level"
        scenarios, names = [], []
        for s_i in range(n_scen):
            edge_mask, f_ok, c_ok = None, np.ones(len(fac_pts), dtype=bool), np.ones(len(cand_pts), dtype=bool)
            name = tr("no hazard")
            if scen_layers:
                layer = scen_layers[s_i]
                name = layer.name()
                if layer.fields().lookupField(lvl_field) < 0:
                    self.fail(tr("The scenario layer '{name}' has no field '{field}': choose the HAZARD_LEVEL_FIELD.").format(
                        name=name, field=lvl_field))
                hz = read_source(layer, [lvl_field], metric, feedback=feedback, what=name)
                levels = pd.to_numeric(hz.attrs[lvl_field], errors="coerce").to_numpy(dtype=float)
                zones = hz.geoms[np.nan_to_num(levels, nan=-1) >= block]
                edge_mask = ~cv.edges_in_zones(net, zones)
                f_ok = ev.zone_level(fac_pts, zones, np.ones(len(zones))) < 1
                c_ok = ev.zone_level(cand_pts, zones, np.ones(len(zones))) < 1
                feedback.pushInfo(tr("Scenario '{name}': {edges} street edge(s) closed, {fac} existing shelter(s) and {cand} candidate(s) "
                                     "out of service.").format(name=name, edges=int((~edge_mask).sum()), fac=int((~f_ok).sum()),
                                                               cand=int((~c_ok).sum())))
            cover, covered0, off = ss.coverage_problem(net, fac_pts, f_ok, d_pts, cand_pts, c_ok, limit, edge_mask=edge_mask,
                                                       max_snap_m=max_snap, feedback=feedback)
            if off["candidates"]:
                feedback.pushWarning(tr("Scenario '{name}': {n} candidate site(s) are farther than {d:.0f} m from any passable street "
                                        "and cannot be chosen there.").format(name=name, n=off["candidates"], d=max_snap or 0))
            if off["demand"].any():
                feedback.pushWarning(tr("Scenario '{name}': {n} demand point(s) ({p:.0f} persons) are farther than {d:.0f} m from any "
                                        "passable street and count as not covered.").format(
                    name=name, n=int(off["demand"].sum()), p=float(persons[off["demand"]].sum()), d=max_snap or 0))
            scenarios.append(ss.Scenario(cover, covered0, float(probs[s_i])))
            names.append(name)
            if feedback.isCanceled():
                self.fail(tr("Cancelled by the user; no output was written."))

        time_limit = self.parameterAsDouble(parameters, self.TIME_LIMIT, context)
        greedy = ss.greedy_robust(scenarios, persons, k, objective)
        res = ss.max_covering(scenarios, persons, k, objective=objective, time_limit=time_limit, incumbent=greedy)
        greedy_per = ss.evaluate(scenarios, persons, greedy)
        g_value = float(greedy_per.min()) if objective == "worst" else float(probs @ greedy_per)
        if res.optimal:
            feedback.pushInfo(tr("Optimal choice of {n} site(s) (proven, gap {gap:.2f} %): objective {value:.0f} persons.").format(
                n=len(res.chosen), gap=res.gap_pct, value=res.objective))
        elif res.report["incumbent_kept"]:
            feedback.pushWarning(tr("The solver stopped at the time limit ({status}) without beating the greedy choice: the greedy sites "
                                    "are kept ({value:.0f} persons, at most {gap:.1f} % below the best possible, {bound:.0f}). Raise "
                                    "TIME_LIMIT for a better choice.").format(
                status=res.status, value=res.objective, gap=res.gap_pct, bound=res.bound))
        else:
            feedback.pushWarning(tr("The solver stopped at the time limit ({status}): {n} site(s), objective {value:.0f} persons, at most "
                                    "{gap:.1f} % below the best possible ({bound:.0f}).").format(
                status=res.status, n=len(res.chosen), value=res.objective, gap=res.gap_pct, bound=res.bound))
        feedback.pushInfo(tr("Greedy choice on the same objective: {value:.0f} persons ({diff:.0f} fewer).").format(
            value=g_value, diff=res.objective - g_value))

        chosen = np.zeros(len(cand_pts), dtype=bool)
        chosen[res.chosen] = True
        g_chosen = np.zeros(len(cand_pts), dtype=bool)
        g_chosen[greedy] = True
        s_fields = make_fields([("site_id", "string"), ("chosen", "bool"), ("greedy_chosen", "bool")])
        sink, s_id = self.parameterAsSink(parameters, self.OUTPUT_SITES, context, s_fields, WKB_POINT, cand_src.sourceCrs())
        write_features(sink, s_fields, geo.transform(cand_pts, metric, to_pyproj(cand_src.sourceCrs())),
                       pd.DataFrame({"site_id": cand.fids.astype(str), "chosen": chosen, "greedy_chosen": g_chosen}), feedback)
        total = float(persons.sum())
        per = res.report["per_scenario"]
        table = pd.DataFrame({"scenario": names, "probability": probs, "population": total, "covered_before": res.report["base"],
                              "covered": per, "covered_pct": 100.0 * per / total, "covered_greedy": greedy_per})
        t_fields = make_fields([("scenario", "string"), ("probability", "double"), ("population", "double"), ("covered_before", "double"),
                                ("covered", "double"), ("covered_pct", "double"), ("covered_greedy", "double")])
        sink, t_id = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, t_fields, WKB_NOGEOMETRY)
        write_features(sink, t_fields, None, table, feedback)
        self.style_output(context, s_id, "chosen_sites")
        return {self.OUTPUT_SITES: s_id, self.OUTPUT_TABLE: t_id}
