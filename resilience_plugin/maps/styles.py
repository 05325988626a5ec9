"""Applying the plugin's QML styles to layers, directly or when Processing loads an output."""

from qgis.core import QgsProcessingLayerPostProcessorInterface

from ..i18n import tr
from ..paths import resource_path

# Post-processors must stay referenced until QGIS has used them, or they are silently dropped.
_KEEP_ALIVE = []


def style_file(name, geometry_kind=None):
    """The QML file of style ``name`` for ``geometry_kind`` (``point``, ``line``, ``polygon`` or None).

    Symbols differ by geometry, so a style comes as ``<name>_<kind>.qml`` or, when it is drawn for one
    geometry type only, as ``<name>.qml``; a single-geometry style is never given to another geometry.
    """
    from .style_tools import style_path

    path = style_path(name, geometry_kind)
    if path is None:
        raise FileNotFoundError(tr("No style named '{name}' in {folder}.").format(name=name, folder=resource_path("styles")))
    return path


def layer_geometry_kind(layer):
    from ..compat import geometry_kind

    return geometry_kind(layer.wkbType()) if hasattr(layer, "wkbType") else None


def apply_style(layer, name, prune=True):
    """Apply our style ``name`` (geometry-specific file first) to ``layer``. Returns ``(ok, message)``.

    With ``prune``, categories of a categorized style that no feature has are dropped, so the legend
    lists only what is on the map (e.g. levels 1-4 of a four-level classification, not 0-6).
    """
    try:
        path = style_file(name, layer_geometry_kind(layer))
    except FileNotFoundError as err:
        return False, str(err)
    message, ok = layer.loadNamedStyle(str(path))
    if ok:
        if prune:
            prune_categories(layer)
        layer.triggerRepaint()
    return ok, message


def prune_categories(layer):
    """Remove the categories of a categorized renderer whose value no feature has."""
    renderer = layer.renderer() if hasattr(layer, "renderer") else None
    if renderer is None or renderer.type() != "categorizedSymbol":
        return 0
    idx = layer.fields().lookupField(renderer.classAttribute())
    if idx < 0:
        return 0
    present = {str(v).lower() for v in layer.uniqueValues(idx)}
    removed = 0
    for i in reversed(range(len(renderer.categories()))):
        value = renderer.categories()[i].value()
        if str(value).lower() not in present and value not in (None, ""):
            renderer.deleteCategory(i)
            removed += 1
    return removed


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Applies a named style to an output layer when Processing loads it."""

    def __init__(self, style_name):
        super().__init__()
        self.style_name = style_name

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API
        ok, message = apply_style(layer, self.style_name)
        if not ok and feedback is not None:
            feedback.pushWarning(tr("Could not apply the style '{name}': {message}").format(name=self.style_name, message=message))


def style_on_load(context, dest_id, style_name):
    """Arrange for ``style_name`` to be applied when ``dest_id`` is loaded into the project."""
    if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
        return None
    processor = StylePostProcessor(style_name)
    _KEEP_ALIVE.append(processor)
    del _KEEP_ALIVE[:-200]  # keep the recent ones; older runs' layers are long loaded
    context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(processor)
    return processor
