"""``python -m resilience_dask``: Exposure statistics of a province on a dask cluster, from files.

    python -m resilience_dask --scheduler tcp://scheduler:8786 --buildings buildings.gpkg \\
        --hazard zones.gpkg --level-field level --units townships.gpkg --unit-id code \\
        --population population.tif --partitions 64 --out exposure.csv

The buildings are read in row chunks by the workers (dask-geopandas / pyogrio), shuffled into spatial
partitions and counted partition by partition; the hazard zones and units are read here and broadcast.
Every path must be readable by the workers (shared file system or a GDAL virtual path). The table has the
columns of Exposure statistics' OUTPUT_TABLE; without ``--scheduler`` a LocalCluster on this machine runs it.
"""

import argparse
import sys

import numpy as np
import pandas as pd


def _args(argv):
    ap = argparse.ArgumentParser(prog="python -m resilience_dask", description=__doc__.split("\n\n")[0])
    ap.add_argument("--scheduler", help="address of a dask.distributed scheduler (default: a LocalCluster here)")
    ap.add_argument("--buildings", required=True, help="exposure features (any OGR file; points, lines or polygons)")
    ap.add_argument("--layer", default=None, help="layer of --buildings")
    ap.add_argument("--hazard", required=True, help="hazard zones (polygons with an integer level field)")
    ap.add_argument("--hazard-layer", default=None, help="layer of --hazard")
    ap.add_argument("--level-field", default="level")
    ap.add_argument("--units", help="admin units (polygons)")
    ap.add_argument("--units-layer", default=None, help="layer of --units")
    ap.add_argument("--unit-id", help="unique id field of the units")
    ap.add_argument("--population", help="population raster (persons per km², or per cell with --per-cell)")
    ap.add_argument("--per-cell", action="store_true", help="the raster holds persons per cell")
    ap.add_argument("--class-field", default=None)
    ap.add_argument("--value-field", default=None)
    ap.add_argument("--rule", type=int, default=0,
                    help="polygons: 0 highest level touched, 1 representative point, 2 split")
    ap.add_argument("--crs", default=None,
                    help="metric CRS to work in (default: the buildings' CRS, which must be projected)")
    ap.add_argument("--partitions", type=int, default=32)
    ap.add_argument("--out", required=True, help="CSV table")
    return ap.parse_args(argv)


def main(argv=None):
    import dask_geopandas
    import geopandas as gpd
    from distributed import Client, LocalCluster
    from pyproj import CRS

    import resilience_dask as rd
    from resilience_plugin.core import exposure as ex
    from resilience_plugin.core import overlay as ov
    from resilience_plugin.core.population import PERSONS_PER_CELL, PERSONS_PER_KM2

    a = _args(argv)
    client = Client(a.scheduler) if a.scheduler else Client(LocalCluster())
    columns = [c for c in (a.class_field, a.value_field) if c]
    features = dask_geopandas.read_file(a.buildings, layer=a.layer, npartitions=a.partitions)
    features = features[columns + ["geometry"]]
    metric = CRS.from_user_input(a.crs) if a.crs else CRS.from_user_input(features.crs)
    if not metric.is_projected:
        sys.exit("The buildings are not in a projected CRS: give --crs (a metric CRS, e.g. EPSG:4547).")
    features = features.to_crs(metric)
    features = features[~(features.geometry.is_empty | features.geometry.isna())]
    features = features.spatial_shuffle(npartitions=a.partitions)
    kind = {"Point": "point", "MultiPoint": "point", "LineString": "line", "MultiLineString": "line"}.get(
        features.partitions[0].compute().geom_type.iloc[0], "polygon")
    zones_gdf = gpd.read_file(a.hazard, layer=a.hazard_layer).to_crs(metric)
    levels, _ = ov.check_levels(zones_gdf[a.level_field].to_numpy(), a.hazard)
    zones, _ = ov.resolve_levels(zones_gdf.geometry.values, levels)
    ugeoms = uids = units = None
    if a.units:
        units = gpd.read_file(a.units, layer=a.units_layer).to_crs(metric)[[a.unit_id, "geometry"]]
        ugeoms, uids = np.asarray(units.geometry.values, dtype=object), units[a.unit_id].to_numpy(dtype=object)
        ov.check_unit_ids(uids, a.units)
    table, exposed, outside, n = rd.exposure(features, kind, zones, rule=a.rule, class_col=a.class_field,
                                             value_col=a.value_field, units=ugeoms, unit_ids=uids, metric_crs=metric,
                                             client=client)
    tables = [table.drop(columns="u")]
    if a.population:
        mode = PERSONS_PER_CELL if a.per_cell else PERSONS_PER_KM2
        if units is not None:
            tables.append(rd.population(rd.partition(units, a.partitions), a.unit_id, a.population, zones, metric,
                                        mode=mode, client=client))
        else:
            tables.append(ex.population_summary(a.population, 1, mode, zones, None, None, metric).drop(columns="u"))
    pd.concat(tables, ignore_index=True)[ex.TABLE_COLUMNS].to_csv(a.out, index=False)
    print(f"{n} features, {exposed} in hazard level 1 or above, {outside} (partly) outside every unit -> {a.out}")
    client.close()


if __name__ == "__main__":
    main()
