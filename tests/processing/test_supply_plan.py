"""resilience:supplyplan through processing.run: hand case with a shortfall, stock fields, bad input."""

from pathlib import Path

import pytest
import shapely
from qgis.core import QgsProcessingException, QgsVectorLayer

from resilience_plugin.maps.styles import apply_style
from tests.helpers import read_gdf
from tests.processing.test_shelter_coverage import Capture, write_layer

X0, Y0 = 500000.0, 2500000.0


def _case(tmp_path, water=(500, 100), block=False):
    """A 1000 m road (lines 0-500, 500-800, 800-1000 m); depots D1 (x=0) and D2 (x=1000); shelters S1 (x=200, 10
    persons) and
    S2 (x=900, 25 persons)."""
    tmp_path.mkdir(exist_ok=True)
    cuts = [0, 500, 800, 1000]
    roads = write_layer(
        tmp_path / "roads.gpkg",
        [shapely.LineString([(X0 + a, Y0), (X0 + b, Y0)]) for a, b in zip(cuts, cuts[1:])],
        32650,
        {"highway": ["primary"] * 3},
    )
    depots = write_layer(
        tmp_path / "depots.gpkg",
        [shapely.Point(X0, Y0), shapely.Point(X0 + 1000, Y0)],
        32650,
        {"name": ["D1", "D2"], "w_stock": list(water), "food": [1000, 0]},
    )
    shelters = write_layer(
        tmp_path / "shelters.gpkg",
        [shapely.Point(X0 + 200, Y0), shapely.Point(X0 + 900, Y0)],
        32650,
        {"name": ["S1", "S2"], "load": [10, 25]},
    )
    params = {
        "SHELTERS": shelters,
        "PERSONS_FIELD": "load",
        "SHELTER_ID_FIELD": "name",
        "DEPOTS": depots,
        "DEPOT_ID_FIELD": "name",
        "STOCK_FIELDS": "water=w_stock",
        "NEEDS": "water:10,food:1",
        "DAYS": 2,
        "ROADS": roads,
        "OUTPUT_FLOWS": str(tmp_path / "f.gpkg"),
        "OUTPUT_TABLE": str(tmp_path / "t.gpkg"),
    }
    if block:
        params["HAZARD"] = write_layer(
            tmp_path / "hz.gpkg", [shapely.box(X0 + 600, Y0 - 10, X0 + 700, Y0 + 10)], 32650, {"level": [3]}
        )
    return params


def test_hand_case(run_alg, tmp_path):
    fb = Capture()
    res = run_alg("supplyplan", _case(tmp_path), fb)
    t = read_gdf(res["OUTPUT_TABLE"])
    w = t[t["item"] == "water"]
    # needs: 10 L x 2 days x 10 / 25 persons = 200 / 500 L; stocks 500 + 100 = 600 -> 100 L short at S2
    assert w["need"].tolist() == pytest.approx([200, 500])
    assert w["delivered"].tolist() == pytest.approx([200, 400])
    assert w["shortfall"].tolist() == pytest.approx([0, 100])
    assert w["shortfall_pct"].tolist() == pytest.approx([0, 20])
    f = read_gdf(res["OUTPUT_FLOWS"])
    fw = f[f["item"] == "water"]
    # least tonne-km: D2 -> S2 100 L (0.1 km), D1 -> S1 200 L (0.2 km), D1 -> S2 300 L (0.9 km)
    got = sorted(zip(fw["depot_id"], fw["shelter_id"], fw["amount"].round(6), fw["km"].round(6)))
    assert got == [("D1", "S1", 200, 0.2), ("D1", "S2", 300, 0.9), ("D2", "S2", 100, 0.1)]
    assert fw["tonne_km"].sum() == pytest.approx(0.1 * 0.1 + 0.2 * 0.2 + 0.3 * 0.9)
    # food: 1 kg x 2 days x 35 persons = 70 kg, all from D1
    food = t[t["item"] == "food"]
    assert food["delivered"].tolist() == pytest.approx([20, 50])
    assert "'water': need 700 L, delivered 600, shortfall 100" in fb.text()
    layer = QgsVectorLayer(res["OUTPUT_FLOWS"], "f", "ogr")
    ok, message = apply_style(layer, "supply_flows")
    assert ok, message


def test_blocked_road_cuts_a_depot(run_alg, tmp_path):
    res = run_alg("supplyplan", _case(tmp_path, block=True))
    w = read_gdf(res["OUTPUT_TABLE"])
    w = w[w["item"] == "water"]
    # the road 500-800 m is closed: D1 reaches only S1 (200 L), D2 only S2 (its 100 L): S2 is 400 L short
    assert w["delivered"].tolist() == pytest.approx([200, 100])
    assert w["shortfall"].tolist() == pytest.approx([0, 400])
    f = read_gdf(res["OUTPUT_FLOWS"])
    assert not ((f["depot_id"] == "D2") & (f["shelter_id"] == "S1")).any()


def test_bad_input(run_alg, tmp_path):
    params = _case(tmp_path / "a")
    with pytest.raises(QgsProcessingException, match=r"without a stock field in the depots layer: masks \(masks\)"):
        run_alg("supplyplan", dict(params, NEEDS="water:10,masks:1"))
    assert not Path(params["OUTPUT_FLOWS"]).exists() and not Path(params["OUTPUT_TABLE"]).exists()
    with pytest.raises(QgsProcessingException, match="NEEDS: 'water' is not item:amount"):
        run_alg("supplyplan", dict(params, NEEDS="water"))
    fb = Capture()
    res = run_alg("supplyplan", _case(tmp_path / "b", water=("lots", -3)), fb)
    assert "2 depot(s) have a NULL, negative or text stock of 'water' in 'w_stock'; counted as 0." in fb.text()
    w = read_gdf(res["OUTPUT_TABLE"])
    assert w.loc[w["item"] == "water", "shortfall"].tolist() == pytest.approx([200, 500])
    # a NULL stock counts as 0: D2's 100 units go to S2 (100 m away, against 800 m to S1)
    fb = Capture()
    res = run_alg("supplyplan", _case(tmp_path / "c", water=(None, 100)), fb)
    assert "1 depot(s) have a NULL, negative or text stock of 'water' in 'w_stock'; counted as 0." in fb.text()
    w = read_gdf(res["OUTPUT_TABLE"])
    assert w.loc[w["item"] == "water", "shortfall"].tolist() == pytest.approx([200, 400])
