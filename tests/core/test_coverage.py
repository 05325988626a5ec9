"""Walking coverage, capacitated allocation and site selection (expected values by hand / networkx)."""

import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

from resilience_plugin.core import coverage as cv
from resilience_plugin.core import network as nw
from resilience_plugin.core.errors import InputError
from tests.core.test_network import _futian, _nx_reference


def _street():
    # one straight street 0..1000 m along y = 0, plus an island street far away
    lines = np.array([LineString([(0, 0), (500, 0)]), LineString([(500, 0), (1000, 0)]),
                      LineString([(5000, 0), (5200, 0)])], dtype=object)
    return nw.build_network(lines)


def _pts(xs, y=0.0):
    return np.array([Point(x, y) for x in xs], dtype=object)


def test_mode0_nearest_and_islands():
    net = _street()
    fac = _pts([0, 1000])
    dem = _pts([100, 300, 600, 900, 5100], y=10)
    res = cv.shelter_coverage(net, fac, None, dem, np.array([80, 50, 40, 30, 99.0]), 350, mode=0)
    d = res.demand
    # walk = 10 m snap + along the street
    assert d["walk_m"].tolist()[:4] == pytest.approx([110, 310, 410, 110])
    assert d["facility"].tolist() == [0, 0, -1, 1, -1]
    assert d["covered"].tolist() == [True, True, False, True, False]
    assert np.isnan(d["walk_m"][4])  # island: unserved, not an error
    assert d["persons_assigned"].tolist() == [80, 50, 0, 30, 0]
    assert res.facilities["assigned_persons"].tolist() == [130, 30]
    # reachable regardless of other facilities: 0 reaches 100 & 300; 1000 reaches 900 and 600? (410 > 350: no)
    assert res.facilities["reachable_persons"].tolist() == [130, 30]
    assert res.report["coverage_pct"] == pytest.approx(100 * 160 / 299)


def test_mode1_hand_case():
    net = _street()
    fac = _pts([0, 1000])
    dem = _pts([100, 300, 600, 900])
    persons = np.array([80.0, 50.0, 40.0, 30.0])
    res = cv.shelter_coverage(net, fac, np.array([100.0, 50.0]), dem, persons, 2000, mode=1)
    d, f = res.demand, res.facilities
    # by hand: A (cap 100) takes 80 at x=100 then 20 of the 50 at x=300;
    # B (cap 50) takes 30 at x=900 then 20 of the 40 at x=600; then both are full.
    assert d["persons_assigned"].tolist() == pytest.approx([80, 20, 20, 30])
    assert d["persons_unserved"].tolist() == pytest.approx([0, 30, 20, 0])
    assert f["assigned_persons"].tolist() == pytest.approx([100, 50])
    assert f["load_ratio"].tolist() == pytest.approx([1.0, 1.0])
    assert d["covered"].tolist() == [True, False, False, True]
    assert d["facility"].tolist() == [0, 0, 1, 1]


def test_mode1_overflow_moves_to_next_facility():
    net = _street()
    fac = _pts([0, 1000])
    dem = _pts([100, 300])
    # A holds 90: x=100 (80) fits, 10 of x=300 fit, the other 40 walk on to B (700 m away)
    res = cv.shelter_coverage(net, fac, np.array([90.0, 1000.0]), dem, np.array([80.0, 50.0]), 2000, mode=1)
    assert res.demand["persons_assigned"].tolist() == pytest.approx([80, 50])
    assert res.facilities["assigned_persons"].tolist() == pytest.approx([90, 40])
    assert res.report["allocation_rounds"] == 2
    # walk_m is the walk to the facility that took the persons: x=300 still went to A first
    assert res.demand["walk_m"].tolist() == pytest.approx([100, 300])
    # A full from the start for x=300: they all walk on to B (700 m)
    res = cv.shelter_coverage(net, fac, np.array([80.0, 1000.0]), dem, np.array([80.0, 50.0]), 2000, mode=1)
    assert res.demand["walk_m"].tolist() == pytest.approx([100, 700])
    assert res.demand["facility"].tolist() == [0, 1]
    # with a 500 m limit B is too far for x=300: 40 stay unserved
    res = cv.shelter_coverage(net, fac, np.array([90.0, 1000.0]), dem, np.array([80.0, 50.0]), 500, mode=1)
    assert res.demand["persons_unserved"].tolist() == pytest.approx([0, 40])


def test_hazard_blocks_streets_and_facilities():
    net = _street()
    flood = np.array([box(450, -20, 550, 20)], dtype=object)
    mask = ~cv.edges_in_zones(net, flood)
    assert mask.tolist() == [False, False, True]  # both edges touch the node at 500 inside the zone
    flood = np.array([box(700, -20, 800, 20)], dtype=object)
    mask = ~cv.edges_in_zones(net, flood)
    fac = _pts([0, 1000])
    in_service = ~cv.points_in_zones(fac, np.array([box(-10, -10, 10, 10)], dtype=object))
    res = cv.shelter_coverage(net, fac, None, _pts([100, 900]), np.array([1.0, 1.0]), 5000, mode=0,
                              edge_mask=mask, in_service=in_service, max_snap_m=50)
    # facility 0 is flooded (out of service); the street 500..1000 is blocked, so facility 1 and the
    # demand at x=900 are more than 50 m from any passable street: nobody is covered
    assert res.demand["facility"].tolist() == [-1, -1]
    assert res.report["demand_not_snapped"] == 1 and res.report["facilities_not_snapped"] == 1
    # without the flood, x=100 walks 900 m to facility 1
    res = cv.shelter_coverage(net, fac, None, _pts([100, 900]), np.array([1.0, 1.0]), 5000, mode=0,
                              in_service=in_service, max_snap_m=50)
    assert res.demand["walk_m"].tolist() == pytest.approx([900, 100])
    assert bool(res.facilities["in_service"][0]) is False


def test_snap_limit_reports_far_facilities():
    net = _street()
    res = cv.shelter_coverage(net, _pts([0, 500], y=300), None, _pts([100]), np.array([5.0]), 2000, mode=0,
                              max_snap_m=200)
    assert res.report["facilities_not_snapped"] == 2
    assert res.demand["covered"].tolist() == [False]


def test_mode2_site_selection_hand_case():
    net = _street()
    dem = _pts([100, 150, 480, 520, 900])
    persons = np.array([10.0, 10, 40, 40, 25])
    cand = _pts([100, 500, 900])
    res = cv.shelter_coverage(net, _pts([]), None, dem, persons, 100, mode=2, candidates=cand, max_new=2)
    # gains: site at 500 covers 80, at 900 covers 25, at 100 covers 20 -> choose 500 then 900
    assert sorted(res.facilities["source_index"].tolist()) == [1, 2]
    assert res.report["covered_after"] == pytest.approx(105)
    assert res.report["lp_bound"] >= 105 - 1e-6
    # target reached after the first site
    res = cv.shelter_coverage(net, _pts([]), None, dem, persons, 100, mode=2, candidates=cand, max_new=3,
                              target_coverage=50)
    assert res.facilities["source_index"].tolist() == [1]


def test_bad_inputs():
    net = _street()
    with pytest.raises(InputError, match="CANDIDATES"):
        cv.shelter_coverage(net, _pts([0]), None, _pts([5]), np.ones(1), 100, mode=2, candidates=_pts([]), max_new=1)
    with pytest.raises(InputError, match="MAX_NEW"):
        cv.shelter_coverage(net, _pts([0]), None, _pts([5]), np.ones(1), 100, mode=2, candidates=_pts([9]), max_new=0)
    with pytest.raises(InputError, match="walking speed must be positive"):
        cv.walk_limit_m(10, 0)
    assert cv.walk_limit_m(10, 4.0) == pytest.approx(666.6667, rel=1e-6)
    assert cv.walk_limit_m(10, 4.0, 900) == 900
    cap, counts = cv.clean_capacity([10, None, 0, -5, "x"])
    assert counts == {"null": 2, "negative": 1, "zero": 1}
    assert np.isnan(cap[3]) and cap[2] == 0


def test_futian_coverage_matches_networkx():
    roads, fac, dem = _futian(n_fac=20, n_dem=400, seed=11)
    rng = np.random.default_rng(5)
    persons = rng.integers(1, 200, len(dem)).astype(float)
    net = nw.build_network(roads.geometry.to_numpy(), tolerance=0.01)
    limit = cv.walk_limit_m(10, 4.0)
    res = cv.shelter_coverage(net, fac, None, dem, persons, limit, mode=0, reach=False)
    ref_d, _ = _nx_reference(roads, fac, dem)
    ok = np.isfinite(ref_d)
    assert np.allclose(res.demand["walk_m"].to_numpy()[ok], ref_d[ok], rtol=0.005)
    ref_cov = persons[ref_d <= limit].sum()
    assert res.report["covered_persons"] == pytest.approx(ref_cov, rel=0.005)


def test_futian_capacitated_never_exceeds_capacity():
    roads, fac, dem = _futian(n_fac=15, n_dem=400, seed=2)
    rng = np.random.default_rng(9)
    persons = rng.integers(1, 300, len(dem)).astype(float)
    cap = rng.integers(200, 3000, len(fac)).astype(float)
    net = nw.build_network(roads.geometry.to_numpy(), tolerance=0.01)
    res = cv.shelter_coverage(net, fac, cap, dem, persons, 1500, mode=1)
    f, d = res.facilities, res.demand
    assert (f["assigned_persons"].to_numpy() <= cap + 1e-6).all()
    assert d["persons_assigned"].sum() == pytest.approx(f["assigned_persons"].sum())
    assert (d["persons_assigned"] <= d["persons"] + 1e-9).all()
    # nobody unserved while a facility within reach still had room: every demand point left with
    # persons has no facility with room within the limit (checked with networkx distances)
    free = cap - f["assigned_persons"].to_numpy() > 1e-6
    left = d["persons_unserved"].to_numpy() > 1e-6
    if left.any() and free.any():
        ref_d, _ = _nx_reference(roads, fac[free], dem[left])
        assert (ref_d > 1500 * 1.005).all()


def test_service_areas_follow_the_reached_street_parts():
    net = _street()
    res = cv.shelter_coverage(net, _pts([0, 1000]), None, _pts([100]), np.ones(1), 300, mode=0)
    areas = cv.service_areas(net, res.node_dist, res.node_facility, 300, 2, buffer_m=25)
    # facility 0 reaches x = 0..300 and facility 1 x = 700..1000 of the street; the island nothing
    expect0 = LineString([(0, 0), (300, 0)]).buffer(25, quad_segs=4)
    expect1 = LineString([(700, 0), (1000, 0)]).buffer(25, quad_segs=4)
    assert areas[0].symmetric_difference(expect0).area < 1.0
    assert areas[1].symmetric_difference(expect1).area < 1.0
