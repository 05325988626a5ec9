"""resilience:classifyhazard — Classify hazard (灾害分级)."""

from qgis.core import (
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsRasterLayer,
    QgsVectorLayer,
)

from ...compat import FIELD_ANY, NUMBER_INTEGER, SOURCE_POLYGON, SOURCE_RASTER, WKB_MULTIPOLYGON, geometry_kind
from ...core import classify
from ...core.standards import PRESET_ORDER, hazard_presets
from ...i18n import tr
from ...qgis_io.crs import working_crs
from ...qgis_io.raster import gdal_path
from ...qgis_io.vector import make_fields, read_source, report_reading, write_features
from ..base import ResilienceAlgorithm, field_of_map_layer


def preset_names():
    presets = hazard_presets()
    return [tr("Custom (thresholds or value map below)")] + [
        f"{presets[k]['name']['zh']} / {presets[k]['name']['en']}" for k in PRESET_ORDER
    ]


class ClassifyHazard(ResilienceAlgorithm):
    ALG_ID = "classifyhazard"
    GROUP_ID = "hazard"
    ICON = "classify_hazard.svg"

    INPUT = "INPUT"
    FIELD = "FIELD"
    BAND = "BAND"
    HAZARD_NAME = "HAZARD_NAME"
    PRESET = "PRESET"
    THRESHOLDS = "THRESHOLDS"
    VALUE_MAP = "VALUE_MAP"
    KEEP_LEVEL_0 = "KEEP_LEVEL_0"
    OUTPUT = "OUTPUT"

    def display_name(self):
        return tr("Classify hazard")

    def help_text(self):
        return tr(
            "Turns a hazard layer into standard hazard zones that the other algorithms read.\n\n"
            "Input: a polygon layer with a hazard FIELD, or a raster BAND (flood depth, wind speed, PGA, ...).\n"
            "Continuous values are classified with THRESHOLDS t1 < t2 < ... < tn: value < t1 gives level 0 "
            "(no hazard), t1 <= value < t2 level 1, ..., value >= tn level n. Categories are classified with "
            "VALUE_MAP, 'value:level' pairs separated by ';' (case and surrounding spaces ignored), "
            "e.g. YES:1;NO:0. A PRESET fills thresholds and labels from resources/standards/hazard_presets.json "
            "(sources and whether each was verified are listed there).\n\n"
            "Output: one (multi)polygon per level with fields hazard, level, label (Chinese / English), "
            "value_min and value_max (continuous inputs) and area_m2. Areas are in square metres, measured in a "
            "metric CRS (the input's own if it is a suitable projected CRS, otherwise the CGCS2000 3-degree "
            "Gauss-Krueger zone in China or UTM elsewhere). Level 0 is left out unless KEEP_LEVEL_0 is set. "
            "Rasters are classified and polygonised in bulk (GDAL), without per-feature loops."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterMapLayer(self.INPUT, tr("Hazard layer (polygons or raster)"),
                                           types=[SOURCE_POLYGON, SOURCE_RASTER])
        p.setHelp(tr("A polygon layer with a hazard value per feature, or a raster of hazard values."))
        self.addParameter(p)
        p = field_of_map_layer(self.FIELD, tr("Hazard value field (polygon input)"), self.INPUT,
                                        type=FIELD_ANY, optional=True)
        p.setHelp(tr("The field holding the hazard value or category. Required for polygon input."))
        self.addParameter(p)
        # A plain number: a band chooser tied to INPUT would complain whenever INPUT is a polygon layer.
        p = QgsProcessingParameterNumber(self.BAND, tr("Raster band (raster input)"), type=NUMBER_INTEGER,
                                         defaultValue=1, minValue=1)
        p.setHelp(tr("The band holding the hazard values. Default 1."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.HAZARD_NAME, tr("Hazard name"), defaultValue="hazard")
        p.setHelp(tr("Stored in the 'hazard' field of every zone, e.g. flood, waterlogging, earthquake."))
        self.addParameter(p)
        p = QgsProcessingParameterEnum(self.PRESET, tr("Preset"), options=preset_names(), defaultValue=0)
        p.setHelp(tr("Standard thresholds or categories with their labels. Choose Custom to give your own."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.THRESHOLDS, tr("Thresholds (ascending, comma separated)"), optional=True)
        p.setMetadata({"widget_wrapper": {"class": "resilience_plugin.gui.editor_wrappers.HazardThresholdsWrapper"}})
        p.setHelp(tr("For continuous values, e.g. 0.1,0.5,1.0,2.0: value < 0.1 is level 0, 0.1-0.5 level 1, ..., >= 2.0 level 4."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.VALUE_MAP, tr("Value map (value:level;...)"), optional=True)
        p.setHelp(tr("For categories, e.g. YES:1;NO:0 or 极高易发:4;高易发:3;中易发:2;低易发:1."))
        self.addParameter(p)
        p = QgsProcessingParameterBoolean(self.KEEP_LEVEL_0, tr("Keep level 0 (no hazard) zones"), defaultValue=False)
        p.setHelp(tr("Also write the zone of level 0. Off by default."))
        self.addParameter(p)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Hazard zones"), type=SOURCE_POLYGON))

    # --- parameters -> classification rule ------------------------------------------------
    def _rule(self, parameters, context):
        preset_idx = self.parameterAsEnum(parameters, self.PRESET, context)
        thresholds_text = (self.parameterAsString(parameters, self.THRESHOLDS, context) or "").strip()
        value_map_text = (self.parameterAsString(parameters, self.VALUE_MAP, context) or "").strip()
        if preset_idx > 0:
            if thresholds_text or value_map_text:
                self.fail(tr("Choose either a preset or your own thresholds / value map, not both."))
            preset = hazard_presets()[PRESET_ORDER[preset_idx - 1]]
            if "value_map" in preset:
                return None, classify.parse_value_map(preset["value_map"]), preset.get("labels")
            return classify.parse_thresholds(preset["thresholds"]), None, preset.get("labels")
        if thresholds_text and value_map_text:
            self.fail(tr("Give either THRESHOLDS (continuous values) or VALUE_MAP (categories), not both."))
        if not thresholds_text and not value_map_text:
            self.fail(tr("Give THRESHOLDS (e.g. 0.1,0.5,1.0) or a VALUE_MAP (e.g. YES:1;NO:0), or choose a preset."))
        if thresholds_text:
            thresholds = classify.parse_thresholds(thresholds_text)
            if len(thresholds) == 0:
                self.fail(tr("THRESHOLDS holds no numbers."))
            return thresholds, None, None
        mapping = classify.parse_value_map(value_map_text)
        if not mapping:
            self.fail(tr("VALUE_MAP holds no value:level pairs."))
        return None, mapping, None

    def compute(self, parameters, context, feedback):
        layer = self.parameterAsLayer(parameters, self.INPUT, context)
        if layer is None or not layer.isValid():
            self.fail(tr("The hazard layer could not be loaded."))
        thresholds, value_map, labels = self._rule(parameters, context)
        hazard = (self.parameterAsString(parameters, self.HAZARD_NAME, context) or "hazard").strip() or "hazard"
        keep0 = self.parameterAsBoolean(parameters, self.KEEP_LEVEL_0, context)

        if isinstance(layer, QgsRasterLayer):
            zones = self._classify_raster(layer, parameters, context, feedback, hazard, thresholds, value_map, labels, keep0)
        elif isinstance(layer, QgsVectorLayer):
            zones = self._classify_vector(layer, parameters, context, feedback, hazard, thresholds, value_map, labels, keep0)
        else:
            self.fail(tr("The hazard layer must be a polygon layer or a raster."))

        continuous = value_map is None
        spec = [("hazard", "string"), ("level", "int"), ("label", "string")]
        if continuous:
            spec += [("value_min", "double"), ("value_max", "double")]
        spec += [("area_m2", "double")]
        fields = make_fields(spec)
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, WKB_MULTIPOLYGON, layer.crs())
        write_features(sink, fields, zones["geometry"].to_numpy(), zones, feedback)
        for row in zones.itertuples():
            feedback.pushInfo(tr("Level {level} ({label}): {area:.1f} ha").format(level=row.level, label=row.label, area=row.area_m2 / 1e4))
        if zones.empty:
            feedback.pushWarning(tr("No zone at or above level 1: the output is empty."))
        self.style_output(context, dest_id, "hazard_level")
        self.name_output(context, dest_id, self.OUTPUT, hazard)
        return {self.OUTPUT: dest_id}

    def _classify_raster(self, layer, parameters, context, feedback, hazard, thresholds, value_map, labels, keep0):
        path = gdal_path(layer, layer.name())
        band = self.parameterAsInt(parameters, self.BAND, context)
        if band > layer.bandCount() or band < 1:
            self.fail(tr("The raster has {count} band(s); band {band} does not exist.").format(count=layer.bandCount(), band=band))
        qcrs, metric = working_crs([layer], feedback)
        from ...qgis_io.crs import to_pyproj

        zones, report = classify.classify_raster(
            path, band, hazard=hazard, thresholds=thresholds, value_map=value_map, labels=labels,
            keep_level_0=keep0, metric_crs=metric, crs=to_pyproj(layer.crs()), feedback=feedback)
        if report["nodata_cells"]:
            feedback.pushInfo(tr("{n} nodata cell(s) were left out.").format(n=report["nodata_cells"]))
        if report["unmatched"]:
            feedback.pushWarning(tr("{n} cell(s) hold values that are not in the value map; they were left out.").format(n=report["unmatched"]))
        return zones

    def _classify_vector(self, layer, parameters, context, feedback, hazard, thresholds, value_map, labels, keep0):
        kind = geometry_kind(layer.wkbType())
        if kind != "polygon":
            self.fail(tr("The hazard layer must contain polygons (or be a raster); '{name}' has {kind} geometry.").format(
                name=layer.name(), kind=kind))
        field = self.parameterAsString(parameters, self.FIELD, context)
        if not field:
            self.fail(tr("Choose the FIELD that holds the hazard value of each polygon."))
        if layer.featureCount() == 0:
            self.fail(tr("The hazard layer '{name}' has no features.").format(name=layer.name()))
        data = read_source(layer, [field], feedback=feedback, what=layer.name())
        report_reading(data, layer.name(), feedback)
        if len(data) == 0:
            self.fail(tr("The hazard layer '{name}' has no features with geometry.").format(name=layer.name()))
        _, metric = working_crs([layer], feedback)
        zones, report = classify.classify_polygons(
            data.geoms, data.attrs[field].to_numpy(), data.crs, hazard=hazard, thresholds=thresholds,
            value_map=value_map, labels=labels, keep_level_0=keep0, metric_crs=metric, feedback=feedback)
        if report["null_values"]:
            feedback.pushWarning(tr("{n} feature(s) have a NULL value and were left out.").format(n=report["null_values"]))
        if report["unmatched"]:
            feedback.pushWarning(tr("{n} feature(s) hold values that are not in the value map; they were left out.").format(n=report["unmatched"]))
        return zones
