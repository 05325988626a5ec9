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
    assert restoration.downstream_persons(req, pop, np.array([1, 1, 1, 0, 0], bool))[:3].tolist() == [0.0, 50.0, 0.0]
