"""Supply pre-positioning (core): needs, hand case with a shortfall, networkx min-cost flow, bad input."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, Point

from resilience_plugin.core import network as nw
from resilience_plugin.core import supply as sp
from resilience_plugin.core.errors import InputError
from resilience_plugin.core.standards import load_standard


def test_needs_from_the_standard_and_overrides():
    std = load_standard("supply_needs")
    needs = sp.parse_needs("", std)
    assert needs["water"] == (15.0, True, 1.0)
    assert needs["bedding"] == (1.0, False, 2.0)
    t = sp.shelter_needs([100, 10], needs, 3)
    assert t["water"].tolist() == [4500, 450]  # 15 L x 3 days
    assert t["bedding"].tolist() == [100, 10]  # once per person
    needs = sp.parse_needs("water:20, masks:2", std)
    assert needs == {"water": (20.0, True, 1.0), "masks": (2.0, True, 1.0)}
    for bad in ("water", "water:-1", "water:lots", ":3"):
        with pytest.raises(InputError, match="NEEDS"):
            sp.parse_needs(bad, std)


def test_hand_case_with_shortfall():
    # a 1000 m road; depots at x=0 (water 500) and x=1000 (water 100); shelters at x=200 (need 300),
    # x=900 (need 400)
    net = nw.build_network(np.array([LineString([(0, 0), (1000, 0)])], dtype=object))
    depots = np.array([Point(0, 0), Point(1000, 0)], dtype=object)
    shelters = np.array([Point(200, 0), Point(900, 0)], dtype=object)
    plan = sp.plan_supply(net, depots, {"water": [500, 100]}, shelters, pd.DataFrame({"water": [300.0, 400.0]}))
    w = plan.items["water"]
    # all 600 units go out; D2's 100 to S2 (100 m); D1 sends 300 to S1 (200 m) and 200 to S2 (900 m)
    assert w.delivered.tolist() == pytest.approx([300, 300])
    assert w.shortfall.tolist() == pytest.approx([0, 100])
    assert float(w.flow @ w.pair_m) == pytest.approx(100 * 100 + 300 * 200 + 200 * 900)


def test_matches_networkx_on_a_grid():
    rng = np.random.default_rng(2)
    lines = [LineString([(x, y), (x + 100, y)]) for x in range(0, 1000, 100) for y in range(0, 1100, 100)]
    lines += [LineString([(x, y), (x, y + 100)]) for x in range(0, 1100, 100) for y in range(0, 1000, 100)]
    net = nw.build_network(np.array(lines, dtype=object))
    depots = np.array([Point(x, y) for x, y in rng.integers(0, 11, (4, 2)) * 100], dtype=object)
    shelters = np.array([Point(x, y) for x, y in rng.integers(0, 11, (12, 2)) * 100], dtype=object)
    need = rng.integers(10, 100, 12).astype(float)
    stock = rng.integers(50, 200, 4).astype(float)
    plan = sp.plan_supply(net, depots, {"food": stock}, shelters, pd.DataFrame({"food": need}))
    f = plan.items["food"]
    # independent: Manhattan distances on the grid (corners), networkx max-flow-min-cost
    g = nx.DiGraph()
    for j, dp in enumerate(depots):
        g.add_edge("src", ("d", j), capacity=int(stock[j]), weight=0)
        for i, sh in enumerate(shelters):
            g.add_edge(("d", j), ("s", i), capacity=10**9, weight=int(abs(dp.x - sh.x) + abs(dp.y - sh.y)))
    for i in range(len(shelters)):
        g.add_edge(("s", i), "sink", capacity=int(need[i]), weight=0)
    flow = nx.max_flow_min_cost(g, "src", "sink")
    assert f.delivered.sum() == pytest.approx(sum(flow["src"].values()))
    assert float(f.flow @ f.pair_m) == pytest.approx(nx.cost_of_flow(g, flow))
    assert (np.bincount(f.pair_depot, weights=f.flow, minlength=4) <= stock + 1e-6).all()


def test_item_without_stock():
    net = nw.build_network(np.array([LineString([(0, 0), (10, 0)])], dtype=object))
    with pytest.raises(InputError, match="without a stock at the depots: food"):
        sp.plan_supply(
            net, [Point(0, 0)], {"water": [1]}, [Point(10, 0)], pd.DataFrame({"water": [1.0], "food": [1.0]})
        )
