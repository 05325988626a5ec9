"""resilience:cascade — Cascading failures across lifeline systems (生命线级联失效)."""

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsExpression,
    QgsFeatureRequest,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...compat import (
    NUMBER_INTEGER,
    REQUEST_NO_GEOMETRY,
    SOURCE_TABLE,
    WKB_MULTILINESTRING,
    WKB_MULTIPOLYGON,
    WKB_NOGEOMETRY,
    WKB_POINT,
)
from ...core import cascade as core
from ...core import geometry as geo
from ...core.errors import check_cancel
from ...core.towers import unit_of
from ...i18n import tr
from ...qgis_io.crs import to_pyproj
from ...qgis_io.vector import make_fields, read_source, write_features
from ..assets import add_asset_parameters, read_assets, to_multi_lines
from ..base import ResilienceAlgorithm

TABLE_SPEC = [("unit_id", "string"), ("system", "string"), ("persons", "double"), ("without_mean", "double"),
              ("without_p05", "double"), ("without_p95", "double"), ("share_without", "double")]

class Cascade(ResilienceAlgorithm):
    ALG_ID = "cascade"
    GROUP_ID = "lifelines"
    ICON = "lifeline_exposure.svg"

    ASSETS = "ASSETS"
    CLASS_FIELD = "CLASS_FIELD"
    ID_FIELD = "ID_FIELD"
    POPULATION_FIELD = "POPULATION_FIELD"
    DEPENDENCIES = "DEPENDENCIES"
    MODE = "MODE"
    P_FIELD = "P_FIELD"
    FAILED_IDS = "FAILED_IDS"
    FAILED_EXPRESSION = "FAILED_EXPRESSION"
    RUNS = "RUNS"
    SEED = "SEED"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    OUTPUT_POINTS = "OUTPUT_POINTS"
    OUTPUT_LINES = "OUTPUT_LINES"
    OUTPUT_POLYGONS = "OUTPUT_POLYGONS"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    def display_name(self):
        return tr("Cascading failures across lifelines")

    def help_text(self):
        return tr(
            "Which assets and how many people lose power, water, telecom or road access when lifeline assets fail and the "
            "failures spread from one system to the next (生命线级联失效).\n\n"
            "ASSETS: the layers of every system and of the demand, e.g. substations, power lines, water plants, pump stations, "
            "pipes, telecom sites, roads, people (points or polygons with a population field), hospitals and shelters. Each "
            "feature's class is read from CLASS_FIELD (default asset_class) or, where the layer has no such field, is the layer "
            "name; classes and systems are those of the dependency table. Ids come from ID_FIELD (default asset_id; otherwise "
            "layer:feature id) and must be unique.\n\n"
            "DEPENDENCIES: the editable JSON table (default resources/standards/dependencies.json, an example to adapt) of rules "
            "'a <dependent> needs a <needs>': the nearest asset of that class (optionally within max_distance_m), any asset of "
            "that class within max_distance_m (e.g. a hospital reached over any road within 200 m), the supplier id written "
            "in a field of the dependent (e.g. a pump station's power_from substation), with the nearest as fallback, or a "
            "path of working lines of a 'via' class joining it to a working supplier (e.g. people get water while the pipes "
            "from a working pump station reach them). An asset "
            "works while it has not failed itself and every rule that applies to it has a working supplier; failures spread "
            "until nothing changes. Rules whose needed class is not among the inputs are skipped.\n\n"
            "MODE: Monte Carlo (RUNS runs, SEED) draws each asset's failure independently from P_FIELD (e.g. p_fail of Lifeline "
            "exposure or p_line of Power lines from their towers; empty = 0), all runs propagated at once; or one scenario: "
            "the ids listed in FAILED_IDS, or the features where FAILED_EXPRESSION is true (e.g. \"max_level\" >= 3 or "
            "\"p_ds3\" >= 0.5, evaluated on each layer that has those fields).\n\n"
            "Outputs (points, lines, polygons by geometry): asset_id, asset_class, system, layer, failed_direct and "
            "failed_cascade (0/1 in a scenario, share of runs in Monte Carlo), out_of_service (their sum), no_<system> (the "
            "asset's supply from that system is lost), persons and, in a scenario, round (0 direct, k: failed in round k) and "
            "chain (the chain that failed it, e.g. P1 <- S1 <- L1 (direct)). Hospitals and shelters out of service are "
            "listed in the log. OUTPUT_TABLE: per unit (UNITS, by the demand's inside point) and system: persons, persons "
            "without the system (mean, 5 % and 95 % of the runs) and their share."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        add_asset_parameters(self)
        p = QgsProcessingParameterEnum(self.MODE, tr("Failures"), options=[tr("Monte Carlo from failure probabilities"),
                                                                          tr("Scenario: failed ids"), tr("Scenario: expression")], defaultValue=0)
        p.setHelp(tr("Sample failures from P_FIELD over RUNS runs, or one scenario from FAILED_IDS or FAILED_EXPRESSION."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.P_FIELD, tr("Failure probability field"), defaultValue="p_fail", optional=True)
        p.setHelp(tr("Field with each asset's failure probability (0-1) for Monte Carlo; missing or empty counts as 0."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.FAILED_IDS, tr("Failed asset ids"), optional=True)
        p.setHelp(tr("Ids of the assets that fail in the scenario, separated by commas."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.FAILED_EXPRESSION, tr("Failed assets (expression)"), optional=True)
        p.setHelp(tr("QGIS expression true for failed assets, e.g. \"max_level\" >= 3; evaluated on every layer that has its fields."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.RUNS, tr("Monte Carlo runs"), type=NUMBER_INTEGER, defaultValue=1000, minValue=1, maxValue=1_000_000)
        p.setHelp(tr("Number of sampled scenarios. The standard error of a share is about sqrt(p(1-p)/runs)."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.SEED, tr("Random seed"), type=NUMBER_INTEGER, defaultValue=1, minValue=0)
        p.setHelp(tr("The same seed gives the same runs."))
        self.addParameter(self.advanced(p))
        self.add_unit_parameters(tr("Polygons (districts, sub-districts) for the table of persons without service."),
                                 tr("Field naming each unit in the table. Empty: the feature id."))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_POINTS, tr("Cascade: point assets")))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_LINES, tr("Cascade: line assets")))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_POLYGONS, tr("Cascade: polygon assets")))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Persons without service"), type=SOURCE_TABLE))

    def _failed_scenario(self, parameters, context, mode, parts, ids, feedback):
        n = len(ids)
        failed = np.zeros(n, bool)
        if mode == 1:
            text = self.parameterAsString(parameters, self.FAILED_IDS, context) or ""
            wanted = [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]
            if not wanted:
                self.fail(tr("Give the FAILED_IDS of the scenario (ids separated by commas)."))
            lut = {v: i for i, v in enumerate(ids)}
            unknown = [w for w in wanted if w not in lut]
            if unknown:
                self.fail(tr("FAILED_IDS names assets that are not in the layers: {ids}.").format(ids=", ".join(unknown[:20])))
            failed[[lut[w] for w in wanted]] = True
            return failed
        text = (self.parameterAsString(parameters, self.FAILED_EXPRESSION, context) or "").strip()
        expr = QgsExpression(text)
        if not text or expr.hasParserError():
            self.fail(tr("The FAILED_EXPRESSION is empty or does not parse: {error}. Example: \"max_level\" >= 3").format(error=expr.parserErrorString()))
        offset = 0
        used = 0
        for part in parts:
            layer, d = part["layer"], part["data"]
            names = [f.name() for f in layer.fields()]
            missing = [c for c in expr.referencedColumns() if c not in names and c != QgsFeatureRequest.ALL_ATTRIBUTES]
            if missing:
                feedback.pushInfo(tr("Layer '{layer}' lacks the fields {names} of the expression: none of its assets fails directly.").format(
                    layer=layer.name(), names=", ".join(sorted(missing))))
            else:
                used += 1
                request = QgsFeatureRequest()
                request.setFilterExpression(text)
                request.setExpressionContext(context.expressionContext())
                request.setFlags(REQUEST_NO_GEOMETRY)
                fids = np.fromiter((f.id() for f in layer.getFeatures(request)), dtype=np.int64)
                failed[offset:offset + len(d)] = np.isin(d.fids, fids)
            offset += len(d)
        if used == 0:
            self.fail(tr("No ASSETS layer has the fields the FAILED_EXPRESSION uses."))
        return failed

    # --- running ----------------------------------------------------------------------------
    def compute(self, parameters, context, feedback):
        table = core.load_dependencies((self.parameterAsFile(parameters, self.DEPENDENCIES, context) or "").strip() or None)
        feedback.pushInfo(tr("Dependency table ({flag}): {source}").format(
            flag=tr("verified") if table.verified else tr("unverified"), source=table.source))
        p_field = (self.parameterAsString(parameters, self.P_FIELD, context) or "").strip()
        parts, metric, out_crs = read_assets(self, parameters, context, table, feedback, {"p": p_field})
        ids = np.array([i for p in parts for i in p["ids"]], dtype=object)
        classes = np.array([c for p in parts for c in p["classes"]], dtype=object)
        geoms = np.concatenate([p["data"].geoms for p in parts])
        pop = np.concatenate([p["pop"] for p in parts])
        p_fail = pd.to_numeric(pd.Series([v for p in parts for v in p["values"]["p"]], dtype=object), errors="coerce").to_numpy(dtype=float)
        fields = {}
        for p in parts:
            for k, v in p["extra"].items():
                fields.setdefault(k, []).extend(v)
        n = len(ids)
        if n == 0:
            self.fail(tr("The ASSETS layers hold no feature with geometry."))
        check_cancel(feedback, 10)
        req = core.build_requirements(list(ids), classes, geoms, table, fields)
        self._log_requirements(req, table, feedback)
        systems = list(table.systems)
        units = self.parameterAsSource(parameters, self.UNITS, context)
        unit_ids, unit_idx = [tr("all")], np.zeros(n, dtype=np.int64)
        if units is not None:
            ufield = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context)
            u = read_source(units, [ufield] if ufield else [], target_crs=metric, feedback=feedback, what=tr("units"))
            unit_ids = [None if v is None else str(v) for v in u.attrs[ufield]] if ufield else [str(f) for f in u.fids]
            unit_idx = unit_of(geoms, u.geoms)
        mode = self.parameterAsEnum(parameters, self.MODE, context)
        check_cancel(feedback, 20)
        if mode == 0:
            bad = ~np.isfinite(p_fail) | (p_fail < 0) | (p_fail > 1)
            given = np.isfinite(p_fail)
            if (given & bad).any():
                feedback.pushWarning(tr("{n} failure probabilities outside 0-1 were clipped to 0-1.").format(n=int((given & bad).sum())))
            if (~given).sum():
                feedback.pushInfo(tr("{n} asset(s) have no failure probability: they do not fail directly.").format(n=int((~given).sum())))
            runs = self.parameterAsInt(parameters, self.RUNS, context)
            seed = self.parameterAsInt(parameters, self.SEED, context)
            res = core.simulate(req, systems, n=n, p_fail=np.where(given, p_fail, 0.0), runs=runs, seed=seed, population=pop,
                                unit=unit_idx, n_units=len(unit_ids), feedback=feedback)
            chain = rounds = None
        else:
            failed = self._failed_scenario(parameters, context, mode, parts, list(ids), feedback)
            feedback.pushInfo(tr("{n} asset(s) fail directly in the scenario.").format(n=int(failed.sum())))
            res = core.simulate(req, systems, n=n, failed=failed, population=pop, unit=unit_idx, n_units=len(unit_ids))
            _, rounds, chain = core.chains(list(ids), failed, req, labels={"direct": tr("(direct)"), "no_supplier": tr("(no supplier in reach)"),
                                                                         "cut": tr("(network path cut)")})
        feedback.pushInfo(tr("Failures spread in {k} round(s).").format(k=res.iterations))
        check_cancel(feedback, 80)
        attrs = pd.DataFrame({"asset_id": ids, "asset_class": classes,
                              "system": [table.classes.get(c) or "" for c in classes],
                              "layer": [p["layer"].name() for p in parts for _ in p["ids"]],
                              "failed_direct": res.p_direct, "failed_cascade": res.p_cascade,
                              "out_of_service": res.p_direct + res.p_cascade})
        for s in systems:
            attrs[f"no_{s}"] = res.p_lost[s]
        attrs["persons"] = pop
        attrs["round"] = rounds if rounds is not None else None
        attrs["chain"] = chain if chain is not None else None
        self._log_facilities(attrs, mode, feedback)
        spec = [("asset_id", "string"), ("asset_class", "string"), ("system", "string"), ("layer", "string"),
                ("failed_direct", "double"), ("failed_cascade", "double"), ("out_of_service", "double")]
        spec += [(f"no_{s}", "double") for s in systems] + [("persons", "double"), ("round", "int"), ("chain", "string")]
        out = {}
        kinds = np.array([p["kind"] for p in parts for _ in p["ids"]])
        back = geo.transform(geoms, metric, to_pyproj(out_crs))
        for key, kind, wkb in ((self.OUTPUT_POINTS, "point", WKB_POINT), (self.OUTPUT_LINES, "line", WKB_MULTILINESTRING),
                               (self.OUTPUT_POLYGONS, "polygon", WKB_MULTIPOLYGON)):
            sel = np.flatnonzero(kinds == kind)
            g = back[sel]
            if kind == "point":
                g = shapely.point_on_surface(g) if len(g) else g
            elif kind == "line":
                g = to_multi_lines(g) if len(g) else g
            else:
                g = geo.to_multipolygon(g) if len(g) else g
            fields = make_fields(spec)
            sink, dest = self.parameterAsSink(parameters, key, context, fields, wkb, out_crs)
            if sink is None:
                self.fail(tr("Could not create the output layer."))
            write_features(sink, fields, g, attrs.iloc[sel].reset_index(drop=True), feedback)
            out[key] = dest
            self.style_output(context, dest, "cascade")
        out[self.OUTPUT_TABLE] = self._write_table(parameters, context, res, systems, unit_ids, feedback)
        return out

    def _write_table(self, parameters, context, res, systems, unit_ids, feedback):
        rows = []
        for s in systems:
            mean, lo, hi = core.band(res.persons_lost[s])
            for k, uid in enumerate(unit_ids):
                persons = float(res.persons[k])
                rows.append({"unit_id": uid, "system": s, "persons": persons, "without_mean": float(mean[k]), "without_p05": float(lo[k]),
                             "without_p95": float(hi[k]), "share_without": float(mean[k] / persons) if persons > 0 else None})
        fields = make_fields(TABLE_SPEC)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, fields, WKB_NOGEOMETRY)
        if sink is None:
            self.fail(tr("Could not create the summary table."))
        write_features(sink, fields, None, pd.DataFrame(rows, columns=[n for n, _ in TABLE_SPEC]), feedback)
        return dest

    @staticmethod
    def _log_requirements(req, table, feedback):
        rep = req.report
        for k in rep["skipped_rules"]:
            r = table.rules[k]
            feedback.pushInfo(tr("Rule '{dep} needs {need}' skipped: no {need} among the inputs.").format(dep=r["dependent"], need=r["needs"]))
        for k, count in sorted(rep["unmet"].items()):
            r = table.rules[k]
            feedback.pushWarning(tr("{n} {dep} asset(s) have no {need} in reach: they are without it in every run.").format(
                n=count, dep=r["dependent"], need=r["needs"]))
        if rep["unknown_ids"]:
            feedback.pushWarning(tr("Supplier ids that name no asset: {ids}.").format(ids=", ".join(rep["unknown_ids"][:20])))
        for k in rep["missing_field"]:
            feedback.pushWarning(tr("No layer has the field '{field}' of rule '{dep} needs {need}': the nearest is used where allowed.").format(
                field=table.rules[k]["field"], dep=table.rules[k]["dependent"], need=table.rules[k]["needs"]))

    @staticmethod
    def _log_facilities(attrs, mode, feedback):
        for cls in ("hospital", "shelter"):
            rows = attrs[attrs["asset_class"] == cls]
            if len(rows) == 0:
                continue
            if mode == 0:
                feedback.pushInfo(tr("{cls}: {n} in all, expected out of service {e:.2f}.").format(cls=cls, n=len(rows), e=float(rows["out_of_service"].sum())))
            else:
                down = rows[rows["out_of_service"] > 0]["asset_id"].tolist()
                feedback.pushInfo(tr("{cls}: {k} of {n} out of service: {ids}").format(cls=cls, k=len(down), n=len(rows), ids=", ".join(map(str, down[:30]))))

