"""core.towers: tower fragility -> line failure, checked by hand and against a Monte Carlo."""

import math

import numpy as np
import pytest
import shapely

from resilience_plugin.core import fragility, towers
from resilience_plugin.core.errors import InputError


def phi(z):
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


@pytest.fixture()
def lib():
    return fragility.load_library()


def test_hand_computed_line_from_three_towers(lib):
    # NREL erad tower wind curve: theta 55 m/s, beta 0.4 (REFERENCE.md); by hand with erf
    wind = np.array([40.0, 55.0, 62.0, np.nan])
    p = towers.tower_probabilities(["transmission_tower"] * 4, wind, lib, "wind")
    hand = [phi(math.log(40 / 55) / 0.4), 0.5, phi(math.log(62 / 55) / 0.4)]
    assert p[:3] == pytest.approx(hand, abs=1e-12)
    assert np.isnan(p[3])
    # line 0 carries towers 0, 1, 2; line 1 carries towers 2 and 3 (3 has no intensity); line 2 none
    res = towers.line_failure(3, np.array([0, 1, 2, 2, 3]), np.array([0, 0, 0, 1, 1]), p,
                              p_conductor=np.array([0.1, np.nan, 0.0]))
    p_tow0 = 1 - (1 - hand[0]) * (1 - hand[1]) * (1 - hand[2])
    assert res["p_towers"][0] == pytest.approx(p_tow0)
    assert res["p_line"][0] == pytest.approx(1 - (1 - p_tow0) * 0.9)
    assert res["expected_failed"][0] == pytest.approx(sum(hand))
    assert res["weakest"].tolist() == [2, 2, -1] and res["weakest_p"][0] == pytest.approx(hand[2])
    assert res["p_line"][1] == pytest.approx(hand[2]) and res["n_unknown"].tolist() == [0, 1, 0]
    assert res["n_towers"].tolist() == [3, 2, 0] and res["p_line"][2] == 0.0


def test_independence_formula_matches_a_monte_carlo():
    rng = np.random.default_rng(7)
    n_towers, n_lines = 60, 8
    p = rng.uniform(0.0, 0.25, n_towers)
    pair_line = rng.integers(0, n_lines, n_towers)
    pair_tower = np.arange(n_towers)
    res = towers.line_failure(n_lines, pair_tower, pair_line, p)
    runs = 200_000
    failed = rng.random((runs, n_towers)) < p  # towers fail independently
    line_failed = np.zeros((runs, n_lines), bool)
    for j in range(n_lines):
        line_failed[:, j] = failed[:, pair_line == j].any(axis=1)
    freq = line_failed.mean(axis=0)
    se = np.sqrt(np.maximum(res["p_line"] * (1 - res["p_line"]), 1e-12) / runs)
    assert np.all(np.abs(freq - res["p_line"]) < 4 * se + 1e-12)
    counts = np.stack([failed[:, pair_line == j].sum(axis=1) for j in range(n_lines)], axis=1).mean(axis=0)
    assert counts == pytest.approx(res["expected_failed"], abs=0.02)


def test_match_by_distance_and_by_id():
    lines = np.array([shapely.LineString([(0, 0), (1000, 0)]), shapely.LineString([(0, 500), (1000, 500)])])
    pts = shapely.points([(0, 5), (500, -19), (500, 30), (1000, 495), (0, 250)])
    pt, ln = towers.match_by_distance(pts, lines, 20.0)
    assert sorted(zip(pt.tolist(), ln.tolist())) == [(0, 0), (1, 0), (3, 1)]
    pt, ln, unknown = towers.match_by_id(["A", "A;B", None, "b", "C", 7.0], ["A", "B", "7"])
    assert sorted(zip(pt.tolist(), ln.tolist())) == [(0, 0), (1, 0), (1, 1), (5, 2)]
    assert unknown == ["C", "b"]


def test_unit_table_sums_expected_failures():
    units = np.array([shapely.box(0, -100, 500, 100), shapely.box(500, -100, 1000, 100)])
    tow = shapely.points([(100, 0), (700, 0), (900, 0), (2000, 0)])
    line = np.array([shapely.LineString([(0, 0), (600, 0)])])  # midpoint at 300 -> unit 0
    tu = towers.unit_of(tow, units)
    lu = towers.unit_of(line, units)
    assert tu.tolist() == [0, 1, 1, -1] and lu.tolist() == [0]
    rows = towers.unit_table(["a", "b"], tu, np.array([0.1, 0.2, np.nan, 0.9]), lu, np.array([0.4]))
    assert rows[0] == {"unit_id": "a", "towers": 1, "expected_failed_towers": pytest.approx(0.1), "lines": 1,
                       "expected_failed_lines": pytest.approx(0.4)}
    assert rows[1]["towers"] == 2 and rows[1]["expected_failed_towers"] == pytest.approx(0.2)


def test_tower_type_without_curve_is_an_error(lib):
    with pytest.raises(InputError, match="no point curve for the tower type 'bridge' under wind"):
        towers.tower_probabilities(["bridge"], [30.0], lib, "wind")
