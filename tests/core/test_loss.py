"""Depth-damage curves, building depths, loss and expected annual damage (core, no QGIS)."""

import numpy as np
import pytest
import shapely

from resilience_plugin.core import loss
from resilience_plugin.core.errors import InputError
from tests.helpers import write_raster


def test_shipped_curves_load_and_interpolate_by_hand():
    curves = loss.load_curves("jrc_asia")
    assert set(curves) == {"residential", "commercial", "industrial", "public"}
    d, f = curves["residential"]
    # by hand: 0.75 m lies half-way between 0.5 m (0.33) and 1.0 m (0.49)
    got = loss.damage_factor([-1.0, 0.0, 0.75, 2.5, 7.0, np.nan], d, f)
    assert got == pytest.approx([0.0, 0.0, 0.41, 0.795, 1.0, 0.0])
    assert np.array_equal(curves["public"][1], curves["commercial"][1])  # same_as


def test_bad_curves_are_refused():
    with pytest.raises(InputError, match="not monotone.*0.5 at 1 m to 0.4 at 2 m"):
        loss.check_curve("x", [0, 1, 2], [0, 0.5, 0.4])
    with pytest.raises(InputError, match="damage factor of 1.2"):
        loss.check_curve("x", [0, 1, 2], [0, 0.5, 1.2])
    with pytest.raises(InputError, match="must increase strictly"):
        loss.check_curve("x", [0, 1, 1], [0, 0.5, 0.6])
    std = {"curve_sets": {"s": {"depth_m": [0, 1], "classes": {"a": {"same_as": "b"}, "b": {"same_as": "a"}}}}}
    with pytest.raises(InputError, match="refers to"):
        loss.load_curves("s", std)


def test_expected_annual_damage_by_hand():
    # p = 0.1, 0.02, 0.01: 0.08 * (100 + 500) / 2 + 0.01 * (500 + 800) / 2 = 24 + 6.5
    assert loss.expected_annual_damage([10, 50, 100], [100.0, 500.0, 800.0]) == pytest.approx(30.5)
    # with no damage at T0 = 2 years: + (0.5 - 0.1) * (0 + 100) / 2 = 20
    assert loss.expected_annual_damage([10, 50, 100], [100.0, 500.0, 800.0], no_damage_period=2) == pytest.approx(50.5)
    both = loss.expected_annual_damage([10, 50, 100], np.array([[100.0, 0.0], [500.0, 10.0], [800.0, 20.0]]))
    assert both == pytest.approx([30.5, 0.08 * 5 + 0.01 * 15])


def test_return_periods_must_increase():
    assert list(loss.parse_return_periods("10, 100", 2)) == [10, 100]
    with pytest.raises(InputError, match="increase strictly.*100, 10"):
        loss.parse_return_periods("100,10", 2)
    with pytest.raises(InputError, match="one return period per depth raster"):
        loss.parse_return_periods("10", 2)
    with pytest.raises(InputError, match="numbers of years"):
        loss.parse_return_periods("ten,100", 2)


def test_text_in_a_value_field_is_refused():
    assert np.allclose(loss.numeric_values(["2", 3, None, " "], "LEVELS", "b"), [2, 3, np.nan, np.nan], equal_nan=True)
    with pytest.raises(InputError, match="'LEVELS' of buildings holds text.*2 feature.*'10\\+'"):
        loss.numeric_values(["2", "10+", "fix me"], "LEVELS", "buildings")


def test_floor_values_from_text():
    values = ["3", "4-7", " 4 - 7 ", "10+", ">7", "≥ 3", "7–9", "2,5", "fix me", None, "", 2, "inf"]
    floors, read = loss.floor_values(values)
    want = [3, 5.5, 5.5, 10, 7, 3, 8, 2.5, np.nan, np.nan, np.nan, 2, np.nan]
    assert np.allclose(floors, want, equal_nan=True)
    assert (read.ranges, read.bounds, read.text) == (3, 3, 2)
    assert read.examples["ranges"] == ["4-7", "4 - 7", "7–9"] and read.examples["bounds"] == ["10+", ">7", "≥ 3"]
    assert read.examples["text"] == ["fix me", "inf"]


def test_classes_from_aliases():
    aliases = loss.class_aliases()
    got, n_other, other = loss.assign_classes(
        ["Residential", " SCHOOL", "Commercial", "barn", None],
        ["residential", "commercial", "industrial", "public"],
        "residential",
        aliases,
    )
    assert list(got) == ["residential", "public", "commercial", "residential", "residential"]
    assert n_other == 2 and other == ["barn"]


def test_building_depths_by_hand(tmp_path):
    # 3 x 3 cells of 10 m, top-left corner (1000, 2000), EPSG:32748
    values = np.array([[1.0, 2.0, 0.0], [3.0, -9999.0, 0.5], [0.0, 0.0, 4.0]])
    path = write_raster(tmp_path / "d.tif", values, (1000, 10, 0, 2000, 0, -10))
    a = shapely.box(1000, 1990, 1015, 2000)  # cell (0,0) whole, half of (0,1)
    b = shapely.box(1010, 1980, 1020, 1990)  # exactly the nodata cell (1,1): dry
    c = shapely.box(1020, 1970, 1030, 1980)  # cell (2,2) only; touches (1,2) and (2,1) along edges
    d = shapely.box(2000, 3000, 2010, 3010)  # off the raster
    e = shapely.box(1012, 1992, 1018, 1998)  # inside cell (0,1) only
    f = shapely.box(1025, 1975, 1035, 1985)  # a quarter in each of cells (1,2) and (2,2), half off the raster
    geoms = np.array([a, b, c, d, e, f], dtype=object)
    mean = loss.building_depths(geoms, "EPSG:32748", path, loss.AREA_WEIGHTED)
    assert mean.depth == pytest.approx([(1.0 * 100 + 2.0 * 50) / 150, 0.0, 4.0, 0.0, 2.0, (0.5 * 25 + 4.0 * 25) / 100])
    assert (mean.outside, mean.partly) == (1, 1)
    top = loss.building_depths(geoms, "EPSG:32748", path, loss.MAXIMUM)
    assert top.depth == pytest.approx([2.0, 0.0, 4.0, 0.0, 2.0, 4.0])


def test_negative_depths_are_refused(tmp_path):
    path = write_raster(tmp_path / "d.tif", np.array([[-1.0, 2.0]]), (0, 10, 0, 10, 0, -10))
    with pytest.raises(InputError, match="negative depths"):
        loss.building_depths(np.array([shapely.box(0, 0, 10, 10)], dtype=object), "EPSG:32748", path)


def test_loss_table_sums_per_unit_scenario_level_class():
    t = loss.loss_table(
        [0, 0, 1, -1],
        ["rp10", "rp100"],
        np.array([[1, 1, 0, 2], [2, 1, 1, 2]]),
        ["residential", "residential", "public", "public"],
        [100.0, 50.0, 10.0, 5.0],
        np.array([[10.0, 5.0, 0.0, 1.0], [20.0, 8.0, 1.0, 2.0]]),
        ead=np.array([3.0, 1.0, 0.5, 9.0]),
    )
    rows = {(r.unit, r.scenario, r.level, r["class"]): (r["count"], r.floor_m2, r.loss) for _, r in t.iterrows()}
    assert rows[(0, "rp10", 1, "residential")] == (2, 150.0, 15.0)
    assert rows[(0, "rp100", 2, "residential")] == (1, 100.0, 20.0)
    assert rows[(0, "EAD", -1, "residential")] == (2, 150.0, 4.0)
    assert rows[(1, "rp100", 1, "public")] == (1, 10.0, 1.0)
    assert all(u >= 0 for u, *_ in rows)  # building outside every unit left out
