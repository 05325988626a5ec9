"""Recovery of lifeline service over time (可恢复性): repair schedule with crews and recovery curves.

- Restoration functions (``resources/standards/restoration.json``): per asset class and damage state
  the days to 50 % / 100 % functionality, or a Hazus normal curve (mean, sd). A crew needs the days to
  100 % (or mean + 2 sd) to repair an asset; until then the asset is out of service.
- Schedule: each system has its crews; jobs are taken greedily in the order of the user priority
  (when given), then the persons the asset serves (those who lose a system when it alone fails, the
  cascade of :mod:`cascade`, through the pipes too: a failing pipe or pump station cuts off everybody
  left without a working supplier, see :func:`downstream_persons`) per crew-day of its repair (Smith's
  rule), each by the first free crew.
  The order is computed once, not re-evaluated after every repair.
- Service: an asset serves from the day its repair ends *and* every requirement of the dependency
  table has a serving supplier (a pump is useless until its substation is back); demand has service
  of a system from the day its requirements on that system are met.
"""

import bisect
import heapq
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

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
    """Persons who lose some system when each damaged asset alone fails (single-failure cascades, as
    :func:`cascade.propagate` would fail them with everything else working), each person counted once.

    Requirement groups: a breadth-first walk from the asset, a group failing when all its suppliers have
    failed (cost: the size of each cascade, not of the network). 'Network' rules: a dependent is lost
    with its own via line, or when its part of the network keeps no working supplier (a supplier fails
    with its via line). Those parts come from the bridges and 2-edge-connected components of each via
    graph (:func:`criticality.find_bridges`, computed once): failing lines cut the DFS tree at their
    bridges into nested preorder ranges whose persons and suppliers are prefix-sum differences, so a
    failing line, pump station or substation costs the number of lines and suppliers it takes down,
    not the size of the network. Dependents that supply something else (or belong to several network
    rules) are listed and the walk goes on from them; everybody else is only summed.
    """
    n = len(population)
    pop = np.nan_to_num(np.asarray(population, dtype=float))
    damaged = np.asarray(damaged, dtype=bool)
    walk = _SingleFailure(req, pop, damaged)
    out = np.zeros(n)
    todo = np.flatnonzero(damaged)
    if walk.quick is not None:  # lines failing alone, nothing else failing with them: one vectorised answer
        sel, value = walk.quick
        out[sel] = np.maximum(pop[sel], 0.0) + value
        todo = todo[~np.isin(todo, sel)]
    for k, i in enumerate(todo.tolist()):
        if k % 2000 == 0:
            check_cancel(feedback)
        out[i] = walk.lost(i)
    return out


class _SingleFailure:
    """The cascade of one asset failing alone: requirement groups by a breadth-first walk, 'network'
    rules by :class:`_NetCut`, to a fixed point."""

    def __init__(self, req, pop, damaged):
        n = len(pop)
        self.pop = pop.tolist()
        self.sizes = np.diff(req.ptr).tolist()
        self.dep = req.dep.tolist()
        # supplier -> groups it is a supplier of (CSR)
        order = np.argsort(req.sup, kind="stable")
        self.groups_of = np.repeat(np.arange(len(req.dep)), np.diff(req.ptr))[order].tolist()
        sptr = np.r_[0, np.cumsum(np.bincount(req.sup, minlength=n))].astype(np.int64)
        self.sptr = sptr.tolist()
        self.cuts, self.roles, self.quick = _net_cuts(req, pop, np.diff(sptr) > 0, damaged)

    def _walk(self, stack, failed, hits, touched, changed):
        """Groups failing from the assets on ``stack``; the networks they touch are noted."""
        sptr, groups_of, sizes, dep, roles = self.sptr, self.groups_of, self.sizes, self.dep, self.roles
        while stack:
            s = stack.pop()
            if roles[s] is not None:
                for net_k, kind in roles[s]:
                    touched.setdefault(net_k, ([], []))[kind].append(s)
                    changed.add(net_k)
            for e in range(sptr[s], sptr[s + 1]):
                g = groups_of[e]
                c = hits.get(g, 0) + 1
                hits[g] = c
                if c == sizes[g]:
                    a = dep[g]
                    if a not in failed:
                        failed.add(a)
                        stack.append(a)

    def lost(self, i):
        """Persons who lose some system when asset ``i`` alone fails."""
        failed, stack, hits = {i}, [i], {}
        touched = {}  # net -> (failed via assets, failed suppliers)
        results = {}
        while stack:
            changed = set()
            self._walk(stack, failed, hits, touched, changed)
            for net_k in sorted(changed):  # the network rules the cascade touched, again to a fixed point
                results[net_k] = res = self.cuts[net_k].cut(*touched[net_k])
                for a in res.special_lost:
                    if a not in failed:
                        failed.add(a)
                        stack.append(a)
        pop = self.pop
        lost = sum(map(pop.__getitem__, failed)) - pop[i] + (pop[i] if pop[i] > 0 else 0.0)
        for net_k, res in results.items():
            if res.any:
                lost += res.weight - self.cuts[net_k].already_lost(failed, res)
        return lost


@dataclass
class _CutResult:
    weight: float          # persons of the ordinary dependents cut off (see _NetCut)
    any: bool              # anybody cut off at all (else nothing to count once)
    special_lost: list     # special dependents cut off (asset indices)
    edges: set             # local edges down
    lo: list               # the pieces: preorder ranges [lo, hi) below the failed bridges, sorted by lo
    hi: list
    parent: list           # enclosing range (-1: the outer part of its component)
    lost_range: list       # per range: its piece keeps no working supplier
    lost_comp: set         # components whose outer part keeps no working supplier
    mask: Optional[np.ndarray] = None  # exact fallback: lost per local dependent


def _net_cuts(req, pop, group_supplier, damaged):
    """One :class:`_NetCut` per 'network' rule, the role of each asset in them (per asset None or
    [(net, 0 via line / 1 supplier)]) and the quick answer ``(assets, persons)`` for damaged via lines that fail alone."""
    if not req.nets:
        return [], [None] * len(pop), None
    n = len(pop)
    in_nets = np.zeros(n, dtype=np.int64)
    role_any = group_supplier.copy()
    for net in req.nets:
        in_nets[net.dep] += 1
        role_any[net.edge_asset] = True
        role_any[net.sup] = True
    special = role_any | (in_nets > 1)
    roles = [None] * n
    n_roles = np.zeros(n, dtype=np.int64)
    for k, net in enumerate(req.nets):
        for kind, assets in ((0, np.unique(net.edge_asset)), (1, np.unique(net.sup))):
            n_roles[assets] += 1
            for a in assets.tolist():
                if roles[a] is None:
                    roles[a] = []
                roles[a].append((k, kind))
    cuts = [_NetCut(net, pop, special) for net in req.nets]
    # a damaged via line of one network only, supplying nothing, on a network without special dependents:
    # its failure alone takes the persons on it and those it cuts off from every supplier
    sel_all, val_all = [], []
    for k, net in enumerate(req.nets):
        if cuts[k].n_special:
            continue
        via = np.unique(net.edge_asset)
        ok = damaged[via] & ~group_supplier[via] & (in_nets[via] == 0)
        ok &= n_roles[via] == 1
        if ok.any():
            sel_all.append(via[ok])
            val_all.append(cuts[k].alone[ok])
    if not sel_all:
        return cuts, roles, None
    return cuts, roles, (np.concatenate(sel_all), np.concatenate(val_all))


class _NetCut:
    """A 'network' rule's via graph prepared for "who is cut off when these lines and suppliers fail,
    everything else working". Dependents and suppliers sit at the first node of their via line's edge
    and fail with that edge (as in :func:`cascade.net_ok`). Only dependents served while everything
    works (their component holds a supplier) can be cut off. *Special* dependents (suppliers or via
    lines elsewhere, or dependents of several network rules) are listed, the others summed."""

    def __init__(self, net, pop, special):
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        from .criticality import single_line_isolation

        nn = int(net.n_nodes)
        u, v = np.asarray(net.edge_u, dtype=np.int64), np.asarray(net.edge_v, dtype=np.int64)
        self.u, self.v, self.nn = u, v, nn
        self.via, edge_line = np.unique(net.edge_asset, return_inverse=True)
        ne = len(u)
        sup_edge = np.asarray(net.sup_edge, dtype=np.int64)
        dep_edge = np.asarray(net.dep_edge, dtype=np.int64)
        s_edge = np.bincount(sup_edge, minlength=ne).astype(float)
        # served while everything works: the component holds a supplier
        ncomp, comp = connected_components(coo_matrix((np.ones(ne), (u, v)), shape=(nn, nn)), directed=False)
        comp_s = np.bincount(comp[u[sup_edge]], minlength=ncomp)
        served = comp_s[comp[u[dep_edge]]] > 0
        w_all = np.where(served, pop[net.dep], 0.0)
        sp = served & special[net.dep]
        w = np.where(sp, 0.0, w_all)
        # every line failing alone (with its suppliers), everything else working
        alone, info, _ = single_line_isolation(nn, u, v, edge_line, len(self.via), np.bincount(dep_edge, w_all, ne),
                                               s_edge)
        self.alone = alone
        self.tin = info.tin.tolist()
        self.size = info.size.tolist()
        self.child = info.child.tolist()
        self.is_bridge = info.is_bridge.tolist()
        self.comp = info.comp.tolist()
        self.ul, self.vl = u.tolist(), v.tolist()
        self.order = info.order.tolist()
        p_node = np.bincount(u[dep_edge], weights=w, minlength=nn + 1)[: nn + 1]
        s_node = np.bincount(u[sup_edge], minlength=nn + 1)[: nn + 1].astype(float)
        self.p_pre = np.concatenate([[0.0], np.cumsum(p_node[info.order])]).tolist()
        self.s_pre = np.concatenate([[0.0], np.cumsum(s_node[info.order])]).tolist()
        self.comp_p = np.bincount(info.comp, weights=p_node[:nn], minlength=ncomp).tolist()
        self.comp_s = np.bincount(info.comp[u[sup_edge]], minlength=ncomp).tolist()  # in find_bridges' labels
        comp_lo = np.full(ncomp, nn + 1, dtype=np.int64)
        np.minimum.at(comp_lo, info.comp, info.tin[:nn])
        self.comp_lo = comp_lo.tolist()
        self.comp_hi = (comp_lo + np.bincount(info.comp, minlength=ncomp)).tolist()
        self.p_edge = np.bincount(dep_edge, weights=w, minlength=ne).tolist()
        # a via asset's edges, a supplier's edge
        by_line = np.argsort(edge_line, kind="stable")
        ptr = np.r_[0, np.cumsum(np.bincount(edge_line, minlength=len(self.via)))]
        self.line_of = dict(zip(self.via.tolist(), range(len(self.via))))
        self.by_line, self.line_ptr = by_line.tolist(), ptr.tolist()
        self.sup_of = dict(zip(np.asarray(net.sup).tolist(), sup_edge.tolist()))
        sup_by_edge = {}
        for a, e in self.sup_of.items():
            sup_by_edge.setdefault(e, []).append(a)
        self.sup_by_edge = sup_by_edge
        # special dependents by preorder of their node, and per edge
        js = np.flatnonzero(sp)
        t = info.tin[u[dep_edge[js]]]
        o = np.argsort(t, kind="stable")
        self.n_special = len(js)
        self.sp_tin = t[o].tolist()
        self.sp_asset = np.asarray(net.dep)[js[o]].tolist()
        self.sp_edge = dep_edge[js[o]].tolist()
        # ordinary dependents (the ones summed): asset -> (edge, weight)
        plain = np.flatnonzero(w != 0)
        self.plain = dict(zip(np.asarray(net.dep)[plain].tolist(), zip(dep_edge[plain].tolist(), w[plain].tolist())))
        self.dep_edge = dep_edge
        self.dep = np.asarray(net.dep)
        self.w, self.sp, self.served = w, sp, served
        self.sup = np.asarray(net.sup)
        self.sup_edge = sup_edge
        self.label = info.label
        self._dep_index = {a: j for j, a in enumerate(self.dep.tolist())}

    def cut(self, lines, sups):
        """Who is cut off when the via assets ``lines`` and the supplier assets ``sups`` fail."""
        from .criticality import labels_independent, nested_parents

        bl, lp = self.by_line, self.line_ptr
        edges = sorted({e for j in map(self.line_of.__getitem__, lines) for e in bl[lp[j]:lp[j + 1]]})
        eset = set(edges)
        dead = {a for a in sups if a in self.sup_of}
        for e in edges:
            dead.update(self.sup_by_edge.get(e, ()))
        ul, vl = self.ul, self.vl
        bridges = [e for e in edges if self.is_bridge[e]]
        others = [e for e in edges if not self.is_bridge[e] and ul[e] != vl[e]]
        if len(others) > 1 and not labels_independent(self.label[others]):
            return self._exact(eset, dead)
        tin, size = self.tin, self.size
        xs = sorted((self.child[e] for e in bridges), key=lambda x: tin[x])
        lo = [tin[x] for x in xs]
        hi = [tin[x] + size[x] for x in xs]
        parent = nested_parents(lo, hi)
        pp, sp_ = self.p_pre, self.s_pre
        rp = [pp[hi[j]] - pp[lo[j]] for j in range(len(xs))]
        rs = [sp_[hi[j]] - sp_[lo[j]] for j in range(len(xs))]
        cp = {}
        cs = {}
        for j in range(len(xs)):
            q = parent[j]
            if q >= 0:
                rp[q] -= pp[hi[j]] - pp[lo[j]]
                rs[q] -= sp_[hi[j]] - sp_[lo[j]]
            else:
                c = self.comp[xs[j]]
                cp[c] = cp.get(c, self.comp_p[c]) - (pp[hi[j]] - pp[lo[j]])
                cs[c] = cs.get(c, self.comp_s[c]) - (sp_[hi[j]] - sp_[lo[j]])
        res = _CutResult(0.0, False, [], eset, lo, hi, parent, [], set())

        def take(node, dp, ds):
            j = self._piece(res, tin[node])
            if j >= 0:
                rp[j] -= dp
                rs[j] -= ds
            else:
                c = self.comp[node]
                cp[c] = cp.get(c, self.comp_p[c]) - dp
                cs[c] = cs.get(c, self.comp_s[c]) - ds

        weight = 0.0
        for e in edges:  # the persons on the failed lines: lost whatever else
            if self.p_edge[e]:
                weight += self.p_edge[e]
                take(ul[e], self.p_edge[e], 0.0)
        for a in dead:
            take(ul[self.sup_of[a]], 0.0, 1.0)
        res.lost_range = [s <= 0.5 for s in rs]
        res.lost_comp = {c for c, s in cs.items() if s <= 0.5}
        weight += sum(p for p, gone in zip(rp, res.lost_range) if gone) + sum(cp[c] for c in res.lost_comp)
        res.weight = weight
        res.any = any(self.p_edge[e] for e in edges) or any(res.lost_range) or bool(res.lost_comp)
        if self.n_special:
            res.special_lost = self._special_lost(res)
        return res

    def _piece(self, res, t):
        """The innermost range holding preorder position ``t`` (-1: the outer part of its component)."""
        j = bisect.bisect_right(res.lo, t) - 1
        while j >= 0 and t >= res.hi[j]:
            j = res.parent[j]
        return j

    def _special_lost(self, res):
        out = [a for a, e in zip(self.sp_asset, self.sp_edge) if e in res.edges] if res.edges else []
        spans = [(res.lo[j], res.hi[j]) for j, gone in enumerate(res.lost_range) if gone]
        spans += [(self.comp_lo[c], self.comp_hi[c]) for c in res.lost_comp]
        seen = set(out)
        for a_lo, a_hi in spans:
            k0, k1 = bisect.bisect_left(self.sp_tin, a_lo), bisect.bisect_left(self.sp_tin, a_hi)
            for k in range(k0, k1):
                a = self.sp_asset[k]
                if a not in seen and self._lost_at(res, self.sp_tin[k], self.sp_edge[k]):
                    seen.add(a)
                    out.append(a)
        return out

    def _lost_at(self, res, t, e):
        if e in res.edges:
            return True
        j = self._piece(res, t)
        if j >= 0:
            return res.lost_range[j]
        return self.comp[self.order[t]] in res.lost_comp

    def already_lost(self, failed, res):
        """Persons of the ordinary dependents cut off in ``res`` who also failed otherwise (counted once)."""
        total = 0.0
        plain = self.plain
        if res.mask is not None:
            for a in failed:
                if a in plain:
                    total += plain[a][1] if res.mask[self._dep_index[a]] else 0.0
            return total
        for a in failed:
            hit = plain.get(a)
            if hit is not None and self._lost_at(res, self.tin[self.ul[hit[0]]], hit[0]):
                total += hit[1]
        return total

    def _exact(self, eset, dead):
        """Connected components of the network without the failed edges (their non-bridge edges cut the
        graph together: rare)."""
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        keep = np.ones(len(self.u), bool)
        keep[list(eset)] = False
        nn = self.nn
        g = coo_matrix((np.ones(int(keep.sum())), (self.u[keep], self.v[keep])), shape=(nn, nn)).tocsr()
        nc, lab = connected_components(g, directed=False)
        live = np.zeros(nc, bool)
        ok = ~np.isin(self.sup, list(dead)) & keep[self.sup_edge]
        live[lab[self.u[self.sup_edge[ok]]]] = True
        lost = self.served & (~keep[self.dep_edge] | ~live[lab[self.u[self.dep_edge]]])
        res = _CutResult(float(self.w[lost].sum()), bool(lost.any()), self.dep[lost & self.sp].tolist(), eset, [], [], [],
                         [], set(), lost)
        return res


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
