"""Applying the plugin's QML styles to layers, directly or when Processing loads an output."""

from qgis.core import QgsProcessingLayerPostProcessorInterface

from ..i18n import tr
from ..paths import resource_path

# Post-processors must stay referenced until QGIS has used them, or they are silently dropped.
_KEEP_ALIVE = []


def style_file(name):
    path = resource_path("styles", f"{name}.qml")
    if not path.is_file():
        raise FileNotFoundError(tr("No style named '{name}' in {folder}.").format(name=name, folder=path.parent))
    return path


def apply_style(layer, name):
    """Apply ``resources/styles/<name>.qml`` to ``layer``. Returns ``(ok, message)``."""
    try:
        path = style_file(name)
    except FileNotFoundError as err:
        return False, str(err)
    message, ok = layer.loadNamedStyle(str(path))
    if ok:
        layer.triggerRepaint()
    return ok, message


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
