"""resilience:comparescenarios — Scenario comparison (情景对比)."""

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessingFeatureSource,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...compat import NUMBER_DOUBLE, SOURCE_TABLE, WKB_MULTIPOLYGON, WKB_NOGEOMETRY
from ...core import geometry as geo
from ...core import overlay
from ...core import scenarios as sc
from ...core.errors import check_cancel
from ...i18n import tr
from ...qgis_io.vector import can_stream, make_fields, read_source, report_reading, write_features
from ..base import ResilienceAlgorithm

CLASS_LABELS = {1: "better", 0: "same", -1: "worse"}


def _safe(name):
    out = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in str(name).strip())
    return out or "s"


class CompareScenarios(ResilienceAlgorithm):
    ALG_ID = "comparescenarios"
    GROUP_ID = "hazard"
    ICON = "compare_scenarios.svg"

    INPUTS = "INPUTS"
    NAMES = "NAMES"
    VALUE_FIELD = "VALUE_FIELD"
    UNIT_FIELD = "UNIT_FIELD"
    KEY_FIELDS = "KEY_FIELDS"
    DIRECTION = "DIRECTION"
    THRESHOLD = "THRESHOLD"
    MAP_FILTER = "MAP_FILTER"
    MAP_MIN_LEVEL = "MAP_MIN_LEVEL"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    OUTPUT_MAP = "OUTPUT_MAP"

    def display_name(self):
        return tr("Compare scenarios")

    def help_text(self):
        return tr(
            "Compares the same result of two or more scenarios unit by unit (情景对比): e.g. the Exposure statistics, "
            "Walking coverage or Direct economic loss tables of the current and the design flood, or of today's and the "
            "planned shelters.\n\n"
            "INPUTS: tables (or layers) from the same algorithm and settings, the baseline first; NAMES their scenario "
            "names separated by commas (default: the layer names). Inputs with different fields, or covering different "
            "units, are refused with the fields or units that differ.\n\n"
            "VALUE_FIELD: the quantity to compare (default: the first of loss, coverage_pct, persons_unserved, "
            "isolated_persons, value, count that the table has). UNIT_FIELD: the unit column (default unit_code, else "
            "unit_id). KEY_FIELDS: the other columns that identify a row, separated by commas (default: those of "
            "level_name, parent_code, scenario, return_period, level, class present). Rows with the same unit and keys "
            "are summed; coverage_pct and loss_pct are recomputed from their summed parts (covered / population, "
            "loss / value), never averaged.\n\n"
            "DIRECTION: whether more is better. Automatic: higher is better for coverage_pct, covered, reachable_persons, "
            "capacity, persons_assigned; lower is better for everything else (exposed persons, loss, unserved or "
            "isolated persons, repairs). THRESHOLD (%): a relative change within it is 'same'.\n\n"
            "OUTPUT_TABLE: the unit, the keys, value_&lt;scenario&gt; for each scenario and, for each later scenario "
            "against the baseline, change_&lt;scenario&gt; (absolute), change_pct_&lt;scenario&gt; (%) and "
            "class_&lt;scenario&gt; (better / same / worse).\n\n"
            "UNITS + UNIT_ID_FIELD (ids as in the tables): OUTPUT_MAP, the unit polygons with one value per unit and "
            "scenario: the rows matching MAP_FILTER (e.g. class=population;scenario=EAD) and, when the table has levels, "
            "with level ≥ MAP_MIN_LEVEL, summed (ratios recomputed). Its fields change, change_pct and change_class "
            "(1 better, 0 same, -1 worse; NULL where a unit has no row or no comparable value) compare the last scenario with the baseline; styled with a diverging, "
            "bilingual legend."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterMultipleLayers(self.INPUTS, tr("Scenario results (baseline first)"), layerType=SOURCE_TABLE)
        p.setHelp(tr("Two or more tables or layers written by the same algorithm with the same settings, the baseline scenario first."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.NAMES, tr("Scenario names"), optional=True)
        p.setHelp(tr("Names of the scenarios in the order of the inputs, separated by commas, e.g. current,design. Default: the layer names."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.VALUE_FIELD, tr("Quantity to compare (field)"), optional=True)
        p.setHelp(tr("The field to compare, e.g. loss, value, count, coverage_pct, persons_unserved. Default: the first of loss, coverage_pct, persons_unserved, isolated_persons, value, count that the tables have."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.UNIT_FIELD, tr("Unit field"), optional=True)
        p.setHelp(tr("The field with the unit of each row. Default: unit_code if present, else unit_id."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.KEY_FIELDS, tr("Key fields"), optional=True)
        p.setHelp(tr("Other fields that identify a row, separated by commas, e.g. level,class. Default: those of level_name, parent_code, scenario, return_period, level, class the tables have. Rows with the same unit and keys are summed."))
        self.addParameter(self.advanced(p))
        p = QgsProcessingParameterEnum(self.DIRECTION, tr("Which direction is better"), options=[
            tr("Automatic (by the field)"), tr("Lower is better"), tr("Higher is better")], defaultValue=0)
        p.setHelp(tr("Automatic: higher is better for coverage_pct, covered, reachable_persons, capacity and persons_assigned, lower is better for the other fields (exposed persons, loss, isolated persons...)."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.THRESHOLD, tr("Threshold for 'same' (%)"), type=NUMBER_DOUBLE, defaultValue=5.0, minValue=0.0)
        p.setHelp(tr("A relative change of at most this many percent counts as 'same'."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.MAP_FILTER, tr("Rows for the map"), optional=True)
        p.setHelp(tr("Optional conditions field=value separated by semicolons that select the rows summed for the map, e.g. class=population or scenario=EAD."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.MAP_MIN_LEVEL, tr("Lowest hazard level for the map"), type=NUMBER_DOUBLE, defaultValue=1.0)
        p.setHelp(tr("When the tables have a level field, the map sums the rows of this level and above (1: everything exposed). Rows without a level are left out."))
        self.addParameter(p)
        self.add_unit_parameters(tr("Optional unit polygons (the unit layer the scenarios were run on) for the change map."),
                                 tr("The field of the unit polygons that holds the ids used in the tables."))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Scenario comparison"), type=SOURCE_TABLE))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_MAP, tr("Scenario change map"), optional=True, createByDefault=True))

    # --- inputs ------------------------------------------------------------------------------
    def _tables(self, parameters, context, feedback):
        layers = self.parameterAsLayerList(parameters, self.INPUTS, context) or []
        if len(layers) < 2:
            self.fail(tr("Give at least two scenario results (INPUTS) to compare."))
        tables, lnames = [], []
        for layer in layers:
            if not hasattr(layer, "fields"):
                self.fail(tr("The input '{layer}' is not a table or vector layer.").format(layer=layer.name()))
            names = [f.name() for f in layer.fields()]
            # a whole OGR layer of plain fields in bulk through GDAL (10 times faster than feature by feature);
            # anything else through the Processing source (e.g. plain tables that GDAL's bulk reader refuses)
            source = layer if can_stream(layer, names, geometry=False) else QgsProcessingFeatureSource(layer, context)
            data = read_source(source, names, feedback=feedback, geometry=False, skip_null=False, what=layer.name())
            tables.append(data.attrs)
            lnames.append(layer.name())
        text = (self.parameterAsString(parameters, self.NAMES, context) or "").strip()
        names = [n.strip() for n in text.split(",")] if text else list(lnames)
        if len(names) != len(layers):
            self.fail(tr("Give one scenario name per input: {n} input(s) but {m} name(s).").format(n=len(layers), m=len(names)))
        if len(set(lnames)) != len(lnames):
            lnames = [f"{n} ({s})" for n, s in zip(lnames, names)]
        return tables, names, lnames

    def _fields(self, parameters, context, table):
        value = (self.parameterAsString(parameters, self.VALUE_FIELD, context) or "").strip()
        if not value:
            value = next((c for c in sc.VALUE_CANDIDATES if c in table.columns), "")
            if not value:
                self.fail(tr("Choose VALUE_FIELD, the field to compare: the tables have none of the usual ones ({names}).").format(
                    names=", ".join(sc.VALUE_CANDIDATES)))
        unit = (self.parameterAsString(parameters, self.UNIT_FIELD, context) or "").strip()
        if not unit:
            unit = "unit_code" if "unit_code" in table.columns else ("unit_id" if "unit_id" in table.columns else "")
            if not unit:
                self.fail(tr("Choose UNIT_FIELD: the tables have neither unit_code nor unit_id."))
        text = self.parameterAsString(parameters, self.KEY_FIELDS, context)
        if text is not None and text.strip():
            keys = [k.strip() for k in text.split(",") if k.strip()]
        else:
            keys = [k for k in sc.KEY_CANDIDATES if k in table.columns and k not in (unit, value)]
        return value, unit, keys

    @staticmethod
    def _filtered(table, conditions, min_level, fail):
        t = table
        for field, want in conditions:
            if field not in t.columns:
                fail(tr("MAP_FILTER names the field '{field}', which the tables do not have.").format(field=field))
            t = t[t[field].astype(str).str.strip().str.casefold() == want.casefold()]
        if "level" in t.columns:
            lv = pd.to_numeric(t["level"], errors="coerce")
            t = t[lv >= min_level]
        return t

    def _conditions(self, parameters, context):
        text = (self.parameterAsString(parameters, self.MAP_FILTER, context) or "").strip()
        out = []
        for part in [p for p in text.split(";") if p.strip()]:
            if "=" not in part:
                self.fail(tr("MAP_FILTER must be conditions field=value separated by semicolons, e.g. class=population; got '{text}'.").format(text=part))
            f, _, v = part.partition("=")
            out.append((f.strip(), v.strip()))
        return out

    # --- run ----------------------------------------------------------------------------------
    def compute(self, parameters, context, feedback):
        tables, names, lnames = self._tables(parameters, context, feedback)
        value, unit, keys = self._fields(parameters, context, tables[0])
        direction = self.parameterAsEnum(parameters, self.DIRECTION, context)
        threshold = self.parameterAsDouble(parameters, self.THRESHOLD, context)
        feedback.setProgressText(tr("Comparing the scenarios"))
        result = sc.compare(tables, names, value, unit, keys, direction, threshold, lnames)
        check_cancel(feedback, 50)

        units = self.parameterAsSource(parameters, self.UNITS, context)
        mapped = None
        if units is not None:
            id_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context)
            if not id_field:
                self.fail(tr("Choose the UNIT_ID_FIELD of the unit polygons."))
            conditions = self._conditions(parameters, context)
            min_level = self.parameterAsDouble(parameters, self.MAP_MIN_LEVEL, context)
            subsets = [self._filtered(t, conditions, min_level, self.fail) for t in tables]
            per_unit = sc.compare(subsets, names, value, unit, [], direction, threshold, lnames, same_units=False) if any(len(s) for s in subsets) else None
            if per_unit is None:
                self.fail(tr("No row of the tables matches MAP_FILTER and MAP_MIN_LEVEL: the map would be empty."))
            udata = read_source(units, [id_field], feedback=feedback, what=tr("admin units"))
            report_reading(udata, tr("admin units"), feedback)
            uids = udata.attrs[id_field].to_numpy(dtype=object)
            overlay.check_unit_ids(uids, tr("admin units"))
            ukeys = np.array([str(v) for v in uids], dtype=object)
            missing = sorted(set(per_unit[unit]) - set(ukeys))
            if missing:
                self.fail(tr("The unit polygons have no unit with the id(s) {ids} of the tables: choose the UNIT_ID_FIELD that holds the tables' unit ids.").format(
                    ids=", ".join(missing[:10])))
            mapped = (udata, ukeys, per_unit)

        results = {self.OUTPUT_TABLE: self._write_table(parameters, context, feedback, result, names, value, unit, keys)}
        if mapped is not None and parameters.get(self.OUTPUT_MAP) is not None:
            results.update(self._write_map(parameters, context, feedback, units, *mapped, names, unit))
        last = len(names) - 1
        counts = pd.Series(result[f"class_{last}"]).value_counts()
        feedback.pushInfo(tr("{b} row(s) better, {s} about the same, {w} worse in {scenario} than in {base} ({field}).").format(
            b=int(counts.get(1.0, 0)), s=int(counts.get(0.0, 0)), w=int(counts.get(-1.0, 0)), scenario=names[-1], base=names[0], field=value))
        return results

    @staticmethod
    def _columns(names):
        safe = [_safe(n) for n in names]
        if len(set(safe)) != len(safe):
            safe = [f"{s}_{i}" for i, s in enumerate(safe)]
        return safe

    def _write_table(self, parameters, context, feedback, result, names, value, unit, keys):
        safe = self._columns(names)
        out = result.copy()
        spec = [(unit, "string")]
        for k in keys:
            col = out[k]
            kind = "double" if pd.api.types.is_float_dtype(col) else ("int64" if pd.api.types.is_integer_dtype(col) else "string")
            if kind == "string":
                out[k] = col.map(lambda v: None if v is None or (isinstance(v, float) and v != v) else str(v))
            spec.append((k, kind))
        for i, s in enumerate(safe):
            out[f"value_{s}"] = out[f"value_{i}"]
            spec.append((f"value_{s}", "double"))
        for i in range(1, len(names)):
            s = safe[i]
            out[f"change_{s}"] = out[f"change_{i}"]
            out[f"change_pct_{s}"] = out[f"change_pct_{i}"]
            out[f"class_{s}"] = out[f"class_{i}"].map(lambda c: CLASS_LABELS.get(int(c)) if c == c else None)
            spec += [(f"change_{s}", "double"), (f"change_pct_{s}", "double"), (f"class_{s}", "string")]
        out["quantity"] = value
        spec.append(("quantity", "string"))
        fields = make_fields(spec)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, fields, WKB_NOGEOMETRY)
        write_features(sink, fields, None, out, feedback)
        return dest

    def _write_map(self, parameters, context, feedback, units, udata, ukeys, per_unit, names, unit):
        safe = self._columns(names)
        last = len(names) - 1
        idx = per_unit.set_index(unit)
        attrs = pd.DataFrame({"unit_id": ukeys})
        spec = [("unit_id", "string")]
        for i, s in enumerate(safe):
            attrs[f"value_{s}"] = idx[f"value_{i}"].reindex(ukeys).to_numpy()
            spec.append((f"value_{s}", "double"))
        attrs["change"] = idx[f"change_{last}"].reindex(ukeys).to_numpy()
        attrs["change_pct"] = idx[f"change_pct_{last}"].reindex(ukeys).to_numpy()
        cls = idx[f"class_{last}"].reindex(ukeys).to_numpy()
        attrs["change_class"] = [None if c != c else int(c) for c in cls]
        spec += [("change", "double"), ("change_pct", "double"), ("change_class", "int")]
        fields = make_fields(spec)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_MAP, context, fields, WKB_MULTIPOLYGON, units.sourceCrs())
        if sink is None:
            return {}
        write_features(sink, fields, geo.to_multipolygon(udata.geoms), attrs, feedback)
        self.style_output(context, dest, "scenario_change")
        return {self.OUTPUT_MAP: dest}
