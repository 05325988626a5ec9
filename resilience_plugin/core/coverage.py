"""Walking coverage of shelters, capacitated allocation and site selection on a street network.

Distances are network walking distances in metres (see :mod:`.network`): the demand point's
straight-line distance to the nearest passable street + along the streets + the facility's
straight-line distance to its street. One multi-source Dijkstra serves all facilities at once.

Modes
-----
0. *nearest*: every demand point goes to the nearest reachable facility; it is covered when that
   facility is within the walking limit (capacity is not considered).
1. *capacitated*: each person goes to the nearest facility that still has room within the walking
   limit. Rounds: every demand point with persons left picks its nearest open facility; a facility
   takes demand in order of distance until full (a demand point may be split); full facilities
   close and the rest try again; it stops when no facility filled up. Capacity is never exceeded.
2. *site selection*: choose up to ``max_new`` candidate sites that add the most covered population
   (greedy, then a swap improvement pass), stopping early at ``target`` coverage; the result is
   then evaluated like mode 0 with the existing plus the chosen facilities. An LP relaxation gives
   an upper bound on what any choice of ``max_new`` sites could cover.
"""

from dataclasses import dataclass, field
from typing import Optional

import numpy as np
import pandas as pd
import shapely

from . import network as nw
from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel, report_progress
from .geometry import intersecting_pairs
from .site_selection import coverage_problem, merge_same_cover

MODES = ("nearest", "capacitated", "selection")


def walk_limit_m(max_minutes=10.0, walk_kmh=4.0, max_distance_m=None):
    """The walking limit in metres: ``max_distance_m`` if given (> 0), else minutes x speed."""
    if max_distance_m is not None and max_distance_m > 0:
        return float(max_distance_m)
    if walk_kmh is None or walk_kmh <= 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The walking speed must be positive (km/h), e.g. 4.0."))
    if max_minutes is None or max_minutes <= 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The walking time limit must be positive (minutes), e.g. 10."))
    return float(max_minutes) * float(walk_kmh) * 1000.0 / 60.0


def edges_in_zones(net, zones):
    """Boolean per edge: the edge touches one of the polygons ``zones`` (e.g. flooded streets)."""
    hit = np.zeros(net.n_edges, dtype=bool)
    gi, _ = intersecting_pairs(net.edge_geom, zones)
    hit[gi] = True
    return hit


def points_in_zones(points, zones):
    """Boolean per geometry: it intersects one of the polygons ``zones``."""
    hit = np.zeros(len(points), dtype=bool)
    gi, _ = intersecting_pairs(points, zones)
    hit[gi] = True
    return hit


def clean_capacity(values):
    """Capacities as float with NaN for NULL / negative / not numbers; returns (cap, counts)."""
    cap = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float)
    null = ~np.isfinite(cap)
    neg = np.isfinite(cap) & (cap < 0)
    zero = cap == 0
    cap[neg] = np.nan
    return cap, {"null": int(null.sum()), "negative": int(neg.sum()), "zero": int(zero.sum())}


def clean_persons(values):
    """Persons per demand feature (NULL / negative / NaN -> 0); returns (persons, n_bad)."""
    p = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(p) | (p < 0)
    p[bad] = 0.0
    return p, int(bad.sum())


@dataclass
class CoverageResult:
    """What :func:`shelter_coverage` found: per demand point, per facility, and a report of counts."""

    demand: pd.DataFrame  # facility (index or -1), walk_m, covered, persons, persons_assigned, persons_unserved, snap_m
    facilities: pd.DataFrame  # capacity, in_service, snap_m, assigned_persons, load_ratio, reachable_persons, is_new, source_index
    report: dict = field(default_factory=dict)
    node_dist: Optional[np.ndarray] = None  # walking metres per node of the base network (for service areas)
    node_facility: Optional[np.ndarray] = None  # nearest facility per base node (-1 if none)


def shelter_coverage(net: nw.Network, facilities, capacity: Optional[np.ndarray], demand, persons, limit_m: float, *,
                     mode: int = 0, edge_mask: Optional[np.ndarray] = None, in_service: Optional[np.ndarray] = None,
                     max_snap_m: Optional[float] = None, candidates=None, candidate_capacity: Optional[np.ndarray] = None,
                     max_new: int = 0, target_coverage: Optional[float] = None, reach: bool = True,
                     feedback=None) -> "CoverageResult":
    """Coverage of ``demand`` (points, ``persons`` each) by ``facilities`` (points) within ``limit_m``.

    Parameters
    ----------
    net : the street network (:func:`network.build_network`), metric CRS
    facilities, demand : shapely points; ``capacity`` per facility (NaN = unknown; needed for mode 1)
    persons : persons per demand point
    limit_m : walking limit in metres (:func:`walk_limit_m`)
    mode : 0 nearest facility, 1 capacitated allocation, 2 site selection among ``candidates``
        (at most ``max_new``, stopping at ``target_coverage`` percent)
    edge_mask : passable edges (False = blocked); ``in_service``: usable facilities (False = e.g. in a flood zone)
    max_snap_m : points farther from every passable street are not connected (facility unreachable / demand unserved)
    reach : also count, per facility, the persons within the limit of it

    Returns
    -------
    CoverageResult
        ``demand`` and ``facilities`` tables, ``report`` (counts, covered persons, LP bound in mode 2).
    """
    if mode not in (0, 1, 2):
        raise InputError(QT_TRANSLATE_NOOP("@default", "MODE must be 0 (nearest), 1 (capacitated) or 2 (site selection)."))
    facilities = np.asarray(facilities, dtype=object)
    demand = np.asarray(demand, dtype=object)
    persons = np.asarray(persons, dtype=float)
    nf = len(facilities)
    capacity = np.full(nf, np.nan) if capacity is None else np.asarray(capacity, dtype=float)
    in_service = np.ones(nf, dtype=bool) if in_service is None else np.asarray(in_service, dtype=bool)
    report: dict = {"facilities_in_service": int(in_service.sum())}
    is_new = np.zeros(nf, dtype=bool)
    source_index = np.arange(nf)
    if mode == 2:
        cand = np.asarray(candidates if candidates is not None else [], dtype=object)
        chosen, sel_report = select_sites(net, facilities, in_service, demand, persons, cand, limit_m,
                                          max_new=max_new, target_coverage=target_coverage, edge_mask=edge_mask,
                                          max_snap_m=max_snap_m, feedback=feedback)
        report.update(sel_report)
        cc = np.full(len(cand), np.nan) if candidate_capacity is None else np.asarray(candidate_capacity, dtype=float)
        new = np.ones(len(chosen), dtype=bool)
        facilities, capacity = np.concatenate([facilities, cand[chosen]]), np.concatenate([capacity, cc[chosen]])
        in_service, is_new = np.concatenate([in_service, new]), np.concatenate([is_new, new])
        source_index = np.concatenate([source_index, chosen])
        nf = len(facilities)
    check_cancel(feedback)
    fsnap = nw.snap_points(net, facilities, max_distance=max_snap_m, edge_mask=edge_mask)
    dsnap = nw.snap_points(net, demand, max_distance=max_snap_m, edge_mask=edge_mask)
    report["facilities_not_snapped"] = int((~fsnap.snapped & in_service).sum())
    report["demand_not_snapped"] = int((~dsnap.snapped).sum())
    report["persons_not_snapped"] = float(persons[~dsnap.snapped].sum())
    aug = nw.insert_points(net, [fsnap, dsnap], edge_mask)
    f_nodes, d_nodes = aug.point_node[:nf], aug.point_node[nf:]
    usable = in_service & (f_nodes >= 0)
    if mode == 1:
        usable &= np.isfinite(capacity)
    report_progress(feedback, 20)

    def nearest(open_mask, limit):
        idx = np.flatnonzero(open_mask)
        dist_n, near_n = nw.multi_source_dijkstra(aug.matrix, f_nodes[idx], fsnap.distance[idx], limit)
        dist = np.full(len(demand), np.inf)
        fac = np.full(len(demand), -1, dtype=np.int64)
        ok = d_nodes >= 0
        dist[ok] = dist_n[d_nodes[ok]] + dsnap.distance[ok]
        nn = near_n[d_nodes[ok]]
        fac[ok] = _lookup(idx, nn)
        fac[~np.isfinite(dist)] = -1
        return dist, fac, dist_n, near_n, idx

    dist, fac, dist_n, near_n, idx = nearest(usable, None)
    covered = np.isfinite(dist) & (dist <= limit_m) & (fac >= 0)
    assigned: np.ndarray = np.zeros(len(demand))
    if mode == 1:
        assigned, facility_of, fac_load, rounds, first_dist = _allocate(nearest, usable, capacity, persons, dist, fac,
                                                                        limit_m, feedback)
        report["allocation_rounds"] = rounds
        # the walk to the facility that took the (first) persons of each demand point
        dist = np.where(facility_of >= 0, first_dist, dist)
    else:
        assigned = np.where(covered, persons, 0.0)
        facility_of = np.where(covered, fac, -1)
        fac_load = np.bincount(facility_of[covered], weights=persons[covered], minlength=nf)
    report_progress(feedback, 60)
    node_dist = dist_n[:aug.n_base]
    node_fac = _lookup(idx, near_n[:aug.n_base])
    reachable = np.full(nf, np.nan)
    if reach:
        reachable = _reachable(aug, f_nodes, fsnap.distance, usable, d_nodes, dsnap.distance, persons, limit_m, feedback)
    report_progress(feedback, 95)
    dem = pd.DataFrame({
        "facility": facility_of.astype(np.int64), "walk_m": np.where(np.isfinite(dist), dist, np.nan),
        "covered": covered if mode != 1 else covered & (persons - assigned <= 1e-9), "persons": persons,
        "persons_assigned": assigned, "persons_unserved": persons - assigned, "snap_m": dsnap.distance,
    })
    with np.errstate(divide="ignore", invalid="ignore"):
        load_ratio = np.where(np.isfinite(capacity) & (capacity > 0), fac_load / capacity, np.nan)
    facs = pd.DataFrame({
        "capacity": capacity, "in_service": usable, "snap_m": fsnap.distance, "assigned_persons": fac_load,
        "load_ratio": load_ratio, "reachable_persons": reachable, "is_new": is_new, "source_index": source_index,
    })
    total = float(persons.sum())
    report.update(population=total, covered_persons=float(assigned.sum()),
                  coverage_pct=100.0 * float(assigned.sum()) / total if total > 0 else 0.0)
    return CoverageResult(dem, facs, report, node_dist, node_fac)


def _lookup(idx, positions):
    """``idx[positions]`` with -1 where ``positions`` is -1 (also when ``idx`` is empty)."""
    ext = np.append(np.asarray(idx, dtype=np.int64), -1)
    return ext[np.where(positions >= 0, positions, len(idx))]


def _allocate(nearest, usable, capacity, persons, dist, fac, limit_m, feedback):
    """Capacitated nearest-with-room allocation (see the module doc). Returns
    ``(assigned persons per demand, first facility per demand, load per facility, rounds,
    walking distance to that first facility)``."""
    nf = len(capacity)
    cap = np.where(usable, np.nan_to_num(capacity, nan=0.0), 0.0)
    load = np.zeros(nf)
    open_ = usable & (cap > 0)
    remaining = persons.astype(float).copy()
    assigned = np.zeros(len(persons))
    first = np.full(len(persons), -1, dtype=np.int64)
    first_dist = np.full(len(persons), np.inf)
    rounds = 0
    while open_.any():
        check_cancel(feedback)
        rounds += 1
        active = (remaining > 0) & (fac >= 0) & (dist <= limit_m)
        if not active.any():
            break
        a = np.flatnonzero(active)
        order = np.lexsort((a, dist[a], fac[a]))  # per facility, nearest first
        a = a[order]
        f = fac[a]
        rem = remaining[a]
        cs = np.cumsum(rem)
        start = np.ones(len(a), dtype=bool)
        start[1:] = f[1:] != f[:-1]
        gid = np.cumsum(start) - 1
        before = (cs - rem) - (cs - rem)[start][gid]
        take = np.clip(cap[f] - load[f] - before, 0.0, rem)
        assigned[a] += take
        remaining[a] -= take
        got = take > 0
        new_first = got & (first[a] < 0)
        first[a[new_first]] = f[new_first]
        first_dist[a[new_first]] = dist[a[new_first]]
        load += np.bincount(f, weights=take, minlength=nf)
        full = open_ & (cap - load <= 1e-9 * np.maximum(cap, 1.0))
        if not full.any():
            break  # every active demand was served in full
        open_ &= ~full
        if not open_.any():
            break
        dist, fac = nearest(open_, limit_m)[:2]
    load = np.minimum(load, cap)  # guard against rounding
    return assigned, first, load, rounds, first_dist


def _reachable(aug, f_nodes, f_snap, usable, d_nodes, d_snap, persons, limit_m, feedback):
    """Persons within the walking limit of each facility (regardless of other facilities)."""
    out = np.zeros(len(f_nodes))
    idx = np.flatnonzero(usable)
    if len(idx) == 0 or len(d_nodes) == 0:
        return out
    sp = nw.distances_from_each(aug.matrix, f_nodes[idx], d_nodes, limit_m, offsets=f_snap[idx],
                                target_offsets=d_snap, feedback=feedback, node_xy=aug.node_xy)
    out[idx] = sp.astype(bool).astype(float) @ persons
    return out


def select_sites(net, facilities, in_service, demand, persons, candidates, limit_m, *, max_new, target_coverage=None,
                 edge_mask=None, max_snap_m=None, feedback=None):
    """Choose up to ``max_new`` of ``candidates`` to maximise the population newly covered.

    Greedy (largest gain first), then swap improvement (replace a chosen site by an unchosen one
    while that raises coverage). ``target_coverage``: stop once this percentage of the population is
    covered. Returns ``(chosen candidate indices, report)``; the report holds the covered persons
    before / after and the LP-relaxation upper bound when it could be computed.
    """
    candidates = np.asarray(candidates, dtype=object)
    if len(candidates) == 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Site selection (MODE 2) needs a CANDIDATES layer with at least one site."))
    if max_new is None or max_new < 1:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Site selection (MODE 2) needs MAX_NEW of at least 1."))
    cover, covered0, off = coverage_problem(net, facilities, in_service, demand, candidates, np.ones(len(candidates), dtype=bool),
                                                  limit_m, edge_mask=edge_mask, max_snap_m=max_snap_m, feedback=feedback)
    cover = cover.astype(float).tocsr()
    report_progress(feedback, 10)
    total = float(persons.sum())
    w = np.where(covered0, 0.0, persons)
    base = float(persons[covered0].sum())
    goal = None if not target_coverage else total * float(target_coverage) / 100.0
    chosen = []
    covered_now = base
    while len(chosen) < max_new and (goal is None or covered_now < goal):
        check_cancel(feedback)
        gains = cover @ w
        if chosen:
            gains[chosen] = -1
        j = int(np.argmax(gains))
        if gains[j] <= 0:
            break
        chosen.append(j)
        w[cover[j].indices] = 0.0
        covered_now += float(gains[j])
    # swap improvement (only when the count, not the target, limited the choice)
    if chosen and (goal is None or covered_now < goal):
        improved, guard = True, 0
        while improved and guard < 5 * len(chosen):
            improved = False
            guard += 1
            for pos in range(len(chosen)):
                check_cancel(feedback)
                others = chosen[:pos] + chosen[pos + 1:]
                w2 = np.where(covered0, 0.0, persons)
                for k in others:
                    w2[cover[k].indices] = 0.0
                gains = cover @ w2
                current = gains[chosen[pos]]
                gains[chosen] = -1
                j = int(np.argmax(gains))
                if gains[j] > current + 1e-9:
                    chosen[pos] = j
                    improved = True
            w = np.where(covered0, 0.0, persons)
            for k in chosen:
                w[cover[k].indices] = 0.0
        covered_now = total - float(w.sum())
    report = {"covered_before": base, "covered_after": covered_now, "sites_chosen": len(chosen),
              "candidates_not_snapped": off["candidates"]}
    report["lp_bound"] = _lp_bound(cover, np.where(covered0, 0.0, persons), max_new, base)
    report_progress(feedback, 50)
    return np.asarray(chosen, dtype=np.int64), report


def _lp_bound(cover, w, k, base, max_nnz=2_000_000):
    """Upper bound on covered persons with ``k`` sites (LP relaxation, HiGHS), or None if too big.
    Demand covered by the same candidates shares one variable (:func:`.site_selection.merge_same_cover`)."""
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix, hstack, identity, vstack

    a, wy = merge_same_cover(cover, w)  # demand sets x candidates
    if a.shape[0] == 0:
        return base
    if a.nnz > max_nnz:
        return None
    m, nd = cover.shape[0], a.shape[0]
    # variables: x (m candidates), y (nd demand sets); y_i - sum_j a_ij x_j <= 0; sum x <= k
    top = hstack([-a, identity(nd, format="csr")])
    last = hstack([csr_matrix(np.ones((1, m))), csr_matrix((1, nd))])
    res = linprog(np.concatenate([np.zeros(m), -wy]), A_ub=vstack([top, last]).tocsr(),
                  b_ub=np.concatenate([np.zeros(nd), [k]]), bounds=(0, 1), method="highs")
    if not res.success:
        return None
    return base + float(-res.fun)


def assign_to_units(points, unit_geoms):
    """Index of the unit polygon holding each point (-1 if none; the first unit on overlaps)."""
    out = np.full(len(points), -1, dtype=np.int64)
    pi, ui = intersecting_pairs(points, unit_geoms)
    if len(pi):
        order = np.lexsort((ui, pi))
        pi, ui = pi[order], ui[order]
        first = np.ones(len(pi), dtype=bool)
        first[1:] = pi[1:] != pi[:-1]
        out[pi[first]] = ui[first]
    return out


def unit_table(n_units, demand_unit, persons, covered_persons, facility_unit, capacity):
    """Per unit: population, covered, coverage_pct, capacity, deficit (= max(0, population - capacity))."""
    ok = demand_unit >= 0
    pop = np.bincount(demand_unit[ok], weights=persons[ok], minlength=n_units)
    cov = np.bincount(demand_unit[ok], weights=covered_persons[ok], minlength=n_units)
    cap = np.nan_to_num(np.asarray(capacity, dtype=float), nan=0.0)
    fok = facility_unit >= 0
    capu = np.bincount(facility_unit[fok], weights=cap[fok], minlength=n_units)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(pop > 0, 100.0 * cov / pop, np.nan)
    return pd.DataFrame({"population": pop, "covered": cov, "coverage_pct": pct, "capacity": capu,
                         "deficit": np.maximum(pop - capu, 0.0)})


def service_areas(net, node_dist, node_facility, limit_m, n_facilities, buffer_m=25.0, edge_mask=None, feedback=None):
    """Walking service area per facility: the street parts within ``limit_m`` of it (nearest
    facility partition), buffered by ``buffer_m`` and dissolved. Returns a list of
    (Multi)Polygons (None where a facility reaches nothing)."""
    from shapely.ops import substring

    du = node_dist[net.edge_u]
    dv = node_dist[net.edge_v]
    length = net.edge_length
    passable = np.ones(net.n_edges, dtype=bool) if edge_mask is None else np.asarray(edge_mask, dtype=bool)
    lu = np.clip(limit_m - du, 0.0, length)
    lv = np.clip(limit_m - dv, 0.0, length)
    fu = node_facility[net.edge_u]
    fv = node_facility[net.edge_v]
    whole = passable & (lu + lv >= length) & ((lu > 0) | (lv > 0))
    pieces, owner = [], []
    # fully reached edges belong to the facility of the nearer end
    w = np.flatnonzero(whole)
    pieces.append(net.edge_geom[w])
    owner.append(np.where(du[w] <= dv[w], fu[w], fv[w]))
    part = np.flatnonzero(passable & ~whole & ((lu > 0) | (lv > 0)))
    extra_geo, extra_own = [], []
    for k, e in enumerate(part):
        if k % 2000 == 0:
            check_cancel(feedback)
        g = net.edge_geom[e]
        if lu[e] > 0:
            extra_geo.append(substring(g, 0.0, lu[e]))
            extra_own.append(fu[e])
        if lv[e] > 0:
            extra_geo.append(substring(g, length[e] - lv[e], length[e]))
            extra_own.append(fv[e])
    pieces.append(np.asarray(extra_geo, dtype=object))
    owner.append(np.asarray(extra_own, dtype=np.int64))
    geoms = np.concatenate(pieces)
    own = np.concatenate(owner).astype(np.int64)
    keep = own >= 0
    geoms, own = geoms[keep], own[keep]
    buffered = shapely.buffer(geoms, buffer_m, quad_segs=4)
    out = [None] * n_facilities
    order = np.argsort(own, kind="stable")
    own_s, geo_s = own[order], buffered[order]
    starts = np.flatnonzero(np.r_[True, own_s[1:] != own_s[:-1]]) if len(own_s) else np.zeros(0, dtype=int)
    ends = np.r_[starts[1:], len(own_s)]
    for s0, s1 in zip(starts, ends):
        check_cancel(feedback)
        out[int(own_s[s0])] = shapely.union_all(geo_s[s0:s1])
    return out
