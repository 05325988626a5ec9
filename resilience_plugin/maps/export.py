"""Filling a plan-map layout with layers and texts, and exporting it (PDF / PNG / SVG, atlas or not).

Used by ``resilience:exportplanmap`` and usable from any PyQGIS code::

    plan = PlanMap(read_template(path))
    plan.add_layers(layers)
    plan.fill(crs, title=..., subtitle=..., note=..., date=..., crs_note=...)
    files = plan.export(output_path, "pdf", dpi=300)

Errors the user can fix raise :class:`ExportError` (message already translated).
"""

import math
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

from qgis.core import (
    QgsColorRampShader,
    QgsCoordinateTransform,
    QgsExpression,
    QgsExpressionContextUtils,
    QgsFillSymbol,
    QgsInvertedPolygonRenderer,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemMapOverview,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLineSymbol,
    QgsMapUnitScale,
    QgsMarkerSymbol,
    QgsPrintLayout,
    QgsProject,
    QgsRasterLayer,
    QgsRasterShader,
    QgsRasterTransparency,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRuleBasedRenderer,
    QgsSingleBandPseudoColorRenderer,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QRawFont
from qgis.PyQt.QtXml import QDomDocument

from .. import compat as en
from ..i18n import tr
from . import layout as lay
from .styles import apply_named_style, detect_style, layer_kind, relabel
from .texts import BILINGUAL, layer_title, legend_labels, map_text, map_title_of

FORMATS = ["pdf", "png", "svg"]
MAX_DPI = 1200


class ExportError(Exception):
    """A problem the user can fix; the message is already translated."""


TEXT_ALWAYS_TEXT = en.TEXT_ALWAYS_TEXT
EXPORT_SUCCESS = en.EXPORT_SUCCESS
EXPORT_CANCELED = en.EXPORT_CANCELED


# --- inputs --------------------------------------------------------------------------------------
def read_template(path):
    """The QDomDocument of a layout template, or ExportError when missing / not a layout."""
    path = Path(path)
    if not path.is_file():
        raise ExportError(tr("The layout template {path} does not exist. Choose an existing .qpt file or one of the "
                             "built-in templates.").format(path=path))
    doc = QDomDocument()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    ok = doc.setContent(text)[0] if text else False
    if not ok or doc.documentElement().tagName() != "Layout":
        raise ExportError(tr("{path} is not a QGIS layout template (.qpt): save one from the QGIS layout designer "
                             "with Layout > Save as Template.").format(path=path))
    return doc


def check_dpi(dpi):
    if dpi is None or dpi <= 0 or dpi > MAX_DPI:
        raise ExportError(tr("DPI must be between 1 and {max} (300 is usual for print); {dpi} was given.").format(
            max=MAX_DPI, dpi=dpi))


def check_output_folder(path):
    """Check that the output folder exists and is writable, or can be created (it is created on export)."""
    folder = Path(path).absolute().parent
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise ExportError(tr("The output folder {folder} cannot be created: choose a folder you can write to.").format(
            folder=folder))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ExportError(tr("The output folder {folder} is not writable: choose a folder you can write to.").format(
            folder=folder))
    return folder


def _remove_empty(folders):
    """Remove the folders we created (deepest first) if they are empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            pass


def nice_segment(limit):
    """The largest 1, 2 or 5 x 10^k not above ``limit`` (> 0)."""
    if limit <= 0:
        return 1.0
    k = math.floor(math.log10(limit))
    for m in (5, 2, 1):
        if m * 10 ** k <= limit:
            return float(m * 10 ** k)
    return float(10 ** k)


_RADICAL = re.compile(rb"<(2[EF][0-9A-Fa-f]{2})>")
_TOUNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")


_EQUIVALENTS = {}


def radical_equivalents(family=None):
    """{radical code point: unified ideograph code point} for the radicals (U+2E80-U+2FDF) that the CJK
    font draws with the glyph of an ideograph (⽔ and 水, ⻛ and 风 ...), falling back to Unicode NFKC."""
    family = family or lay.cjk_family()
    if family not in _EQUIVALENTS:
        mapping = {}
        for cp in range(0x2E80, 0x2FE0):
            char = unicodedata.normalize("NFKC", chr(cp))
            if len(char) == 1 and 0x4E00 <= ord(char) <= 0x9FFF:
                mapping[cp] = ord(char)
        raw = QRawFont.fromFont(QFont(family))
        if raw.isValid():
            ideographs = "".join(chr(c) for c in range(0x4E00, 0xA000))
            by_glyph = {}
            for ch, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs)):
                if glyph:
                    by_glyph.setdefault(glyph, ord(ch))
            radicals = "".join(chr(c) for c in range(0x2E80, 0x2FE0))
            for ch, glyph in zip(radicals, raw.glyphIndexesForString(radicals)):
                if glyph in by_glyph:
                    mapping[ord(ch)] = by_glyph[glyph]
        _EQUIVALENTS[family] = mapping
    return _EQUIVALENTS[family]


def _unified(match, mapping):
    """``<2F54>`` (KANGXI RADICAL WATER) -> ``<6C34>`` (水): same length, so PDF offsets stay valid."""
    cp = mapping.get(int(match.group(1), 16))
    return b"<%04X>" % cp if cp else match.group(0)


def fix_cjk_text(path):
    """Make Chinese text in a Qt-written PDF extractable as the characters it shows.

    CJK fonts share one glyph between an ideograph and its radical form (水 U+6C34 and ⽔ U+2F54,
    一/⼀, 大/⼤, 风/⻛ ...); Qt's PDF writer maps each glyph back to the lowest code point, the radical,
    so searching for 水 would not find it. The ToUnicode maps are rewritten in place to the unified
    ideographs, byte for byte the same length. Returns the number of bytes changed."""
    data = bytearray(Path(path).read_bytes())
    mapping = radical_equivalents()
    changed = 0
    for obj in {m.group(1) for m in _TOUNICODE.finditer(data)}:
        head = re.search(rb"(?:^|[\r\n])" + obj + rb" 0 obj\s*<<[^>]*>>\s*stream\r?\n", data)
        if head is None:
            continue
        start = head.end()
        end = data.find(b"endstream", start)
        body = bytes(data[start:end])
        if b"begincmap" not in body:  # compressed or unexpected: leave it
            continue
        fixed = _RADICAL.sub(lambda m: _unified(m, mapping), body)
        if fixed != body:
            data[start:end] = fixed
            changed += sum(1 for a, b in zip(body, fixed) if a != b)
    if changed:
        Path(path).write_bytes(bytes(data))
    return changed


def safe_file_name(text):
    return re.sub(r'[\\/:*?"<>|\s]+', "_", str(text)).strip("_") or "page"


def apply_reference_style(layer):
    """A quiet style for context layers read from files: outlines, thin grey lines, small dots."""
    kind = layer_kind(layer)
    if kind == "polygon":
        symbol = QgsFillSymbol.createSimple({"style": "no", "outline_color": "90,90,90,255", "outline_width": "0.25",
                                             "outline_width_unit": "MM"})
    elif kind == "line":
        symbol = QgsLineSymbol.createSimple({"line_color": "120,120,120,255", "line_width": "0.2", "line_width_unit": "MM"})
    elif kind == "point":
        symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": "90,90,90,255", "size": "1.2",
                                               "outline_style": "no"})
    else:
        return
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def apply_raster_style(layer, band=1):
    """Hazard intensity rasters read from files: a light-to-dark yellow-orange-red ramp between the 2nd
    and 98th percentiles of the positive values; zero and below transparent."""
    if layer.bandCount() < 1 or layer.dataProvider() is None:
        return
    provider = layer.dataProvider()
    stats = provider.bandStatistics(band, en.STAT_MIN | en.STAT_MAX)
    low, high = provider.cumulativeCut(band, 0.02, 0.98) if hasattr(provider, "cumulativeCut") else (stats.minimumValue, stats.maximumValue)
    low, high = max(low, 0.0), max(high, low + 1e-9)
    if stats.maximumValue <= 0 or high <= low:
        low, high = stats.minimumValue, stats.maximumValue
    colours = ["#ffffcc", "#fed976", "#fd8d3c", "#e31a1c", "#800026"]
    items = [QgsColorRampShader.ColorRampItem(low + (high - low) * i / (len(colours) - 1), QColor(c),
                                              f"{low + (high - low) * i / (len(colours) - 1):.2f}")
             for i, c in enumerate(colours)]
    ramp = QgsColorRampShader(low, high)
    ramp.setColorRampType(en.RAMP_LINEAR)
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(provider, band, shader)
    renderer.setClassificationMin(low)
    renderer.setClassificationMax(high)
    try:
        transparent = QgsRasterTransparency()
        pixel = QgsRasterTransparency.TransparentSingleValuePixel()
        pixel.min, pixel.max, pixel.percentTransparent = -1e30, 0.0, 100.0
        transparent.setTransparentSingleValuePixelList([pixel])
        renderer.setRasterTransparency(transparent)
    except (AttributeError, TypeError):  # the transparency API changed in later QGIS: draw zeros then
        pass
    renderer.setOpacity(0.85)
    layer.setRenderer(renderer)


# Our point outputs that are population cells (a population raster turned into points): drawn as cells.
CELL_STYLES = ("coverage_demand", "life_circle", "cascade", "criticality_demand", "evacuation_origins")


def grid_spacing_m(layer, min_points=100):
    """The cell size in metres when ``layer``'s points are the cell centres of a raster (a population
    raster turned into demand points), else None."""
    import numpy as np

    if layer_kind(layer) != "point" or layer.featureCount() < min_points:
        return None
    xy = np.array([(p.x(), p.y()) for p in (f.geometry().asPoint() for f in layer.getFeatures()
                                             if f.hasGeometry() and not f.geometry().isMultipart())])
    if len(xy) < min_points:
        return None
    sizes = []
    for axis in (0, 1):
        steps = np.diff(np.unique(np.round(xy[:, axis], 9)))
        steps = steps[steps > 0]
        if len(steps) == 0:
            return None
        step = steps.min()
        if np.mean(np.isclose(steps % step, 0, atol=step * 0.01) | np.isclose(steps % step, step, atol=step * 0.01)) < 0.9:
            return None  # not a regular grid
        sizes.append(step)
    if layer.crs().isGeographic():
        lat = math.radians(float(np.mean(xy[:, 1])))
        return max(sizes[0] * 111320.0 * math.cos(lat), sizes[1] * 110574.0)
    return max(sizes) * QgsUnitTypes.fromUnitToUnitFactor(layer.crs().mapUnits(), en.DIST_METERS)


def draw_as_cells(layer, cell_m, pale_covered=False):
    """Draw grid points as the cells they stand for (squares of ``cell_m`` metres, no outline), so that a
    map of population cells (coverage, life circle, people out of service) reads as a surface rather than
    as overlapping dots. ``pale_covered``: a coverage map's covered people (category 1) in a faint tint,
    people out of reach in full colour."""
    renderer = layer.renderer()
    if renderer is not None and hasattr(renderer, "categories"):
        items, update = renderer.categories(), renderer.updateCategorySymbol
    elif renderer is not None and hasattr(renderer, "ranges"):
        items, update = renderer.ranges(), renderer.updateRangeSymbol
    else:
        return False
    for i, item in enumerate(items):
        symbol = item.symbol().clone()
        marker = symbol.symbolLayer(0)
        if hasattr(marker, "setShape"):
            marker.setShape(en.MARKER_SQUARE)
        if hasattr(marker, "setStrokeStyle"):
            marker.setStrokeStyle(Qt.PenStyle.NoPen)
        symbol.setSize(cell_m)
        symbol.setSizeUnit(en.RENDER_METERS_IN_MAP_UNITS)
        scale = QgsMapUnitScale()
        scale.minSizeMMEnabled, scale.minSizeMM = True, 1.5  # so the legend swatch stays visible
        symbol.setSizeMapUnitScale(scale)
        if pale_covered and hasattr(item, "value") and str(item.value()) in ("1", "True", "true"):
            colour = symbol.color()
            symbol.setColor(QColor(*(round(c + (255 - c) * 0.65) for c in (colour.red(), colour.green(), colour.blue()))))
        update(i, symbol)
    layer.setOpacity(0.7)  # the whole layer, so that touching cells do not darken where they overlap
    return True


def _number(value):
    return f"{value:g}"


def _between(low, high):
    """The shortest decimal number in [low, high] (0.5 between 0.4999 and 0.5001)."""
    for digits in range(0, 7):
        for candidate in (round((low + high) / 2, digits), math.floor(high * 10 ** digits) / 10 ** digits):
            if low <= candidate <= high:
                return candidate
    return (low + high) / 2


def add_value_ranges(layer):
    """Prefix each hazard level of a categorized legend with the range of values it stands for ("0.5–1
    中（一般）", "≥ 2 极高（重大）"), from the ``value_min`` / ``value_max`` fields of Classify hazard: the
    boundary between two levels is the shortest number between the highest value of one and the lowest of
    the next. Layers without those fields (categories, composite zones) keep their labels. Returns the count."""
    renderer = layer.renderer()
    names = layer.fields().names()
    if renderer is None or renderer.type() != "categorizedSymbol" or not {"level", "value_min", "value_max"} <= set(names):
        return 0
    ranges = {}
    for feature in layer.getFeatures():
        lo, hi = feature["value_min"], feature["value_max"]
        if not isinstance(lo, (int, float)) or not isinstance(hi, (int, float)) or not isinstance(feature["level"], int):
            continue
        old = ranges.get(feature["level"], (math.inf, -math.inf))
        ranges[feature["level"]] = (min(old[0], float(lo)), max(old[1], float(hi)))
    levels = sorted(ranges)
    if not levels:
        return 0
    bounds = {}
    for i, level in enumerate(levels):
        lower = _between(ranges[levels[i - 1]][1], ranges[level][0]) if i else _between(ranges[level][0] * 0.99, ranges[level][0])
        upper = _between(ranges[level][1], ranges[levels[i + 1]][0]) if i + 1 < len(levels) else None
        bounds[str(level)] = (lower, upper)
    done = 0
    for i, cat in enumerate(renderer.categories()):
        if str(cat.value()) not in bounds:
            continue
        lower, upper = bounds[str(cat.value())]
        text = f"≥ {_number(lower)}" if upper is None else f"{_number(lower)}–{_number(upper)}"
        renderer.updateCategoryLabel(i, f"{text}  {cat.label()}")
        done += 1
    return done


# --- the plan map --------------------------------------------------------------------------------
class PlanMap:
    """A private project holding copies of the layers, and a layout loaded from a template."""

    def __init__(self, template_doc, own_template=True):
        self.project = QgsProject()
        self.layout = QgsPrintLayout(self.project)
        _, ok = self.layout.loadFromTemplate(template_doc, QgsReadWriteContext())
        if not ok:
            raise ExportError(tr("The layout template could not be loaded: check it in the QGIS layout designer."))
        self.own_template = own_template
        self.layers = []
        self.coverage = None
        self.name_field = None
        self.map = self.item(lay.ITEM_MAP, QgsLayoutItemMap) or next(
            (i for i in self.layout.items() if isinstance(i, QgsLayoutItemMap)), None)
        if self.map is None:
            raise ExportError(tr("The layout template has no map item: add one in the layout designer."))
        if own_template:
            self._fix_resources()

    def item(self, item_id, cls=None):
        found = self.layout.itemById(item_id)
        if found is None or (cls is not None and not isinstance(found, cls)):
            return None
        return found

    def _fix_resources(self):
        """Our templates: the bundled north arrow and a Chinese font that is installed here."""
        north = self.item(lay.ITEM_NORTH, QgsLayoutItemPicture)
        if north is not None:
            north.setPicturePath(str(lay.north_arrow_path()))
        lay.apply_font_family(self.layout, lay.font_families())

    # layers ---------------------------------------------------------------------------------------
    def add_layers(self, layers, in_project=lambda layer: True, palette="default", labels=None, feedback=None,
                   language=BILINGUAL):
        """Copy ``layers`` (first drawn on top) into the private project. Layers that are not in the
        user's project (read from a file by a model or a batch run) get our style for their type, legend
        labels and a layer title in the map ``language`` ("灾害分区 Hazard zones", not "flood_zones"),
        and hazard levels show their value ranges ("0.5–1 中（一般）"). Population cells (points on a
        regular grid, CELL_STYLES) are drawn as the cells they stand for."""
        labels = legend_labels(language) if labels is None else labels
        for layer in layers:
            clone = layer.clone()
            source = layer.source() or ""
            sublayer = re.search(r"\|layername=([^|]+)", source)
            style = detect_style(clone) if isinstance(clone, QgsVectorLayer) else None
            cell_m = grid_spacing_m(clone) if style in CELL_STYLES else None  # population cells as points
            # named after the file by Processing ("jakarta"): use the table's name instead ("kecamatan")
            if not in_project(layer) and sublayer and layer.name() == Path(source.split("|")[0]).stem:
                clone.setName(sublayer.group(1))  # "kecamatan", not the GeoPackage's file name
            if in_project(layer) and style:
                relabel(clone.renderer(), labels)  # our outputs' "中文 / English" legend labels in the map's language
            panel_title = map_title_of(layer, language) if in_project(layer) else None
            if panel_title:  # named by the panel in the interface language
                clone.setName(panel_title)
            if not in_project(layer) and isinstance(clone, QgsRasterLayer):
                apply_raster_style(clone)
                clone.setName(layer_title("raster", language, clone.name()))
            if not in_project(layer) and isinstance(clone, QgsVectorLayer):
                if style:
                    ok, message = apply_named_style(clone, style, palette, labels)
                    if not ok and feedback is not None:
                        feedback.pushWarning(tr("Could not apply the style '{name}': {message}").format(name=style, message=message))
                    composite = layer_kind(clone) == "polygon" and {"level", "dominant"} <= set(clone.fields().names())
                    title = "composite_hazard" if composite else "cascade_people" if style == "cascade" and cell_m else style
                    clone.setName(layer_title(title, language))
                    if style == "hazard_level":
                        add_value_ranges(clone)
                else:
                    apply_reference_style(clone)
                    if layer_kind(clone) == "polygon":
                        clone.setName(layer_title("boundaries", language, clone.name()))
            if cell_m:
                draw_as_cells(clone, cell_m, pale_covered=style == "coverage_demand")
            self.project.addMapLayer(clone, False)
            self.layers.append(clone)

    def set_coverage(self, layer, name_field):
        """Atlas over ``layer``: the other features are faded, the current one outlined."""
        cov = layer.clone()
        self.project.addMapLayer(cov, False)
        # Everything outside the current feature is faded (an inverted polygon fill), its outline drawn.
        mask = QgsFillSymbol.createSimple({"color": "255,255,255,165", "outline_color": "32,32,32,255",
                                           "outline_width": "0.7", "outline_width_unit": "MM"})
        root = QgsRuleBasedRenderer.Rule(None)
        root.appendChild(QgsRuleBasedRenderer.Rule(mask, filterExp="$id = @atlas_featureid", label=layer.name()))
        cov.setRenderer(QgsInvertedPolygonRenderer(QgsRuleBasedRenderer(root)))
        self.coverage = cov
        self.name_field = name_field
        atlas = self.layout.atlas()
        atlas.setCoverageLayer(cov)
        atlas.setEnabled(True)
        atlas.setHideCoverage(False)
        atlas.setPageNameExpression(QgsExpression.quotedColumnRef(name_field))
        self.map.setAtlasDriven(True)
        self.map.setAtlasScalingMode(en.ATLAS_AUTO)
        self.map.setAtlasMargin(0.08)

    # geometry -------------------------------------------------------------------------------------
    def full_extent(self, crs, layers):
        context = self.project.transformContext()
        box = QgsRectangle()
        box.setMinimal()
        for layer in layers:
            extent = layer.extent()
            if extent.isEmpty():
                continue
            if layer.crs() != crs:
                xform = QgsCoordinateTransform(layer.crs(), crs, context)
                xform.setBallparkTransformsAreAppropriate(True)
                extent = xform.transformBoundingBox(extent)
            box.combineExtentWith(extent)
        return box

    @staticmethod
    def with_margin(box, fraction=0.05):
        b = QgsRectangle(box)
        dx, dy = b.width() * fraction, b.height() * fraction
        if dx == 0 and dy == 0:
            dx = dy = 100.0
        return QgsRectangle(b.xMinimum() - dx, b.yMinimum() - dy, b.xMaximum() + dx, b.yMaximum() + dy)

    @staticmethod
    def legend_size(legend):
        """The size (mm) the legend needs with its current settings and filter."""
        keep = legend.resizeToContents()
        before = legend.sizeWithUnits()
        legend.setResizeToContents(True)
        legend.adjustBoxSize()
        size = legend.sizeWithUnits()
        legend.setResizeToContents(keep)
        legend.attemptResize(before)
        return size.width(), size.height()

    def fit_legend(self, legend):
        """Shrink the legend's text and symbols (down to 60 %), then use two columns (down to 50 %), until it
        fits its box. Returns (columns, scale)."""
        box = legend.sizeWithUnits()
        legend.updateFilterByMap(False)
        # QGIS sizes a legend only once it has been painted: paint it once, small.
        QgsLayoutExporter(self.layout).renderRegionToImage(legend.sceneBoundingRect(), QSize(40, 40))
        sizes = [(style, lay.legend_font_size(legend, style)) for style, _, _ in lay.LEGEND_STYLES]
        margins = [(style, side, legend.style(style).margin(side)) for style, _, _ in lay.LEGEND_STYLES
                   for side in (en.LEGEND_SIDE_TOP, en.LEGEND_SIDE_BOTTOM)]
        symbol = (legend.symbolWidth(), legend.symbolHeight())
        legend.setSplitLayer(True)
        tries = [(1, k) for k in (1.0, 0.9, 0.8, 0.7, 0.6)] + [(2, k) for k in (0.8, 0.7, 0.6, 0.5)]
        for columns, scale in tries:
            legend.setColumnCount(columns)
            for style, size in sizes:
                lay.set_legend_font_size(legend, style, size * scale)
            for style, side, margin in margins:
                st = legend.style(style)
                st.setMargin(side, margin * scale)
                legend.setStyle(style, st)
            legend.setSymbolWidth(symbol[0] * scale)
            legend.setSymbolHeight(symbol[1] * scale)
            width, height = self.legend_size(legend)
            if height <= box.height() and width <= box.width():
                return columns, scale
        return columns, scale  # the smallest tried: it may still overflow

    @staticmethod
    def fit_aspect(item, box):
        """``box`` grown around its centre to the map item's aspect ratio (so the item keeps its size)."""
        size = item.sizeWithUnits()
        if size.height() <= 0 or box.height() <= 0:
            return box
        ratio = size.width() / size.height()
        w, h = box.width(), box.height()
        if w / h < ratio:
            w = h * ratio
        else:
            h = w / ratio
        c = box.center()
        return QgsRectangle(c.x() - w / 2, c.y() - h / 2, c.x() + w / 2, c.y() + h / 2)

    # filling --------------------------------------------------------------------------------------
    def fill(self, crs, extent=None, title="", subtitle="", note="", date="", crs_note="", overview=True,  # noqa: C901 - to split
             language=BILINGUAL):
        """Put the layers, extent and texts into the layout; fixed texts (legend title, date, CRS, notes,
        scale unit) in the map ``language`` (maps.texts: CHINESE, ENGLISH or BILINGUAL)."""
        self.language = language
        if not title:
            title = self.layers[0].name() if self.layers else map_text("untitled", language)
        layers = list(self.layers)
        shown = ([self.coverage] if self.coverage is not None else []) + layers
        self.project.setCrs(crs)
        self.map.setCrs(crs)
        self.map.setLayers(shown)
        self.map.setKeepLayerSet(True)
        full = self.full_extent(crs, shown)
        if extent is None or extent.isEmpty():
            if full.isNull() or full.isEmpty() or not all(map(math.isfinite, (full.width(), full.height()))):
                raise ExportError(tr("The layers have nothing to show (no features or no extent): check the layers or "
                                     "give an EXTENT."))
        target = extent if extent is not None and not extent.isEmpty() else self.with_margin(full)
        self.map.setExtent(self.fit_aspect(self.map, target))
        overview_extent = self.fit_aspect_of(lay.ITEM_OVERVIEW, self.with_margin(full, 0.03))
        if overview and self.coverage is None and overview_extent is not None and \
                self.same_view(self.map.extent(), overview_extent):
            overview = False  # the overview would show the map's own extent: leave it out, the legend moves up

        for name, value in (("plan_title", title), ("plan_subtitle", subtitle), ("plan_note", note),
                            ("plan_date", date), ("plan_crs", crs_note)):
            QgsExpressionContextUtils.setLayoutVariable(self.layout, name, value)
        page_name = ""
        if self.coverage is not None:
            page_name = "[% " + QgsExpression.quotedColumnRef(self.name_field) + " %]"
        texts = {
            lay.ITEM_TITLE: title,
            lay.ITEM_SUBTITLE: " · ".join(t for t in (subtitle, page_name) if t),
            lay.ITEM_NOTE: map_text("notes", language, note=note) if note else "",
            lay.ITEM_DATE: map_text("date", language, date=date) if date else "",
            lay.ITEM_CRS: map_text("crs", language, crs=crs_note) if crs_note else "",
        }
        for item_id, text in texts.items():
            label = self.item(item_id, QgsLayoutItemLabel)
            if label is not None:
                label.setText(text)

        legend = self.item(lay.ITEM_LEGEND, QgsLayoutItemLegend)
        if legend is not None:
            legend.setLinkedMap(self.map)
            legend.setAutoUpdateModel(False)
            root = legend.model().rootGroup()
            root.removeAllChildren()
            for layer in layers:
                root.addLayer(layer)
            legend.setLegendFilterByMapEnabled(True)
            if self.own_template:
                legend.setTitle(map_text("legend", language))
            legend.updateLegend()

        bar = self.item(lay.ITEM_SCALEBAR, QgsLayoutItemScaleBar)
        if bar is not None:
            self._setup_scalebar(bar)

        ov = self.item(lay.ITEM_OVERVIEW, QgsLayoutItemMap)
        if ov is not None:
            if not overview:
                if legend is not None and self.own_template:  # the legend takes the overview's place
                    top = ov.positionWithUnits().y()
                    bottom = legend.positionWithUnits().y() + legend.sizeWithUnits().height()
                    legend.attemptMove(QgsLayoutPoint(legend.positionWithUnits().x(), top, lay.MM))
                    legend.attemptResize(QgsLayoutSize(legend.sizeWithUnits().width(), bottom - top, lay.MM))
                self.layout.removeLayoutItem(ov)
            else:
                ov.setCrs(crs)
                ov.setLayers(shown)
                ov.setKeepLayerSet(True)
                ov.setExtent(self.fit_aspect(ov, self.with_margin(full, 0.03)))
                frame = QgsLayoutItemMapOverview(tr("Map extent"), ov)
                frame.setLinkedMap(self.map)
                frame.setFrameSymbol(QgsFillSymbol.createSimple({
                    "style": "no", "outline_color": "224,32,32,255", "outline_width": "0.5",
                    "outline_width_unit": "MM"}))
                ov.overviews().addOverview(frame)
        if legend is not None and self.own_template:
            self.fit_legend(legend)
            self.compact_legend(legend)
        self.layout.refresh()

    def fit_aspect_of(self, item_id, box):
        item = self.item(item_id, QgsLayoutItemMap)
        return None if item is None else self.fit_aspect(item, box)

    @staticmethod
    def same_view(main, overview, share=0.6):
        """True when the overview would add nothing: the main map already shows ``share`` or more of it."""
        if overview.isEmpty() or main.isEmpty():
            return True
        common = main.intersect(overview)
        return common.width() * common.height() >= share * overview.width() * overview.height()

    def compact_legend(self, legend):
        """Shrink the legend's frame to its content (it stays at the top of its box)."""
        width, height = self.legend_size(legend)
        box = legend.sizeWithUnits()
        legend.attemptResize(QgsLayoutSize(box.width(), min(box.height(), height + 1.0), lay.MM))

    def _setup_scalebar(self, bar):
        bar.setLinkedMap(self.map)
        self._bar = bar
        self.round_scalebar()
        if self.coverage is not None:
            self.layout.atlas().featureChanged.connect(self.round_scalebar)

    def round_scalebar(self, *_):
        """Segments of 1, 2 or 5 x 10^k metres (in m below 1 km, else km), 4 segments filling at most
        the bar's maximum width. Re-run on every atlas page."""
        bar, crs, extent = self._bar, self.map.crs(), self.map.extent()
        if extent.isEmpty() or crs.isGeographic():
            return
        metres_per_map_unit = QgsUnitTypes.fromUnitToUnitFactor(crs.mapUnits(), en.DIST_METERS)
        width_mm = self.map.sizeWithUnits().width()
        mm_per_metre = width_mm / (extent.width() * metres_per_map_unit)
        segments = 4
        max_w = bar.maximumBarWidth() or 60.0
        segment_m = nice_segment(max_w / segments / mm_per_metre)
        km = segment_m * segments >= 1000
        unit = en.DIST_KILOMETERS if km else en.DIST_METERS
        bar.setUnits(unit)
        bar.setMapUnitsPerScaleBarUnit(1.0)  # map units are converted to the bar units by QGIS
        bar.setUnitLabel(map_text("km" if km else "m", getattr(self, "language", BILINGUAL)))
        bar.setSegmentSizeMode(en.SCALEBAR_FIXED)
        bar.setNumberOfSegments(segments)
        bar.setNumberOfSegmentsLeft(0)
        bar.setUnitsPerSegment(segment_m / 1000.0 if km else segment_m)
        bar.update()

    # exporting ------------------------------------------------------------------------------------
    def export(self, output, fmt, dpi=300, single_file=True, feedback=None):
        """Export to ``output``; an atlas to PNG/SVG (or PDF with ``single_file`` off) gives one file per
        feature next to it, named by the coverage field. Returns the list of files written.
        Nothing is left behind on failure: pages are written to a hidden temporary folder first."""
        output = Path(output).absolute()
        folder = check_output_folder(output)
        created = [p for p in [folder, *folder.parents] if not p.exists()]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".plan_map_", dir=str(folder)))
        except OSError:
            _remove_empty(created)
            raise ExportError(tr("The output folder {folder} is not writable: choose a folder you can write to.").format(
                folder=folder)) from None
        done = False
        try:
            written = self._export_into(tmp, output, fmt, dpi, single_file, feedback)
            for path in written:
                if path.suffix.lower() == ".pdf":
                    fix_cjk_text(path)
            final = []
            for path in written:
                dest = folder / path.name
                shutil.move(str(path), str(dest))
                final.append(str(dest))
            done = True
            return final
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            if not done:
                _remove_empty(created)

    def _export_into(self, tmp, output, fmt, dpi, single_file, feedback):
        exporter = QgsLayoutExporter(self.layout)
        target = tmp / output.name
        if fmt == "pdf":
            settings = QgsLayoutExporter.PdfExportSettings()
            settings.textRenderFormat = TEXT_ALWAYS_TEXT
            settings.rasterizeWholeImage = False
            settings.forceVectorOutput = False
            settings.appendGeoreference = True
        elif fmt == "svg":
            settings = QgsLayoutExporter.SvgExportSettings()
            settings.textRenderFormat = TEXT_ALWAYS_TEXT
            settings.forceVectorOutput = False
        else:
            settings = QgsLayoutExporter.ImageExportSettings()
            settings.generateWorldFile = True
        settings.dpi = float(dpi)

        atlas = self.layout.atlas()
        if feedback is not None and feedback.isCanceled():
            self._check(EXPORT_CANCELED, "")
        if self.coverage is None:
            if fmt == "pdf":
                result = exporter.exportToPdf(str(target), settings)
            elif fmt == "svg":
                result = exporter.exportToSvg(str(target), settings)
            else:
                result = exporter.exportToImage(str(target), settings)
            self._check(result, exporter.errorMessage() if hasattr(exporter, "errorMessage") else "")
            return sorted(p for p in tmp.iterdir() if p.is_file())

        names = [safe_file_name(f[self.name_field]) for f in self.coverage.getFeatures()]
        if len(set(names)) < len(names):  # duplicate names: add the page number
            names = [f"{n}_{i + 1}" for i, n in enumerate(names)]
        # Pages are written as p000001... and renamed in Python: no escaping of names in expressions.
        atlas.setFilenameExpression("'p' || lpad(to_string(@atlas_featurenumber), 6, '0')")
        if fmt == "pdf" and single_file:
            result, error = QgsLayoutExporter.exportToPdf(atlas, str(target), settings, feedback)
        elif fmt == "pdf":
            result, error = QgsLayoutExporter.exportToPdfs(atlas, str(target), settings, feedback)
        elif fmt == "svg":
            result, error = QgsLayoutExporter.exportToSvg(atlas, str(target), settings, feedback)
        else:
            result, error = QgsLayoutExporter.exportToImage(atlas, str(target), "png", settings, feedback)
        self._check(result, error)
        files = []
        for path in sorted(p for p in tmp.iterdir() if p.is_file()):
            match = re.fullmatch(r"p(\d{6})(\..+)", path.name)
            if match and 0 < int(match.group(1)) <= len(names):
                renamed = path.with_name(f"{output.stem}_{names[int(match.group(1)) - 1]}{match.group(2)}")
                path.rename(renamed)
                path = renamed
            files.append(path)
        return files

    @staticmethod
    def _check(result, error):
        if result == EXPORT_SUCCESS:
            return
        if result == EXPORT_CANCELED:
            raise ExportError(tr("Cancelled by the user; no output was written."))
        raise ExportError(tr("The map could not be exported: {error}").format(error=error or str(result)))
