"""resilience:exposuresummary on big layers: the features are read, counted and written in batches.

The batch path is forced on the Jakarta sample (every layer counts as big, batches of a few hundred
features, so the layer is read in many batches) and must give the same table and the same exposed
features as the whole-layer path run on the same inputs: counts exactly, lengths, areas, values and
persons to 1e-9 relative. The read itself is checked against GDAL: every feature exactly once.
"""

import numpy as np
import pytest
import shapely
from osgeo import ogr
from qgis.core import QgsFeatureRequest, QgsProcessingFeedback, QgsVectorLayer

from resilience_plugin.processing.algorithms import exposure_summary as alg_module
from resilience_plugin.qgis_io.vector import can_stream, iter_batches
from tests.conftest import SAMPLE
from tests.helpers import read_gdf

GPKG = SAMPLE / "jakarta.gpkg"
POP = SAMPLE / "population.tif"
DEPTH = SAMPLE / "flood_current_depth.tif"


class Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.text = ""

    def pushInfo(self, info):  # noqa: N802
        self.text += info + "\n"


@pytest.fixture()
def flood_zones(tmp_path, run_alg):
    out = str(tmp_path / "flood_zones.gpkg")
    run_alg("classifyhazard", {"INPUT": str(DEPTH), "THRESHOLDS": "0.1,0.5,1.0", "HAZARD_NAME": "flood", "OUTPUT": out})
    return out


def _both(run_alg, tmp_path, monkeypatch, params, batch=700):
    """The table and the features of one run by the whole-layer path, one by the batch path."""
    out = {}
    for name, (minimum, size) in {"whole": (10**12, alg_module.STREAM_BATCH), "batches": (0, batch)}.items():
        monkeypatch.setattr(alg_module, "STREAM_MIN_FEATURES", minimum)
        monkeypatch.setattr(alg_module, "STREAM_BATCH", size)
        table, feats = str(tmp_path / f"{name}_table.gpkg"), str(tmp_path / f"{name}_feats.gpkg")
        log = Log()
        run_alg("exposuresummary", {**params, "OUTPUT": feats, "OUTPUT_TABLE": table}, feedback=log)
        assert ("in batches of" in log.text) == (name == "batches"), log.text
        out[name] = (read_gdf(table), read_gdf(feats))
    return out["whole"], out["batches"]


def _same_table(a, b):
    assert len(a) == len(b) > 0
    key = ["unit_id", "class", "level"]
    a = a.fillna({"class": ""}).sort_values(key).reset_index(drop=True)
    b = b.fillna({"class": ""}).sort_values(key).reset_index(drop=True)
    assert a[key].astype(str).equals(b[key].astype(str))
    assert np.array_equal(a["count"].fillna(-1).to_numpy(), b["count"].fillna(-1).to_numpy())  # exact
    for col in ("length_m", "area_m2", "value"):
        x, y = a[col].to_numpy(dtype=float), b[col].to_numpy(dtype=float)
        assert np.array_equal(np.isnan(x), np.isnan(y)), col
        ok = ~np.isnan(x)
        np.testing.assert_allclose(y[ok], x[ok], rtol=1e-9, atol=1e-9, err_msg=col)


def _same_features(a, b, columns):
    assert len(a) == len(b) > 0
    a = a.sort_values("fid_src").reset_index(drop=True)
    b = b.sort_values("fid_src").reset_index(drop=True)
    for col in columns:
        x, y = a[col].to_numpy(), b[col].to_numpy()
        if x.dtype.kind == "f":
            np.testing.assert_allclose(y.astype(float), x.astype(float), rtol=1e-9, atol=1e-9, err_msg=col)
        else:
            assert list(x) == list(y), col
    assert shapely.equals_exact(a.geometry.values, b.geometry.values, tolerance=0).all()


def _with_source_ids(tmp_path, layer, name):
    """A copy of a sample layer with a field holding each feature's id, to match output features."""
    ds = ogr.Open(str(GPKG))
    src = ds.GetLayerByName(layer)
    out = str(tmp_path / f"{name}.gpkg")
    dst = ogr.GetDriverByName("GPKG").CreateDataSource(out)
    lyr = dst.CreateLayer(name, src.GetSpatialRef(), src.GetGeomType())
    defn = src.GetLayerDefn()
    for i in range(defn.GetFieldCount()):
        lyr.CreateField(defn.GetFieldDefn(i))
    lyr.CreateField(ogr.FieldDefn("fid_src", ogr.OFTInteger64))
    lyr.StartTransaction()
    for f in src:
        g = ogr.Feature(lyr.GetLayerDefn())
        g.SetFrom(f)
        g.SetField("fid_src", f.GetFID())
        lyr.CreateFeature(g)
    lyr.CommitTransaction()
    dst = None
    return out


def test_buildings_in_batches_equal_the_whole_layer(tmp_path, run_alg, monkeypatch, flood_zones):
    """Buildings (7 689, 11 batches) x flood zones x kecamatan with class and value fields, population too."""
    buildings = _with_source_ids(tmp_path, "buildings", "bld")
    params = {"HAZARD": flood_zones, "EXPOSURE": buildings, "CLASS_FIELD": "TYPE", "VALUE_FIELD": "LEVELS", "RULE": 0,
              "UNITS": f"{GPKG}|layername=kecamatan", "UNIT_ID_FIELD": "KEC_NAME", "EXPOSURE_RASTER": str(POP),
              "POPULATION_UNIT": 0}
    (wt, wf), (bt, bf) = _both(run_alg, tmp_path, monkeypatch, params)
    _same_table(wt, bt)
    assert (bt["class"] == "population").any() and (bt["level"] > 0).any() and (bt["count"] > 0).any()
    # the counts add up to the buildings read (each counted once), independently of the plugin
    n_inside = int(bt.loc[bt["class"] != "population", "count"].sum())
    assert n_inside <= len(read_gdf(buildings)) and n_inside > 0.9 * len(read_gdf(buildings))
    _same_features(wf, bf, ["level", "unit_id", "TYPE"])


def test_split_polygons_in_batches_equal_the_whole_layer(tmp_path, run_alg, monkeypatch, flood_zones):
    buildings = _with_source_ids(tmp_path, "buildings", "bld")
    params = {"HAZARD": flood_zones, "EXPOSURE": buildings, "RULE": 2, "UNITS": f"{GPKG}|layername=kecamatan",
              "UNIT_ID_FIELD": "KEC_NAME"}
    (wt, wf), (bt, bf) = _both(run_alg, tmp_path, monkeypatch, params, batch=1000)
    _same_table(wt, bt)
    _same_features(wf, bf, ["level", "area_l0", "area_l1", "area_l2", "area_l3"])


def test_roads_on_a_raster_hazard_in_batches(tmp_path, run_alg, monkeypatch):
    roads = _with_source_ids(tmp_path, "roads", "roads")
    params = {"HAZARD": str(DEPTH), "THRESHOLDS": "0.1,0.5,1.0", "EXPOSURE": roads, "CLASS_FIELD": "TYPE",
              "UNITS": f"{GPKG}|layername=kecamatan", "UNIT_ID_FIELD": "KEC_NAME"}
    (wt, wf), (bt, bf) = _both(run_alg, tmp_path, monkeypatch, params, batch=2500)
    _same_table(wt, bt)
    _same_features(wf, bf, ["level", "len_l0", "len_l1", "len_l2", "len_l3"])


def test_iter_batches_reads_every_feature_once(tmp_path):
    """Arrow batches of a GeoPackage, and provider batches of a memory layer, against GDAL's own read."""
    layer = QgsVectorLayer(f"{GPKG}|layername=buildings", "b", "ogr")
    assert can_stream(layer, ["TYPE"])
    batches = list(iter_batches(layer, ["TYPE"], batch_size=1000))
    assert [len(b) for b in batches[:-1]] == [1000] * (len(batches) - 1) and len(batches) == 8
    fids = np.concatenate([b.fids for b in batches])
    ds = ogr.Open(str(GPKG))
    ref = {f.GetFID(): f.GetField("TYPE") for f in ds.GetLayerByName("buildings")}
    assert sorted(fids.tolist()) == sorted(ref) and len(np.unique(fids)) == len(fids)
    types = np.concatenate([b.attrs["TYPE"].to_numpy(dtype=object) for b in batches])
    assert [ref[f] for f in fids.tolist()] == list(types)
    memory = layer.materialize(QgsFeatureRequest())
    assert not can_stream(memory, ["TYPE"])
    mb = list(iter_batches(memory, ["TYPE"], batch_size=3000))
    assert [len(b) for b in mb] == [3000, 3000, len(ref) - 6000]
    assert sorted(np.concatenate([b.attrs["TYPE"].to_numpy(dtype=object) for b in mb]).tolist(), key=str) == \
        sorted(ref.values(), key=str)
