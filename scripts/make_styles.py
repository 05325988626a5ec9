#!/usr/bin/env python3
"""Generate the plugin's QML styles from resources/standards/palettes.json (reproducibly).

    .venv/bin/python scripts/make_styles.py

Writes ``resources/styles/<name>[_<point|line|polygon>].qml`` with the default palette and the same
files with the colour-blind-safe palette into ``resources/styles/colourblind/``. Legend labels are
bilingual ("中文 / English"); ``resilience:applystyle`` can reduce them to one language.
Edit the palette file, re-run this script and commit both.
"""

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_HASH_SEED"] = "0"  # fixed XML attribute order: the same files on every run

ROOT = Path(__file__).resolve().parents[1]
STYLES = ROOT / "resources" / "styles"
PALETTES = ROOT / "resources" / "standards" / "palettes.json"

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsField,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsLineSymbol,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsRendererCategory,
    QgsRendererRange,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

GEOM = {"point": "Point", "line": "LineString", "polygon": "Polygon"}
FIELD_TYPES = {"int": QVariant.Type.Int, "double": QVariant.Type.Double, "string": QVariant.Type.String,
               "bool": QVariant.Type.Bool}
MM = QgsUnitTypes.RenderUnit.RenderMillimeters


def bilingual(zh, en):
    return f"{zh} / {en}"


def darker(hex_colour, factor=140):
    return QColor(hex_colour).darker(factor)


def symbol(kind, colour, size=None, opacity=1.0, outline=None, outline_width=None):
    """A simple symbol: a filled polygon with a thin outline, a line, or a circle marker."""
    if kind == "polygon":
        sym = QgsFillSymbol.createSimple({})
        layer = sym.symbolLayer(0)
        layer.setFillColor(QColor(colour))
        layer.setStrokeColor(QColor(outline) if outline else darker(colour))
        layer.setStrokeWidth(outline_width if outline_width is not None else 0.15)
        layer.setStrokeWidthUnit(MM)
    elif kind == "line":
        sym = QgsLineSymbol.createSimple({})
        sym.setColor(QColor(colour))
        sym.setWidth(size or 0.6)
        sym.setWidthUnit(MM)
    else:
        sym = QgsMarkerSymbol.createSimple({"name": "circle"})
        sym.setColor(QColor(colour))
        sym.setSize(size or 2.4)
        sym.setSizeUnit(MM)
        marker = sym.symbolLayer(0)
        marker.setStrokeColor(QColor(outline) if outline else QColor("#404040"))
        marker.setStrokeWidth(outline_width if outline_width is not None else 0.15)
    sym.setOpacity(opacity)
    return sym


def save(renderer, name, kind, fields, folder):
    """Attach ``renderer`` to a memory layer of geometry ``kind`` holding ``fields`` and save its QML."""
    uri = GEOM[kind] + "?crs=EPSG:4326"
    layer = QgsVectorLayer(uri, name, "memory")
    layer.dataProvider().addAttributes([QgsField(n, FIELD_TYPES[t]) for n, t in fields])
    layer.updateFields()
    layer.setRenderer(renderer)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.qml"
    categories = QgsMapLayer.StyleCategory.Symbology | QgsMapLayer.StyleCategory.Rendering
    message, ok = layer.saveNamedStyle(str(path), categories)
    if not ok:
        raise RuntimeError(f"{path}: {message}")
    print("wrote", path.relative_to(ROOT))


def drawn_in_order(renderer, expression, ascending=True):
    """Draw features sorted by ``expression``: ascending puts the highest values on top."""
    renderer.setOrderBy(QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause(expression, ascending)]))
    renderer.setOrderByEnabled(True)
    return renderer


# --- renderers ----------------------------------------------------------------------------------
def level_renderer(pal, labels, field, kind, keep_zero=True):
    cats = []
    for lv in range(0, 7):
        key = str(lv)
        if lv == 0 and not keep_zero:
            continue
        colour = pal["levels"][key]
        opacity = pal["level_0_opacity"] if lv == 0 else 1.0
        size = {"point": 1.4 + 0.35 * lv, "line": 0.3 + 0.2 * lv}.get(kind)
        outline = "#9e9e9e" if (lv == 0 and kind == "polygon") else None
        sym = symbol(kind, colour, size=size, opacity=opacity, outline=outline)
        label = bilingual(labels[key]["zh"], labels[key]["en"])
        cats.append(QgsRendererCategory(lv, sym, label, True))
    return drawn_in_order(QgsCategorizedSymbolRenderer(field, cats), f'"{field}"')


def grade_renderer(pal, grades, kind):
    cats = []
    for g in grades:
        sym = symbol(kind, pal["grades"][g["value"]], size=3.0 if kind == "point" else None)
        cats.append(QgsRendererCategory(g["value"], sym, bilingual(g["value"], g["en"]), True))
    return QgsCategorizedSymbolRenderer("grade", cats)


def boolean_renderer(field, kind, true_colour, false_colour, true_label, false_label, true_size=3.0, false_size=2.0,
                     order=None):
    # The field may be a real boolean or 0/1 integers (GeoPackage): classify on an expression.
    expression = f'if("{field}", 1, 0)'
    opacity = 0.8 if kind == "polygon" else 1.0
    cats = [
        QgsRendererCategory(1, symbol(kind, true_colour, size=true_size, opacity=opacity), true_label, True),
        QgsRendererCategory(0, symbol(kind, false_colour, size=false_size, opacity=opacity), false_label, True),
    ]
    renderer = QgsCategorizedSymbolRenderer(expression, cats)
    return drawn_in_order(renderer, expression, order == "asc") if order else renderer


def graduated_renderer(field, classes, colours, kind, sizes=None):
    ranges = []
    for i, (cls, colour) in enumerate(zip(classes, colours)):
        size = sizes[i] if sizes else ({"point": 1.6 + 0.35 * i, "line": 0.3 + 0.2 * i}.get(kind))
        sym = symbol(kind, colour, size=size)
        label = f"{cls['text']}  {bilingual(cls['zh'], cls['en'])}"
        ranges.append(QgsRendererRange(cls["min"], cls["max"], sym, label, True))
    renderer = QgsGraduatedSymbolRenderer(field, ranges)
    renderer.setClassAttribute(field)
    return drawn_in_order(renderer, f'"{field}"')


def build(palette_name, pal, spec, folder):
    labels = spec["level_labels"]
    for kind in ("polygon",):
        save(level_renderer(pal, labels, "level", kind), "hazard_level", kind, [("level", "int")], folder)
    for kind in ("point", "line", "polygon"):
        save(level_renderer(pal, labels, "level", kind), f"exposure_level_{kind}", kind, [("level", "int")], folder)
    for kind in ("point", "polygon"):
        save(grade_renderer(pal, spec["grades"], kind), f"suitability_grade_{kind}", kind, [("grade", "string")], folder)
        save(boolean_renderer("covered", kind, pal["coverage"]["covered"], pal["coverage"]["unserved"],
                              bilingual("已覆盖", "Covered"), bilingual("未覆盖", "Unserved"), 1.4, 1.9,
                              order="desc"),
             f"coverage_demand_{kind}", kind, [("covered", "bool")], folder)
        save(graduated_renderer("load_ratio", spec["classes"]["load_ratio"], pal["ramp_5"], kind,
                                sizes=[2.6, 3.0, 3.4, 3.8, 4.2] if kind == "point" else None),
             f"facility_load_{kind}", kind, [("load_ratio", "double")], folder)
    sa = symbol("polygon", pal["service_area"], opacity=1.0, outline=pal["service_area"], outline_width=0.4)
    sa.symbolLayer(0).setFillColor(QColor(pal["service_area"]).lighter(170))
    sa.setOpacity(0.45)
    single = QgsSingleSymbolRenderer(sa)
    save(single, "service_area", "polygon", [("facility", "string")], folder)
    for kind in ("line", "point"):
        save(level_renderer(pal, labels, "max_level", kind), f"lifeline_level_{kind}", kind, [("max_level", "int")], folder)
        save(graduated_renderer("p_fail", spec["classes"]["p_fail"], pal["ramp_5"], kind),
             f"lifeline_pfail_{kind}", kind, [("p_fail", "double")], folder)
    link_colours = ["#bdbdbd"] + pal["ramp_5"][1:]
    save(graduated_renderer("isolated_persons", spec["classes"]["isolated_persons"], link_colours, "line",
                            sizes=[0.2, 0.45, 0.7, 1.0, 1.3]),
         "criticality_links", "line", [("isolated_persons", "double")], folder)
    save(boolean_renderer("isolated", "point", pal["isolation"]["isolated"], pal["isolation"]["connected"],
                          bilingual("孤立", "Isolated"), bilingual("连通", "Connected"), 2.2, 1.2,
                          order="asc"),
         "criticality_demand", "point", [("isolated", "bool")], folder)


def main():
    spec = json.loads(PALETTES.read_text(encoding="utf-8"))
    app = QgsApplication([], False)
    app.initQgis()
    try:
        for name, pal in spec["palettes"].items():
            folder = STYLES if name == "default" else STYLES / name
            build(name, pal, spec, folder)
    finally:
        app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
