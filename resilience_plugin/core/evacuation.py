"""Evacuation and resettlement plan (人口转移安置): who must move, and to which shelter.

Who must move: the persons at demand points inside hazard zones of level >= ``evacuate_level``
(a point takes the highest level of the zones it touches).

Where they go: shelters with a capacity, usable (outside the hazard, on a passable street), within
the walking limit over the street network with the blocked streets closed. Distances are the
network walking metres of :mod:`.network` (snap + along the streets + snap), computed once for all
origin-shelter pairs within the limit (one limited Dijkstra per shelter, local to the shelter).

Two assignments over those pairs:

* **optimal** (a transportation LP, HiGHS in ``scipy.optimize.linprog``, sparse constraints):
  first the largest number of persons that can be placed (capacities and walking limit hold; an
  exact maximum flow, ``scipy.sparse.csgraph.maximum_flow``, for whole persons), then, with that many
  placed, the least total person-metres: the maximum flow's minimum cut splits this exactly into two
  ordinary transportation LPs, shelters filled on one side, origins placed in full on the other (see
  :func:`optimal_assignment`). ``x[p]`` persons on pair ``p``;
  ``sum_p(o) x <= persons[o]`` per origin, ``sum_p(s) x <= capacity[s]`` per shelter.
* **greedy** "nearest with room", as the plugin's capacitated coverage does it: every origin with
  persons left asks its nearest open shelter; a shelter takes its askers nearest first until full;
  full shelters close and the rest ask again.

The LP is also solved with exactly the greedy number of persons placed, so the two totals are
compared like for like (``lp_person_m_at_greedy_placed`` <= ``greedy_person_m`` always).

Main API::

    level = zone_level(points, zone_geoms, zone_levels)
    cap, counts = clean_capacity(values)         # NULL / negative / text -> NaN, counted
    plan = plan_evacuation(net, origins, persons, shelters, capacity, limit_m, edge_mask=..., ...)
    table = unit_summary(n_units, origin_unit, origin_level, plan, shelter_unit, levels)
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from . import coverage as cv
from . import network as nw
from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel, report_progress

EPS = 1e-6  # persons: smaller flows are rounding noise

# why an origin's persons (or some of them) were not placed
REASON_PLACED = "placed"
REASON_NOT_ON_NETWORK = "not_on_network"
REASON_NO_SHELTER = "no_shelter_in_reach"
REASON_FULL = "shelters_full"
REASONS = (REASON_PLACED, REASON_NOT_ON_NETWORK, REASON_NO_SHELTER, REASON_FULL)


def zone_level(points, zone_geoms, zone_levels):
    """Highest level of the zones each geometry intersects (0 where none; NaN levels are ignored)."""
    points = np.asarray(points, dtype=object)
    out = np.zeros(len(points))
    levels = np.asarray(zone_levels, dtype=float)
    ok = np.isfinite(levels)
    zones = np.asarray(zone_geoms, dtype=object)[ok]
    levels = levels[ok]
    if len(points) == 0 or len(zones) == 0:
        return out
    parts, owner = shapely.get_parts(zones, return_index=True)
    tree = shapely.STRtree(points)
    zi, pi = tree.query(parts, predicate="intersects")
    np.maximum.at(out, pi, levels[owner[zi]])
    return out


def clean_capacity(values):
    """Capacities as float, NaN where NULL, negative or not a number (text).

    Returns ``(capacity, counts)`` with counts ``null``, ``text``, ``negative``, ``zero``.
    """
    cap, counts = cv.clean_capacity(values)
    series = pd.Series(list(values), dtype=object)
    number = pd.to_numeric(series, errors="coerce")
    text = series.map(lambda v: isinstance(v, str) and v.strip() != "").to_numpy(dtype=bool) & number.isna().to_numpy()
    counts["text"] = int(text.sum())
    counts["null"] -= counts["text"]
    return cap, counts


@dataclass
class Assignment:
    """One assignment over the origin-shelter pairs."""

    flow: np.ndarray  # persons per pair
    placed: float
    person_m: float  # sum of persons x walking metres

    @property
    def mean_walk_m(self):
        return self.person_m / self.placed if self.placed > 0 else float("nan")


@dataclass
class EvacuationPlan:
    pair_origin: np.ndarray  # origin index per reachable pair (within the limit)
    pair_shelter: np.ndarray  # shelter index per pair
    pair_m: np.ndarray  # walking metres per pair
    optimal: Assignment
    greedy: Assignment
    origins: pd.DataFrame  # persons, placed, unplaced, shelter, walk_m, max_walk_m, n_shelters, reason, greedy_*
    shelters: pd.DataFrame  # capacity, usable, snap_m, load, load_ratio, greedy_load
    report: dict = field(default_factory=dict)


def plan_evacuation(net, origins, persons, shelters, capacity, limit_m, *, edge_mask=None, shelter_ok=None,
                    max_snap_m=None, feedback=None):
    """Assign ``persons`` at ``origins`` (points) to ``shelters`` (points, ``capacity`` each).

    ``edge_mask``: passable edges (False = blocked); ``shelter_ok``: False = out of service (e.g. in
    the hazard); ``capacity``: NaN = unknown (the shelter is not used); ``limit_m``: walking limit.
    See the module doc for the method. Returns an :class:`EvacuationPlan`.
    """
    origins = np.asarray(origins, dtype=object)
    shelters = np.asarray(shelters, dtype=object)
    persons = np.nan_to_num(np.asarray(persons, dtype=float), nan=0.0)
    n_o, n_s = len(origins), len(shelters)
    capacity = np.full(n_s, np.nan) if capacity is None else np.asarray(capacity, dtype=float)
    shelter_ok = np.ones(n_s, dtype=bool) if shelter_ok is None else np.asarray(shelter_ok, dtype=bool)
    fsnap = nw.snap_points(net, shelters, max_distance=max_snap_m, edge_mask=edge_mask)
    osnap = nw.snap_points(net, origins, max_distance=max_snap_m, edge_mask=edge_mask)
    aug = nw.insert_points(net, [fsnap, osnap], edge_mask)
    s_nodes, o_nodes = aug.point_node[:n_s], aug.point_node[n_s:]
    has_cap = np.isfinite(capacity) & (capacity > 0)
    usable = shelter_ok & has_cap & (s_nodes >= 0)
    report = {
        "origins": n_o, "persons": float(persons.sum()),
        "origins_not_snapped": int((o_nodes < 0).sum()), "persons_not_snapped": float(persons[o_nodes < 0].sum()),
        "shelters_out_of_service": int((~shelter_ok).sum()),
        "shelters_without_capacity": int((shelter_ok & ~has_cap).sum()),
        "shelters_not_snapped": int((shelter_ok & has_cap & (s_nodes < 0)).sum()),
        "shelters_usable": int(usable.sum()), "capacity_usable": float(capacity[usable].sum()),
    }
    check_cancel(feedback, 10)
    use_idx = np.flatnonzero(usable)
    if len(use_idx) and n_o:
        sp = nw.distances_from_each(aug.matrix, s_nodes[use_idx], o_nodes, limit_m, offsets=fsnap.distance[use_idx],
                                    target_offsets=osnap.distance, node_xy=aug.node_xy).tocoo()
        keep = persons[sp.col] > 0
        pair_s = use_idx[sp.row[keep]].astype(np.int64)
        pair_o = sp.col[keep].astype(np.int64)
        pair_m = np.maximum(sp.data[keep] - 1e-9, 0.0)
    else:
        pair_s = pair_o = np.zeros(0, dtype=np.int64)
        pair_m = np.zeros(0)
    order = np.lexsort((pair_s, pair_o))
    pair_s, pair_o, pair_m = pair_s[order], pair_o[order], pair_m[order]
    report["pairs"] = int(len(pair_o))
    check_cancel(feedback, 40)
    room = np.where(usable, np.nan_to_num(capacity, nan=0.0), 0.0)
    greedy = greedy_nearest_with_room(pair_o, pair_s, pair_m, persons, room)
    check_cancel(feedback, 50)
    optimal = optimal_assignment(pair_o, pair_s, pair_m, persons, room)
    report_progress(feedback, 80)
    if greedy.placed < optimal.placed - EPS:
        same = optimal_assignment(pair_o, pair_s, pair_m, persons, room, placed=greedy.placed)
        report["lp_person_m_at_greedy_placed"] = same.person_m
    else:
        report["lp_person_m_at_greedy_placed"] = optimal.person_m
    check_cancel(feedback, 90)
    report.update(lp_placed=optimal.placed, lp_person_m=optimal.person_m, greedy_placed=greedy.placed,
                  greedy_person_m=greedy.person_m)
    report["saved_person_m"] = greedy.person_m - report["lp_person_m_at_greedy_placed"]
    report["saved_pct"] = 100.0 * report["saved_person_m"] / greedy.person_m if greedy.person_m > 0 else 0.0
    report["lp_unplaced"] = float(persons.sum() - optimal.placed)
    report["greedy_unplaced"] = float(persons.sum() - greedy.placed)

    o_table = _origin_table(pair_o, pair_s, pair_m, optimal.flow, persons, o_nodes >= 0)
    g_table = _origin_table(pair_o, pair_s, pair_m, greedy.flow, persons, o_nodes >= 0)
    for name in ("placed", "shelter", "walk_m"):
        o_table["greedy_" + name] = g_table[name].to_numpy()
    load = np.bincount(pair_s, weights=optimal.flow, minlength=n_s)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(has_cap, load / capacity, np.nan)
    s_table = pd.DataFrame({"capacity": capacity, "usable": usable, "snap_m": fsnap.distance, "load": load,
                            "load_ratio": ratio, "greedy_load": np.bincount(pair_s, weights=greedy.flow, minlength=n_s)})
    return EvacuationPlan(pair_o, pair_s, pair_m, optimal, greedy, o_table, s_table, report)


def _origin_table(pair_o, pair_s, pair_m, flow, persons, snapped):
    n_o = len(persons)
    used = flow > EPS
    placed = np.bincount(pair_o, weights=flow, minlength=n_o)
    walk_sum = np.bincount(pair_o, weights=flow * pair_m, minlength=n_o)
    n_shel = np.bincount(pair_o[used], minlength=n_o)
    max_walk = np.full(n_o, np.nan)
    if used.any():
        np.fmax.at(max_walk, pair_o[used], pair_m[used])
    # main shelter: the one that takes most of the origin's persons (pairs are sorted by origin)
    main = np.full(n_o, -1, dtype=np.int64)
    idx = np.flatnonzero(used)
    if len(idx):
        order = np.lexsort((pair_m[idx], -flow[idx], pair_o[idx]))
        idx = idx[order]
        first = np.r_[True, pair_o[idx][1:] != pair_o[idx][:-1]]
        main[pair_o[idx][first]] = pair_s[idx][first]
    unplaced = np.maximum(persons - placed, 0.0)
    unplaced[unplaced <= EPS * np.maximum(persons, 1.0)] = 0.0
    has_pair = np.bincount(pair_o, minlength=n_o) > 0
    reason = np.full(n_o, REASON_PLACED, dtype=object)
    left = unplaced > 0
    reason[left & has_pair] = REASON_FULL
    reason[left & ~has_pair] = REASON_NO_SHELTER
    reason[left & ~np.asarray(snapped, dtype=bool)] = REASON_NOT_ON_NETWORK
    with np.errstate(divide="ignore", invalid="ignore"):
        walk = np.where(placed > EPS, walk_sum / placed, np.nan)
    return pd.DataFrame({"persons": persons, "placed": placed, "unplaced": unplaced, "shelter": main, "walk_m": walk,
                         "max_walk_m": max_walk, "n_shelters": n_shel, "reason": reason, "person_m": walk_sum})


def greedy_nearest_with_room(pair_o, pair_s, pair_m, persons, room):
    """The "nearest with room" assignment over the pairs (see the module doc). ``room``: capacity
    per shelter (0 = closed). Ties go to the lower shelter / origin index."""
    n_s = len(room)
    remaining = np.asarray(persons, dtype=float).copy()
    room = np.asarray(room, dtype=float).copy()
    cap = room.copy()
    open_ = room > EPS
    flow = np.zeros(len(pair_o))
    while open_.any():
        idx = np.flatnonzero(open_[pair_s] & (remaining[pair_o] > EPS))
        if len(idx) == 0:
            break
        idx = idx[np.lexsort((pair_s[idx], pair_m[idx], pair_o[idx]))]
        first = np.r_[True, pair_o[idx][1:] != pair_o[idx][:-1]]
        pick = idx[first]  # each asking origin's nearest open shelter
        pick = pick[np.lexsort((pair_o[pick], pair_m[pick], pair_s[pick]))]
        s = pair_s[pick]
        rem = remaining[pair_o[pick]]
        cs = np.cumsum(rem)
        start = np.r_[True, s[1:] != s[:-1]]
        before = (cs - rem) - (cs - rem)[start][np.cumsum(start) - 1]
        take = np.clip(room[s] - before, 0.0, rem)
        flow[pick] += take
        remaining[pair_o[pick]] -= take
        room -= np.bincount(s, weights=take, minlength=n_s)
        full = open_ & (room <= 1e-9 * np.maximum(cap, 1.0))
        if not full.any():
            break  # every asking origin was served in full
        open_ &= ~full
    placed = float(flow.sum())
    return Assignment(flow, placed, float(flow @ pair_m))


def optimal_assignment(pair_o, pair_s, pair_m, persons, room, placed=None):
    """The transportation LP over the pairs (HiGHS). Without ``placed``: the most persons placed,
    then the least person-metres for that many; with ``placed``: the least person-metres placing
    exactly that many (used to compare with another plan).

    Without ``placed`` the problem is a min-cost maximum flow (source -> origins -> shelters -> sink), and a
    minimum cut splits it exactly into two ordinary transportation problems (:func:`_min_cut`): on the
    source side, shelters that are full in every maximum flow, filled by origins that may keep persons;
    on the sink side, origins placed in full in every maximum flow, sent to shelters that may keep room;
    pairs from a sink-side origin to a source-side shelter carry nobody in any maximum flow. Each side is
    one LP (:func:`_transport_lp`), with no reward weighing persons against metres. With ``placed`` the unplaced persons go to a dummy
    shelter at no cost whose capacity is what may stay unplaced (:func:`_least_walk`).
    """
    m = len(pair_o)
    if m == 0:
        return Assignment(np.zeros(0), 0.0, 0.0)
    pair_o = np.asarray(pair_o, dtype=np.int64)
    pair_s = np.asarray(pair_s, dtype=np.int64)
    cost = np.asarray(pair_m, dtype=float)
    persons = np.asarray(persons, dtype=float)
    room = np.asarray(room, dtype=float)
    if placed is None:
        x = _most_placed_least_walk(pair_o, pair_s, cost, persons, room)
    else:
        x = _least_walk(pair_o, pair_s, cost, persons, room, placed)
    flow = np.maximum(x, 0.0)
    flow[flow < 1e-9] = 0.0
    return Assignment(flow, float(flow.sum()), float(flow @ cost))


def _most_placed_least_walk(pair_o, pair_s, cost, persons, room):
    cut = _min_cut(pair_o, pair_s, persons, room)
    if cut is None:
        return _reward_lp(pair_o, pair_s, cost, persons, room)
    o_src, s_src = cut
    x = np.zeros(len(pair_o))
    side_a = o_src[pair_o]  # source side: its shelters are filled exactly
    side_b = ~o_src[pair_o] & ~s_src[pair_s]  # sink side: its origins are placed in full
    for part, origin_eq in ((side_a, False), (side_b, True)):
        idx = np.flatnonzero(part)
        if len(idx) == 0:
            continue
        sol = _transport_lp(pair_o[idx], pair_s[idx], cost[idx], persons, room, origin_eq)
        if sol is None:  # numerically infeasible side (fractional persons): the one-LP formulation
            return _reward_lp(pair_o, pair_s, cost, persons, room)
        x[idx] = sol
    return x


def _min_cut(pair_o, pair_s, persons, room):
    """A minimum cut of the flow network source -> origins -> shelters -> sink: ``(origin_on_source_side,
    shelter_on_source_side)`` (boolean per origin / shelter), or None when it cannot be certified.

    Whole persons and capacities: scipy's exact maximum flow, then the nodes the source still reaches in
    the residual network. Otherwise the dual of the maximum-flow LP (HiGHS, a vertex, so 0/1 up to rounding),
    accepted only if the rounded cut is a cut whose capacity equals the LP's maximum flow."""
    n_o, n_s = len(persons), len(room)
    whole = np.all(persons == np.round(persons)) and np.all(room == np.round(room))
    if whole and persons.sum() < 2**31 - 1 and room.sum() < 2**31 - 1:
        return _residual_cut(pair_o, pair_s, persons, room)
    from scipy.optimize import linprog

    a = _incidence(pair_o, pair_s, n_o, n_s)
    res = linprog(-np.ones(len(pair_o)), A_ub=a, b_ub=np.concatenate([persons, room]), bounds=(0, None), method="highs-ipm")
    if not res.success:
        return None
    dual = -np.asarray(res.ineqlin.marginals)
    o_cut = dual[:n_o] > 0.5  # origin on the sink side (its source arc cut)
    s_cut = dual[n_o:] > 0.5  # shelter on the source side (its sink arc cut)
    flow = -float(res.fun)
    capacity = float(persons[o_cut].sum() + room[s_cut].sum())
    if np.any(~o_cut[pair_o] & ~s_cut[pair_s]) or abs(capacity - flow) > 1e-9 * max(flow, 1.0):
        return None
    return ~o_cut, s_cut


def _residual_cut(pair_o, pair_s, persons, room):
    from scipy.sparse import coo_matrix, csr_matrix
    from scipy.sparse.csgraph import breadth_first_order, maximum_flow

    n_o, n_s = len(persons), len(room)
    src, sink = n_o + n_s, n_o + n_s + 1
    n = n_o + n_s + 2
    origins = np.unique(pair_o)
    shelters = np.unique(pair_s)
    big = int(min(persons.sum(), 2**31 - 1))
    rows = np.concatenate([np.full(len(origins), src), pair_o, n_o + shelters])
    cols = np.concatenate([origins, n_o + pair_s, np.full(len(shelters), sink)])
    caps = np.concatenate([persons[origins], np.full(len(pair_o), big), room[shelters]]).astype(np.int32)
    graph = csr_matrix((caps, (rows, cols)), shape=(n, n))
    graph.sum_duplicates()
    graph.eliminate_zeros()
    flow = maximum_flow(graph, src, sink, method="dinic").flow.tocsr()
    g = graph.tocoo()
    f = np.asarray(flow[g.row, g.col]).ravel()
    fwd = g.data > f
    back = f > 0
    residual = coo_matrix((np.ones(int(fwd.sum() + back.sum())), (np.r_[g.row[fwd], g.col[back]], np.r_[g.col[fwd], g.row[back]])),
                          shape=(n, n)).tocsr()
    reach = np.zeros(n, dtype=bool)
    reach[breadth_first_order(residual, src, directed=True, return_predecessors=False)] = True
    return reach[:n_o], reach[n_o:n_o + n_s]


def _incidence(pair_o, pair_s, n_o, n_s):
    """The (origins + shelters) x pairs 0/1 matrix, built at once with numpy."""
    from scipy.sparse import csr_matrix

    m = len(pair_o)
    cols = np.arange(m)
    return csr_matrix((np.ones(2 * m), (np.concatenate([pair_o, n_o + pair_s]), np.concatenate([cols, cols]))), shape=(n_o + n_s, m))


def _transport_lp(pair_o, pair_s, cost, persons, room, origin_eq):
    """The least person-metres on these pairs, each origin's persons placed in full (``origin_eq``) or
    each shelter filled exactly (otherwise); None if HiGHS finds it infeasible. The dual simplex on all
    the pairs at once: on the 100 000-evacuee bench it took 10 s of CPU, against 21 s for the interior point
    and 16-19 s for column generation from each origin's 2-3 nearest shelters (priced with the duals)."""
    from scipy.optimize import linprog

    uo, oi = np.unique(pair_o, return_inverse=True)
    us, si = np.unique(pair_s, return_inverse=True)
    n_o, n_s = len(uo), len(us)
    a = _incidence(oi, si, n_o, n_s)
    a_orig, a_shel = a[:n_o], a[n_o:]
    if origin_eq:
        res = linprog(cost, A_ub=a_shel, b_ub=room[us], A_eq=a_orig, b_eq=persons[uo], bounds=(0, None), method="highs-ds")
    else:
        res = linprog(cost, A_ub=a_orig, b_ub=persons[uo], A_eq=a_shel, b_eq=room[us], bounds=(0, None), method="highs-ds")
    if res.status == 2:
        return None
    _check(res)
    return res.x


def _reward_lp(pair_o, pair_s, cost, persons, room):
    """The one-LP formulation (used when no minimum cut is certified): the most persons placed ``F`` (an LP),
    then ``sum (walk - P) x`` with a reward ``P`` per person placed (ten times the longest walk); when its plan
    places ``F`` persons it is the least-walk plan among all that place ``F``, which is checked; otherwise
    (a reward too small for the instance) the least walk with ``F`` placed is solved directly."""
    from scipy.optimize import linprog

    n_o, n_s, m = len(persons), len(room), len(pair_o)
    a = _incidence(pair_o, pair_s, n_o, n_s)
    b = np.concatenate([persons, room])
    first = linprog(-np.ones(m), A_ub=a, b_ub=b, bounds=(0, None), method="highs-ipm")
    _check(first)
    placed = -first.fun
    reward = 10.0 * float(cost.max()) + 1.0
    res = linprog(cost - reward, A_ub=a, b_ub=b, bounds=(0, None), method="highs-ds")
    if res.success and res.x.sum() >= placed - 1e-6 * max(placed, 1.0):
        return res.x
    return _least_walk(pair_o, pair_s, cost, persons, room, placed)


def _least_walk(pair_o, pair_s, cost, persons, room, placed):
    """The least person-metres placing exactly ``placed`` persons (a hair less if that is a rounding
    above what is feasible): a transportation problem in which every origin's persons are placed in full,
    the unplaced ones at a dummy shelter reachable from every origin at no cost, whose capacity is the
    number that may stay unplaced (walks are never negative, so placing more never walks less: the
    least walk placing at least ``placed`` persons places exactly that many).

    Interior point with crossover: the dummy shelter's row, as dense as the origins, makes the dual
    simplex many times slower (the 100 000-evacuee bench: 29 s against 423 s)."""
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    uo, oi = np.unique(pair_o, return_inverse=True)
    us, si = np.unique(pair_s, return_inverse=True)
    n_o, n_s, m = len(uo), len(us), len(pair_o)
    a_o = persons[uo]
    spare = max(float(a_o.sum()) - float(placed), 0.0)
    cols = np.arange(m + n_o)
    a_orig = csr_matrix((np.ones(m + n_o), (np.concatenate([oi, np.arange(n_o)]), cols)), shape=(n_o, m + n_o))
    a_shel = csr_matrix((np.ones(m + n_o), (np.concatenate([si, np.full(n_o, n_s)]), cols)), shape=(n_s + 1, m + n_o))
    c = np.concatenate([cost, np.zeros(n_o)])
    res = linprog(c, A_ub=a_shel, b_ub=np.append(room[us], spare), A_eq=a_orig, b_eq=a_o, bounds=(0, None), method="highs-ipm")
    if not res.success:
        spare += 1e-7 * max(float(placed), 1.0)
        res = linprog(c, A_ub=a_shel, b_ub=np.append(room[us], spare), A_eq=a_orig, b_eq=a_o, bounds=(0, None), method="highs")
    _check(res)
    return res.x[:m]


def _check(res):
    if not res.success:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The assignment could not be solved ({message})."), message=res.message)


def unit_summary(n_units, origin_unit, origin_level, plan, shelter_unit, levels=()):
    """Per unit: to_move (and to_move_l<level> for each of ``levels``), placed, unplaced,
    mean_walk_m (person-weighted), max_walk_m, capacity (usable shelters inside the unit) and
    capacity_deficit = max(0, to_move - capacity), for the optimal plan."""
    o = plan.origins
    ok = origin_unit >= 0
    u = origin_unit[ok]

    def per_unit(values):
        return np.bincount(u, weights=np.asarray(values, dtype=float)[ok], minlength=n_units)

    table = pd.DataFrame({"to_move": per_unit(o["persons"])})
    for lv in levels:
        table[f"to_move_l{int(lv)}"] = per_unit(np.where(np.asarray(origin_level) == lv, o["persons"], 0.0))
    table["placed"] = per_unit(o["placed"])
    table["unplaced"] = per_unit(o["unplaced"])
    with np.errstate(divide="ignore", invalid="ignore"):
        table["mean_walk_m"] = np.where(table["placed"] > EPS, per_unit(o["person_m"]) / table["placed"], np.nan)
    mx = np.full(n_units, np.nan)
    mw = o["max_walk_m"].to_numpy()[ok]
    np.fmax.at(mx, u, mw)
    table["max_walk_m"] = mx
    s = plan.shelters
    sok = (shelter_unit >= 0) & s["usable"].to_numpy()
    table["capacity"] = np.bincount(shelter_unit[sok], weights=s["capacity"].to_numpy()[sok], minlength=n_units)
    table["capacity_deficit"] = np.maximum(table["to_move"] - table["capacity"], 0.0)
    return table
