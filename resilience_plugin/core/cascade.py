"""Cascading failures across lifeline systems (生命线级联失效).

Assets of every system (substations, lines, plants, pump stations, pipes, telecom sites, roads) and
the served demand (people, hospitals, shelters) are rows of one table, each with a *class*. The
dependency table (``resources/standards/dependencies.json`` or the user's file) lists rules
"a <dependent> needs a <needs>", matched by

- ``nearest``: the nearest asset of the needed class (optionally within ``max_distance_m``);
- ``within``: any asset of the needed class within ``max_distance_m`` (it is enough that one works);
- ``field``: the supplier id(s) written in the dependent's ``field`` (several separated by commas),
  with ``"fallback": "nearest"`` where that field is empty;
- ``network``: served while a path of working ``via`` lines (e.g. water pipes, built into a graph by
  :mod:`network`) joins the dependent to a working supplier (dependents and suppliers attach to the
  nearest via line within ``max_distance_m``, default 100 m; that line must work too).

Each rule gives an asset one *requirement* (OR over its suppliers); an asset works while it is not
failed itself and every requirement has a working supplier (AND over rules). Failures propagate to
a fixed point (nothing changes any more). A requirement without any supplier (nothing within reach)
is never met. Monte Carlo runs are vectorised: a boolean matrix runs x assets, propagated at once.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
import shapely

from ..paths import resource_path
from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel
from .fragility import normalize_type

MATCHES = ("nearest", "within", "field", "network")
DEFAULT_SNAP_M = 100.0  # network rules: farthest a dependent or supplier may be from the via network


# --- the dependency table ------------------------------------------------------------------------
@dataclass
class DependencyTable:
    systems: dict
    classes: dict       # class -> system key or None (demand)
    rules: list         # dicts with dependent, needs, match, max_distance_m, field, fallback
    source: str = ""
    verified: bool = False


def default_dependencies_path():
    return resource_path("standards", "dependencies.json")


def load_dependencies(path=None):
    """Parse and check a dependency table (the default one when ``path`` is None)."""
    path = path or default_dependencies_path()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Cannot read the dependency table {path}: {error}"), path=path, error=err) from None
    except json.JSONDecodeError as err:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The dependency table {path} is not valid JSON: {error}"), path=path, error=err) from None
    return parse_dependencies(data)


def parse_dependencies(data):
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list) or not isinstance(data.get("classes"), dict):
        raise InputError(QT_TRANSLATE_NOOP("@default", "A dependency table must be a JSON object with 'systems', 'classes' and 'rules'."))
    systems = data.get("systems") or {}
    classes = {}
    for key, entry in data["classes"].items():
        system = entry.get("system") if isinstance(entry, dict) else None
        if system is not None and system not in systems:
            raise InputError(QT_TRANSLATE_NOOP("@default", "Dependency table: the class '{cls}' belongs to the unknown system '{system}'. Known systems: {known}."),
                             cls=key, system=system, known=", ".join(sorted(systems)))
        classes[normalize_type(key)] = system
    rules = []
    for n, r in enumerate(data["rules"]):
        if not isinstance(r, dict):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Dependency rule number {n} is not an object."), n=n + 1)
        dep, need = normalize_type(r.get("dependent")), normalize_type(r.get("needs"))
        for name in (dep, need):
            if name not in classes:
                raise InputError(QT_TRANSLATE_NOOP("@default", "Dependency rule number {n} names the class '{cls}', which is not under 'classes'."),
                                 n=n + 1, cls=name)
        if classes[need] is None:
            raise InputError(QT_TRANSLATE_NOOP("@default", "Dependency rule number {n}: '{cls}' is demand (no system) and cannot supply anything."), n=n + 1, cls=need)
        match = r.get("match", "nearest")
        if match not in MATCHES:
            raise InputError(QT_TRANSLATE_NOOP("@default", "Dependency rule number {n}: unknown match '{match}'; use nearest, within, field or network."), n=n + 1, match=match)
        via = normalize_type(r.get("via"))
        if match == "network" and (via not in classes or classes[via] is None):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Dependency rule number {n}: a 'network' rule needs 'via', the class of the lines that carry the service (e.g. water_pipe)."), n=n + 1)
        dist = r.get("max_distance_m")
        if dist is not None and not (isinstance(dist, (int, float)) and dist > 0):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Dependency rule number {n}: max_distance_m must be a positive number of metres."), n=n + 1)
        if match == "within" and dist is None:
            raise InputError(QT_TRANSLATE_NOOP("@default", "Dependency rule number {n}: a 'within' rule needs max_distance_m."), n=n + 1)
        if match == "field" and not str(r.get("field") or "").strip():
            raise InputError(QT_TRANSLATE_NOOP("@default", "Dependency rule number {n}: a 'field' rule needs the name of the field holding the supplier id."), n=n + 1)
        rules.append({"dependent": dep, "needs": need, "match": match, "max_distance_m": dist,
                      "field": str(r.get("field") or "").strip(), "fallback": r.get("fallback"),
                      "via": via if match == "network" else None})
    return DependencyTable(systems, classes, rules, str(data.get("source", "")), bool(data.get("verified", False)))


# --- assets and their requirements ---------------------------------------------------------------
@dataclass
class Requirements:
    """Requirement groups in CSR form, sorted by dependent asset."""
    dep: np.ndarray         # (g,) dependent asset of each group
    system: np.ndarray      # (g,) system key (object) of the needed class
    rule: np.ndarray        # (g,) rule index
    ptr: np.ndarray         # (g + 1,) offsets into sup
    sup: np.ndarray         # supplier asset indices
    report: dict = field(default_factory=dict)
    nets: list = field(default_factory=list)  # NetRequirement per 'network' rule


@dataclass
class NetRequirement:
    """A 'network' rule: dependents served while a path of working via lines reaches a working supplier."""
    rule: int
    system: str
    n_nodes: int
    edge_u: np.ndarray
    edge_v: np.ndarray
    edge_asset: np.ndarray  # asset index of the via line each edge belongs to
    dep: np.ndarray         # dependents attached to the network
    dep_edge: np.ndarray
    sup: np.ndarray         # suppliers attached to the network
    sup_edge: np.ndarray
    unattached: np.ndarray  # dependents farther than max_distance_m from every via line (never served)


def _nearest(tree, cand, points, max_distance, others=False):
    """Nearest candidate (index into ``cand``) per point, -1 when none within ``max_distance``.
    ``others``: the points are among the candidates (a class that needs its own class): the nearest
    other one (a candidate equal to the point is passed over)."""
    out = np.full(len(points), -1, dtype=np.int64)
    if len(points) == 0 or len(cand) == 0:
        return out
    kw = {"max_distance": float(max_distance)} if max_distance else {}
    pi, ci = tree.query_nearest(points, all_matches=False, exclusive=others, **kw)
    out[pi] = ci
    return out


def _field_pairs(rule, deps, fields, lut, report, k):
    """A 'field' rule's ``(local dependent, supplier)`` pairs from the named ids, and which dependents it
    applies to and which still need the nearest (no ids given, fallback 'nearest')."""
    values = fields.get(rule["field"])
    if values is None:
        report["missing_field"].append(k)
    applies = np.ones(len(deps), bool)
    todo = np.zeros(len(deps), bool)
    loc, sup = [], []
    for n, a in enumerate(deps):
        v = None if values is None else values[a]
        if v is None or (isinstance(v, float) and np.isnan(v)) or not str(v).strip():
            if rule.get("fallback") == "nearest":
                todo[n] = True
            else:
                applies[n] = False  # the rule does not apply to this asset
            continue
        for part in str(v).replace(";", ",").split(","):
            key = part.strip()
            if key.endswith(".0") and key not in lut:
                key = key[:-2]
            if key in lut:
                loc.append(n)
                sup.append(lut[key])
            elif key:
                report["unknown_ids"].add(key)
    return np.asarray(loc, dtype=np.int64), np.asarray(sup, dtype=np.int64), applies, todo


def build_requirements(ids, classes, geoms, table, fields=None):
    """The requirement groups of every asset under the rules of ``table``.

    ``ids``: unique asset ids (str); ``classes``: normalised class per asset; ``geoms``: shapely
    geometries in metres; ``fields``: ``{name: values}`` for ``field`` rules. Rules whose needed
    class has no asset at all are skipped (reported); unknown supplier ids are reported.

    One group per dependent asset and rule it applies to (in rule order per asset), holding the
    suppliers that rule finds for it (an asset never supplies itself: a class that needs its own class
    takes the nearest other asset); built with arrays, so a province's
    assets take no Python loop except over the ids a 'field' rule names.
    """
    classes = np.asarray(classes, dtype=object)
    fields = fields or {}
    lut = {str(v): i for i, v in enumerate(ids)} if any(r["match"] == "field" for r in table.rules) else {}
    report = {"skipped_rules": [], "unmet": {}, "unknown_ids": set(), "missing_field": []}
    nets = []
    empty = np.zeros(0, dtype=np.int64)
    g_dep, g_rule, p_group, p_sup = [empty], [empty], [empty], [empty]  # groups (dependent, rule), (group, supplier)
    n_groups = 0
    for k, rule in enumerate(table.rules):
        deps = np.flatnonzero(classes == rule["dependent"])
        cand = np.flatnonzero(classes == rule["needs"])
        if len(deps) == 0:
            continue
        if len(cand) == 0:
            report["skipped_rules"].append(k)
            continue
        if rule["match"] == "network":
            net = _net_requirement(k, rule, table, classes, geoms, deps, cand)
            if net is None:
                report["skipped_rules"].append(k)
            else:
                nets.append(net)
                if len(net.unattached):
                    report["unmet"][k] = len(net.unattached)
            continue
        tree = shapely.STRtree(geoms[cand])
        loc, sup = [empty], [empty]
        applies, todo = np.ones(len(deps), bool), np.ones(len(deps), bool)
        if rule["match"] == "field":
            fl, fs, applies, todo = _field_pairs(rule, deps, fields, lut, report, k)
            loc.append(fl)
            sup.append(fs)
        if rule["match"] == "within":
            di, ci = tree.query(geoms[deps], predicate="dwithin", distance=float(rule["max_distance_m"]))
            loc.append(np.asarray(di, dtype=np.int64))
            sup.append(cand[ci])
        elif todo.any():
            rows = np.flatnonzero(todo)
            near = _nearest(tree, cand, geoms[deps[rows]], rule["max_distance_m"], rule["dependent"] == rule["needs"])
            found = near >= 0
            loc.append(rows[found])
            sup.append(cand[near[found]])
        loc, sup = np.concatenate(loc), np.concatenate(sup)
        keep = (sup != deps[loc]) & applies[loc]
        n_app = int(applies.sum())
        group_of = np.full(len(deps), -1, dtype=np.int64)
        group_of[applies] = n_groups + np.arange(n_app)
        hit = group_of[loc[keep]]
        unmet = n_app - len(np.unique(hit))
        if unmet:
            report["unmet"][k] = unmet
        g_dep.append(deps[applies])
        g_rule.append(np.full(n_app, k, dtype=np.int64))
        p_group.append(hit)
        p_sup.append(sup[keep])
        n_groups += n_app
    dep_all = np.concatenate(g_dep)
    order = np.argsort(dep_all, kind="stable")  # groups by dependent, rule order kept
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    groups = position[np.concatenate(p_group)]
    by_group = np.argsort(groups, kind="stable")  # each group's suppliers in the order found
    sup = np.concatenate(p_sup)[by_group]
    ptr = np.zeros(len(order) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum(np.bincount(groups, minlength=len(order)))
    rule_arr = np.concatenate(g_rule)[order]
    needs = np.array([table.classes[r["needs"]] for r in table.rules], dtype=object)
    report["unknown_ids"] = sorted(report["unknown_ids"])
    return Requirements(dep_all[order], needs[rule_arr], rule_arr, ptr, sup, report, nets)


def _anchor(geoms):
    """A point per geometry: points as they are, lines at their middle, polygons inside."""
    pts = shapely.point_on_surface(geoms)
    tid = shapely.get_type_id(geoms)
    line = (tid == 1) | (tid == 5)
    if line.any():
        pts[line] = shapely.line_interpolate_point(geoms[line], 0.5, normalized=True)
    return pts


def _net_requirement(k, rule, table, classes, geoms, deps, cand):
    from .network import build_network, snap_points

    via = np.flatnonzero(classes == rule["via"])
    if len(via) == 0:
        return None
    net = build_network(geoms[via])
    if net.n_edges == 0:
        return None
    snap_d = float(rule["max_distance_m"] or DEFAULT_SNAP_M)
    ds = snap_points(net, _anchor(geoms[deps]), max_distance=snap_d)
    ss = snap_points(net, _anchor(geoms[cand]), max_distance=snap_d)
    return NetRequirement(k, table.classes[rule["needs"]], net.n_nodes, net.edge_u, net.edge_v, via[net.edge_line],
                          deps[ds.snapped], ds.edge[ds.snapped], cand[ss.snapped], ss.edge[ss.snapped], deps[~ds.snapped])


def net_ok(working, net):
    """(runs, dependents of ``net``): a path of working via lines joins each to a working supplier.

    All runs at once: one graph holding a copy of the network per run (block diagonal), its connected
    components found in one call.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    runs = working.shape[0]
    nn = net.n_nodes
    e_ok = working[:, net.edge_asset]
    r, e = np.nonzero(e_ok)
    u = net.edge_u[e] + r * nn
    v = net.edge_v[e] + r * nn
    graph = coo_matrix((np.ones(len(u), dtype=np.int8), (u, v)), shape=(runs * nn, runs * nn)).tocsr()
    n_comp, labels = connected_components(graph, directed=False)
    labels = labels.reshape(runs, nn)
    rows = np.arange(runs)[:, None]
    live = np.zeros(n_comp, bool)
    sup_ok = working[:, net.sup] & e_ok[:, net.sup_edge]
    live[labels[rows, net.edge_u[net.sup_edge][None, :]][sup_ok]] = True
    return e_ok[:, net.dep_edge] & live[labels[rows, net.edge_u[net.dep_edge][None, :]]]


# --- propagation ----------------------------------------------------------------------------------
def _group_ok(working, req):
    """(runs, groups): whether each requirement has a working supplier."""
    runs = working.shape[0]
    g = len(req.dep)
    ok = np.zeros((runs, g), bool)
    sizes = np.diff(req.ptr)
    nonempty = np.flatnonzero(sizes > 0)
    if len(nonempty):
        gathered = working[:, req.sup]
        ok[:, nonempty] = np.logical_or.reduceat(gathered, req.ptr[nonempty], axis=1)
    return ok


def propagate(direct, req, max_iterations=None):
    """Working state after the cascade: ``(working, group_ok, iterations)``.

    ``direct``: bool (runs, n) failed directly. The state only ever loses assets, so the loop ends
    (at most n + 1 rounds).
    """
    direct = np.asarray(direct, dtype=bool)
    runs, n = direct.shape
    working = ~direct
    for net in req.nets:
        working[:, net.unattached] = False
    if len(req.dep) == 0 and not req.nets:
        return working, np.zeros((runs, 0), bool), 0
    starts = np.r_[0, np.flatnonzero(np.diff(req.dep)) + 1] if len(req.dep) else np.zeros(0, np.int64)
    owners = req.dep[starts]
    limit = max_iterations or n + 1
    it = 0
    while True:
        it += 1
        gok = _group_ok(working, req)
        new = ~direct
        if len(starts):
            new[:, owners] &= np.logical_and.reduceat(gok, starts, axis=1)
        for net in req.nets:
            new[:, net.unattached] = False
            new[:, net.dep] &= net_ok(working, net)
        if np.array_equal(new, working) or it >= limit:
            return new, gok, it
        working = new


def _earliest_failed(req, groups, round_failed, n):
    """Per group (none empty): its supplier that failed in the earliest round (ties: the first listed)."""
    size = req.ptr[groups + 1] - req.ptr[groups]
    seg = np.repeat(np.arange(len(groups)), size)
    pos = np.arange(int(size.sum())) - np.repeat(np.cumsum(size) - size, size)
    sups = req.sup[np.repeat(req.ptr[groups], size) + pos]
    key = np.where(round_failed[sups] >= 0, round_failed[sups], n + 1)
    order = np.lexsort((pos, key, seg))  # by group, then round, then place in the list
    first = order[np.r_[0, np.cumsum(size)[:-1]]]
    return sups[first]


def chains(ids, direct, req, labels=None):
    """For one scenario (``direct``: bool (n,)): the chain that failed each asset, as text.

    A cascade-failed asset names the supplier whose loss failed it first (the earliest-failed supplier
    of its first unmet requirement), and so on back to a direct failure: ``"P1 <- S2 <- L5 (direct)"``.
    Returns ``(working, round_failed, chain_text)``; ``round_failed`` is 0 for direct failures, k for
    assets failed in round k of the cascade and -1 for working assets.
    """
    direct = np.asarray(direct, dtype=bool)
    n = len(direct)
    working = ~direct
    round_failed = np.where(direct, 0, -1)
    cause = np.full(n, -1, dtype=np.int64)
    no_supplier = np.zeros(n, bool)
    cut = np.zeros(n, bool)
    if len(req.dep) or req.nets:
        k = 0
        while True:
            k += 1
            gok = _group_ok(working[None, :], req)[0]
            bad = np.flatnonzero(~gok & working[req.dep])
            # each asset's first unmet group (groups are sorted by asset)
            bad = bad[np.r_[True, req.dep[bad[1:]] != req.dep[bad[:-1]]]] if len(bad) else bad
            changed = len(bad) > 0
            if changed:
                a = req.dep[bad]
                size = req.ptr[bad + 1] - req.ptr[bad]
                no_supplier[a[size == 0]] = True
                cause[a[size > 0]] = _earliest_failed(req, bad[size > 0], round_failed, n)
                round_failed[a] = k
            for net in req.nets:
                for a in net.unattached:
                    if working[a]:
                        no_supplier[a], round_failed[a], changed = True, k, True
                ok = net_ok(working[None, :], net)[0]
                for a in net.dep[~ok]:
                    if working[a] and round_failed[a] < 0:
                        cut[a], round_failed[a], changed = True, k, True
            working = round_failed < 0
            if not changed:
                break
    labels = labels or {}
    text = np.full(n, "", dtype=object)
    for a in np.flatnonzero(round_failed >= 0):
        parts, seen, b = [], set(), a
        while b >= 0 and b not in seen:
            seen.add(b)
            parts.append(str(ids[b]))
            if round_failed[b] == 0:
                parts[-1] += " " + labels.get("direct", "(direct)")
                break
            if no_supplier[b] and cause[b] < 0:
                parts[-1] += " " + labels.get("no_supplier", "(no supplier in reach)")
                break
            if cut[b] and cause[b] < 0:
                parts[-1] += " " + labels.get("cut", "(network path cut)")
                break
            b = cause[b]
        text[a] = " <- ".join(parts)
    return working, round_failed, text


def lost_systems(gok, req, n, systems, working=None):
    """(runs, n) bool per system: the asset's requirement on that system is unmet (``working``: the
    final state, needed for 'network' rules)."""
    runs = gok.shape[0] if working is None else working.shape[0]
    out = {}
    for s in systems:
        sel = np.flatnonzero(req.system == s)
        lost = np.zeros((runs, n), bool)
        if len(sel):
            bad = ~gok[:, sel]
            deps = req.dep[sel]
            starts = np.r_[0, np.flatnonzero(np.diff(deps)) + 1]
            lost[:, deps[starts]] = np.logical_or.reduceat(bad, starts, axis=1)
        for net in req.nets:
            if net.system == s and working is not None:
                lost[:, net.unattached] = True
                lost[:, net.dep] |= ~net_ok(working, net)
        out[s] = lost
    return out


# --- Monte Carlo -----------------------------------------------------------------------------------
@dataclass
class CascadeResult:
    p_direct: np.ndarray          # (n,) share of runs failed directly (0/1 in a scenario)
    p_cascade: np.ndarray         # (n,) share of runs failed by the cascade only
    p_lost: dict                  # system -> (n,) share of runs without that system
    persons_lost: dict            # system -> (runs, units) persons without the system per run
    persons: np.ndarray           # (units,) persons per unit
    runs: int
    iterations: int
    chain: Optional[np.ndarray] = None  # scenario only: text per asset
    round_failed: Optional[np.ndarray] = None


def simulate(req, systems, *, n, p_fail=None, failed=None, runs=1000, seed=1, population=None, unit=None, n_units=1,
             chunk=None, feedback=None):
    """Monte Carlo (``p_fail``, ``runs``, ``seed``) or one scenario (``failed``: bool (n,)).

    ``population`` (n,) persons per asset (demand), ``unit`` (n,) unit index (-1 outside all).
    """
    systems = list(systems)
    pop = np.zeros(n) if population is None else np.nan_to_num(np.asarray(population, dtype=float))
    unit = np.zeros(n, dtype=np.int64) if unit is None else np.asarray(unit, dtype=np.int64)
    inside = (unit >= 0) & (pop > 0)
    weight = np.zeros((n, n_units))
    weight[np.flatnonzero(inside), unit[inside]] = pop[inside]
    persons = weight.sum(axis=0)
    if failed is not None:
        direct = np.asarray(failed, dtype=bool)[None, :]
        working, gok, it = propagate(direct, req)
        lost = lost_systems(gok, req, n, systems, working)
        _, rounds, text = chains([str(i) for i in range(n)], direct[0], req)
        return CascadeResult(direct[0].astype(float), (~working[0] & ~direct[0]).astype(float),
                             {s: v[0].astype(float) for s, v in lost.items()},
                             {s: (v.astype(float) @ weight) for s, v in lost.items()}, persons, 1, it, text, rounds)
    p = np.clip(np.nan_to_num(np.asarray(p_fail, dtype=float)), 0.0, 1.0)
    rng = np.random.default_rng(seed)
    risky = np.flatnonzero(p > 0)
    chunk = chunk or max(1, min(runs, int(2e7 // max(n + len(req.sup), 1))))
    s_direct = np.zeros(n)
    s_casc = np.zeros(n)
    s_lost = {s: np.zeros(n) for s in systems}
    per_run = {s: np.zeros((runs, n_units)) for s in systems}
    max_it = 0
    for start in range(0, runs, chunk):
        check_cancel(feedback, 100.0 * start / runs)
        r = min(chunk, runs - start)
        direct = np.zeros((r, n), bool)
        direct[:, risky] = rng.random((r, len(risky))) < p[risky]
        working, gok, it = propagate(direct, req)
        max_it = max(max_it, it)
        s_direct += direct.sum(axis=0)
        s_casc += (~working & ~direct).sum(axis=0)
        for s, v in lost_systems(gok, req, n, systems, working).items():
            s_lost[s] += v.sum(axis=0)
            per_run[s][start:start + r] = v.astype(np.float32) @ weight
    return CascadeResult(s_direct / runs, s_casc / runs, {s: v / runs for s, v in s_lost.items()}, per_run, persons, runs, max_it)


def band(per_run, lo=5.0, hi=95.0):
    """Mean and the lo-hi percentile band over runs (axis 0)."""
    return per_run.mean(axis=0), np.percentile(per_run, lo, axis=0), np.percentile(per_run, hi, axis=0)
