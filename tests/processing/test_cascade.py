"""resilience:cascade on lifeline systems generated on the real Futian street network.

/work/shared/data has no real power or water layers: substations, power lines, pump stations, a water
plant, telecom sites, people and hospitals are placed by this test on real OSM nodes of Futian
(tests/data/futian.gpkg), and the real streets are the roads. The expected cascade is recomputed
here with brute-force distances and a plain fixed-point loop, independent of the plugin's code.
"""

import json

import numpy as np
import pytest
import shapely
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer

from resilience_plugin.compat import is_null
from tests.conftest import DATA, REPO
from tests.helpers import read_gdf

EPSG = 4547


def _memory(kind, spec, geoms, rows, name):
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:{EPSG}&" + "&".join(f"field={n}:{t}" for n, t in spec), name, "memory")
    feats = []
    for g, row in zip(geoms, rows):
        f = QgsFeature(layer.fields())
        qg = QgsGeometry()
        qg.fromWkb(shapely.to_wkb(g))
        f.setGeometry(qg)
        f.setAttributes(list(row))
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)
    return layer


def _city():
    """Assets as (id, class, geometry, population, power_from, p_fail)."""
    nodes = read_gdf(DATA / "futian.gpkg", "road_nodes").to_crs(epsg=EPSG)
    xy = shapely.get_coordinates(nodes.geometry.to_numpy())
    rng = np.random.default_rng(42)
    pick = rng.choice(len(xy), 70, replace=False)
    p = xy[pick]
    assets = []
    for k in range(4):
        assets.append((f"S{k}", "substation", shapely.Point(p[k]), 0, None, 0.0))
        assets.append((f"L{k}", "power_line", shapely.LineString([p[k] + [30, 0], p[k] + [600, 400]]), 0, None, 0.0))
    assets.append(("W0", "water_plant", shapely.Point(p[4]), 0, None, 0.0))
    for k in range(6):
        assets.append((f"P{k}", "pump_station", shapely.Point(p[5 + k]), 0, "S1" if k == 0 else None, 0.0))
    for k in range(3):
        assets.append((f"T{k}", "telecom", shapely.Point(p[11 + k]), 0, None, 0.0))
    for k in range(40):
        assets.append((f"D{k}", "people", shapely.Point(p[14 + k]), 100 + 10 * k, None, 0.0))
    for k in range(2):
        assets.append((f"H{k}", "hospital", shapely.Point(p[54 + k]), 0, None, 0.0))
    return assets


def _roads():
    roads = read_gdf(DATA / "futian.gpkg", "road_edges").to_crs(epsg=EPSG)
    keys, keep = set(), []
    for u, v in zip(roads["u"], roads["v"]):
        k = tuple(sorted((u, v)))
        keep.append(k not in keys)
        keys.add(k)
    return roads.geometry.to_numpy()[np.array(keep)]


def _expected(assets, roads, failed):
    """Brute-force fixed point with the default table's rules (see resources/standards/dependencies.json)."""
    table = json.loads((REPO / "resources" / "standards" / "dependencies.json").read_text())
    items = [(a[0], a[1], a[2], a[4]) for a in assets] + [
        (f"road:{i + 1}", "road", g, None) for i, g in enumerate(roads)
    ]
    ids = [a[0] for a in items]
    present = {a[1] for a in items}
    reqs = {i: [] for i in range(len(items))}
    for rule in table["rules"]:
        if rule["needs"] not in present or rule.get("via", rule["needs"]) not in present:
            continue  # as the table says: rules on classes that are not among the inputs are skipped
        cands = [j for j, a in enumerate(items) if a[1] == rule["needs"]]
        for i, a in enumerate(items):
            if a[1] != rule["dependent"]:
                continue
            d = [shapely.distance(a[2], items[j][2]) for j in cands]
            if rule["match"] == "within":
                group = [j for j, dj in zip(cands, d) if dj <= rule["max_distance_m"]]
            elif rule["match"] == "field" and a[3]:
                group = [ids.index(a[3])]
            else:
                group = [cands[int(np.argmin(d))]]
            reqs[i].append((table["classes"][rule["needs"]]["system"], group))
    working = [i not in failed for i in range(len(items))]
    while True:
        new = [(i not in failed) and all(any(working[j] for j in g) for _, g in reqs[i]) for i in range(len(items))]
        if new == working:
            break
        working = new
    lost = {i: {s for s, g in reqs[i] if not any(working[j] for j in g)} for i in range(len(items))}
    return ids, working, lost


@pytest.fixture()
def assets_layer():
    a = _city()
    return _memory(
        "Point",
        [
            ("asset_id", "string"),
            ("asset_class", "string"),
            ("population", "double"),
            ("power_from", "string"),
            ("p_fail", "double"),
        ],
        [x[2] for x in a if x[1] != "power_line"],
        [[x[0], x[1], x[3], x[4], x[5]] for x in a if x[1] != "power_line"],
        "points",
    )


def _busiest():
    """The power line whose substation is the nearest one of the most people."""
    city = _city()
    subs = [x for x in city if x[1] == "substation"]
    counts = np.zeros(len(subs))
    for x in city:
        if x[1] == "people":
            counts[int(np.argmin([shapely.distance(x[2], s[2]) for s in subs]))] += 1
    return f"L{int(np.argmax(counts))}"


@pytest.fixture()
def power_line_layer():
    a = [x for x in _city() if x[1] == "power_line"]
    risky = _busiest()
    return _memory(
        "LineString",
        [("asset_id", "string"), ("p_fail", "double")],
        [x[2] for x in a],
        [[x[0], 0.5 if x[0] == risky else 0.0] for x in a],
        "power_line",
    )


@pytest.fixture()
def road_layer():
    roads = _roads()
    return _memory("LineString", [("highway", "string")], roads, [["x"]] * len(roads), "road")


def _rows(out):
    layer = out if isinstance(out, QgsVectorLayer) else QgsVectorLayer(out, "x", "ogr")
    names = [f.name() for f in layer.fields()]
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def test_scenario_matches_an_independent_fixed_point(run_alg, assets_layer, power_line_layer, road_layer):
    assets, roads = _city(), _roads()
    res = run_alg(
        "cascade",
        {
            "ASSETS": [assets_layer, power_line_layer, road_layer],
            "MODE": 1,
            "FAILED_IDS": "L1, W0, road:5",
            "OUTPUT_POINTS": "memory:",
            "OUTPUT_LINES": "memory:",
            "OUTPUT_POLYGONS": "memory:",
            "OUTPUT_TABLE": "memory:",
        },
    )
    rows = {r["asset_id"]: r for r in _rows(res["OUTPUT_POINTS"]) + _rows(res["OUTPUT_LINES"])}
    ids, working, lost = _expected(assets, roads, set())
    failed = {ids.index("L1"), ids.index("W0"), ids.index("road:5")}
    ids, working, lost = _expected(assets, roads, failed)
    assert len(rows) == len(ids)
    down = {ids[i] for i in range(len(ids)) if not working[i]}
    assert {k for k, r in rows.items() if r["out_of_service"] > 0} == down
    assert {
        "S1",
        "W0",
        "P0",
    } <= down  # S1 loses its line; P0 is powered from S1 (power_from); every pump loses the plant
    for i, name in enumerate(ids):
        for s in ("power", "water", "telecom", "roads"):
            assert rows[name][f"no_{s}"] == (1.0 if s in lost[i] else 0.0), (name, s)
    assert rows["S1"]["chain"] == "S1 <- L1 (direct)" and rows["P0"]["chain"].startswith("P0 <- ")
    assert rows["L1"]["failed_direct"] == 1 and rows["S1"]["failed_cascade"] == 1 and rows["S0"]["out_of_service"] == 0
    table = _rows(res["OUTPUT_TABLE"])
    pop = {a[0]: a[3] for a in assets}
    for s in ("power", "water", "telecom", "roads"):
        row = next(r for r in table if r["system"] == s)
        expect = sum(pop[ids[i]] for i in range(len(ids)) if ids[i].startswith("D") and s in lost[i])
        assert row["without_mean"] == pytest.approx(expect) and row["persons"] == pytest.approx(
            sum(100 + 10 * k for k in range(40))
        )
    assert next(r for r in table if r["system"] == "water")["without_mean"] == pytest.approx(
        row["persons"]
    )  # no plant, no water


def test_monte_carlo_of_one_line(run_alg, assets_layer, power_line_layer, road_layer):
    assets, roads = _city(), _roads()
    runs = 2000
    res = run_alg(
        "cascade",
        {
            "ASSETS": [assets_layer, power_line_layer, road_layer],
            "MODE": 0,
            "RUNS": runs,
            "SEED": 3,
            "OUTPUT_POINTS": "memory:",
            "OUTPUT_LINES": "memory:",
            "OUTPUT_POLYGONS": "memory:",
            "OUTPUT_TABLE": "memory:",
        },
    )
    rows = {r["asset_id"]: r for r in _rows(res["OUTPUT_POINTS"]) + _rows(res["OUTPUT_LINES"])}
    risky = _busiest()
    q = rows[risky]["failed_direct"]
    assert abs(q - 0.5) < 4 * np.sqrt(0.25 / runs)  # only this line has p_fail > 0 (0.5)
    ids, _, lost = _expected(assets, roads, {[a[0] for a in assets].index(risky)})
    fed = [ids[i] for i in range(len(ids)) if ids[i].startswith("D") and "power" in lost[i]]
    pop = {a[0]: a[3] for a in assets}
    row = next(r for r in _rows(res["OUTPUT_TABLE"]) if r["system"] == "power")
    assert fed and row["without_mean"] == pytest.approx(q * sum(pop[d] for d in fed))
    assert row["without_p05"] == 0 and row["without_p95"] == pytest.approx(sum(pop[d] for d in fed))
    sub = "S" + risky[1:]
    assert rows[sub]["failed_cascade"] == q and is_null(rows[sub]["chain"])  # chains only in a scenario


def test_unknown_class_and_ids_are_explained(run_alg, assets_layer, road_layer):
    bad = _memory("Point", [("asset_id", "string")], [shapely.Point(0, 0)], [["X"]], "generator")
    with pytest.raises(QgsProcessingException, match="classes generator are not in the dependency table"):
        run_alg(
            "cascade",
            {
                "ASSETS": [assets_layer, bad],
                "MODE": 1,
                "FAILED_IDS": "S1",
                "OUTPUT_POINTS": "memory:",
                "OUTPUT_LINES": "memory:",
                "OUTPUT_POLYGONS": "memory:",
                "OUTPUT_TABLE": "memory:",
            },
        )
    with pytest.raises(QgsProcessingException, match="FAILED_IDS names assets that are not in the layers: S9"):
        run_alg(
            "cascade",
            {
                "ASSETS": [assets_layer, road_layer],
                "MODE": 1,
                "FAILED_IDS": "S1,S9",
                "OUTPUT_POINTS": "memory:",
                "OUTPUT_LINES": "memory:",
                "OUTPUT_POLYGONS": "memory:",
                "OUTPUT_TABLE": "memory:",
            },
        )


def _offset_point(line, d=1.0):
    """A point 1 m to the side of a line's middle (so it attaches to that line and no other)."""
    mid = shapely.line_interpolate_point(line, 0.5, normalized=True)
    a = shapely.line_interpolate_point(line, max(line.length / 2 - 0.5, 0))
    b = shapely.line_interpolate_point(line, min(line.length / 2 + 0.5, line.length))
    dx, dy = b.x - a.x, b.y - a.y
    norm = np.hypot(dx, dy) or 1.0
    return shapely.Point(mid.x - dy / norm * d, mid.y + dx / norm * d)


def test_water_through_pipes_on_the_futian_streets_matches_networkx(run_alg):
    """Pipes laid along every real Futian street (OSM u/v node ids kept); people and pumps beside them."""
    import networkx as nx

    roads = read_gdf(DATA / "futian.gpkg", "road_edges").to_crs(epsg=EPSG)
    seen, rows = set(), []
    for g, u, v in zip(roads.geometry, roads["u"], roads["v"]):
        k = tuple(sorted((u, v)))
        if k not in seen and u != v and g.length > 20:
            seen.add(k)
            rows.append((g, u, v))
    rng = np.random.default_rng(8)
    pipes = [f"W{i}" for i in range(len(rows))]
    failed = set(rng.choice(pipes, 60, replace=False).tolist())
    pump_on = rng.choice(len(rows), 3, replace=False)
    people_on = rng.choice(len(rows), 80, replace=False)
    pipe_layer = _memory(
        "LineString",
        [("asset_id", "string"), ("asset_class", "string")],
        [r[0] for r in rows],
        [[p, "water_pipe"] for p in pipes],
        "pipes",
    )
    pts = [_offset_point(rows[i][0]) for i in pump_on] + [_offset_point(rows[i][0]) for i in people_on]
    attrs = [[f"P{k}", "pump_station", 0.0] for k in range(3)] + [[f"D{k}", "people", 10.0] for k in range(80)]
    point_layer = _memory(
        "Point", [("asset_id", "string"), ("asset_class", "string"), ("population", "double")], pts, attrs, "points"
    )
    res = run_alg(
        "cascade",
        {
            "ASSETS": [point_layer, pipe_layer],
            "MODE": 1,
            "FAILED_IDS": ",".join(sorted(failed)),
            "OUTPUT_POINTS": "memory:",
            "OUTPUT_LINES": "memory:",
            "OUTPUT_POLYGONS": "memory:",
            "OUTPUT_TABLE": "memory:",
        },
    )
    out = {r["asset_id"]: r for r in _rows(res["OUTPUT_POINTS"])}
    graph = nx.Graph()
    graph.add_edges_from((r[1], r[2]) for p, r in zip(pipes, rows) if p not in failed)
    live = set()
    for i in pump_on:
        if pipes[i] not in failed:
            live |= nx.node_connected_component(graph, rows[i][1])
    for k, i in enumerate(people_on):
        served = pipes[i] not in failed and rows[i][1] in live
        assert out[f"D{k}"]["no_water"] == (0.0 if served else 1.0), (k, pipes[i])
    cut = sum(out[f"D{k}"]["no_water"] for k in range(80))
    assert 0 < cut < 80  # the failures cut some people off, not all
