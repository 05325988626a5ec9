"""Life circle (core): hand case, defaults from the standard, shares per unit, Futian against networkx."""

import numpy as np
import pytest
from shapely.geometry import LineString, Point

from resilience_plugin.core import life_circle as lc
from resilience_plugin.core import network as nw
from resilience_plugin.core.errors import InputError
from resilience_plugin.core.standards import load_standard
from tests.core.test_network import _futian, _nx_reference


def test_hand_case_one_search_per_service():
    net = nw.build_network(
        np.array([LineString([(0, 0), (1000, 0)]), LineString([(3000, 0), (3100, 0)])], dtype=object)
    )
    demand = np.array([Point(100, 5), Point(600, 5), Point(3050, 5)], dtype=object)
    school = np.array([Point(0, 0)], dtype=object)
    market = np.array([Point(900, 0), Point(3000, 0)], dtype=object)
    reach = lc.service_reach(net, demand, [school, market], [500, 400])
    # school: 105 m, 605 m (beyond 500), island unreachable; market: 805 m (beyond), 305 m, 55 m
    assert reach.reached.tolist() == [[True, False], [False, True], [False, True]]
    assert reach.walk_m[0, 0] == pytest.approx(105)
    assert reach.walk_m[1, 1] == pytest.approx(305)
    assert reach.walk_m[2, 1] == pytest.approx(55)
    assert np.isinf(reach.walk_m[0, 1]) and np.isinf(reach.walk_m[2, 0])


def test_defaults_from_the_standard():
    std = load_standard("life_circle")
    assert lc.default_minutes("Primary schools", std) == (10.0, "primary_school")
    assert lc.default_minutes("初中", std) == (15.0, "middle_school")
    assert lc.default_minutes("幼儿园 2024", std) == (5.0, "kindergarten")
    assert lc.default_minutes("wet market", std) == (10.0, "market")
    assert lc.default_minutes("libraries", std) == (15.0, None)
    for svc in std["services"].values():
        assert "verified" in svc


def test_parse_minutes():
    assert lc.parse_minutes("10, ,5", 3) == [10.0, None, 5.0]
    assert lc.parse_minutes("", 2) == [None, None]
    with pytest.raises(InputError, match="lists 2 value"):
        lc.parse_minutes("10,5", 3)
    with pytest.raises(InputError, match="'abc' is not a positive"):
        lc.parse_minutes("abc", 1)
    with pytest.raises(InputError, match="'-3' is not a positive"):
        lc.parse_minutes("-3", 1)


def test_unit_shares_by_hand():
    reached = np.array([[True, True], [True, False], [False, False], [True, True]])
    persons = np.array([10.0, 30.0, 60.0, 5.0])
    unit = np.array([0, 0, 0, 1])
    t = lc.unit_shares(3, unit, persons, reached, 90)
    assert t["population"].tolist() == [100, 5, 0]
    assert t["pct_0"].tolist()[:2] == pytest.approx([40, 100])
    assert t["pct_1"].tolist()[:2] == pytest.approx([10, 100])
    assert t["pct_all"].tolist()[:2] == pytest.approx([10, 100])
    assert np.isnan(t["pct_all"][2])
    assert t["missing"].tolist() == [[0, 1], [], []]


def test_futian_matches_networkx():
    roads, fac, dem = _futian(n_fac=24, n_dem=400, seed=17)
    net = nw.build_network(roads.geometry.to_numpy(), tolerance=0.01)
    groups = [fac[:4], fac[4:12], fac[12:]]
    limits = [600.0, 900.0, 1200.0]
    reach = lc.service_reach(net, dem, groups, limits)
    checked = 0
    for k, (g, limit) in enumerate(zip(groups, limits)):
        ref, _ = _nx_reference(roads, g, dem)
        clear = np.abs(ref - limit) > 5  # leave out the points at the limit, where tiny differences flip the answer
        assert np.array_equal(reach.reached[clear, k], ref[clear] <= limit)
        both = reach.reached[:, k] & (ref <= limit)
        assert np.allclose(reach.walk_m[both, k], ref[both], rtol=0.005)
        checked += both.sum()
    assert checked > 300
    assert 0 < reach.reached.all(axis=1).sum() < len(dem)
