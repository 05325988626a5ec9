"""core.restoration: a two-asset one-crew schedule solved by hand, dependencies, curve properties."""

import numpy as np
import pytest
import shapely

from resilience_plugin.core import cascade, restoration
from resilience_plugin.core.errors import InputError

TABLE = {
    "systems": {"power": {}, "water": {}},
    "classes": {"substation": {"system": "power"}, "pump_station": {"system": "water"}, "people": {"system": None}},
    "rules": [
        {"dependent": "pump_station", "needs": "substation", "match": "field", "field": "power_from"},
        {"dependent": "people", "needs": "substation", "match": "nearest"},
        {"dependent": "people", "needs": "pump_station", "match": "nearest"},
    ],
}


def _case():
    # S1 serves A (100 persons), S2 serves B (300); pump P is powered from S1 and is the nearest pump of both
    ids = ["S1", "S2", "P", "A", "B"]
    classes = ["substation", "substation", "pump_station", "people", "people"]
    geoms = shapely.points([(0, 0), (1000, 0), (500, 500), (10, 0), (990, 0)])
    req = cascade.build_requirements(
        ids, classes, geoms, cascade.parse_dependencies(TABLE), {"power_from": [None, None, "S1", None, None]}
    )
    return ids, classes, req, np.array([0, 0, 0, 100.0, 300.0])


def test_two_substations_one_crew_by_hand():
    ids, classes, req, pop = _case()
    days = np.array([2.0, 4.0, 0.0, 0.0, 0.0])  # only the substations are damaged
    down = restoration.downstream_persons(req, pop, days > 0)
    assert down[:2].tolist() == [400.0, 300.0]  # S1 also powers the pump everybody drinks from
    # greedy by persons per crew-day: S1 400/2 = 200 > S2 300/4 = 75 -> S1 on days 0-2, S2 on days 2-6
    key = -down / np.where(days > 0, days, 1)
    systems = np.array(["power", "power", "water", None, None], dtype=object)
    start, finish, crew = restoration.schedule(systems, days, {"power": 1}, key)
    assert start[:2].tolist() == [0.0, 2.0] and finish[:2].tolist() == [2.0, 6.0] and crew[:2].tolist() == [0, 0]
    t, g, _ = restoration.service_days(finish, req)
    power = restoration.system_service(g, req, len(ids), "power")
    water = restoration.system_service(g, req, len(ids), "water")
    assert power[3:].tolist() == [2.0, 6.0] and water[3:].tolist() == [2.0, 2.0]
    assert restoration.curve(power, pop, np.arange(8)).tolist() == [0, 0, 100, 100, 100, 100, 400, 400]
    assert restoration.days_to_share(power, pop, 0.9) == 6.0 and restoration.days_to_share(power, pop, 0.25) == 2.0
    # why S1 first pays: with S2 first power person-days drop (300*4 + 100*6 = 1800 against 100*2 + 300*6 = 2000)
    # but everybody's water (the pump hangs on S1) waits until day 6: 400*6 = 2400 against 400*2 = 800 person-days
    _, f2, _ = restoration.schedule(systems, days, {"power": 1}, np.array([1, 0, 0, 0, 0]))
    _, g2, _ = restoration.service_days(f2, req)
    water2 = restoration.system_service(g2, req, len(ids), "water")
    assert water2[3:].tolist() == [6.0, 6.0]


def test_a_pump_waits_for_its_substation():
    ids, classes, req, pop = _case()
    days = np.array([5.0, 0.0, 1.0, 0.0, 0.0])  # S1 5 days, pump 1 day (separate water crew)
    systems = np.array(["power", "power", "water", None, None], dtype=object)
    _, finish, _ = restoration.schedule(systems, days, {"power": 1, "water": 1}, np.zeros(5))
    assert finish[2] == 1.0
    t, g, _ = restoration.service_days(finish, req)
    assert t[2] == 5.0  # repaired on day 1, useless until S1 is back on day 5
    water = restoration.system_service(g, req, len(ids), "water")
    assert water[3:].tolist() == [5.0, 5.0]


def test_curve_is_monotone_and_reaches_everybody_when_all_is_repairable():
    rng = np.random.default_rng(4)
    n_sub, n_people = 30, 400
    pts = rng.uniform(0, 10000, (n_sub + n_people, 2))
    classes = ["substation"] * n_sub + ["people"] * n_people
    table = cascade.parse_dependencies(
        {
            "systems": {"power": {}},
            "classes": {"substation": {"system": "power"}, "people": {"system": None}},
            "rules": [{"dependent": "people", "needs": "substation", "match": "nearest"}],
        }
    )
    req = cascade.build_requirements([str(i) for i in range(len(classes))], classes, shapely.points(pts), table)
    days = np.r_[rng.uniform(0.5, 10, n_sub), np.zeros(n_people)]
    pop = np.r_[np.zeros(n_sub), rng.integers(10, 100, n_people)].astype(float)
    down = restoration.downstream_persons(req, pop, days > 0)
    systems = np.array(["power"] * n_sub + [None] * n_people, dtype=object)
    _, finish, _ = restoration.schedule(systems, days, {"power": 3}, -down / np.maximum(days, 1e-9))
    _, g, _ = restoration.service_days(finish, req)
    power = restoration.system_service(g, req, len(classes), "power")
    grid = np.linspace(0, finish.max() + 1, 200)
    c = restoration.curve(power, pop, grid)
    assert np.all(np.diff(c) >= 0) and c[0] < pop.sum() and c[-1] == pytest.approx(pop.sum())
    assert restoration.days_to_share(power, pop, 1.0) == pytest.approx(power[n_sub:].max())
    # three crews: the total work is shared out, nobody waits longer than the list-scheduling bound
    assert finish.max() <= days.sum() / 3 + days.max() + 1e-9


def test_restoration_table_and_states():
    table = restoration.load_restoration()
    sub = table.classes["substation"]
    assert sub["verified"] is False and sub["days"]["complete"] == pytest.approx(30 + 2 * 15)
    assert [restoration.parse_state(v) for v in ["Complete", 2, "2.0", None, "", "severe", 7]] == [
        4,
        2,
        2,
        0,
        0,
        None,
        None,
    ]
    days, missing = restoration.repair_days(["substation", "bridge"], [3, 2], table)
    assert days[0] == pytest.approx(7 + 2 * 3.5) and np.isnan(days[1]) and missing == [("bridge", "moderate")]
    with pytest.raises(InputError, match="give days_50 and days_100, or mean_days and sd_days"):
        restoration.parse_restoration(
            {"classes": {"x": {"source": "", "verified": False, "states": {"slight": {"days": 3}}}}}
        )


def test_water_returns_when_a_path_of_repaired_pipes_reaches_a_pump():
    # pump P at the west end of pipe a (0-100 m), pipe b (100-200 m) leads to A; pipe c (0,0)-(0,-50)-(200,-50)-(200,0)
    # is a second way round. Repairs (unlimited crews): a 5 days, b 2 days, c 3 days; P undamaged.
    table = cascade.parse_dependencies(
        {
            "systems": {"water": {}},
            "classes": {
                "pump_station": {"system": "water"},
                "water_pipe": {"system": "water"},
                "people": {"system": None},
            },
            "rules": [
                {
                    "dependent": "people",
                    "needs": "pump_station",
                    "match": "network",
                    "via": "water_pipe",
                    "max_distance_m": 20,
                }
            ],
        }
    )
    ids = ["a", "b", "c", "P", "A"]
    geoms = np.array(
        [
            shapely.LineString([(0, 0), (100, 0)]),
            shapely.LineString([(100, 0), (200, 0)]),
            shapely.LineString([(0, 0), (0, -50), (200, -50), (200, 0)]),
            shapely.Point(30, 2),
            shapely.Point(195, 3),
        ]
    )
    req = cascade.build_requirements(ids, ["water_pipe"] * 3 + ["pump_station", "people"], geoms, table)
    pop = np.array([0, 0, 0, 0, 50.0])
    for finish, expect in (
        ([5.0, 2.0, 3.0, 0, 0], 5.0),  # P sits on a: nothing flows before day 5
        ([1.0, 2.0, 9.0, 0, 0], 2.0),  # a then b: day 2
        ([1.0, 4.0, 3.0, 0, 0], 4.0),
    ):  # A sits on b: b must be back whatever c does
        _, g, nd = restoration.service_days(np.array(finish), req)
        water = restoration.system_service(g, req, len(ids), "water", nd)
        assert water[4] == expect
    # P moved next to pipe c: A is served as soon as c and b are back, whatever a does
    geoms[3] = shapely.Point(30, -48)
    req = cascade.build_requirements(ids, ["water_pipe"] * 3 + ["pump_station", "people"], geoms, table)
    _, g, nd = restoration.service_days(np.array([9.0, 2.0, 3.0, 0, 0]), req)
    assert restoration.system_service(g, req, len(ids), "water", nd)[4] == 3.0
    # P now sits on c (a supplier fails with its line): c alone failing leaves A without a working pump, b carries
    # A, and a is a second way round whose loss cuts nobody off
    assert restoration.downstream_persons(req, pop, np.array([1, 1, 1, 0, 0], bool))[:3].tolist() == [0.0, 50.0, 50.0]


WATER_TABLE = {
    "systems": {"water": {}, "power": {}},
    "classes": {
        "pump_station": {"system": "water"},
        "water_pipe": {"system": "water"},
        "substation": {"system": "power"},
        "people": {"system": None},
    },
    "rules": [
        {"dependent": "pump_station", "needs": "substation", "match": "nearest"},
        {"dependent": "people", "needs": "pump_station", "match": "network", "via": "water_pipe", "max_distance_m": 5},
    ],
}


def _chain_and_loop(second_pump):
    # a chain of 4 pipes p1-p4 along y = 0 from x = 0 to 400, then a square loop p5-p8 through (400, 0), (500, 0),
    # (500, 100), (400, 100); pump P on p1 (near its west end), powered from the substation S; people A-H, 10, 20, ...
    # 80 persons, one on each pipe p1-p8; with ``second_pump`` a pump Q on p7 (also powered from S)
    pts = [(0, 0), (100, 0), (200, 0), (300, 0), (400, 0), (500, 0), (500, 100), (400, 100)]
    ends = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 4)]
    pipes = [shapely.LineString([pts[a], pts[b]]) for a, b in ends]
    people = [shapely.line_interpolate_point(p, 0.5, normalized=True) for p in pipes]
    pumps = [shapely.Point(10, 1)] + ([shapely.Point(450, 99)] if second_pump else [])
    geoms = np.array(pipes + pumps + [shapely.Point(-500, -500)] + people, dtype=object)
    classes = ["water_pipe"] * 8 + ["pump_station"] * len(pumps) + ["substation"] + ["people"] * 8
    ids = [f"p{k}" for k in range(1, 9)] + ["P", "Q"][: len(pumps)] + ["S"] + list("ABCDEFGH")
    req = cascade.build_requirements(ids, classes, geoms, cascade.parse_dependencies(WATER_TABLE))
    pop = np.r_[np.zeros(8 + len(pumps) + 1), 10.0 * np.arange(1, 9)]
    return ids, req, pop


def test_a_failing_bridge_pipe_or_only_pump_cuts_off_everybody_behind_it():
    ids, req, pop = _chain_and_loop(second_pump=False)
    served = dict(zip(ids, restoration.downstream_persons(req, pop, np.ones(len(ids), bool))))
    # by hand (360 persons in all; P is the only pump and fails with p1):
    # p1: P fails with it, nobody has water: 360; p2: B on it (20) and C-H behind it (30+40+50+60+70+80 = 330): 350
    # (A on p1 still reaches P); p3: C and D-H: 30 + 300 = 330; p4: D and E-H: 40 + 260 = 300; p5-p8 lie on the
    # loop (not bridges): only the persons on the pipe itself, 50, 60, 70, 80; P alone: 360; S: P loses its power,
    # 360 (the cascade through the requirement groups goes on into the network)
    expect = {"p1": 360, "p2": 350, "p3": 330, "p4": 300, "p5": 50, "p6": 60, "p7": 70, "p8": 80, "P": 360, "S": 360}
    assert {k: served[k] for k in expect} == expect


def test_a_second_pump_in_the_loop_keeps_the_chain_served():
    ids, req, pop = _chain_and_loop(second_pump=True)
    served = dict(zip(ids, restoration.downstream_persons(req, pop, np.ones(len(ids), bool))))
    # by hand, Q on p7 serves everybody whom P does not: p1: only A (10; P fails, Q still reaches all others);
    # p2, p3, p4: only the persons on them (the east side keeps Q, the west side P); p7: G (70), Q fails with it,
    # P still reaches the whole loop; P or Q alone: nobody; S powers both pumps: 360
    expect = {"p1": 10, "p2": 20, "p3": 30, "p4": 40, "p5": 50, "p6": 60, "p7": 70, "p8": 80, "P": 0, "Q": 0, "S": 360}
    assert {k: served[k] for k in expect} == expect


def _random_water_city(seed, merge=False):
    """Pipes between random nodes (a random tree, so many bridges, plus a few chords making cycles), pumps and
    people on known pipes, substations; which pipe each pump / person sits on is returned. ``merge``: some pipes
    run on through a second node (one asset, two edges of the network)."""
    rng = np.random.default_rng(seed)
    n_nodes = 60
    xy = rng.uniform(0, 5000, (n_nodes, 2))
    ends = [(int(rng.integers(0, k)), k) for k in range(1, n_nodes)]
    ends += list(dict.fromkeys(tuple(sorted(rng.choice(n_nodes, 2, replace=False).tolist())) for _ in range(8)))
    ends = list(dict.fromkeys(ends))
    pipes = [shapely.LineString([xy[a], xy[b]]) for a, b in ends]
    if merge:
        taken = set()
        for k, (a, b) in enumerate(ends):
            nxt = next((j for j, (c, _) in enumerate(ends) if c == b and j not in taken and j != k), None)
            if k not in taken and nxt is not None and rng.random() < 0.4:
                taken |= {k, nxt}
                pipes[k] = shapely.LineString([xy[a], xy[b], xy[ends[nxt][1]]])
        pipes = [g for j, g in enumerate(pipes) if j not in taken or len(shapely.get_coordinates(g)) == 3]
        ends = []  # not used with merge
    pump_on = rng.choice(len(pipes), 4, replace=False)
    person_on = rng.integers(0, len(pipes), 120)

    def on(k):
        return shapely.line_interpolate_point(pipes[k], rng.uniform(0.3, 0.7), normalized=True)

    subs = shapely.points(rng.uniform(0, 5000, (3, 2)))
    geoms = np.array(pipes + [on(k) for k in pump_on] + list(subs) + [on(k) for k in person_on], dtype=object)
    classes = ["water_pipe"] * len(pipes) + ["pump_station"] * 4 + ["substation"] * 3 + ["people"] * len(person_on)
    pop = np.r_[np.zeros(len(pipes) + 7), rng.integers(1, 100, len(person_on))].astype(float)
    return xy, ends, pump_on, person_on, geoms, classes, pop


def _water_lost_networkx(ends, pump_on, pumps, person_on, people, cut, dead):
    """networkx: the people without water when the pipes ``cut`` and the pumps ``dead`` fail, everything else
    working: on a cut pipe, or no working pump (on a working pipe) in their component; only people who have water
    while everything works can lose it."""
    import networkx as nx

    full = nx.Graph(ends)
    g = nx.Graph()
    g.add_nodes_from(full.nodes)
    g.add_edges_from(e for k, e in enumerate(ends) if k not in cut)
    comp = {v: j for j, part in enumerate(nx.connected_components(g)) for v in part}
    full_comp = {v: j for j, part in enumerate(nx.connected_components(full)) for v in part}
    live = {comp[ends[k][0]] for c, k in enumerate(pump_on.tolist()) if k not in cut and pumps[c] not in dead}
    had = {full_comp[ends[k][0]] for k in pump_on.tolist()}
    return [int(a) for a, k in zip(people, person_on.tolist())
            if full_comp[ends[k][0]] in had and (k in cut or comp[ends[k][0]] not in live)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_persons_served_against_networkx_on_a_random_network_with_bridges(seed):
    nx = pytest.importorskip("networkx")
    xy, ends, pump_on, person_on, geoms, classes, pop = _random_water_city(seed)
    n_pipes = len(ends)
    ids = [str(k) for k in range(len(classes))]
    req = cascade.build_requirements(ids, classes, geoms, cascade.parse_dependencies(WATER_TABLE))
    got = restoration.downstream_persons(req, pop, np.ones(len(ids), bool))
    pumps = np.arange(n_pipes, n_pipes + 4)
    subs = np.arange(n_pipes + 4, n_pipes + 7)
    people = np.arange(n_pipes + 7, len(classes))
    sub_xy = shapely.get_coordinates(geoms[subs])
    pump_xy = shapely.get_coordinates(geoms[pumps])
    power = subs[np.argmin(np.hypot(*(pump_xy[:, None, :] - sub_xy[None, :, :]).transpose(2, 0, 1)), axis=1)]
    bridges = {frozenset(e) for e in nx.bridges(nx.Graph(ends))}
    assert 10 < sum(frozenset(e) in bridges for e in ends) < n_pipes  # a partly tree-shaped network

    def lost(cut, dead):
        return pop[_water_lost_networkx(ends, pump_on, pumps, person_on, people, cut, dead)].sum()

    for k in range(n_pipes):
        assert got[k] == lost({k}, set()), k
    for c in range(4):
        assert got[pumps[c]] == lost(set(), {pumps[c]}), ("pump", c)
    for s in subs:  # a substation takes the pumps it powers (their nearest) down with it
        assert got[s] == lost(set(), set(pumps[power == s].tolist())), ("substation", s)
    assert got[people].tolist() == pop[people].tolist()  # a person failing alone: only that person


def test_persons_served_is_the_single_failure_cascade_of_propagate():
    # the same kind of networks, with pumps that get their water from a plant through the pipes (dependents of one
    # network rule that supply another) and people that also need the nearest substation (each person counted
    # once): every asset's failure alone, propagated by cascade.propagate
    table = {
        "systems": {"water": {}, "power": {}},
        "classes": {
            "pump_station": {"system": "water"},
            "water_plant": {"system": "water"},
            "water_pipe": {"system": "water"},
            "substation": {"system": "power"},
            "people": {"system": None},
        },
        "rules": [
            {"dependent": "pump_station", "needs": "substation", "match": "nearest"},
            {"dependent": "pump_station", "needs": "water_plant", "match": "network", "via": "water_pipe",
             "max_distance_m": 5},
            {"dependent": "people", "needs": "pump_station", "match": "network", "via": "water_pipe",
             "max_distance_m": 5},
            {"dependent": "people", "needs": "substation", "match": "nearest"},
        ],
    }
    for seed in (4, 5):
        xy, ends, pump_on, person_on, geoms, classes, pop = _random_water_city(seed, merge=seed == 5)
        classes = list(classes)
        classes[classes.index("substation") - 1] = "water_plant"  # the last pump is a plant
        n = len(classes)
        req = cascade.build_requirements([str(k) for k in range(n)], classes, geoms, cascade.parse_dependencies(table))
        got = restoration.downstream_persons(req, pop, np.ones(n, bool))
        base, _, _ = cascade.propagate(np.zeros((1, n), bool), req)
        assert base.all()
        single = np.eye(n, dtype=bool)
        working, _, _ = cascade.propagate(single, req)
        np.testing.assert_array_equal(got, (~working * pop).sum(axis=1))
