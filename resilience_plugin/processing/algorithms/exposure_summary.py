"""resilience:exposuresummary — Exposure statistics (承灾体暴露统计)."""

import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
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
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsRasterLayer,
    QgsVectorLayer,
)

from ...compat import (
    FIELD_ANY,
    FIELD_NUMERIC,
    SOURCE_ANY_GEOMETRY,
    SOURCE_POLYGON,
    SOURCE_RASTER,
    SOURCE_TABLE,
    WKB_NOGEOMETRY,
    geometry_kind,
)
from ...core import exposure as ex
from ...core import geometry as geo
from ...core import overlay
from ...core.classify import parse_thresholds
from ...core.errors import check_cancel
from ...i18n import tr
from ...qgis_io.crs import working_crs
from ...qgis_io.fields import field_kind, merge_fields
from ...qgis_io.raster import gdal_path, log_population, report_population
from ...qgis_io.vector import input_source, iter_batches, make_fields, read_source, report_reading, write_features
from .. import admin_levels as al
from ..base import ResilienceAlgorithm, field_of_map_layer

# Exposure layers with more features than this are read and counted in batches of STREAM_BATCH features
# (GDAL's Arrow stream for whole OGR layers), so memory stays bounded by one batch whatever the size.
STREAM_MIN_FEATURES = 500_000
STREAM_BATCH = 500_000
STREAM_THREADS = 2  # batches counted at once (shapely and GEOS release the GIL)


def _own_copy(value):
    """A private copy of hazard zones (``{level: geom}``) or unit geometries for one thread: GEOS prepares
    geometries lazily, so threads must not share the prepared objects. Rasters and None are shared."""
    if isinstance(value, dict):
        return dict(zip(value.keys(), shapely.from_wkb(shapely.to_wkb(np.array(list(value.values()), dtype=object)))))
    if isinstance(value, np.ndarray) and value.dtype == object:
        return shapely.from_wkb(shapely.to_wkb(value))
    return value


def _in_order(pool, fn, items, ahead):
    """``(item, fn(item))`` for each item, in order, with up to ``ahead`` items computed at once in ``pool``
    (so at most ``ahead + 1`` batches are in memory)."""
    pending = deque()
    for item in items:
        pending.append((item, pool.submit(fn, item)))
        if len(pending) >= ahead:
            item0, job = pending.popleft()
            yield item0, job.result()
    while pending:
        item0, job = pending.popleft()
        yield item0, job.result()


class _CancelOnly:
    """The feedback seen by a worker thread: it can ask whether the run was cancelled, and nothing else
    (progress and messages stay in the algorithm's thread)."""

    def __init__(self, feedback):
        self._feedback = feedback

    def isCanceled(self):  # noqa: N802 - the QgsFeedback name
        return self._feedback.isCanceled()

    def setProgress(self, _value):  # noqa: N802
        pass


class ExposureSummary(ResilienceAlgorithm):
    ALG_ID = "exposuresummary"
    GROUP_ID = "hazard"
    ICON = "exposure_summary.svg"

    HAZARD = "HAZARD"
    LEVEL_FIELD = "LEVEL_FIELD"
    THRESHOLDS = "THRESHOLDS"
    EXPOSURE = "EXPOSURE"
    CLASS_FIELD = "CLASS_FIELD"
    VALUE_FIELD = "VALUE_FIELD"
    RULE = "RULE"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    EXPOSURE_RASTER = "EXPOSURE_RASTER"
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    def display_name(self):
        return tr("Exposure statistics")

    def help_text(self):
        return tr(
            "Counts and measures what lies in each hazard level (承灾体暴露统计): buildings, roads, facilities, and "
            "people, per admin unit.\n\n"
            "HAZARD: hazard zones with an integer LEVEL_FIELD (overlapping zones resolve to the highest level), or a "
            "continuous raster classified with THRESHOLDS t1 < t2 < ... (value < t1 is level 0, t1 <= value < t2 "
            "level 1, ...) and sampled cell by cell, without polygonising. A raster hazard must be in the CRS of the "
            "exposure layer.\n\n"
            "EXPOSURE: points take the level where they lie. Polygons follow RULE: 0 the highest level they touch, "
            "1 the level at their representative point, 2 split by zone (area per level). Lines are always split "
            "(length per level). CLASS_FIELD groups the features (values trimmed, case ignored); VALUE_FIELD is "
            "summed per group (split features contribute by their share of length or area).\n\n"
            "UNITS + UNIT_ID_FIELD: a point, or a polygon under rule 0/1, is counted once, in the unit that holds its "
            "largest part; split features are split by unit too. Features outside every unit are left out of the "
            "table (reported in the log).\n\n"
            "OUTPUT: the exposure features with their attributes and level (the highest level reached), unit_id, and "
            "for split features len_l0...len_lN (m) or area_l0...area_lN (m²). OUTPUT_TABLE: unit_id, class, level, "
            "count (features; a split feature counts in each level it reaches), length_m, area_m2, value.\n\n"
            "EXPOSURE_RASTER: a population raster (POPULATION_UNIT: persons per km², the default, or per cell) adds rows "
            "of class 'population' with the persons per unit and level in value; whole cells count exactly and "
            "boundary cells by area share. Lengths and areas are measured in a metric CRS."
        ) + "\n\n" + al.help_paragraph()

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterMapLayer(self.HAZARD, tr("Hazard (zones or raster)"), types=[SOURCE_POLYGON, SOURCE_RASTER])
        p.setHelp(tr("Hazard zones with an integer level field, or a continuous hazard raster (then give THRESHOLDS)."))
        self.addParameter(p)
        p = field_of_map_layer(self.LEVEL_FIELD, tr("Level field (zones)"), self.HAZARD, defaultValue="level",
                               type=FIELD_ANY, optional=True)
        p.setHelp(tr("The integer level field of the hazard zones (Classify hazard writes 'level')."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.THRESHOLDS, tr("Thresholds (raster hazard)"), optional=True)
        p.setHelp(tr("For a raster hazard: ascending thresholds separated by commas, e.g. 0.1,0.5,1.0 for flood depth in metres."))
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSource(self.EXPOSURE, tr("Exposure features"), types=[SOURCE_ANY_GEOMETRY], optional=True)
        p.setHelp(tr("Points, lines or polygons exposed to the hazard: buildings, roads, facilities..."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.CLASS_FIELD, tr("Class field"), parentLayerParameterName=self.EXPOSURE,
                                        type=FIELD_ANY, optional=True)
        p.setHelp(tr("Optional field that groups the features in the table, e.g. TYPE (trimmed, case ignored)."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.VALUE_FIELD, tr("Value field"), parentLayerParameterName=self.EXPOSURE,
                                        type=FIELD_NUMERIC, optional=True)
        p.setHelp(tr("Optional numeric field summed per group, e.g. asset value or persons."))
        self.addParameter(p)
        p = QgsProcessingParameterEnum(self.RULE, tr("Rule for polygons"), options=[
            tr("Highest level touched"), tr("Level at the representative point"), tr("Split by zone (area per level)")],
            defaultValue=0)
        p.setHelp(tr("How a polygon gets its level. Lines are always split by zone."))
        self.addParameter(p)
        self.add_unit_parameters(tr("Optional admin polygons (district, sub-district, neighbourhood) for the summary table."),
                                 tr("A field with a unique value per unit (name or code)."))
        al.add_hierarchy_parameters(self)
        p = QgsProcessingParameterRasterLayer(self.EXPOSURE_RASTER, tr("Population raster"), optional=True)
        p.setHelp(tr("Optional population raster: adds the persons per unit and level to the table (class 'population')."))
        self.addParameter(p)
        self.add_population_unit_parameter()
        p = QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Exposed features"), optional=True, createByDefault=True)
        self.addParameter(p)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Exposure summary"), type=SOURCE_TABLE))

    # --- reading -----------------------------------------------------------------------------
    def _hazard(self, parameters, context, feedback, metric, exp_crs, pop_layer):
        layer = self.parameterAsLayer(parameters, self.HAZARD, context)
        if layer is None or not layer.isValid():
            self.fail(tr("The hazard layer could not be loaded."))
        thresholds_text = (self.parameterAsString(parameters, self.THRESHOLDS, context) or "").strip()
        if isinstance(layer, QgsRasterLayer):
            if not thresholds_text:
                self.fail(tr("A raster hazard needs THRESHOLDS, e.g. 0.1,0.5,1.0."))
            thresholds = parse_thresholds(thresholds_text)
            if len(thresholds) == 0:
                self.fail(tr("THRESHOLDS holds no numbers."))
            path = gdal_path(layer, layer.name())
            for other, what in ((exp_crs, tr("the exposure layer")), (pop_layer.crs() if pop_layer is not None else None, tr("the population raster"))):
                if other is not None and other != layer.crs():
                    self.fail(tr("The hazard raster is in {crs}, {what} in {other}. Warp the hazard raster to {other} first (Raster > Projections > Warp).").format(
                        crs=layer.crs().authid() or layer.crs().description(), what=what, other=other.authid() or other.description()))
            return ex.RasterHazard.read(path, thresholds), layer
        if not isinstance(layer, QgsVectorLayer) or geometry_kind(layer.wkbType()) != "polygon":
            self.fail(tr("The hazard must be a polygon layer of zones or a raster."))
        if thresholds_text:
            feedback.pushInfo(tr("THRESHOLDS are ignored for hazard zones: their level field is used."))
        field = self.parameterAsString(parameters, self.LEVEL_FIELD, context) or "level"
        if layer.fields().indexOf(field) < 0:
            self.fail(tr("The hazard layer '{layer}' has no field '{field}'. Set LEVEL_FIELD to its level field, or classify the layer first with Classify hazard.").format(
                layer=layer.name(), field=field))
        data = read_source(layer, [field], target_crs=metric, feedback=feedback, what=layer.name())
        report_reading(data, layer.name(), feedback)
        levels, n_null = overlay.check_levels(data.attrs[field].to_numpy(), layer.name())
        if n_null:
            feedback.pushWarning(tr("{layer}: {n} zone(s) have no level and were left out.").format(layer=layer.name(), n=n_null))
        zones, overlap = overlay.resolve_levels(data.geoms, levels, feedback)
        if overlap > 0.01:
            feedback.pushWarning(tr("Zones of different levels overlap in {layer} on {area:.2f} ha: the highest level was kept there.").format(
                layer=layer.name(), area=overlap / 1e4))
        return zones, layer

    def check_values(self, parameters, context):
        if not parameters.get(self.EXPOSURE) and self.parameterAsRasterLayer(parameters, self.EXPOSURE_RASTER, context) is None:
            return tr("Give EXPOSURE features, an EXPOSURE_RASTER of population, or both.")
        if self.parameterAsSource(parameters, self.UNITS, context) is not None and \
                not self.parameterAsString(parameters, self.UNIT_ID_FIELD, context) and \
                not self.parameterAsString(parameters, al.UNIT_CODE_FIELD, context):
            return tr("Choose the UNIT_ID_FIELD of the admin units.")
        return None

    # --- read ----------------------------------------------------------------------------------------
    def _units(self, parameters, context, metric, feedback):
        units = self.parameterAsSource(parameters, self.UNITS, context)
        if units is None:
            return None, None, None
        extra = al.unit_fields(self, parameters, context)
        unit_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context) or extra[0]
        udata = read_source(units, list(dict.fromkeys([unit_field] + extra)), target_crs=metric, feedback=feedback, what=tr("admin units"))
        report_reading(udata, tr("admin units"), feedback)
        uids = udata.attrs[unit_field].to_numpy(dtype=object)
        overlay.check_unit_ids(uids, tr("admin units"))
        levels = al.unit_levels(self, parameters, context, feedback, metric, uids, udata.attrs, udata.geoms)
        if levels is None:
            return uids, udata.geoms, None
        return levels.ids, udata.geoms[levels.keep], levels

    def _exposure_options(self, parameters, context, exp_src):
        kind = geometry_kind(exp_src.wkbType())
        if kind not in ("point", "line", "polygon"):
            self.fail(tr("The exposure layer must hold points, lines or polygons."))
        return (kind, self.parameterAsString(parameters, self.CLASS_FIELD, context),
                self.parameterAsString(parameters, self.VALUE_FIELD, context), self.parameterAsEnum(parameters, self.RULE, context))

    def _count(self, data, kind, rule, class_field, value_field, hazard, ugeoms, uids, metric, feedback, pieces=None):
        classes = ex.normalise_classes(data.attrs[class_field].to_numpy()) if class_field else None
        values = pd.to_numeric(data.attrs[value_field], errors="coerce").fillna(0.0).to_numpy(dtype=float) if value_field else None
        return ex.exposure_summary(geo.transform(data.geoms, data.crs, metric), kind, hazard,
                                   rule=rule, classes=classes, values=values, units=ugeoms, unit_ids=uids,
                                   geoms_raster=data.geoms if isinstance(hazard, ex.RasterHazard) else None,
                                   metric_crs=metric, feedback=feedback, pieces=pieces)

    def _features(self, parameters, context, feedback, exp_src, hazard, ugeoms, uids, metric):
        """Read the exposure features and count them per level (and unit): ``(data, kind, result)``."""
        kind, class_field, value_field, rule = self._exposure_options(parameters, context, exp_src)
        feedback.setProgressText(tr("Reading the exposure features"))
        data = read_source(exp_src, [f.name() for f in exp_src.fields()], feedback=feedback, what=tr("exposure"))
        report_reading(data, tr("exposure"), feedback)
        if len(data) == 0:
            feedback.pushWarning(tr("The exposure layer has no feature with geometry."))
        feedback.setProgressText(tr("Intersecting with the hazard"))
        result = self._count(data, kind, rule, class_field, value_field, hazard, ugeoms, uids, metric, feedback)
        self._warn_outside(feedback, result.outside_units)
        return data, kind, result

    @staticmethod
    def _warn_outside(feedback, n):
        if n:
            feedback.pushWarning(tr("{n} exposure feature(s) lie (partly) outside every unit; those parts are not in the table.").format(n=n))

    def _features_streamed(self, parameters, context, feedback, exp_src, hazard, ugeoms, uids, metric):
        """Like :meth:`_features` for big layers: the features are read, counted and written batch by batch,
        so memory is bounded by one batch. Returns ``(n_read, kind, result, feature outputs)``; the result's
        per-feature arrays are None (each batch's were written)."""
        kind, class_field, value_field, rule = self._exposure_options(parameters, context, exp_src)
        divisible, n_levels = ex.feature_columns(kind, rule, hazard)
        sink, dest, fields = self._feature_sink(parameters, context, exp_src, kind, divisible, n_levels, uids)
        wanted = [f.name() for f in exp_src.fields()] if sink is not None else [class_field, value_field]
        total = max(exp_src.featureCount(), 1)
        feedback.pushInfo(tr("{n} exposure features: read and counted in batches of {batch}.").format(n=exp_src.featureCount(), batch=STREAM_BATCH))
        feedback.setProgressText(tr("Reading the exposure features and intersecting with the hazard"))
        tables, n_read, exposed, outside, skipped, repaired = [], 0, 0, 0, 0, 0
        local = threading.local()

        def count(data):  # in a worker thread, with its own copies of the units and zones (prepared there)
            if not hasattr(local, "inputs"):
                own_hazard, own_units = _own_copy(hazard), _own_copy(ugeoms)
                pieces = ex.zone_pieces(own_hazard, own_units) if divisible and isinstance(hazard, dict) else None
                local.inputs = (own_hazard, own_units, pieces)
            return self._count(data, kind, rule, class_field, value_field, *local.inputs[:2], uids, metric, None,
                               pieces=local.inputs[2])

        batches = iter_batches(exp_src, list(dict.fromkeys(f for f in wanted if f)), batch_size=STREAM_BATCH,
                               feedback=feedback, what=tr("exposure"))
        with ThreadPoolExecutor(max_workers=STREAM_THREADS) as pool:
            for data, result in _in_order(pool, count, batches, STREAM_THREADS):
                check_cancel(feedback)
                skipped, repaired = skipped + data.skipped, repaired + data.repaired
                tables.append(result.table)
                exposed, outside, n_read = exposed + result.exposed, outside + result.outside_units, n_read + len(data)
                if sink is not None:
                    write_features(sink, fields, data.geoms, self._feature_attrs(data, result, kind, uids), feedback)
                feedback.setProgress(min(99.0, 100.0 * (n_read + skipped) / total))
        report_reading(SimpleNamespace(skipped=skipped, repaired=repaired), tr("exposure"), feedback)
        if n_read == 0:
            feedback.pushWarning(tr("The exposure layer has no feature with geometry."))
        self._warn_outside(feedback, outside)
        result = ex.ExposureResult(None, None, None, ex.merge_tables(tables), exposed, outside, n_levels - 1)
        outputs = {}
        if sink is not None:
            self.style_output(context, dest, "exposure_level")
            outputs = {self.OUTPUT: dest}
        return n_read, kind, result, outputs

    def _population(self, parameters, context, feedback, pop_layer, hazard, ugeoms, uids, metric, background=None):
        """The population rows. ``background``: a callable run meanwhile in this thread (the raster is then
        summed in a worker thread: GDAL and numpy release the GIL, so both cores work); returns
        ``(table, background's result)``."""
        feedback.setProgressText(tr("Summing the population"))
        path, unit = gdal_path(pop_layer, pop_layer.name()), self.population_unit(parameters, context)
        if background is None:
            table, rep = ex.population_summary(path, 1, unit, hazard, ugeoms, uids, metric, feedback, report=True)
            other = None
        else:
            with ThreadPoolExecutor(max_workers=1) as pool:
                job = pool.submit(ex.population_summary, path, 1, unit, _own_copy(hazard), _own_copy(ugeoms), uids, metric,
                                  _CancelOnly(feedback), True)
                try:
                    other = background()
                finally:
                    if not job.done():
                        job.cancel()
                table, rep = job.result()
        if rep is not None:  # read once, with the sums
            log_population(feedback, rep, pop_layer.name())
        else:
            report_population(feedback, path, unit, pop_layer.name(),
                              shapely.total_bounds(ugeoms) if ugeoms is not None and len(ugeoms) else None, metric)
        return table, other

    # --- run -------------------------------------------------------------------------------------
    def compute(self, parameters, context, feedback):
        exp_src = input_source(self, parameters, self.EXPOSURE, context) if parameters.get(self.EXPOSURE) else None
        pop_layer = self.parameterAsRasterLayer(parameters, self.EXPOSURE_RASTER, context)
        hazard_layer = self.parameterAsLayer(parameters, self.HAZARD, context)
        if hazard_layer is None:
            self.fail(tr("The hazard layer could not be loaded."))
        items = [hazard_layer]
        for src in (exp_src, self.parameterAsSource(parameters, self.UNITS, context)):
            if src is not None:
                items.append((src.sourceCrs(), src.sourceExtent()))
        _, metric = working_crs(items, feedback)
        hazard, _ = self._hazard(parameters, context, feedback, metric, exp_src.sourceCrs() if exp_src is not None else None, pop_layer)
        uids, ugeoms, levels = self._units(parameters, context, metric, feedback)
        data = kind = result = pop_table = None
        streamed = None
        if exp_src is not None and exp_src.featureCount() > STREAM_MIN_FEATURES:
            def stream():
                return self._features_streamed(parameters, context, feedback, exp_src, hazard, ugeoms, uids, metric)
            if pop_layer is not None:  # the raster is summed meanwhile, in a second thread
                pop_table, streamed = self._population(parameters, context, feedback, pop_layer, hazard, ugeoms, uids,
                                                       metric, background=stream)
            else:
                streamed = stream()
            n_read, kind, result, _outputs = streamed
        elif exp_src is not None:
            data, kind, result = self._features(parameters, context, feedback, exp_src, hazard, ugeoms, uids, metric)
            n_read = len(data)
        if pop_layer is not None and pop_table is None:
            pop_table, _ = self._population(parameters, context, feedback, pop_layer, hazard, ugeoms, uids, metric)
        check_cancel(feedback)
        return self._write(parameters, context, feedback, exp_src, data, kind, result, pop_table, uids,
                           n_read if exp_src is not None else 0, streamed[3] if streamed else None, levels)

    # --- write -----------------------------------------------------------------------------------
    def _write(self, parameters, context, feedback, exp_src, data, kind, result, pop_table, uids, n_read, written,
               levels=None):
        tables = [t for t in (result.table if result is not None else None, pop_table) if t is not None]
        exposed = result.exposed if result is not None else 0
        pop_exposed = float(pop_table.loc[pop_table["level"] > 0, "value"].sum()) if pop_table is not None else 0.0
        table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=ex.TABLE_COLUMNS)
        if exposed == 0 and pop_exposed <= 0:
            feedback.pushWarning(tr("The hazard and the exposure do not overlap: no exposed feature or person was found, the table has no rows."))
            table = table.iloc[0:0]
        results = {}
        if written is not None:
            results.update(written)
        elif result is not None:
            results.update(self._write_features(parameters, context, feedback, exp_src, data, result, kind, uids))
        ids_kind = field_kind(table["unit_id"]) if len(table) else "string"
        head = [("unit_id", ids_kind)]
        if levels is not None:  # every coarser level summed from the finest units' rows
            table = al.roll_up(table, "unit_id", levels, keys=["class", "level"], additive=["count", "length_m", "area_m2", "value"])
            head = al.HEAD
        tfields = make_fields(head + [("class", "string"), ("level", "int"), ("count", "int64"),
                                      ("length_m", "double"), ("area_m2", "double"), ("value", "double")])
        tsink, tdest = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, tfields, WKB_NOGEOMETRY)
        write_features(tsink, tfields, None, table, feedback)
        results[self.OUTPUT_TABLE] = tdest
        if result is not None:
            feedback.pushInfo(tr("{n} of {total} feature(s) lie in hazard level 1 or above.").format(n=exposed, total=n_read))
        if pop_table is not None:
            feedback.pushInfo(tr("{n:.0f} person(s) live in hazard level 1 or above.").format(n=pop_exposed))
        return results

    def _feature_sink(self, parameters, context, src, kind, divisible, n_levels, uids):
        """``(sink or None, dest, fields)`` of the exposed-features output."""
        prefix = "len_l" if kind == "line" else "area_l"
        ours = [("level", "int")]
        if uids is not None and not divisible:
            ours.append(("unit_id", field_kind(uids)))
        if divisible:
            ours += [(f"{prefix}{i}", "double") for i in range(n_levels)]
        fields, _replaced = merge_fields(src.fields(), ours, dates_as_text=True)  # written by name: attrs may hold more
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, src.wkbType(), src.sourceCrs())
        return sink, dest, fields

    @staticmethod
    def _feature_attrs(data, result, kind, uids):
        """The attributes of the exposed features: theirs plus level, unit_id or the measure per level."""
        prefix = "len_l" if kind == "line" else "area_l"
        attrs = data.attrs.copy()
        if result.by_level is not None:
            by = result.by_level
            attrs["level"] = np.where(by[:, 1:] > 0, np.arange(1, by.shape[1])[None, :], 0).max(axis=1) if by.shape[1] > 1 \
                else np.zeros(len(by), int)
            for i in range(by.shape[1]):
                attrs[f"{prefix}{i}"] = by[:, i]
            return attrs
        attrs["level"] = result.level
        if uids is not None:
            attrs["unit_id"] = np.where(result.unit >= 0, np.asarray(uids, dtype=object)[np.maximum(result.unit, 0)], None) \
                if len(uids) else None
        return attrs

    def _write_features(self, parameters, context, feedback, src, data, result, kind, uids):
        divisible = result.by_level is not None
        n_levels = result.by_level.shape[1] if divisible else 0
        sink, dest, fields = self._feature_sink(parameters, context, src, kind, divisible, n_levels, uids)
        if sink is None:
            return {}
        write_features(sink, fields, data.geoms, self._feature_attrs(data, result, kind, uids), feedback)
        self.style_output(context, dest, "exposure_level")
        return {self.OUTPUT: dest}
