"""Data reaching farther than one zone measures: areas in an Albers equal-area conic fitted to the
extent, lengths geodesic. Checked against pyproj Geod on data spanning 106°E–121°E."""

import numpy as np
import pytest
import shapely
from pyproj import CRS, Geod

from resilience_plugin.core import geometry as geo
from resilience_plugin.core import network as nw
from resilience_plugin.core.crs import choose_metric_crs, is_wide_crs, max_scale_error

WIDE = (106.0, 21.0, 121.0, 32.0)  # Guangxi to Zhejiang
GEOD = Geod(ellps="GRS80")


def test_wide_extent_gets_an_equal_area_crs_and_a_city_keeps_its_zone():
    crs, reused = choose_metric_crs(["EPSG:4326"], WIDE)
    assert is_wide_crs(crs) and not reused
    assert crs.coordinate_operation.method_name == "Albers Equal Area"
    # the zone of the centre would be off by far more than 0.2 % at the edges
    assert max_scale_error(CRS.from_epsg(4548), WIDE) > 0.01
    city, _ = choose_metric_crs(["EPSG:4326"], (114.0, 22.5, 114.08, 22.56))
    assert city.to_epsg() == 4547 and not is_wide_crs(city)
    # a province reaching 4.5 degrees either side of its zone's meridian goes wide too
    assert is_wide_crs(choose_metric_crs(["EPSG:4326"], (109.0, 20.0, 118.0, 26.0))[0])


def _shapes():
    rng = np.random.default_rng(2)
    polys, lines = [], []
    for _ in range(30):
        x, y = rng.uniform(106.2, 120.5), rng.uniform(21.2, 31.5)
        w, h = rng.uniform(0.05, 0.5, 2)
        polys.append(shapely.box(x, y, x + w, y + h).segmentize(0.01))
        lines.append(shapely.LineString(rng.uniform([106, 21], [121, 32], size=(4, 2))).segmentize(0.02))
    lines.append(shapely.LineString([(106.0, 21.0), (121.0, 32.0)]).segmentize(0.02))
    return np.array(polys, dtype=object), np.array(lines, dtype=object)


def test_areas_and_lengths_within_half_a_percent_of_geodesic():
    polys, lines = _shapes()
    crs, _ = choose_metric_crs(["EPSG:4326"], WIDE)
    area = shapely.area(geo.transform(polys, "EPSG:4326", crs))
    geodesic_area = np.array([abs(GEOD.geometry_area_perimeter(shapely.orient_polygons(p))[0]) for p in polys])
    assert area == pytest.approx(geodesic_area, rel=1e-6)  # equal-area: exact up to the densified edges
    length = geo.lengths(geo.transform(lines, "EPSG:4326", crs), crs)
    geodesic_len = np.array([GEOD.geometry_length(g) for g in lines])
    assert length == pytest.approx(geodesic_len, rel=1e-6)
    # planar lengths in that plane would not all be within 0.5 % (that is why they are geodesic)
    planar = shapely.length(geo.transform(lines, "EPSG:4326", crs))
    assert np.max(np.abs(planar / geodesic_len - 1)) > 0.001
    # multi-part lines and polygon rings measure part by part
    ml = shapely.MultiLineString([lines[0], lines[1]])
    assert geo.lengths(geo.transform(np.array([ml]), "EPSG:4326", crs), crs)[0] == pytest.approx(
        geodesic_len[0] + geodesic_len[1], rel=1e-6
    )


def test_network_distances_are_geodesic_on_wide_extents():
    """A highway chain from Nanning to Hangzhou: the network distance between its ends is its geodesic length."""
    crs, _ = choose_metric_crs(["EPSG:4326"], WIDE)
    stops = [(108.3, 22.8), (110.3, 25.3), (113.3, 23.1), (115.9, 28.7), (117.2, 31.8), (120.2, 30.3)]
    lines = np.array([shapely.LineString([a, b]).segmentize(0.05) for a, b in zip(stops[:-1], stops[1:])], dtype=object)
    metric = geo.transform(lines, "EPSG:4326", crs)
    net = nw.build_network(metric, crs=crs)
    ends = geo.transform(
        np.array([shapely.Point(stops[0]), shapely.Point(stops[-1]), shapely.Point(113.3, 23.1)]), "EPSG:4326", crs
    )
    res = nw.point_to_point(net, nw.snap_points(net, ends[:1]), nw.snap_points(net, ends))
    expected = np.cumsum([GEOD.geometry_length(g) for g in lines])
    assert res.distance[1] == pytest.approx(expected[-1], rel=1e-6)
    assert res.distance[2] == pytest.approx(expected[1], rel=1e-6)
