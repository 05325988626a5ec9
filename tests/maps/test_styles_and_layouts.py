"""The QML styles, the palettes they come from, style detection, the layout templates, round scale bars."""

import json
import xml.etree.ElementTree as ET

import pytest
from qgis.core import QgsVectorLayer
from qgis.PyQt.QtGui import QColor

from resilience_plugin.maps import styles as st
from resilience_plugin.maps.export import nice_segment
from resilience_plugin.maps.styles import style_file
from tests.conftest import REPO

STYLES = REPO / "resources" / "styles"
LAYOUTS = REPO / "resources" / "layouts"
PALETTES = json.loads((REPO / "resources" / "standards" / "palettes.json").read_text(encoding="utf-8"))

# (style, geometry kind, field spec for a memory layer) for every agreed style and geometry
CASES = [
    ("hazard_level", "polygon", "hazard:string&field=level:integer"),
    ("exposure_level", "point", "level:integer"), ("exposure_level", "line", "level:integer"),
    ("exposure_level", "polygon", "level:integer"),
    ("suitability_grade", "point", "grade:string"), ("suitability_grade", "polygon", "grade:string"),
    ("coverage_demand", "point", "covered:boolean"), ("coverage_demand", "polygon", "covered:boolean"),
    ("facility_load", "point", "load_ratio:double"), ("facility_load", "polygon", "load_ratio:double"),
    ("service_area", "polygon", "facility:string"),
    ("lifeline_level", "line", "max_level:integer"), ("lifeline_level", "point", "max_level:integer"),
    ("lifeline_pfail", "line", "p_fail:double"), ("lifeline_pfail", "point", "p_fail:double"),
    ("criticality_links", "line", "isolated_persons:double"),
    ("criticality_demand", "point", "isolated:boolean"),
]
GEOM = {"point": "Point", "line": "LineString", "polygon": "Polygon"}


def _layer(kind, fields):
    return QgsVectorLayer(f"{GEOM[kind]}?crs=EPSG:4326&field={fields}", "t", "memory")


@pytest.mark.parametrize("name,kind,fields", CASES)
def test_every_agreed_style_loads_and_is_detected(qgis_app, name, kind, fields):
    layer = _layer(kind, fields)
    path = style_file(name, kind)  # the foundation's lookup finds it
    message, ok = layer.loadNamedStyle(str(path))
    assert ok, message
    assert layer.renderer() is not None and layer.renderer().type() in ("categorizedSymbol", "graduatedSymbol", "singleSymbol")
    assert st.detect_style(layer) == name
    for palette in st.PALETTES:
        assert st.style_path(name, kind, palette) is not None
    assert (STYLES / "colourblind" / path.name).is_file()


def test_level_colours_follow_the_palette_file(qgis_app):
    for palette, folder in (("default", STYLES), ("colourblind", STYLES / "colourblind")):
        layer = _layer("polygon", "hazard:string&field=level:integer")
        layer.loadNamedStyle(str(folder / "hazard_level.qml"))
        got = {str(c.value()): c.symbol().color().name() for c in layer.renderer().categories()}
        want = {k: QColor(v).name() for k, v in PALETTES["palettes"][palette]["levels"].items()}
        assert got == want


def test_level_labels_are_bilingual(qgis_app):
    layer = _layer("polygon", "hazard:string&field=level:integer")
    layer.loadNamedStyle(str(STYLES / "hazard_level.qml"))
    labels = {str(c.value()): c.label() for c in layer.renderer().categories()}
    assert labels["4"] == "极高（重大） / Very high"
    assert labels["1"] == "低 / Low"


def test_grades_cover_the_four_suitability_values(qgis_app):
    layer = _layer("polygon", "grade:string")
    layer.loadNamedStyle(str(STYLES / "suitability_grade_polygon.qml"))
    assert [c.value() for c in layer.renderer().categories()] == ["适宜", "较适宜", "有条件适宜", "不适宜"]


def test_coverage_style_works_on_booleans_and_integers(qgis_app):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsRenderContext

    for fields, values in (("covered:boolean", (True, False)), ("covered:integer", (1, 0))):
        layer = _layer("point", fields)
        layer.loadNamedStyle(str(STYLES / "coverage_demand_point.qml"))
        renderer = layer.renderer()
        ctx = QgsRenderContext()
        ctx.expressionContext().appendScopes([])
        renderer.startRender(ctx, layer.fields())
        colours = []
        for v in values:
            f = QgsFeature(layer.fields())
            f.setAttributes([v])
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(0, 0)))
            ctx.expressionContext().setFeature(f)
            colours.append(renderer.symbolForFeature(f, ctx).color().name())
        renderer.stopRender(ctx)
        cov = PALETTES["palettes"]["default"]["coverage"]
        assert colours == [QColor(cov["covered"]).name(), QColor(cov["unserved"]).name()], fields


def test_relabel_to_one_language(qgis_app):
    layer = _layer("line", "p_fail:double")
    layer.loadNamedStyle(str(STYLES / "lifeline_pfail_line.qml"))
    st.relabel(layer.renderer(), st.LABELS_ENGLISH)
    assert layer.renderer().ranges()[0].label() == "< 10 %  Very low"
    layer.loadNamedStyle(str(STYLES / "lifeline_pfail_line.qml"))
    st.relabel(layer.renderer(), st.LABELS_CHINESE)
    assert layer.renderer().ranges()[-1].label() == "≥ 80 %  很高"


def test_unknown_layer_gets_no_style(qgis_app):
    assert st.detect_style(_layer("point", "name:string")) is None
    assert st.style_path("service_area", "point") is None  # polygons only


@pytest.mark.parametrize("limit,expected", [(730, 500), (500, 500), (499, 200), (199, 100), (2.5, 2), (0.07, 0.05),
                                            (10, 10), (1e5 - 1, 5e4)])
def test_scale_bar_segments_are_1_2_5_times_a_power_of_ten(limit, expected):
    assert nice_segment(limit) == pytest.approx(expected)


@pytest.mark.parametrize("name,width,height", [("a3_landscape.qpt", 420, 297), ("a3_portrait.qpt", 297, 420),
                                               ("a4_landscape.qpt", 297, 210), ("a4_portrait.qpt", 210, 297)])
def test_layout_templates_have_the_page_and_every_item(name, width, height):
    root = ET.parse(LAYOUTS / name).getroot()
    assert root.tag == "Layout"
    pages = [p for p in root.iter("LayoutItem") if p.get("type") == "65638"]  # QgsLayoutItemPage
    assert len(pages) == 1
    w, h, unit = pages[0].get("size").split(",")
    assert (float(w), float(h), unit) == (width, height, "mm")
    ids = {item.get("id") for item in root.iter("LayoutItem")}
    assert {"map", "overview", "legend", "scalebar", "north_arrow", "title", "subtitle", "note", "date", "crs_note"} <= ids
    # every item inside the page; the scale bar and north arrow inside the map frame
    boxes = {}
    for item in root.iter("LayoutItem"):
        if item.get("id"):
            x, y, _ = item.get("position").split(",")
            iw, ih = (float(v) for v in item.get("size").split(",")[:2])
            # position is that of the item's reference point: 0 upper left ... 8 lower right (row-major)
            ref = int(item.get("referencePoint", "0"))
            left, top = float(x) - (ref % 3) * iw / 2, float(y) - (ref // 3) * ih / 2
            assert 0 <= left and left + iw <= width + 0.01, item.get("id")
            assert 0 <= top and top + ih <= height + 0.01, item.get("id")
            boxes[item.get("id")] = (left, top, left + iw, top + ih)
    mx0, my0, mx1, my1 = boxes["map"]
    for inner in ("scalebar", "north_arrow"):
        x0, y0, x1, y1 = boxes[inner]
        assert mx0 < x0 and x1 < mx1 and my0 < y0 and y1 < my1, inner
    # Chinese-capable font in the template
    assert "Noto Sans CJK SC" in (LAYOUTS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "kind,fields,style",
    [
        ("polygon", "change_class:integer", "scenario_change"),
        ("polygon", "occ_class:string&field=level:integer&field=loss:double", "economic_loss"),
        ("polygon", "occ_class:string&field=loss_rp10:double&field=ead:double", "economic_ead"),
        # Evacuation plan, Supply plan, Life circle, Power lines from their towers and Cascade: their own style
        # when read from a file (the workbench's layers, plan maps), not that of exposure or p_fail
        ("point", "asset_id:string&field=out_of_service:double&field=p_fail:double", "cascade"),
        ("line", "asset_id:string&field=out_of_service:double", "cascade"),
        ("polygon", "asset_id:string&field=out_of_service:double", "cascade"),
        ("line", "p_towers:double&field=p_line:double", "weak_links"),
        ("line", "origin_id:string&field=shelter_id:string&field=persons:double", "evacuation_flows"),
        ("line", "item:string&field=tonnes:double&field=tonne_km:double", "supply_flows"),
        ("point", "origin_id:string&field=level:integer&field=unplaced:double", "evacuation_origins"),
        ("point", "persons:double&field=n_missing:integer&field=all_reached:boolean", "life_circle"),
    ],
)
def test_loss_scenario_and_decision_styles_are_detected_and_load(qgis_app, kind, fields, style):
    layer = _layer(kind, fields)
    assert st.detect_style(layer) == style
    message, ok = layer.loadNamedStyle(str(style_file(style, kind)))
    assert ok, message


@pytest.mark.parametrize("path", sorted(STYLES.glob("*.qml")) + sorted((STYLES / "colourblind").glob("*.qml")), ids=lambda p: p.name)
def test_a_style_keeps_the_layer_s_custom_properties(qgis_app, path):
    """Loading one of our styles must not wipe a layer's custom properties (the workbench tags its layers
    with them: an empty <customproperties> in a QML cleared the tags of the loss and cascade layers)."""
    kind = next((k for k in GEOM if path.stem.endswith("_" + k)), st.SINGLE_KIND.get(path.stem, "polygon"))
    layer = _layer(kind, "level:integer")
    layer.setCustomProperty("resilience_workbench/step", "s/lifelines")
    message, ok = layer.loadNamedStyle(str(path))
    assert ok, message
    assert layer.customProperty("resilience_workbench/step") == "s/lifelines"
