"""The plugin's QML styles: finding them, recognising which fits a layer, applying them (now or when
Processing loads an output), colour-blind palette and legend-label language.

Styles are ``resources/styles/<name>_<point|line|polygon>.qml`` or, when drawn for one geometry type
only, ``<name>.qml``; the colour-blind-safe palette lives in ``resources/styles/colourblind/``.
"""

from qgis.core import QgsProcessingLayerPostProcessorInterface

from ..compat import geometry_kind
from ..i18n import is_chinese, tr
from ..paths import resource_path

STYLE_NAMES = ["hazard_level", "exposure_level", "suitability_grade", "coverage_demand", "facility_load",
               "service_area", "lifeline_level", "lifeline_pfail", "criticality_links", "criticality_demand"]
PALETTES = ["default", "colourblind"]
# Styles that come as one file (no _<kind> suffix) are drawn for one geometry type only.
SINGLE_KIND = {"hazard_level": "polygon", "service_area": "polygon", "criticality_links": "line",
               "criticality_demand": "point"}
# Legend labels (the order of the LABELS choice of Apply plan-map style).
LABELS_BILINGUAL, LABELS_UI, LABELS_CHINESE, LABELS_ENGLISH = 0, 1, 2, 3

# (style, field that identifies it, geometry kinds it applies to), tried in order.
_DETECT = [
    ("cascade", "out_of_service", ("point", "line", "polygon")),
    ("weak_links", "p_line", ("line",)),
    ("evacuation_flows", "origin_id", ("line",)),
    ("supply_flows", "tonne_km", ("line",)),
    ("evacuation_origins", "unplaced", ("point",)),
    ("life_circle", "n_missing", ("point",)),
    ("scenario_change", "change_class", ("polygon",)),
    ("economic_ead", "ead", ("polygon",)),
    ("economic_loss", "occ_class", ("polygon",)),
    ("criticality_links", "isolated_persons", ("line",)),
    ("criticality_demand", "isolated", ("point",)),
    ("lifeline_pfail", "p_fail", ("line", "point")),
    ("lifeline_level", "max_level", ("line", "point")),
    ("facility_load", "load_ratio", ("point", "polygon")),
    ("coverage_demand", "covered", ("point", "polygon")),
    ("suitability_grade", "grade", ("point", "polygon")),
    ("hazard_level", "level", ("polygon",)),
    ("exposure_level", "level", ("point", "line", "polygon")),
]

# Post-processors must stay referenced until QGIS has used them, or they are silently dropped.
_KEEP_ALIVE = []


# --- finding a style ----------------------------------------------------------------------------
def layer_kind(layer):
    """``"point"``, ``"line"``, ``"polygon"`` (or ``"none"``) for a vector layer, None for other layers."""
    return geometry_kind(layer.wkbType()) if hasattr(layer, "wkbType") else None


def style_path(name, kind=None, palette="default"):
    """The QML file of style ``name`` for geometry ``kind`` in ``palette`` (falls back to the default
    palette), or None; a single-geometry style is never given to another geometry."""
    if kind and SINGLE_KIND.get(name, kind) != kind:
        return None
    folders = ([resource_path("styles", palette)] if palette and palette != "default" else []) + [resource_path("styles")]
    for folder in folders:
        for candidate in ([f"{name}_{kind}.qml"] if kind else []) + [f"{name}.qml"]:
            path = folder / candidate
            if path.is_file():
                return path
    return None


def style_file(name, geometry_kind=None):
    """Like :func:`style_path` in the default palette, but a missing style is a FileNotFoundError."""
    path = style_path(name, geometry_kind)
    if path is None:
        raise FileNotFoundError(tr("No style named '{name}' in {folder}.").format(name=name, folder=resource_path("styles")))
    return path


def detect_style(layer):
    """The name of our style that fits ``layer`` (by its fields and geometry), or None."""
    if not hasattr(layer, "fields"):
        return None
    names = set(layer.fields().names())
    kind = layer_kind(layer)
    for style, field, kinds in _DETECT:
        if field in names and kind in kinds:
            if style == "hazard_level" and "hazard" not in names:
                continue  # zones of classifyhazard carry a 'hazard' field; other polygons are exposure
            return style
    if kind == "polygon" and {"facility", "facility_id"} & names:
        return "service_area"
    return None


# --- applying it --------------------------------------------------------------------------------
def resolve_labels(labels):
    """:data:`LABELS_UI` becomes Chinese or English by the QGIS interface language; others are kept."""
    if labels == LABELS_UI:
        return LABELS_CHINESE if is_chinese() else LABELS_ENGLISH
    return labels


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


def relabel(renderer, labels):
    """Reduce bilingual legend labels "中文 / English" to one language (in place)."""
    labels = resolve_labels(labels)
    if labels == LABELS_BILINGUAL or renderer is None:
        return

    def pick(text):
        if " / " not in text:
            return text
        prefix = ""
        head, _, tail = text.partition(" / ")
        if "  " in head:  # graduated labels: "< 0.5  负荷低 / Low load"
            prefix, _, head = head.rpartition("  ")
            prefix += "  "
        return prefix + (head if labels == LABELS_CHINESE else tail)

    if hasattr(renderer, "categories"):
        for i, cat in enumerate(renderer.categories()):
            renderer.updateCategoryLabel(i, pick(cat.label()))
    elif hasattr(renderer, "ranges"):
        for i, rng in enumerate(renderer.ranges()):
            renderer.updateRangeLabel(i, pick(rng.label()))


def apply_named_style(layer, name, palette="default", labels=LABELS_BILINGUAL, prune=True):
    """Apply style ``name`` in ``palette`` to ``layer``; returns ``(ok, message)``.

    With ``prune``, categories of a categorized style that no feature has are dropped, so the legend
    lists only what is on the map (e.g. levels 1-4 of a four-level classification, not 0-6);
    ``labels`` reduces the bilingual legend labels to one language.
    """
    path = style_path(name, layer_kind(layer), palette)
    if path is None:
        return False, tr("No style named '{name}' in {folder}.").format(name=name, folder=resource_path("styles"))
    message, ok = layer.loadNamedStyle(str(path))
    if ok:
        if prune:
            prune_categories(layer)
        relabel(layer.renderer(), labels)
        layer.triggerRepaint()
    return ok, message


def apply_style(layer, name, prune=True):
    """:func:`apply_named_style` in the default palette with bilingual labels."""
    return apply_named_style(layer, name, prune=prune)


# --- when Processing loads an output ------------------------------------------------------------
class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Applies a named style (palette, labels) to a layer when Processing loads it."""

    def __init__(self, style_name, palette="default", labels=LABELS_BILINGUAL):
        super().__init__()
        self.style_name, self.palette, self.labels = style_name, palette, labels

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API
        ok, message = apply_named_style(layer, self.style_name, self.palette, self.labels)
        if not ok and feedback is not None:
            feedback.pushWarning(tr("Could not apply the style '{name}': {message}").format(name=self.style_name, message=message))


def keep_alive(processor):
    """Keep ``processor`` referenced while QGIS may still use it (the recent ones; older runs' layers
    are long loaded); returns it."""
    _KEEP_ALIVE.append(processor)
    del _KEEP_ALIVE[:-200]
    return processor


def style_on_load(context, dest_id, style_name, palette="default", labels=LABELS_BILINGUAL):
    """Arrange for ``style_name`` to be applied when ``dest_id`` is loaded into the project."""
    if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
        return None
    processor = keep_alive(StylePostProcessor(style_name, palette, labels))
    context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(processor)
    return processor
