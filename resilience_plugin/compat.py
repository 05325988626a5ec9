"""The one place where QGIS / Qt version differences (3.22 ... 4.x) are handled."""

import os

from qgis.core import Qgis, QgsField
from qgis.PyQt.QtCore import QVariant

QGIS_VERSION_INT = Qgis.QGIS_VERSION_INT
# From QGIS 3.38 QgsField takes QMetaType.Type; on Qt6 builds QVariant.Type is gone.
USE_METATYPE = QGIS_VERSION_INT >= 33800

if USE_METATYPE:
    from qgis.PyQt.QtCore import QMetaType

    _TYPES = {
        "int": QMetaType.Type.Int,
        "int64": QMetaType.Type.LongLong,
        "double": QMetaType.Type.Double,
        "string": QMetaType.Type.QString,
        "bool": QMetaType.Type.Bool,
    }
else:
    _TYPES = {
        "int": QVariant.Type.Int,
        "int64": QVariant.Type.LongLong,
        "double": QVariant.Type.Double,
        "string": QVariant.Type.String,
        "bool": QVariant.Type.Bool,
    }


def make_field(name, kind, length=0, precision=0):
    """A QgsField of kind ``int``, ``int64``, ``double``, ``string`` or ``bool``."""
    field = QgsField(name, _TYPES[kind])
    if length:
        field.setLength(length)
    if precision:
        field.setPrecision(precision)
    return field


def is_null(value):
    """True for None and QGIS NULL (an invalid QVariant on 3.x, None on 4.x)."""
    return value is None or (isinstance(value, QVariant) and value.isNull())


# --- enums that moved to Qgis.* after 3.22 (the old names may be gone in 4.x) ----------------
import qgis.core as _core  # noqa: E402 - the enum table below needs it


def pick(*paths):
    """The first of the dotted ``qgis.core`` paths that exists, e.g.
    ``pick("Qgis.LayoutUnit.Millimeters", "QgsUnitTypes.LayoutUnit.LayoutMillimeters")``."""
    for path in paths:
        obj = _core
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                break
        else:
            return obj
    raise AttributeError(f"none of {paths} exists in this QGIS")


def _pick(new_path, old):
    """``Qgis.<new_path>`` when this QGIS has it, else ``old`` (the 3.22 spelling)."""
    try:
        return pick(f"Qgis.{new_path}")
    except AttributeError:
        return old


from qgis.core import (  # noqa: E402 - grouped with the enum table they feed
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

SOURCE_POINT = _pick("ProcessingSourceType.VectorPoint", QgsProcessing.SourceType.TypeVectorPoint)
SOURCE_LINE = _pick("ProcessingSourceType.VectorLine", QgsProcessing.SourceType.TypeVectorLine)
SOURCE_POLYGON = _pick("ProcessingSourceType.VectorPolygon", QgsProcessing.SourceType.TypeVectorPolygon)
SOURCE_ANY_GEOMETRY = _pick("ProcessingSourceType.VectorAnyGeometry", QgsProcessing.SourceType.TypeVectorAnyGeometry)
SOURCE_RASTER = _pick("ProcessingSourceType.Raster", QgsProcessing.SourceType.TypeRaster)
SOURCE_TABLE = _pick("ProcessingSourceType.Vector", QgsProcessing.SourceType.TypeVector)
NUMBER_INTEGER = _pick("ProcessingNumberParameterType.Integer", QgsProcessingParameterNumber.Type.Integer)
NUMBER_DOUBLE = _pick("ProcessingNumberParameterType.Double", QgsProcessingParameterNumber.Type.Double)
FIELD_ANY = _pick("ProcessingFieldParameterDataType.Any", QgsProcessingParameterField.DataType.Any)
FIELD_NUMERIC = _pick("ProcessingFieldParameterDataType.Numeric", QgsProcessingParameterField.DataType.Numeric)
REQUEST_NO_GEOMETRY = _pick("FeatureRequestFlag.NoGeometry", QgsFeatureRequest.Flag.NoGeometry)
WKB_MULTIPOLYGON = _pick("WkbType.MultiPolygon", QgsWkbTypes.Type.MultiPolygon)
WKB_MULTILINESTRING = _pick("WkbType.MultiLineString", QgsWkbTypes.Type.MultiLineString)
WKB_POINT = _pick("WkbType.Point", QgsWkbTypes.Type.Point)
WKB_NOGEOMETRY = _pick("WkbType.NoGeometry", QgsWkbTypes.Type.NoGeometry)


def _enum_value(e):
    return e.value if hasattr(e, "value") else int(e)


enum_value = _enum_value  # an enum member (int on 3.22, Python enum on 3.36+ / Qt6) as an int


def parameter_strings(alg, parameters, name, context):
    """A field parameter's field names (parameterAsFields before QGIS 3.32, parameterAsStrings after)."""
    f = getattr(alg, "parameterAsStrings", None) or alg.parameterAsFields
    return list(f(parameters, name, context))


def geometry_kind(wkb_type):
    """``"point"``, ``"line"``, ``"polygon"`` or ``"none"`` for a WKB type."""
    return {0: "point", 1: "line", 2: "polygon"}.get(_enum_value(QgsWkbTypes.geometryType(wkb_type)), "none")

# map, layout and rendering enums
LAYOUT_MM = pick("Qgis.LayoutUnit.Millimeters", "QgsUnitTypes.LayoutUnit.LayoutMillimeters")
RENDER_POINTS = pick("Qgis.RenderUnit.Points", "QgsUnitTypes.RenderUnit.RenderPoints")
RENDER_MM = pick("Qgis.RenderUnit.Millimeters", "QgsUnitTypes.RenderUnit.RenderMillimeters")
RENDER_METERS_IN_MAP_UNITS = pick("Qgis.RenderUnit.MetersInMapUnits", "QgsUnitTypes.RenderUnit.RenderMetersInMapUnits")
MARKER_SQUARE = pick("Qgis.MarkerShape.Square", "QgsSimpleMarkerSymbolLayerBase.Shape.Square")
DIST_METERS = pick("Qgis.DistanceUnit.Meters", "QgsUnitTypes.DistanceUnit.DistanceMeters")
DIST_KILOMETERS = pick("Qgis.DistanceUnit.Kilometers", "QgsUnitTypes.DistanceUnit.DistanceKilometers")
LEGEND_TITLE = pick("Qgis.LegendComponent.Title", "QgsLegendStyle.Style.Title")
LEGEND_GROUP = pick("Qgis.LegendComponent.Group", "QgsLegendStyle.Style.Group")
LEGEND_SUBGROUP = pick("Qgis.LegendComponent.Subgroup", "QgsLegendStyle.Style.Subgroup")
LEGEND_SYMBOL_LABEL = pick("Qgis.LegendComponent.SymbolLabel", "QgsLegendStyle.Style.SymbolLabel")
LEGEND_SIDE_TOP = pick("QgsLegendStyle.Side.Top")
LEGEND_SIDE_BOTTOM = pick("QgsLegendStyle.Side.Bottom")
ITEM_LOWER_LEFT = pick("QgsLayoutItem.ReferencePoint.LowerLeft")
PAGE_LANDSCAPE = pick("QgsLayoutItemPage.Orientation.Landscape", "Qgis.PageOrientation.Landscape")
PAGE_PORTRAIT = pick("QgsLayoutItemPage.Orientation.Portrait", "Qgis.PageOrientation.Portrait")
NORTH_GRID = pick("Qgis.PictureNorthMode.GridNorth", "QgsLayoutItemPicture.NorthMode.GridNorth")
ATLAS_AUTO = pick("Qgis.AtlasScalingMode.Auto", "QgsLayoutItemMap.AtlasScalingMode.Auto")
RAMP_LINEAR = pick("Qgis.ShaderInterpolationMethod.Linear", "QgsColorRampShader.Type.Interpolated")
STAT_MIN = pick("Qgis.RasterBandStatistic.Min", "QgsRasterBandStats.Stats.Min")
STAT_MAX = pick("Qgis.RasterBandStatistic.Max", "QgsRasterBandStats.Stats.Max")
EXPORT_SUCCESS = pick("QgsLayoutExporter.ExportResult.Success")
EXPORT_CANCELED = pick("QgsLayoutExporter.ExportResult.Canceled")
SCALEBAR_FIT_WIDTH = pick("Qgis.ScaleBarSegmentSizeMode.FitWidth", "QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFitWidth")
SCALEBAR_FIXED = pick("Qgis.ScaleBarSegmentSizeMode.Fixed", "QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFixed")
TEXT_ALWAYS_TEXT = pick("Qgis.TextRenderFormat.AlwaysText", "QgsRenderContext.TextFormatAlwaysText")
NO_THREADING = pick("Qgis.ProcessingAlgorithmFlag.NoThreading", "QgsProcessingAlgorithm.Flag.FlagNoThreading")
MAP_LAYER_SOURCE = pick("Qgis.ProcessingSourceType.MapLayer", "QgsProcessing.SourceType.TypeMapLayer")
PARAM_ADVANCED = pick("Qgis.ProcessingParameterFlag.Advanced", "QgsProcessingParameterDefinition.Flag.FlagAdvanced")
PARAM_HIDDEN = pick("Qgis.ProcessingParameterFlag.Hidden", "QgsProcessingParameterDefinition.Flag.FlagHidden")
# Layer filters of the combo boxes (Qgis.LayerFilter in 3.34+).
LAYER_RASTER = pick("Qgis.LayerFilter.RasterLayer", "QgsMapLayerProxyModel.Filter.RasterLayer")
LAYER_POINT = pick("Qgis.LayerFilter.PointLayer", "QgsMapLayerProxyModel.Filter.PointLayer")
LAYER_LINE = pick("Qgis.LayerFilter.LineLayer", "QgsMapLayerProxyModel.Filter.LineLayer")
LAYER_POLYGON = pick("Qgis.LayerFilter.PolygonLayer", "QgsMapLayerProxyModel.Filter.PolygonLayer")
# pyproj 3.7 (Debian 13's, beside QGIS 3.40; sid's beside 3.44) keeps one PROJ context per OS thread: the
# pointer in the thread's native storage, the object that frees it in a threading.local. QGIS runs
# background work on pooled QThreads that get a fresh Python thread state for every task, so the
# threading.local (and with it the context) is freed when a task ends while the native slot keeps the
# pointer: the next task on that thread hands the freed context to PROJ and QGIS crashes (pyproj issues
# 1509 and 1622). Every algorithm run, and every workbench step, calls ``keep_proj_context`` on its
# thread first: holding the context's owner keeps the context alive for as long as the thread exists.
_PROJ_CONTEXTS = {}


def keep_proj_context():
    """Keep this (non-main) thread's pyproj context alive after its Python thread state is gone."""
    import threading

    if threading.current_thread() is threading.main_thread():
        return
    try:
        from pyproj._context import get_context_manager
        from pyproj.datadir import get_user_data_dir
    except ImportError:  # pyproj before 3.7 has no per-thread context (or pyproj is missing)
        return
    get_user_data_dir()  # creates the thread's context if it has none
    manager = get_context_manager()
    if manager is not None:  # created in this thread state: keep it (a new OS thread may reuse an old id)
        _PROJ_CONTEXTS[threading.get_native_id()] = manager



# GDAL's GeoPackage driver fills Arrow batches on threads of its own: prefetch threads for a table whose
# feature ids run 1..N without holes, and one worker thread for any other table (ids with holes, e.g. a
# subset written by ogr2ogr, which keeps the source's ids). Up to GDAL 3.11.3 that worker hands a batch to
# the reader while it is still writing it when the wait on its condition variable wakes spuriously (GDAL
# issue 12934, fixed in 3.11.4): the reader gets garbage offsets ("Negative size passed to
# PyBytes_FromStringAndSize", Debian 13's GDAL 3.10.3) or, silently, a batch with features missing; more
# often when several threads read at once (four reader threads: 17 of 1 200 reads went wrong). The multi-threaded path had other races fixed in 3.8.4 (GDAL pull request
# 9026; Debian 12 has 3.6.2). Before 3.11.4 our reader asks for the driver's single-threaded
# implementation (config option OGR_GPKG_STREAM_BASE_IMPL, set for the reading thread only).
def _gdal_version_num():
    from osgeo import gdal

    return int(gdal.VersionInfo("VERSION_NUM"))


GPKG_ARROW_SINGLE_THREADED = _gdal_version_num() < 3110400
GPKG_ARROW_OPTION = ("OGR_GPKG_STREAM_BASE_IMPL", "YES")

# The workbench runs each step's algorithms in a background task, as the toolbox does, on every QGIS version
# (3.22 included), so QGIS stays usable while a step runs (layouts, which must use the main thread, run when the
# task finishes). The layers a step reads are handed to the task as their sources (paths), never as project
# layers; its outputs reach the layer tree on the main thread when every call has finished. Background runs used
# to fail now and then on Debian 13 with a corrupted GeoPackage batch: that was GDAL issue 12934
# (GPKG_ARROW_SINGLE_THREADED above), not the workbench. For a while 3.22 ran the steps on the main thread, after
# Debian 12 runs of the tests had segfaulted in QgsProject.clear() following workbench tests with background
# steps. That was the tests: Processing dialogs they left to deleteLater() lived on in reference cycles, their
# layer combo boxes still following the project, until a garbage collection (often on a task's thread) took
# them apart; tests.helpers.delete_widgets now destroys them on the main thread. (A dialog the user closes
# deletes itself.) RESILIENCE_WORKBENCH_BACKGROUND=0 in the environment runs the steps on the main thread (for
# tests and for comparison); any other value, or none, in the background.
WORKBENCH_IN_BACKGROUND = os.environ.get("RESILIENCE_WORKBENCH_BACKGROUND", "") != "0"

# The Processing history. Child runs (processing.run(..., is_child_algorithm=True), as the workbench makes
# them) are not recorded by QGIS; the panel records each of its calls itself, as the algorithm dialog does:
# - QGIS 3.24 and later: the History manager, QgsGui.historyProviderRegistry(), provider "processing",
#   an entry {"algorithm_id", "parameters" (asMap), "python_command", "process_command"};
# - QGIS 3.22: the Processing plugin's own log (processing.core.ProcessingLog: "processing.log" in the
#   profile's processing folder), one Python command per line, shown by Processing > History.
HISTORY_IN_REGISTRY = QGIS_VERSION_INT >= 32400


def record_history(alg, parameters, context):
    """Put one run of ``alg`` with ``parameters`` into the Processing history of this QGIS version.

    Returns True when it was recorded (False without a GUI history, e.g. in qgis_process)."""
    command = alg.asPythonCommand(parameters, context)
    if HISTORY_IN_REGISTRY:
        from qgis.gui import QgsGui

        registry = QgsGui.historyProviderRegistry()
        if registry is None:
            return False
        entry = {"python_command": command, "algorithm_id": alg.id(), "parameters": alg.asMap(parameters, context)}
        process_command, ok = alg.asQgisProcessCommand(parameters, context)
        if ok:
            entry["process_command"] = process_command
        result = registry.addEntry("processing", entry)
        # a bool up to QGIS 3.30, (entry id, ok) afterwards
        return bool(result[1] if isinstance(result, tuple) else result)
    try:
        from processing.core.ProcessingLog import ProcessingLog
    except ImportError:
        return False
    if command:
        ProcessingLog.addToLog(command)
    return bool(command)


def history_commands():
    """The Python commands of the Processing history, oldest first (for tests and the panel)."""
    if HISTORY_IN_REGISTRY:
        from qgis.gui import QgsGui

        registry = QgsGui.historyProviderRegistry()
        entries = registry.queryEntries(providerId="processing") if registry is not None else []
        return [e.entry.get("python_command", "") for e in entries]
    from processing.core.ProcessingLog import ProcessingLog

    return [e.text for e in ProcessingLog.getLogEntries()]
