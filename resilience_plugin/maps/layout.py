"""Plan-map print layouts: our page templates (A3/A4, landscape/portrait) and their items.

The templates in ``resources/layouts/*.qpt`` are built by :func:`build_layout` (see
``scripts/make_layouts.py``); :mod:`.export` loads a template and fills its items, found by the ids
below. A user template may use the same ids, or the layout variables ``@plan_title``,
``@plan_subtitle``, ``@plan_note``, ``@plan_date`` and ``@plan_crs`` in its labels.
"""

from qgis.core import (
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsRectangle,
    QgsTextFormat,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontDatabase

from .. import compat as en
from ..paths import resource_path

# Item ids (stable: user templates may use them too).
ITEM_MAP = "map"
ITEM_OVERVIEW = "overview"
ITEM_LEGEND = "legend"
ITEM_SCALEBAR = "scalebar"
ITEM_NORTH = "north_arrow"
ITEM_TITLE = "title"
ITEM_SUBTITLE = "subtitle"
ITEM_NOTE = "note"
ITEM_DATE = "date"
ITEM_CRS = "crs_note"

# TEMPLATE enum index -> (paper, orientation, file name)
TEMPLATES = [
    ("A3", "landscape", "a3_landscape.qpt"),
    ("A3", "portrait", "a3_portrait.qpt"),
    ("A4", "landscape", "a4_landscape.qpt"),
    ("A4", "portrait", "a4_portrait.qpt"),
]
PAPER_MM = {"A3": (297.0, 420.0), "A4": (210.0, 297.0)}

# Chinese-capable sans fonts, best first: Linux (Noto / Source Han / WenQuanYi), Windows, macOS.
CJK_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimHei", "PingFang SC",
             "WenQuanYi Micro Hei", "SimSun"]
TEMPLATE_FONT = CJK_FONTS[0]
# Qt's PDF writer loses digits that follow Latin letters when they are set in Noto / Source Han Sans CJK
# (the text is drawn but cannot be extracted or searched): with these fonts, Latin text comes from a Latin
# font first and only CJK characters from the CJK font.
LATIN_FIRST_FOR = ("Noto Sans CJK SC", "Source Han Sans SC")
LATIN_FONTS = ["Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Segoe UI"]

MM = en.LAYOUT_MM


def template_path(index):
    return resource_path("layouts", TEMPLATES[index][2])


def north_arrow_path():
    return resource_path("layouts", "north_arrow.svg")


def cjk_family():
    """The first installed Chinese-capable font family of :data:`CJK_FONTS` (or the template's)."""
    installed = set(QFontDatabase().families())
    for family in CJK_FONTS:
        if family in installed:
            return family
    return TEMPLATE_FONT


def font_families():
    """The font families for the layout text, first choice first (see :data:`LATIN_FIRST_FOR`)."""
    cjk = cjk_family()
    if cjk in LATIN_FIRST_FOR:
        installed = set(QFontDatabase().families())
        latin = next((f for f in LATIN_FONTS if f in installed), None)
        if latin:
            return [latin, cjk]
    return [cjk]


def with_families(font, families):
    """``font`` (a copy) using ``families``: the last one is the nominal family saved in templates."""
    font = QFont(font)
    font.setFamily(families[-1])
    if len(families) > 1 and hasattr(font, "setFamilies"):
        font.setFamilies(list(families))
    return font


def _font(family, size_pt, bold=False):
    font = QFont(family)
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    return font


def _text_format(family, size_pt, bold=False, colour="#202020"):
    fmt = QgsTextFormat()
    fmt.setFont(_font(family, size_pt, bold))
    fmt.setSize(size_pt)
    fmt.setSizeUnit(en.RENDER_POINTS)
    fmt.setColor(QColor(colour))
    return fmt


def _families(family):
    return [family] if isinstance(family, str) else list(family)


def set_label_font(label, family, size_pt=None, bold=None):
    """Set a label's font family or families (and optionally size / weight), on QGIS 3.22 and later."""
    if hasattr(label, "textFormat") and hasattr(label, "setTextFormat"):  # QGIS >= 3.24
        fmt = label.textFormat()
        font = with_families(fmt.font(), _families(family))
        if bold is not None:
            font.setBold(bold)
        fmt.setFont(font)
        if size_pt is not None:
            fmt.setSize(size_pt)
            fmt.setSizeUnit(en.RENDER_POINTS)
        label.setTextFormat(fmt)
    else:
        font = with_families(label.font(), _families(family))
        if size_pt is not None:
            font.setPointSizeF(size_pt)
        if bold is not None:
            font.setBold(bold)
        label.setFont(font)


LEGEND_STYLES = [(en.LEGEND_TITLE, 12, True), (en.LEGEND_GROUP, 10, True), (en.LEGEND_SUBGROUP, 9.5, True),
                 (en.LEGEND_SYMBOL_LABEL, 9, False)]


def set_legend_font(legend, family, scale=1.0):
    for style, size, bold in LEGEND_STYLES:
        st = legend.style(style)
        if hasattr(st, "setTextFormat"):  # QGIS >= 3.30
            st.setTextFormat(_text_format(family, size * scale, bold))
        else:
            st.setFont(_font(family, size * scale, bold))
        legend.setStyle(style, st)


def legend_font_size(legend, style):
    st = legend.style(style)
    if hasattr(st, "textFormat"):  # QGIS >= 3.30
        return st.textFormat().size()
    return st.font().pointSizeF()


def set_legend_font_size(legend, style, size_pt):
    st = legend.style(style)
    if hasattr(st, "setTextFormat"):
        fmt = st.textFormat()
        fmt.setSize(size_pt)
        st.setTextFormat(fmt)
    else:
        font = QFont(st.font())
        font.setPointSizeF(size_pt)
        st.setFont(font)
    legend.setStyle(style, st)


def set_scalebar_font(scalebar, family, size_pt=8):
    scalebar.setTextFormat(_text_format(family, size_pt))


def apply_font_family(layout, family):
    """Use ``family`` (a name or a list, first choice first) for every text of the layout (labels,
    legend, scale bar), keeping sizes."""
    family = _families(family)
    for item in layout.items():
        if isinstance(item, QgsLayoutItemLabel):
            set_label_font(item, family)
        elif isinstance(item, QgsLayoutItemLegend):
            for style, _, _ in LEGEND_STYLES:
                st = item.style(style)
                if hasattr(st, "textFormat") and hasattr(st, "setTextFormat"):
                    fmt = st.textFormat()
                    fmt.setFont(with_families(fmt.font(), family))
                    st.setTextFormat(fmt)
                else:
                    st.setFont(with_families(st.font(), family))
                item.setStyle(style, st)
        elif isinstance(item, QgsLayoutItemScaleBar):
            fmt = item.textFormat()
            fmt.setFont(with_families(fmt.font(), family))
            item.setTextFormat(fmt)


def _place(item, x, y, w, h):
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    item.attemptResize(QgsLayoutSize(w, h, MM))


def _label(layout, item_id, text, family, size, bold, x, y, w, h, halign=Qt.AlignmentFlag.AlignLeft,
           valign=Qt.AlignmentFlag.AlignVCenter):
    label = QgsLayoutItemLabel(layout)
    label.setId(item_id)
    label.setText(text)
    set_label_font(label, family, size, bold)
    label.setHAlign(halign)
    label.setVAlign(valign)
    label.setMargin(0.5)
    layout.addLayoutItem(label)
    _place(label, x, y, w, h)
    return label


def build_layout(project, paper="A3", orientation="landscape", family=TEMPLATE_FONT):
    """A plan-map layout: title block, map with north arrow and scale bar, and a side (landscape) or
    bottom (portrait) panel with an overview map, the legend, notes, date and CRS note."""
    short, long_ = PAPER_MM[paper]
    width, height = (long_, short) if orientation == "landscape" else (short, long_)
    s = short / 297.0  # 1 on A3, ~0.71 on A4
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(f"{paper} {orientation}")
    page = layout.pageCollection().page(0)
    page.setPageSize(paper, en.PAGE_LANDSCAPE if orientation == "landscape" else en.PAGE_PORTRAIT)

    m = 10.0 * max(s, 0.8)
    title_h, sub_h = 13.0 * s, 8.0 * s
    top = m + title_h + sub_h + 3.0 * s
    _label(layout, ITEM_TITLE, "Title", family, 24 * s, True, m, m, width - 2 * m, title_h, Qt.AlignmentFlag.AlignHCenter)
    _label(layout, ITEM_SUBTITLE, "", family, 13 * s, False, m, m + title_h, width - 2 * m, sub_h,
           Qt.AlignmentFlag.AlignHCenter)

    gap = 4.0 * s
    if orientation == "landscape":
        panel_w = 88.0 * s
        map_box = (m, top, width - 2 * m - panel_w - gap, height - top - m)
        px = map_box[0] + map_box[2] + gap
        overview_box = (px, top, panel_w, 62.0 * s)
        notes_h = 44.0 * s
        legend_box = (px, top + overview_box[3] + gap, panel_w, height - m - notes_h - gap - (top + overview_box[3] + gap))
        notes_box = (px, height - m - notes_h, panel_w, notes_h)
    else:
        panel_h = 80.0 * s
        map_box = (m, top, width - 2 * m, height - top - m - panel_h - gap)
        py = map_box[1] + map_box[3] + gap
        col = (width - 2 * m - 2 * gap) / 3.0
        overview_box = (m, py, col, panel_h)
        legend_box = (m + col + gap, py, col, panel_h)
        notes_box = (m + 2 * (col + gap), py, col, panel_h)

    main = QgsLayoutItemMap(layout)
    main.setId(ITEM_MAP)
    main.setFrameEnabled(True)
    main.setFrameStrokeWidth(QgsLayoutMeasurement(0.35, MM))
    layout.addLayoutItem(main)
    _place(main, *map_box)
    # A placeholder extent at 1:10 000 (replaced at export) so that the scale bar has a size.
    main.setExtent(QgsRectangle(0, 0, map_box[2] * 10.0, map_box[3] * 10.0))
    layout.setReferenceMap(main)

    overview = QgsLayoutItemMap(layout)
    overview.setId(ITEM_OVERVIEW)
    overview.setFrameEnabled(True)
    overview.setFrameStrokeWidth(QgsLayoutMeasurement(0.25, MM))
    layout.addLayoutItem(overview)
    _place(overview, *overview_box)
    overview.setExtent(QgsRectangle(0, 0, overview_box[2] * 100.0, overview_box[3] * 100.0))

    legend = QgsLayoutItemLegend(layout)
    legend.setId(ITEM_LEGEND)
    legend.setTitle("Legend")
    legend.setLinkedMap(main)
    legend.setLegendFilterByMapEnabled(True)
    legend.setResizeToContents(False)
    legend.setSymbolWidth(7.0 * max(s, 0.8))
    legend.setSymbolHeight(4.5 * max(s, 0.8))
    set_legend_font(legend, family, max(s, 0.8))
    legend.setFrameEnabled(True)
    legend.setFrameStrokeWidth(QgsLayoutMeasurement(0.25, MM))
    legend.setBackgroundEnabled(True)
    layout.addLayoutItem(legend)
    _place(legend, *legend_box)

    # North arrow and scale bar sized for the page: 16 x 24 mm on A3, 11 x 17 mm on A4
    nw, nh = 16.0 * s, 24.0 * s
    north = QgsLayoutItemPicture(layout)
    north.setId(ITEM_NORTH)
    north.setPicturePath(str(north_arrow_path()))
    north.setLinkedMap(main)
    north.setNorthMode(en.NORTH_GRID)
    north.setBackgroundEnabled(False)
    layout.addLayoutItem(north)
    _place(north, map_box[0] + map_box[2] - nw - 4 * s, map_box[1] + 4 * s, nw, nh)

    bar = QgsLayoutItemScaleBar(layout)
    bar.setId(ITEM_SCALEBAR)
    bar.setStyle("Single Box")
    bar.setLinkedMap(main)
    bar.applyDefaultSize(en.DIST_KILOMETERS)
    bar.setNumberOfSegments(4)
    bar.setNumberOfSegmentsLeft(0)
    bar.setSegmentSizeMode(en.SCALEBAR_FIT_WIDTH)
    bar.setMinimumBarWidth(60.0 * s)
    bar.setMaximumBarWidth(100.0 * s)
    bar.setHeight(3.0 * s)
    set_scalebar_font(bar, family, 10 * max(s, 0.8))
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 220))
    bar.setBoxContentSpace(1.5 * s)
    layout.addLayoutItem(bar)
    # Anchored at its lower left corner: when the bar resizes for its text it grows upwards, inside the map.
    bar.setReferencePoint(en.ITEM_LOWER_LEFT)
    bar.attemptMove(QgsLayoutPoint(map_box[0] + 4 * s, map_box[1] + map_box[3] - 4 * s, MM))
    bar.update()

    nx, ny, nwid, nht = notes_box
    line = 5.0 * s
    _label(layout, ITEM_NOTE, "", family, 8.5 * s, False, nx, ny, nwid, nht - 3 * line,
           valign=Qt.AlignmentFlag.AlignTop)
    _label(layout, ITEM_DATE, "", family, 8.5 * s, False, nx, ny + nht - 3 * line, nwid, line)
    _label(layout, ITEM_CRS, "", family, 8 * s, False, nx, ny + nht - 2 * line, nwid, 2 * line)
    return layout

