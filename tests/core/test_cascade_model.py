"""core.cascade: a hand-built three-system cascade and the Monte Carlo against exact probabilities."""

import numpy as np
import pytest
import shapely

from resilience_plugin.core import cascade
from resilience_plugin.core.errors import InputError

TABLE = {
    "systems": {"power": {}, "water": {}, "telecom": {}},
    "classes": {
        "power_line": {"system": "power"},
        "substation": {"system": "power"},
        "water_plant": {"system": "water"},
        "pump_station": {"system": "water"},
        "telecom": {"system": "telecom"},
        "people": {"system": None},
        "hospital": {"system": None},
    },
    "rules": [
        {"dependent": "substation", "needs": "power_line", "match": "within", "max_distance_m": 50},
        {"dependent": "water_plant", "needs": "substation", "match": "nearest"},
        {
            "dependent": "pump_station",
            "needs": "substation",
            "match": "field",
            "field": "power_from",
            "fallback": "nearest",
        },
        {"dependent": "pump_station", "needs": "water_plant", "match": "nearest"},
        {"dependent": "telecom", "needs": "substation", "match": "nearest"},
        {"dependent": "people", "needs": "substation", "match": "nearest"},
        {"dependent": "people", "needs": "pump_station", "match": "nearest"},
        {"dependent": "people", "needs": "telecom", "match": "nearest"},
        {"dependent": "hospital", "needs": "substation", "match": "nearest"},
        {"dependent": "hospital", "needs": "pump_station", "match": "nearest"},
        {"dependent": "hospital", "needs": "telecom", "match": "nearest"},
    ],
}
# id, class, geometry, power_from
ASSETS = [
    ("L1", "power_line", shapely.LineString([(0, 0), (100, 0)]), None),
    ("S1", "substation", shapely.Point(100, 10), None),
    ("L2", "power_line", shapely.LineString([(1000, 0), (1100, 0)]), None),
    ("S2", "substation", shapely.Point(1100, 10), None),
    ("W1", "water_plant", shapely.Point(150, 50), None),
    ("P1", "pump_station", shapely.Point(900, 100), "S2"),
    ("P2", "pump_station", shapely.Point(300, 100), None),
    ("T1", "telecom", shapely.Point(1050, 200), None),
    ("A", "people", shapely.Point(200, 150), None),
    ("B", "people", shapely.Point(950, 150), None),
    ("H1", "hospital", shapely.Point(1000, 300), None),
]


def _case():
    table = cascade.parse_dependencies(TABLE)
    ids = [a[0] for a in ASSETS]
    req = cascade.build_requirements(
        ids, [a[1] for a in ASSETS], np.array([a[2] for a in ASSETS]), table, {"power_from": [a[3] for a in ASSETS]}
    )
    return ids, table, req


def test_three_system_cascade_by_hand():
    ids, table, req = _case()
    failed = np.array([i == "L1" for i in ids])
    # by hand: L1 feeds S1 (round 1); S1 powers W1 and P2 (nearest substation, P2 has no power_from) (round 2);
    # P1 is powered from S2 but needs water from W1 (round 3). S2, T1 and L2 keep working.
    working, rounds, text = cascade.chains(ids, failed, req)
    by = dict(zip(ids, rounds.tolist()))
    assert by == {"L1": 0, "S1": 1, "L2": -1, "S2": -1, "W1": 2, "P1": 3, "P2": 2, "T1": -1, "A": 2, "B": 4, "H1": 4}
    chain = dict(zip(ids, text))
    assert chain["P1"] == "P1 <- W1 <- S1 <- L1 (direct)"
    assert chain["P2"] == "P2 <- S1 <- L1 (direct)"
    assert chain["L1"] == "L1 (direct)" and chain["T1"] == ""
    res = cascade.simulate(
        req,
        ["power", "water", "telecom"],
        n=len(ids),
        failed=failed,
        population=[0, 0, 0, 0, 0, 0, 0, 0, 100, 40, 0],
        unit=np.zeros(len(ids), np.int64),
    )
    lost = {s: dict(zip(ids, v.tolist())) for s, v in res.p_lost.items()}
    # A: nearest substation S1 and nearest pump P2 are down; B: S2 works but its pump P1 is down
    assert (lost["power"]["A"], lost["water"]["A"], lost["telecom"]["A"]) == (1, 1, 0)
    assert (lost["power"]["B"], lost["water"]["B"], lost["telecom"]["B"]) == (0, 1, 0)
    assert (lost["power"]["H1"], lost["water"]["H1"], lost["telecom"]["H1"]) == (0, 1, 0)
    assert res.persons_lost["power"][0].tolist() == [100] and res.persons_lost["water"][0].tolist() == [140]
    assert res.p_direct.tolist() == failed.astype(float).tolist()
    assert dict(zip(ids, res.p_cascade.tolist())) == {
        "L1": 0,
        "S1": 1,
        "L2": 0,
        "S2": 0,
        "W1": 1,
        "P1": 1,
        "P2": 1,
        "T1": 0,
        "A": 1,
        "B": 1,
        "H1": 1,
    }
    # the vectorised propagation agrees with the round-by-round one
    w, _, _ = cascade.propagate(failed[None, :], req)
    assert w[0].tolist() == working.tolist()


def test_monte_carlo_of_one_asset_equals_its_probability():
    ids, table, req = _case()
    p = np.zeros(len(ids))
    p[ids.index("L2")] = 0.3  # only L2 can fail: S2, T1, P1 follow it; B loses power
    runs = 4000
    res = cascade.simulate(
        req,
        ["power", "water", "telecom"],
        n=len(ids),
        p_fail=p,
        runs=runs,
        seed=11,
        population=[0, 0, 0, 0, 0, 0, 0, 0, 100, 40, 0],
        unit=np.zeros(len(ids), np.int64),
        chunk=700,
    )
    se = np.sqrt(0.3 * 0.7 / runs)
    i = ids.index("L2")
    assert abs(res.p_direct[i] - 0.3) < 4 * se
    for name in ("S2", "T1", "P1"):
        assert res.p_cascade[ids.index(name)] == res.p_direct[i]  # every run that loses L2 loses them
    assert res.p_lost["power"][ids.index("B")] == res.p_direct[i]
    mean, lo, hi = cascade.band(res.persons_lost["power"])
    assert mean[0] == pytest.approx(40 * res.p_direct[i])  # B's 40 persons in the runs that lost L2
    assert lo[0] == 0 and hi[0] == 40
    # independent assets: the mean of each matches its own probability
    p2 = np.zeros(len(ids))
    p2[[ids.index("W1"), ids.index("T1")]] = [0.1, 0.6]
    res2 = cascade.simulate(req, ["power"], n=len(ids), p_fail=p2, runs=runs, seed=3)
    for name, q in (("W1", 0.1), ("T1", 0.6)):
        assert abs(res2.p_direct[ids.index(name)] - q) < 4 * np.sqrt(q * (1 - q) / runs)


def test_seeded_runs_repeat_and_chunking_does_not_change_them():
    ids, table, req = _case()
    p = np.linspace(0.05, 0.5, len(ids))
    a = cascade.simulate(req, ["power", "water"], n=len(ids), p_fail=p, runs=300, seed=5, chunk=300)
    b = cascade.simulate(req, ["power", "water"], n=len(ids), p_fail=p, runs=300, seed=5, chunk=300)
    assert a.p_cascade.tolist() == b.p_cascade.tolist()


def test_bad_tables_are_explained():
    with pytest.raises(InputError, match="names the class 'pipe'"):
        cascade.parse_dependencies(
            {
                "systems": {"water": {}},
                "classes": {"pump": {"system": "water"}},
                "rules": [{"dependent": "pump", "needs": "pipe"}],
            }
        )
    with pytest.raises(InputError, match="needs max_distance_m"):
        cascade.parse_dependencies(
            {
                "systems": {"water": {}},
                "classes": {"pump": {"system": "water"}, "pipe": {"system": "water"}},
                "rules": [{"dependent": "pump", "needs": "pipe", "match": "within"}],
            }
        )
    with pytest.raises(InputError, match="unknown system 'gas'"):
        cascade.parse_dependencies({"systems": {}, "classes": {"pump": {"system": "gas"}}, "rules": []})


def test_default_table_loads():
    table = cascade.load_dependencies()
    assert table.verified is False and "power" in table.systems and len(table.rules) >= 10


NET_TABLE = {
    "systems": {"water": {}},
    "classes": {"pump_station": {"system": "water"}, "water_pipe": {"system": "water"}, "people": {"system": None}},
    "rules": [
        {"dependent": "people", "needs": "pump_station", "match": "network", "via": "water_pipe", "max_distance_m": 20}
    ],
}
# two pumps feed a small pipe network: pipe4 is a second way round from the west end to the east end
NET_ASSETS = [
    ("pipe1", "water_pipe", shapely.LineString([(0, 0), (100, 0)])),
    ("pipe2", "water_pipe", shapely.LineString([(100, 0), (200, 0)])),
    ("pipe3", "water_pipe", shapely.LineString([(100, 0), (100, 100)])),
    ("pipe4", "water_pipe", shapely.LineString([(0, 0), (0, -50), (200, -50), (200, 0)])),
    ("P1", "pump_station", shapely.Point(30, 2)),
    ("P2", "pump_station", shapely.Point(30, -48)),
    ("A", "people", shapely.Point(195, 3)),
    ("B", "people", shapely.Point(98, 95)),
    ("C", "people", shapely.Point(500, 500)),  # 300+ m from every pipe: never served
]


def _net_case():
    ids = [a[0] for a in NET_ASSETS]
    req = cascade.build_requirements(
        ids, [a[1] for a in NET_ASSETS], np.array([a[2] for a in NET_ASSETS]), cascade.parse_dependencies(NET_TABLE)
    )
    return ids, req


@pytest.mark.parametrize(
    ("failed", "cut"),
    [
        ((), {"C"}),
        (("pipe3",), {"B", "C"}),  # B's own pipe
        (("pipe1",), {"C"}),  # P2 still feeds everybody round pipe4
        (("pipe1", "pipe4"), {"A", "B", "C"}),  # both pumps' pipes are down
        (("P2", "pipe1"), {"A", "B", "C"}),  # P1's pipe down and P2 failed
        (("pipe2", "pipe3"), {"A", "B", "C"}),  # A and B on failed pipes
    ],
)
def test_network_reach_by_hand(failed, cut):
    ids, req = _net_case()
    direct = np.array([i in failed for i in ids])
    working, rounds, text = cascade.chains(ids, direct, req)
    people = {"A", "B", "C"}
    assert {i for i, w in zip(ids, working) if not w and i in people} == cut
    w2, _, _ = cascade.propagate(direct[None, :], req)
    assert w2[0].tolist() == working.tolist()
    if "B" in cut and failed:
        assert dict(zip(ids, text))["B"] == "B (network path cut)"


def test_network_reach_monte_carlo_matches_exact_probabilities():
    ids, req = _net_case()
    p = np.zeros(len(ids))
    p[ids.index("pipe3")] = 0.3
    p[ids.index("pipe1")] = 0.5
    p[ids.index("pipe4")] = 0.5
    runs = 6000
    res = cascade.simulate(req, ["water"], n=len(ids), p_fail=p, runs=runs, seed=2, chunk=500)
    lost = dict(zip(ids, res.p_lost["water"]))
    # A is cut when pipe1 and pipe4 both fail (0.25); B also when pipe3 fails: 1 - 0.7 * 0.75
    for name, q in (("A", 0.25), ("B", 1 - 0.7 * 0.75), ("C", 1.0)):
        assert abs(lost[name] - q) < 4 * np.sqrt(q * (1 - q) / runs) + 1e-12, name
    assert req.report["unmet"] == {0: 1}


def test_requirement_groups_by_hand():
    """Every group of every kind of rule, written out by hand: a 'field' rule without fallback (no ids:
    no group; several ids, an unknown id, an id given as a float), 'within' with several suppliers in
    reach, and a class that needs its own class (an asset never supplies itself)."""
    table = cascade.parse_dependencies({
        "systems": {"power": {}},
        "classes": {"substation": {"system": "power"}, "power_line": {"system": "power"},
                    "pump_station": {"system": None}},
        "rules": [
            {"dependent": "pump_station", "needs": "substation", "match": "field", "field": "feeds"},
            {"dependent": "substation", "needs": "power_line", "match": "within", "max_distance_m": 20},
            {"dependent": "substation", "needs": "substation", "match": "nearest", "max_distance_m": 500},
        ],
    })
    assets = [  # id, class, geometry, feeds
        ("S1", "substation", shapely.Point(0, 0), None),
        ("S2", "substation", shapely.Point(300, 0), None),
        ("S3", "substation", shapely.Point(5000, 0), None),
        ("L1", "power_line", shapely.LineString([(-10, 5), (10, 5)]), None),
        ("L2", "power_line", shapely.LineString([(-10, -15), (10, -15)]), None),
        ("L3", "power_line", shapely.LineString([(290, 30), (310, 30)]), None),
        ("P1", "pump_station", shapely.Point(50, 50), "S2; S1"),
        ("P2", "pump_station", shapely.Point(60, 60), None),
        ("P3", "pump_station", shapely.Point(70, 70), "X9, 2.0"),
    ]
    ids = [a[0] for a in assets]
    ids[1] = "2"  # S2 is named "2" (a float field value "2.0" names it)
    req = cascade.build_requirements(ids, [a[1] for a in assets], np.array([a[2] for a in assets]), table,
                                     {"feeds": [a[3] for a in assets]})
    name = dict(enumerate(ids))
    groups = [(name[int(d)], int(r), sorted(name[int(s)] for s in req.sup[req.ptr[g]:req.ptr[g + 1]]))
              for g, (d, r) in enumerate(zip(req.dep, req.rule))]
    assert groups == [
        ("S1", 1, ["L1", "L2"]),  # both lines within 20 m (L2 15 m away)
        ("S1", 2, ["2"]),         # its nearest other substation, 300 m
        ("2", 1, []),             # L3 is 30 m away: none in reach
        ("2", 2, ["S1"]),
        ("S3", 1, []),
        ("S3", 2, []),            # nothing within 500 m but itself
        ("P1", 0, ["S1"]),        # "S2; S1": S2 is not an id, S1 is
        ("P3", 0, ["2"]),         # X9 unknown, "2.0" names "2"
    ]  # P2 names no substation and the rule has no fallback: no group
    assert req.report["unknown_ids"] == ["S2", "X9"]
    assert req.report["unmet"] == {1: 2, 2: 1}
    assert list(req.system) == ["power"] * len(groups)


def test_chain_names_the_first_unmet_requirement():
    """A loses its substation and its telecom site in the same round: its chain names the first of its
    requirements in the table's order (people need a substation before a telecom site)."""
    ids, table, req = _case()
    failed = np.array([i in ("S1", "T1") for i in ids])
    working, rounds, text = cascade.chains(ids, failed, req)
    chain = dict(zip(ids, text))
    assert dict(zip(ids, rounds.tolist()))["A"] == 1
    assert chain["A"] == "A <- S1 (direct)"
    assert chain["H1"] == "H1 <- T1 (direct)"  # its substation S2 works
