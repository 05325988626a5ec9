"""resilience:lifecircle through processing.run: hand case with units, defaults, bad input, Futian vs networkx."""

from pathlib import Path

import numpy as np
import pytest
import shapely
from qgis.core import QgsProcessingException, QgsVectorLayer

from resilience_plugin.maps.styles import apply_style
from tests.core.test_network import _futian, _nx_reference
from tests.helpers import read_gdf
from tests.processing.test_shelter_coverage import Capture, write_layer

DATA = Path(__file__).resolve().parents[1] / "data"
X0, Y0 = 500000.0, 2500000.0


def _case(tmp_path):
    """A 1000 m street; school at x=0, market at x=900, park at x=500; residents 5 m off the street at
    x=100 (10), 600 (30) and 950 (60)."""
    roads = write_layer(
        tmp_path / "roads.gpkg", [shapely.LineString([(X0, Y0), (X0 + 1000, Y0)])], 32650, {"highway": ["residential"]}
    )
    layers = [
        write_layer(tmp_path / f"{n}.gpkg", [shapely.Point(X0 + x, Y0)], 32650, {"name": [n]}, layer=n)
        for n, x in (("school", 0), ("market", 900), ("park", 500))
    ]
    dem = write_layer(
        tmp_path / "dem.gpkg",
        [shapely.Point(X0 + x, Y0 + 5) for x in (100, 600, 950)],
        32650,
        {"pop": [10.0, 30.0, 60.0]},
    )
    return {
        "SERVICES": layers,
        "DEMAND": dem,
        "POPULATION_FIELD": "pop",
        "ROADS": roads,
        "WALK_KMH": 6.0,
        "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"),
    }


def test_hand_case_and_units(run_alg, tmp_path):
    units = write_layer(
        tmp_path / "units.gpkg",
        [shapely.box(X0 - 50, Y0 - 50, X0 + 350, Y0 + 50), shapely.box(X0 + 350, Y0 - 50, X0 + 1050, Y0 + 50)],
        32650,
        {"code": ["W", "E"]},
    )
    fb = Capture()
    # 6 km/h = 100 m/min: school 10 min = 1000 m, market 5 min = 500 m, park 3 min = 300 m
    res = run_alg(
        "lifecircle",
        dict(
            _case(tmp_path),
            SERVICE_NAMES="School,Market,Park",
            SERVICE_MINUTES="10,5,3",
            UNITS=units,
            UNIT_ID_FIELD="code",
            OUTPUT_TABLE=str(tmp_path / "t.gpkg"),
        ),
        fb,
    )
    d = read_gdf(res["OUTPUT_DEMAND"])
    # walks: school 105 / 605 / 955; market 805 / 305 / 55; park 405 / 105 / 455
    assert d["school_m"].tolist() == pytest.approx([105, 605, 955])
    assert d["market_m"].isna().tolist() == [True, False, False]
    assert d["market_m"][1:].tolist() == pytest.approx([305, 55])
    assert d["park_m"].isna().tolist() == [True, False, True]
    assert d["n_reached"].tolist() == [1, 3, 2]
    assert d["all_reached"].astype(bool).tolist() == [False, True, False]
    assert d["missing"].tolist() == ["Market, Park", "", "Park"]
    t = read_gdf(res["OUTPUT_TABLE"])
    assert t["unit_id"].tolist() == ["W", "E"]
    assert t["population"].tolist() == pytest.approx([10, 90])
    assert t["pct_school"].tolist() == pytest.approx([100, 100])
    assert t["pct_market"].tolist() == pytest.approx([0, 100])
    assert t["pct_park"].tolist() == pytest.approx([0, 100 / 3])
    assert t["pct_all"].tolist() == pytest.approx([0, 100 / 3])
    assert t["missing"].tolist() == ["Market, Park", "Park"]
    assert "All 3 services within reach: 30.0 % of residents." in fb.text()
    assert "'Park': 30.0 % of residents within reach." in fb.text()
    layer = QgsVectorLayer(res["OUTPUT_DEMAND"], "d", "ogr")
    ok, message = apply_style(layer, "life_circle")
    assert ok, message
    assert layer.renderer().classAttribute() == "n_missing"


def test_defaults_from_the_standard_are_logged(run_alg, tmp_path):
    fb = Capture()
    res = run_alg(
        "lifecircle", dict(_case(tmp_path), SERVICE_NAMES="primary school,菜市场,libraries", WALK_KMH=4.0), fb
    )
    assert "Service 'primary school': 1 facilit(ies), 10 min (default for 'primary_school') = 667 m." in fb.text()
    assert "Service '菜市场': 1 facilit(ies), 10 min (default for 'market') = 667 m." in fb.text()
    assert "Service 'libraries': 1 facilit(ies), 15 min (general default) = 1000 m." in fb.text()
    d = read_gdf(res["OUTPUT_DEMAND"])
    # field stems from the names: non-word characters become _
    assert {"primary_school_m", "菜市场_m", "libraries_m"} <= set(d.columns)


def test_bad_input(run_alg, tmp_path):
    params = _case(tmp_path)
    with pytest.raises(QgsProcessingException, match="SERVICE_MINUTES lists 2 value"):
        run_alg("lifecircle", dict(params, SERVICE_MINUTES="10,5"))
    with pytest.raises(QgsProcessingException, match="'ten' is not a positive number"):
        run_alg("lifecircle", dict(params, SERVICE_MINUTES="ten,5,5"))
    with pytest.raises(QgsProcessingException, match="SERVICE_NAMES lists 1 name"):
        run_alg("lifecircle", dict(params, SERVICE_NAMES="school"))
    empty = write_layer(tmp_path / "empty.gpkg", [shapely.Point(X0, Y0)], 32650, {"name": ["x"]}, layer="clinic")
    from osgeo import ogr

    ds = ogr.Open(str(tmp_path / "empty.gpkg"), 1)
    ds.ExecuteSQL("DELETE FROM clinic")
    ds = None
    with pytest.raises(QgsProcessingException, match="The service layer 'empty' has no facility"):
        run_alg("lifecircle", dict(params, SERVICES=params["SERVICES"] + [empty]))
    assert not Path(params["OUTPUT_DEMAND"]).exists()


def test_futian_matches_networkx(run_alg, tmp_path):
    roads, fac, dem = _futian(n_fac=30, n_dem=300, seed=41)
    groups = [fac[:8], fac[8:18], fac[18:]]
    layers = [write_layer(tmp_path / f"s{k}.gpkg", list(g), 4547, {"k": [k] * len(g)}) for k, g in enumerate(groups)]
    minutes = [15, 12, 15]
    res = run_alg(
        "lifecircle",
        {
            "SERVICES": layers,
            "SERVICE_NAMES": "a,b,c",
            "SERVICE_MINUTES": ",".join(map(str, minutes)),
            "WALK_KMH": 4.0,
            "DEMAND": write_layer(tmp_path / "d_in.gpkg", list(dem), 4547, {"pop": [1.0] * len(dem)}),
            "POPULATION_FIELD": "pop",
            "ROADS": str(DATA / "futian.gpkg") + "|layername=road_edges",
            "SNAP_TOLERANCE_M": 0.01,
            "MAX_SNAP_M": 0,
            "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"),
        },
    )
    d = read_gdf(res["OUTPUT_DEMAND"])
    # the plugin measures in its chosen metric CRS (the roads are in EPSG:4326): allow 0.5 % and skip limit ties
    all_ref = np.ones(len(dem), dtype=bool)
    for name, g, m in zip("abc", groups, minutes):
        limit = m * 4000 / 60
        ref, _ = _nx_reference(roads, g, dem)
        got = d[f"{name}_m"].to_numpy(dtype=float)
        clear = np.abs(ref - limit) > 0.01 * limit
        assert np.array_equal(np.isfinite(got)[clear], (ref <= limit)[clear])
        both = np.isfinite(got) & (ref <= limit)
        assert both.sum() > 25
        assert np.allclose(got[both], ref[both], rtol=0.005)
        all_ref &= ref <= limit
    assert all_ref.sum() > 5
    assert abs(int(d["all_reached"].astype(bool).sum()) - int(all_ref.sum())) <= 3
