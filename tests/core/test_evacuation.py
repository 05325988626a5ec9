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
