"""resilience:sheltercoverage through processing.run: Futian vs networkx, hand cases, bad input."""

from pathlib import Path

import numpy as np
import pytest
import shapely
from osgeo import gdal, ogr, osr
from pyproj import Geod, Transformer
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from tests.core.test_network import _futian, _nx_reference
from tests.feedback import Capture
from tests.helpers import read_gdf

DATA = Path(__file__).resolve().parents[1] / "data"


def write_layer(path, geoms, epsg, fields=None, layer="data"):
    """Write shapely geometries (+ {name: values}) with the system GDAL."""
    fields = fields or {}
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    gtype = {0: ogr.wkbPoint, 1: ogr.wkbLineString, 3: ogr.wkbPolygon}[int(shapely.get_type_id(geoms[0]))]
    lyr = ds.CreateLayer(layer, srs, gtype)
    for name, values in fields.items():
        kind = ogr.OFTReal if all(v is None or isinstance(v, (int, float)) for v in values) else ogr.OFTString
        lyr.CreateField(ogr.FieldDefn(name, kind))
    for i, g in enumerate(geoms):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(g)))
        for name, values in fields.items():
            if values[i] is not None:
                f.SetField(name, values[i])
        lyr.CreateFeature(f)
    lyr = None
    ds = None
    return f"{path}|layername={layer}"


def _street_case(tmp_path, capacities=(100, 50), fac_y=0.0):
    """Metric hand case (EPSG:32650): a 1000 m street with an island street, two facilities at the ends."""
    x0, y0 = 500000.0, 2500000.0
    roads = [shapely.LineString([(x0, y0), (x0 + 500, y0)]), shapely.LineString([(x0 + 500, y0), (x0 + 1000, y0)]),
             shapely.LineString([(x0 + 5000, y0), (x0 + 5200, y0)]),
             shapely.LineString([(x0 + 1000, y0), (x0 + 1000, y0)])]  # a zero-length line
    fac = [shapely.Point(x0, y0 + fac_y), shapely.Point(x0 + 1000, y0 + fac_y)]
    dem = [shapely.Point(x0 + x, y0 + 10) for x in (100, 300, 600, 900, 5100)]
    return (write_layer(tmp_path / "roads.gpkg", roads, 32650, {"highway": ["residential", "residential", "residential", "service"]}),
            write_layer(tmp_path / "fac.gpkg", fac, 32650, {"cap": list(capacities), "name": ["A", "B"]}),
            write_layer(tmp_path / "dem.gpkg", dem, 32650, {"pop": [80.0, 50.0, 40.0, 30.0, 99.0]}))


def test_mode1_hand_case_and_units(run_alg, tmp_path):
    roads, fac, dem = _street_case(tmp_path)
    x0, y0 = 500000.0, 2500000.0
    units = write_layer(tmp_path / "units.gpkg", [shapely.box(x0 - 50, y0 - 50, x0 + 450, y0 + 50),
                                                  shapely.box(x0 + 450, y0 - 50, x0 + 1050, y0 + 50)], 32650, {"code": ["W", "E"]})
    fb = Capture()
    res = run_alg("sheltercoverage", {
        "FACILITIES": fac, "CAPACITY_FIELD": "cap", "FACILITY_ID_FIELD": "name", "DEMAND": dem, "POPULATION_FIELD": "pop",
        "ROADS": roads, "MAX_DISTANCE_M": 2000, "MODE": 1, "UNITS": units, "UNIT_ID_FIELD": "code",
        "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"), "OUTPUT_FACILITIES": str(tmp_path / "f.gpkg"),
        "OUTPUT_TABLE": str(tmp_path / "t.gpkg"), "OUTPUT_AREAS": str(tmp_path / "a.gpkg")}, fb)
    d = read_gdf(res["OUTPUT_DEMAND"])
    f = read_gdf(res["OUTPUT_FACILITIES"])
    t = read_gdf(res["OUTPUT_TABLE"])
    # by hand: A (100) takes 80 at x=100 and 20 of the 50 at x=300; B (50) takes 30 at x=900 and 20 of 40 at x=600
    assert d["persons_assigned"].tolist() == pytest.approx([80, 20, 20, 30, 0])
    assert d["persons_unserved"].tolist() == pytest.approx([0, 30, 20, 0, 99])
    assert d["facility_id"].tolist()[:4] == ["A", "A", "B", "B"] and d["facility_id"][4] is None
    assert d["walk_m"].tolist()[:4] == pytest.approx([110, 310, 410, 110])
    assert d["walk_min"][0] == pytest.approx(110 / (4000 / 60))
    assert f["assigned_persons"].tolist() == pytest.approx([100, 50])
    assert f["load_ratio"].tolist() == pytest.approx([1.0, 1.0])
    assert (f["assigned_persons"] <= f["capacity"]).all()
    # units: W holds x=100, 300 (130 persons) and A (100); E holds 600, 900 (70) and B (50)
    assert t["unit_id"].tolist() == ["W", "E"]
    assert t["population"].tolist() == pytest.approx([130, 70])
    assert t["covered"].tolist() == pytest.approx([100, 50])
    assert t["capacity"].tolist() == pytest.approx([100, 50])
    assert t["deficit"].tolist() == pytest.approx([30, 20])
    a = read_gdf(res["OUTPUT_AREAS"])
    assert sorted(a["facility_id"]) == ["A", "B"]
    assert "1 zero-length" in fb.text() or "zero-length" in fb.text()
    assert "2 connected part(s)" in fb.text()


def test_mode0_and_far_facility(run_alg, tmp_path):
    roads, fac, dem = _street_case(tmp_path, fac_y=300.0)
    fb = Capture()
    res = run_alg("sheltercoverage", {
        "FACILITIES": fac, "DEMAND": dem, "POPULATION_FIELD": "pop", "ROADS": roads, "MAX_SNAP_M": 200,
        "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"), "OUTPUT_FACILITIES": str(tmp_path / "f.gpkg")}, fb)
    assert "2 facilit(ies) are farther than 200 m from any passable street" in fb.text()
    d = read_gdf(res["OUTPUT_DEMAND"])
    assert not d["covered"].astype(bool).any()


def _mode1(tmp_path, name, capacities):
    folder = tmp_path / name
    folder.mkdir()
    roads, fac, dem = _street_case(folder, capacities=capacities)
    return {"FACILITIES": fac, "CAPACITY_FIELD": "cap", "DEMAND": dem, "POPULATION_FIELD": "pop", "ROADS": roads,
            "MODE": 1, "OUTPUT_DEMAND": str(folder / "d.gpkg"), "OUTPUT_FACILITIES": str(folder / "f.gpkg")}


def test_all_capacities_null_or_negative(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match="No facility has a valid capacity"):
        run_alg("sheltercoverage", _mode1(tmp_path, "a", (None, -5)))


def test_null_zero_negative_capacities_are_reported(run_alg, tmp_path):
    fb = Capture()
    res = run_alg("sheltercoverage", _mode1(tmp_path, "b", (None, 0)), fb)
    assert "1 facilit(ies) have no capacity (NULL)" in fb.text()
    assert "1 facilit(ies) have a capacity of 0 and take nobody" in fb.text()
    assert read_gdf(res["OUTPUT_DEMAND"])["persons_assigned"].sum() == 0
    fb = Capture()
    res = run_alg("sheltercoverage", _mode1(tmp_path, "c", (-3, 60)), fb)
    assert "1 facilit(ies) have a negative capacity" in fb.text()
    # only B (60) serves: 30 at x=900 and 30 of the 40 at x=600
    assert read_gdf(res["OUTPUT_FACILITIES"])["assigned_persons"].tolist() == pytest.approx([0, 60])


def test_mode1_needs_capacity_field(run_alg, tmp_path):
    roads, fac, dem = _street_case(tmp_path)
    with pytest.raises(QgsProcessingException, match="needs the CAPACITY_FIELD"):
        run_alg("sheltercoverage", {"FACILITIES": fac, "DEMAND": dem, "POPULATION_FIELD": "pop", "ROADS": roads, "MODE": 1,
                                    "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"), "OUTPUT_FACILITIES": str(tmp_path / "f.gpkg")})


def test_vector_demand_needs_population_field(run_alg, tmp_path):
    roads, fac, dem = _street_case(tmp_path)
    with pytest.raises(QgsProcessingException, match="POPULATION_FIELD"):
        run_alg("sheltercoverage", {"FACILITIES": fac, "DEMAND": dem, "ROADS": roads,
                                    "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"), "OUTPUT_FACILITIES": str(tmp_path / "f.gpkg")})


def test_mode2_selection(run_alg, tmp_path):
    roads, fac, dem = _street_case(tmp_path)
    x0, y0 = 500000.0, 2500000.0
    cand = write_layer(tmp_path / "cand.gpkg", [shapely.Point(x0 + 600, y0), shapely.Point(x0 + 5100, y0)], 32650, {"k": [1.0, 2.0]})
    fb = Capture()
    res = run_alg("sheltercoverage", {
        "FACILITIES": fac, "DEMAND": dem, "POPULATION_FIELD": "pop", "ROADS": roads, "MAX_DISTANCE_M": 150, "MODE": 2,
        "CANDIDATES": cand, "CANDIDATE_CAPACITY_FIELD": "k", "MAX_NEW": 1,
        "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"), "OUTPUT_FACILITIES": str(tmp_path / "f.gpkg")}, fb)
    # existing cover x=100 (80) and x=900 (30); the island candidate adds 99, the one at 600 only 40
    f = read_gdf(res["OUTPUT_FACILITIES"])
    assert f["is_new"].astype(bool).tolist() == [False, False, True]
    assert f["facility_id"].tolist()[2] == "new:2"
    # the chosen island site (capacity 2) takes the 99 persons there: load ratio 49.5
    assert f["capacity"][2] == 2 and f["load_ratio"][2] == pytest.approx(99 / 2)
    d = read_gdf(res["OUTPUT_DEMAND"])
    assert d["persons_assigned"].sum() == pytest.approx(80 + 30 + 99)
    assert "LP upper bound" in fb.text()


def test_mode2_candidate_off_the_network_is_reported(run_alg, tmp_path):
    roads, fac, dem = _street_case(tmp_path)
    x0, y0 = 500000.0, 2500000.0
    # the second candidate stands 3 km from every street (MAX_SNAP_M 500): it cannot be chosen, and the log says so
    cand = write_layer(tmp_path / "cand.gpkg", [shapely.Point(x0 + 600, y0), shapely.Point(x0 + 600, y0 + 3000)], 32650)
    fb = Capture()
    res = run_alg("sheltercoverage", {
        "FACILITIES": fac, "DEMAND": dem, "POPULATION_FIELD": "pop", "ROADS": roads, "MAX_DISTANCE_M": 150, "MODE": 2,
        "CANDIDATES": cand, "MAX_NEW": 2, "MAX_SNAP_M": 500,
        "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"), "OUTPUT_FACILITIES": str(tmp_path / "f.gpkg")}, fb)
    assert "1 candidate site(s) are farther than 500 m" in fb.text()
    f = read_gdf(res["OUTPUT_FACILITIES"])
    assert f["facility_id"].tolist()[2:] == ["new:1"]  # only the candidate at x = 600 (40 persons newly covered)


def test_futian_geographic_crs_matches_networkx(run_alg, tmp_path):
    roads, fac, dem = _futian(n_fac=15, n_dem=300, seed=21)
    rng = np.random.default_rng(4)
    pop = rng.integers(1, 100, len(dem)).astype(float)
    to_ll = Transformer.from_crs(4547, 4326, always_xy=True)

    def ll(g):
        return shapely.transform(g, lambda xy: np.column_stack(to_ll.transform(xy[:, 0], xy[:, 1])))

    fac_path = write_layer(tmp_path / "fac.gpkg", ll(fac), 4326)
    dem_path = write_layer(tmp_path / "dem.gpkg", ll(dem), 4326, {"pop": pop.tolist()})
    res = run_alg("sheltercoverage", {
        "FACILITIES": fac_path, "DEMAND": dem_path, "POPULATION_FIELD": "pop",
        "ROADS": str(DATA / "futian.gpkg") + "|layername=road_edges", "SNAP_TOLERANCE_M": 0.01, "MAX_SNAP_M": 0,
        "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"), "OUTPUT_FACILITIES": str(tmp_path / "f.gpkg")})
    d = read_gdf(res["OUTPUT_DEMAND"])
    ref_d, ref_f = _nx_reference(roads, fac, dem)  # computed in EPSG:4547 (CGCS2000 GK zone 38)
    ok = np.isfinite(ref_d)
    assert np.allclose(d["walk_m"].to_numpy()[ok], ref_d[ok], rtol=0.005)
    limit = 10 * 4000 / 60
    assert d.loc[d["covered"].astype(bool), "persons"].sum() == pytest.approx(pop[ref_d <= limit].sum(), rel=0.005)
    cov = d["covered"].astype(bool).to_numpy()
    assert cov.sum() > 20
    assert (d["facility_id"].to_numpy()[cov].astype(int) - 1 == ref_f[cov]).mean() > 0.98  # gpkg fids start at 1
    f = read_gdf(res["OUTPUT_FACILITIES"])
    assert f["assigned_persons"].sum() == pytest.approx(pop[ref_d <= limit].sum(), rel=0.005)


def test_raster_density_demand(run_alg, tmp_path):
    # a 3 x 2 density raster (persons per km^2) in EPSG:4326 over a Futian street
    path = tmp_path / "pop.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 3, 2, 1, gdal.GDT_Float32)
    x0, y0, dx = 114.01, 22.53, 0.001
    ds.SetGeoTransform((x0, dx, 0, y0, 0, -dx))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ds.SetProjection(srs.ExportToWkt())
    vals = np.array([[1000, 2000, -9999], [0, 500, 3000]], dtype=np.float32)
    ds.GetRasterBand(1).WriteArray(vals)
    ds.GetRasterBand(1).SetNoDataValue(-9999)
    ds = None
    fac = write_layer(tmp_path / "fac.gpkg", [shapely.Point(x0 + 0.0015, y0 - 0.001)], 4326)
    res = run_alg("sheltercoverage", {
        "FACILITIES": fac, "DEMAND": str(path), "RASTER_DENSITY": True, "MAX_SNAP_M": 0,  # the old name of POPULATION_UNIT 0
        "ROADS": str(DATA / "futian.gpkg") + "|layername=road_edges",
        "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"), "OUTPUT_FACILITIES": str(tmp_path / "f.gpkg")})
    d = read_gdf(res["OUTPUT_DEMAND"])
    geod = Geod(ellps="WGS84")
    expected = []
    for r in range(2):
        for c in range(3):
            v = vals[r, c]
            if v > 0:
                lon0, lat1 = x0 + c * dx, y0 - r * dx
                area, _ = geod.polygon_area_perimeter([lon0, lon0 + dx, lon0 + dx, lon0], [lat1, lat1, lat1 - dx, lat1 - dx])
                expected.append(v * abs(area) / 1e6)
    assert len(d) == 4
    assert d["persons"].to_numpy() == pytest.approx(expected, rel=0.005)


def test_flooded_streets_block_and_flooded_facilities_close(run_alg, tmp_path):
    roads, fac, dem = _street_case(tmp_path)
    x0, y0 = 500000.0, 2500000.0
    # a level-3 zone across the street at x = 700..800 and a level-1 zone around facility A (not blocking)
    zones = write_layer(tmp_path / "zones.gpkg", [shapely.box(x0 + 700, y0 - 30, x0 + 800, y0 + 30),
                                                  shapely.box(x0 - 30, y0 - 30, x0 + 30, y0 + 30)], 32650, {"level": [3.0, 1.0]})
    fb = Capture()
    res = run_alg("sheltercoverage", {
        "FACILITIES": fac, "DEMAND": dem, "POPULATION_FIELD": "pop", "ROADS": roads, "MAX_DISTANCE_M": 2000,
        "MAX_SNAP_M": 50, "HAZARD": zones, "BLOCK_LEVEL": 2,
        "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"), "OUTPUT_FACILITIES": str(tmp_path / "f.gpkg")}, fb)
    d = read_gdf(res["OUTPUT_DEMAND"])
    # the whole street 500..1000 is one edge and it is flooded: x=600 and x=900 are cut off (no passable
    # street within 50 m), x=100 and x=300 still walk to A, which stays in service (level 1 < 2)
    assert d["facility_id"].tolist()[:4] == ["1", "1", None, None]
    assert d["walk_m"].tolist()[:2] == pytest.approx([110, 310])
    assert "1 street edge(s) impassable, 0 facilit(ies) out of service" in fb.text()
    # blocking from level 1: A is out of service too
    fb = Capture()
    res = run_alg("sheltercoverage", {
        "FACILITIES": fac, "DEMAND": dem, "POPULATION_FIELD": "pop", "ROADS": roads, "MAX_DISTANCE_M": 2000,
        "MAX_SNAP_M": 50, "HAZARD": zones, "BLOCK_LEVEL": 1,
        "OUTPUT_DEMAND": str(tmp_path / "d1.gpkg"), "OUTPUT_FACILITIES": str(tmp_path / "f1.gpkg")}, fb)
    f = read_gdf(res["OUTPUT_FACILITIES"])
    # A stands in the level-1 zone (out of service); B is more than 50 m from a passable street
    assert f["in_service"].astype(bool).tolist() == [False, False]
    assert "1 facilit(ies) out of service" in fb.text()
    assert "1 facilit(ies) are farther than 50 m from any passable street" in fb.text()


def test_inputs_untouched_and_cancel(run_alg, tmp_path):
    import hashlib

    roads, fac, dem = _street_case(tmp_path)
    files = [tmp_path / "roads.gpkg", tmp_path / "fac.gpkg", tmp_path / "dem.gpkg"]
    before = [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
    params = {"FACILITIES": fac, "CAPACITY_FIELD": "cap", "DEMAND": dem, "POPULATION_FIELD": "pop", "ROADS": roads,
              "MODE": 1, "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"), "OUTPUT_FACILITIES": str(tmp_path / "f.gpkg")}
    run_alg("sheltercoverage", params)
    assert [hashlib.sha256(f.read_bytes()).hexdigest() for f in files] == before
    fb = QgsProcessingFeedback()
    fb.cancel()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("sheltercoverage", dict(params, OUTPUT_DEMAND=str(tmp_path / "d2.gpkg"), OUTPUT_FACILITIES=str(tmp_path / "f2.gpkg")), fb)
