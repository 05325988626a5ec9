"""The hazard class editor: bad breaks are refused with a message, the area per class follows the breaks.

Expected areas are computed here from the raster cells (GDAL + pyproj.Geod, the ellipsoidal area of each
cell row), independently of the editor's spherical cell areas."""

import numpy as np
import pytest
from pyproj import Geod

from tests.conftest import SAMPLE
from tests.helpers import read_gdf, read_raster


@pytest.fixture()
def depth_layer(qgis_app):
    from qgis.core import QgsRasterLayer

    layer = QgsRasterLayer(str(SAMPLE / "flood_current_depth.tif"), "depth")
    assert layer.isValid()
    return layer


@pytest.fixture()
def rw_layer(qgis_app):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{SAMPLE / 'jakarta.gpkg'}|layername=kelurahan", "kelurahan", "ogr")
    assert layer.isValid()
    return layer


def cell_areas(path):
    values, gt, _ = read_raster(path)
    geod = Geod(ellps="WGS84")
    rows = []
    for r in range(values.shape[0]):
        y0 = gt[3] + r * gt[5]
        lons = [gt[0], gt[0] + gt[1], gt[0] + gt[1], gt[0]]
        lats = [y0, y0, y0 + gt[5], y0 + gt[5]]
        rows.append(abs(geod.polygon_area_perimeter(lons, lats)[0]))
    return values, np.repeat(np.array(rows)[:, None], values.shape[1], axis=1)


def test_area_per_class_follows_the_breaks(depth_layer):
    from resilience_plugin.gui.hazard_class_editor import HazardClassEditor

    dialog = HazardClassEditor(depth_layer, thresholds="0.1,0.5,1.0,2.0")
    values, areas = cell_areas(SAMPLE / "flood_current_depth.tif")
    finite = np.isfinite(values)
    for text, breaks in (("0.1,0.5,1.0,2.0", [0.1, 0.5, 1.0, 2.0]), ("0.3, 1.5", [0.3, 1.5])):
        dialog.breaks.setText(text)
        assert dialog.thresholds() == text and dialog.message.isHidden()
        edges = [-np.inf, *breaks, np.inf]
        assert dialog.table.rowCount() == len(breaks) + 1
        for level, row in enumerate(dialog.rows):
            inside = finite & (values >= edges[level]) & (values < edges[level + 1])
            assert row["count"] == int(inside.sum())
            assert row["weight"] == pytest.approx(areas[inside].sum(), rel=0.005)  # sphere vs ellipsoid
            shown = float(dialog.table.item(level, 2).text().replace(",", ""))
            assert shown == pytest.approx(areas[inside].sum() / 1e6, rel=0.005, abs=0.001)
    # The histogram is drawn with the breaks on it, from the smallest value to the 99.5th percentile.
    assert dialog.histogram.breaks == [0.3, 1.5]
    assert dialog.histogram.edges[0] == pytest.approx(np.nanmin(values))
    assert dialog.histogram.edges[-1] == pytest.approx(np.quantile(values[finite], 0.995))
    assert dialog.histogram.counts.sum() == pytest.approx(areas[finite].sum(), rel=0.005)  # weighted by area


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0.5,0.1", "Thresholds must be strictly ascending"),
        ("0.1,abc", "Threshold 'abc' is not a number"),
        ("", "Give at least one class break"),
        ("0.1,0.1", "strictly ascending"),
    ],
)
def test_bad_breaks_are_refused_with_a_message(depth_layer, text, message):
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    from resilience_plugin.gui.hazard_class_editor import HazardClassEditor

    dialog = HazardClassEditor(depth_layer, thresholds="0.1,0.5")
    dialog.breaks.setText(text)
    assert message in dialog.message.text() and not dialog.message.isHidden()
    assert dialog.thresholds() is None
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.breaks.setText("0.1,0.5")
    assert dialog.thresholds() == "0.1,0.5"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_preset_fills_in_its_breaks(depth_layer):
    from resilience_plugin.gui.hazard_class_editor import HazardClassEditor

    dialog = HazardClassEditor(depth_layer)
    index = next(i for i in range(dialog.preset.count()) if "Flood depth" in dialog.preset.itemText(i))
    dialog.preset.setCurrentIndex(index)
    assert dialog.breaks.text() == "0.15,0.5,1,2"
    assert [r["lower"] for r in dialog.rows[1:]] == [0.15, 0.5, 1.0, 2.0]


def test_polygons_weighted_by_their_area(rw_layer):
    """A numeric field of polygons: the area per class is the ellipsoidal area of the polygons."""
    import geopandas as gpd

    from resilience_plugin.gui.hazard_class_editor import HazardClassEditor

    gdf = read_gdf(SAMPLE / "jakarta.gpkg", "kelurahan")
    field = next(c for c in gdf.columns if c not in ("fid", "geometry") and np.issubdtype(gdf[c].dtype, np.number))
    values = gdf[field].astype(float).to_numpy()
    cut = float(np.nanmedian(values))
    dialog = HazardClassEditor(rw_layer, field=field, thresholds=f"{cut:g}")
    geod = Geod(ellps="WGS84")
    areas = np.array([abs(geod.geometry_area_perimeter(g)[0]) for g in gpd.GeoSeries(gdf.geometry, crs=gdf.crs)])
    below = values < float(f"{cut:g}")
    assert dialog.rows[0]["weight"] == pytest.approx(areas[below].sum(), rel=1e-3)
    assert dialog.rows[1]["weight"] == pytest.approx(areas[~below].sum(), rel=1e-3)


def test_the_hazard_row_opens_the_editor_on_its_layer(qgis_iface, provider, depth_layer):
    from qgis.core import QgsProject

    from resilience_plugin.gui.workbench.dock import HazardRow
    from resilience_plugin.gui.workbench.study import HazardSource

    QgsProject.instance().addMapLayer(depth_layer, False)
    try:
        row = HazardRow()
        row.set(HazardSource(layer=depth_layer.id(), thresholds="0.2,0.8"))
        dialog = row.class_editor()
        assert dialog.breaks.text() == "0.2,0.8" and [r["lower"] for r in dialog.rows[1:]] == [0.2, 0.8]
    finally:
        QgsProject.instance().removeMapLayer(depth_layer.id())
