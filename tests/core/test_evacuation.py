"""Evacuation plan (core): hand cases, networkx min-cost flow as the independent solver, Futian."""

import itertools

import networkx as nx
import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, Point

from resilience_plugin.core import evacuation as ev
from resilience_plugin.core import network as nw
from resilience_plugin.core.errors import InputError
from tests.core.test_network import _futian

X0, Y0 = 500000.0, 2500000.0


def _line_case():
    """A straight 1000 m street; shelter B at x=100, A at x=400; origins 10 m off the street at
    x=300 (o1) and x=510 (o2). Walks: o1->A 110, o1->B 210, o2->A 120, o2->B 420."""
    net = nw.build_network(np.array([LineString([(X0, Y0), (X0 + 1000, Y0)])], dtype=object))
    shelters = np.array([Point(X0 + 400, Y0), Point(X0 + 100, Y0)], dtype=object)  # A, B
    origins = np.array([Point(X0 + 300, Y0 + 10), Point(X0 + 510, Y0 + 10)], dtype=object)
    return net, origins, shelters


def test_hand_case_lp_beats_greedy():
    net, origins, shelters = _line_case()
    plan = ev.plan_evacuation(net, origins, [100, 100], shelters, [100, 100], 1000)
    # greedy: both ask A; A takes the nearer o1 (110 m) and is full; o2 walks to B (420 m)
    assert plan.greedy.person_m == pytest.approx(100 * 110 + 100 * 420)
    # optimal: o2 -> A (120 m), o1 -> B (210 m)
    assert plan.optimal.person_m == pytest.approx(100 * 120 + 100 * 210)
    o = plan.origins
    assert o["shelter"].tolist() == [1, 0]
    assert o["greedy_shelter"].tolist() == [0, 1]
    assert o["walk_m"].tolist() == pytest.approx([210, 120])
    assert plan.report["saved_person_m"] == pytest.approx(53000 - 33000)
    assert plan.shelters["load"].tolist() == pytest.approx([100, 100])


def test_shortage_by_hand_and_by_enumeration():
    net, origins, shelters = _line_case()
    persons, cap = np.array([100.0, 100.0]), np.array([100.0, 50.0])
    plan = ev.plan_evacuation(net, origins, persons, shelters, cap, 1000)
    # by hand: 150 of 200 placed; B's 50 from o1 (210 m), A takes o1's other 50 (110 m) and 50 of o2 (120 m)
    assert plan.optimal.placed == pytest.approx(150)
    assert plan.optimal.person_m == pytest.approx(50 * 210 + 50 * 110 + 50 * 120)
    assert plan.origins["unplaced"].tolist() == pytest.approx([0, 50])
    assert plan.origins["reason"].tolist() == [ev.REASON_PLACED, ev.REASON_FULL]
    # greedy: A takes o1 in full, o2 sends 50 to B
    assert plan.greedy.placed == pytest.approx(150)
    assert plan.greedy.person_m == pytest.approx(100 * 110 + 50 * 420)
    # enumeration over integer plans in steps of 10 persons: nothing places more, or as many for less
    walk = {(0, 0): 110, (0, 1): 210, (1, 0): 120, (1, 1): 420}
    best = (0, 0)
    for x in itertools.product(range(0, 101, 10), repeat=4):
        f = dict(zip(walk, x))
        if f[0, 0] + f[0, 1] > 100 or f[1, 0] + f[1, 1] > 100 or f[0, 0] + f[1, 0] > 100 or f[0, 1] + f[1, 1] > 50:
            continue
        key = (sum(x), -sum(f[k] * walk[k] for k in walk))
        best = max(best, key)
    assert best[0] == pytest.approx(plan.optimal.placed)
    assert -best[1] == pytest.approx(plan.optimal.person_m)


def test_fractional_persons_take_the_lp_route():
    net, origins, shelters = _line_case()
    plan = ev.plan_evacuation(net, origins, [100.5, 100.25], shelters, [100, 50], 1000)
    # as the shortage case: B's 50 from o1 (210 m); A takes o1's other 50.5 (110 m) and 49.5 of o2 (120 m)
    assert plan.optimal.placed == pytest.approx(150)
    assert plan.optimal.person_m == pytest.approx(50 * 210 + 50.5 * 110 + 49.5 * 120)


def test_limit_unreachable_and_not_snapped():
    net, origins, shelters = _line_case()
    origins = np.append(origins, [Point(X0 + 990, Y0 + 5), Point(X0 + 500, Y0 + 900)])
    plan = ev.plan_evacuation(net, origins, [10, 10, 10, 10], shelters, [100, 100], 300, max_snap_m=100)
    o = plan.origins
    # o1 reaches A (110) and B (210); o2 only A (120); x=990 is 595 m from A; the last is 900 m off the street
    assert o["reason"].tolist() == [ev.REASON_PLACED, ev.REASON_PLACED, ev.REASON_NO_SHELTER, ev.REASON_NOT_ON_NETWORK]
    assert o["unplaced"].tolist() == pytest.approx([0, 0, 10, 10])
    assert plan.report["pairs"] == 3
    assert plan.report["origins_not_snapped"] == 1


def test_no_usable_shelter_leaves_everyone_unplaced():
    net, origins, shelters = _line_case()
    plan = ev.plan_evacuation(net, origins, [10, 20], shelters, [np.nan, 50], 1000, shelter_ok=[True, False])
    assert plan.report["shelters_usable"] == 0
    assert plan.report["shelters_without_capacity"] == 1 and plan.report["shelters_out_of_service"] == 1
    assert plan.optimal.placed == 0 and plan.greedy.placed == 0
    assert set(plan.origins["reason"]) == {ev.REASON_NO_SHELTER}


def test_clean_capacity_counts():
    cap, counts = ev.clean_capacity([100, None, "lots", -5, "30", 0, float("nan")])
    assert np.isnan(cap[[1, 2, 3, 6]]).all()
    assert cap[[0, 4, 5]].tolist() == [100, 30, 0]
    assert counts == {"null": 2, "text": 1, "negative": 1, "zero": 1}


def test_zone_level_takes_the_highest():
    pts = np.array([Point(0, 0), Point(5, 5), Point(50, 50)], dtype=object)
    zones = np.array([shapely.box(-1, -1, 10, 10), shapely.box(4, 4, 6, 6), shapely.box(40, 40, 60, 60)], dtype=object)
    assert ev.zone_level(pts, zones, [2, 4, np.nan]).tolist() == [2, 4, 0]


def _nx_max_flow_min_cost(plan, persons, cap):
    """Independent solver: networkx max-flow-min-cost on the same pairs (integer persons, centimetres)."""
    g = nx.DiGraph()
    for o, s, d in zip(plan.pair_origin, plan.pair_shelter, plan.pair_m):
        g.add_edge(("o", int(o)), ("s", int(s)), weight=int(round(d * 100)), capacity=10**9)
    for o in set(plan.pair_origin.tolist()):
        g.add_edge("src", ("o", o), weight=0, capacity=int(persons[o]))
    for s in set(plan.pair_shelter.tolist()):
        g.add_edge(("s", s), "sink", weight=0, capacity=int(cap[s]))
    flow = nx.max_flow_min_cost(g, "src", "sink")
    placed = sum(flow["src"].values())
    return placed, nx.cost_of_flow(g, flow) / 100.0


@pytest.mark.parametrize("scale", [0.5, 3.0])  # capacity half the demand, then three times it
def test_futian_lp_matches_networkx_and_beats_greedy(scale):
    roads, fac, dem = _futian(n_fac=30, n_dem=400, seed=11)
    net = nw.build_network(roads.geometry.to_numpy(), tolerance=0.01)
    rng = np.random.default_rng(5)
    persons = rng.integers(1, 60, len(dem)).astype(float)
    cap = np.round(rng.uniform(0.5, 1.5, len(fac)) * persons.sum() / len(fac) * scale)
    plan = ev.plan_evacuation(net, dem, persons, fac, cap, 1500.0)
    assert plan.report["pairs"] > 1000
    placed, cost = _nx_max_flow_min_cost(plan, persons, cap)
    assert plan.optimal.placed == pytest.approx(placed)
    assert plan.optimal.person_m == pytest.approx(cost, abs=0.01 * placed)
    # the direct formulation (sum x = placed) agrees with the reward formulation used first
    direct = ev.optimal_assignment(plan.pair_origin, plan.pair_shelter, plan.pair_m, persons, cap, placed=placed)
    assert direct.person_m == pytest.approx(plan.optimal.person_m, rel=1e-9)
    # like for like, the LP never walks more than greedy, and places at least as many
    assert plan.optimal.placed >= plan.greedy.placed - 1e-6
    assert plan.report["lp_person_m_at_greedy_placed"] <= plan.greedy.person_m + 1e-6
    for a in (plan.optimal, plan.greedy):
        load = np.bincount(plan.pair_shelter, weights=a.flow, minlength=len(fac))
        assert (load <= cap + 1e-6).all()
        out = np.bincount(plan.pair_origin, weights=a.flow, minlength=len(dem))
        assert (out <= persons + 1e-6).all()
        assert (plan.pair_m[a.flow > 0] <= 1500.0 + 1e-6).all()
    # with these seeds greedy leaves reachable persons out, and walks more for those it places
    assert plan.optimal.placed > plan.greedy.placed
    assert plan.report["lp_person_m_at_greedy_placed"] < plan.greedy.person_m


def test_solver_failure_is_an_input_error():
    with pytest.raises(InputError):
        ev._check(type("R", (), {"success": False, "message": "time limit"})())


def _full_lp(pair_o, pair_s, pair_m, persons, cap, placed=None):
    """Independent reference: the most persons placed (an LP), then the least person-metres with
    ``sum x = placed`` (a second LP), scipy's HiGHS on all pairs, as a user would write it."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    m, n_o, n_s = len(pair_o), len(persons), len(cap)
    rows, cols = np.r_[pair_o, n_o + pair_s], np.r_[np.arange(m), np.arange(m)]
    a = coo_matrix((np.ones(2 * m), (rows, cols)), shape=(n_o + n_s, m)).tocsr()
    b = np.r_[persons, cap]
    if placed is None:
        placed = -linprog(-np.ones(m), A_ub=a, b_ub=b, bounds=(0, None), method="highs").fun
    res = linprog(pair_m, A_ub=a, b_ub=b, A_eq=np.ones((1, m)), b_eq=[placed], bounds=(0, None), method="highs")
    assert res.success
    return placed, res.fun


def _nx_pairs(pair_o, pair_s, pair_m, persons, cap):
    """networkx max-flow-min-cost on pairs (integer persons and capacities; costs in whole metres)."""
    g = nx.DiGraph()
    for o, s, d in zip(pair_o, pair_s, pair_m):
        g.add_edge(("o", int(o)), ("s", int(s)), weight=int(d), capacity=10**9)
    for o in set(pair_o.tolist()):
        g.add_edge("src", ("o", o), weight=0, capacity=int(persons[o]))
    for s in set(pair_s.tolist()):
        g.add_edge(("s", s), "sink", weight=0, capacity=int(cap[s]))
    flow = nx.max_flow_min_cost(g, "src", "sink")
    return sum(flow["src"].values()), nx.cost_of_flow(g, flow)


def _cut_case():
    """o0 (8) and o1 (8) reach only s0 (10): s0 is full in every maximum flow and 6 of them stay;
    o2 (5) reaches s0 (50 m) and s1 (20, 300 m); o3 (4) reaches s1 (100 m) and s2 (3, 10 m).
    By hand: 10 + 5 + 4 = 19 placed; s0 takes the nearer o0 (100 m) for 8 and o1 (200 m) for 2; o2 can
    only go to s1 (s0 is needed by o0 and o1), o3 sends 3 to s2 and 1 to s1:
    8*100 + 2*200 + 5*300 + 3*10 + 1*100 = 2830 person-metres."""
    pair_o = np.array([0, 1, 2, 2, 3, 3])
    pair_s = np.array([0, 0, 0, 1, 1, 2])
    pair_m = np.array([100.0, 200.0, 50.0, 300.0, 100.0, 10.0])
    return pair_o, pair_s, pair_m, np.array([8.0, 8.0, 5.0, 4.0]), np.array([10.0, 20.0, 3.0])


@pytest.fixture
def split_only(monkeypatch):
    """The split path must answer on its own: the one-LP fallback fails the test if it is reached."""

    def fallback(*args):
        raise AssertionError("the minimum-cut split fell back to the one-LP formulation")

    monkeypatch.setattr(ev, "_reward_lp", fallback)


def test_min_cut_split_by_hand(split_only):
    pair_o, pair_s, pair_m, persons, cap = _cut_case()
    o_src, s_src = ev._min_cut(pair_o, pair_s, persons, cap)
    # source side: o0, o1 (persons left over) and the shelter they fill; o2's pair to s0 crosses the cut
    assert o_src.tolist() == [True, True, False, False]
    assert s_src.tolist() == [True, False, False]
    a = ev.optimal_assignment(pair_o, pair_s, pair_m, persons, cap)
    assert a.placed == pytest.approx(19)
    assert a.person_m == pytest.approx(2830)
    assert a.flow.tolist() == pytest.approx([8, 2, 0, 5, 1, 3])
    assert _full_lp(pair_o, pair_s, pair_m, persons, cap) == pytest.approx((19, 2830))
    assert _nx_pairs(pair_o, pair_s, pair_m, persons, cap) == (19, 2830)
    # fractional persons: the cut comes from the maximum-flow LP's dual, the same as for the doubled whole case
    half = ev._min_cut(pair_o, pair_s, persons / 2, cap / 2)
    assert half is not None and half[0].tolist() == o_src.tolist() and half[1].tolist() == s_src.tolist()
    a = ev.optimal_assignment(pair_o, pair_s, pair_m, persons / 2, cap / 2)
    assert a.person_m == pytest.approx(2830 / 2)


def _random_pairs(seed, n_o=300, n_s=25, scale=0.6):
    rng = np.random.default_rng(seed)
    xy_o, xy_s = rng.uniform(0, 3000, (n_o, 2)), rng.uniform(0, 3000, (n_s, 2))
    d = np.hypot(*(xy_o[:, None, :] - xy_s[None, :, :]).transpose(2, 0, 1))
    pair_o, pair_s = np.nonzero(d <= 800)
    persons = rng.integers(1, 40, n_o).astype(float)
    # shelters on the west side scarce (a tenth), on the east side plentiful: both sides of the cut
    cap = np.round(rng.uniform(0.2, 1.8, n_s) * persons.sum() * scale / n_s * np.where(xy_s[:, 0] < 1500, 0.1, 1.0))
    return pair_o, pair_s, np.floor(d[pair_o, pair_s]), persons, cap


@pytest.mark.parametrize("seed,scale", [(1, 1.0), (2, 1.5), (3, 2.5)])
def test_split_lp_equals_the_full_lp_and_networkx(seed, scale, split_only):
    pair_o, pair_s, pair_m, persons, cap = _random_pairs(seed, scale=scale)
    o_src, s_src = ev._min_cut(pair_o, pair_s, persons, cap)
    assert o_src.any() and (~o_src[pair_o] & s_src[pair_s]).any()  # a real split, with pairs across the cut
    a = ev.optimal_assignment(pair_o, pair_s, pair_m, persons, cap)
    placed, cost = _full_lp(pair_o, pair_s, pair_m, persons, cap)
    assert a.placed == pytest.approx(placed, rel=1e-9)
    assert a.person_m == pytest.approx(cost, rel=1e-6)
    nx_placed, nx_cost = _nx_pairs(pair_o, pair_s, pair_m, persons, cap)
    assert (nx_placed, nx_cost) == (pytest.approx(a.placed), pytest.approx(a.person_m, rel=1e-9))
    assert (np.bincount(pair_s, weights=a.flow, minlength=len(cap)) <= cap + 1e-6).all()
    assert (np.bincount(pair_o, weights=a.flow, minlength=len(persons)) <= persons + 1e-6).all()
    # fractional persons (the LP-dual cut) and the like-for-like LP at fewer persons placed
    frac = ev.optimal_assignment(pair_o, pair_s, pair_m, persons * 0.37, cap * 0.37)
    assert frac.person_m == pytest.approx(cost * 0.37, rel=1e-6)
    fewer = 0.8 * placed
    b = ev.optimal_assignment(pair_o, pair_s, pair_m, persons, cap, placed=fewer)
    assert b.placed == pytest.approx(fewer, rel=1e-9)
    assert b.person_m == pytest.approx(_full_lp(pair_o, pair_s, pair_m, persons, cap, placed=fewer)[1], rel=1e-6)
