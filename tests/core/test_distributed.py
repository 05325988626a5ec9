"""resilience_dask: the core's exposure, zonal and overlay functions partition by partition on a dask
LocalCluster with 2 workers give the numbers of the single-machine run (the core called once on all the
features), on the Jakarta sample: counts exactly, areas, lengths, values and persons to 1e-9 relative.

Needs dask, distributed and dask-geopandas (the optional extra, requirements-dask.txt); no QGIS. Skipped
where dask-geopandas does not import (Python 3.14 / Debian sid, see requirements-dask.txt).
"""

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import CRS

from resilience_plugin.core import exposure as ex
from resilience_plugin.core import overlay as ov
from resilience_plugin.core import zonal as zn
from resilience_plugin.core.population import PERSONS_PER_KM2
from tests.helpers import polygonise_levels, read_gdf

pytest.importorskip("dask_geopandas", reason="the optional dask extra is not installed here (requirements-dask.txt)")

SAMPLE = __import__("pathlib").Path(__file__).resolve().parents[2] / "resources" / "sample_data"
GPKG = SAMPLE / "jakarta.gpkg"
POP = str(SAMPLE / "population.tif")
DEPTH = SAMPLE / "flood_current_depth.tif"
METRIC = CRS.from_epsg(32748)


def _valid(gdf):
    gdf = gdf.to_crs(32748)
    gdf["geometry"] = shapely.make_valid(gdf.geometry.values)
    return gdf[~(gdf.geometry.is_empty | gdf.geometry.isna())].reset_index(drop=True)


def _depth_zones():
    """Flood depth classified 0.1 / 0.5 / 1 m with numpy and polygonised by GDAL (levels 1-3)."""
    import geopandas as gpd

    geoms, levels = polygonise_levels(DEPTH, [0.1, 0.5, 1.0])
    return gpd.GeoDataFrame({"level": levels}, geometry=geoms, crs="EPSG:4326").to_crs(32748)


@pytest.fixture(scope="module")
def inputs():
    rw = _valid(read_gdf(GPKG, "flood_2007_rw"))
    flood07, _ = ov.resolve_levels(rw.geometry.values, np.where(rw["FLOODPRONE"] == "YES", 1, 0))
    depth = _depth_zones()
    depth_zones, _ = ov.resolve_levels(depth.geometry.values, depth["level"].to_numpy())
    composite = ov.hazard_overlay([flood07, depth_zones], ["f07", "depth"])
    levels, geoms = ov.level_geometries(composite["geometry"].to_numpy(), composite["level"].to_numpy())
    zones = {int(lv): g for lv, g in zip(levels, geoms) if lv > 0}
    units = _valid(read_gdf(GPKG, "kelurahan"))[["ID", "geometry"]]
    buildings = _valid(read_gdf(GPKG, "buildings"))[["TYPE", "LEVELS", "geometry"]]
    roads = _valid(read_gdf(GPKG, "roads"))[["TYPE", "geometry"]]
    return {"zones": zones, "composite": composite, "units": units, "buildings": buildings, "roads": roads}


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    c = Client(cluster)
    assert len(c.scheduler_info()["workers"]) == 2
    yield c
    c.close()
    cluster.close()


def _same(a, b, keys, exact=(), close=()):
    assert len(a) == len(b) > 0
    a, b = (t.astype({k: object for k in keys}).fillna({k: "" for k in keys}).sort_values(keys, kind="stable")
            .reset_index(drop=True) for t in (a, b))
    for k in keys:
        assert a[k].astype(str).tolist() == b[k].astype(str).tolist(), k
    for c in exact:
        assert np.array_equal(a[c].fillna(-1).to_numpy(dtype=float), b[c].fillna(-1).to_numpy(dtype=float)), c
    for c in close:
        x, y = a[c].to_numpy(dtype=float), b[c].to_numpy(dtype=float)
        assert np.array_equal(np.isnan(x), np.isnan(y)), c
        np.testing.assert_allclose(y[~np.isnan(x)], x[~np.isnan(x)], rtol=1e-9, atol=1e-9, err_msg=c)


def test_exposure_of_buildings_and_roads_on_two_workers(inputs, client):
    import resilience_dask as rd

    units = inputs["units"]
    ugeoms, uids = units.geometry.values, units["ID"].to_numpy(dtype=object)
    for layer, kind, rule, cls, val in (("buildings", "polygon", ex.RULE_HIGHEST, "TYPE", "LEVELS"),
                                        ("roads", "line", ex.RULE_HIGHEST, "TYPE", None)):
        gdf = inputs[layer]
        values = pd.to_numeric(gdf[val], errors="coerce").fillna(0).to_numpy(float) if val else None
        single = ex.exposure_summary(np.asarray(gdf.geometry.values, dtype=object), kind, inputs["zones"], rule=rule,
                                     classes=ex.normalise_classes(gdf[cls].to_numpy()), values=values,
                                     units=ugeoms, unit_ids=uids, metric_crs=METRIC)
        parts = rd.partition(gdf, 4)
        assert parts.npartitions == 4
        table, exposed, outside, n = rd.exposure(parts, kind, inputs["zones"], rule=rule, class_col=cls, value_col=val,
                                                 units=ugeoms, unit_ids=uids, metric_crs=METRIC, client=client)
        assert n == len(gdf) and exposed == single.exposed > 0 and outside == single.outside_units
        assert (table["level"] > 0).any()
        _same(single.table, table, ["unit_id", "class", "level"], exact=["count"],
              close=["length_m", "area_m2", "value"])


def test_population_zonal_and_overlay_tables_on_two_workers(inputs, client):
    import resilience_dask as rd

    units = inputs["units"]
    ugeoms, uids = np.asarray(units.geometry.values, dtype=object), units["ID"].to_numpy(dtype=object)
    parts = rd.partition(units, 4)
    # persons per unit and level
    single = ex.population_summary(POP, 1, PERSONS_PER_KM2, inputs["zones"], ugeoms, uids, METRIC).drop(columns="u")
    got = rd.population(parts, "ID", POP, inputs["zones"], METRIC, client=client)
    _same(single, got, ["unit_id", "level"], close=["value", "area_m2"])
    assert got.loc[got["level"] > 0, "value"].sum() > 1000
    # zonal sums of the units, indexed like the frame
    ref = zn.zonal_sums(ugeoms, METRIC, POP, 1, PERSONS_PER_KM2).sums[:, 0]
    sums = rd.zonal(parts, METRIC, POP, client=client)
    assert list(sums.index) == list(range(len(units)))
    np.testing.assert_allclose(sums[0].to_numpy(), ref, rtol=1e-9, atol=1e-9)
    # the overlay's unit x level table
    comp = inputs["composite"]
    cg, cl = comp["geometry"].to_numpy(), comp["level"].to_numpy()
    def persons(g):
        return zn.zonal_sums(g, METRIC, POP, 1, PERSONS_PER_KM2, disjoint=True).sums[:, 0]

    ref_t = ov.unit_level_table(ugeoms, uids, cg, cl, persons)[0]
    got_t = rd.overlay_table(parts, "ID", cg, cl, raster=POP, crs=METRIC, client=client)
    _same(ref_t.drop(columns="u"), got_t, ["unit_id", "level"], close=["area_m2", "area_share", "population"])
