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
2. ``restoration``: the same kind of city (each substation with a power line starting at it) with D of
   its lifeline assets damaged (damage states 1-4 at random), a ``priority`` of 1 or 2 on 5 % of the
   lifeline assets, the default restoration functions and dependency table, 20 / 10 / 5 / 20 crews for
   power / water / telecom / roads: schedule, recovery curves and chart through processing. Target:
   10,000 damaged assets in < 10 s. Against what a Python user would write instead
   (:func:`python_restoration`: the same rule matching as :func:`python_scenario`, a breadth-first walk
   for the persons each asset serves, heapq crews, a fixed point of service days with a minimax Dijkstra
   over the pipes); ``python_same``: every damaged asset's start, finish and service day and crew, every
   day of every recovery curve and the days to 50 / 90 / 100 % equal ours. Full size: 30,000 damaged
   of 100,000 assets (``restoration_100k``).
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


def synthetic_systems(folder, n, extent=20000.0, seed=5, damaged=0, priority=0.0, feeders=False):
    """One GeoPackage layer per class (fields asset_id, p_fail, population and, with ``damaged`` > 0,
    damage_state 0-4 on that many lifeline assets picked at random; with ``priority`` > 0, a field
    ``priority`` of 1 or 2 on that share of the lifeline assets, empty elsewhere); ``feeders``: the first
    power lines start at the substations, one each (otherwise many substations have no line within the
    100 m of the default table and never serve); returns the URIs."""
    import shapely

    rng = np.random.default_rng(seed)
    rng_priority = np.random.default_rng(seed + 1000)  # its own stream: the other fields stay as without it
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
    stations = None
    for cls in SHARES:
        k = counts[cls]
        xy = np.c_[x0 + rng.uniform(0, extent, k), y0 + rng.uniform(0, extent, k)]
        if cls == "substation":
            stations = xy
        if cls == "power_line" and feeders:
            m = min(len(stations), k)
            xy[:m] = stations[:m]
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
            if priority > 0:
                fields["priority"] = np.where(rng_priority.random(k) < priority, rng_priority.integers(1, 3, k), np.nan)
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


RESTORATION_CREWS = {"power": 20, "water": 10, "telecom": 5, "roads": 20}
CURVE_CAP_DAYS = 3650  # the algorithm's curves stop after ten years (it warns when service returns later)
STATE_NAMES = ("none", "slight", "moderate", "extensive", "complete")


def _python_repair_days(rest, classes, states):
    """Crew-days per asset from the restoration JSON: days_100, or mean + 2 sd for a Hazus normal curve
    (NaN: damaged without a function, 0: undamaged)."""
    out = np.zeros(len(classes))
    for i, (c, s) in enumerate(zip(classes, states)):
        if s > 0:
            f = rest["classes"].get(c, {}).get("states", {}).get(STATE_NAMES[s])
            if f is None:
                out[i] = np.nan
            else:
                out[i] = float(f["days_100"]) if "days_100" in f else float(f["mean_days"]) + 2.0 * float(f["sd_days"])
    return out


def _pipe_graph(pipe_rows, ends, cut=()):
    """networkx graph of the pipes (nodes: their rounded ends; edge attribute ``row``), without ``cut``."""
    import networkx as nx

    g = nx.Graph()
    g.add_edges_from((tuple(a), tuple(b), {"row": row}) for row, (a, b) in zip(pipe_rows, ends) if row not in cut)
    return g


class _NetLoss:
    """Who loses a 'network' service (e.g. water through the pipes) when a set of assets fails, everything
    else working: the dependents on a failed pipe, and those whose part of the network keeps no working
    supplier (a supplier works while neither it nor its pipe failed). Quick answer where no failed pipe is a
    bridge and every part keeps a supplier; otherwise the components are recomputed without the failed pipes."""

    def __init__(self, net):
        import networkx as nx

        _, _, d, s_, pipe_rows, ends = net
        self.pipe_rows, self.ends = pipe_rows, ends
        self.pipes = set(pipe_rows.tolist())
        self.dep_pipe = dict(zip(d.index.tolist(), d["index_right"].tolist()))
        self.users = d.index.to_series().groupby(d["index_right"].to_numpy()).apply(list).to_dict()
        self.sup_pipe = dict(zip(s_.index.tolist(), s_["index_right"].tolist()))
        self.sups_on = s_.index.to_series().groupby(s_["index_right"].to_numpy()).apply(list).to_dict()
        g = _pipe_graph(pipe_rows, ends)
        simple = g.number_of_edges() == len(pipe_rows)  # no two pipes between the same two nodes
        self.bridges = {g.edges[u, v]["row"] for u, v in nx.bridges(g)} if simple else self.pipes
        self.comp = {}
        for c, nodes in enumerate(nx.connected_components(g)):
            for node in nodes:
                self.comp[node] = c
        self.comp_of_pipe = {row: self.comp[tuple(a)] for row, (a, _) in zip(pipe_rows, ends)}
        self.live = {}
        for p in self.sup_pipe.values():
            self.live[self.comp_of_pipe[p]] = self.live.get(self.comp_of_pipe[p], 0) + 1

    def lost(self, failed):
        cut = {r for r in failed if r in self.pipes}
        dead = {s for s in failed if s in self.sup_pipe}
        for r in cut:
            dead.update(self.sups_on.get(r, ()))
        per_comp = {}
        for s in dead:
            c = self.comp_of_pipe[self.sup_pipe[s]]
            per_comp[c] = per_comp.get(c, 0) + 1
        had = self.live  # parts of the network with a supplier while everything works
        if not (cut & self.bridges) and all(k < had[c] for c, k in per_comp.items()):
            return {a for r in cut if self.comp_of_pipe[r] in had for a in self.users.get(r, ())}
        import networkx as nx

        g = _pipe_graph(self.pipe_rows, self.ends, cut)
        comp = {node: c for c, nodes in enumerate(nx.connected_components(g)) for node in nodes}
        end = {row: tuple(a) for row, (a, _) in zip(self.pipe_rows, self.ends)}
        live = {comp[end[p]] for s, p in self.sup_pipe.items() if s not in dead}
        return {a for a, p in self.dep_pipe.items()
                if self.comp_of_pipe[p] in had and (p in cut or comp.get(end[p]) not in live)}


def _python_persons_served(n, pop, pairs, nets, todo):
    """Persons who lose some system when each asset of ``todo`` alone fails, every other asset working: a
    breadth-first walk over the requirements (one per rule and dependent, failing when all its suppliers
    have failed), then the network rules' losses (:class:`_NetLoss`), each person counted once."""
    import pandas as pd

    frame = pd.concat([pd.DataFrame({"rule": k, "dep": dep, "sup": sup}) for k, _, dep, sup in pairs],
                      ignore_index=True)
    group, uniq = pd.factorize(frame["rule"].to_numpy() * n + frame["dep"].to_numpy())
    size = np.bincount(group).tolist()
    owner = (uniq % n).tolist()
    feeds = {}
    for s, g in zip(frame["sup"].tolist(), group.tolist()):
        feeds.setdefault(s, []).append(g)
    net_loss = [_NetLoss(net) for net in nets]
    out = np.zeros(n)
    for i in todo:
        failed, stack, hits = {i}, [i], {}
        while stack:
            for g in feeds.get(stack.pop(), ()):
                hits[g] = hits.get(g, 0) + 1
                if hits[g] == size[g] and owner[g] not in failed:
                    failed.add(owner[g])
                    stack.append(owner[g])
        lost = set(failed)
        for nl in net_loss:
            lost |= nl.lost(failed)
        out[i] = sum(pop[a] for a in lost)
    return out


def _python_schedule(system, days, order, crews):
    """Each system's jobs in ``order``, each to the crew that is free first (ties: the lower crew number):
    (start, finish, crew 1..k; 0 unlimited crews / not scheduled)."""
    import heapq

    n = len(days)
    start, finish, crew = np.zeros(n), np.zeros(n), np.zeros(n, dtype=np.int64)
    finish[np.isnan(days)], start[np.isnan(days)] = np.inf, np.nan
    for s in sorted({system[i] for i in order}):
        jobs = [i for i in order if system[i] == s]
        k = crews.get(s, 0)
        if k == 0:
            finish[jobs] = days[jobs]
            continue
        free = [(0.0, c) for c in range(k)]
        for i in jobs:
            t, c = heapq.heappop(free)
            start[i], finish[i], crew[i] = t, t + days[i], c + 1
            heapq.heappush(free, (finish[i], c))
    return start, finish, crew


def _python_net_days(t, net):
    """Day each dependent of a 'network' rule gets the service: a minimax Dijkstra (heapq) over the pipes,
    a path's day being the latest day of its pipes and supplier (a supplier starts at the later of its own
    and its pipe's day); the dependent also waits for its own pipe. Unattached dependents: never (inf)."""
    import heapq

    _, deps, d, s_, pipe_rows, ends = net
    adj = {}
    for row, (a, b) in zip(pipe_rows, ends):
        a, b = tuple(a), tuple(b)
        adj.setdefault(a, []).append((b, row))
        adj.setdefault(b, []).append((a, row))
    end = {row: (tuple(a), tuple(b)) for row, (a, b) in zip(pipe_rows, ends)}
    best, heap = {}, []
    for s, p in zip(s_.index, s_["index_right"]):
        day = max(t[s], t[p])
        if np.isfinite(day):
            for node in end[p]:
                heapq.heappush(heap, (day, node))
    while heap:
        day, node = heapq.heappop(heap)
        if node in best:
            continue
        best[node] = day
        for other, row in adj[node]:
            if other not in best and np.isfinite(t[row]):
                heapq.heappush(heap, (max(day, t[row]), other))
    inf = float("inf")
    out = dict.fromkeys(deps.tolist(), inf)
    for a, p in zip(d.index, d["index_right"]):
        out[a] = max(t[p], min(best.get(end[p][0], inf), best.get(end[p][1], inf)))
    return np.array([out[a] for a in deps.tolist()])


def _python_service(finish, pairs, nets):
    """Day from which each asset serves, to a fixed point: its repair's end and, for every rule on it, the
    earliest day one of its suppliers serves (pandas ``groupby`` min; none in reach: never), for a network
    rule :func:`_python_net_days`. Returns (days, {rule: (dependent rows, that rule's day)})."""
    import pandas as pd

    t = finish.copy()
    while True:
        new, by_rule = finish.copy(), {}
        for k, deps, dep, sup in pairs:
            day = pd.Series(t[sup], index=dep).groupby(level=0).min().reindex(deps, fill_value=np.inf).to_numpy()
            by_rule[k] = (deps, day)
        for net in nets:
            by_rule[net[0]] = (net[1], _python_net_days(t, net))
        for deps, day in by_rule.values():
            new[deps] = np.maximum(new[deps], day)
        if np.array_equal(new, t):
            return t, by_rule
        t = new


def _python_curves(per_system, pop):
    """Persons with each service on days 0, 1, ... (until the last day any requirement is met, at most
    ten years) and the first day 50 / 90 / 100 % of them have it (NaN: never)."""
    import math

    import pandas as pd

    finite = [v[np.isfinite(v)].max() for v in per_system.values() if np.isfinite(v).any()]
    days = np.arange(0, math.ceil(min(max(finite + [0.0]), CURVE_CAP_DAYS)) + 1, dtype=float)
    curves, summary = [], {}
    for s, when in per_system.items():
        users = ~np.isnan(when) & (pop > 0)
        if not users.any():
            continue
        order = np.argsort(when[users], kind="stable")
        t, cum = when[users][order], np.cumsum(pop[users][order])
        served = np.r_[0.0, cum][np.searchsorted(t, days, side="right")]
        curves.append(pd.DataFrame({"system": s, "day": days, "persons_served": served}))
        row = {}
        for key, share in (("days_50", 0.5), ("days_90", 0.9), ("days_100", 1.0)):
            k = np.searchsorted(cum, share * cum[-1] - 1e-6)  # persons are whole numbers: 1e-6 only absorbs rounding
            row[key] = t[k] if np.isfinite(t[k]) else np.nan
        summary[s] = row
    return pd.concat(curves, ignore_index=True), pd.DataFrame(summary).T


def python_restoration(uris, crews=None, priority_field="priority"):
    """What a Python user would write for resilience:restoration, independent of our code, from the rules of
    its help text: every layer read into one GeoDataFrame (class = layer name), the default restoration
    functions and dependency table read from their JSON, the rules matched as in :func:`python_scenario`.
    Repair crew-days by class and damage state (days_100, or mean + 2 sd). Order within each system: higher
    ``priority`` first (empty: last), then persons who lose a system when the asset alone fails
    (:func:`_python_persons_served`) per crew-day, then the layer order; each job to the crew free first
    (heapq). Service: :func:`_python_service`; per system, an asset has it from the latest of its rules on
    that system. Curves and days to 50 / 90 / 100 %: :func:`_python_curves`. Returns (seconds, schedule by
    asset_id: start_day, finish_day, service_day, crew (NaN: never / none), curves, summary by system)."""
    import json

    import geopandas as gpd
    import pandas as pd

    from bench.case_coverage import read_layers

    crews = RESTORATION_CREWS if crews is None else crews
    t0 = time.perf_counter()
    parts = read_layers(*uris)
    stages = {"read": time.perf_counter() - t0}
    for uri, part in zip(uris, parts):
        part["cls"] = uri.split("=")[-1]
    assets = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=parts[0].crs)
    standards = ROOT / "resources" / "standards"
    table = json.loads((standards / "dependencies.json").read_text(encoding="utf-8"))
    rest = json.loads((standards / "restoration.json").read_text(encoding="utf-8"))
    n = len(assets)
    cls = assets["cls"].to_numpy()
    system = np.array([table["classes"][c]["system"] for c in cls], dtype=object)
    states = np.where(system != None, assets["damage_state"].fillna(0).to_numpy(), 0).astype(int)  # noqa: E711
    days = _python_repair_days(rest, cls, states)
    pop = assets["population"].fillna(0).to_numpy(dtype=float)
    prio = assets[priority_field].to_numpy(dtype=float) if priority_field in assets else np.full(n, np.nan)
    pairs, nets = _python_rules(assets, table)
    stages["rules"] = time.perf_counter() - t0 - sum(stages.values())
    todo = np.flatnonzero(states > 0).tolist()
    served = _python_persons_served(n, pop, pairs, nets, todo)
    stages["persons served"] = time.perf_counter() - t0 - sum(stages.values())
    ok = [i for i in todo if np.isfinite(days[i])]
    order = sorted(ok, key=lambda i: (-(prio[i] if prio[i] == prio[i] else -np.inf), -served[i] / days[i], i))
    start, finish, crew = _python_schedule(system, days, order, crews)
    serve, by_rule = _python_service(finish, pairs, nets)
    per_system = {s: np.full(n, np.nan) for s in table["systems"]}
    for k, (deps, day) in by_rule.items():
        cur = per_system[table["classes"][table["rules"][k]["needs"]]["system"]]
        cur[deps] = np.fmax(cur[deps], day)
    curves, summary = _python_curves(per_system, pop)
    sched = pd.DataFrame({"start_day": start, "finish_day": finish, "service_day": serve, "crew": crew.astype(float)},
                         index=assets["asset_id"].astype(str).to_numpy())[states > 0]
    sched = sched.replace([np.inf, -np.inf], np.nan)
    sched.loc[sched["crew"] == 0, "crew"] = np.nan
    stages["schedule, service, curves"] = time.perf_counter() - t0 - sum(stages.values())
    print("Python stages: " + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()), flush=True)
    return time.perf_counter() - t0, sched, curves, summary


def _compare_restoration(out, py):
    """Ours' three tables against :func:`python_restoration`'s: (same, text of the differences)."""
    import pandas as pd

    from bench.case_coverage import read_layers

    _, sched, curves, summary = py
    s, c, m = read_layers(out["OUTPUT_SCHEDULE"], out["OUTPUT_CURVE"], out["OUTPUT_SUMMARY"])
    cols = list(sched.columns)
    a = s.set_index(s["asset_id"].astype(str))[cols].apply(pd.to_numeric).sort_index()
    b = sched.sort_index()
    sched_same = a.index.equals(b.index) and np.array_equal(a.to_numpy(), b.to_numpy(), equal_nan=True)
    x, y = a.to_numpy(), b.reindex(a.index).to_numpy()
    differ = int(((x != y) & ~(np.isnan(x) & np.isnan(y))).any(axis=1).sum())
    c = c[c["unit_id"] == "all"]
    ca = c.set_index(["system", "day"])["persons_served"].astype(float).sort_index()
    cb = curves.set_index(["system", "day"])["persons_served"].sort_index()
    curve_same = ca.index.equals(cb.index) and np.array_equal(ca.to_numpy(), cb.to_numpy())
    m = m[m["unit_id"] == "all"].set_index("system")[list(summary.columns)].apply(pd.to_numeric).sort_index()
    summary = summary.astype(float).sort_index()
    summary_same = m.index.equals(summary.index) and np.array_equal(m.to_numpy(), summary.to_numpy(), equal_nan=True)
    text = (f"assets whose start, finish, service day or crew differ: {differ} of {len(a)}; curves "
            f"{'equal' if curve_same else 'differ'} ({len(ca)} / {len(cb)} system-days); days to 50/90/100 %: ours "
            f"{m.to_dict('index')}, Python {summary.to_dict('index')}")
    return bool(sched_same and curve_same and summary_same), text


def restoration_case(name, n, damaged, python=True):
    """resilience:restoration through processing (20 / 10 / 5 / 20 crews, the ``priority`` field on 5 % of the
    lifeline assets) against :func:`python_restoration`. ``python_same`` is ``no`` when any damaged asset's
    start, finish or service day or crew, any day of any system's recovery curve, or any system's days to
    50 / 90 / 100 % differs (exact floats: both sides add the same crew-days in the same order)."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject, QgsVectorLayer

    with tempfile.TemporaryDirectory() as tmp:
        uris = synthetic_systems(tmp, n, damaged=damaged, priority=0.05, feeders=True)
        layers = [QgsVectorLayer(u, u.split("=")[-1], "ogr") for u in uris]
        ctx = QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        params = {
            "ASSETS": layers,
            "CREWS": ", ".join(f"{k}:{v}" for k, v in RESTORATION_CREWS.items()),
            "PRIORITY_FIELD": "priority",
            "OUTPUT_SCHEDULE": str(Path(tmp) / "s.gpkg"),
            "OUTPUT_CURVE": str(Path(tmp) / "c.gpkg"),
            "OUTPUT_SUMMARY": str(Path(tmp) / "m.gpkg"),
            "CHART": str(Path(tmp) / "chart.png"),
        }
        t = time.perf_counter()
        out = processing.run("resilience:restoration", params, context=ctx, feedback=QgsProcessingFeedback())
        ours_s = time.perf_counter() - t
        size = f"{damaged}damaged_of_{sum(lyr.featureCount() for lyr in layers)}assets"
        if not python:
            report(name, size, ours_s, None, None)
            return
        py = python_restoration(uris)
        same, text = _compare_restoration(out, py)
        print(f"{name}: {text}", flush=True)
        report(name, size, ours_s, None, None, None, py[0], same)

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
    restoration_case("restoration_100k", 100000, 30000)


if __name__ == "__main__":
    run("--quick" in sys.argv)
