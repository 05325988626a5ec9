"""Measures within 0.5 % of geodesic wherever the data lie: inputs spanning 106°E–121°E are measured
in an Albers equal-area conic (areas) and geodesically (lengths); the log says so. Expected values
from pyproj Geod on the input coordinates."""

import numpy as np
import pytest
import shapely
from pyproj import Geod

from tests.feedback import Capture
from tests.helpers import read_gdf
from tests.processing.test_shelter_coverage import write_layer

GEOD = Geod(ellps="WGS84")


def _zones():
    """Hazard zones from Guangxi to Zhejiang (densified so that straight edges agree in every CRS)."""
    boxes = [
        (106.0, 22.0, 108.0, 24.0, 3),
        (112.0, 23.0, 114.5, 25.5, 2),
        (118.5, 29.0, 121.0, 31.0, 1),
        (109.0, 27.0, 110.0, 30.0, 2),
    ]
    geoms = np.array([shapely.box(*b[:4]).segmentize(0.01) for b in boxes], dtype=object)
    return geoms, [b[4] for b in boxes]


def _pipes():
    rng = np.random.default_rng(8)
    lines = [shapely.LineString(rng.uniform([106, 22], [121, 31], size=(3, 2))).segmentize(0.005) for _ in range(12)]
    return np.array(lines + [shapely.LineString([(106.1, 22.1), (120.9, 30.9)]).segmentize(0.005)], dtype=object)


def test_zone_areas_across_seven_zones_match_geodesic(run_alg, tmp_path):
    geoms, levels = _zones()
    src = write_layer(tmp_path / "zones_src.gpkg", geoms, 4326, {"lv": [float(v) for v in levels]})
    fb = Capture()
    res = run_alg(
        "classifyhazard",
        {
            "INPUT": src,
            "FIELD": "lv",
            "HAZARD_NAME": "typhoon",
            "THRESHOLDS": "1,2,3",
            "OUTPUT": str(tmp_path / "zones.gpkg"),
        },
        fb,
    )
    assert "Albers equal-area projection fitted to their extent, lengths geodesically" in fb.text()
    z = read_gdf(res["OUTPUT"]).set_index("level")
    for level in (1, 2, 3):
        parts = [g for g, v in zip(geoms, levels) if v == level]
        expected = sum(abs(GEOD.geometry_area_perimeter(shapely.orient_polygons(g))[0]) for g in parts)
        assert z.loc[level, "area_m2"] == pytest.approx(expected, rel=0.005), level
        assert z.loc[level, "area_m2"] == pytest.approx(expected, rel=1e-4), level  # in fact equal-area


def test_lifeline_lengths_across_the_extent_match_geodesic(run_alg, tmp_path):
    geoms, levels = _zones()
    zones = write_layer(tmp_path / "zones.gpkg", geoms, 4326, {"level": [float(v) for v in levels]})
    pipes = _pipes()
    lines = write_layer(tmp_path / "pipes.gpkg", pipes, 4326, {"kind": ["road"] * len(pipes)})
    fb = Capture()
    res = run_alg(
        "lifelineexposure",
        {
            "LIFELINES": lines,
            "ASSET_TYPE_FIELD": "kind",
            "HAZARD": zones,
            "LEVEL_FIELD": "level",
            "OUTPUT": str(tmp_path / "o.gpkg"),
            "OUTPUT_TABLE": str(tmp_path / "t.gpkg"),
        },
        fb,
    )
    assert "lengths geodesically" in fb.text()
    out = read_gdf(res["OUTPUT"])
    expected = np.array([GEOD.geometry_length(g) for g in pipes])
    assert out["length_m"].to_numpy() == pytest.approx(expected, rel=0.005)
    assert out["length_m"].to_numpy() == pytest.approx(expected, rel=1e-4)
    # length per level: the pieces inside each zone, measured on the ellipsoid
    for k in (1, 2, 3):
        inside = [
            shapely.intersection(p, shapely.union_all([g for g, v in zip(geoms, levels) if v == k])) for p in pipes
        ]
        exp_k = np.array([GEOD.geometry_length(g) if not g.is_empty else 0.0 for g in inside])
        assert out[f"len_l{k}"].to_numpy() == pytest.approx(exp_k, rel=0.005, abs=50.0), k


def test_exposure_line_lengths_per_level_match_geodesic(run_alg, tmp_path):
    geoms, levels = _zones()
    zones = write_layer(tmp_path / "zones.gpkg", geoms, 4326, {"level": [float(v) for v in levels]})
    pipes = _pipes()
    lines = write_layer(tmp_path / "roads.gpkg", pipes, 4326, {"name": [f"r{i}" for i in range(len(pipes))]})
    res = run_alg(
        "exposuresummary",
        {"HAZARD": zones, "EXPOSURE": lines, "OUTPUT_TABLE": str(tmp_path / "t.gpkg"), "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    tab = read_gdf(res["OUTPUT_TABLE"]).groupby("level")["length_m"].sum()
    total = sum(GEOD.geometry_length(g) for g in pipes)
    assert tab.sum() == pytest.approx(total, rel=0.005)
    for k in (1, 2, 3):
        union = shapely.union_all([g for g, v in zip(geoms, levels) if v == k])
        exp_k = sum(GEOD.geometry_length(shapely.intersection(p, union)) for p in pipes)
        assert tab.get(k, 0.0) == pytest.approx(exp_k, rel=0.005), k
