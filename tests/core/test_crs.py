"""Choosing the metric CRS: the rules of core/crs.py checked against known zones and geodesics."""

import numpy as np
import pytest
import shapely
from pyproj import CRS, Geod

from resilience_plugin.core import geometry as geo
from resilience_plugin.core.crs import choose_metric_crs, gk_cgcs2000_epsg, local_metric_epsg, utm_epsg

JAKARTA = (106.686, -6.372, 106.972, -6.090)
FUTIAN = (114.00, 22.50, 114.08, 22.56)


@pytest.mark.parametrize("lon, epsg", [(114.05, 4547), (120.6, 4549), (116.4, 4548), (75.2, 4534), (134.9, 4554)])
def test_cgcs2000_gk_zone_by_central_meridian(lon, epsg):
    # EPSG:4534 is CM 75E, then one code per 3 degrees; check the CRS's own central meridian too.
    assert gk_cgcs2000_epsg(lon) == epsg
    params = CRS.from_epsg(epsg).coordinate_operation.params
    cm = next(p.value for p in params if p.name == "Longitude of natural origin")
    assert abs(cm - lon) <= 1.5


def test_utm_zone():
    assert utm_epsg(106.8, -6.2) == 32748  # Jakarta: zone 48 south
    assert utm_epsg(2.35, 48.85) == 32631  # Paris: zone 31 north
    assert local_metric_epsg(114.05, 22.53) == 4547  # Shenzhen is in China: CGCS2000 GK
    assert local_metric_epsg(106.8, -6.2) == 32748


def test_geographic_input_gets_local_projection():
    crs, reused = choose_metric_crs(["EPSG:4326"], JAKARTA)
    assert (crs.to_epsg(), reused) == (32748, False)


def test_web_mercator_is_not_used_for_measuring():
    # Web Mercator's scale error at 6 degrees south is about 0.55 %: not accurate enough.
    crs, reused = choose_metric_crs(["EPSG:3857"], JAKARTA)
    assert (crs.to_epsg(), reused) == (32748, False)


def test_shared_projected_metric_crs_is_reused():
    crs, reused = choose_metric_crs(["EPSG:4547", "EPSG:4547"], FUTIAN)
    assert (crs.to_epsg(), reused) == (4547, True)


def test_mixed_crs_get_the_local_one():
    crs, reused = choose_metric_crs(["EPSG:4326", "EPSG:32748"], JAKARTA)
    assert (crs.to_epsg(), reused) == (32748, False)


@pytest.mark.parametrize("bounds", [JAKARTA, FUTIAN])
def test_measures_agree_with_geodesic(bounds):
    x0, y0, x1, y1 = bounds
    poly = shapely.box(x0, y0, x1, y1).segmentize(0.001)
    line = shapely.LineString([(x0, y0), (x1, y1)]).segmentize(0.001)
    crs, _ = choose_metric_crs(["EPSG:4326"], bounds)
    area = shapely.area(geo.transform(np.array([poly]), "EPSG:4326", crs))[0]
    length = shapely.length(geo.transform(np.array([line]), "EPSG:4326", crs))[0]
    geod = Geod(ellps="WGS84")
    g_area = abs(geod.geometry_area_perimeter(poly)[0])
    g_len = geod.geometry_length(line)
    assert area == pytest.approx(g_area, rel=0.005)
    assert length == pytest.approx(g_len, rel=0.005)
