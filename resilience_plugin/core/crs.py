"""Choosing the metric CRS in which every length and area is measured.

Rules (documented in the README):
1. If all inputs share one projected CRS in metres whose scale error over the data is below
   ``MAX_SCALE_ERROR``, measure in it.
2. Otherwise use the CGCS2000 3-degree Gauss-Krueger zone (EPSG:4534-4554, central meridians 75E-135E,
   no zone prefix) for data in China, and UTM (WGS 84) elsewhere, for the centre of the data, when
   that zone measures the whole extent within ``MAX_SCALE_ERROR``.
3. Data reaching farther than one zone measures (a province, a national run): an Albers equal-area
   conic fitted to the extent (standard parallels at 1/6 and 5/6 of its latitudes, central meridian
   in its middle; CGCS2000 in China, WGS 84 elsewhere). Areas are exact in it; lengths are measured
   geodesically on the ellipsoid (:func:`geometry.lengths`), since no one plane keeps them within
   0.5 % over such an extent.
"""

import math

from pyproj import CRS, Proj

MAX_SCALE_ERROR = 0.002  # 0.2 % linear, i.e. about 0.4 % in area at worst

# Rough bounding box of China's territory, used only to choose CGCS2000 over UTM.
_CHINA_LON = (73.0, 135.5)
_CHINA_LAT = (3.0, 54.0)


def in_china(lon, lat):
    """True when the point (degrees) lies in the box around China used to choose CGCS2000 zones."""
    return _CHINA_LON[0] <= lon <= _CHINA_LON[1] and _CHINA_LAT[0] <= lat <= _CHINA_LAT[1]


def gk_cgcs2000_epsg(lon):
    """EPSG code of the CGCS2000 3-degree GK zone (no zone prefix) for a longitude."""
    cm = int(round(lon / 3.0)) * 3
    cm = min(max(cm, 75), 135)
    return 4534 + (cm - 75) // 3


def utm_epsg(lon, lat):
    """EPSG code of the WGS 84 UTM zone of a point (degrees), north or south."""
    zone = int(math.floor((lon + 180.0) / 6.0)) % 60 + 1
    return (32600 if lat >= 0 else 32700) + zone


def local_metric_epsg(lon, lat):
    """EPSG code of the metric CRS chosen for data centred on (lon, lat)."""
    if in_china(lon, lat):
        return gk_cgcs2000_epsg(lon)
    return utm_epsg(lon, lat)


def max_scale_error(crs, lonlat_bounds):
    """Largest linear scale error of a projected ``crs`` over a lon/lat box (centre and corners)."""
    crs = CRS.from_user_input(crs)
    proj = Proj(crs)
    x0, y0, x1, y1 = lonlat_bounds
    lons = [x0, x1, x0, x1, (x0 + x1) / 2]
    lats = [y0, y0, y1, y1, (y0 + y1) / 2]
    worst = 0.0
    for lon, lat in zip(lons, lats):
        f = proj.get_factors(lon, lat)
        for scale in (f.meridional_scale, f.parallel_scale):
            if not math.isfinite(scale):
                return math.inf
            worst = max(worst, abs(scale - 1.0))
    return worst


def is_usable_metric_crs(crs, lonlat_bounds):
    """True if ``crs`` is projected, in metres and measures the box within MAX_SCALE_ERROR."""
    try:
        crs = CRS.from_user_input(crs)
    except Exception:  # noqa: BLE001 - anything pyproj cannot read is not usable
        return False
    if not crs.is_projected:
        return False
    units = {(ax.unit_name or "").lower() for ax in crs.axis_info}
    if not units <= {"metre", "meter", "m"}:
        return False
    try:
        return max_scale_error(crs, lonlat_bounds) <= MAX_SCALE_ERROR
    except Exception:  # noqa: BLE001 - projections without factors are not trusted for measuring
        return False


WIDE_CRS_NAME = "Albers equal-area fitted to the data (Resilience Planner)"


def albers_for(lonlat_bounds):
    """An Albers equal-area conic fitted to a lon/lat box (pyproj CRS named :data:`WIDE_CRS_NAME`)."""
    from pyproj.crs import GeographicCRS, ProjectedCRS
    from pyproj.crs.coordinate_operation import AlbersEqualAreaConversion

    x0, y0, x1, y1 = lonlat_bounds
    span = y1 - y0
    lat1, lat2 = y0 + span / 6.0, y1 - span / 6.0
    if abs(lat1 + lat2) < 1e-6:  # a box centred on the equator: the cone degenerates, keep it off-centre
        lat1, lat2 = y0 + span / 6.0, y0 + span / 3.0
    lon0 = (x0 + x1) / 2.0
    base = CRS.from_epsg(4490) if in_china(lon0, (y0 + y1) / 2.0) else GeographicCRS(datum="WGS84")
    conv = AlbersEqualAreaConversion(lat1, lat2, latitude_false_origin=(y0 + y1) / 2.0, longitude_false_origin=lon0)
    return ProjectedCRS(conv, name=WIDE_CRS_NAME, geodetic_crs=base)


def is_wide_crs(crs):
    """True for the equal-area CRS chosen for wide extents (lengths are then measured geodesically)."""
    try:
        return CRS.from_user_input(crs).name == WIDE_CRS_NAME
    except Exception:  # noqa: BLE001 - anything pyproj cannot read is not ours
        return False


def choose_metric_crs(input_crs_list, lonlat_bounds):
    """Return ``(pyproj.CRS, reused)`` for measuring data in ``lonlat_bounds``.

    ``input_crs_list`` holds anything pyproj reads (EPSG codes, WKT, CRS objects); ``reused`` is
    True when the inputs' own shared CRS is used.
    """
    crs_set = []
    for c in input_crs_list:
        c = CRS.from_user_input(c)
        if not any(c == other for other in crs_set):
            crs_set.append(c)
    if len(crs_set) == 1 and is_usable_metric_crs(crs_set[0], lonlat_bounds):
        return crs_set[0], True
    x0, y0, x1, y1 = lonlat_bounds
    local = CRS.from_epsg(local_metric_epsg((x0 + x1) / 2.0, (y0 + y1) / 2.0))
    if is_usable_metric_crs(local, lonlat_bounds):
        return local, False
    return albers_for(lonlat_bounds), False
