"""resilience:applystyle: the right style by output type, palettes and legend languages."""

import json

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsSymbol,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from tests.conftest import REPO

PALETTES = json.loads((REPO / "resources" / "standards" / "palettes.json").read_text(encoding="utf-8"))
LEVEL_LABELS = PALETTES["level_labels"]


def _memory_layer(geometry, fields, rows, name):
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:4326&" + "&".join(f"field={f}" for f in fields), name, "memory")
    feats = []
    for i, values in enumerate(rows):
        f = QgsFeature(layer.fields())
        f.setAttributes(list(values))
        if geometry == "Polygon":
            f.setGeometry(QgsGeometry.fromRect(_rect(i)))
        elif geometry == "LineString":
            f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(i, 0), QgsPointXY(i + 1, 1)]))
        else:
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(i, i)))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    QgsProject.instance().addMapLayer(layer)
    return layer


def _rect(i):
    from qgis.core import QgsRectangle

    return QgsRectangle(i, 0, i + 1, 1)


@pytest.fixture()
def zones_layer(qgis_app):
    layer = _memory_layer("Polygon", ["hazard:string", "level:integer"], [("flood", lv) for lv in range(5)], "zones")
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


@pytest.fixture()
def pfail_layer(qgis_app):
    layer = _memory_layer("LineString", ["p_fail:double"], [(0.05,), (0.2,), (0.4,), (0.7,), (0.95,)], "pipes")
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


@pytest.fixture()
def plain_layer(qgis_app):
    layer = _memory_layer("Point", ["name:string"], [("a",)], "plain")
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


def _categories(layer):
    return {str(c.value()): (c.symbol().color().name(), c.label()) for c in layer.renderer().categories()}


def test_detects_hazard_levels_and_applies_the_default_palette(run_alg, zones_layer):
    res = run_alg("applystyle", {"INPUT": zones_layer.id(), "STYLE": 0})
    assert res["OUTPUT"] == zones_layer.id()
    renderer = zones_layer.renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "level"
    cats = _categories(zones_layer)
    assert sorted(cats) == ["0", "1", "2", "3", "4"]  # only the levels present are listed
    for lv in cats:
        colour = PALETTES["palettes"]["default"]["levels"][lv]
        assert cats[lv][0] == QColor(colour).name()
        assert cats[lv][1] == f"{LEVEL_LABELS[lv]['zh']} / {LEVEL_LABELS[lv]['en']}"
    # the red / orange / yellow / blue convention: level 4 is red, 1 blue
    assert QColor(cats["4"][0]).red() > 200 and QColor(cats["4"][0]).blue() < 80
    assert QColor(cats["1"][0]).blue() > QColor(cats["1"][0]).red()
    # every feature gets a symbol
    for f in zones_layer.getFeatures():
        assert str(f["level"]) in cats


def test_colour_blind_palette_and_english_labels(run_alg, zones_layer):
    run_alg("applystyle", {"INPUT": zones_layer.id(), "STYLE": 1, "PALETTE": 1, "LABELS": 3})
    cats = _categories(zones_layer)
    assert sorted(cats) == ["0", "1", "2", "3", "4"]
    for lv in cats:
        colour = PALETTES["palettes"]["colourblind"]["levels"][lv]
        assert cats[lv] == (QColor(colour).name(), LEVEL_LABELS[lv]["en"])


def test_chinese_labels(run_alg, zones_layer):
    run_alg("applystyle", {"INPUT": zones_layer.id(), "LABELS": 2})
    assert {k: v[1] for k, v in _categories(zones_layer).items()} == {str(k): LEVEL_LABELS[str(k)]["zh"] for k in range(5)}


def test_failure_probability_lines_are_graduated(run_alg, pfail_layer):
    run_alg("applystyle", {"INPUT": pfail_layer.id()})
    renderer = pfail_layer.renderer()
    assert renderer.type() == "graduatedSymbol" and renderer.classAttribute() == "p_fail"
    classes = PALETTES["classes"]["p_fail"]
    ranges = renderer.ranges()
    assert [(r.lowerValue(), r.upperValue()) for r in ranges] == [(c["min"], c["max"]) for c in classes]
    assert [r.symbol().color().name() for r in ranges] == PALETTES["palettes"]["default"]["ramp_5"]
    # each of the five features falls in its own class, in order
    for f, r in zip(pfail_layer.getFeatures(), ranges):
        assert r.lowerValue() <= f["p_fail"] < r.upperValue()


def test_layer_without_known_fields_is_refused(run_alg, plain_layer):
    with pytest.raises(QgsProcessingException, match="No plan-map style fits the layer 'plain'"):
        run_alg("applystyle", {"INPUT": plain_layer.id(), "STYLE": 0})
    assert plain_layer.renderer().type() == "singleSymbol"  # left as it was


def test_style_without_a_file_for_the_geometry_is_refused(run_alg, plain_layer):
    # service_area exists for polygons only
    with pytest.raises(QgsProcessingException, match="has no file for point layers"):
        run_alg("applystyle", {"INPUT": plain_layer.id(), "STYLE": 6})


def test_layer_given_as_a_path_is_loaded_with_the_style(provider, tmp_path):
    import processing
    from osgeo import ogr, osr
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    path = tmp_path / "pipes.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("pipes", srs, ogr.wkbLineString)
    lyr.CreateField(ogr.FieldDefn("max_level", ogr.OFTInteger))
    for i, lv in enumerate([1, 3]):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("max_level", lv)
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"LINESTRING ({i} 0, {i + 1} 1)"))
        lyr.CreateFeature(f)
    ds = None
    before = path.read_bytes()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    res = processing.run("resilience:applystyle", {"INPUT": str(path)}, context=context, feedback=feedback)
    layer = res["OUTPUT"]  # processing.run hands back the layer itself
    assert context.willLoadLayerOnCompletion(layer.id())
    renderer = layer.renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "max_level"
    assert sorted(int(c.value()) for c in renderer.categories()) == [1, 3]
    # the post-processor QGIS runs once the layer is in the project applies the style again
    layer.setRenderer(QgsSingleSymbolRenderer(QgsSymbol.defaultSymbol(layer.geometryType())))
    details = context.layerToLoadOnCompletionDetails(layer.id())
    details.postProcessor().postProcessLayer(layer, context, feedback)
    assert layer.renderer().type() == "categorizedSymbol"
    assert path.read_bytes() == before  # the data file is not modified
