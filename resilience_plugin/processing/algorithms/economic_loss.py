"""resilience:economicloss — Direct economic loss (直接经济损失) of buildings from flood depth."""

import numpy as np
import shapely
from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...compat import FIELD_ANY, NUMBER_DOUBLE, SOURCE_POLYGON, SOURCE_RASTER, SOURCE_TABLE, WKB_NOGEOMETRY, make_field
from ...core import exposure as ex
from ...core import geometry as geo
from ...core import hierarchy as hi
from ...core import loss as lo
from ...core import overlay
from ...core.classify import parse_thresholds
from ...core.errors import check_cancel
from ...core.standards import load_standard, read_json_file
from ...i18n import tr
from ...qgis_io.crs import working_crs
from ...qgis_io.fields import field_kind
from ...qgis_io.vector import input_source, make_fields, read_source, report_reading, write_features
from .. import admin_levels as al
from ..base import ResilienceAlgorithm

CLASSES = ("residential", "commercial", "industrial", "public")
DEFAULT_THRESHOLDS = "0.15,0.5,1.0,2.0"


class EconomicLoss(ResilienceAlgorithm):
    ALG_ID = "economicloss"
    GROUP_ID = "hazard"
    ICON = "economic_loss.svg"

    INPUT = "INPUT"
    DEPTH = "DEPTH"
    RETURN_PERIODS = "RETURN_PERIODS"
    NO_DAMAGE_PERIOD = "NO_DAMAGE_PERIOD"
    DEPTH_METHOD = "DEPTH_METHOD"
    THRESHOLDS = "THRESHOLDS"
    CLASS_FIELD = "CLASS_FIELD"
    DEFAULT_CLASS = "DEFAULT_CLASS"
    FLOORS_FIELD = "FLOORS_FIELD"
    DEFAULT_FLOORS = "DEFAULT_FLOORS"
    VALUE_FIELD = "VALUE_FIELD"
    STANDARD_FILE = "STANDARD_FILE"
    CURVE_SET = "CURVE_SET"
    REGION = "REGION"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    UNIT_CODE_FIELD = "UNIT_CODE_FIELD"
    PARENT_FIELD = "PARENT_FIELD"
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    def display_name(self):
        return tr("Direct economic loss")

    def help_text(self):
        return tr(
            "Direct economic loss of buildings from flood depth (直接经济损失), by depth-damage curves per occupancy class.\n\n"
            "Loss of a building = damage factor at its depth x maximum damage per m² of floor area x floor area, "
            "where floor area = footprint area (m², in a metric CRS) x floors.\n\n"
            "DEPTH: one flood depth raster (metres), or several of one hazard with their RETURN_PERIODS in years, "
            "increasing, in the order of the rasters (e.g. 10,50,100): then the expected annual damage (EAD) is also "
            "computed, the area under the loss curve over the annual exceedance probability 1/T by trapezoids. Events "
            "rarer than the longest period are not counted; NO_DAMAGE_PERIOD (years, shorter than the shortest period) "
            "lets the curve fall to zero loss there, otherwise events more frequent than the shortest period are not "
            "counted either. Nodata cells count as dry (0 m); negative depths are refused.\n\n"
            "DEPTH_METHOD: 0 the mean depth over the footprint weighted by the exact area of each cell inside it, "
            "1 the largest depth of the cells the footprint overlaps. THRESHOLDS (m) classify each building's depth into "
            "hazard levels for the table (a depth below t1 is level 0).\n\n"
            "CLASS_FIELD maps each building to residential, commercial, industrial or public through the aliases of the "
            "standards file (e.g. School, 学校 → public; values trimmed, case ignored); other values and NULL take "
            "DEFAULT_CLASS (counted in the log). FLOORS_FIELD gives the number of floors, as a number or as text the way "
            "OpenStreetMap's building:levels holds it: a range such as 4-7 counts its middle (5.5), a bound such as 10+ "
            "or >7 the number given; empty, 0 and other text (fix me) → DEFAULT_FLOORS; each conversion is counted in a "
            "warning. VALUE_FIELD an optional maximum damage per m² per building (empty → the value of its class); text "
            "in it that is not a number is refused.\n\n"
            "Curves and maximum damage come from resources/standards/depth_damage.json (CURVE_SET, REGION) or your own "
            "STANDARD_FILE of the same form. The shipped curves are the JRC global depth-damage functions for Asia "
            "(Huizinga et al. 2017), NOT verified against the report (see each curve's note); public buildings use the "
            "commercial curve. The shipped Chinese maximum damage values are PLACEHOLDERS: replace them with local "
            "replacement values.\n\n"
            "UNITS + UNIT_ID_FIELD: each building is counted in the unit holding its largest part.\n\n"
            "OUTPUT: the buildings with occ_class, floors, floor_m2, value_m2 and per raster depth_m, level, damage "
            "(factor 0-1) and loss (suffix _rp10, _rp100 ... with several rasters) and ead. OUTPUT_TABLE: unit, scenario, "
            "return_period, level, class, count (buildings), floor_m2, value (maximum damage = value per m² x floor area), "
            "loss, loss_pct (100 x loss / value, recomputed at every level, not averaged) and currency; scenario EAD rows "
            "hold the expected annual damage per year."
        ) + "\n\n" + al.help_paragraph()

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterFeatureSource(self.INPUT, tr("Buildings"), types=[SOURCE_POLYGON])
        p.setHelp(tr("Building footprints (polygons)."))
        self.addParameter(p)
        p = QgsProcessingParameterMultipleLayers(self.DEPTH, tr("Flood depth raster(s)"), layerType=SOURCE_RASTER)
        p.setHelp(tr("One flood depth raster in metres, or several (one per return period, in the order of RETURN_PERIODS)."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.RETURN_PERIODS, tr("Return periods (years)"), optional=True)
        p.setHelp(tr("With several depth rasters: their return periods in years, increasing, separated by commas, e.g. 10,50,100. Gives the expected annual damage."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.NO_DAMAGE_PERIOD, tr("No-damage return period (years)"), type=NUMBER_DOUBLE,
                                         optional=True, minValue=0.0)
        p.setHelp(tr("Optional: the return period at and below which floods do no damage (e.g. the protection standard). The loss curve then falls linearly to 0 there; empty: events more frequent than the shortest period are not counted."))
        self.addParameter(self.advanced(p))
        p = QgsProcessingParameterEnum(self.DEPTH_METHOD, tr("Depth per building"), options=[
            tr("Area-weighted mean over the footprint"), tr("Maximum over the footprint")], defaultValue=0)
        p.setHelp(tr("How a building's depth is read from the raster: the mean weighted by the area of each cell inside the footprint, or the largest depth of the cells it overlaps."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.THRESHOLDS, tr("Depth thresholds for hazard levels (m)"), defaultValue=DEFAULT_THRESHOLDS)
        p.setHelp(tr("Ascending depths in metres that split the buildings into hazard levels for the table, e.g. 0.15,0.5,1.0,2.0 (depth below the first is level 0)."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.CLASS_FIELD, tr("Occupancy class field"), parentLayerParameterName=self.INPUT,
                                        type=FIELD_ANY, optional=True)
        p.setHelp(tr("Optional field with the building use (e.g. TYPE), mapped to residential / commercial / industrial / public by the aliases in the standards file."))
        self.addParameter(p)
        p = QgsProcessingParameterEnum(self.DEFAULT_CLASS, tr("Default occupancy class"), options=[
            tr("Residential"), tr("Commercial"), tr("Industrial"), tr("Public")], defaultValue=0)
        p.setHelp(tr("The class of buildings without a class field, or whose value matches no alias."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.FLOORS_FIELD, tr("Floors field"), parentLayerParameterName=self.INPUT,
                                        type=FIELD_ANY, optional=True)
        p.setHelp(tr("Optional field with the number of floors; a range such as 4-7 counts its middle, 10+ or >7 the number given (counted in a warning); empty, 0 and other text use the default number of floors."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.DEFAULT_FLOORS, tr("Default number of floors"), type=NUMBER_DOUBLE, defaultValue=1.0, minValue=0.0)
        p.setHelp(tr("Floors of buildings without a floors field or value."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.VALUE_FIELD, tr("Maximum damage per m² field"), parentLayerParameterName=self.INPUT,
                                        type=FIELD_ANY, optional=True)
        p.setHelp(tr("Optional field with each building's maximum damage (replacement value) per m² of floor area, in the currency of the region; empty values use the value of its class."))
        self.addParameter(p)
        p = QgsProcessingParameterFile(self.STANDARD_FILE, tr("Depth-damage standards file (JSON)"), optional=True,
                                       fileFilter=tr("JSON files (*.json)"))
        p.setHelp(tr("Optional JSON file with your own curves and maximum damage values, in the form of resources/standards/depth_damage.json."))
        self.addParameter(self.advanced(p))
        p = QgsProcessingParameterString(self.CURVE_SET, tr("Curve set"), defaultValue="jrc_asia")
        p.setHelp(tr("The name of the depth-damage curve set in the standards file (jrc_asia: JRC Asia curves)."))
        self.addParameter(self.advanced(p))
        p = QgsProcessingParameterString(self.REGION, tr("Maximum damage region"), defaultValue="china_placeholder")
        p.setHelp(tr("The name of the maximum-damage set in the standards file (china_placeholder: placeholder values in CNY per m², to be replaced)."))
        self.addParameter(self.advanced(p))
        self.add_unit_parameters(tr("Optional admin polygons for the table (e.g. villages or townships)."),
                                 tr("A field with a unique value per unit (name or code)."))
        al.add_hierarchy_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Building losses"), optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Economic loss summary"), type=SOURCE_TABLE))

    # --- inputs ------------------------------------------------------------------------------
    def _standard(self, parameters, context):
        path = self.parameterAsFile(parameters, self.STANDARD_FILE, context)
        if not path:
            return load_standard(lo.STANDARD)
        try:
            return read_json_file(path)
        except (OSError, ValueError) as err:
            self.fail(tr("Cannot read the standards file {path}: {error}").format(path=path, error=err))

    def _rasters(self, parameters, context):
        layers = self.parameterAsLayerList(parameters, self.DEPTH, context) or []
        if not layers:
            self.fail(tr("Give at least one flood depth raster (DEPTH)."))
        for layer in layers:
            if not hasattr(layer, "providerType") or layer.providerType() != "gdal" or not hasattr(layer, "bandCount"):
                self.fail(tr("The depth layer '{layer}' is not a file-based raster (GDAL): save it as a GeoTIFF first.").format(layer=layer.name()))
        text = (self.parameterAsString(parameters, self.RETURN_PERIODS, context) or "").strip()
        periods = None
        if text:
            periods = lo.parse_return_periods(text, len(layers))
        elif len(layers) > 1:
            self.fail(tr("{n} depth rasters were given: give their RETURN_PERIODS (years, increasing, e.g. 10,100), or run once per raster.").format(n=len(layers)))
        t0 = parameters.get(self.NO_DAMAGE_PERIOD)
        t0 = self.parameterAsDouble(parameters, self.NO_DAMAGE_PERIOD, context) if t0 not in (None, "") else None
        if t0 is not None and t0 <= 0:
            t0 = None
        if t0 is not None and periods is None:
            self.fail(tr("NO_DAMAGE_PERIOD needs RETURN_PERIODS."))
        return layers, periods, t0

    def _units(self, parameters, context, feedback, metric):
        units = self.parameterAsSource(parameters, self.UNITS, context)
        if units is None:
            return None
        id_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context)
        extra = al.unit_fields(self, parameters, context)
        code_field = self.parameterAsString(parameters, self.UNIT_CODE_FIELD, context)
        if not id_field and not code_field:
            self.fail(tr("Choose the UNIT_ID_FIELD of the admin units."))
        id_field = id_field or code_field
        data = read_source(units, list(dict.fromkeys([id_field] + extra)), target_crs=metric, feedback=feedback, what=tr("admin units"))
        report_reading(data, tr("admin units"), feedback)
        ids = data.attrs[id_field].to_numpy(dtype=object)
        overlay.check_unit_ids(ids, tr("admin units"))
        levels = al.unit_levels(self, parameters, context, feedback, metric, ids, data.attrs, data.geoms)
        if levels is None:
            return ids, data.geoms, None
        return levels.ids, data.geoms[levels.keep], levels.hierarchy

    @staticmethod
    def _floors(values, field, default_floors, feedback):
        """The floors field as numbers (ranges, bounds and text converted as lo.floor_values does), each
        conversion counted in a warning."""
        floors, read = lo.floor_values(values.to_list() if hasattr(values, "to_list") else list(values))

        def examples(kind):
            return ", ".join(f"'{v}'" for v in read.examples[kind])

        if read.ranges:
            feedback.pushWarning(tr("{n} building(s) give a range of floors in '{field}' (e.g. {examples}): each counts the middle of its range.").format(
                n=read.ranges, field=field, examples=examples("ranges")))
        if read.bounds:
            feedback.pushWarning(tr("{n} building(s) give only a bound in '{field}' (e.g. {examples}): each counts the number given.").format(
                n=read.bounds, field=field, examples=examples("bounds")))
        if read.text:
            feedback.pushWarning(tr("{n} building(s) hold text in '{field}' that is not a number of floors (e.g. {examples}): they count {d:g} floor(s).").format(
                n=read.text, field=field, examples=examples("text"), d=default_floors))
        return floors

    def _classes(self, parameters, context, feedback, attrs, curves, standard, n):
        class_field = self.parameterAsString(parameters, self.CLASS_FIELD, context)
        default = CLASSES[self.parameterAsEnum(parameters, self.DEFAULT_CLASS, context)]
        names = list(curves)
        if default not in names:
            self.fail(tr("The default class '{name}' has no curve in the curve set.").format(name=default))
        values = attrs[class_field].to_numpy(dtype=object) if class_field else None
        classes, n_other, other = lo.assign_classes(values if values is not None else [None] * n, names, default,
                                                    lo.class_aliases(standard))
        if class_field and n_other:
            feedback.pushWarning(tr("{n} building(s) have a class value that matches no alias (or none) and count as '{default}': {values}").format(
                n=n_other, default=default, values=", ".join(str(v) for v in other[:10]) or "NULL"))
        return classes

    # --- run ----------------------------------------------------------------------------------
    def compute(self, parameters, context, feedback):
        src = input_source(self, parameters, self.INPUT, context)
        if src is None:
            self.fail(tr("The buildings layer could not be loaded."))
        rasters, periods, t0 = self._rasters(parameters, context)
        thresholds = parse_thresholds(self.parameterAsString(parameters, self.THRESHOLDS, context) or DEFAULT_THRESHOLDS)
        method = self.parameterAsEnum(parameters, self.DEPTH_METHOD, context)
        standard = self._standard(parameters, context)
        curves = lo.load_curves(self.parameterAsString(parameters, self.CURVE_SET, context) or "jrc_asia", standard)
        max_damage, currency = lo.load_max_damage(self.parameterAsString(parameters, self.REGION, context) or "china_placeholder", standard)
        missing = [c for c in curves if c not in max_damage]
        if missing:
            self.fail(tr("The maximum-damage region has no value for class(es) {names}.").format(names=", ".join(missing)))
        floors_field = self.parameterAsString(parameters, self.FLOORS_FIELD, context)
        value_field = self.parameterAsString(parameters, self.VALUE_FIELD, context)
        default_floors = self.parameterAsDouble(parameters, self.DEFAULT_FLOORS, context)

        units = self.parameterAsSource(parameters, self.UNITS, context)
        items = [(src.sourceCrs(), src.sourceExtent())] + ([(units.sourceCrs(), units.sourceExtent())] if units is not None else [])
        _, metric = working_crs(items, feedback)

        feedback.setProgressText(tr("Reading the buildings"))
        class_field = self.parameterAsString(parameters, self.CLASS_FIELD, context)
        if parameters.get(self.OUTPUT) is not None:  # the building layer keeps every input field
            names = [f.name() for f in src.fields()]
        else:  # only the table: read just the fields the loss needs
            names = list(dict.fromkeys(f for f in (class_field, floors_field, value_field) if f))
        data = read_source(src, names, feedback=feedback, what=tr("buildings"))
        report_reading(data, tr("buildings"), feedback)
        layer_name = tr("buildings")
        floors = self._floors(data.attrs[floors_field], floors_field, default_floors, feedback) if floors_field else np.full(len(data), np.nan)
        per_m2 = lo.numeric_values(data.attrs[value_field], value_field, layer_name) if value_field else np.full(len(data), np.nan)
        if np.any(per_m2[np.isfinite(per_m2)] < 0):
            self.fail(tr("The field '{field}' holds negative values: a maximum damage per m² is 0 or more.").format(field=value_field))
        no_floors = ~np.isfinite(floors) | (floors <= 0)
        if floors_field and no_floors.any():
            feedback.pushInfo(tr("{n} building(s) have no number of floors and count {d:g} floor(s).").format(n=int(no_floors.sum()), d=default_floors))
        floors = np.where(no_floors, default_floors, floors)
        classes = self._classes(parameters, context, feedback, data.attrs, curves, standard, len(data))
        value_m2 = np.where(np.isfinite(per_m2), per_m2, np.array([max_damage[c] for c in classes], dtype=float))
        unit_info = self._units(parameters, context, feedback, metric)
        check_cancel(feedback)

        geoms_m = geo.transform(data.geoms, data.crs, metric)
        floor_m2 = np.asarray(shapely.area(geoms_m)) * floors
        if unit_info is not None:
            uids, ugeoms, hierarchy = unit_info
            unit = ex._largest_unit(geoms_m, ex.KIND_POLYGON, ugeoms)
            if (unit < 0).any():
                feedback.pushWarning(tr("{n} building(s) lie outside every unit and are not in the table.").format(n=int((unit < 0).sum())))
        else:
            uids, hierarchy = np.array([None], dtype=object), None
            unit = np.zeros(len(data), dtype=np.int64)

        scen = [f"rp{t:g}" for t in periods] if periods is not None else [""]
        depth = np.zeros((len(rasters), len(data)))
        for k, layer in enumerate(rasters):
            feedback.setProgressText(tr("Reading flood depths from {layer}").format(layer=layer.name()))
            res = lo.building_depths(data.geoms, data.crs, layer.source(), method, feedback)
            if res.outside:
                feedback.pushWarning(tr("{n} building(s) lie outside the depth raster {layer} and count as dry.").format(n=res.outside, layer=layer.name()))
            if res.partly:
                feedback.pushWarning(tr("{n} building(s) lie partly outside the depth raster {layer}: the part outside counts as dry.").format(n=res.partly, layer=layer.name()))
            depth[k] = res.depth
        factor = np.zeros_like(depth)
        for cls, (d, f) in curves.items():
            sel = classes == cls
            factor[:, sel] = lo.damage_factor(depth[:, sel], d, f)
        levels = np.searchsorted(np.asarray(thresholds, float), depth, side="right")
        losses = factor * (value_m2 * floor_m2)[None, :]
        ead = lo.expected_annual_damage(periods, losses, t0) if periods is not None and len(periods) > 1 else None
        check_cancel(feedback)

        feedback.setProgressText(tr("Summing the losses"))
        table = lo.loss_table(unit, scen, levels, classes, floor_m2, losses, ead, value=value_m2 * floor_m2)
        table = self._label_units(table, uids, hierarchy)
        rp_of = {s: float(t) for s, t in zip(scen, periods)} if periods is not None else {}
        table["return_period"] = table["scenario"].map(rp_of)
        table["level"] = table["level"].where(table["level"] >= 0, None)
        table["currency"] = currency

        results = {}
        if parameters.get(self.OUTPUT) is not None:
            results.update(self._write_buildings(parameters, context, feedback, src, data, classes, floors, floor_m2,
                                                 value_m2, scen, depth, levels, factor, losses, ead))
        results[self.OUTPUT_TABLE] = self._write_table(parameters, context, feedback, table, hierarchy)
        for s, k in zip(scen, range(len(scen))):
            feedback.pushInfo(tr("Scenario {scenario}: total loss {loss:,.0f} {currency}, {n} building(s) damaged.").format(
                scenario=s or "-", loss=float(losses[k].sum()), currency=currency, n=int((losses[k] > 0).sum())))
        if ead is not None:
            feedback.pushInfo(tr("Expected annual damage: {loss:,.0f} {currency} per year.").format(loss=float(ead.sum()), currency=currency))
        return results

    @staticmethod
    def _label_units(table, uids, hierarchy):
        table = table.copy()
        table["unit"] = [uids[u] if len(uids) else None for u in table["unit"]]
        if hierarchy is None:
            return table.rename(columns={"unit": "unit_id"})
        table["unit"] = [hi._code_text(u) for u in table["unit"]]
        rolled = hi.roll_up(table, "unit", hierarchy, keys=["scenario", "level", "class"], additive=lo.ADDITIVE, ratios=lo.RATIOS)
        return rolled

    def _write_table(self, parameters, context, feedback, table, hierarchy):
        head = [("level_name", "string"), ("unit_code", "string"), ("parent_code", "string")] if hierarchy is not None else \
            [("unit_id", field_kind(table["unit_id"]) if len(table) else "string")]
        spec = head + [("scenario", "string"), ("return_period", "double"), ("level", "int"), ("class", "string"),
                       ("count", "int64"), ("floor_m2", "double"), ("value", "double"), ("loss", "double"),
                       ("loss_pct", "double"), ("currency", "string")]
        fields = make_fields(spec)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, fields, WKB_NOGEOMETRY)
        out = table.reindex(columns=[n for n, _ in spec])
        out["scenario"] = out["scenario"].astype(object).where(out["scenario"] != "", None)
        write_features(sink, fields, None, out, feedback)
        return dest

    def _write_buildings(self, parameters, context, feedback, src, data, classes, floors, floor_m2, value_m2,
                         scen, depth, levels, factor, losses, ead):
        fields = QgsFields()
        new = {"occ_class": ("string", classes), "floors": ("double", floors), "floor_m2": ("double", floor_m2),
               "value_m2": ("double", value_m2)}
        for k, s in enumerate(scen):
            suffix = f"_{s}" if len(scen) > 1 else ""
            new[f"depth_m{suffix}"] = ("double", depth[k])
            new[f"level{suffix}"] = ("int", levels[k])
            new[f"damage{suffix}"] = ("double", factor[k])
            new[f"loss{suffix}"] = ("double", losses[k])
        if ead is not None:
            new["ead"] = ("double", ead)
        for f in src.fields():
            if f.name() in new:
                continue
            if f.typeName().lower() in ("date", "datetime", "time"):
                fields.append(make_field(f.name(), "string"))
            else:
                fields.append(QgsField(f))
        attrs = data.attrs.copy()
        for name, (kind, values) in new.items():
            attrs[name] = values
            fields.append(make_field(name, kind))
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, src.wkbType(), src.sourceCrs())
        if sink is None:
            return {}
        write_features(sink, fields, data.geoms, attrs, feedback)
        self.style_output(context, dest, "economic_ead" if ead is not None else "economic_loss")
        return {self.OUTPUT: dest}

