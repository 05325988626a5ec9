"""The small base class shared by all our algorithms."""

import os
import re
import tempfile

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterVectorDestination,
    QgsRasterFileWriter,
    QgsVectorFileWriter,
)
from qgis.PyQt.QtGui import QIcon

from ..compat import keep_proj_context
from ..core.errors import Cancelled, InputError
from ..i18n import tr
from ..maps.styles import style_on_load
from ..paths import resource_path
from .help import for_dialog

# Group ids are stable (models refer to them); names are translated.
GROUPS = {
    "hazard": lambda: tr("Hazard assessment"),
    "facilities": lambda: tr("Dual-use facilities"),
    "lifelines": lambda: tr("Lifelines"),
    "maps": lambda: tr("Maps and styles"),
}

# The planning workflow: the order of the menu, the toolbar and the toolbox groups. QGIS's toolbox
# sorts groups by their displayed name (locale-aware), so group names carry their step number.
WORKFLOW = {
    "hazard": ["classifyhazard", "hazardoverlay", "exposuresummary", "economicloss", "comparescenarios"],
    "facilities": ["ahpweights", "facilitysuitability", "sheltercoverage", "evacuationplan", "supplyplan", "robustsiting",
                   "lifecircle"],
    "lifelines": ["lifelineexposure", "networkcriticality", "towerfailure", "cascade", "restoration"],
    "maps": ["applystyle", "exportplanmap"],
}


def group_name(group_id):
    """The displayed group name with its workflow step, e.g. "1. Hazard assessment" / "1. 灾害评估"."""
    step = list(WORKFLOW).index(group_id) + 1 if group_id in WORKFLOW else len(WORKFLOW) + 1
    return tr("{step}. {group}").format(step=step, group=GROUPS[group_id]())


def workflow_order(algorithms):
    """``algorithms`` grouped as [(group_id, [alg, ...]), ...] in workflow order; unknown ones last in their group."""
    groups = {gid: [] for gid in WORKFLOW}
    for alg in algorithms:
        groups.setdefault(alg.groupId(), []).append(alg)

    def rank(gid, alg):
        names = WORKFLOW.get(gid, [])
        return (names.index(alg.name()) if alg.name() in names else len(names), alg.name())

    return [(gid, sorted(algs, key=lambda a, g=gid: rank(g, a))) for gid, algs in groups.items() if algs]


def set_help(param, help_text, advanced=False):
    """``param.setHelp(help_text)``, and the advanced flag when asked; returns ``param``."""
    param.setHelp(help_text)
    if advanced:
        from ..compat import PARAM_ADVANCED

        param.setFlags(param.flags() | PARAM_ADVANCED)
    return param


LAYER_OF_FIELD = "resilience_layer_of_field"


def field_of_map_layer(name, description, layer_param, **kwargs):
    """A field parameter of ``layer_param``, a QgsProcessingParameterMapLayer that may hold a raster.

    QGIS's field widget crashes QGIS (3.22 and 3.40 checked) when its parent layer parameter holds a raster
    layer, so such a field is not tied to its layer in its definition: the layer it belongs to is kept in
    the metadata, the dialog's field chooser is ours (gui/field_wrapper.py, a field list while the layer
    is a vector layer) and ``input_problem`` checks the name against that layer."""
    from qgis.core import QgsProcessingParameterField

    p = QgsProcessingParameterField(name, description, **kwargs)
    p.setMetadata({**p.metadata(), LAYER_OF_FIELD: layer_param,
                   "widget_wrapper": {"class": "resilience_plugin.gui.field_wrapper.LayerFieldWrapper"}})
    return p


class ResilienceAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``ALG_ID``, ``GROUP_ID``, ``ICON`` and implement ``display_name``,
    ``help_text``, ``initAlgorithm`` and ``compute``."""

    ALG_ID = ""
    GROUP_ID = "hazard"
    ICON = "resilience.svg"

    def __init_subclass__(cls, **kwargs):
        """Parameter help, like the algorithm help, names the dialog's labels first (see help.py)."""
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("initAlgorithm")
        if init is None:
            return

        def init_algorithm(self, config=None):
            init(self, config)
            definitions = self.parameterDefinitions()
            for d in definitions:
                if d.help():
                    d.setHelp(for_dialog(d.help(), definitions))

        init_algorithm.__doc__ = init.__doc__
        cls.initAlgorithm = init_algorithm

    # --- identity -------------------------------------------------------------------------
    def name(self):
        return self.ALG_ID

    def displayName(self):  # noqa: N802 - QGIS API
        return self.display_name()

    def display_name(self):
        raise NotImplementedError

    def group(self):
        return group_name(self.GROUP_ID)

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def createInstance(self):  # noqa: N802
        return type(self)()

    def icon(self):
        return QIcon(str(resource_path("icons", self.ICON)))

    def svgIconPath(self):  # noqa: N802
        return str(resource_path("icons", self.ICON))

    def shortHelpString(self):  # noqa: N802
        return for_dialog(self.help_text(), self.parameterDefinitions())

    def help_text(self):
        return ""

    def tags(self):
        return [tr("resilience"), tr("hazard"), "韧性", "resilience"]

    # --- running --------------------------------------------------------------------------
    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        problem = (self.check_values(parameters, context) or self.input_problem(parameters, context)
                   or self.destination_problem(parameters, context))
        if problem:
            return False, problem
        return True, ""

    def check_values(self, parameters, context):
        """Pure parameter checks (no data read): the translated message of the first problem, or None.
        Shown by the dialog before the run (checkParameterValues) and checked again when the run starts."""
        return None

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        keep_proj_context()  # before anything here uses pyproj on a background thread (see compat)
        # every destination is checked before anything is read or written (callers that skip
        # checkParameterValues, e.g. a model's child steps, get the same check here)
        problem = self.input_problem(parameters, context) or self.destination_problem(parameters, context)
        if problem:
            raise QgsProcessingException(problem)
        self.check_rasters(parameters, context, feedback)
        new_files = [p for p in self._files_outputs_may_create(parameters, context) if not os.path.lexists(p)]
        try:
            message = self.check_values(parameters, context)
            if message:
                raise QgsProcessingException(message)
            return self.compute(parameters, context, feedback)
        except InputError as err:
            message = err.translated(tr)
        except Cancelled:
            message = tr("Cancelled by the user; no output was written.")
        except QgsProcessingException as err:
            message = err.args[0] if err.args else str(err)
        except Exception:
            self._remove_created(new_files)
            raise
        # Raised outside the except blocks: the exception the caller keeps carries no traceback into our
        # frames, so layers, layouts, arrays and sinks built for the run are freed (closed) now, not at QGIS exit.
        removed = self._remove_created(new_files)
        if removed:
            message += "\n" + tr("The outputs this run had begun to write were removed: {paths}.").format(paths=", ".join(removed))
        raise QgsProcessingException(message)

    # --- inputs -----------------------------------------------------------------------------
    def _input_layers(self, parameters, context):
        """``(parameter, [layers or sources])`` of every layer input that is given."""
        from qgis.core import (
            QgsProcessingParameterFeatureSource,
            QgsProcessingParameterMapLayer,
            QgsProcessingParameterMultipleLayers,
            QgsProcessingParameterRasterLayer,
            QgsProcessingParameterVectorLayer,
        )

        out = []
        for param in self.parameterDefinitions():
            name = param.name()
            if parameters.get(name) in (None, "", []):
                continue
            if isinstance(param, QgsProcessingParameterFeatureSource):
                # the layer when there is one (it has a name and a source to show), else the source
                items = [self.parameterAsVectorLayer(parameters, name, context) or self.parameterAsSource(parameters, name, context)]
            elif isinstance(param, QgsProcessingParameterMultipleLayers):
                items = self.parameterAsLayerList(parameters, name, context)
            elif isinstance(param, (QgsProcessingParameterMapLayer, QgsProcessingParameterRasterLayer,
                                    QgsProcessingParameterVectorLayer)):
                items = [self.parameterAsLayer(parameters, name, context)]
            else:
                continue
            out.append((param, [i for i in items if i is not None]))
        return out

    def input_problem(self, parameters, context):
        """The message for the first input that cannot give a right answer, or "" when all can: a
        field that the layer does not have, a layer of points or lines where polygons (zones, units)
        are required, a layer without a valid CRS."""
        from qgis.core import QgsProcessingParameterField, QgsRasterLayer, QgsVectorLayer

        from ..compat import (
            SOURCE_LINE,
            SOURCE_POINT,
            SOURCE_POLYGON,
            SOURCE_RASTER,
            enum_value,
            geometry_kind,
            parameter_strings,
        )

        polygon, raster = enum_value(SOURCE_POLYGON), enum_value(SOURCE_RASTER)
        kind_of_type = {enum_value(SOURCE_POINT): "point", enum_value(SOURCE_LINE): "line", polygon: "polygon"}
        kinds = {"point": tr("points"), "line": tr("lines"), "polygon": tr("polygons")}

        layers = self._input_layers(parameters, context)
        by_name = {param.name(): items for param, items in layers}
        # fields given explicitly must exist in their layer
        for param in self.parameterDefinitions():
            if not isinstance(param, QgsProcessingParameterField) or parameters.get(param.name()) in (None, "", []):
                continue
            parent = by_name.get(param.parentLayerParameterName() or param.metadata().get(LAYER_OF_FIELD, ""))
            if not parent or isinstance(parent[0], QgsRasterLayer):
                continue
            names = parameter_strings(self, parameters, param.name(), context)
            available = [f.name() for f in parent[0].fields()]
            for field in names:
                if field and field not in available:
                    return tr("The layer '{layer}' has no field '{field}' (set in {param}). Choose one of its fields: {available}.").format(
                        field=field, param=param.description(), layer=_layer_name(parent[0]), available=", ".join(available) or "-")
        for param, items in layers:
            types = _data_types(param)
            for item in items:
                if isinstance(item, QgsRasterLayer):
                    crs = item.crs()
                else:
                    wkb = item.wkbType()
                    kind = geometry_kind(wkb)
                    if kind == "none":
                        continue  # a table: no geometry, no CRS
                    # the geometry kinds the parameter asks for (none listed: any geometry, tables, map layers)
                    wanted = {kind_of_type[t] for t in types if t in kind_of_type}
                    if wanted and not set(types) - {raster} - set(kind_of_type) and kind not in wanted:
                        if wanted == {"polygon"}:
                            return tr("{param} must contain polygons (zones or units), but '{layer}' holds {kind}: choose a polygon layer.").format(
                                param=param.description(), layer=_layer_name(item), kind=kinds.get(kind, kind))
                        return tr("{param} must contain {wanted}, but '{layer}' holds {kind}: choose another layer.").format(
                            param=param.description(), layer=_layer_name(item), kind=kinds.get(kind, kind),
                            wanted=tr(" or ").join(kinds[k] for k in ("point", "line", "polygon") if k in wanted))
                    crs = item.crs() if isinstance(item, QgsVectorLayer) else item.sourceCrs()
                if self.GROUP_ID != "maps" and not crs.isValid():
                    return tr("The layer '{layer}' ({param}) has no valid coordinate reference system: set its CRS first (Layer Properties > Source), or assign one with Processing > Vector general > Assign projection.").format(
                        layer=_layer_name(item), param=param.description())
        return ""

    @staticmethod
    def clean_population(values, feedback, what):
        """Persons per feature from a field, cleaned and counted (see :func:`qgis_io.demand.clean_population`)."""
        from ..qgis_io.demand import clean_population

        return clean_population(values, feedback, what)

    POPULATION_INPUTS = ("POPULATION", "EXPOSURE_RASTER", "DEMAND")  # raster inputs that hold people

    def check_rasters(self, parameters, context, feedback):
        """A raster input without one valid cell: a population raster gives a warning (0 persons),
        any other (a hazard) an error that says so."""
        from qgis.core import QgsRasterLayer

        for param, items in self._input_layers(parameters, context):
            for item in items:
                if not isinstance(item, QgsRasterLayer) or item.providerType() != "gdal":
                    continue
                if raster_has_data(item.source()):
                    continue
                if param.name() in self.POPULATION_INPUTS:
                    feedback.pushWarning(tr("The population raster '{layer}' holds no data (every cell is nodata): it counts 0 persons. Check its nodata value.").format(
                        layer=item.name()))
                else:
                    raise QgsProcessingException(tr("The raster '{layer}' ({param}) holds no data: every cell is nodata. Check its nodata value, or give another raster.").format(
                        layer=item.name(), param=param.description()))

    # --- destinations -----------------------------------------------------------------------
    def _output_files(self, parameters, context):
        """``(parameter, file path)`` of every output that goes to a file (not memory, temporary or a database)."""
        out = []
        for param in self.destinationParameterDefinitions():
            name = param.name()
            if isinstance(param, (QgsProcessingParameterFileDestination, QgsProcessingParameterFolderDestination)):
                value = self.parameterAsFileOutput(parameters, name, context)
            elif isinstance(param, (QgsProcessingParameterFeatureSink, QgsProcessingParameterVectorDestination,
                                    QgsProcessingParameterRasterDestination)):
                value = self.parameterAsOutputLayer(parameters, name, context)
            else:
                continue
            path = _file_path(value)
            if path:
                out.append((param, path))
        return out

    def destination_problem(self, parameters, context):
        """The message for the first output that cannot be written, or "" when all can."""
        for param, path in self._output_files(parameters, context):
            what = param.description() or param.name()
            folder = path if isinstance(param, QgsProcessingParameterFolderDestination) else os.path.dirname(os.path.abspath(path))
            if isinstance(param, (QgsProcessingParameterFileDestination, QgsProcessingParameterFolderDestination)):
                # file and folder outputs (maps) create their missing folders themselves, and remove
                # them on failure: the nearest existing folder must be writable
                while folder and not os.path.exists(folder) and os.path.dirname(folder) != folder:
                    folder = os.path.dirname(folder)
                if not os.path.isdir(folder):
                    continue  # a file in the way: the algorithm's own check explains it
            if not os.path.isdir(folder):
                return tr("Cannot write the output '{output}' to {path}: the folder {folder} does not exist. Choose an existing folder, or create it first.").format(
                    output=what, path=path, folder=folder)
            if not _can_create_in(folder):
                return tr("Cannot write the output '{output}' to {path}: the folder {folder} is not writable. Choose a folder you can write to, or save to a temporary layer.").format(
                    output=what, path=path, folder=folder)
            if os.path.isdir(path) and not isinstance(param, QgsProcessingParameterFolderDestination):
                return tr("Cannot write the output '{output}' to {path}: that is a folder. Give a file name.").format(output=what, path=path)
            ext = os.path.splitext(path)[1].lower().lstrip(".")
            formats = None
            if isinstance(param, (QgsProcessingParameterFeatureSink, QgsProcessingParameterVectorDestination)):
                formats = [e.lower() for e in QgsVectorFileWriter.supportedFormatExtensions()]
            elif isinstance(param, QgsProcessingParameterRasterDestination):
                formats = [e.lower() for e in QgsRasterFileWriter.supportedFormatExtensions()]
            if ext and formats is not None and ext not in formats:
                return tr("Cannot write the output '{output}' to {path}: '.{ext}' is not a format this output can be saved in. Use one of: {formats}.").format(
                    output=what, path=path, ext=ext, formats=", ".join(dict.fromkeys(formats)))
        return ""

    def _files_outputs_may_create(self, parameters, context):
        """The files each file output may create (with a Shapefile's sidecars and SQLite's journals)."""
        files = []
        for param, path in self._output_files(parameters, context):
            if isinstance(param, QgsProcessingParameterFolderDestination):
                continue
            files.append(path)
            stem, ext = os.path.splitext(path)
            if ext.lower() == ".shp":
                files += [stem + e for e in (".shx", ".dbf", ".prj", ".cpg", ".qix", ".qpj")]
            elif ext.lower() in (".gpkg", ".sqlite"):
                files += [path + e for e in ("-wal", "-shm", "-journal")]
        return list(dict.fromkeys(files))

    @staticmethod
    def _remove_created(paths):
        """Delete the files of ``paths`` that exist now (this run created them); return those removed."""
        removed = []
        for p in paths:
            if os.path.lexists(p):
                try:
                    os.remove(p)
                except OSError:
                    continue
                if not p.endswith(("-wal", "-shm", "-journal", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".qpj")):
                    removed.append(p)
        return removed

    def compute(self, parameters, context, feedback):
        raise NotImplementedError

    @staticmethod
    def fail(message):
        """Raise the error the user sees (``message`` already translated)."""
        raise QgsProcessingException(message)

    def add_unit_parameters(self, units_help, id_help, units="UNITS", id_field="UNIT_ID_FIELD"):
        """The optional admin-unit polygons and their id field, the same in every algorithm."""
        from qgis.core import QgsProcessingParameterFeatureSource, QgsProcessingParameterField

        from ..compat import FIELD_ANY, SOURCE_POLYGON

        p = QgsProcessingParameterFeatureSource(units, tr("Admin units"), types=[SOURCE_POLYGON], optional=True)
        p.setHelp(units_help)
        self.addParameter(p)
        p = QgsProcessingParameterField(id_field, tr("Unit id field"), parentLayerParameterName=units, type=FIELD_ANY, optional=True)
        p.setHelp(id_help)
        self.addParameter(p)

    # --- the population raster's unit: one name, one default, the same in every algorithm ----------
    POPULATION_UNIT = "POPULATION_UNIT"
    # older names that models and scripts may still pass (hidden, mapped onto POPULATION_UNIT)
    POPULATION_MODE = "POPULATION_MODE"  # enum: 0 persons per cell, 1 persons per km²
    RASTER_DENSITY = "RASTER_DENSITY"  # bool: True = persons per km²

    def add_population_unit_parameter(self):
        """``POPULATION_UNIT`` (0 persons per km², the default; 1 persons per cell), plus the hidden
        old names ``POPULATION_MODE`` and ``RASTER_DENSITY`` so that models and scripts keep working."""
        from qgis.core import QgsProcessingParameterBoolean, QgsProcessingParameterEnum

        from ..compat import PARAM_HIDDEN

        p = QgsProcessingParameterEnum(self.POPULATION_UNIT, tr("Population raster unit"),
                                       options=[tr("Persons per km² (density)"), tr("Persons per cell")], defaultValue=0,
                                       optional=True)  # optional: models saved with an old name still validate
        p.setHelp(tr("What the population raster's cells hold. Persons per km² (the default, as in the sample raster): each "
                     "cell counts its density x its true (geodesic) area. Persons per cell: each cell counts its value. The log "
                     "states the persons read and warns when the numbers look like the other unit."))
        self.addParameter(p)
        mode = QgsProcessingParameterEnum(self.POPULATION_MODE, self.POPULATION_MODE, options=["0", "1"], optional=True)
        mode.setHelp(tr("Old name, kept for models and scripts: 0 persons per cell, 1 persons per km². Use POPULATION_UNIT."))
        density = QgsProcessingParameterBoolean(self.RASTER_DENSITY, self.RASTER_DENSITY, optional=True)
        density.setHelp(tr("Old name, kept for models and scripts: True persons per km², False persons per cell. Use POPULATION_UNIT."))
        for old in (mode, density):
            old.setFlags(old.flags() | PARAM_HIDDEN)
            self.addParameter(old)

    def population_unit(self, parameters, context):
        """The core unit (``population.PERSONS_PER_KM2`` or ``PERSONS_PER_CELL``) the user chose,
        through ``POPULATION_UNIT`` or one of its old names."""
        from ..core import population

        if parameters.get(self.POPULATION_UNIT) is None:
            if parameters.get(self.POPULATION_MODE) is not None:
                mode = self.parameterAsEnum(parameters, self.POPULATION_MODE, context)
                return population.PERSONS_PER_KM2 if mode == 1 else population.PERSONS_PER_CELL
            if parameters.get(self.RASTER_DENSITY) is not None:
                density = self.parameterAsBoolean(parameters, self.RASTER_DENSITY, context)
                return population.PERSONS_PER_KM2 if density else population.PERSONS_PER_CELL
        choice = self.parameterAsEnum(parameters, self.POPULATION_UNIT, context)
        return population.PERSONS_PER_CELL if choice == 1 else population.PERSONS_PER_KM2

    @staticmethod
    def advanced(param):
        """Mark a parameter as advanced (QGIS 3.22 and 3.36+ spellings) and return it."""
        from ..compat import PARAM_ADVANCED

        param.setFlags(param.flags() | PARAM_ADVANCED)
        return param

    @staticmethod
    def style_output(context, dest_id, style_name):
        style_on_load(context, dest_id, style_name)

    def name_output(self, context, dest_id, output, *qualifiers):
        """Name the layer QGIS loads for ``dest_id`` by what it holds: the output's label and what sets it
        apart from another run, e.g. "灾害分区 · flood", "步行覆盖 · 10 min". Outputs saved to a file keep
        the file name when QGIS is set to prefer it (its default)."""
        if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
            return None
        name = " · ".join([self.parameterDefinition(output).description()] + [str(q) for q in qualifiers if q not in (None, "")])
        context.layerToLoadOnCompletionDetails(dest_id).name = name
        return name

def _can_create_in(folder):
    """True when a file can be created in ``folder`` (tried, not guessed from permission bits: root,
    read-only mounts and network shares answer differently)."""
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".resilience_write_test_")
    except OSError:
        return False
    os.close(fd)
    try:
        os.remove(probe)
    except OSError:
        pass
    return True


_OGR_DBNAME = re.compile(r"""dbname=(?:'((?:[^'\\]|\\.)*)'|"([^"]*)"|(\S+))""")


def _file_path(value):
    """The file a destination value writes to, or "" for memory or database outputs."""
    value = (value or "").strip()
    if not value or value.startswith(("memory:", "postgres:", "postgis:", "mssql:", "oracle:", "hana:")):
        return ""
    if value.startswith(("ogr:", "spatialite:")):
        m = _OGR_DBNAME.search(value)
        if not m:
            return ""
        value = next(g for g in m.groups() if g is not None).replace("\\'", "'")
    if "://" in value:
        return ""
    return value


def _layer_name(item):
    """The layer's name, with the table it reads when that is not the name (a GeoPackage's layer)."""
    from qgis.core import QgsProviderRegistry, QgsVectorLayer

    if isinstance(item, QgsVectorLayer) and item.providerType() == "ogr":
        table = QgsProviderRegistry.instance().decodeUri("ogr", item.source()).get("layerName")
        if isinstance(table, str) and table and table != item.name():
            return f"{item.name()}|{table}"
    for attr in ("name", "sourceName"):
        f = getattr(item, attr, None)
        if f is not None:
            try:
                value = f()
            except TypeError:
                continue
            if value:
                return value
    return "?"


def _data_types(param):
    """The source types a layer parameter accepts (as ints), or [] when any is accepted."""
    from ..compat import enum_value

    for attr in ("dataTypes", "layerType"):
        f = getattr(param, attr, None)
        if f is not None:
            value = f()
            values = value if isinstance(value, (list, tuple)) else [value]
            return [enum_value(v) for v in values]
    return []


def raster_has_data(path, band=None):
    """True when a GDAL raster has at least one valid (not nodata) cell in ``band`` (all bands when None).
    A quick sampled look first; only a raster that looks empty is read fully."""
    from osgeo import gdal

    try:
        ds = gdal.Open(path)
    except RuntimeError:
        return True  # not ours to judge: the algorithm reports unreadable rasters
    if ds is None:
        return True
    bands = [band] if band else range(1, ds.RasterCount + 1)
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # "no valid pixels" is the answer here, not an error
    try:
        for b in bands:
            rb = ds.GetRasterBand(b)
            for approx in (True, False):
                try:
                    mm = rb.ComputeRasterMinMax(approx)
                except RuntimeError:
                    mm = None
                if mm is not None and all(v == v for v in mm):
                    return True
    finally:
        gdal.PopErrorHandler()
    return False
