"""resilience:evacuationplan through processing.run: hand cases, blocking, bad input, Futian."""

import re
from pathlib import Path

import numpy as np
import pytest
import shapely
from qgis.core import QgsProcessingException, QgsVectorLayer

from resilience_plugin.maps.styles import apply_style
from tests.core.test_network import _futian
from tests.helpers import read_gdf
from tests.processing.test_shelter_coverage import Capture, write_layer

DATA = Path(__file__).resolve().parents[1] / "data"
X0, Y0 = 500000.0, 2500000.0


def _case(tmp_path, capacities=(100, 100), block=None, extra_shelter=False):
    """A 1000 m street (in three lines: 0-150, 150-250, 250-1000 m); shelters A (x=400) and B (x=100); evacuees o1
    (x=300, 100 persons) and o2 (x=510,
    100 persons) 10 m off the street in level-2 zones; 99 persons at x=700 in a level-1 zone (they stay).
    Walks: o1->A 110, o1->B 210, o2->A 120, o2->B 420."""
    tmp_path.mkdir(exist_ok=True)
    cuts = [0, 150, 250, 1000]
    roads = write_layer(
        tmp_path / "roads.gpkg",
        [shapely.LineString([(X0 + a, Y0), (X0 + b, Y0)]) for a, b in zip(cuts, cuts[1:])],
        32650,
        {"highway": ["residential"] * 3},
    )
    fac = [shapely.Point(X0 + 400, Y0), shapely.Point(X0 + 100, Y0)]
    names = ["A", "B"]
    caps = list(capacities)
    if extra_shelter:  # inside the evacuation zone of o1: never used
        fac.append(shapely.Point(X0 + 305, Y0 - 5))
        names.append("C")
        caps.append(1000)
    shelters = write_layer(tmp_path / "shelters.gpkg", fac, 32650, {"cap": caps, "name": names})
    dem = write_layer(
        tmp_path / "dem.gpkg",
        [shapely.Point(X0 + 300, Y0 + 10), shapely.Point(X0 + 510, Y0 + 10), shapely.Point(X0 + 700, Y0 + 10)],
        32650,
        {"pop": [100.0, 100.0, 99.0]},
    )
    zones = [
        shapely.box(X0 + 250, Y0 - 30, X0 + 350, Y0 + 30),
        shapely.box(X0 + 490, Y0 - 30, X0 + 530, Y0 + 30),
        shapely.box(X0 + 650, Y0 - 30, X0 + 750, Y0 + 30),
    ]
    levels = [2, 2, 1]
    if block is not None:
        zones.append(shapely.box(X0 + block[0], Y0 - 30, X0 + block[1], Y0 + 30))
        levels.append(3)
    hazard = write_layer(tmp_path / "hazard.gpkg", zones, 32650, {"level": levels})
    return {
        "SHELTERS": shelters,
        "CAPACITY_FIELD": "cap",
        "SHELTER_ID_FIELD": "name",
        "DEMAND": dem,
        "POPULATION_FIELD": "pop",
        "HAZARD": hazard,
        "ROADS": roads,
        "MAX_DISTANCE_M": 1000,
        "OUTPUT_ORIGINS": str(tmp_path / "o.gpkg"),
        "OUTPUT_SHELTERS": str(tmp_path / "s.gpkg"),
        "OUTPUT_FLOWS": str(tmp_path / "f.gpkg"),
    }


def test_hand_case_optimal_and_greedy(run_alg, tmp_path):
    params = _case(tmp_path, extra_shelter=True)
    units = write_layer(
        tmp_path / "units.gpkg",
        [shapely.box(X0 - 50, Y0 - 100, X0 + 350, Y0 + 100), shapely.box(X0 + 350, Y0 - 100, X0 + 1050, Y0 + 100)],
        32650,
        {"code": ["W", "E"]},
    )
    fb = Capture()
    res = run_alg(
        "evacuationplan", dict(params, UNITS=units, UNIT_ID_FIELD="code", OUTPUT_TABLE=str(tmp_path / "t.gpkg")), fb
    )
    o = read_gdf(res["OUTPUT_ORIGINS"])
    # only the two level-2 places move; the optimal plan sends o1 to B and o2 to A
    assert o["persons"].tolist() == [100, 100] and o["level"].tolist() == [2, 2]
    assert o["shelter_id"].tolist() == ["B", "A"]
    assert o["walk_m"].tolist() == pytest.approx([210, 120])
    assert o["walk_min"][0] == pytest.approx(210 / (4000 / 60))
    assert o["greedy_shelter_id"].tolist() == ["A", "B"]
    assert o["greedy_walk_m"].tolist() == pytest.approx([110, 420])
    assert o["reason"].tolist() == ["placed", "placed"]
    s = read_gdf(res["OUTPUT_SHELTERS"])
    assert s["shelter_id"].tolist() == ["A", "B", "C"]
    assert s["usable"].astype(bool).tolist() == [True, True, False]
    assert s["load"].tolist() == pytest.approx([100, 100, 0])
    assert s["load_ratio"].tolist()[:2] == pytest.approx([1.0, 1.0])
    f = read_gdf(res["OUTPUT_FLOWS"])
    assert sorted(zip(f["shelter_id"], f["persons"], f["walk_m"])) == [
        ("A", pytest.approx(100), pytest.approx(120)),
        ("B", pytest.approx(100), pytest.approx(210)),
    ]
    assert shapely.get_coordinates(f.geometry[f["shelter_id"] == "B"].iloc[0])[:, 0].tolist() == pytest.approx(
        [X0 + 300, X0 + 100]
    )
    t = read_gdf(res["OUTPUT_TABLE"])
    assert t["unit_id"].tolist() == ["W", "E"]
    assert t["to_move"].tolist() == pytest.approx([100, 100])
    assert t["to_move_l2"].tolist() == pytest.approx([100, 100])
    assert t["mean_walk_m"].tolist() == pytest.approx([210, 120])
    assert t["capacity"].tolist() == pytest.approx([100, 100])  # C (in W) is not usable
    assert t["capacity_deficit"].tolist() == pytest.approx([0, 0])
    # greedy 100 x 110 + 100 x 420 = 53 000 person-m; optimal 33 000: 20 person-km (37.7 %) less
    assert "walks 20.0 person-km (37.7 %) less" in fb.text()
    for key, style in (
        ("OUTPUT_ORIGINS", "evacuation_origins"),
        ("OUTPUT_FLOWS", "evacuation_flows"),
        ("OUTPUT_SHELTERS", "facility_load"),
    ):
        layer = QgsVectorLayer(res[key], key, "ogr")
        ok, message = apply_style(layer, style)
        assert ok, message
        assert layer.renderer().type() in ("categorizedSymbol", "graduatedSymbol")
    assert "1 shelter(s) inside zones of level >= 2 are not used" in fb.text()


def test_blocked_street_and_shortage(run_alg, tmp_path):
    # a level-3 zone closes the street between x=150 and x=250: B is cut off from both evacuees
    fb = Capture()
    res = run_alg("evacuationplan", _case(tmp_path, block=(160, 240)), fb)
    o = read_gdf(res["OUTPUT_ORIGINS"])
    # A (100) takes o1 (110 m, cheaper than o2 at 120 m); o2 cannot be placed
    assert o["placed"].tolist() == pytest.approx([100, 0])
    assert o["unplaced"].tolist() == pytest.approx([0, 100])
    assert o["reason"].tolist() == ["placed", "shelters_full"]
    assert o["reason_text"][1] == "the shelters in reach are full"
    assert "1 street edge(s) closed" in fb.text()
    s = read_gdf(res["OUTPUT_SHELTERS"])
    assert s["load"].tolist() == pytest.approx([100, 0])


def test_no_shelter_in_reach(run_alg, tmp_path):
    fb = Capture()
    res = run_alg("evacuationplan", dict(_case(tmp_path), MAX_DISTANCE_M=50), fb)
    o = read_gdf(res["OUTPUT_ORIGINS"])
    assert o["unplaced"].tolist() == pytest.approx([100, 100])
    assert set(o["reason"]) == {"no_shelter_in_reach"}
    assert "No usable shelter is within 50 m of anyone who must move" in fb.text()
    assert "all 200 persons are unplaced" in fb.text()
    assert len(read_gdf(res["OUTPUT_FLOWS"])) == 0


def test_bad_capacities(run_alg, tmp_path):
    params = _case(tmp_path / "a", capacities=(None, "lots"))
    with pytest.raises(QgsProcessingException, match="No shelter has a usable capacity in 'cap'"):
        run_alg("evacuationplan", params)
    for key in ("OUTPUT_ORIGINS", "OUTPUT_SHELTERS", "OUTPUT_FLOWS"):
        assert not Path(params[key]).exists()
    fb = Capture()
    res = run_alg("evacuationplan", _case(tmp_path / "b", capacities=("many", 150)), fb)
    assert "1 shelter(s) have a capacity in 'cap' that is not a number" in fb.text()
    assert read_gdf(res["OUTPUT_SHELTERS"])["load"].tolist() == pytest.approx([0, 150])
    fb = Capture()
    run_alg("evacuationplan", _case(tmp_path / "c", capacities=(-4, 150)), fb)
    assert "1 shelter(s) have a negative capacity in 'cap'" in fb.text()
    fb = Capture()
    res = run_alg("evacuationplan", _case(tmp_path / "d", capacities=(None, 150)), fb)
    assert "1 shelter(s) have no capacity (NULL) in 'cap'; they are not used." in fb.text()
    # B (x=100) alone takes 150 of the 200: o1 (100 persons, 210 m) in full, 50 of o2 (420 m)
    s = read_gdf(res["OUTPUT_SHELTERS"])
    assert s["usable"].astype(bool).tolist() == [False, True]
    assert s["load"].tolist() == pytest.approx([0, 150])
    assert read_gdf(res["OUTPUT_ORIGINS"])["placed"].tolist() == pytest.approx([100, 50])


def test_every_shelter_in_the_hazard(run_alg, tmp_path):
    # both shelters inside a level-2 zone: none is usable, everybody is unplaced with the reason, nothing flows
    params = _case(tmp_path)
    zones = read_gdf(params["HAZARD"].split("|")[0])
    wide = shapely.box(X0 + 50, Y0 - 30, X0 + 450, Y0 + 30)
    levels = list(zones["level"]) + [2]
    hazard = write_layer(tmp_path / "hz2.gpkg", list(zones.geometry) + [wide], 32650, {"level": levels})
    fb = Capture()
    res = run_alg("evacuationplan", dict(params, HAZARD=hazard), fb)
    assert "2 shelter(s) inside zones of level >= 2 are not used" in fb.text()
    o = read_gdf(res["OUTPUT_ORIGINS"])
    # o1 (x=300) now lies in the new zone too: still the same two evacuees
    assert o["persons"].tolist() == pytest.approx([100, 100])
    assert o["placed"].tolist() == pytest.approx([0, 0])
    assert set(o["reason"]) == {"no_shelter_in_reach"}
    assert set(o["reason_text"]) == {"no usable shelter within the walking limit"}
    assert "(0 usable shelter(s)): all 200 persons are unplaced" in fb.text()
    assert read_gdf(res["OUTPUT_SHELTERS"])["load"].tolist() == pytest.approx([0, 0])
    assert len(read_gdf(res["OUTPUT_FLOWS"])) == 0


def test_nobody_to_evacuate(run_alg, tmp_path):
    params = dict(_case(tmp_path), EVACUATE_LEVEL=4)
    with pytest.raises(QgsProcessingException, match="Nobody lives in hazard zones of level >= 4"):
        run_alg("evacuationplan", params)
    assert not Path(params["OUTPUT_ORIGINS"]).exists()


@pytest.mark.parametrize("cap_scale", [0.3, 2.0])
def test_futian_lp_never_worse_than_greedy(run_alg, tmp_path, cap_scale):
    roads, fac, dem = _futian(n_fac=30, n_dem=500, seed=31)
    rng = np.random.default_rng(9)
    pop = rng.integers(5, 80, len(dem)).astype(float)
    x0, y0, x1, y1 = roads.total_bounds
    centres = shapely.points(rng.uniform(x0, x1, 6), rng.uniform(y0, y1, 6))
    zones = list(shapely.buffer(centres, 600.0))
    levels = [2, 2, 3, 2, 3, 2]
    cap = np.round(rng.uniform(0.5, 1.5, len(fac)) * pop.sum() / len(fac) * cap_scale)
    fb = Capture()
    res = run_alg(
        "evacuationplan",
        {
            "SHELTERS": write_layer(tmp_path / "s_in.gpkg", list(fac), 4547, {"cap": cap.tolist()}),
            "CAPACITY_FIELD": "cap",
            "DEMAND": write_layer(tmp_path / "d_in.gpkg", list(dem), 4547, {"pop": pop.tolist()}),
            "POPULATION_FIELD": "pop",
            "HAZARD": write_layer(tmp_path / "h_in.gpkg", zones, 4547, {"level": levels}),
            "BLOCK_LEVEL": 3,
            "ROADS": str(DATA / "futian.gpkg") + "|layername=road_edges",
            "SNAP_TOLERANCE_M": 0.01,
            "MAX_DISTANCE_M": 1500,
            "OUTPUT_ORIGINS": str(tmp_path / "o.gpkg"),
            "OUTPUT_SHELTERS": str(tmp_path / "s.gpkg"),
            "OUTPUT_FLOWS": str(tmp_path / "f.gpkg"),
        },
        fb,
    )
    o, s, f = (read_gdf(res[k]) for k in ("OUTPUT_ORIGINS", "OUTPUT_SHELTERS", "OUTPUT_FLOWS"))
    # who must move, independently: demand points in a zone (all zones are level >= 2)
    inside = shapely.intersects(dem[:, None], np.array(zones, dtype=object)[None, :]).any(axis=1)
    assert len(o) == inside.sum() and o["persons"].sum() == pytest.approx(pop[inside].sum())
    # capacities hold, from the flow lines
    load = f.groupby("shelter_id")["persons"].sum()
    caps = s.set_index("shelter_id")["capacity"]
    assert (load <= caps[load.index] + 1e-6).all()
    assert (s["greedy_load"] <= s["capacity"].fillna(0) + 1e-6).all()
    assert (f["walk_m"] <= 1500 + 1e-6).all()
    # shelters in a zone take nobody
    sin = shapely.intersects(fac[:, None], np.array(zones, dtype=object)[None, :]).any(axis=1)
    assert (s["load"][sin] == 0).all() and (s["greedy_load"][sin] == 0).all()
    # per origin the flows add up to placed; placed + unplaced = persons
    placed = f.groupby("origin_id")["persons"].sum()
    assert np.allclose(o.set_index("origin_id").loc[placed.index, "placed"], placed)
    assert np.allclose(o["placed"] + o["unplaced"], o["persons"])
    lp_total = float((f["persons"] * f["walk_m"]).sum())
    greedy_total = float((o["greedy_placed"] * o["greedy_walk_m"].fillna(0)).sum())
    assert o["placed"].sum() >= o["greedy_placed"].sum() - 1e-6
    assert o["placed"].sum() > 100
    if o["placed"].sum() <= o["greedy_placed"].sum() + 1e-6:
        assert lp_total <= greedy_total + 1e-6
    # like for like (the LP placing greedy's number of persons), the saving is never negative
    saved = re.search(r"the optimal plan walks (-?[0-9.]+) person-km", fb.text())
    assert saved and float(saved.group(1)) >= 0
