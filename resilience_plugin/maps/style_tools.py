"""More style helpers: palettes, recognising an output type from its fields, legend label language.

``maps/styles.py`` applies a named default-palette style; this module adds the colour-blind-safe
palette (``resources/styles/colourblind/``), detection of the right style for any layer, and
reducing the bilingual legend labels ("中文 / English") to one language.
"""

from ..compat import geometry_kind
from ..i18n import tr
from ..paths import resource_path
from .styles import prune_categories

STYLE_NAMES = ["hazard_level", "exposure_level", "suitability_grade", "coverage_demand", "facility_load",
               "service_area", "lifeline_level", "lifeline_pfail", "criticality_links", "criticality_demand"]
PALETTES = ["default", "colourblind"]
# Styles that come as one file (no _<kind> suffix) are drawn for one geometry type only.
SINGLE_KIND = {"hazard_level": "polygon", "service_area": "polygon", "criticality_links": "line",
               "criticality_demand": "point"}
LABELS_BILINGUAL, LABELS_CHINESE, LABELS_ENGLISH = 0, 1, 2

# (style, field that identifies it, geometry kinds it applies to), tried in order.
_DETECT = [
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


def layer_kind(layer):
    return geometry_kind(layer.wkbType()) if hasattr(layer, "wkbType") else None


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


def style_path(name, kind=None, palette="default"):
    """The QML file of style ``name`` for geometry ``kind`` in ``palette`` (falls back to the default palette)."""
    if kind and SINGLE_KIND.get(name, kind) != kind:
        return None
    folders = ([resource_path("styles", palette)] if palette and palette != "default" else []) + [resource_path("styles")]
    for folder in folders:
        for candidate in ([f"{name}_{kind}.qml"] if kind else []) + [f"{name}.qml"]:
            path = folder / candidate
            if path.is_file():
                return path
    return None


def relabel(renderer, labels):
    """Reduce bilingual legend labels "中文 / English" to one language (in place)."""
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
    """Apply style ``name`` in ``palette`` to ``layer``; returns ``(ok, message)``. With ``prune``, the
    categories no feature has are dropped (as ``maps.styles.apply_style`` does)."""
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
