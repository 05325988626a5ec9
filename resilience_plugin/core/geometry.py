"""Vectorised geometry helpers on shapely 2 arrays."""

import numpy as np
import shapely
from pyproj import CRS, Transformer


def transformer(src_crs, dst_crs):
    """A pyproj Transformer (x = longitude / easting first) between two CRS given in any form pyproj reads."""
    return Transformer.from_crs(CRS.from_user_input(src_crs), CRS.from_user_input(dst_crs), always_xy=True)


def transform(geoms, src_crs, dst_crs):
    """Reproject a shapely array (vertex by vertex, vectorised)."""
    geoms = np.asarray(geoms, dtype=object)
    src, dst = CRS.from_user_input(src_crs), CRS.from_user_input(dst_crs)
    if src == dst or len(geoms) == 0:
        return geoms
    t = Transformer.from_crs(src, dst, always_xy=True)

    def _xy(coords):
        x, y = t.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, _xy)


def lonlat_bounds(geoms, crs):
    """(minlon, minlat, maxlon, maxlat) of a shapely array in ``crs``."""
    b = shapely.total_bounds(geoms)
    if not np.all(np.isfinite(b)):
        raise ValueError("no coordinates")
    crs = CRS.from_user_input(crs)
    if crs.is_geographic:
        return tuple(float(v) for v in b)
    t = Transformer.from_crs(crs, CRS.from_epsg(4326), always_xy=True)
    return tuple(float(v) for v in t.transform_bounds(*b, densify_pts=21))


def repair(geoms):
    """Make invalid geometries valid. Returns ``(geoms, n_repaired)``; polygon inputs stay polygonal."""
    geoms = np.asarray(geoms, dtype=object)
    bad = ~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)
    n_bad = int(bad.sum())
    if n_bad:
        fixed = shapely.make_valid(geoms[bad])
        poly_in = np.isin(shapely.get_type_id(geoms[bad]), (3, 6))
        if poly_in.any():
            # Polygons: the 'structure' method unions overlapping parts (e.g. parts of a multipolygon that
            # reprojection made overlap) instead of cutting holes where they overlap, as 'linework' does.
            with np.errstate(invalid="ignore"):
                try:
                    fixed[poly_in] = shapely.make_valid(geoms[bad][poly_in], method="structure")
                except (TypeError, ValueError):  # shapely < 2.1 or GEOS < 3.10
                    pass
            # keep the polygonal part (make_valid may return collections with lower dimensions)
            fixed[poly_in] = polygonal_part(np.where(shapely.is_missing(fixed[poly_in]), shapely.from_wkt("POLYGON EMPTY"),
                                                     fixed[poly_in]))
        geoms = geoms.copy()
        geoms[bad] = fixed
    return geoms, n_bad


def polygonal_part(geoms):
    """The polygons of each geometry (collections are filtered), as (Multi)Polygon or empty."""
    geoms = np.asarray(geoms, dtype=object)
    out = geoms.copy()
    coll = shapely.get_type_id(geoms) == 7
    if coll.any():
        parts, idx = shapely.get_parts(geoms[coll], return_index=True)
        keep = np.isin(shapely.get_type_id(parts), (3, 6))
        polys, pidx = shapely.get_parts(parts[keep], return_index=True)
        owner = idx[keep][pidx]
        merged = np.full(coll.sum(), shapely.from_wkt("MULTIPOLYGON EMPTY"), dtype=object)
        if len(polys):
            m = shapely.multipolygons(polys, indices=owner)
            merged[np.unique(owner)] = m
        out[coll] = merged
    return out


def to_multipolygon(geoms):
    """Polygon -> MultiPolygon, MultiPolygon unchanged (vectorised)."""
    geoms = np.asarray(geoms, dtype=object)
    single = shapely.get_type_id(geoms) == 3
    if single.any():
        geoms = geoms.copy()
        n = int(single.sum())
        geoms[single] = shapely.multipolygons(geoms[single], indices=np.arange(n))
    return geoms


def lengths(geoms, crs=None):
    """Length in metres of each (multi)line of a shapely array in the metric ``crs``.

    Planar in a local metric CRS; geodesic on the ellipsoid (segment by segment, pyproj ``Geod``)
    in the equal-area CRS chosen for wide extents (:func:`crs.is_wide_crs`), where a plane's scale
    drifts too far from 1. Polygons give their perimeter, points 0.
    """
    from .crs import is_wide_crs

    geoms = np.asarray(geoms, dtype=object)
    if crs is None or len(geoms) == 0 or not is_wide_crs(crs):
        return shapely.length(geoms)
    crs = CRS.from_user_input(crs)
    geographic = crs.geodetic_crs
    parts, owner = shapely.get_parts(geoms, return_index=True)
    rings = shapely.get_type_id(parts) == 3  # polygons: measure their rings
    if rings.any():
        ring_parts, ring_owner = shapely.get_rings(parts[rings], return_index=True)
        parts = np.concatenate([parts[~rings], ring_parts])
        owner = np.concatenate([owner[~rings], owner[rings][ring_owner]])
    coords, part = shapely.get_coordinates(parts, return_index=True)
    out = np.zeros(len(geoms))
    if len(coords) < 2:
        return out
    lon, lat = Transformer.from_crs(crs, geographic, always_xy=True).transform(coords[:, 0], coords[:, 1])
    same = part[1:] == part[:-1]
    from pyproj import Geod

    geod = Geod(a=geographic.ellipsoid.semi_major_metre, rf=geographic.ellipsoid.inverse_flattening)
    _, _, d = geod.inv(lon[:-1][same], lat[:-1][same], lon[1:][same], lat[1:][same])
    per_part = np.bincount(part[:-1][same], weights=d, minlength=len(parts))
    np.add.at(out, owner, per_part[: len(owner)])
    return out


def intersecting_pairs(geoms, zones):
    """``(geometry index, zone index)`` pairs that intersect. The zones are split into their parts
    and used as the (prepared) query geometries against a tree of ``geoms``, which is far faster
    than testing many small geometries against a few huge dissolved zones."""
    geoms = np.asarray(geoms, dtype=object)
    zones = np.asarray(zones, dtype=object)
    if len(zones) == 0 or len(geoms) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    parts, owner = shapely.get_parts(zones, return_index=True)
    tree = shapely.STRtree(geoms)
    pi, gi = tree.query(parts, predicate="intersects")
    return gi, owner[pi]
