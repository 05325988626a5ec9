"""resilience:lifelineexposure — Lifeline exposure (生命线暴露与易损性)."""

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessingParameterBand,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from ...compat import (
    FIELD_ANY,
    FIELD_NUMERIC,
    SOURCE_LINE,
    SOURCE_POINT,
    SOURCE_POLYGON,
    SOURCE_TABLE,
    WKB_NOGEOMETRY,
    geometry_kind,
)
from ...core import classify
from ...core import geometry as geo
from ...core.fragility import load_library
from ...core.lifeline import RasterSampler, line_exposure, point_exposure
from ...i18n import tr
from ...qgis_io.crs import to_pyproj, working_crs
from ...qgis_io.fields import merge_fields
from ...qgis_io.raster import gdal_path
from ...qgis_io.vector import input_source, make_fields, read_source, report_reading, write_features
from .. import admin_levels as al
from ..base import ResilienceAlgorithm
from ..intensity import MEASURES, measure_names, padded_extent

# Order of the INTENSITY_MEASURE options (keys of intensity_measures in fragility.json).
TABLE_SPEC = [("unit_id", "string"), ("asset_type", "string"), ("level", "int"), ("count", "int"),
              ("length_km", "double"), ("expected_repairs", "double"), ("expected_failed", "double")]


ASSET_TYPE_SEPARATOR = " — "


def asset_type_hints():
    """The asset types of the fragility library as the dialog lists them: "water_pipe — 给水管道 Water supply pipe"."""
    lib = load_library()
    return [f"{key}{ASSET_TYPE_SEPARATOR}{entry['name']['zh']} {entry['name']['en']}"
            for key, entry in sorted(lib.asset_types.items())]


def asset_type_value(text):
    """The asset type id in a parameter value: the hint's id ("water_pipe — 给水管道 …" -> "water_pipe"), or the
    text as typed (ids of your own fragility file, old values in models and qgis_process calls)."""
    return (text or "").split(ASSET_TYPE_SEPARATOR)[0].strip()


class LifelineExposure(ResilienceAlgorithm):
    ALG_ID = "lifelineexposure"
    GROUP_ID = "lifelines"
    ICON = "lifeline_exposure.svg"

    LIFELINES = "LIFELINES"
    ASSET_TYPE_FIELD = "ASSET_TYPE_FIELD"
    ASSET_TYPE = "ASSET_TYPE"
    MATERIAL_FIELD = "MATERIAL_FIELD"
    DIAMETER_FIELD = "DIAMETER_FIELD"
    HAZARD = "HAZARD"
    LEVEL_FIELD = "LEVEL_FIELD"
    INTENSITY = "INTENSITY"
    INTENSITY_BAND = "INTENSITY_BAND"
    INTENSITY_MEASURE = "INTENSITY_MEASURE"
    THRESHOLDS = "THRESHOLDS"
    FRAGILITY_FILE = "FRAGILITY_FILE"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    def display_name(self):
        return tr("Lifeline exposure")

    def help_text(self):
        return tr(
            "How much of each lifeline network lies in each hazard level, and how badly it is likely to be damaged.\n\n"
            "LIFELINES are lines (pipes, cables, roads) or points (substations, towers, pumping stations, bridges); "
            "their type comes from ASSET_TYPE_FIELD or one ASSET_TYPE for the whole layer and must be a type of the "
            "fragility library (resources/standards/fragility.json, or your FRAGILITY_FILE merged on top), e.g. pipe, "
            "water_pipe, gas_pipe, road, overhead_line, substation_high, transmission_tower, bridge.\n\n"
            "Hazard levels come from HAZARD zones (polygons with an integer LEVEL_FIELD, e.g. the output of Classify "
            "hazard): lines are cut exactly at the zone boundaries. The INTENSITY raster (its unit set by "
            "INTENSITY_MEASURE: flood depth m, PGV cm/s, PGA g, Sa(1.0 s) g, PGD inches, wind m/s) is read along each "
            "line every quarter of a raster cell (lines are densified and the raster is read at the midpoint of every piece), "
            "not only at vertices. Without HAZARD, levels come from the intensity and THRESHOLDS (default: the "
            "measure's bands in the library). Length off the raster or on nodata cells is reported as len_uncovered, "
            "never as zero hazard. Implausible intensities for the chosen unit (e.g. PGA in cm/s2) stop the run.\n\n"
            "Fragility: lognormal curves P(DS >= ds) = Phi(ln(IM/theta)/beta) at the largest intensity along the "
            "asset give p_ds1...p_ds4 and p_fail; repair-rate curves (pipes, Hazus RR = 0.0001 PGV^2.25 repairs/km "
            "times material and diameter factors from MATERIAL_FIELD and DIAMETER_FIELD in mm) give repair_rate "
            "(repairs/km), expected_repairs and p_fail = 1 - exp(-expected_repairs); the road flood rule marks a road "
            "failed (p_fail = 1) where the depth exceeds 0.3 m. Sources and verified flags are listed in the library.\n\n"
            "OUTPUT: every asset with its attributes plus asset_type, and for lines length_m, len_l0...len_lN and "
            "len_uncovered (metres), for points level; then max_level, max_intensity, p_ds1...p_ds4, repair_rate, "
            "expected_repairs, p_fail. OUTPUT_TABLE: one row per unit (UNITS + UNIT_ID_FIELD, optional) x asset type "
            "x level with unit_id, asset_type, level, count, length_km, expected_repairs and expected_failed (sum of "
            "p_fail, shared out by length). Lengths are in metres in a metric CRS."
        ) + "\n\n" + al.help_paragraph()

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterFeatureSource(self.LIFELINES, tr("Lifelines (lines or points)"), types=[SOURCE_LINE, SOURCE_POINT])
        p.setHelp(tr("Pipes, cables and roads as lines; substations, towers, pumping stations and bridges as points."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.ASSET_TYPE_FIELD, tr("Asset type field"), parentLayerParameterName=self.LIFELINES,
                                        type=FIELD_ANY, optional=True)
        p.setHelp(tr("Field holding each asset's type (a type of the fragility library, e.g. water_pipe, road, substation_high)."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.ASSET_TYPE, tr("Asset type for the whole layer"), optional=True)
        p.setHelp(tr("One asset type for every feature (also used where the asset type field is empty): choose one of the "
                     "fragility library, or (in models and qgis_process) type the id of a type of your own fragility file, "
                     "e.g. road or water_pipe."))
        p.setMetadata({"widget_wrapper": {"value_hints": asset_type_hints()}})  # a list in the dialog (QGIS 3.22+)
        self.addParameter(p)
        p = QgsProcessingParameterField(self.MATERIAL_FIELD, tr("Pipe material field"), parentLayerParameterName=self.LIFELINES,
                                        type=FIELD_ANY, optional=True)
        p.setHelp(tr("Material codes for the repair-rate factors: ACP, PVC, CIP, PE, DCIP, SP, DI (others count as 1)."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.DIAMETER_FIELD, tr("Pipe diameter field (mm)"), parentLayerParameterName=self.LIFELINES,
                                        type=FIELD_NUMERIC, optional=True)
        p.setHelp(tr("Diameter in millimetres for the repair-rate diameter factor."))
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSource(self.HAZARD, tr("Hazard zones"), types=[SOURCE_POLYGON], optional=True)
        p.setHelp(tr("Polygons with an integer hazard level (e.g. the output of Classify hazard). Give zones and/or an intensity raster."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.LEVEL_FIELD, tr("Hazard level field"), parentLayerParameterName=self.HAZARD,
                                        type=FIELD_NUMERIC, defaultValue="level", optional=True)
        p.setHelp(tr("Integer level of each hazard zone (0 = none). Default: level."))
        self.addParameter(p)
        p = QgsProcessingParameterRasterLayer(self.INTENSITY, tr("Intensity raster"), optional=True)
        p.setHelp(tr("Hazard intensity (flood depth, PGV, PGA, wind...) in the unit of INTENSITY_MEASURE; read along the lines."))
        self.addParameter(p)
        p = QgsProcessingParameterBand(self.INTENSITY_BAND, tr("Intensity band"), defaultValue=1,
                                       parentLayerParameterName=self.INTENSITY, optional=True)
        p.setHelp(tr("Band of the intensity raster. Default 1."))
        self.addParameter(p)
        p = QgsProcessingParameterEnum(self.INTENSITY_MEASURE, tr("Intensity measure"), options=measure_names(), defaultValue=0)
        p.setHelp(tr("What the raster holds and in which unit; it chooses the fragility curves."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.THRESHOLDS, tr("Level thresholds for the intensity"), optional=True)
        p.setHelp(tr("Ascending intensities separating levels when no hazard zones are given, e.g. 0.15,0.5,1,2. Empty: the measure's default bands."))
        self.addParameter(p)
        p = QgsProcessingParameterFile(self.FRAGILITY_FILE, tr("Fragility library (JSON)"), extension="json", optional=True)
        p.setMetadata({"widget_wrapper": {"class": "resilience_plugin.gui.editor_wrappers.FragilityFileWrapper"}})
        p.setHelp(tr("Your own curves, merged on top of resources/standards/fragility.json (same structure, see fragility.schema.json)."))
        self.addParameter(p)
        self.add_unit_parameters(tr("Polygons (districts, sub-districts) for the summary table."),
                                 tr("Field naming each unit in the table. Empty: the feature id."))
        al.add_hierarchy_parameters(self)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Lifeline exposure")))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Lifeline exposure summary"), type=SOURCE_TABLE))

    def check_values(self, parameters, context):
        if not self.parameterAsString(parameters, self.ASSET_TYPE_FIELD, context) and \
                not asset_type_value(self.parameterAsString(parameters, self.ASSET_TYPE, context)):
            return tr("Give the ASSET_TYPE_FIELD or one ASSET_TYPE for the whole layer (e.g. road, water_pipe, substation_high).")
        if self.parameterAsSource(parameters, self.HAZARD, context) is None and \
                self.parameterAsRasterLayer(parameters, self.INTENSITY, context) is None:
            return tr("Give HAZARD zones and/or an INTENSITY raster.")
        return None

    # --- read ----------------------------------------------------------------------------------------
    def _lifelines(self, parameters, context, feedback):
        """``(source, data, kind, metric CRS, geometries in it, types, materials, diameters)``."""
        source = input_source(self, parameters, self.LIFELINES, context)
        if source is None:
            self.fail(tr("The lifelines layer could not be loaded."))
        kind = geometry_kind(source.wkbType())
        if kind not in ("line", "point"):
            self.fail(tr("LIFELINES must hold lines (pipes, cables, roads) or points (substations, towers, bridges); this layer holds {kind} geometries.").format(kind=kind))
        _, metric = working_crs([(source.sourceCrs(), padded_extent(source))], feedback)
        data = read_source(source, [f.name() for f in source.fields()], feedback=feedback, what=tr("lifelines"))
        report_reading(data, tr("lifelines"), feedback)
        if len(data) == 0:
            self.fail(tr("The lifelines layer has no features with geometry."))
        types = self._types(data.attrs, self.parameterAsString(parameters, self.ASSET_TYPE_FIELD, context),
                            asset_type_value(self.parameterAsString(parameters, self.ASSET_TYPE, context)))
        mat_field, dia_field = (self.parameterAsString(parameters, p, context) for p in (self.MATERIAL_FIELD, self.DIAMETER_FIELD))
        return (source, data, kind, metric, geo.transform(data.geoms, data.crs, metric), types,
                data.attrs[mat_field].to_numpy() if mat_field else None, data.attrs[dia_field].to_numpy() if dia_field else None)

    def _hazard(self, parameters, context, metric, library, measure, feedback):
        """``(zones, zone levels, intensity sampler, thresholds)``: what gives each place its level."""
        hazard = self.parameterAsSource(parameters, self.HAZARD, context)
        raster = self.parameterAsRasterLayer(parameters, self.INTENSITY, context)
        zones = zone_levels = sampler = thresholds = None
        if hazard is not None:
            level_field = self.parameterAsString(parameters, self.LEVEL_FIELD, context) or "level"
            zdata = read_source(hazard, [level_field], target_crs=metric, feedback=feedback, what=tr("hazard zones"))
            report_reading(zdata, tr("hazard zones"), feedback)
            try:
                zone_levels = pd.to_numeric(zdata.attrs[level_field], errors="raise").to_numpy(dtype=float)
            except (ValueError, TypeError):
                self.fail(tr("The hazard level field '{field}' must hold whole numbers (0 = no hazard).").format(field=level_field))
            zones = zdata.geoms
        if raster is not None:
            band = self.parameterAsInt(parameters, self.INTENSITY_BAND, context) or 1
            sampler = RasterSampler(gdal_path(raster, raster.name()), band, metric, to_pyproj(raster.crs()))
        thr_text = (self.parameterAsString(parameters, self.THRESHOLDS, context) or "").strip()
        if hazard is None:
            thresholds = classify.parse_thresholds(thr_text) if thr_text else library.level_thresholds(measure)
            feedback.pushInfo(tr("Levels from the intensity with thresholds {values} {unit}.").format(
                values=", ".join(f"{v:g}" for v in thresholds), unit=library.unit(measure)))
        elif thr_text:
            feedback.pushWarning(tr("THRESHOLDS is ignored: the levels come from the hazard zones."))
        return zones, zone_levels, sampler, thresholds

    def _units(self, parameters, context, metric, feedback):
        units = self.parameterAsSource(parameters, self.UNITS, context)
        if units is None:
            return None, None
        unit_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context)
        extra = al.unit_fields(self, parameters, context)
        udata = read_source(units, list(dict.fromkeys(([unit_field] if unit_field else []) + extra)), target_crs=metric,
                            feedback=feedback, what=tr("units"))
        ids = [str(v) if v is not None else None for v in udata.attrs[unit_field]] if unit_field else [str(f) for f in udata.fids]
        levels = al.unit_levels(self, parameters, context, feedback, metric, ids, udata.attrs, udata.geoms)
        self._levels = levels
        if levels is None:
            return udata.geoms, ids
        return udata.geoms[levels.keep], list(levels.ids)

    # --- run -------------------------------------------------------------------------------------
    def compute(self, parameters, context, feedback):
        user_file = (self.parameterAsFile(parameters, self.FRAGILITY_FILE, context) or "").strip()
        library = load_library(user_file or None)
        measure = MEASURES[self.parameterAsEnum(parameters, self.INTENSITY_MEASURE, context)]
        source, data, kind, metric, geoms, types, materials, diameters = self._lifelines(parameters, context, feedback)
        zones, zone_levels, sampler, thresholds = self._hazard(parameters, context, metric, library, measure, feedback)
        self._levels = None
        unit_geoms, unit_ids = self._units(parameters, context, metric, feedback)
        im = measure if sampler is not None else None
        common = dict(intensity_measure=im, sampler=sampler, zones=zones, zone_levels=zone_levels, thresholds=thresholds,
                      units=unit_geoms, unit_ids=unit_ids, feedback=feedback)
        if kind == "line":
            result = line_exposure(geoms, types, library, materials=materials, diameters=diameters, metric_crs=metric, **common)
        else:
            result = point_exposure(geoms, types, library, **common)
        self._log(result, library, im, sampler, kind, feedback)
        dest = self._write_assets(parameters, context, source, data, result, kind, feedback)
        table = result.table
        head = None
        if self._levels is not None:  # counts, km, repairs and failures add up the levels
            table = al.roll_up(table, "unit_id", self._levels, keys=["asset_type", "level"],
                               additive=["count", "length_km", "expected_repairs", "expected_failed"])
            head = al.HEAD
        table_dest = self._write_table(parameters, context, table, feedback, head)
        styled = sampler is not None and result.assets["p_fail"].notna().any()
        self.style_output(context, dest, "lifeline_pfail" if styled else "lifeline_level")
        return {self.OUTPUT: dest, self.OUTPUT_TABLE: table_dest}

    # --- helpers --------------------------------------------------------------------------
    def _types(self, attrs, type_field, one_type):
        if not type_field:
            return [one_type] * len(attrs)
        out = []
        for v in attrs[type_field]:
            text = "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip()
            out.append(text or one_type or None)
        return out

    def _log(self, result, library, im, sampler, kind, feedback):
        rep = result.report
        for t in rep.get("no_curve", []):
            if im:
                feedback.pushWarning(tr("No fragility curve for the asset type '{name}' under {measure}: its p_ds, repair and p_fail fields stay empty.").format(name=t, measure=im))
        if rep.get("unknown_materials"):
            feedback.pushWarning(tr("Unknown pipe materials (factor 1 used): {names}.").format(names=", ".join(rep["unknown_materials"])))
        if rep.get("overlaps_resolved"):
            feedback.pushInfo(tr("Hazard zones overlap: where they do, the higher level counts."))
        if im:
            used = {c.id: c for c in (library.curve(t, im) for t in set(result.assets["asset_type"])) if c is not None}
            for _, c in sorted(used.items()):
                flag = tr("verified") if c.verified else tr("unverified")
                feedback.pushInfo(tr("Curve {curve} ({flag}): {source}").format(curve=c.id, flag=flag, source=c.source))
        if sampler is not None and kind == "line":
            feedback.pushInfo(tr("Intensity read every {step:.1f} m along the lines (raster cell about {cell:.1f} m).").format(
                step=rep["step_m"], cell=rep["cell_m"]))
            if rep["uncovered_m"] > 0:
                feedback.pushWarning(tr("{km:.3f} km of {total:.3f} km of lifelines ({pct:.1f} %) are off the intensity raster or on nodata cells: they are counted in len_uncovered, not as zero hazard.").format(
                    km=rep["uncovered_m"] / 1000, total=rep["total_m"] / 1000, pct=100 * rep["uncovered_m"] / max(rep["total_m"], 1e-9)))
        if sampler is not None and kind == "point" and rep.get("uncovered_points"):
            feedback.pushWarning(tr("{n} lifeline point(s) are off the intensity raster or on nodata cells: their intensity and level stay empty.").format(n=rep["uncovered_points"]))
        if rep.get("outside_units_m"):
            feedback.pushInfo(tr("{km:.3f} km of lifelines lie outside every unit and are not in the table.").format(km=rep["outside_units_m"] / 1000))
        if rep.get("outside_units"):
            feedback.pushInfo(tr("{n} lifeline point(s) lie outside every unit and are not in the table.").format(n=rep["outside_units"]))

    def _write_assets(self, parameters, context, source, data, result, kind, feedback):
        assets = result.assets
        ours = [("asset_type", "string")]
        if kind == "line":
            ours += [("length_m", "double")] + [(f"len_l{k}", "double") for k in range(result.n_levels + 1)] + [("len_uncovered", "double")]
        else:
            ours += [("level", "int")]
        ours += [("max_level", "int"), ("max_intensity", "double")] + [(f"p_ds{k}", "double") for k in range(1, 5)]
        if kind == "line":
            ours += [("repair_rate", "double"), ("expected_repairs", "double")]
        ours += [("p_fail", "double")]
        fields, dropped = merge_fields(source.fields(), ours)
        if dropped:
            feedback.pushWarning(tr("Input fields replaced by the results: {names}.").format(names=", ".join(dropped)))
        table = data.attrs.drop(columns=dropped).reset_index(drop=True)
        for name, _ in ours:  # numbers stay numbers (write_features writes NaN as NULL); others as objects
            col = assets[name]
            numeric = isinstance(col.dtype, np.dtype) and col.dtype.kind in "fiub"
            table[name] = col.to_numpy() if numeric else col.astype(object).where(col.notna(), None).to_numpy()
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, source.wkbType(), source.sourceCrs())
        if sink is None:
            self.fail(tr("Could not create the output layer."))
        write_features(sink, fields, data.geoms, table, feedback)
        return dest

    def _write_table(self, parameters, context, table, feedback, head=None):
        fields = make_fields(TABLE_SPEC if head is None else head + TABLE_SPEC[1:])
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, fields, WKB_NOGEOMETRY)
        if sink is None:
            self.fail(tr("Could not create the summary table."))
        out = table.copy()
        for col in ("count", "level"):
            out[col] = out[col].astype(int)
        write_features(sink, fields, None, out, feedback)
        return dest
