"""resilience:towerfailure — Power lines from their towers (杆塔易损性 → 线路失效)."""

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsFields,
    QgsProcessingParameterBand,
    QgsProcessingParameterDistance,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from ...compat import FIELD_ANY, SOURCE_LINE, SOURCE_POINT, SOURCE_TABLE, WKB_NOGEOMETRY, make_field
from ...core import geometry as geo
from ...core import towers as core
from ...core.errors import check_cancel
from ...core.fragility import load_library, normalize_type, normalize_types
from ...core.lifeline import RasterSampler
from ...i18n import tr
from ...qgis_io.crs import to_pyproj, working_crs
from ...qgis_io.vector import input_source, make_fields, read_source, report_reading, write_features
from ..base import ResilienceAlgorithm
from ..intensity import MEASURES, measure_names, padded_extent

TABLE_SPEC = [("unit_id", "string"), ("towers", "int"), ("expected_failed_towers", "double"), ("lines", "int"),
              ("expected_failed_lines", "double")]
LINE_SPEC = [("n_towers", "int"), ("n_towers_no_data", "int"), ("expected_failed_towers", "double"), ("p_towers", "double"),
             ("max_intensity", "double"), ("p_conductor", "double"), ("p_line", "double"), ("weakest_tower", "int"),
             ("weakest_p", "double")]
TOWER_SPEC = [("tower_type", "string"), ("intensity", "double"), ("p_fail", "double"), ("n_lines", "int")]


class TowerFailure(ResilienceAlgorithm):
    ALG_ID = "towerfailure"
    GROUP_ID = "lifelines"
    ICON = "lifeline_exposure.svg"

    TOWERS = "TOWERS"
    TOWER_TYPE_FIELD = "TOWER_TYPE_FIELD"
    TOWER_TYPE = "TOWER_TYPE"
    LINES = "LINES"
    LINE_ID_FIELD = "LINE_ID_FIELD"
    TOWER_LINE_FIELD = "TOWER_LINE_FIELD"
    TOLERANCE = "TOLERANCE"
    INTENSITY = "INTENSITY"
    INTENSITY_BAND = "INTENSITY_BAND"
    INTENSITY_MEASURE = "INTENSITY_MEASURE"
    CONDUCTOR_TYPE = "CONDUCTOR_TYPE"
    FRAGILITY_FILE = "FRAGILITY_FILE"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    OUTPUT = "OUTPUT"
    OUTPUT_TOWERS = "OUTPUT_TOWERS"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    def display_name(self):
        return tr("Power lines from their towers")

    def help_text(self):
        return tr(
            "Which power lines a typhoon, flood or earthquake is likely to bring down, from the towers or poles that carry them (the weak links).\n\n"
            "Each tower's failure probability p comes from its fragility curve (resources/standards/fragility.json, or your "
            "FRAGILITY_FILE merged on top) at the intensity of the raster cell it stands on: typhoon wind in m/s, flood depth in m, "
            "PGA in g... (INTENSITY_MEASURE). Tower types come from TOWER_TYPE_FIELD or TOWER_TYPE (default transmission_tower; "
            "distribution_pole for poles). The default wind curves are the NREL erad tool defaults (tower 55 m/s, pole 45 m/s, "
            "beta 0.4; not peer reviewed).\n\n"
            "Towers are matched to the lines they carry by a line id (TOWER_LINE_FIELD on the towers, several ids separated by "
            "commas, and LINE_ID_FIELD on the lines) or, without those, by distance: every tower within TOLERANCE metres of a "
            "line carries it. A line fails when any of its towers fails: P_line = 1 - (1 - p_conductor) x product of (1 - p_i). "
            "This assumes the towers (and the conductor) fail independently; towers hit by the same storm are in truth "
            "positively correlated, so P_line is an upper bound for the given tower probabilities, while the expected number "
            "of failed towers (the sum of p_i) is exact. With CONDUCTOR_TYPE (e.g. overhead_line) the conductor's own curve is "
            "applied at the largest intensity along the line. Towers off the raster or on nodata cells count as not failing "
            "and are counted in n_towers_no_data (and a warning).\n\n"
            "OUTPUT (weak links): every line with its attributes plus n_towers, n_towers_no_data, expected_failed_towers, "
            "p_towers, max_intensity, p_conductor, p_line, weakest_tower (feature id of the tower with the highest p) and weakest_p. "
            "OUTPUT_TOWERS: every tower with tower_type, intensity, p_fail and n_lines (0: carries no line). OUTPUT_TABLE: per "
            "unit (UNITS + UNIT_ID_FIELD) towers, expected_failed_towers, lines and expected_failed_lines (a line belongs to "
            "the unit holding its midpoint)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterFeatureSource(self.TOWERS, tr("Towers or poles"), types=[SOURCE_POINT])
        p.setHelp(tr("Transmission towers or distribution poles as points."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.TOWER_TYPE_FIELD, tr("Tower type field"), parentLayerParameterName=self.TOWERS,
                                        type=FIELD_ANY, optional=True)
        p.setHelp(tr("Field holding each tower's type in the fragility library (transmission_tower, distribution_pole...)."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.TOWER_TYPE, tr("Tower type for the whole layer"), defaultValue="transmission_tower", optional=True)
        p.setHelp(tr("Type used for every tower (and where the type field is empty). Default transmission_tower."))
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSource(self.LINES, tr("Power lines"), types=[SOURCE_LINE])
        p.setHelp(tr("The lines the towers carry."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.LINE_ID_FIELD, tr("Line id field"), parentLayerParameterName=self.LINES,
                                        type=FIELD_ANY, optional=True)
        p.setHelp(tr("Id of each line, matched against the towers' line id field. Empty: towers are matched by distance."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.TOWER_LINE_FIELD, tr("Towers' line id field"), parentLayerParameterName=self.TOWERS,
                                        type=FIELD_ANY, optional=True)
        p.setHelp(tr("Id(s) of the line(s) each tower carries, separated by commas. Empty: matched by distance."))
        self.addParameter(p)
        p = QgsProcessingParameterDistance(self.TOLERANCE, tr("Matching tolerance (m)"), defaultValue=20.0, minValue=0.0)
        p.setHelp(tr("Towers within this many metres of a line carry it (when no line ids are given). Default 20 m."))
        self.addParameter(p)
        p = QgsProcessingParameterRasterLayer(self.INTENSITY, tr("Intensity raster"))
        p.setHelp(tr("Hazard intensity (typhoon wind, flood depth, PGA...) in the unit of INTENSITY_MEASURE, read at each tower."))
        self.addParameter(p)
        p = QgsProcessingParameterBand(self.INTENSITY_BAND, tr("Intensity band"), defaultValue=1,
                                       parentLayerParameterName=self.INTENSITY, optional=True)
        p.setHelp(tr("Band of the intensity raster. Default 1."))
        self.addParameter(p)
        p = QgsProcessingParameterEnum(self.INTENSITY_MEASURE, tr("Intensity measure"), options=measure_names(),
                                       defaultValue=MEASURES.index("wind"))
        p.setHelp(tr("What the raster holds and in which unit; it chooses the fragility curves. Default: wind speed in m/s."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.CONDUCTOR_TYPE, tr("Conductor type"), optional=True)
        p.setHelp(tr("Fragility type of the lines themselves (e.g. overhead_line), applied at the largest intensity along each line. Empty: only the towers count."))
        self.addParameter(p)
        p = QgsProcessingParameterFile(self.FRAGILITY_FILE, tr("Fragility library (JSON)"), extension="json", optional=True)
        p.setHelp(tr("Your own curves, merged on top of resources/standards/fragility.json (same structure, see fragility.schema.json)."))
        self.addParameter(self.advanced(p))
        self.add_unit_parameters(tr("Polygons (districts, sub-districts) for the summary table."),
                                 tr("Field naming each unit in the table. Empty: the feature id."))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Weak links (lines)")))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TOWERS, tr("Tower failure probabilities")))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_TABLE, tr("Line failure by unit"), type=SOURCE_TABLE))

    def compute(self, parameters, context, feedback):
        tsrc = input_source(self, parameters, self.TOWERS, context)
        lsrc = input_source(self, parameters, self.LINES, context)
        if tsrc is None or lsrc is None:
            self.fail(tr("The towers or the lines layer could not be loaded."))
        type_field = self.parameterAsString(parameters, self.TOWER_TYPE_FIELD, context)
        one_type = (self.parameterAsString(parameters, self.TOWER_TYPE, context) or "").strip()
        if not type_field and not one_type:
            self.fail(tr("Give the TOWER_TYPE_FIELD or one TOWER_TYPE (e.g. transmission_tower or distribution_pole)."))
        line_id_field = self.parameterAsString(parameters, self.LINE_ID_FIELD, context)
        tower_line_field = self.parameterAsString(parameters, self.TOWER_LINE_FIELD, context)
        if bool(line_id_field) != bool(tower_line_field):
            self.fail(tr("Give both LINE_ID_FIELD (on the lines) and TOWER_LINE_FIELD (on the towers), or neither to match by distance."))
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        raster = self.parameterAsRasterLayer(parameters, self.INTENSITY, context)
        if raster is None or raster.providerType() != "gdal":
            self.fail(tr("Only file-based rasters (GDAL) can be read; save the intensity raster to a GeoTIFF first."))
        measure = MEASURES[self.parameterAsEnum(parameters, self.INTENSITY_MEASURE, context)]
        conductor = normalize_type(self.parameterAsString(parameters, self.CONDUCTOR_TYPE, context))
        library = load_library((self.parameterAsFile(parameters, self.FRAGILITY_FILE, context) or "").strip() or None)
        units = self.parameterAsSource(parameters, self.UNITS, context)
        unit_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context)

        _, metric = working_crs([(tsrc.sourceCrs(), padded_extent(tsrc)), (lsrc.sourceCrs(), padded_extent(lsrc))], feedback)
        tnames = [f.name() for f in tsrc.fields()]
        lnames = [f.name() for f in lsrc.fields()]
        tdata = read_source(tsrc, tnames, feedback=feedback, what=tr("towers"))
        report_reading(tdata, tr("towers"), feedback)
        ldata = read_source(lsrc, lnames, feedback=feedback, what=tr("power lines"))
        report_reading(ldata, tr("power lines"), feedback)
        if len(tdata) == 0 or len(ldata) == 0:
            self.fail(tr("The towers and the lines layers both need features with geometry."))
        check_cancel(feedback, 20)
        tgeoms = tdata.geoms if tdata.crs is None else geo.transform(tdata.geoms, tdata.crs, metric)
        lgeoms = ldata.geoms if ldata.crs is None else geo.transform(ldata.geoms, ldata.crs, metric)
        if not np.all(shapely.get_type_id(tgeoms) == 0):
            tgeoms = shapely.point_on_surface(tgeoms)  # multipoints: their first / central point
        types = self._types(tdata.attrs, type_field, one_type)
        library.check_asset_types(types, "point")
        if conductor:
            library.check_asset_types([conductor], "line")
            if library.curve(conductor, measure) is None:
                self.fail(tr("The fragility library has no curve for the conductor type '{name}' under {measure}.").format(name=conductor, measure=measure))

        sampler = RasterSampler(raster.source(), self.parameterAsInt(parameters, self.INTENSITY_BAND, context) or 1,
                                metric, to_pyproj(raster.crs()))
        x, y = shapely.get_x(tgeoms), shapely.get_y(tgeoms)
        im, _ = sampler.sample(x, y)
        library.check_plausible(im, measure)
        p = core.tower_probabilities(types, im, library, measure)
        check_cancel(feedback, 50)
        if line_id_field:
            pt, ln, unknown = core.match_by_id(tdata.attrs[tower_line_field].tolist(), ldata.attrs[line_id_field].tolist())
            if unknown:
                feedback.pushWarning(tr("{n} line id(s) on the towers name no line: {ids}.").format(n=len(unknown), ids=", ".join(unknown[:20])))
        else:
            pt, ln = core.match_by_distance(tgeoms, lgeoms, tolerance)
        line_im = core.max_along(lgeoms, sampler, sampler.cell_size_m(x, y) / 2)
        p_cond = library.curve(conductor, measure).p_fail(line_im) if conductor else None
        res = core.line_failure(len(lgeoms), pt, ln, p, p_cond)
        n_lines_of = np.bincount(pt, minlength=len(tgeoms))
        self._log(feedback, im, n_lines_of, res, library, types, measure, conductor)
        check_cancel(feedback, 70)

        line_cols = {"n_towers": res["n_towers"], "n_towers_no_data": res["n_unknown"], "expected_failed_towers": res["expected_failed"],
                     "p_towers": res["p_towers"], "max_intensity": line_im,
                     "p_conductor": res["p_conductor"] if conductor else np.full(len(lgeoms), np.nan), "p_line": res["p_line"],
                     "weakest_tower": np.array([int(tdata.fids[w]) if w >= 0 else None for w in res["weakest"]], dtype=object),
                     "weakest_p": res["weakest_p"]}
        dest = self._write(parameters, context, self.OUTPUT, lsrc, ldata, LINE_SPEC, line_cols, feedback)
        tower_cols = {"tower_type": np.array(types, dtype=object), "intensity": im, "p_fail": p, "n_lines": n_lines_of}
        tdest = self._write(parameters, context, self.OUTPUT_TOWERS, tsrc, tdata, TOWER_SPEC, tower_cols, feedback)
        table_dest = self._write_table(parameters, context, units, unit_field, metric, tgeoms, p, lgeoms, res["p_line"], feedback)
        self.style_output(context, dest, "weak_links")
        self.style_output(context, tdest, "lifeline_pfail")
        return {self.OUTPUT: dest, self.OUTPUT_TOWERS: tdest, self.OUTPUT_TABLE: table_dest}

    # --- helpers --------------------------------------------------------------------------
    @staticmethod
    def _types(attrs, type_field, one_type):
        if not type_field:
            return [normalize_type(one_type)] * len(attrs)
        fallback = normalize_type(one_type or None)  # for towers with an empty type
        values = [None if isinstance(v, float) and np.isnan(v) else v for v in attrs[type_field]]
        out = [t or fallback for t in normalize_types(values)]
        if any(t is None for t in out):
            ResilienceAlgorithm.fail(tr("Some towers have no type: fill TOWER_TYPE_FIELD or give a TOWER_TYPE for them."))
        return out

    @staticmethod
    def _log(feedback, im, n_lines_of, res, library, types, measure, conductor):
        missing = int((~np.isfinite(im)).sum())
        if missing:
            feedback.pushWarning(tr("{n} tower(s) are off the intensity raster or on nodata cells: they count as not failing (n_towers_no_data on their lines).").format(n=missing))
        lonely = int((n_lines_of == 0).sum())
        if lonely:
            feedback.pushWarning(tr("{n} tower(s) carry no line (n_lines = 0): check TOLERANCE or the line ids.").format(n=lonely))
        bare = int((res["n_towers"] == 0).sum())
        if bare:
            feedback.pushWarning(tr("{n} line(s) have no tower matched: their p_line comes from the conductor only (0 without CONDUCTOR_TYPE).").format(n=bare))
        used = {c.id: c for c in (library.curve(t, measure) for t in set(types) | ({conductor} if conductor else set()))}
        for _, c in sorted(used.items()):
            flag = tr("verified") if c.verified else tr("unverified")
            feedback.pushInfo(tr("Curve {curve} ({flag}): {source}").format(curve=c.id, flag=flag, source=c.source))
        feedback.pushInfo(tr("Expected failed towers: {t:.2f}; expected failed lines: {n:.2f} of {total}.").format(
            t=float(res["expected_failed"].sum()), n=float(res["p_line"].sum()), total=len(res["p_line"])))

    def _write(self, parameters, context, key, source, data, spec, cols, feedback):
        ours = {n for n, _ in spec}
        fields = QgsFields()
        dropped = []
        for f in source.fields():
            if f.name() in ours:
                dropped.append(f.name())
            else:
                fields.append(f)
        if dropped:
            feedback.pushWarning(tr("Input fields replaced by the results: {names}.").format(names=", ".join(dropped)))
        for name, kind in spec:
            fields.append(make_field(name, kind))
        table = data.attrs.drop(columns=dropped).reset_index(drop=True)
        for name, _ in spec:
            col = np.asarray(cols[name])
            if col.dtype.kind == "f":
                col = np.where(np.isfinite(col), col, np.nan)  # written as NULL; numbers stay numbers
            elif col.dtype.kind not in "iub":
                col = [None if v is None or (isinstance(v, float) and not np.isfinite(v)) else v for v in col.tolist()]
            table[name] = col
        sink, dest = self.parameterAsSink(parameters, key, context, fields, source.wkbType(), source.sourceCrs())
        if sink is None:
            self.fail(tr("Could not create the output layer."))
        write_features(sink, fields, data.geoms, table, feedback)
        return dest

    def _write_table(self, parameters, context, units, unit_field, metric, tgeoms, p, lgeoms, p_line, feedback):
        if units is not None:
            udata = read_source(units, [unit_field] if unit_field else [], target_crs=metric, feedback=feedback, what=tr("units"))
            ids = [str(v) if v is not None else None for v in udata.attrs[unit_field]] if unit_field else [str(f) for f in udata.fids]
            rows = core.unit_table(ids, core.unit_of(tgeoms, udata.geoms), p, core.unit_of(lgeoms, udata.geoms), p_line)
        else:
            rows = core.unit_table([tr("all")], np.zeros(len(tgeoms), np.int64), p, np.zeros(len(lgeoms), np.int64), p_line)
        fields = make_fields(TABLE_SPEC)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_TABLE, context, fields, WKB_NOGEOMETRY)
        if sink is None:
            self.fail(tr("Could not create the summary table."))
        write_features(sink, fields, None, pd.DataFrame(rows, columns=[n for n, _ in TABLE_SPEC]), feedback)
        return dest

