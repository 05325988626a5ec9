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

from ..core.errors import Cancelled, InputError
from ..i18n import tr
from ..maps.styles import style_on_load
from ..paths import resource_path

# Group ids are stable (models refer to them); names are translated.
GROUPS = {
    "hazard": lambda: tr("Hazard assessment"),
    "facilities": lambda: tr("Dual-use facilities"),
    "lifelines": lambda: tr("Lifelines"),
    "maps": lambda: tr("Maps and styles"),
}


class ResilienceAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``ALG_ID``, ``GROUP_ID``, ``ICON`` and implement ``display_name``,
    ``help_text``, ``initAlgorithm`` and ``compute``."""

    ALG_ID = ""
    GROUP_ID = "hazard"
    ICON = "resilience.svg"

    # --- identity -------------------------------------------------------------------------
    def name(self):
        return self.ALG_ID

    def displayName(self):  # noqa: N802 - QGIS API
        return self.display_name()

    def display_name(self):
        raise NotImplementedError

    def group(self):
        return GROUPS[self.GROUP_ID]()

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def createInstance(self):  # noqa: N802
        return type(self)()

    def icon(self):
        return QIcon(str(resource_path("icons", self.ICON)))

    def svgIconPath(self):  # noqa: N802
        return str(resource_path("icons", self.ICON))

    def shortHelpString(self):  # noqa: N802
        return self.help_text()

    def help_text(self):
        return ""

    def tags(self):
        return [tr("resilience"), tr("hazard"), "韧性", "resilience"]

    # --- running --------------------------------------------------------------------------
    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        problem = self.destination_problem(parameters, context)
        if problem:
            return False, problem
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # every destination is checked before anything is read or written (callers that skip
        # checkParameterValues, e.g. a model's child steps, get the same check here)
        problem = self.destination_problem(parameters, context)
        if problem:
            raise QgsProcessingException(problem)
        new_files = [p for p in self._files_outputs_may_create(parameters, context) if not os.path.lexists(p)]
        try:
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

    def add_population_mode_parameter(self, name="POPULATION_MODE"):
        """Whether a population raster holds persons per cell (0) or per km² (1)."""
        from qgis.core import QgsProcessingParameterEnum

        p = QgsProcessingParameterEnum(name, tr("Population raster values"), options=[tr("Persons per cell"), tr("Persons per km²")],
                                       defaultValue=0)
        p.setHelp(tr("Whether the raster holds counts per cell or densities in persons per km² (then each cell counts density x its true area)."))
        self.addParameter(p)

    @staticmethod
    def advanced(param):
        """Mark a parameter as advanced (QGIS 3.22 and 3.36+ spellings) and return it."""
        from ..compat import PARAM_ADVANCED

        param.setFlags(param.flags() | PARAM_ADVANCED)
        return param

    @staticmethod
    def style_output(context, dest_id, style_name):
        style_on_load(context, dest_id, style_name)


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
