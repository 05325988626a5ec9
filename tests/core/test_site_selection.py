"""Exact and robust site selection (core): greedy vs MILP checked by enumeration, robust vs single scenarios."""

import itertools

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from shapely.geometry import LineString, Point

from resilience_plugin.core import network as nw
from resilience_plugin.core import site_selection as ss
from resilience_plugin.core.errors import InputError


def _cover(sets, n):
    m = np.zeros((len(sets), n), dtype=np.int8)
    for j, s in enumerate(sets):
        m[j, list(s)] = 1
    return csr_matrix(m)


def _enumerate(scenarios, persons, k, objective="worst", probs=None):
    """Best value and choice over all subsets of at most k candidates (independent of the MILP)."""
    nc = scenarios[0].cover.shape[0]
    best = (-1.0, ())
    for r in range(1, k + 1):
        for combo in itertools.combinations(range(nc), r):
            per = []
            for s in scenarios:
                cov = s.covered0 | (s.cover.toarray()[list(combo)].sum(axis=0) > 0)
                per.append(float(np.asarray(persons)[cov].sum()))
            value = min(per) if objective == "worst" else float(np.dot(probs, per))
            if value > best[0] + 1e-9:
                best = (value, combo)
    return best


def test_greedy_is_suboptimal_and_the_milp_is_not():
    # six demand points of one person; A covers 0-3, B covers 0, 1, 4 and C covers 2, 3, 5
    cover = _cover([{0, 1, 2, 3}, {0, 1, 4}, {2, 3, 5}], 6)
    persons = np.ones(6)
    chosen, gained = ss.greedy_covering(cover, persons, 2)
    assert chosen.tolist() == [0, 1] and gained == 5  # A first, then one more
    scen = [ss.Scenario(cover, np.zeros(6, dtype=bool))]
    res = ss.max_covering(scen, persons, 2)
    assert sorted(res.chosen.tolist()) == [1, 2] and res.objective == 6
    assert res.optimal and res.gap_pct == pytest.approx(0, abs=1e-6)
    value, combo = _enumerate(scen, persons, 2)
    assert value == res.objective and combo == (1, 2)
    assert ss.evaluate(scen, persons, chosen)[0] == value - 1  # greedy is one person short of the optimum


def test_greedy_robust_is_greedy_on_one_scenario():
    cover = _cover([{0, 1, 2, 3}, {0, 1, 4}, {2, 3, 5}], 6)
    scen = [ss.Scenario(cover, np.zeros(6, dtype=bool))]
    assert ss.greedy_robust(scen, np.ones(6), 2).tolist() == [0, 1]


def test_existing_cover_counts_once():
    cover = _cover([{0, 1}, {2}], 3)
    scen = [ss.Scenario(cover, np.array([True, True, False]))]
    res = ss.max_covering(scen, np.array([5.0, 5.0, 1.0]), 1)
    assert res.chosen.tolist() == [1] and res.objective == 11


def test_robust_choice_differs_from_each_single_scenario():
    # demand: d0 (10), d1 (10), d2 (6); scenario 1 (flood north): A reaches d0, C reaches d2;
    # scenario 2 (flood south): B reaches d1, C reaches d2
    persons = np.array([10.0, 10.0, 6.0])
    none = np.zeros(3, dtype=bool)
    s1 = ss.Scenario(_cover([{0}, set(), {2}], 3), none, 0.5)
    s2 = ss.Scenario(_cover([set(), {1}, {2}], 3), none, 0.5)
    assert ss.max_covering([s1], persons, 1).chosen.tolist() == [0]
    assert ss.max_covering([s2], persons, 1).chosen.tolist() == [1]
    worst = ss.max_covering([s1, s2], persons, 1, objective="worst")
    assert worst.chosen.tolist() == [2] and worst.objective == 6
    assert worst.report["per_scenario"].tolist() == [6, 6]
    assert _enumerate([s1, s2], persons, 1) == (6.0, (2,))
    assert ss.greedy_robust([s1, s2], persons, 1).tolist() == [2]
    # expected: A and B give 5, C gives 6
    exp = ss.max_covering([s1, s2], persons, 1, objective="expected")
    assert exp.chosen.tolist() == [2] and exp.objective == pytest.approx(6)
    # a likely north flood tips the expected choice back to A (0.8 x 10 = 8 > 6) but not the worst case
    s1.probability, s2.probability = 0.8, 0.2
    exp = ss.max_covering([s1, s2], persons, 1, objective="expected")
    assert exp.chosen.tolist() == [0] and exp.objective == pytest.approx(8)
    assert _enumerate([s1, s2], persons, 1, "expected", [0.8, 0.2]) == (pytest.approx(8.0), (0,))


def test_random_cases_match_enumeration():
    rng = np.random.default_rng(3)
    for trial in range(6):
        nd, nc, k = 25, 7, 3
        persons = rng.integers(1, 20, nd).astype(float)
        scen = [
            ss.Scenario(csr_matrix((rng.random((nc, nd)) < 0.2).astype(np.int8)), rng.random(nd) < 0.2, p)
            for p in (0.3, 0.7)
        ]
        for objective in ("worst", "expected"):
            res = ss.max_covering(scen, persons, k, objective=objective)
            value, _ = _enumerate(scen, persons, k, objective, [0.3, 0.7])
            assert res.objective == pytest.approx(value), (trial, objective)


def test_coverage_matrix_on_a_street():
    net = nw.build_network(np.array([LineString([(0, 0), (1000, 0)])], dtype=object))
    demand = np.array([Point(100, 0), Point(500, 0), Point(900, 0)], dtype=object)
    cand = np.array([Point(0, 0), Point(600, 0), Point(950, 0)], dtype=object)
    cover, covered0 = ss.coverage_matrix(
        net, np.array([Point(1000, 0)], dtype=object), [True], demand, cand, [True, True, False], 150
    )
    assert covered0.tolist() == [False, False, True]
    assert cover.toarray().astype(bool).tolist() == [[True, False, False], [False, True, False], [False, False, False]]


def test_bad_input():
    scen = [ss.Scenario(_cover([{0}], 1), np.zeros(1, dtype=bool))]
    with pytest.raises(InputError, match="'worst' or 'expected'"):
        ss.max_covering(scen, np.ones(1), 1, objective="best")
    with pytest.raises(InputError, match="at least one site"):
        ss.max_covering(scen, np.ones(1), 0)
    with pytest.raises(InputError, match="time limit must be positive"):
        ss.max_covering(scen, np.ones(1), 1, time_limit=-1)


def _greedy_by_enumeration(scenarios, persons, k, objective, probs):
    """Greedy step by step on dense arrays: every candidate tried, the best (lowest index on ties) kept."""
    dense = [s.cover.toarray() > 0 for s in scenarios]
    chosen = []

    def value(sel):
        per = [float(persons[s.covered0 | d[sel].any(axis=0)].sum()) for s, d in zip(scenarios, dense)]
        return min(per) if objective == "worst" else float(np.dot(probs, per))

    now = value([])
    for _ in range(k):
        scores = [value(chosen + [j]) if j not in chosen else -np.inf for j in range(dense[0].shape[0])]
        j = int(np.argmax(scores))
        if not scores[j] > now + 1e-9:
            break
        chosen.append(j)
        now = scores[j]
    return chosen


def test_greedy_robust_matches_step_by_step_enumeration():
    rng = np.random.default_rng(11)
    for trial in range(8):
        nd, nc, k = 60, 15, 4
        persons = rng.integers(1, 30, nd).astype(float)
        probs = rng.dirichlet(np.ones(3))
        scen = [ss.Scenario(csr_matrix((rng.random((nc, nd)) < 0.12).astype(np.int8)), rng.random(nd) < 0.15, p)
                for p in probs]
        for objective in ("worst", "expected"):
            expected = _greedy_by_enumeration(scen, persons, k, objective, probs)
            assert ss.greedy_robust(scen, persons, k, objective).tolist() == expected, (trial, objective)


def test_a_better_incumbent_is_kept_when_the_solver_stops_early():
    # mip_rel_gap=1 lets HiGHS stop at its first feasible choice, as a time limit does on a large case
    rng = np.random.default_rng(5)
    nd, nc, k = 300, 40, 5
    persons = rng.integers(1, 20, nd).astype(float)
    scen = [ss.Scenario(csr_matrix((rng.random((nc, nd)) < 0.05).astype(np.int8)), rng.random(nd) < 0.1, 0.5)
            for _ in range(2)]
    greedy = ss.greedy_robust(scen, persons, k)
    g_value = ss.evaluate(scen, persons, greedy).min()
    early = ss.max_covering(scen, persons, k, mip_rel_gap=1.0)
    assert early.objective < g_value  # the case the incumbent is for
    kept = ss.max_covering(scen, persons, k, mip_rel_gap=1.0, incumbent=greedy)
    assert kept.report["incumbent_kept"] and not kept.optimal
    assert sorted(kept.chosen.tolist()) == sorted(greedy.tolist()) and kept.objective == g_value
    assert kept.report["per_scenario"].min() == g_value and kept.bound >= g_value
    assert kept.gap_pct == pytest.approx(100.0 * (kept.bound - g_value) / kept.bound)
    full = ss.max_covering(scen, persons, k, incumbent=greedy)  # solved to optimality: the solver's own choice
    assert full.optimal and not full.report["incumbent_kept"] and full.objective >= g_value


def test_demand_with_the_same_candidates_shares_one_variable():
    # demand 0, 2 and 4 are covered by candidates {0, 1}, demand 1 and 3 by {1}; demand 5 by nobody, 6 has no persons
    cover = _cover([{0, 2, 4}, {0, 1, 2, 3, 4, 6}, set()], 7)
    a, w = ss.merge_same_cover(cover, np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 0.0]))
    rows = {tuple(np.flatnonzero(r)): wt for r, wt in zip(a.toarray(), w)}
    assert rows == {(0, 1): 9.0, (1,): 6.0}
    rng = np.random.default_rng(4)
    for trial in range(4):  # many residents on few streets: few distinct sets
        nd, nc, k = 200, 8, 3
        street = rng.integers(0, 12, nd)
        by_street = rng.random((nc, 12)) < 0.3
        persons = rng.integers(1, 20, nd).astype(float)
        scen = [ss.Scenario(csr_matrix((by_street[:, street] & (rng.random((nc, 1)) < 0.8)).astype(np.int8)),
                            rng.random(nd) < 0.1, p) for p in (0.4, 0.6)]
        for objective in ("worst", "expected"):
            res = ss.max_covering(scen, persons, k, objective=objective)
            best, _ = _enumerate(scen, persons, k, objective, [0.4, 0.6])
            assert res.objective == pytest.approx(best), (trial, objective)


def test_lp_bound_with_merged_demand_equals_the_full_relaxation():
    from scipy.optimize import linprog

    from resilience_plugin.core import coverage as cv

    rng = np.random.default_rng(9)
    nd, nc, k = 150, 10, 3
    street = rng.integers(0, 15, nd)
    cover = csr_matrix((rng.random((nc, 15)) < 0.25)[:, street].astype(np.int8))
    w = rng.integers(0, 9, nd).astype(float)
    # the relaxation on every demand point, dense: max w.y, y_i <= sum_j a_ji x_j, sum x <= k, 0 <= x, y <= 1
    a = cover.toarray().T.astype(float)
    a_ub = np.vstack([np.hstack([-a, np.eye(nd)]), np.r_[np.ones(nc), np.zeros(nd)][None, :]])
    full = linprog(np.r_[np.zeros(nc), -w], A_ub=a_ub, b_ub=np.r_[np.zeros(nd), k], bounds=(0, 1), method="highs")
    assert cv._lp_bound(cover, w, k, 7.0) == pytest.approx(7.0 - full.fun, rel=1e-9)
