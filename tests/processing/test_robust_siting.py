"""resilience:robustsiting through processing.run: a two-scenario street where the robust site differs."""

from pathlib import Path

import pytest
import shapely
from qgis.core import QgsProcessingException, QgsVectorLayer

from resilience_plugin.maps.styles import apply_style
from tests.helpers import read_gdf
from tests.processing.test_shelter_coverage import Capture, write_layer

X0, Y0 = 500000.0, 2500000.0


def _case(tmp_path):
    """Streets 0-300, 300-700, 700-1000 m; residents 5 m off the street at x=100 (10), 900 (10), 500 (6);
    candidates A (x=100), B (x=900), C (x=500); a 50 m limit, so each site covers its own residents.
    Scenario 'north' floods around B (its street closed, B out of service), 'south' around A."""
    cuts = [0, 300, 700, 1000]
    roads = write_layer(
        tmp_path / "roads.gpkg",
        [shapely.LineString([(X0 + a, Y0), (X0 + b, Y0)]) for a, b in zip(cuts, cuts[1:])],
        32650,
        {"highway": ["residential"] * 3},
    )
    cand = write_layer(
        tmp_path / "cand.gpkg", [shapely.Point(X0 + x, Y0) for x in (100, 900, 500)], 32650, {"name": ["A", "B", "C"]}
    )
    dem = write_layer(
        tmp_path / "dem.gpkg",
        [shapely.Point(X0 + x, Y0 + 5) for x in (100, 900, 500)],
        32650,
        {"pop": [10.0, 10.0, 6.0]},
    )
    north = write_layer(
        tmp_path / "north.gpkg",
        [shapely.box(X0 + 850, Y0 - 20, X0 + 950, Y0 + 20)],
        32650,
        {"level": [3]},
        layer="north",
    )
    south = write_layer(
        tmp_path / "south.gpkg",
        [shapely.box(X0 + 50, Y0 - 20, X0 + 150, Y0 + 20)],
        32650,
        {"level": [3]},
        layer="south",
    )
    return {
        "CANDIDATES": cand,
        "DEMAND": dem,
        "POPULATION_FIELD": "pop",
        "ROADS": roads,
        "SCENARIOS": [north, south],
        "MAX_DISTANCE_M": 50,
        "MAX_NEW": 1,
        "OUTPUT_SITES": str(tmp_path / "s.gpkg"),
        "OUTPUT_TABLE": str(tmp_path / "t.gpkg"),
    }


def test_candidate_off_the_network_is_reported(run_alg, tmp_path):
    params = _case(tmp_path)
    # a fourth candidate 2 km north of every street (MAX_SNAP_M 500) can never be chosen: said in each scenario
    params["CANDIDATES"] = write_layer(tmp_path / "cand4.gpkg", [shapely.Point(X0 + x, Y0 + dy) for x, dy in
                                                                ((100, 0), (900, 0), (500, 0), (500, 2000))], 32650)
    # and a resident 1 km south of the streets (4 persons), who can never be covered
    params["DEMAND"] = write_layer(tmp_path / "dem4.gpkg", [shapely.Point(X0 + x, Y0 + dy) for x, dy in
                                                             ((100, 5), (900, 5), (500, 5), (500, -1000))], 32650,
                                   {"pop": [10.0, 10.0, 6.0, 4.0]})
    params["MAX_SNAP_M"] = 500
    fb = Capture()
    res = run_alg("robustsiting", params, fb)
    assert fb.text().count("1 candidate site(s) are farther than 500 m") == 2
    assert fb.text().count("1 demand point(s) (4 persons) are farther than 500 m") == 2
    assert read_gdf(res["OUTPUT_TABLE"])["covered_pct"].tolist() == pytest.approx([600 / 30, 600 / 30])
    assert read_gdf(res["OUTPUT_SITES"])["chosen"].astype(bool).tolist() == [False, False, True, False]


def test_robust_choice_differs_from_each_scenario(run_alg, tmp_path):
    params = _case(tmp_path)
    fb = Capture()
    res = run_alg("robustsiting", params, fb)
    s = read_gdf(res["OUTPUT_SITES"])
    # worst case: A gives 10 / 0, B 0 / 10, C 6 / 6 -> C
    assert s["chosen"].astype(bool).tolist() == [False, False, True]
    t = read_gdf(res["OUTPUT_TABLE"])
    assert t["covered"].tolist() == pytest.approx([6, 6])
    assert t["covered_before"].tolist() == pytest.approx([0, 0])
    assert t["covered_pct"].tolist() == pytest.approx([600 / 26, 600 / 26])
    assert "proven, gap 0.00 %" in fb.text()
    # each scenario alone picks the site it spares
    # ('north' floods B: A (10) beats C (6); 'south' floods A: B wins)
    for folder, scen, want in (("n", 0, [True, False, False]), ("s", 1, [False, True, False])):
        out = tmp_path / folder
        out.mkdir()
        res1 = run_alg(
            "robustsiting",
            dict(
                params,
                SCENARIOS=[params["SCENARIOS"][scen]],
                OUTPUT_SITES=str(out / "s.gpkg"),
                OUTPUT_TABLE=str(out / "t.gpkg"),
            ),
        )
        assert read_gdf(res1["OUTPUT_SITES"])["chosen"].astype(bool).tolist() == want
    # expected coverage with a likely 'south' flood (A out): 0.1 x 10 for A, 0.9 x 10 for B, 6 for C -> B
    out = tmp_path / "e"
    out.mkdir()
    res2 = run_alg(
        "robustsiting",
        dict(
            params,
            OBJECTIVE=1,
            PROBABILITIES="0.1,0.9",
            OUTPUT_SITES=str(out / "s.gpkg"),
            OUTPUT_TABLE=str(out / "t.gpkg"),
        ),
    )
    assert read_gdf(res2["OUTPUT_SITES"])["chosen"].astype(bool).tolist() == [False, True, False]
    layer = QgsVectorLayer(res["OUTPUT_SITES"], "s", "ogr")
    ok, message = apply_style(layer, "chosen_sites")
    assert ok, message


def test_bad_input(run_alg, tmp_path):
    params = _case(tmp_path)
    with pytest.raises(QgsProcessingException, match="PROBABILITIES lists 1 value"):
        run_alg("robustsiting", dict(params, PROBABILITIES="1"))
    with pytest.raises(QgsProcessingException, match="PROBABILITIES must be non-negative"):
        run_alg("robustsiting", dict(params, PROBABILITIES="-1,2"))
    with pytest.raises(QgsProcessingException, match="has no field 'depth'"):
        run_alg("robustsiting", dict(params, HAZARD_LEVEL_FIELD="depth"))
    assert not Path(params["OUTPUT_SITES"]).exists()


def test_time_limit_without_a_solution_keeps_the_greedy_choice(run_alg, tmp_path):
    """A MILP too large to find any choice in 0.1 s (presolve alone takes longer: 400 candidates x 3000 residents,
    two scenarios): the greedy sites are kept and said so, with the solver's bound."""
    import numpy as np

    rng = np.random.default_rng(7)
    step, n = 50.0, 30
    lines = [shapely.LineString([(X0 + i * step, Y0 + j * step), (X0 + (i + 1) * step, Y0 + j * step)])
             for i in range(n - 1) for j in range(n)]
    lines += [shapely.LineString([(X0 + i * step, Y0 + j * step), (X0 + i * step, Y0 + (j + 1) * step)])
              for i in range(n) for j in range(n - 1)]
    roads = write_layer(tmp_path / "roads.gpkg", lines, 32650, {"highway": ["residential"] * len(lines)})
    corner = rng.choice(n * n, 400, replace=False)
    sites = [shapely.Point(X0 + (c % n) * step, Y0 + (c // n) * step) for c in corner]
    cand = write_layer(tmp_path / "cand.gpkg", sites, 32650, {"name": [f"c{c}" for c in corner]})
    xy = rng.uniform(0.0, (n - 1) * step, (3000, 2))
    xy[::2, 1] = np.round(xy[::2, 1] / step) * step  # on the streets: half on the rows, half on the columns
    xy[1::2, 0] = np.round(xy[1::2, 0] / step) * step
    dem = write_layer(tmp_path / "dem.gpkg", [shapely.Point(X0 + x, Y0 + y) for x, y in xy], 32650,
                      {"pop": rng.integers(1, 20, 3000).astype(float).tolist()})
    scen = [write_layer(tmp_path / f"{name}.gpkg", [shapely.box(X0 + a, Y0 - 10, X0 + a + 300, Y0 + 1500)], 32650,
                        {"level": [3]}, layer=name) for name, a in (("west", 200.0), ("east", 900.0))]
    params = {
        "CANDIDATES": cand, "DEMAND": dem, "POPULATION_FIELD": "pop", "ROADS": roads, "SCENARIOS": scen,
        "MAX_DISTANCE_M": 300, "MAX_NEW": 25, "TIME_LIMIT": 0.1,
        "OUTPUT_SITES": str(tmp_path / "s.gpkg"), "OUTPUT_TABLE": str(tmp_path / "t.gpkg"),
    }
    fb = Capture()
    res = run_alg("robustsiting", params, fb)
    assert "without beating the greedy choice: the greedy sites are kept" in fb.text()
    sites, table = read_gdf(res["OUTPUT_SITES"]), read_gdf(res["OUTPUT_TABLE"])
    assert sites["chosen"].astype(bool).sum() == 25
    assert sites["chosen"].astype(bool).tolist() == sites["greedy_chosen"].astype(bool).tolist()
    assert table["covered"].tolist() == table["covered_greedy"].tolist()
    assert (table["covered"] > table["covered_before"]).all()
