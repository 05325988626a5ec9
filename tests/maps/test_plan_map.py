"""PlanMap (maps/export.py) used directly: a crowded legend is shrunk to fit its box."""

from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsGeometry, QgsPointXY, QgsRectangle, QgsVectorLayer

from resilience_plugin.maps import layout as lay
from resilience_plugin.maps.export import PlanMap, read_template
from resilience_plugin.maps.styles import apply_named_style


def _layer(geometry, field, values, style):
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:32748&field={field}", style, "memory")
    feats = []
    for i, v in enumerate(values):
        f = QgsFeature(layer.fields())
        f.setAttributes([v])
        x0, y0 = 700000 + 300 * i, 9300000
        if geometry == "Polygon":
            f.setGeometry(QgsGeometry.fromRect(QgsRectangle(x0, y0, x0 + 250, y0 + 250)))
        elif geometry == "LineString":
            f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x0, y0 + 400), QgsPointXY(x0 + 250, y0 + 600)]))
        else:
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x0 + 100, y0 + 800)))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    ok, message = apply_named_style(layer, style)
    assert ok, message
    return layer


def test_crowded_legend_is_shrunk_into_its_box(qgis_app):
    layers = [
        _layer("Point", "covered:boolean", [True, False, True], "coverage_demand"),
        _layer("LineString", "isolated_persons:double", [0, 50, 500, 5000, 20000], "criticality_links"),
        _layer("Polygon", "level:integer", [0, 1, 2, 3, 4, 5, 6], "exposure_level"),
        _layer("LineString", "p_fail:double", [0.05, 0.2, 0.4, 0.7, 0.9], "lifeline_pfail"),
    ]
    plan = PlanMap(read_template(lay.template_path(3)))  # A4 portrait: the smallest legend box
    plan.add_layers(layers)
    plan.fill(QgsCoordinateReferenceSystem("EPSG:32748"), title="t")
    legend = plan.item(lay.ITEM_LEGEND)
    box = legend.sizeWithUnits()
    width, height = plan.legend_size(legend)
    assert height <= box.height() + 0.01 and (width <= box.width() + 0.01 or legend.columnCount() == 2)
    # 22 legend entries do not fit at full size on A4 portrait: the text was made smaller
    label_size = lay.legend_font_size(legend, lay.LEGEND_STYLES[-1][0])
    assert label_size < 9 * 0.8
