"""Resilience Planner's analyses beyond one machine: the core's exposure, zonal and overlay functions run
partition by partition on dask (dask-geopandas, dask.distributed).

An optional extra for a province on a cluster; the QGIS plugin never imports it (it needs dask, distributed,
dask-geopandas and pyarrow, which QGIS users do not have). Every function here calls the plugin's own core
(``resilience_plugin.core``) on one spatial partition at a time and adds the partitions' results up, so the
numbers are those of the single-machine run: each feature (building, unit, polygon) lies in exactly one
partition and its result depends on nothing else in that partition. Counts are exact; lengths, areas,
values and persons agree to rounding (about 1e-12 relative; a zonal sum is read from the partition's raster
window). The large tables (buildings, units) are the partitioned inputs; hazard zones and units are
broadcast to every worker once; rasters are read by the workers from a path they all see (a shared file
system, or a GDAL virtual path such as ``/vsis3/...``), each only the window of its partition.

Functions (all geometry in one metric CRS, as in the core):

- :func:`partition`: a GeoDataFrame -> a spatially partitioned dask-geopandas frame (Hilbert curve).
- :func:`exposure`: :func:`core.exposure.exposure_summary` per partition of the features, tables merged.
- :func:`population`: :func:`core.exposure.population_summary` per partition of the units.
- :func:`zonal`: :func:`core.zonal.zonal_sums` per partition of the polygons.
- :func:`overlay_table`: :func:`core.overlay.unit_level_table` (area and persons per unit x level) per
  partition of the units.

``python -m resilience_dask --help`` runs Exposure statistics from files on a scheduler (see README).
"""

import numpy as np
import pandas as pd

from resilience_plugin.core import exposure as ex
from resilience_plugin.core import overlay as ov
from resilience_plugin.core import zonal as zn
from resilience_plugin.core.population import PERSONS_PER_KM2

__all__ = ["partition", "exposure", "population", "zonal", "overlay_table"]


def _row_index(df):
    return df.set_index("__row").rename_axis(None)


def partition(gdf, npartitions, by="hilbert"):
    """``gdf`` (GeoDataFrame) as a dask-geopandas frame of ``npartitions`` spatially coherent partitions
    (sorted along a space-filling curve); each row keeps its index."""
    import dask_geopandas

    gdf = gdf.assign(__row=gdf.index)
    dgdf = dask_geopandas.from_geopandas(gdf, npartitions=max(1, min(npartitions, len(gdf) or 1)))
    if len(gdf) > npartitions > 1:
        dgdf = dgdf.spatial_shuffle(by=by, npartitions=npartitions)
    return dgdf.map_partitions(_row_index, meta=_row_index(gdf.iloc[:0]))


def _compute(tasks, client):
    import dask

    if client is not None:
        return client.gather(client.compute(tasks))
    return list(dask.compute(*tasks))


def _broadcast(value, client):
    """One copy of ``value`` per worker (a future), or a delayed value without a client."""
    import dask

    if value is None:
        return None
    if client is not None:
        return client.scatter(value, broadcast=True, hash=False)
    return dask.delayed(value)


def _parts(frame):
    """The partitions of a dask (geo)pandas frame, or a list of GeoDataFrames, as delayed objects."""
    import dask

    if hasattr(frame, "to_delayed"):
        return frame.to_delayed()
    return [dask.delayed(p) for p in frame]


# --- exposure ------------------------------------------------------------------------------------
def _private(value):
    """A copy of broadcast geometries for one task: the worker threads of a process share broadcast
    objects, and GEOS prepares geometries lazily, so a task must not prepare shared ones."""
    import shapely

    if isinstance(value, dict):
        return dict(zip(value.keys(), _private(np.array(list(value.values()), dtype=object))))
    if isinstance(value, tuple):
        return tuple(_private(v) for v in value)
    if isinstance(value, np.ndarray) and value.dtype == object:
        return shapely.from_wkb(shapely.to_wkb(value))
    return value


def _exposure_part(part, kind, zones, rule, class_col, value_col, units, unit_ids, metric_crs, pieces):
    zones, units, pieces = _private(zones), _private(units), _private(pieces)
    geoms = np.asarray(part.geometry.values, dtype=object)
    classes = ex.normalise_classes(part[class_col].to_numpy()) if class_col else None
    values = pd.to_numeric(part[value_col], errors="coerce").fillna(0.0).to_numpy(dtype=float) if value_col else None
    r = ex.exposure_summary(geoms, kind, zones, rule=rule, classes=classes, values=values, units=units,
                            unit_ids=unit_ids, metric_crs=metric_crs, pieces=pieces)
    return r.table, r.exposed, r.outside_units, len(geoms)


def exposure(features, kind, zones, *, rule=ex.RULE_HIGHEST, class_col=None, value_col=None, units=None,
             unit_ids=None, metric_crs=None, client=None):
    """Exposure statistics of partitioned ``features`` (a dask-geopandas frame or a list of GeoDataFrames,
    no NULL / empty geometries) to hazard ``zones`` (``{level: geom}``, :func:`core.overlay.resolve_levels`):
    ``(table, exposed, outside_units, n)`` as :func:`core.exposure.exposure_summary` gives for all features
    at once (the table with :data:`core.exposure.TABLE_COLUMNS`). ``client``: a ``distributed.Client``, or
    None for dask's default scheduler."""
    import dask

    units_arr = np.asarray(units, dtype=object) if units is not None else None
    divisible = kind == ex.KIND_LINE or (kind == ex.KIND_POLYGON and rule == ex.RULE_SPLIT)
    pieces = _broadcast(ex.zone_pieces(zones, units_arr), client) if divisible else None  # once, not per partition
    z, u = _broadcast(zones, client), _broadcast(units_arr, client)
    run = dask.delayed(_exposure_part, pure=True)
    tasks = [run(p, kind, z, rule, class_col, value_col, u, unit_ids, metric_crs, pieces) for p in _parts(features)]
    out = _compute(tasks, client)
    table = ex.merge_tables([o[0] for o in out])
    return table, sum(o[1] for o in out), sum(o[2] for o in out), sum(o[3] for o in out)


# --- population, zonal sums, overlay tables: partitions of the units --------------------------------
def _unit_parts(units, id_col):
    """``(geoms, ids)`` of a GeoDataFrame partition."""
    return np.asarray(units.geometry.values, dtype=object), units[id_col].to_numpy(dtype=object)


def _population_part(part, id_col, raster, band, mode, zones, metric_crs):
    zones = _private(zones)
    geoms, ids = _unit_parts(part, id_col)
    if len(geoms) == 0:
        return pd.DataFrame(columns=ex.TABLE_COLUMNS)
    return ex.population_summary(raster, band, mode, zones, geoms, ids, metric_crs).drop(columns="u")


def population(units, id_col, raster, zones, metric_crs, *, band=1, mode=PERSONS_PER_KM2, client=None):
    """Persons per unit and hazard level (:func:`core.exposure.population_summary`) for partitioned
    ``units`` (each unit's rows depend on that unit alone): a table with
    :data:`core.exposure.TABLE_COLUMNS`, sorted by unit and level."""
    import dask

    z = _broadcast(zones, client)
    run = dask.delayed(_population_part, pure=True)
    out = _compute([run(p, id_col, raster, band, mode, z, metric_crs) for p in _parts(units)], client)
    table = pd.concat([o for o in out if len(o)], ignore_index=True)
    return table.sort_values(["unit_id", "level"], kind="stable").reset_index(drop=True)


def _zonal_part(part, crs, raster, band, mode, disjoint):
    geoms = np.asarray(part.geometry.values, dtype=object)
    res = zn.zonal_sums(geoms, crs, raster, band, mode, disjoint=disjoint)
    return pd.DataFrame(res.sums, index=part.index)


def zonal(polygons, crs, raster, *, band=1, mode=PERSONS_PER_KM2, disjoint=False, client=None):
    """:func:`core.zonal.zonal_sums` of partitioned ``polygons`` (a dask-geopandas frame): a DataFrame
    of sums indexed like the polygons' frame (one column, the single class)."""
    import dask

    run = dask.delayed(_zonal_part, pure=True)
    out = _compute([run(p, crs, raster, band, mode, disjoint) for p in _parts(polygons)], client)
    return pd.concat(out).sort_index()


def _overlay_part(part, id_col, zone_geoms, zone_levels, raster, band, mode, crs):
    zone_geoms = _private(zone_geoms)
    geoms, ids = _unit_parts(part, id_col)
    if len(geoms) == 0:
        return pd.DataFrame(columns=["unit_id", "level", "area_m2", "area_share", "population"])
    pop = None
    if raster is not None:
        def pop(g):
            return zn.zonal_sums(g, crs, raster, band, mode, disjoint=True).sums[:, 0]
    table, _pieces = ov.unit_level_table(geoms, ids, zone_geoms, zone_levels, pop)
    return table.drop(columns="u")


def overlay_table(units, id_col, zone_geoms, zone_levels, *, raster=None, band=1, mode=PERSONS_PER_KM2, crs=None,
                  client=None):
    """Area, area share and persons per unit x level of composite zones (:func:`core.overlay.hazard_overlay`
    output, non-overlapping), :func:`core.overlay.unit_level_table` on each partition of ``units``; sorted
    by unit and level."""
    import dask

    zg, zl = _broadcast(np.asarray(zone_geoms, dtype=object), client), _broadcast(np.asarray(zone_levels), client)
    run = dask.delayed(_overlay_part, pure=True)
    out = _compute([run(p, id_col, zg, zl, raster, band, mode, crs) for p in _parts(units)], client)
    table = pd.concat([o for o in out if len(o)], ignore_index=True)
    return table.sort_values(["unit_id", "level"], kind="stable").reset_index(drop=True)
