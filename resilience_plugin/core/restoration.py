"""Recovery of lifeline service over time (可恢复性): repair schedule with crews and recovery curves.

- Restoration functions (``resources/standards/restoration.json``): per asset class and damage state
  the days to 50 % / 100 % functionality, or a Hazus normal curve (mean, sd). A crew needs the days to
  100 % (or mean + 2 sd) to repair an asset; until then the asset is out of service.
- Schedule: each system has its crews; jobs are taken greedily in the order of the user priority
  (when given), then the persons the asset serves (those who lose a system when it alone fails, the
  cascade of :mod:`cascade`) per crew-day of its repair (Smith's rule), each by the first free crew.
  The order is computed once, not re-evaluated after every repair.
- Service: an asset serves from the day its repair ends *and* every requirement of the dependency
  table has a serving supplier (a pump is useless until its substation is back); demand has service
  of a system from the day its requirements on that system are met.
"""

import heapq
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..paths import resource_path
from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel
from .fragility import normalize_type

STATES = ("none", "slight", "moderate", "extensive", "complete")


# --- restoration functions ------------------------------------------------------------------------
@dataclass
class RestorationTable:
    classes: dict   # class -> {"source", "verified", "days": {state: repair days}, "days_50": {state: days}}


def default_restoration_path():
    return resource_path("standards", "restoration.json")


def load_restoration(path=None):
    """The default table with ``path``'s classes on top (they replace the default ones)."""
    data = _read(default_restoration_path())
    if path:
        extra = _read(path)
        if not isinstance(extra, dict) or not isinstance(extra.get("classes"), dict):
            raise InputError(QT_TRANSLATE_NOOP("@default", "A restoration file must be a JSON object with 'classes'."))
        data = dict(data, classes={**data["classes"], **extra["classes"]})
    return parse_restoration(data)


def _read(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Cannot read the restoration file {path}: {error}"), path=path, error=err) from None
    except json.JSONDecodeError as err:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The restoration file {path} is not valid JSON: {error}"), path=path, error=err) from None


def parse_restoration(data):
    if not isinstance(data, dict) or not isinstance(data.get("classes"), dict):
        raise InputError(QT_TRANSLATE_NOOP("@default", "A restoration file must be a JSON object with 'classes'."))
    out = {}
    for key, entry in data["classes"].items():
        if not isinstance(entry, dict) or "source" not in entry or not isinstance(entry.get("verified"), bool):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Restoration class '{cls}' needs a 'source' text and a 'verified' true/false flag."), cls=key)
        days, half = {}, {}
        for state, f in (entry.get("states") or {}).items():
            s = str(state).strip().lower()
            if s not in STATES[1:] or not isinstance(f, dict):
                raise InputError(QT_TRANSLATE_NOOP("@default", "Restoration class '{cls}': unknown damage state '{state}'; use slight, moderate, extensive or complete."),
                                 cls=key, state=state)
            try:
                if "days_100" in f:
                    d100, d50 = float(f["days_100"]), float(f.get("days_50", f["days_100"]))
                else:
                    mean, sd = float(f["mean_days"]), float(f["sd_days"])
                    if sd < 0:
                        raise ValueError
                    d100, d50 = mean + 2.0 * sd, mean
            except (KeyError, TypeError, ValueError):
                raise InputError(QT_TRANSLATE_NOOP("@default", "Restoration class '{cls}', state '{state}': give days_50 and days_100, or mean_days and sd_days (>= 0)."),
                                 cls=key, state=state) from None
            if not (d100 > 0 and 0 < d50 <= d100):
                raise InputError(QT_TRANSLATE_NOOP("@default", "Restoration class '{cls}', state '{state}': the days must be > 0 and days_50 <= days_100."),
                                 cls=key, state=state)
            days[s], half[s] = d100, d50
        out[normalize_type(key)] = {"source": str(entry["source"]), "verified": entry["verified"], "days": days, "days_50": half}
    return RestorationTable(out)


def parse_state(value):
    """Damage state index 0-4 from a name (slight...complete, case-insensitive) or a number 0-4; None if unreadable."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return 0
    text = str(value).strip().lower()
    if not text:
        return 0
    if text in STATES:
        return STATES.index(text)
    try:
        k = float(text)
    except ValueError:
        return None
    return int(k) if k == int(k) and 0 <= k <= 4 else None


def repair_days(classes, states, table):
    """Crew-days to repair each asset (0 when undamaged); ``(days, missing)`` with the (class, state) pairs
    that have no restoration function (their assets get NaN)."""
    days = np.zeros(len(classes))
    missing = set()
    for i, (c, s) in enumerate(zip(classes, states)):
        if not s:
            continue
        entry = table.classes.get(c)
        d = None if entry is None else entry["days"].get(STATES[s])
        if d is None:
            missing.add((c, STATES[s]))
            days[i] = np.nan
        else:
            days[i] = d
    return days, sorted(missing)


# --- schedule ----------------------------------------------------------------------------------------
def downstream_persons(req, population, damaged, feedback=None):
    """Persons who lose some system when each damaged asset alone fails (single-failure cascades).

    Exact and cheap: a breadth-first walk from the asset through the requirement groups, a group
    failing when all its suppliers have failed (cost: the size of each cascade, not of the network).
    """
    n = len(population)
    pop = np.nan_to_num(np.asarray(population, dtype=float)).tolist()
    sizes = np.diff(req.ptr).tolist()
    dep = req.dep.tolist()
    # supplier -> groups it is a supplier of (CSR)
    order = np.argsort(req.sup, kind="stable")
    grp_of_entry = np.repeat(np.arange(len(req.dep)), np.diff(req.ptr))[order]
    sptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(sptr, req.sup + 1, 1)
    sptr = np.cumsum(sptr).tolist()
    groups_of = grp_of_entry.tolist()
    out = np.zeros(n)
    todo = np.flatnonzero(damaged)
    for k, i in enumerate(todo.tolist()):
        if k % 2000 == 0:
            check_cancel(feedback)
        failed = {i}
        stack = [i]
        hits = {}
        lost = 0.0
        while stack:
            s = stack.pop()
            for e in range(sptr[s], sptr[s + 1]):
                g = groups_of[e]
                c = hits.get(g, 0) + 1
                hits[g] = c
                if c == sizes[g]:
                    a = dep[g]
                    if a not in failed:
                        failed.add(a)
                        lost += pop[a]
                        stack.append(a)
        out[i] = lost + (pop[i] if pop[i] > 0 else 0.0)
    # 'network' rules: a damaged via line counts the persons attached to it (a cheap proxy: the persons
    # cut off further down the network are not counted)
    for net in req.nets:
        owner = net.edge_asset[net.dep_edge]
        sel = np.asarray(damaged, dtype=bool)[owner]
        np.add.at(out, owner[sel], np.asarray(population, dtype=float)[net.dep[sel]])
    return out


def schedule(systems_of, days, crews, order_key):
    """List scheduling per system: jobs in ``order_key`` order (ascending), each to the first free crew.

    ``systems_of``: system per asset (None for undamaged / demand); ``days``: repair days (0 = nothing
    to do, NaN = cannot be repaired); ``crews``: {system: number (0 = unlimited)}. Returns
    ``(start, finish, crew)`` arrays (finish 0 for undamaged assets, inf for unrepairable ones).
    """
    n = len(days)
    start = np.zeros(n)
    finish = np.zeros(n)
    crew = np.full(n, -1, dtype=np.int64)
    todo = np.flatnonzero(days > 0)
    finish[np.isnan(days)] = np.inf
    start[np.isnan(days)] = np.nan
    for system in sorted({systems_of[i] for i in todo}, key=str):
        jobs = [i for i in todo if systems_of[i] == system]
        jobs.sort(key=lambda i: order_key[i])
        k = int(crews.get(system, 0) or 0)
        if k <= 0:
            for i in jobs:
                finish[i] = days[i]
            continue
        free = [(0.0, c) for c in range(k)]
        heapq.heapify(free)
        for i in jobs:
            t, c = heapq.heappop(free)
            start[i], finish[i], crew[i] = t, t + days[i], c
            heapq.heappush(free, (finish[i], c))
    return start, finish, crew


def service_days(finish, req, max_iterations=None):
    """Day from which every asset serves: max(own repair end, for each requirement the earliest
    serving supplier, for each 'network' rule the day a path of serving lines reaches a serving
    supplier); inf when a requirement is never met. Returns ``(days, group_days, net_days)``."""
    finish = np.asarray(finish, dtype=float)
    t = finish.copy()
    g = np.full(len(req.dep), np.inf)
    net_days = [np.full(len(net.dep), np.inf) for net in req.nets]
    if len(req.dep) == 0 and not req.nets:
        return t, g, net_days
    sizes = np.diff(req.ptr)
    nonempty = np.flatnonzero(sizes > 0)
    starts = np.r_[0, np.flatnonzero(np.diff(req.dep)) + 1] if len(req.dep) else np.zeros(0, np.int64)
    owners = req.dep[starts]
    limit = max_iterations or len(t) + 1
    for _ in range(limit):
        new = finish.copy()
        g = np.full(len(req.dep), np.inf)
        if len(nonempty):
            g[nonempty] = np.minimum.reduceat(t[req.sup], req.ptr[nonempty])
        if len(starts):
            new[owners] = np.maximum(new[owners], np.maximum.reduceat(g, starts))
        for k, net in enumerate(req.nets):
            net_days[k] = network_days(t, net)
            new[net.unattached] = np.inf
            new[net.dep] = np.maximum(new[net.dep], net_days[k])
        if np.array_equal(new, t):
            break
        t = new
    return t, g, net_days


def network_days(t, net):
    """Day each dependent of ``net`` is joined to a serving supplier by serving lines (bottleneck paths:
    events in time order, union-find, a component's nodes become served when it first holds a serving
    supplier)."""
    te = t[net.edge_asset]
    n = net.n_nodes
    parent = list(range(n))
    members = [[i] for i in range(n)]
    live = [False] * n
    node_day = np.full(n, np.inf)

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def light(root, day):
        live[root] = True
        for m in members[root]:
            node_day[m] = day

    sup_day = np.maximum(t[net.sup], te[net.sup_edge])
    events = [(float(d), 1, int(net.edge_u[e])) for d, e in zip(sup_day, net.sup_edge) if np.isfinite(d)]
    events += [(float(d), 0, int(e)) for e, d in enumerate(te) if np.isfinite(d)]
    events.sort()
    for day, kind, x in events:
        if kind == 1:
            r = find(x)
            if not live[r]:
                light(r, day)
            continue
        a, b = find(int(net.edge_u[x])), find(int(net.edge_v[x]))
        if a == b:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        if live[a] != live[b]:
            light(b if live[a] else a, day)
        parent[b] = a
        members[a].extend(members[b])
        members[b] = []
        live[a] = live[a] or live[b]
    return np.maximum(te[net.dep_edge], node_day[net.edge_u[net.dep_edge]])


def system_service(group_days, req, n, system, net_days=None):
    """Day from which each asset has service of ``system`` (NaN: no requirement on that system)."""
    out = np.full(n, np.nan)
    sel = np.flatnonzero(req.system == system)
    if len(sel):
        deps = req.dep[sel]
        starts = np.r_[0, np.flatnonzero(np.diff(deps)) + 1]
        out[deps[starts]] = np.maximum.reduceat(group_days[sel], starts)
    for k, net in enumerate(req.nets):
        if net.system != system:
            continue
        out[net.unattached] = np.inf
        days = net_days[k] if net_days is not None else np.full(len(net.dep), np.inf)
        cur = out[net.dep]
        out[net.dep] = np.maximum(np.where(np.isnan(cur), -np.inf, cur), days)
    return out


def curve(service_day, population, days):
    """Persons with service at each day of ``days`` (service from the day its repair ends: t >= day)."""
    service_day = np.asarray(service_day, dtype=float)
    ok = ~np.isnan(service_day)  # NaN: not a consumer of the system; inf: never served
    t = service_day[ok]
    w = np.asarray(population, dtype=float)[ok]
    order = np.argsort(t)
    t, w = t[order], np.cumsum(w[order])
    idx = np.searchsorted(t, days, side="right")
    return np.where(idx > 0, w[np.maximum(idx - 1, 0)], 0.0)


def days_to_share(service_day, population, share):
    """First day at which ``share`` of the persons have service (inf if never)."""
    t = np.asarray(service_day, dtype=float)
    w = np.asarray(population, dtype=float)
    keep = ~np.isnan(t) & (w > 0)
    t, w = t[keep], w[keep]
    if w.sum() <= 0:
        return np.nan
    order = np.argsort(t)
    t, c = t[order], np.cumsum(w[order])
    k = np.searchsorted(c, share * c[-1] - 1e-9 * c[-1])
    return float(t[min(k, len(t) - 1)])
