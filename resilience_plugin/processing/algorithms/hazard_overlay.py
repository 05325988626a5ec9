"""resilience:hazardoverlay — Multi-hazard overlay (多灾种叠加)."""

import re

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsVectorLayer,
)

from ...compat import FIELD_ANY, NUMBER_INTEGER, SOURCE_POLYGON, SOURCE_TABLE, WKB_MULTIPOLYGON, WKB_NOGEOMETRY
from ...core import geometry as geo
from ...core import overlay, zonal
from ...core.errors import check_cancel
from ...core.standards import load_standard
from ...i18n import tr
from ...qgis_io.crs import to_pyproj, working_crs
from ...qgis_io.fields import field_kind
from ...qgis_io.raster import gdal_path, log_population, report_population
from ...qgis_io.vector import make_fields, read_source, report_reading, write_features
from .. import admin_levels as al
from ..base import ResilienceAlgorithm


def risk_defaults():
    """Default risk matrix (rows: hazard level, columns: vulnerability level) and score breaks."""
    std = load_standard("risk_matrix")
    return std["matrix"], std["score_breaks"]


def matrix_text(matrix):
    return ";".join(",".join(str(v) for v in row) for row in matrix)


def hazard_name(layer, data, used):
    """A short column-safe name: the single value of a 'hazard' field, else the layer name."""
    name = None
    if "hazard" in data.attrs.columns:
        values = pd.unique(data.attrs["hazard"].dropna())
        if len(values) == 1:
            name = str(values[0])
    name = name or layer.name() or "hazard"
    name = re.sub(r"[^0-9A-Za-z_]+", "_", name).strip("_").lower()[:20] or "hazard"
    base, k = name, 2
    while name in used:
        name = f"{base}_{k}"
        k += 1
    used.add(name)
    return name


class HazardOverlay(ResilienceAlgorithm):
    ALG_ID = "hazardoverlay"
    GROUP_ID = "hazard"
    ICON = "hazard_overlay.svg"

    HAZARDS = "HAZARDS"
    LEVEL_FIELD = "LEVEL_FIELD"
    METHOD = "METHOD"
    WEIGHTS = "WEIGHTS"
    SCORE_BREAKS = "SCORE_BREAKS"
    COUNT_LEVEL = "COUNT_LEVEL"
    VULNERABILITY = "VULNERABILITY"
    VULNERABILITY_FIELD = "VULNERABILITY_FIELD"
    RISK_MATRIX = "RISK_MATRIX"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    POPULATION = "POPULATION"
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    def display_name(self):
        return tr("Multi-hazard overlay")

    def help_text(self):
        return tr(
            "Overlays several hazard zonings (outputs of Classify hazard, or your own zones with an integer level "
            "field) into non-overlapping composite hazard zones (综合灾害分区).\n\n"
            "Where zones of one hazard overlap, the highest level is kept (and reported). METHOD 0: the highest "
            "level of all hazards. METHOD 1: the levels weighted by WEIGHTS (one per hazard in order, scaled to sum 1; "
            "default equal) and summed, then re-classed with SCORE_BREAKS (score below b1 is level 0, b1 ≤ score "
            "below b2 level 1, ...). METHOD 2: the number of hazards at or above COUNT_LEVEL. METHOD 3: the highest "
            "hazard level x the vulnerability level of the VULNERABILITY zones, looked up in RISK_MATRIX (rows: hazard level 1..n, columns: vulnerability level "
            "1..m; default the 4x4 matrix of resources/standards/risk_matrix.json, an unverified common convention). "
            "Outside the vulnerability zones the risk is 0.\n\n"
            "OUTPUT fields: level, score (method 0: the level; 1: the weighted sum; 2: the count; 3: hazard level x "
            "vulnerability level), dominant (the hazard that decides the level; for method 2 the hazards counted), "
            "lvl_<hazard> for each input, vuln_level (method 3) and area_m2. Pieces with identical attributes are "
            "dissolved; the zones cover exactly the union of the hazard zones.\n\n"
            "With UNITS (admin polygons) and UNIT_ID_FIELD, OUTPUT_TABLE has one row per unit and level: unit_id, "
            "level, area_m2, area_share (of the unit) and population from the POPULATION raster (POPULATION_UNIT: "
            "persons per km², the default, or per cell). Level 0 is the rest of the unit. Whole cells count exactly, "
            "cells on a boundary are split by area, so the levels of a unit add up to its population.\n\n"
            "Areas in m², measured in a metric CRS (the inputs' own if suitable, else CGCS2000 Gauss-Krueger in "
            "China or UTM elsewhere). Inputs in different CRS are reprojected."
        ) + "\n\n" + al.help_paragraph()

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterMultipleLayers(self.HAZARDS, tr("Hazard zone layers"), layerType=SOURCE_POLYGON)
        p.setHelp(tr("Two or more polygon layers of hazard zones, each with an integer level field (0 none, 1 low ... 4 very high)."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.LEVEL_FIELD, tr("Level field"), defaultValue="level")
        p.setHelp(tr("The integer level field, the same name in every hazard layer (Classify hazard writes 'level')."))
        self.addParameter(p)
        p = QgsProcessingParameterEnum(self.METHOD, tr("Method"), options=[
            tr("Maximum level (envelope)"), tr("Weighted sum of levels"), tr("Count of hazards at or above a level"),
            tr("Risk matrix (hazard x vulnerability)")], defaultValue=0)
        p.setHelp(tr("How the levels of the hazards are combined into one composite level."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.WEIGHTS, tr("Weights (one per hazard layer, comma separated)"), optional=True)
        p.setHelp(tr("Weighted sum only: one non-negative weight per hazard layer, in the order of the layers, e.g. 0.5,0.3,0.2. Default equal weights."))
        self.addParameter(p)
        _, breaks = risk_defaults()
        p = QgsProcessingParameterString(self.SCORE_BREAKS, tr("Score breaks (weighted sum)"),
                                         defaultValue=",".join(f"{b:g}" for b in breaks))
        p.setHelp(tr("Weighted sum only: ascending breaks that re-class the score into levels (score < b1 is level 0, b1 <= score < b2 level 1, ...)."))
        self.advanced(p)
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.COUNT_LEVEL, tr("Count hazards at or above level"), type=NUMBER_INTEGER,
                                         defaultValue=1, minValue=1)
        p.setHelp(tr("Count method only: a hazard counts where its level is at least this level."))
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSource(self.VULNERABILITY, tr("Vulnerability zones (risk matrix)"),
                                                types=[SOURCE_POLYGON], optional=True)
        p.setHelp(tr("Risk matrix only: polygons with an integer vulnerability level (1 low ... 4 very high)."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.VULNERABILITY_FIELD, tr("Vulnerability level field"), defaultValue="level",
                                        parentLayerParameterName=self.VULNERABILITY, type=FIELD_ANY, optional=True)
        p.setHelp(tr("The integer vulnerability level field of the vulnerability zones."))
        self.addParameter(p)
        matrix, _ = risk_defaults()
        p = QgsProcessingParameterString(self.RISK_MATRIX, tr("Risk matrix (rows: hazard level; columns: vulnerability level)"),
                                         defaultValue=matrix_text(matrix))
        p.setHelp(tr("Risk levels, rows separated by ';' and columns by ','. Row i is hazard level i, column j vulnerability level j. Default: resources/standards/risk_matrix.json."))
        self.advanced(p)
        self.addParameter(p)
        self.add_unit_parameters(tr("Optional admin polygons (district, sub-district, neighbourhood) for the summary table."),
                                 tr("A field with a unique value per unit (name or code)."))
        al.add_hierarchy_parameters(self)
        p = QgsProcessingParameterRasterLayer(self.POPULATION, tr("Population raster"), optional=True)
        p.setHelp(tr("Optional population raster for the summary table."))
        self.addParameter(p)
        self.add_population_unit_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Composite hazard zones"), type=SOURCE_POLYGON))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Hazard levels per unit"), type=SOURCE_TABLE,
                                                            optional=True, createByDefault=True))

    # --- checks before the run ------------------------------------------------------------------
    def check_values(self, parameters, context):
        method = self.parameterAsEnum(parameters, self.METHOD, context)
        if method == overlay.METHOD_MATRIX and self.parameterAsSource(parameters, self.VULNERABILITY, context) is None:
            return tr("The risk matrix method needs VULNERABILITY zones with a level field.")
        units = self.parameterAsSource(parameters, self.UNITS, context)
        if units is not None and not self.parameterAsString(parameters, self.UNIT_ID_FIELD, context) and \
                not self.parameterAsString(parameters, al.UNIT_CODE_FIELD, context):
            return tr("Choose the UNIT_ID_FIELD of the admin units.")
        if self.parameterAsRasterLayer(parameters, self.POPULATION, context) is not None and units is None:
            return tr("The population summary needs UNITS: give admin units with an id field.")
        return None

    # --- read ----------------------------------------------------------------------------------------
    def _hazard_layers(self, parameters, context, level_field):
        layers = [lyr for lyr in self.parameterAsLayerList(parameters, self.HAZARDS, context) if isinstance(lyr, QgsVectorLayer)]
        if not layers:
            self.fail(tr("Give at least one hazard zone layer."))
        for lyr in layers:
            if lyr.fields().indexOf(level_field) < 0:
                self.fail(tr("The hazard layer '{layer}' has no field '{field}'. Set LEVEL_FIELD to its level field, or classify the layer first with Classify hazard.").format(
                    layer=lyr.name(), field=level_field))
        return layers

    @staticmethod
    def _zones(lyr, level_field, metric, feedback, used):
        """One hazard layer's zones {level: geometry} (overlaps resolved to the highest level) and its short name."""
        feedback.setProgressText(tr("Reading {layer}").format(layer=lyr.name()))
        extra = ["hazard"] if lyr.fields().indexOf("hazard") >= 0 and level_field != "hazard" else []
        data = read_source(lyr, [level_field] + extra, target_crs=metric, feedback=feedback, what=lyr.name())
        report_reading(data, lyr.name(), feedback)
        levels, n_null = overlay.check_levels(data.attrs[level_field].to_numpy(), lyr.name())
        if n_null:
            feedback.pushWarning(tr("{layer}: {n} zone(s) have no level and were left out.").format(layer=lyr.name(), n=n_null))
        zones, overlap = overlay.resolve_levels(data.geoms, levels, feedback)
        if overlap > 0.01:
            feedback.pushWarning(tr("Zones of different levels overlap in {layer} on {area:.2f} ha: the highest level was kept there.").format(
                layer=lyr.name(), area=overlap / 1e4))
        if not zones:
            feedback.pushWarning(tr("{layer} has no zone at level 1 or above.").format(layer=lyr.name()))
        return zones, hazard_name(lyr, data, used)

    def _vulnerability(self, parameters, context, metric, feedback):
        vfield = self.parameterAsString(parameters, self.VULNERABILITY_FIELD, context) or "level"
        vdata = read_source(self.parameterAsSource(parameters, self.VULNERABILITY, context), [vfield], target_crs=metric,
                            feedback=feedback, what=tr("vulnerability zones"))
        report_reading(vdata, tr("vulnerability zones"), feedback)
        vlev, _ = overlay.check_levels(vdata.attrs[vfield].to_numpy(), tr("vulnerability zones"))
        return overlay.resolve_levels(vdata.geoms, vlev, feedback)[0]

    def _units(self, parameters, context, metric, feedback):
        """``(geometries, ids, levels, population)`` of UNITS (None without UNITS); ``population`` is None without
        POPULATION, else ``(path, unit, layer, stream)``: the raster starts being read in a second
        thread now (:func:`zonal.prefetch`), while the hazards are overlaid and the units split."""
        units = self.parameterAsSource(parameters, self.UNITS, context)
        if units is None:
            return None
        extra = al.unit_fields(self, parameters, context)
        unit_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context) or (extra[0] if extra else "")
        udata = read_source(units, list(dict.fromkeys([unit_field] + extra)), target_crs=metric, feedback=feedback, what=tr("admin units"))
        report_reading(udata, tr("admin units"), feedback)
        ids = udata.attrs[unit_field].to_numpy(dtype=object)
        overlay.check_unit_ids(ids, tr("admin units"))
        levels = al.unit_levels(self, parameters, context, feedback, metric, ids, udata.attrs, udata.geoms)
        ugeoms = udata.geoms
        if levels is not None:
            ids, ugeoms = levels.ids, ugeoms[levels.keep]
        pop_layer = self.parameterAsRasterLayer(parameters, self.POPULATION, context)
        if pop_layer is None:
            return ugeoms, ids, levels, None
        path, unit = gdal_path(pop_layer, pop_layer.name()), self.population_unit(parameters, context)
        return ugeoms, ids, levels, (path, unit, pop_layer, zonal.prefetch(ugeoms, metric, path, 1, unit, report=True))

    def _unit_table(self, units, metric, zones, feedback):
        """The table per unit and level (None without UNITS)."""
        if units is None:
            return None
        feedback.setProgressText(tr("Summarising by unit"))
        ugeoms, ids, levels, population = units
        pop = None
        if population is not None:
            path, unit, pop_layer, stream = population

            def pop(polygons):  # the pieces and the units (they overlap); the log comes from the sums' own read
                res = zonal.zonal_sums(polygons, metric, path, 1, unit, feedback=feedback, report=True, stream=stream)
                if res.report is not None:
                    log_population(feedback, res.report, pop_layer.name())
                else:  # nothing was read (no piece meets the raster)
                    report_population(feedback, path, unit, pop_layer.name(), shapely.total_bounds(ugeoms), metric)
                return res.sums[:, 0]
        table = overlay.unit_level_table(ugeoms, ids, zones["geometry"].to_numpy(), zones["level"].to_numpy(), pop, feedback,
                                         rest_by_difference=True)[0]
        if levels is None:
            return table
        # area_share of a coarser unit: its summed level area over its summed unit area
        areas = pd.DataFrame({"unit_id": ids, "unit_area": shapely.area(geo.repair(np.asarray(ugeoms, dtype=object))[0])})
        return al.roll_up(table, "unit_id", levels, keys=["level"], additive=["area_m2", "population"],
                          ratios={"area_share": ("area_m2", "unit_area", 1.0)}, unit_totals=areas)

    # --- run -------------------------------------------------------------------------------------
    def compute(self, parameters, context, feedback):
        level_field = (self.parameterAsString(parameters, self.LEVEL_FIELD, context) or "level").strip()
        layers = self._hazard_layers(parameters, context, level_field)
        method = self.parameterAsEnum(parameters, self.METHOD, context)
        weights = overlay.parse_weights(self.parameterAsString(parameters, self.WEIGHTS, context), len(layers))
        breaks = overlay.parse_score_breaks(self.parameterAsString(parameters, self.SCORE_BREAKS, context)) \
            if method == overlay.METHOD_WEIGHTED else None
        matrix = overlay.parse_matrix(self.parameterAsString(parameters, self.RISK_MATRIX, context)) \
            if method == overlay.METHOD_MATRIX else None
        items = list(layers)
        for name in (self.UNITS,) + ((self.VULNERABILITY,) if method == overlay.METHOD_MATRIX else ()):
            src = self.parameterAsSource(parameters, name, context)
            if src is not None:
                items.append((src.sourceCrs(), src.sourceExtent()))
        _qcrs, metric = working_crs(items, feedback)
        units = self._units(parameters, context, metric, feedback)
        stream = units[3][3] if units is not None and units[3] is not None else None
        try:
            used = set()
            zone_sets, names = zip(*[self._zones(lyr, level_field, metric, feedback, used) for lyr in layers])
            vzones = self._vulnerability(parameters, context, metric, feedback) \
                if method == overlay.METHOD_MATRIX else None
            check_cancel(feedback)
            feedback.setProgressText(tr("Overlaying the hazards"))
            zones = overlay.hazard_overlay(list(zone_sets), list(names), method, weights, breaks,
                                           self.parameterAsInt(parameters, self.COUNT_LEVEL, context), vzones, matrix,
                                           feedback)
            table = self._unit_table(units, metric, zones, feedback)
        finally:  # the reading thread stops when anything fails or the run is cancelled
            if stream is not None:
                stream.close()
        check_cancel(feedback)
        return self._write(parameters, context, feedback, layers[0].crs(), metric, zones, list(names), method, table)

    # --- write (only after everything is computed) -----------------------------------------------
    def _write(self, parameters, context, feedback, out_crs, metric, zones, names, method, table):
        spec = [("level", "int"), ("score", "double"), ("dominant", "string")]
        spec += [(f"lvl_{n}", "int") for n in names]
        if method == overlay.METHOD_MATRIX:
            spec.append(("vuln_level", "int"))
        spec.append(("area_m2", "double"))
        fields = make_fields(spec)
        geoms = geo.transform(zones["geometry"].to_numpy(), metric, to_pyproj(out_crs))
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, WKB_MULTIPOLYGON, out_crs)
        write_features(sink, fields, geoms, zones, feedback)
        results = {self.OUTPUT: dest}
        self.style_output(context, dest, "hazard_level")
        self.name_output(context, dest, self.OUTPUT, self.parameterDefinition(self.METHOD).options()[method])
        summary = zones.groupby("level")["area_m2"].sum()
        for lv, area in summary.items():
            feedback.pushInfo(tr("Level {level}: {area:.1f} ha").format(level=int(lv), area=area / 1e4))
        if zones.empty:
            feedback.pushWarning(tr("No hazard zone at level 1 or above: the output is empty."))

        if table is not None:
            head = al.HEAD if "unit_code" in table.columns else [("unit_id", field_kind(table["unit_id"]))]
            tfields = make_fields(head + [("level", "int"), ("area_m2", "double"), ("area_share", "double"), ("population", "double")])
            tsink, tdest = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, tfields, WKB_NOGEOMETRY)
            if tsink is not None:
                write_features(tsink, tfields, None, table, feedback)
                results[self.OUTPUT_TABLE] = tdest
        elif parameters.get(self.OUTPUT_TABLE) not in (None, ""):
            feedback.pushInfo(tr("No UNITS given: the table by unit was not written."))
        return results
