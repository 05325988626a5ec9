"""Benchmarks: resilience:cascade (Monte Carlo over interdependent systems) and resilience:restoration.

1. ``cascade_mc``: a synthetic city (EPSG:32650) of N assets: substations, 50 m power lines, water
   plants, pump stations, a grid of water pipes (people get water through it: a 'network' rule),
   telecom sites, 100 m roads, people points and hospitals, with the default
   dependency table and random failure probabilities 0-0.2 on the lifeline assets; RUNS Monte Carlo
   runs through processing (read, match the rules, sample, propagate, write). Target: 1,000 runs on
   50,000 assets in < 60 s. Ours only (QGIS has no equivalent).
   ``cascade_scenario``: one deterministic scenario on the same kind of city (the lifeline assets with
   ``p_fail`` >= 0.19 fail, FAILED_EXPRESSION) against what a Python user would write instead (see
   :func:`python_scenario`: geopandas ``sjoin_nearest`` / ``sjoin`` dwithin per rule of the default
   dependency table, networkx components of the working pipes, a fixed-point loop); ``python_same``: every
   asset's out-of-service and cascade-failed state and its loss of each system equal ours.
2. ``restoration``: the same kind of city with D of its lifeline assets damaged (damage states 1-4 at
   random), the default restoration functions and dependency table, 20 / 10 / 5 / 20 crews for power /
   water / telecom / roads: schedule, recovery curves and chart through processing. Target: 10,000
   damaged assets in < 10 s.
"""

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import ORIGIN, qgis_session, report, write_layer  # noqa: E402 - after the path set-up

SHARES = {
    "substation": 0.02,
    "power_line": 0.15,
    "water_plant": 0.005,
    "pump_station": 0.03,
    "water_pipe": 0.1,
    "telecom": 0.02,
    "road": 0.25,
    "people": 0.42,
    "hospital": 0.005,
}


def synthetic_systems(folder, n, extent=20000.0, seed=5, damaged=0):
    """One GeoPackage layer per class (fields asset_id, p_fail, population and, with ``damaged`` > 0,
    damage_state 0-4 on that many lifeline assets picked at random); returns the URIs."""
    import shapely

    rng = np.random.default_rng(seed)
    x0, y0 = ORIGIN
    uris = []
    next_id = 0
    counts = {cls: max(1, int(round(n * share))) for cls, share in SHARES.items()}
    grid = _pipe_grid(counts["water_pipe"], extent, x0, y0)
    counts["water_pipe"] = len(grid)
    life = sum(k for c, k in counts.items() if c not in ("people", "hospital"))
    hit = np.zeros(life, bool)
    hit[rng.choice(life, min(damaged, life), replace=False)] = True
    states = np.where(hit, rng.integers(1, 5, life), 0)
    used = 0
    for cls in SHARES:
        k = counts[cls]
        xy = np.c_[x0 + rng.uniform(0, extent, k), y0 + rng.uniform(0, extent, k)]
        if cls == "power_line":
            g = shapely.linestrings(np.stack([xy, xy + [40.0, 30.0]], axis=1))
        elif cls == "road":
            g = shapely.linestrings(np.stack([xy, xy + [100.0, 0.0]], axis=1))
        elif cls == "water_pipe":
            g = grid
        else:
            g = shapely.points(xy)
        demand = cls in ("people", "hospital")
        fields = {
            "asset_id": np.arange(next_id, next_id + k, dtype=np.int64),
            "p_fail": np.zeros(k) if demand else rng.uniform(0, 0.2, k),
            "population": rng.integers(50, 500, k).astype(float) if cls == "people" else np.zeros(k),
        }
        if not demand:
            fields["damage_state"] = states[used : used + k].astype(np.int64)
            used += k
        next_id += k
        uris.append(write_layer(Path(folder) / "systems.gpkg", g, fields, layer=cls))
    return uris


def _pipe_grid(k, extent, x0, y0):
    """About ``k`` pipes: the edges of a square grid over the extent (a connected network)."""
    import shapely

    m = max(2, int(np.sqrt(k / 2)) + 1)
    c = np.linspace(0, extent, m)
    segs = [((x0 + c[i], y0 + c[j]), (x0 + c[i + 1], y0 + c[j])) for i in range(m - 1) for j in range(m)]
    segs += [((x0 + c[j], y0 + c[i]), (x0 + c[j], y0 + c[i + 1])) for i in range(m - 1) for j in range(m)]
    return shapely.linestrings(np.array(segs))


def cascade_case(name, n, runs):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject, QgsVectorLayer

    with tempfile.TemporaryDirectory() as tmp:
        uris = synthetic_systems(tmp, n)
        layers = [QgsVectorLayer(u, u.split("=")[-1], "ogr") for u in uris]
        ctx = QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        t = time.perf_counter()
        processing.run("resilience:cascade", cascade_params(tmp, layers, MODE=0, RUNS=runs, SEED=1), context=ctx,
                       feedback=QgsProcessingFeedback())
        report(
            name, f"{sum(lyr.featureCount() for lyr in layers)}assets_{runs}runs", time.perf_counter() - t, None, None
        )


SCENARIO = 0.19  # the scenario: lifeline assets with p_fail >= this fail directly


def cascade_params(tmp, layers, **extra):
    """resilience:cascade's parameters: the layers, ``extra`` (mode, runs...) and the outputs in ``tmp``."""
    out = {key: str(Path(tmp) / f"{stem}.gpkg") for key, stem in
           (("OUTPUT_POINTS", "p"), ("OUTPUT_LINES", "l"), ("OUTPUT_POLYGONS", "a"), ("OUTPUT_TABLE", "t"))}
    return {"ASSETS": layers, **extra, **out}


def _first(joined):
    """One match per left row of a geopandas spatial join (ties: the first)."""
    return joined[~joined.index.duplicated()]


def _python_rules(assets, table):
    """The rules matched with geopandas: ``(pairs, nets)``; pairs: (rule, dependent rows, joined dependent
    rows, their supplier rows); nets: (rule, dependent rows, dependents -> pipe, suppliers -> pipe, pipe
    rows, the pipes' two ends)."""
    import geopandas as gpd
    import shapely

    pairs, nets = [], []
    for k, rule in enumerate(table["rules"]):
        deps = assets[assets["cls"] == rule["dependent"]][["geometry"]]
        sups = assets[assets["cls"] == rule["needs"]][["geometry"]]
        if len(deps) == 0 or len(sups) == 0:
            continue
        if rule["match"] == "network":
            pipes = assets[assets["cls"] == rule["via"]][["geometry"]]
            ends = np.round(shapely.get_coordinates(shapely.boundary(pipes.geometry.values)), 3).reshape(-1, 2, 2)
            reach = rule.get("max_distance_m") or 100
            d = _first(gpd.sjoin_nearest(deps, pipes, max_distance=reach))
            s_ = _first(gpd.sjoin_nearest(sups, pipes, max_distance=reach))
            nets.append((k, deps.index.to_numpy(), d, s_, pipes.index.to_numpy(), ends))
            continue
        if rule["match"] == "within":
            j = gpd.sjoin(deps, sups, predicate="dwithin", distance=rule["max_distance_m"])
        else:  # nearest, and the field rule's nearest fallback (the bench's layers have no such field)
            assert rule["match"] == "nearest" or (rule["match"] == "field" and rule["field"] not in assets.columns)
            j = _first(gpd.sjoin_nearest(deps, sups, max_distance=rule.get("max_distance_m")))
        pairs.append((k, deps.index.to_numpy(), j.index.to_numpy(), j["index_right"].to_numpy()))
    return pairs, nets


def _python_rules_ok(working, pairs, nets):
    """{rule: (dependent rows, bool per dependent: it has a working supplier)} in the state ``working``."""
    import networkx as nx
    import pandas as pd

    out = {}
    for k, deps, dep, sup in pairs:
        ok = pd.Series(working[sup], index=dep).groupby(level=0).any()
        out[k] = (deps, ok.reindex(deps, fill_value=False).to_numpy())
    for k, deps, d, s_, pipe_rows, ends in nets:
        g = nx.Graph()
        g.add_edges_from((tuple(a), tuple(b)) for row, (a, b) in zip(pipe_rows, ends) if working[row])
        comp = {node: c for c, nodes in enumerate(nx.connected_components(g)) for node in nodes}
        end = {row: tuple(a) for row, (a, _) in zip(pipe_rows, ends)}
        live = {comp[end[p]] for row, p in zip(s_.index, s_["index_right"]) if working[row] and working[p]}
        served = pd.Series([bool(working[p]) and comp.get(end[p]) in live for p in d["index_right"]], index=d.index)
        out[k] = (deps, served.reindex(deps, fill_value=False).to_numpy(dtype=bool))
    return out


def python_scenario(uris, threshold=SCENARIO):
    """What a Python user would write for one scenario, independent of our code: every layer read into one
    GeoDataFrame (class = layer name), the rules of the default dependency table (its JSON read directly)
    matched with geopandas: ``nearest`` by ``sjoin_nearest``, ``within`` by ``sjoin`` (dwithin), the pump
    stations' ``field`` rule by its nearest fallback (the layers have no ``power_from``), ``network`` by
    networkx connected components of the working pipes (nodes: pipe ends), each dependent and supplier on
    its nearest pipe within the rule's distance, served while that pipe works and its component holds a
    working supplier's pipe. Then the fixed point: an asset works while it has not failed and each of its
    rules has a working supplier. Returns (seconds, DataFrame by asset_id: out_of_service, failed_cascade,
    no_<system>)."""
    import json

    import geopandas as gpd
    import pandas as pd

    from bench.case_coverage import read_layers

    t = time.perf_counter()
    parts = read_layers(*uris)
    for uri, part in zip(uris, parts):
        part["cls"] = uri.split("=")[-1]
    assets = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=parts[0].crs)
    table = json.loads((ROOT / "resources" / "standards" / "dependencies.json").read_text(encoding="utf-8"))
    pairs, nets = _python_rules(assets, table)
    failed = (assets["p_fail"] >= threshold).to_numpy()
    working = ~failed
    while True:
        new = ~failed
        for deps, ok in _python_rules_ok(working, pairs, nets).values():
            new[deps] &= ok
        if np.array_equal(new, working):
            break
        working = new
    result = pd.DataFrame({"out_of_service": ~working, "failed_cascade": ~working & ~failed},
                          index=assets["asset_id"].astype(str).to_numpy())
    final = _python_rules_ok(working, pairs, nets)
    for s in table["systems"]:
        lost = np.zeros(len(assets), bool)
        for k, (deps, ok) in final.items():
            if table["classes"][table["rules"][k]["needs"]]["system"] == s:
                lost[deps] |= ~ok
        result[f"no_{s}"] = lost
    return time.perf_counter() - t, result.astype(float)


def scenario_case(name, n):
    """One scenario through resilience:cascade (FAILED_EXPRESSION) against :func:`python_scenario`."""
    import pandas as pd
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject, QgsVectorLayer

    from bench.case_coverage import read_layers

    with tempfile.TemporaryDirectory() as tmp:
        uris = synthetic_systems(tmp, n)
        layers = [QgsVectorLayer(u, u.split("=")[-1], "ogr") for u in uris]
        ctx = QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        params = cascade_params(tmp, layers, MODE=2, FAILED_EXPRESSION=f'"p_fail" >= {SCENARIO}')
        t = time.perf_counter()
        out = processing.run("resilience:cascade", params, context=ctx, feedback=QgsProcessingFeedback())
        ours_s = time.perf_counter() - t
        ours = pd.concat(read_layers(out["OUTPUT_POINTS"], out["OUTPUT_LINES"]), ignore_index=True)
        python_s, py = python_scenario(uris)
        a = ours.set_index(ours["asset_id"].astype(str))[list(py.columns)].astype(float).sort_index()
        b = py.sort_index()
        same = bool(a.index.equals(b.index) and np.array_equal(a.to_numpy(), b.to_numpy()))
        differ = int((a.to_numpy() != b.reindex(a.index).to_numpy()).any(axis=1).sum())
        print(f"{name}: out of service ours {int(a['out_of_service'].sum())}, Python {int(b['out_of_service'].sum())}; "
              f"by the cascade ours {int(a['failed_cascade'].sum())}, Python {int(b['failed_cascade'].sum())}; "
              f"assets that differ: {differ}", flush=True)
        report(name, f"{len(ours)}assets_scenario", ours_s, None, None, None, python_s, same)


def restoration_case(name, n, damaged):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject, QgsVectorLayer

    with tempfile.TemporaryDirectory() as tmp:
        uris = synthetic_systems(tmp, n, damaged=damaged)
        layers = [QgsVectorLayer(u, u.split("=")[-1], "ogr") for u in uris]
        ctx = QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        t = time.perf_counter()
        processing.run(
            "resilience:restoration",
            {
                "ASSETS": layers,
                "CREWS": "power:20, water:10, telecom:5, roads:20",
                "OUTPUT_SCHEDULE": str(Path(tmp) / "s.gpkg"),
                "OUTPUT_CURVE": str(Path(tmp) / "c.gpkg"),
                "OUTPUT_SUMMARY": str(Path(tmp) / "m.gpkg"),
                "CHART": str(Path(tmp) / "chart.png"),
            },
            context=ctx,
            feedback=QgsProcessingFeedback(),
        )
        report(
            name,
            f"{damaged}damaged_of_{sum(lyr.featureCount() for lyr in layers)}assets",
            time.perf_counter() - t,
            None,
            None,
        )


def run(quick):
    qgis_session()
    cascade_case("cascade_mc_small", 5000, 200)
    scenario_case("cascade_scenario_small", 5000)
    restoration_case("restoration_small", 5000, 1000)
    if quick:
        return
    cascade_case("cascade_mc_50k", 50000, 1000)
    scenario_case("cascade_scenario_100k", 100000)
    restoration_case("restoration_10k", 30000, 10000)


if __name__ == "__main__":
    run("--quick" in sys.argv)
