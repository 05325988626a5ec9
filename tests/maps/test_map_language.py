"""Plan maps in the chosen language (中文 / English / 双语), with layer titles, value ranges, a compact
legend, no useless overview, page-sized north arrow and scale bar, and coverage drawn as cells."""

import subprocess
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from pyproj import Geod
from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from resilience_plugin import compat as en
from resilience_plugin.maps import layout as lay
from resilience_plugin.maps import texts
from resilience_plugin.maps.export import PlanMap, grid_spacing_m, read_template
from resilience_plugin.processing.algorithms.export_plan_map import default_map_language
from tests.conftest import REPO, SAMPLE, register_provider

KECAMATAN = f"{SAMPLE / 'jakarta.gpkg'}|layername=kecamatan"
THRESHOLDS = "0.1,0.5,1.0,2.0"


@pytest.fixture(scope="module")
def zones(qgis_app, tmp_path_factory):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    register_provider()
    out = tmp_path_factory.mktemp("zones") / "flood_zones.gpkg"
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    processing.run(
        "resilience:classifyhazard",
        {
            "INPUT": str(SAMPLE / "flood_current_depth.tif"),
            "HAZARD_NAME": "flood",
            "THRESHOLDS": THRESHOLDS,
            "OUTPUT": str(out),
        },
        context=context,
        feedback=QgsProcessingFeedback(),
    )
    return str(out)


def _export_text(run_alg, zones, tmp_path, language, title):
    out = tmp_path / f"map_{language}.pdf"
    run_alg(
        "exportplanmap",
        {
            "LAYERS": [zones, KECAMATAN],
            "LANGUAGE": language,
            "TITLE": title,
            "NOTE": "InaSAFE",
            "DATE": "2026-11-24",
            "DPI": 72,
            "OUTPUT": str(out),
        },
    )
    return subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout


# the four classes of THRESHOLDS, as a planner reads them
RANGES = ["0.1–0.5", "0.5–1", "1–2", "≥ 2"]


def test_chinese_map(run_alg, zones, tmp_path):
    text = _export_text(run_alg, zones, tmp_path, texts.CHINESE, "洪水风险分区图")
    for expected in (
        "图例",
        "日期：2026-11-24",
        "坐标系：",
        "说明：InaSAFE",
        "千米",
        "灾害分区",
        "边界（kecamatan）",
        "中（一般）",
        "极高（重大）",
    ):
        assert expected in text, expected
    for english in (
        "Legend",
        "Date:",
        "Coordinate reference system",
        "Notes:",
        "Medium",
        "Hazard zones",
        "flood_zones",
    ):
        assert english not in text, english
    for rng in RANGES:
        assert rng in text, rng


def test_english_map(run_alg, zones, tmp_path):
    text = _export_text(run_alg, zones, tmp_path, texts.ENGLISH, "Flood risk zoning")
    for expected in (
        "Legend",
        "Date: 2026-11-24",
        "Coordinate reference system: ",
        "Notes: InaSAFE",
        "km",
        "Hazard zones",
        "Boundaries (kecamatan)",
        "Medium",
        "Very high",
    ):
        assert expected in text, expected
    assert not any("\u4e00" <= c <= "\u9fff" for c in text)  # not one Chinese character
    for rng in RANGES:
        assert rng in text, rng


def test_bilingual_map(run_alg, zones, tmp_path):
    text = _export_text(run_alg, zones, tmp_path, texts.BILINGUAL, "洪水风险分区图 Flood risk zoning")
    for expected in (
        "图例 Legend",
        "日期 Date: 2026-11-24",
        "坐标系 CRS: ",
        "说明 Notes: InaSAFE",
        "灾害分区 Hazard zones",
        "中（一般） / Medium",
    ):
        assert expected in text, expected


def test_default_language_follows_the_interface_in_qgis_and_is_bilingual_in_qgis_process(provider):
    assert default_map_language("desktop", "zh-Hans") == texts.CHINESE
    assert default_map_language("desktop", "en_US") == texts.ENGLISH
    assert default_map_language("qgis_process", "zh-Hans") == texts.BILINGUAL
    # this test process is not the QGIS desktop: the parameter's default is bilingual
    assert provider.algorithm("exportplanmap").parameterDefinition("LANGUAGE").defaultValue() == texts.BILINGUAL


def _plan(zones, extent=None):
    from qgis.core import QgsRectangle

    layers = [QgsVectorLayer(zones, "flood_zones", "ogr"), QgsVectorLayer(KECAMATAN, "kecamatan", "ogr")]
    plan = PlanMap(read_template(lay.template_path(0)))
    plan.add_layers(layers, in_project=lambda layer: False)
    crs = QgsCoordinateReferenceSystem("EPSG:32748")
    plan.fill(crs, extent=QgsRectangle(*extent) if extent else None, title="t")
    return plan


def _template_box(item_id, template="a3_landscape.qpt"):
    root = ET.parse(REPO / "resources" / "layouts" / template).getroot()
    item = next(i for i in root.iter("LayoutItem") if i.get("id") == item_id)
    x, y, _ = item.get("position").split(",")
    w, h, _ = item.get("size").split(",")
    return float(x), float(y), float(w), float(h)


def test_whole_city_map_has_no_overview_and_a_compact_legend(zones):
    plan = _plan(zones)
    assert plan.item(lay.ITEM_OVERVIEW) is None  # it would frame its own whole extent
    legend = plan.item(lay.ITEM_LEGEND)
    _, ov_top, _, _ = _template_box("overview")
    _, lg_top, _, lg_h = _template_box("legend")
    assert legend.positionWithUnits().y() == pytest.approx(ov_top)  # the legend moved up into the free space
    # compact: 6 entries (title, layer, 4 levels, boundaries) take far less than the box
    assert legend.sizeWithUnits().height() < 0.6 * lg_h
    assert legend.sizeWithUnits().height() >= plan.legend_size(legend)[1]  # nothing cut off


def test_zoomed_map_keeps_its_overview(zones):
    # central Jakarta only (UTM 48S metres): the overview shows where it lies in the city
    plan = _plan(zones, extent=(700000, 9310000, 706000, 9314000))
    assert plan.item(lay.ITEM_OVERVIEW) is not None


@pytest.mark.parametrize(
    ("template", "min_north_mm", "min_bar_mm"), [("a3_landscape.qpt", 15, 3), ("a4_portrait.qpt", 10, 2)]
)
def test_north_arrow_and_scale_bar_sized_for_the_page(template, min_north_mm, min_bar_mm):
    _, _, w, h = _template_box("north_arrow", template)
    assert w >= min_north_mm and h >= 1.4 * min_north_mm
    root = ET.parse(REPO / "resources" / "layouts" / template).getroot()
    bar = next(i for i in root.iter("LayoutItem") if i.get("id") == "scalebar")
    assert float(bar.get("height")) >= min_bar_mm
    assert float(bar.get("maxBarWidth")) >= 65 * (1 if template.startswith("a3") else 0.7)


def test_population_grid_points_are_drawn_as_their_cells(qgis_app):
    # demand points at the centres of the 0.000452288° cells of the Jakarta population raster
    step = 0.000452288
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=covered:integer", "demand", "memory")
    feats = []
    for i in range(30):
        for j in range(30):
            f = QgsFeature(layer.fields())
            f.setAttributes([int((i + j) % 3 == 0)])
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(106.8 + i * step, -6.2 + j * step)))
            feats.append(f)
    layer.dataProvider().addFeatures(feats)
    geod = Geod(ellps="WGS84")
    dx = geod.inv(106.8, -6.2, 106.8 + step, -6.2)[2]
    dy = geod.inv(106.8, -6.2, 106.8, -6.2 + step)[2]
    assert grid_spacing_m(layer) == pytest.approx(max(dx, dy), rel=0.005)
    rng = np.random.default_rng(1)
    scattered = QgsVectorLayer("Point?crs=EPSG:4326", "shelters", "memory")
    pts = []
    for x, y in rng.uniform(0, 0.05, size=(600, 2)):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(106.8 + x, -6.2 + y)))
        pts.append(f)
    scattered.dataProvider().addFeatures(pts)
    assert grid_spacing_m(scattered) is None  # not a grid: drawn as points


def test_every_style_has_a_legend_title_in_both_languages():
    # a plan map of any of our outputs gets a translated title (a missing one crashed the export)
    from resilience_plugin.maps.texts import BILINGUAL, CHINESE, ENGLISH, layer_title
    from resilience_plugin.paths import resource_path

    kinds = {p.stem.rsplit("_", 1)[0] if p.stem.rsplit("_", 1)[-1] in ("point", "line", "polygon") else p.stem
             for p in resource_path("styles").glob("*.qml")} - {"colourblind"}
    for kind in sorted(kinds):
        zh, en, both = (layer_title(kind, lang, name="x") for lang in (CHINESE, ENGLISH, BILINGUAL))
        assert zh != kind and en != kind and both == f"{zh} {en}", kind
    assert layer_title("no_such_style", ENGLISH, name="my layer") == "my layer"


def _grid_layer(name, field, values, step=0.000452288, extra=""):
    """Points at the cell centres of a grid of ``step`` degrees (the Jakarta population raster's);
    ``extra``: one more text field "asset_class" holding that text."""
    uri = f"Point?crs=EPSG:4326&field={field}:double" + ("&field=asset_class:string" if extra else "")
    layer = QgsVectorLayer(uri, name, "memory")
    feats = []
    for k, value in enumerate(values):
        f = QgsFeature(layer.fields())
        f.setAttributes([float(value)] + ([extra] if extra else []))
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(106.8 + (k % 20) * step, -6.2 + (k // 20) * step)))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_panel_layers_are_titled_and_drawn_in_the_map_language(qgis_app):
    # layers the panel added to the project (named in the interface language) get their title in the
    # map's language; population cells of our styles (life circle, people out of service) are drawn as
    # squares of the cell size, not as dots that merge into dark blobs
    from resilience_plugin.maps.styles import apply_style

    life = _grid_layer("可达服务", "n_missing", [k % 3 for k in range(400)])
    assert apply_style(life, "life_circle")[0]
    texts.set_map_titles(life, "可达服务", "Services in reach")
    renamed = _grid_layer("my cells", "n_missing", [k % 3 for k in range(400)])
    assert apply_style(renamed, "life_circle")[0]
    texts.set_map_titles(renamed, "可达服务", "Services in reach")
    renamed.setName("my own name")  # the user's name wins
    plan = PlanMap(read_template(lay.template_path(0)))
    plan.add_layers([life, renamed], in_project=lambda layer: True, language=texts.ENGLISH)
    drawn, mine = plan.layers
    assert drawn.name() == "Services in reach" and mine.name() == "my own name"
    geod = Geod(ellps="WGS84")
    cell = max(geod.inv(106.8, -6.2, 106.8 + 0.000452288, -6.2)[2], geod.inv(106.8, -6.2, 106.8, -6.2 + 0.000452288)[2])
    for item in drawn.renderer().ranges():
        symbol = item.symbol()
        assert symbol.size() == pytest.approx(cell, rel=0.005)
        assert symbol.sizeUnit() == en.RENDER_METERS_IN_MAP_UNITS
        assert symbol.symbolLayer(0).shape() == en.MARKER_SQUARE
    # the original layer in the project keeps its own symbols
    assert life.renderer().ranges()[0].symbol().sizeUnit() != en.RENDER_METERS_IN_MAP_UNITS
    plan.add_layers([life], in_project=lambda layer: True, language=texts.BILINGUAL)
    assert plan.layers[-1].name() == "可达服务 Services in reach"


def test_people_out_of_service_read_from_a_file_are_titled_and_drawn_as_cells(qgis_app, tmp_path):
    import processing

    people = _grid_layer("cascade_map_people", "out_of_service", [0.5 + (k % 5) / 10 for k in range(300)],
                         extra="people")
    path = tmp_path / "people.gpkg"
    processing.run("native:savefeatures", {"INPUT": people, "OUTPUT": str(path)})
    plan = PlanMap(read_template(lay.template_path(0)))
    plan.add_layers([QgsVectorLayer(str(path), "people", "ogr")], in_project=lambda layer: False,
                    language=texts.CHINESE)
    (drawn,) = plan.layers
    assert drawn.name() == "失去服务的人口"
    assert all(r.symbol().sizeUnit() == en.RENDER_METERS_IN_MAP_UNITS for r in drawn.renderer().ranges())
