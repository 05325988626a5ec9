"""Dual-use facility suitability: functions, capacity, constraints and scores by hand."""

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, Point, box

from resilience_plugin.core import network as nw
from resilience_plugin.core import suitability as su
from resilience_plugin.core.errors import InputError


def _sites():
    geoms = np.array([box(0, 0, 100, 100),          # A school, 10 000 m2 footprint
                      box(300, 0, 330, 30),          # B stadium, 900 m2
                      box(1000, 0, 1100, 100),       # C warehouse, in the flood zone
                      box(2000, 0, 2010, 10),        # D unknown type
                      Point(3000, 0)], dtype=object)  # E park as a point without area
    types = ["School", "体育馆", "仓库", "Casino", "park"]
    return geoms, types


def test_types_functions_and_overrides():
    lk = su.type_lookup()
    assert lk["school"][1] == ("shelter", "isolation")
    assert lk[su.normalize_key("University/College")][0] == "school"
    assert lk[su.normalize_key("体育馆")][0] == "sports"
    lk = su.type_lookup("Casino: shelter|medical; school: isolation")
    assert lk["casino"][1] == ("shelter", "medical")
    assert lk["school"][1] == ("isolation",)
    with pytest.raises(InputError, match="unknown function 'party'"):
        su.type_lookup("school:party")
    with pytest.raises(InputError, match="not of the form type:function"):
        su.type_lookup("school")


def test_parse_floors():
    assert su.parse_floors(["3", "4-7", ">7", "10+", None, "x", 2, 0]).tolist()[:4] == [3, 4, 7, 10]
    f = su.parse_floors(["3", "4-7", ">7", "10+", None, "x", 2, 0])
    assert np.isnan(f[4]) and np.isnan(f[5]) and f[6] == 2 and np.isnan(f[7])


def test_capacity_constraints_and_reasons():
    geoms, types = _sites()
    zones = np.array([box(950, -50, 1200, 200), box(-500, -500, 3500, 500)], dtype=object)
    levels = np.array([3.0, 1.0])
    df, rep = su.evaluate(geoms, types, floors=np.array([2, np.nan, 1, 1, 1]),
                          around=su.Surroundings(zones=zones, zone_levels=levels, sources=np.array([Point(320, 80)], dtype=object)),
                          options=su.SuitabilityOptions(effective_ratio=0.6, shelter_class_key="short_term", exclude_level=2,
                                                        source_buffer_m=100))
    # A: effective 6000 m2, 2 floors -> 12 000 m2 indoor; short-term 2 m2/person -> 6000; isolation 20 m2 -> 600
    assert df["effective_area_m2"][0] == pytest.approx(6000)
    assert df["capacity_persons"][0] == 6000 and df["cap_isolation"][0] == 600
    assert df["eligible"].tolist() == [True, False, False, False, False]
    assert df["reasons"][0] == ""
    # B: 540 m2 < 2000 m2 and 50 m from the source
    assert "only 50 m from a hazard source (needs >= 100 m)" in df["reasons"][1]
    assert "effective area 540 m2 below the Fixed shelter, short term minimum of 2000 m2" in df["reasons"][1]
    assert "有效面积540平方米低于固定避难场所（短期）最小值2000平方米" in df["reasons"][1]
    # C: level 3 zone; a warehouse has no shelter function, so no area rule
    assert df["reasons"][2] == "位于3级灾害区内（排除级别≥2） / inside a hazard zone of level 3 (excluded at >= 2)"
    assert df["supply_area_m2"][2] == pytest.approx(6000) and df["capacity_persons"][2] == 0
    assert "type 'Casino' has no emergency function" in df["reasons"][3]
    assert "effective area unknown" in df["reasons"][4]
    assert df["rank"].tolist()[0] == 1 and np.isnan(df["rank"][1:]).all()
    assert df["grade"][1] == "不适宜"
    assert rep["unknown_types"] == ["Casino"]


def test_scores_by_hand_and_dropped_criteria():
    geoms = np.array([box(0, 0, 100, 100), box(0, 400, 50, 500)], dtype=object)  # 6000 and 3000 m2 effective
    types = ["school", "school"]
    zones = np.array([box(0, 150, 100, 200)], dtype=object)  # level 1 zone, 50 m from A, touching nothing
    df, rep = su.evaluate(geoms, types, around=su.Surroundings(zones=zones, zone_levels=np.array([1.0]),
                                                               hospitals=np.array([Point(0, 1600)], dtype=object)),
                          options=su.SuitabilityOptions(exclude_level=2, weights={"safety": 2, "capacity": 1, "hospital": 1, "access": 1}))
    # safety: level 0 -> 1 x min(1, d / 500): A 50/500 = 0.1, B 200/500 = 0.4
    assert df["c_safety"].tolist() == pytest.approx([0.1, 0.4])
    # capacity relative to the largest: 6000 / 6000, 3000 / 6000 (1 floor, short-term 2 m2)
    assert df["c_capacity"].tolist() == pytest.approx([1.0, 0.5])
    # hospital: 1 - d / 3000; A is 1500 m away, B 1100 m
    assert df["c_hospital"].tolist() == pytest.approx([0.5, 1 - 1100 / 3000])
    assert "access" in rep["dropped"] and "c_access" not in df
    w = {"safety": 0.5, "capacity": 0.25, "hospital": 0.25}  # access dropped: 2:1:1 renormalised
    expected = [100 * (w["safety"] * 0.1 + w["capacity"] * 1 + w["hospital"] * 0.5),
                100 * (w["safety"] * 0.4 + w["capacity"] * 0.5 + w["hospital"] * (1 - 1100 / 3000))]
    assert df["score"].tolist() == pytest.approx(expected)
    assert df["rank"].tolist() == ([1, 2] if expected[0] > expected[1] else [2, 1])


def test_access_over_the_network_and_population():
    lines = np.array([LineString([(0, -20), (500, -20)]), LineString([(500, -20), (900, -20)])], dtype=object)
    net = nw.build_network(lines)
    main = net.edge_line == 1  # the street from 500 to 900 is the main road
    geoms = np.array([box(0, 0, 100, 100)], dtype=object)
    demand = np.array([Point(200, -20), Point(800, -20)], dtype=object)
    df, _ = su.evaluate(geoms, ["school"], around=su.Surroundings(net=net, main_mask=main, demand_pts=demand,
                                                                  demand_persons=np.array([10.0, 5.0])),
                        options=su.SuitabilityOptions(walk_limit_m=500, weights={"access": 1, "population": 1}))
    # the point on the surface of A is (50, 50): 70 m to the street, then 450 m to the main road
    assert df["access_m"][0] == pytest.approx(70 + 450)
    assert df["c_access"][0] == pytest.approx(1 - 520 / 1000)
    # within 500 m walking: x=200 (70 + 150 = 220 m) yes, x=800 (70 + 750) no
    assert df["population"][0] == pytest.approx(10)


def test_bad_weights_and_nothing_eligible():
    geoms, types = _sites()
    with pytest.raises(InputError, match="does not match any criterion"):
        su.evaluate(geoms, types, options=su.SuitabilityOptions(weights={"beauty": 1}))
    with pytest.raises(InputError, match="None of the weighted criteria"):
        su.evaluate(geoms, types, options=su.SuitabilityOptions(weights={"hospital": 1}))
    with pytest.raises(InputError, match="EFFECTIVE_RATIO"):
        su.evaluate(geoms, types, options=su.SuitabilityOptions(effective_ratio=1.5))
    df, rep = su.evaluate(geoms[1:2], types[1:2])
    assert rep["eligible"] == 0 and not df["eligible"].any() and df["reasons"][0]
    assert shapely.get_type_id(geoms[0]) == 3
