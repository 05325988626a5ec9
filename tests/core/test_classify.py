"""Core classification: parsing, level rules, raster and polygon zoning on hand-checkable data."""

import numpy as np
import pytest
import shapely
from osgeo import gdal

from resilience_plugin.core import classify
from resilience_plugin.core import raster as raster_mod
from resilience_plugin.core.errors import InputError
from tests import helpers


def test_parse_thresholds():
    assert classify.parse_thresholds(" 0.1, 0.5,1 ,2").tolist() == [0.1, 0.5, 1.0, 2.0]
    assert classify.parse_thresholds("0.1；0.5").tolist() == [0.1, 0.5]  # full-width separator


@pytest.mark.parametrize("text, needle", [("0.5,0.1", "strictly ascending"), ("0.1,0.1", "strictly ascending"),
                                          ("0.1,abc", "'abc' is not a number"), ("1,inf", "not a finite")])
def test_parse_thresholds_rejects(text, needle):
    with pytest.raises(InputError, match=needle):
        classify.parse_thresholds(text)


def test_parse_value_map_normalises_keys():
    m = classify.parse_value_map(" YES :1; no:0 ;极高易发:4；3.0:2")
    assert m == {"yes": 1, "no": 0, "极高易发": 4, "3": 2}


@pytest.mark.parametrize("text, needle", [("YES", "value:level"), ("YES:one", "whole number"), ("A:-1", "levels go from 0")])
def test_parse_value_map_rejects(text, needle):
    with pytest.raises(InputError, match=needle):
        classify.parse_value_map(text)


def test_continuous_levels_follow_the_threshold_rule():
    values = [0.05, 0.1, 0.49, 0.5, 1.99, 2.0, 7.0, np.nan]
    # value < t1 -> 0; t1 <= value < t2 -> 1; ... ; value >= tn -> n; NaN -> -1
    assert classify.classify_continuous(values, [0.1, 0.5, 1.0, 2.0]).tolist() == [0, 1, 1, 2, 3, 4, 4, -1]


def test_categorical_levels_ignore_case_spaces_and_number_format():
    m = classify.parse_value_map("YES:1;NO:0;2:3")
    assert classify.classify_categorical(["yes", " No ", "maybe", None, 2.0, "2"], m).tolist() == [1, 0, -1, -1, 3, 3]


def _write_grid(path, values, epsg=32748, cell=10.0, nodata=-9999.0):
    return helpers.write_raster(path, values, (700000.0, cell, 0, 9300000.0, 0, -cell), epsg, nodata, gdal.GDT_Float32)

def test_raster_zones_hand_checked(tmp_path):
    grid = np.array([[0.0, 0.2, 0.2, 3.0],
                     [0.0, 0.6, 0.7, 3.0],
                     [-9999, 0.0, 0.7, 0.2],
                     [0.0, 0.0, 0.0, 0.2]], dtype=np.float32)
    path = _write_grid(tmp_path / "depth.tif", grid)
    zones, report = classify.classify_raster(path, thresholds=classify.parse_thresholds("0.1,0.5,1.0"), hazard="flood")
    # level 1: 0.2 x4 cells, level 2: 0.6/0.7/0.7, level 3: 3.0 x2; 10 m cells = 100 m2 each
    assert zones["level"].tolist() == [1, 2, 3]
    assert zones["area_m2"].tolist() == pytest.approx([400.0, 300.0, 200.0])
    assert zones["value_min"].tolist() == pytest.approx([0.2, 0.6, 3.0])
    assert zones["value_max"].tolist() == pytest.approx([0.2, 0.7, 3.0])
    assert report["nodata_cells"] == 1
    assert report["cells"] == {0: 6, 1: 4, 2: 3, 3: 2}
    assert (zones["hazard"] == "flood").all()
    # one multipolygon per level, the two level-1 patches (top row, right column) are separate parts
    assert shapely.get_num_geometries(zones.loc[0, "geometry"]) == 2


def test_raster_keep_level_0(tmp_path):
    grid = np.array([[0.0, 0.2], [0.0, 0.0]], dtype=np.float32)
    zones, _ = classify.classify_raster(_write_grid(tmp_path / "d.tif", grid), thresholds=[0.1], keep_level_0=True)
    assert zones["level"].tolist() == [0, 1]
    assert zones["area_m2"].tolist() == pytest.approx([300.0, 100.0])


def test_raster_band_that_does_not_exist(tmp_path):
    path = _write_grid(tmp_path / "d.tif", np.zeros((2, 2), dtype=np.float32))
    with pytest.raises(InputError, match="band 3 does not exist"):
        classify.classify_raster(path, band=3, thresholds=[0.1])


def test_polygon_zones_dissolve_per_level():
    # in UTM 48S near Jakarta (x 700 km, y 9300 km), where the CRS is reused for measuring
    boxes = np.array([shapely.box(0, 0, 100, 100), shapely.box(50, 0, 150, 100),  # overlap: union 15000 m2
                      shapely.box(200, 0, 300, 100), shapely.box(400, 0, 410, 10)])
    boxes = shapely.transform(boxes, lambda xy: xy + [700000.0, 9300000.0])
    zones, report = classify.classify_polygons(boxes, ["YES", "yes ", "NO", None], "EPSG:32748", hazard="f",
                                               value_map=classify.parse_value_map("YES:1;NO:0"))
    assert zones["level"].tolist() == [1]
    assert zones["area_m2"].tolist() == pytest.approx([15000.0], rel=1e-3)
    assert report["null_values"] == 1


def test_polygon_value_map_matching_nothing_is_an_error():
    with pytest.raises(InputError, match="matches none"):
        classify.classify_polygons(np.array([shapely.box(0, 0, 1, 1)]), ["maybe"], "EPSG:32748",
                                   value_map={"yes": 1})


def test_booleans_match_a_yes_no_value_map():
    # QGIS 3.40's delimited-text reader turns a YES/NO column into booleans
    from resilience_plugin.core.classify import classify_categorical, parse_value_map

    levels = classify_categorical([True, False, None, True], parse_value_map("YES:1;NO:0"))
    assert levels.tolist() == [1, 0, -1, 1]
    assert classify_categorical([True, False], parse_value_map("是:2;否:0")).tolist() == [2, 0]
    assert classify_categorical(["yes", "NO"], parse_value_map("YES:1;NO:0")).tolist() == [1, 0]


@pytest.mark.parametrize("n_thresholds", [3, 40])  # few levels: masked reductions; many: one sort per strip
def test_raster_value_min_max_per_level_over_strips(tmp_path, monkeypatch, n_thresholds):
    rng = np.random.default_rng(5)
    grid = rng.uniform(0, 10, (60, 50)).astype(np.float32)
    grid[rng.uniform(size=grid.shape) < 0.1] = -9999.0
    path = _write_grid(tmp_path / "v.tif", grid)
    thresholds = np.linspace(1, 9, n_thresholds)
    monkeypatch.setattr(classify, "iter_blocks", lambda ds, band: raster_mod.iter_blocks(ds, band, rows_per_block=7))
    zones, _ = classify.classify_raster(path, thresholds=thresholds)
    # expected by hand, cell by cell in plain Python (independent of numpy's level rule)
    expected = {}
    for v in grid[grid != -9999.0].astype(float).tolist():
        level = sum(v >= t for t in thresholds)
        if level > 0:
            lo, hi = expected.get(level, (v, v))
            expected[level] = (min(lo, v), max(hi, v))
    assert zones["level"].tolist() == sorted(expected)
    assert zones["value_min"].tolist() == [expected[k][0] for k in sorted(expected)]
    assert zones["value_max"].tolist() == [expected[k][1] for k in sorted(expected)]
