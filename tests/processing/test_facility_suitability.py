"""resilience:facilitysuitability on the Jakarta sample (schools, sports and government buildings vs flood zones)."""

from pathlib import Path

import numpy as np
import pytest
import shapely
from qgis.core import QgsProcessingException

from tests.feedback import Capture
from tests.helpers import read_gdf

ROOT = Path(__file__).resolve().parents[2]
JAKARTA = ROOT / "resources" / "sample_data" / "jakarta.gpkg"
SUBSET = "\"TYPE\" IN ('School', 'Sports Facility', 'Government')"


@pytest.fixture()
def flood_zones(run_alg, tmp_path):
    out = tmp_path / "flood_zones.gpkg"
    run_alg("classifyhazard", {"INPUT": str(ROOT / "resources" / "sample_data" / "flood_current_depth.tif"),
                               "HAZARD_NAME": "flood", "THRESHOLDS": "0.1,0.5,1.0,2.0", "OUTPUT": str(out)})
    return out


def _candidates():
    return f"{JAKARTA}|layername=buildings|subset={SUBSET}"


def test_jakarta_reasons_for_specific_buildings(run_alg, tmp_path, flood_zones):
    fb = Capture()
    res = run_alg("facilitysuitability", {
        "CANDIDATES": _candidates(), "TYPE_FIELD": "TYPE", "NAME_FIELD": "NAME", "FLOORS_FIELD": "LEVELS",
        "EFFECTIVE_RATIO": 0.6, "SHELTER_CLASS": 1, "HAZARD": str(flood_zones), "EXCLUDE_LEVEL": 2,
        "ROADS": f"{JAKARTA}|layername=roads", "ROAD_CLASS_FIELD": "TYPE",
        "OUTPUT": str(tmp_path / "suit.gpkg")}, fb)
    out = read_gdf(res["OUTPUT"])
    # independent expectations: max flood level touching each building, floor area in UTM 48S
    b = read_gdf(JAKARTA, "buildings")
    b = b[b["TYPE"].isin(["School", "Sports Facility", "Government"])].reset_index(drop=True)
    zones = read_gdf(flood_zones)
    assert len(out) == len(b)
    tree = shapely.STRtree(zones.geometry.to_numpy())
    bi, zi = tree.query(b.geometry.to_numpy(), predicate="intersects")
    level = np.zeros(len(b))
    np.maximum.at(level, bi, zones["level"].to_numpy()[zi])
    floors = b["LEVELS"].str.extract(r"(\d+)")[0].astype(float).fillna(1.0).to_numpy()
    floor_area = b.to_crs(32748).area.to_numpy() * 0.6 * floors
    by_name = {n: i for i, n in enumerate(b["NAME"]) if n}
    o = out.set_index("site_id")

    def row(name):
        i = by_name[name]
        return i, o.loc[int(b["fid"][i])]

    # BNPB (3 floors, dry): eligible, with its capacity = floor area / 2 m2 per person
    i, r = row("BNPB")
    assert level[i] < 2 and floor_area[i] >= 2000
    assert bool(r["eligible"]) and r["reasons"] in ("", None)
    assert r["capacity_persons"] == pytest.approx(np.floor(floor_area[i] / 2.0), abs=1.0)
    assert r["grade"] in ("适宜", "较适宜", "有条件适宜", "不适宜") and r["rank"] >= 1
    # SMAN 45 stands in a flooded zone
    i, r = row("SMAN 45")
    assert level[i] >= 2
    assert not bool(r["eligible"])
    assert f"inside a hazard zone of level {int(level[i])} (excluded at >= 2)" in r["reasons"]
    assert r["grade"] == "不适宜"
    # Kantor RW 07 Paseban: a small office, too small for a short-term fixed shelter
    i, r = row("Kantor RW 07 Paseban")
    assert floor_area[i] < 2000
    assert f"effective area {floor_area[i]:.0f} m2 below the Fixed shelter, short term minimum of 2000 m2" in r["reasons"]
    assert ("inside a hazard zone" in r["reasons"]) == (level[i] >= 2)
    # every building in a zone of level >= 2 is excluded, and only they carry the hazard reason
    has_hazard = out["reasons"].fillna("").str.contains("inside a hazard zone").to_numpy()
    lv_out = o.loc[b["fid"].astype(int), "hazard_level"].to_numpy()
    assert np.array_equal(lv_out, level.astype(int))
    assert np.array_equal(o.loc[b["fid"].astype(int), "reasons"].fillna("").str.contains("inside a hazard zone").to_numpy(), level >= 2)
    assert has_hazard.sum() == (level >= 2).sum()
    assert "c_safety" in out and "c_access" in out and "c_capacity" in out
    assert "population" in fb.text() and "hospital" in fb.text()  # dropped criteria are logged


def test_weights_table_from_ahp(run_alg, tmp_path, flood_zones):
    w = tmp_path / "w.gpkg"
    run_alg("ahpweights", {"CRITERIA": "safety,capacity", "MATRIX": [1, 3, "1/3", 1], "OUTPUT_TABLE": str(w)})
    res = run_alg("facilitysuitability", {
        "CANDIDATES": _candidates(), "TYPE_FIELD": "TYPE", "FLOORS_FIELD": "LEVELS", "HAZARD": str(flood_zones),
        "WEIGHTS_TABLE": str(w), "OUTPUT": str(tmp_path / "s.gpkg")})
    out = read_gdf(res["OUTPUT"])
    assert np.allclose(out["score"], 100 * (0.75 * out["c_safety"] + 0.25 * out["c_capacity"]))


def test_no_candidate_eligible(run_alg, tmp_path):
    fb = Capture()
    res = run_alg("facilitysuitability", {
        "CANDIDATES": _candidates(), "TYPE_FIELD": "TYPE", "MIN_AREA_M2": 1e9, "OUTPUT": str(tmp_path / "s.gpkg")}, fb)
    out = read_gdf(res["OUTPUT"])
    assert len(out) > 600 and not out["eligible"].astype(bool).any()
    assert out["rank"].isna().all()
    assert "No candidate is eligible" in fb.text()


@pytest.mark.parametrize("params,message", [
    ({"WEIGHTS": "safety:1,beauty:2"}, "does not match any criterion"),
    ({"WEIGHTS": "1,2"}, "2 weights were given for 6 criteria"),
    ({"WEIGHTS": "hospital:1"}, "None of the weighted criteria"),
    ({"TYPE_MAP": "School:party"}, "unknown function 'party'"),
])
def test_bad_input(run_alg, tmp_path, params, message):
    with pytest.raises(QgsProcessingException, match=message):
        run_alg("facilitysuitability", dict({"CANDIDATES": _candidates(), "TYPE_FIELD": "TYPE",
                                             "OUTPUT": str(tmp_path / "s.gpkg")}, **params))


def test_optional_layers_and_point_candidates(run_alg, tmp_path):
    """Hospitals, hazard sources and a vector population feed their criteria; points need AREA_FIELD."""
    hospitals = f"{JAKARTA}|layername=buildings|subset=\"TYPE\" = 'Hospital'"
    sources = f"{JAKARTA}|layername=buildings|subset=\"TYPE\" = 'Industrial'"
    fb = Capture()
    res = run_alg("facilitysuitability", {
        "CANDIDATES": _candidates(), "TYPE_FIELD": "TYPE", "FLOORS_FIELD": "LEVELS", "HOSPITALS": hospitals,
        "HAZARD_SOURCES": sources, "SOURCE_BUFFER_M": 300, "OUTPUT": str(tmp_path / "s.gpkg")}, fb)
    out = read_gdf(res["OUTPUT"])
    b = read_gdf(JAKARTA, "buildings").to_crs(32748)
    cand = b[b["TYPE"].isin(["School", "Sports Facility", "Government"])].reset_index(drop=True)
    hosp = b[b["TYPE"] == "Hospital"].geometry.to_numpy()
    ind = b[b["TYPE"] == "Industrial"].geometry.to_numpy()
    d_h = np.array([shapely.distance(g, hosp).min() for g in cand.geometry])
    d_s = np.array([shapely.distance(g, ind).min() for g in cand.geometry])
    o = out.set_index("site_id").loc[cand["fid"].astype(int)]
    assert np.allclose(o["c_hospital"].to_numpy(), np.clip(1 - d_h / 3000, 0, 1), atol=2e-3)
    near = d_s < 300
    assert near.sum() > 0
    assert np.array_equal(o["reasons"].fillna("").str.contains("from a hazard source").to_numpy(), near)
    # the same sites as points without an area: no shelter area known
    pts = tmp_path / "pts.gpkg"
    from tests.processing.test_shelter_coverage import write_layer

    cand4326 = read_gdf(JAKARTA, "buildings")
    cand4326 = cand4326[cand4326["TYPE"].isin(["School"])].head(5)
    layer = write_layer(pts, shapely.centroid(cand4326.geometry.to_numpy()), 4326, {"kind": ["School"] * 5})
    fb = Capture()
    res = run_alg("facilitysuitability", {"CANDIDATES": layer, "TYPE_FIELD": "kind", "OUTPUT": str(tmp_path / "p.gpkg")}, fb)
    p = read_gdf(res["OUTPUT"])
    assert p["reasons"].str.contains("effective area unknown").all() and not p["eligible"].astype(bool).any()
    assert "every score is 0" in fb.text() and "No candidate is eligible" in fb.text()


def test_whole_file_layer_read_in_bulk_and_a_selection_honoured(run_alg, tmp_path):
    """A whole GeoPackage layer of candidates (read in bulk through GDAL) gives its own feature ids and the
    capacities by hand; the same layer with two selected features gives only those two."""
    from osgeo import ogr, osr
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer

    path = tmp_path / "sites.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32748)
    lyr = ds.CreateLayer("sites", srs, ogr.wkbPolygon)
    for name, kind in (("kind", ogr.OFTString), ("floors", ogr.OFTString), ("area", ogr.OFTReal)):
        lyr.CreateField(ogr.FieldDefn(name, kind))
    rows = [(11, "School ", "4-7", None, 60.0), (12, "gudang", "2", 5000.0, 40.0), (13, "公园", None, None, 100.0),
            (14, "residential", "3", None, 50.0)]
    for fid, kind, floors, area, side in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetFID(fid)
        f.SetField("kind", kind)
        if floors is not None:
            f.SetField("floors", floors)
        if area is not None:
            f.SetField("area", area)
        x0, y0 = 700000.0 + 500 * fid, 9300000.0
        f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(shapely.box(x0, y0, x0 + side, y0 + side))))
        lyr.CreateFeature(f)
    ds = None
    res = run_alg("facilitysuitability", {"CANDIDATES": f"{path}|layername=sites", "TYPE_FIELD": "kind",
                                          "FLOORS_FIELD": "floors", "AREA_FIELD": "area", "TYPE_MAP": "gudang:supply",
                                          "OUTPUT": str(tmp_path / "out.gpkg")})
    o = read_gdf(res["OUTPUT"]).set_index("site_id")
    assert sorted(o.index.tolist()) == [11, 12, 13, 14]
    # by hand: school 60 x 60 m x 0.6 x 4 floors / 2 m2; the park outdoor 100 x 100 x 0.6 / 2; gudang 5000 m2 x 2 floors
    assert o.loc[11, "capacity_persons"] == np.floor(60 * 60 * 0.6 * 4 / 2.0)
    assert o.loc[11, "cap_isolation"] == np.floor(60 * 60 * 0.6 * 4 / 20.0)
    assert o.loc[13, "capacity_persons"] == np.floor(100 * 100 * 0.6 / 2.0)
    assert o.loc[12, "supply_area_m2"] == pytest.approx(10000.0) and o.loc[12, "capacity_persons"] == 0
    assert not bool(o.loc[14, "eligible"]) and "has no emergency function" in o.loc[14, "reasons"]
    layer = QgsVectorLayer(f"{path}|layername=sites", "sites", "ogr")
    QgsProject.instance().addMapLayer(layer)
    try:
        layer.selectByIds([12, 13])
        res = run_alg("facilitysuitability", {
            "CANDIDATES": QgsProcessingFeatureSourceDefinition(layer.id(), True), "TYPE_FIELD": "kind",
            "FLOORS_FIELD": "floors", "AREA_FIELD": "area", "OUTPUT": str(tmp_path / "sel.gpkg")})
        assert sorted(read_gdf(res["OUTPUT"])["site_id"].tolist()) == [12, 13]
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
