"""resilience:exportplanmap — Export plan map (规划图件输出)."""

import datetime
from pathlib import Path

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsVectorLayer,
)

from ... import compat as en
from ...compat import FIELD_ANY, NUMBER_INTEGER, SOURCE_POLYGON, geometry_kind
from ...i18n import is_chinese, tr
from ...maps import layout as lay
from ...maps import texts
from ...maps.export import FORMATS, ExportError, PlanMap, check_dpi, check_output_folder, read_template
from ...qgis_io.crs import to_pyproj, working_crs
from ..base import ResilienceAlgorithm

NO_THREADING = en.NO_THREADING
MAP_LAYER = en.MAP_LAYER_SOURCE


def default_map_language(platform=None, locale=None):
    """The interface language in QGIS (platform ``desktop``); bilingual under ``qgis_process`` and in
    scripts, where nobody chose a language."""
    from qgis.core import QgsApplication

    if (platform or QgsApplication.platform()) != "desktop":
        return texts.BILINGUAL
    return texts.CHINESE if is_chinese(locale) else texts.ENGLISH


class ExportPlanMap(ResilienceAlgorithm):
    ALG_ID = "exportplanmap"
    GROUP_ID = "maps"
    ICON = "export_plan_map.svg"

    LAYERS = "LAYERS"
    TEMPLATE = "TEMPLATE"
    TEMPLATE_FILE = "TEMPLATE_FILE"
    LANGUAGE = "LANGUAGE"
    TITLE = "TITLE"
    SUBTITLE = "SUBTITLE"
    NOTE = "NOTE"
    DATE = "DATE"
    EXTENT = "EXTENT"
    OVERVIEW = "OVERVIEW"
    COVERAGE = "COVERAGE"
    COVERAGE_NAME_FIELD = "COVERAGE_NAME_FIELD"
    SINGLE_FILE = "SINGLE_FILE"
    FORMAT = "FORMAT"
    DPI = "DPI"
    OUTPUT = "OUTPUT"
    FILES = "FILES"
    PAGES = "PAGES"

    def display_name(self):
        return tr("Export plan map")

    def flags(self):
        # Layout export renders with fonts and pictures: keep it on the main thread, as QGIS's own
        # layout export algorithms do.
        return super().flags() | NO_THREADING

    def help_text(self):
        return tr(
            "Exports a plan-ready map (A3 or A4) in one step: the LAYERS in order (the first is drawn on top), "
            "a title block (TITLE, SUBTITLE; without a title, the first layer's), a compact legend that lists only "
            "what is visible on the map, a scale bar with round lengths in m or km, a north arrow, notes (NOTE: "
            "data source, compiler), the DATE, the coordinate reference system and an overview map (OVERVIEW; left "
            "out when the map already shows all the layers).\n\n"
            "LANGUAGE sets every fixed text on the page (legend title, layer titles and classes of layers read "
            "from files, date, coordinate reference system, notes heading, scale unit): Chinese, English or "
            "bilingual. It defaults to the QGIS interface language in QGIS and to bilingual in qgis_process.\n\n"
            "The map is drawn in the first layer's CRS when it is projected, otherwise in a metric CRS chosen for "
            "the data (CGCS2000 Gauss-Krueger in China, UTM elsewhere), so that the scale bar is true. The extent "
            "is EXTENT, or all layers with a 5 % margin. Layers read from files (in a model or a batch run) get "
            "the plugin's style for their output type; layers of the project keep their own style.\n\n"
            "TEMPLATE chooses one of the built-in layouts, TEMPLATE_FILE a layout template (.qpt) of your own; "
            "items with the ids map, legend, scalebar, north_arrow, title, subtitle, note, date, crs_note and "
            "overview are filled, and labels may use @plan_title, @plan_subtitle, @plan_note, @plan_date and "
            "@plan_crs.\n\n"
            "With a COVERAGE polygon layer the map becomes an atlas: one page per feature (e.g. each district), "
            "zoomed to it, the other features faded, its COVERAGE_NAME_FIELD value in the subtitle; one multi-page "
            "PDF (SINGLE_FILE) or one file per feature next to OUTPUT, named <output>_<name>.\n\n"
            "FORMAT pdf, png or svg at DPI dots per inch (1-1200). PDF and SVG text stays real, searchable text. "
            "PNG pages come with a world file (.pgw). Nothing is left behind when the export fails."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterMultipleLayers(self.LAYERS, tr("Layers (first on top)"), layerType=MAP_LAYER)
        p.setHelp(tr("The layers to show, in drawing order: the first layer is drawn on top. Required."))
        self.addParameter(p)
        p = QgsProcessingParameterEnum(self.TEMPLATE, tr("Page"), options=[
            tr("A3 landscape"), tr("A3 portrait"), tr("A4 landscape"), tr("A4 portrait")], defaultValue=0)
        p.setHelp(tr("One of the built-in plan-map layouts (resources/layouts). Ignored when a template file is given."))
        self.addParameter(p)
        p = QgsProcessingParameterFile(self.TEMPLATE_FILE, tr("Layout template file (.qpt)"), optional=True,
                                       fileFilter=tr("Layout templates (*.qpt)"))
        p.setHelp(tr("A layout template of your own, saved from the QGIS layout designer. Its items are found by id "
                     "(map, legend, scalebar, north_arrow, title, subtitle, note, date, crs_note, overview)."))
        self.addParameter(p)
        # optional: models and scripts from before this parameter existed get the default
        p = QgsProcessingParameterEnum(self.LANGUAGE, tr("Map language"), options=list(texts.LANGUAGE_NAMES),
                                       defaultValue=default_map_language(), optional=True)
        p.setHelp(tr("The language of everything printed on the map besides your own texts: legend title, layer "
                     "titles and classes, date, coordinate reference system, notes heading and scale unit. The "
                     "default is the QGIS interface language in QGIS and bilingual in qgis_process."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.TITLE, tr("Title"), optional=True)
        p.setHelp(tr("The map title, e.g. 综合灾害风险分区图. Empty: the title of the first layer."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.SUBTITLE, tr("Subtitle"), optional=True)
        p.setHelp(tr("A line under the title, e.g. the plan's name. In an atlas the feature's name is added to it."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.NOTE, tr("Notes (data source, compiler)"), optional=True, multiLine=True)
        p.setHelp(tr("Printed in the notes block: data sources, compiling organisation, remarks."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.DATE, tr("Date"), optional=True)
        p.setHelp(tr("The date printed on the map. Default: today (YYYY-MM-DD)."))
        self.addParameter(p)
        p = QgsProcessingParameterExtent(self.EXTENT, tr("Map extent"), optional=True)
        p.setHelp(tr("The area to show. Default: the extent of all layers with a 5 % margin. Not used by an atlas."))
        self.addParameter(p)
        p = QgsProcessingParameterBoolean(self.OVERVIEW, tr("Show an overview map"), defaultValue=True)
        p.setHelp(tr("Show the small overview map with the main map's extent framed in red."))
        self.addParameter(p)
        p = QgsProcessingParameterVectorLayer(self.COVERAGE, tr("Atlas coverage layer (one page per feature)"),
                                              types=[SOURCE_POLYGON], optional=True)
        p.setHelp(tr("Polygons such as districts or sub-districts: one page per feature, zoomed to it."))
        self.addParameter(p)
        p = QgsProcessingParameterField(self.COVERAGE_NAME_FIELD, tr("Coverage name field"), optional=True,
                                        parentLayerParameterName=self.COVERAGE, type=FIELD_ANY)
        p.setHelp(tr("The field naming each page (e.g. the district name): shown in the subtitle and used in file names."))
        self.addParameter(p)
        p = QgsProcessingParameterBoolean(self.SINGLE_FILE, tr("Atlas as one multi-page PDF"), defaultValue=True)
        p.setHelp(tr("For an atlas exported to PDF: one multi-page file (on) or one file per feature (off). "
                     "PNG and SVG atlases always give one file per feature."))
        self.addParameter(p)
        p = QgsProcessingParameterEnum(self.FORMAT, tr("Format"), options=["PDF", "PNG", "SVG"], defaultValue=0)
        p.setHelp(tr("PDF (vector, searchable text), PNG (image with world file) or SVG (vector)."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.DPI, tr("Resolution (DPI)"), type=NUMBER_INTEGER, defaultValue=300)
        p.setHelp(tr("Dots per inch for images and rasterised parts, 1-1200. 300 is usual for print."))
        self.addParameter(p)
        p = QgsProcessingParameterFileDestination(self.OUTPUT, tr("Output file"),
                                                  fileFilter="PDF (*.pdf);;PNG (*.png);;SVG (*.svg)")
        p.setHelp(tr("The file to write. Its extension is set by FORMAT. An atlas to PNG/SVG writes one file per "
                     "feature next to it, named <output>_<name>."))
        self.addParameter(p)
        self.addOutput(QgsProcessingOutputString(self.FILES, tr("Files written")))
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, tr("Number of pages")))

    def compute(self, parameters, context, feedback):
        try:
            return self._compute(parameters, context, feedback)
        except ExportError as err:
            self.fail(str(err))

    def _compute(self, parameters, context, feedback):
        # --- check everything before writing anything -------------------------------------------
        layers = self.parameterAsLayerList(parameters, self.LAYERS, context) or []
        layers = [layer for layer in layers if layer is not None]
        if not layers:
            self.fail(tr("Give at least one layer to show on the map (LAYERS is empty)."))
        for layer in layers:
            if not layer.isValid():
                self.fail(tr("The layer '{name}' could not be loaded.").format(name=layer.name()))
            if isinstance(layer, QgsVectorLayer) and not layer.isSpatial():
                self.fail(tr("The layer '{name}' is a table without geometry: it cannot be drawn on a map. Leave it out "
                             "of the map layers.").format(name=layer.name()))
            if not layer.crs().isValid():
                self.fail(tr("The layer '{name}' has no valid coordinate reference system: set its CRS in the layer "
                             "properties first.").format(name=layer.name()))
        template_file = (self.parameterAsFile(parameters, self.TEMPLATE_FILE, context) or "").strip()
        own = not template_file
        template = template_file or str(lay.template_path(self.parameterAsEnum(parameters, self.TEMPLATE, context)))
        doc = read_template(template)
        dpi = self.parameterAsInt(parameters, self.DPI, context)
        check_dpi(dpi)
        fmt = FORMATS[self.parameterAsEnum(parameters, self.FORMAT, context)]
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not output:
            self.fail(tr("Choose an output file."))
        out_path = Path(output)
        if out_path.suffix.lower() != "." + fmt:
            out_path = out_path.with_suffix("." + fmt)
        check_output_folder(out_path)

        coverage = self.parameterAsVectorLayer(parameters, self.COVERAGE, context)
        name_field = (self.parameterAsString(parameters, self.COVERAGE_NAME_FIELD, context) or "").strip()
        if coverage is not None:
            if geometry_kind(coverage.wkbType()) != "polygon":
                self.fail(tr("The atlas coverage layer must contain polygons."))
            if not name_field:
                self.fail(tr("Choose the COVERAGE_NAME_FIELD that names each page of the atlas."))
            if coverage.fields().indexOf(name_field) < 0:
                self.fail(tr("The coverage layer '{layer}' has no field '{field}'. Its fields are: {fields}.").format(
                    layer=coverage.name(), field=name_field, fields=", ".join(coverage.fields().names())))
            if coverage.featureCount() == 0:
                self.fail(tr("The atlas coverage layer '{layer}' has no features.").format(layer=coverage.name()))

        title = self.parameterAsString(parameters, self.TITLE, context) or ""
        subtitle = self.parameterAsString(parameters, self.SUBTITLE, context) or ""
        note = self.parameterAsString(parameters, self.NOTE, context) or ""
        date = (self.parameterAsString(parameters, self.DATE, context) or "").strip() or datetime.date.today().isoformat()

        # --- map CRS: the first layer's if projected, else a metric one for the data -------------
        crs = layers[0].crs()
        if not crs.isValid() or crs.isGeographic():
            crs, _ = working_crs(layers, None)
        to_pyproj(crs)
        crs_note = f"{crs.description()} ({crs.authid()})" if crs.authid() else crs.description()
        extent = None
        if parameters.get(self.EXTENT) not in (None, ""):
            extent = self.parameterAsExtent(parameters, self.EXTENT, context, crs)
            if extent.isEmpty():
                extent = None

        # --- build and export --------------------------------------------------------------------
        plan = PlanMap(doc, own_template=own)
        project = context.project()

        def in_project(layer):
            return project is not None and project.mapLayer(layer.id()) is not None

        language = self.parameterAsEnum(parameters, self.LANGUAGE, context)
        plan.add_layers(layers, in_project=in_project, feedback=feedback, language=language)
        if coverage is not None:
            plan.set_coverage(coverage, name_field)
        overview = self.parameterAsBoolean(parameters, self.OVERVIEW, context)
        plan.fill(crs, extent=extent, title=title, subtitle=subtitle, note=note, date=date, crs_note=crs_note,
                  overview=overview, language=language)
        feedback.pushInfo(tr("Map CRS: {crs}").format(crs=crs_note))
        single = self.parameterAsBoolean(parameters, self.SINGLE_FILE, context)
        files = plan.export(out_path, fmt, dpi=dpi, single_file=single, feedback=feedback)
        pages = coverage.featureCount() if coverage is not None else 1
        for path in files:
            feedback.pushInfo(tr("Wrote {path}").format(path=path))
        maps = [f for f in files if not f.endswith(".pgw")]
        main = str(out_path) if str(out_path) in maps else (maps[0] if maps else str(out_path))
        return {self.OUTPUT: main, self.FILES: ";".join(maps), self.PAGES: pages}
