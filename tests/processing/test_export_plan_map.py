"""resilience:exportplanmap on the Jakarta sample: page size, searchable Chinese text, legend colours,
atlas pages, and every bad input (clear message, nothing left behind)."""

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
import shapely
from PIL import Image
from pyproj import Transformer
from qgis.core import QgsProcessingException

from tests.conftest import REPO, SAMPLE, register_provider
from tests.helpers import read_gdf

GPKG = SAMPLE / "jakarta.gpkg"
KECAMATAN = f"{GPKG}|layername=kecamatan"
LAYOUTS = REPO / "resources" / "layouts"
PALETTES = json.loads((REPO / "resources" / "standards" / "palettes.json").read_text(encoding="utf-8"))
TITLE = "雅加达洪水风险综合分区图"  # 水 and 风 share glyphs with radicals ⽔ and ⻛
SUBTITLE = "韧性城市专项规划"
PUSAT = "JAKARTA PUSAT"


@pytest.fixture(scope="module")
def zones(qgis_app, tmp_path_factory):
    """Composite hazard zones of the current flood depth, made with resilience:classifyhazard."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    register_provider()
    out = tmp_path_factory.mktemp("zones") / "flood_zones.gpkg"
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    processing.run("resilience:classifyhazard", {
        "INPUT": str(SAMPLE / "flood_current_depth.tif"), "HAZARD_NAME": "flood", "THRESHOLDS": "0.1,0.5,1.0,2.0",
        "OUTPUT": str(out)}, context=context, feedback=QgsProcessingFeedback())
    return str(out)


def _params(zones, output, **extra):
    params = {"LAYERS": [zones, KECAMATAN], "TEMPLATE": 0, "TITLE": TITLE, "SUBTITLE": SUBTITLE,
              "NOTE": "资料来源：InaSAFE 雅加达样例数据", "DATE": "2026-11-24", "FORMAT": 0, "DPI": 300,
              "OUTPUT": str(output)}
    params.update(extra)
    return params


def _item_box(template, item_id):
    """(x, y, width, height) in mm of a layout item, read from the template XML itself."""
    root = ET.parse(LAYOUTS / template).getroot()
    for item in root.iter("LayoutItem"):
        if item.get("id") == item_id:
            x, y, _ = item.get("position").split(",")
            w, h, _ = item.get("size").split(",")
            return float(x), float(y), float(w), float(h)
    raise AssertionError(f"no item {item_id} in {template}")


def _hex_rgb(hex_colour):
    return np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])


def _has_colour(pixels, rgb, tol=6, min_count=20):
    return int((np.abs(pixels.astype(int) - rgb).max(axis=-1) <= tol).sum()) >= min_count


def test_a3_pdf_page_size_and_searchable_chinese_title(run_alg, zones, tmp_path):
    out = tmp_path / "maps" / "flood_zones_a3.pdf"
    res = run_alg("exportplanmap", _params(zones, out))
    assert res["OUTPUT"] == str(out) and out.is_file()
    assert res["PAGES"] == 1
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    w_pt, h_pt = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert w_pt / 72 * 25.4 == pytest.approx(420, abs=0.5)  # A3 landscape: 420 x 297 mm
    assert h_pt / 72 * 25.4 == pytest.approx(297, abs=0.5)
    assert re.search(r"Pages:\s+1\b", info)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    # the very characters, not the look-alike Kangxi radicals (⽔ for 水, ⼀ for 一) sharing their glyphs
    assert TITLE in text and SUBTITLE in text
    assert "中（一般） / Medium" in text and "极高（重大） / Very high" in text  # legend labels
    assert not any(0x2E80 <= ord(c) <= 0x2FDF for c in text)
    assert "资料来源：InaSAFE 雅加达样例数据" in text
    assert "2026-11-24" in text
    assert "32748" in text  # the CRS note: WGS 84 / UTM zone 48S for Jakarta at 106.8 E, 6.2 S
    # nothing else in the folder (no temporary pages left)
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


def test_a4_portrait_pdf_page_size(run_alg, zones, tmp_path):
    out = tmp_path / "a4.pdf"
    run_alg("exportplanmap", _params(zones, out, TEMPLATE=3, OVERVIEW=False))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    w_pt, h_pt = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (w_pt / 72 * 25.4, h_pt / 72 * 25.4) == (pytest.approx(210, abs=0.5), pytest.approx(297, abs=0.5))


def test_png_not_blank_and_legend_shows_every_level_colour(run_alg, zones, tmp_path):
    dpi = 90
    out = tmp_path / "flood_zones.png"
    res = run_alg("exportplanmap", _params(zones, out, FORMAT=1, DPI=dpi))
    img = np.asarray(Image.open(res["OUTPUT"]).convert("RGB"))
    assert img.shape[1] == pytest.approx(420 / 25.4 * dpi, abs=2) and img.shape[0] == pytest.approx(297 / 25.4 * dpi, abs=2)
    non_white = (img.min(axis=-1) < 235).mean()
    assert non_white > 0.05 and img.std() > 20  # not a blank page

    levels = sorted(set(read_gdf(zones)["level"]))
    assert levels == [1, 2, 3, 4]
    x, y, w, h = _item_box("a3_landscape.qpt", "legend")
    top = _item_box("a3_landscape.qpt", "overview")[1]  # whole-city map: no overview, the legend moves up
    px = lambda mm: int(round(mm / 25.4 * dpi))  # noqa: E731
    legend = img[px(top):px(y + h), px(x):px(x + w)]
    colours = PALETTES["palettes"]["default"]["levels"]
    for lv in levels:
        assert _has_colour(legend, _hex_rgb(colours[str(lv)])), f"level {lv} colour missing from the legend"
    for lv in (5, 6):  # styled but not on the map: the legend lists only what is visible
        assert not _has_colour(legend, _hex_rgb(colours[str(lv)]), min_count=5)
    mx, my, mw, mh = _item_box("a3_landscape.qpt", "map")
    map_px = img[px(my):px(my + mh), px(mx):px(mx + mw)]
    for lv in levels:
        assert _has_colour(map_px, _hex_rgb(colours[str(lv)]), tol=12)
    assert (tmp_path / "flood_zones.pgw").is_file()  # world file for the PNG


def _pusat():
    kec = read_gdf(GPKG, "kecamatan")
    return kec[kec["KAB_NAME"] == PUSAT].reset_index(drop=True)


def test_atlas_pdf_one_page_per_sub_district(run_alg, zones, tmp_path):
    out = tmp_path / "atlas.pdf"
    res = run_alg("exportplanmap", _params(zones, out, TEMPLATE=2, DPI=72,
                                           COVERAGE=f"{KECAMATAN}|subset=\"KAB_NAME\" = '{PUSAT}'",
                                           COVERAGE_NAME_FIELD="KEC_NAME"))
    expected = len(_pusat())
    assert expected == 8
    assert res["PAGES"] == expected
    info = subprocess.run(["pdfinfo", res["OUTPUT"]], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == expected
    text = subprocess.run(["pdftotext", res["OUTPUT"], "-"], capture_output=True, text=True, check=True).stdout
    for name in _pusat()["KEC_NAME"]:
        assert name in text  # each page names its sub-district


def test_atlas_png_pages_each_contain_their_feature(run_alg, zones, tmp_path):
    dpi = 40
    out = tmp_path / "pusat.png"
    res = run_alg("exportplanmap", _params(zones, out, TEMPLATE=2, FORMAT=1, DPI=dpi,
                                           COVERAGE=f"{KECAMATAN}|subset=\"KAB_NAME\" = '{PUSAT}'",
                                           COVERAGE_NAME_FIELD="KEC_NAME"))
    pusat = _pusat()
    files = res["FILES"].split(";")
    assert len(files) == len(pusat)
    # The map is drawn in UTM 48S (Jakarta); the world file georeferences each page image.
    to_utm = Transformer.from_crs(4326, 32748, always_xy=True)
    mx, my, mw, mh = _item_box("a4_landscape.qpt", "map")
    for name, geom in zip(pusat["KEC_NAME"], pusat.geometry):
        png = tmp_path / f"pusat_{name.replace(' ', '_')}.png"
        assert str(png) in files
        a, _, _, e, c, f = [float(v) for v in png.with_suffix(".pgw").read_text().split()]
        col = lambda mm: mm / 25.4 * dpi  # noqa: E731
        x0, x1 = c + a * col(mx), c + a * col(mx + mw)
        y0, y1 = f + e * col(my + mh), f + e * col(my)
        utm = shapely.transform(geom, lambda xy: np.column_stack(to_utm.transform(xy[:, 0], xy[:, 1])))
        bx0, by0, bx1, by1 = utm.bounds
        assert x0 <= bx0 and bx1 <= x1 and y0 <= by0 and by1 <= y1, name
        # zoomed to the feature, not to the whole city
        assert max((bx1 - bx0) / (x1 - x0), (by1 - by0) / (y1 - y0)) > 0.6, name


# --- bad input: a clear message, and nothing written -----------------------------------------------
def _fails(run_alg, params, pattern):
    with pytest.raises(QgsProcessingException, match=pattern):
        run_alg("exportplanmap", params)


def test_missing_template_file(run_alg, zones, tmp_path):
    out = tmp_path / "out" / "map.pdf"
    _fails(run_alg, _params(zones, out, TEMPLATE_FILE=str(tmp_path / "nowhere.qpt")), "does not exist")
    assert not out.exists()


def test_template_that_is_not_a_layout(run_alg, zones, tmp_path):
    bad = tmp_path / "style.qpt"
    bad.write_text((REPO / "resources" / "styles" / "hazard_level.qml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out" / "map.pdf"
    _fails(run_alg, _params(zones, out, TEMPLATE_FILE=str(bad)), "is not a QGIS layout template")
    assert not out.exists()
    garbage = tmp_path / "garbage.qpt"
    garbage.write_bytes(b"\x00\x01 not xml")
    _fails(run_alg, _params(zones, out, TEMPLATE_FILE=str(garbage)), "is not a QGIS layout template")


def test_empty_layer_list(run_alg, zones, tmp_path):
    out = tmp_path / "map.pdf"
    _fails(run_alg, _params(zones, out, LAYERS=[]), "LAYERS is empty")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("dpi", [0, -10, 1201, 5000])
def test_bad_dpi(run_alg, zones, tmp_path, dpi):
    out = tmp_path / "map.png"
    _fails(run_alg, _params(zones, out, FORMAT=1, DPI=dpi), "DPI must be between 1 and 1200")
    assert list(tmp_path.iterdir()) == []


def test_output_folder_that_cannot_be_created(run_alg, zones, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    _fails(run_alg, _params(zones, blocker / "map.pdf"), "cannot be created")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file"]


def test_output_folder_not_writable(run_alg, zones):
    # /proc refuses new files even for root (tests may run as root, where chmod does not stop writing).
    _fails(run_alg, _params(zones, "/proc/plan_map.pdf"), "is not writable")


def test_missing_coverage_field(run_alg, zones, tmp_path):
    out = tmp_path / "atlas.pdf"
    _fails(run_alg, _params(zones, out, COVERAGE=KECAMATAN, COVERAGE_NAME_FIELD="NAMA_KEC"), "has no field 'NAMA_KEC'")
    assert list(tmp_path.iterdir()) == []


def test_svg_keeps_real_text(run_alg, zones, tmp_path):
    out = tmp_path / "map.svg"
    run_alg("exportplanmap", _params(zones, out, TEMPLATE=2, FORMAT=2, DPI=96))
    svg = out.read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    texts = "".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert TITLE in texts and "kecamatan" in texts  # the GeoPackage layer is named after its table in the legend


def test_cancelled_export_leaves_nothing(run_alg, zones, tmp_path):
    from qgis.core import QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("exportplanmap", _params(zones, tmp_path / "map.pdf"), feedback=feedback)
    assert list(tmp_path.iterdir()) == []


def test_extent_parameter_sets_the_map_extent(run_alg, zones, tmp_path):
    dpi = 40
    lon0, lon1, lat0, lat1 = 106.80, 106.85, -6.20, -6.15
    out = tmp_path / "detail.png"
    run_alg("exportplanmap", _params(zones, out, FORMAT=1, DPI=dpi, EXTENT=f"{lon0},{lon1},{lat0},{lat1} [EPSG:4326]"))
    a, _, _, e, c, f = [float(v) for v in out.with_suffix(".pgw").read_text().split()]
    mx, my, mw, mh = _item_box("a3_landscape.qpt", "map")
    col = lambda mm: mm / 25.4 * dpi  # noqa: E731
    x0, x1, y0, y1 = c + a * col(mx), c + a * col(mx + mw), f + e * col(my + mh), f + e * col(my)
    xs, ys = Transformer.from_crs(4326, 32748, always_xy=True).transform([lon0, lon1, lon1, lon0], [lat0, lat0, lat1, lat1])
    tol = abs(a)  # one pixel
    assert x0 - tol <= min(xs) and max(xs) <= x1 + tol and y0 - tol <= min(ys) and max(ys) <= y1 + tol
    # the map shows the requested area, grown only to the map's aspect ratio
    assert max((max(xs) - min(xs)) / (x1 - x0), (max(ys) - min(ys)) / (y1 - y0)) > 0.97


def test_user_template_with_plan_variables(run_alg, zones, tmp_path):
    from qgis.core import (
        QgsLayoutItemLabel,
        QgsLayoutItemMap,
        QgsLayoutPoint,
        QgsLayoutSize,
        QgsPrintLayout,
        QgsProject,
        QgsReadWriteContext,
        QgsUnitTypes,
    )

    mm = QgsUnitTypes.LayoutUnit.LayoutMillimeters
    layout = QgsPrintLayout(QgsProject.instance())
    layout.initializeDefaults()  # one A4 landscape page
    the_map = QgsLayoutItemMap(layout)  # no id: the first map item is used
    layout.addLayoutItem(the_map)
    the_map.attemptMove(QgsLayoutPoint(10, 30, mm))
    the_map.attemptResize(QgsLayoutSize(200, 150, mm))
    label = QgsLayoutItemLabel(layout)
    label.setText("[% @plan_title %] | [% @plan_date %]")
    layout.addLayoutItem(label)
    label.attemptMove(QgsLayoutPoint(10, 5, mm))
    label.attemptResize(QgsLayoutSize(250, 15, mm))
    template = tmp_path / "mine.qpt"
    assert layout.saveAsTemplate(str(template), QgsReadWriteContext())
    out = tmp_path / "out" / "mine.pdf"
    res = run_alg("exportplanmap", _params(zones, out, TEMPLATE_FILE=str(template), TITLE="Banjir Jakarta"))
    text = subprocess.run(["pdftotext", res["OUTPUT"], "-"], capture_output=True, text=True, check=True).stdout
    assert "Banjir Jakarta | 2026-11-24" in text
    info = subprocess.run(["pdfinfo", res["OUTPUT"]], capture_output=True, text=True, check=True).stdout
    w_pt, h_pt = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (w_pt / 72 * 25.4, h_pt / 72 * 25.4) == (pytest.approx(297, abs=0.5), pytest.approx(210, abs=0.5))


def test_atlas_one_pdf_per_feature(run_alg, zones, tmp_path):
    out = tmp_path / "districts.pdf"
    res = run_alg("exportplanmap", _params(zones, out, TEMPLATE=3, DPI=72, SINGLE_FILE=False, OVERVIEW=False,
                                           COVERAGE=f"{KECAMATAN}|subset=\"KAB_NAME\" = '{PUSAT}'",
                                           COVERAGE_NAME_FIELD="KEC_NAME"))
    names = sorted(f"districts_{n.replace(' ', '_')}.pdf" for n in _pusat()["KEC_NAME"])
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    assert sorted(Path(f).name for f in res["FILES"].split(";")) == names
    for name in names:
        info = subprocess.run(["pdfinfo", str(tmp_path / name)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"Pages:\s+1\b", info)


def test_hazard_raster_from_a_file_gets_a_colour_ramp(run_alg, tmp_path):
    dpi = 40
    out = tmp_path / "depth.png"
    run_alg("exportplanmap", _params(None, out, LAYERS=[KECAMATAN, str(SAMPLE / "flood_design_depth.tif")], FORMAT=1,
                                     DPI=dpi, OVERVIEW=False))
    img = np.asarray(Image.open(out).convert("RGB")).astype(int)
    mx, my, mw, mh = _item_box("a3_landscape.qpt", "map")
    px = lambda mm: int(round(mm / 25.4 * dpi))  # noqa: E731
    inner = img[px(my) + 2:px(my + mh) - 2, px(mx) + 2:px(mx + mw) - 2]
    assert (inner.max(axis=-1) < 40).mean() < 0.01  # dry cells (depth 0) are transparent, not black
    darkest = 0.85 * _hex_rgb("#800026") + 0.15 * 255  # the ramp's top colour at 85 % opacity on white
    assert _has_colour(inner, darkest, tol=10)


def test_failed_atlas_leaves_no_new_folder(run_alg, zones, tmp_path):
    out = tmp_path / "new" / "deeper" / "atlas.pdf"
    _fails(run_alg, _params(zones, out, COVERAGE=KECAMATAN, COVERAGE_NAME_FIELD="NOPE"), "has no field 'NOPE'")
    assert list(tmp_path.iterdir()) == []


def test_missing_output_folders_are_created(run_alg, zones, tmp_path):
    out = tmp_path / "new" / "deeper" / "map.png"
    res = run_alg("exportplanmap", _params(zones, out, FORMAT=1, DPI=20))
    assert res["OUTPUT"] == str(out) and out.is_file()


def test_empty_layer_gives_a_clear_message(run_alg, tmp_path):
    empty = tmp_path / "empty.gpkg"
    from osgeo import ogr, osr

    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(empty))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32748)
    ds.CreateLayer("nothing", srs, ogr.wkbPolygon).CreateField(ogr.FieldDefn("level", ogr.OFTInteger))
    ds = None
    out = tmp_path / "out" / "map.pdf"
    _fails(run_alg, _params(None, out, LAYERS=[str(empty)]), "nothing to show")
    assert not (tmp_path / "out").exists()
