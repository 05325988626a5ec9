"""Benchmark: resilience:evacuationplan (the transportation LP beside greedy) on a synthetic street grid.

The grid of bench/case_coverage.py (50 m blocks, EPSG:32650); a band of hazard zones across the city
(level 2: evacuate, with level-3 cores whose streets are closed); demand points on the streets with
1-50 persons; shelters on street corners with capacities that add up to about 1.2 x the persons who
must move. There is no QGIS-native chain that solves a capacitated assignment, so ``native_s`` is NA;
``same`` checks the LP optimum against networkx's max-flow-min-cost on the same origin-shelter pairs
(only at the small size, where networkx finishes in seconds).

Sizes: ``evacuation_small`` (3,120 edges), ``evacuation_medium`` (19,800 edges, 20,000 points,
200 shelters); ``evacuation_full`` (the issue's size: 100,000 origins who must move x 500 shelters x
200,000 edges) only without ``--quick`` (target < 60 s; heavy on a shared 2-core machine). The full case
is a flooded city (:func:`flood_case`): 40 level-2 flood boxes of 300-900 m half-width with level-3 cores
(closed streets) over the whole grid, 100,000 evacuees on the streets inside them plus 20,000 residents
outside who stay, and the 500 shelters on corners outside the water within 800 m of it (where a planner
would put them), capacities 1.2 x the evacuees in total. Its ``same`` is checked on a subset: the
evacuees and shelters of one 3 km window, solved by our core and by networkx max-flow-min-cost. The full
case also prints where the core's time goes and times the previous LP formulations on the same pairs
(:func:`breakdown`), and its ``python_s`` is what a Python user would write (:func:`python_alternative`:
scipy's Dijkstra, then ``linprog`` on all pairs), ``python_same`` its persons placed and person-metres
against ours to 1e-6 relative.
"""

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.case_coverage import STEP, X0, Y0, grid_case  # noqa: E402 - after the path set-up
from bench.common import qgis_session, report, write_layer  # noqa: E402

LIMIT_M = 1000.0


def hazard(n_side, seed=1):
    """Level-2 boxes across the middle third of the city, each with a level-3 core."""
    import shapely

    rng = np.random.default_rng(seed)
    size = n_side * STEP
    boxes, levels = [], []
    for _ in range(max(3, n_side // 10)):
        cx, cy = X0 + rng.uniform(0.1, 0.9) * size, Y0 + rng.uniform(0.35, 0.65) * size
        r = rng.uniform(0.04, 0.1) * size
        boxes += [
            shapely.box(cx - r, cy - r, cx + r, cy + r),
            shapely.box(cx - r / 3, cy - r / 3, cx + r / 3, cy + r / 3),
        ]
        levels += [2, 3]
    return np.array(boxes, dtype=object), np.array(levels, dtype=float)


def flood(n_side, n_boxes=40, seed=1):
    """Level-2 flood boxes (half-width 300-900 m) anywhere in the city, each with a level-3 core."""
    import shapely

    rng = np.random.default_rng(seed)
    size = n_side * STEP
    boxes, levels = [], []
    for _ in range(n_boxes):
        cx, cy = X0 + rng.uniform(0.05, 0.95) * size, Y0 + rng.uniform(0.05, 0.95) * size
        r = rng.uniform(300.0, 900.0)
        q = r / 4
        boxes += [shapely.box(cx - r, cy - r, cx + r, cy + r), shapely.box(cx - q, cy - q, cx + q, cy + q)]
        levels += [2, 3]
    return np.array(boxes, dtype=object), np.array(levels, dtype=float)


def flood_case(n_side, n_fac, n_move, n_stay, seed=3):
    """(roads, shelters, capacity, demand, persons, zones, levels) of the flooded city (module doc)."""
    import shapely

    from resilience_plugin.core import evacuation as ev

    zones, levels = flood(n_side)
    roads, corners, dem = grid_case(n_side, n_side * n_side, 4 * n_move, seed=seed)
    lv = ev.zone_level(dem, zones, levels)
    dem = np.concatenate([dem[np.flatnonzero(lv >= 2)[:n_move]], dem[np.flatnonzero(lv < 2)[:n_stay]]])
    rng = np.random.default_rng(seed + 1)
    near = shapely.STRtree(zones[levels >= 2]).query(corners, predicate="dwithin", distance=800.0)[0]
    dry = np.flatnonzero(ev.zone_level(corners, zones, levels) < 2)
    fac = corners[rng.choice(np.intersect1d(np.unique(near), dry), n_fac, replace=False)]
    persons = rng.integers(1, 51, len(dem)).astype(float)
    cap = np.round(rng.uniform(0.5, 1.5, n_fac) * 1.2 * persons[:n_move].sum() / n_fac)
    return roads, fac, cap, dem, persons, zones, levels


def case(name, n_side, n_fac, n_dem, check=False, full=False):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    from resilience_plugin.core import evacuation as ev

    if full:
        roads, fac, cap, dem, persons, zones, levels = flood_case(n_side, n_fac, n_dem, n_dem // 5)
        moving = ev.zone_level(dem, zones, levels) >= 2
    else:
        roads, fac, dem = grid_case(n_side, n_fac, n_dem, seed=3)
        zones, levels = hazard(n_side)
        rng = np.random.default_rng(4)
        persons = rng.integers(1, 51, len(dem)).astype(float)
        moving = ev.zone_level(dem, zones, levels) >= 2
        cap = np.round(rng.uniform(0.5, 1.5, len(fac)) * 1.2 * persons[moving].sum() / len(fac))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        params = {
            "SHELTERS": write_layer(folder / "fac.gpkg", fac, {"cap": cap}),
            "CAPACITY_FIELD": "cap",
            "DEMAND": write_layer(folder / "dem.gpkg", dem, {"pop": persons}),
            "POPULATION_FIELD": "pop",
            "HAZARD": write_layer(folder / "hazard.gpkg", zones, {"level": levels}),
            "EVACUATE_LEVEL": 2,
            "BLOCK_LEVEL": 3,
            "ROADS": write_layer(folder / "roads.gpkg", roads),
            "MAX_DISTANCE_M": LIMIT_M,
            "SNAP_TOLERANCE_M": 0.01,
            "OUTPUT_ORIGINS": str(folder / "o.gpkg"),
            "OUTPUT_SHELTERS": str(folder / "s.gpkg"),
            "OUTPUT_FLOWS": str(folder / "f.gpkg"),
        }
        t = time.perf_counter()
        processing.run(
            "resilience:evacuationplan", params, context=QgsProcessingContext(), feedback=QgsProcessingFeedback()
        )
        ours = time.perf_counter() - t
    same = None
    if check or full:
        window = 3000.0 if full else None
        same = check_against_networkx(roads, fac, cap, dem, persons, moving, zones, levels, window=window)
    python_s = python_same = None
    if full:
        plan = breakdown(roads, fac, cap, dem, persons, moving, zones, levels)
        (placed, cost), python_s = python_alternative(roads, fac, cap, dem, persons, moving, zones, levels)
        python_same = bool(abs(placed - plan.optimal.placed) <= 1e-6 * placed
                           and abs(cost - plan.optimal.person_m) <= 1e-6 * cost)
        print(f"python alternative: placed {placed:.0f} vs {plan.optimal.placed:.0f}, person-m {cost:.1f} vs "
              f"{plan.optimal.person_m:.1f}", flush=True)
    report(name, f"{int(moving.sum())}origins_{n_fac}shelters_{len(roads)}edges", ours, None, same,
           python_s=python_s, python_same=python_same)


def breakdown(roads, fac, cap, dem, persons, moving, zones, levels):
    """Where the core's time goes (printed), and the previous LP formulations on the same pairs in the same
    run: the reward LP (dual simplex) for the plan, the LP with a dense ``sum x = placed`` row (interior
    point) for the like-for-like comparison with greedy. Returns the core plan."""
    from resilience_plugin.core import evacuation as ev
    from resilience_plugin.core import network as nw

    times = {}
    t = time.perf_counter()
    net = nw.build_network(roads, tolerance=0.01)
    blocked = nw_blocked(net, zones[levels >= 3])
    ok = ev.zone_level(fac, zones, levels) < 2
    times["network"] = time.perf_counter() - t
    lp = ev.optimal_assignment
    greedy = ev.greedy_nearest_with_room
    calls = []

    def timed_lp(*args, **kwargs):
        t0 = time.perf_counter()
        result = lp(*args, **kwargs)
        calls.append(time.perf_counter() - t0)
        return result

    def timed_greedy(*args):
        t0 = time.perf_counter()
        result = greedy(*args)
        times["greedy"] = time.perf_counter() - t0
        return result

    ev.optimal_assignment, ev.greedy_nearest_with_room = timed_lp, timed_greedy
    try:
        t = time.perf_counter()
        plan = ev.plan_evacuation(net, dem[moving], persons[moving], fac, cap, LIMIT_M, edge_mask=~blocked,
                                  shelter_ok=ok)
        total = time.perf_counter() - t
    finally:
        ev.optimal_assignment, ev.greedy_nearest_with_room = lp, greedy
    times["lp_plan"], times["lp_at_greedy_placed"] = calls[0], calls[1] if len(calls) > 1 else 0.0
    times["snap_distances_tables"] = total - times["greedy"] - sum(calls)
    room = np.where(plan.shelters["usable"], plan.shelters["capacity"], 0.0)
    args = (plan.pair_origin, plan.pair_shelter, plan.pair_m, persons[moving], room)
    t = time.perf_counter()
    old_plan = previous_plan_lp(*args)
    old_plan_s = time.perf_counter() - t
    t = time.perf_counter()
    old_same = previous_least_walk(*args, plan.greedy.placed)
    old_same_s = time.perf_counter() - t
    print("core breakdown (s): " + ", ".join(f"{k} {v:.2f}" for k, v in times.items()), flush=True)
    now_same, now_s = plan.report["lp_person_m_at_greedy_placed"], max(times["lp_at_greedy_placed"], 1e-9)
    print(f"previous LPs on the same pairs: plan {old_plan_s:.2f} s (person-m {old_plan:.1f}, now "
          f"{plan.optimal.person_m:.1f} in {times['lp_plan']:.2f} s: {old_plan_s / times['lp_plan']:.1f}x); like for "
          f"like {old_same_s:.2f} s (person-m {old_same:.1f}, now {now_same:.1f} in "
          f"{now_s:.2f} s: {old_same_s / now_s:.1f}x)", flush=True)
    return plan


def _incidence(pair_o, pair_s, n_o, n_s):
    from scipy.sparse import coo_matrix

    m = len(pair_o)
    return coo_matrix((np.ones(2 * m), (np.r_[pair_o, n_o + pair_s], np.r_[np.arange(m), np.arange(m)])),
                      shape=(n_o + n_s, m)).tocsr()


def previous_plan_lp(pair_o, pair_s, pair_m, persons, room):
    """The previous session's plan LP (person-metres): ``sum (walk - P) x`` with a reward ``P`` ten times the
    longest walk, HiGHS dual simplex on all pairs (its maximum flow is exact and took 0.2 s; not timed here)."""
    from scipy.optimize import linprog

    a = _incidence(pair_o, pair_s, len(persons), len(room))
    res = linprog(pair_m - (10.0 * pair_m.max() + 1.0), A_ub=a, b_ub=np.r_[persons, room], bounds=(0, None),
                  method="highs-ds")
    return float(res.x @ pair_m)


def previous_least_walk(pair_o, pair_s, pair_m, persons, room, placed):
    """The previous like-for-like LP: least person-metres with a dense ``sum x = placed`` row, interior point."""
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    a = _incidence(pair_o, pair_s, len(persons), len(room))
    res = linprog(pair_m, A_ub=a, b_ub=np.r_[persons, room], A_eq=csr_matrix(np.ones((1, len(pair_m)))), b_eq=[placed],
                  bounds=(0, None), method="highs-ipm")
    return float(res.fun)


def python_alternative(roads, fac, cap, dem, persons, moving, zones, levels, pairs_only=False):
    """What a Python user would write: the street graph from the segments' end points, scipy's ``dijkstra``
    (limited to the walk) from both ends of each shelter's street, evacuees placed on their nearest passable
    street, then scipy ``linprog`` (HiGHS) on all pairs within the limit: the most persons placed, then the
    least person-metres with ``sum x`` = that many (interior point, the faster HiGHS method here). Returns
    ((placed, person-metres), seconds). Shelters stand on corners, as in this case."""
    import shapely
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix, csr_matrix
    from scipy.sparse.csgraph import dijkstra

    t = time.perf_counter()
    tree = shapely.STRtree(roads)
    passable = np.ones(len(roads), dtype=bool)
    passable[tree.query(zones[levels >= 3], predicate="intersects")[1]] = False
    ends = shapely.get_coordinates(roads).reshape(-1, 2, 2)
    xy, node = np.unique(ends.reshape(-1, 2), axis=0, return_inverse=True)
    node = node.reshape(-1, 2)
    length = shapely.length(roads)
    u, v, w = node[passable, 0], node[passable, 1], length[passable]
    graph = coo_matrix((np.r_[w, w], (np.r_[u, v], np.r_[v, u])), shape=(len(xy), len(xy))).tocsr()
    o_pts, o_persons = dem[moving], persons[moving]
    o_edge, o_t, o_snap = on_street(roads, passable, o_pts)
    s_edge, s_t, s_snap = on_street(roads, passable, fac)
    usable = shapely.intersects(shapely.union_all(zones[levels >= 2]), fac) == 0
    rows, cols, dist = [], [], []
    for chunk in np.array_split(np.flatnonzero(usable), 10):
        starts = np.r_[node[s_edge[chunk], 0], node[s_edge[chunk], 1]]
        dd = dijkstra(graph, indices=starts, limit=LIMIT_M)
        k = len(chunk)
        from_s = np.minimum(s_t[chunk, None] + dd[:k], (length[s_edge[chunk], None] - s_t[chunk, None]) + dd[k:])
        from_s += s_snap[chunk, None]
        d = o_snap[None, :] + np.minimum(o_t[None, :] + from_s[:, node[o_edge, 0]],
                                         (length[o_edge] - o_t)[None, :] + from_s[:, node[o_edge, 1]])
        si, oi = np.nonzero(d <= LIMIT_M)
        rows.append(oi)
        cols.append(chunk[si])
        dist.append(d[si, oi])
    pair_o, pair_s, pair_m = np.concatenate(rows), np.concatenate(cols), np.concatenate(dist)
    if pairs_only:
        return pair_o, pair_s, pair_m
    a = _incidence(pair_o, pair_s, len(o_pts), len(fac))
    b = np.r_[o_persons, np.where(usable, cap, 0.0)]
    most = linprog(-np.ones(len(pair_m)), A_ub=a, b_ub=b, bounds=(0, None), method="highs-ipm")
    placed = -most.fun
    least = linprog(pair_m, A_ub=a, b_ub=b, A_eq=csr_matrix(np.ones((1, len(pair_m)))), b_eq=[placed], bounds=(0, None),
                    method="highs-ipm")
    elapsed = time.perf_counter() - t
    print(f"python alternative: {len(pair_m)} pairs; {elapsed:.2f} s; HiGHS: {most.message} / {least.message}",
          flush=True)
    return (placed, float(least.fun)), elapsed


def on_street(roads, passable, points):
    """Each point's nearest passable street (ties, e.g. a point in a closed block as far from two streets,
    go to the first street), the distance along it from its first vertex and the distance to it."""
    import shapely

    ok = np.flatnonzero(passable)
    (pi, ti), dd = shapely.STRtree(roads[ok]).query_nearest(points, return_distance=True, all_matches=True)
    order = np.lexsort((ti, dd, pi))
    first = order[np.r_[True, pi[order][1:] != pi[order][:-1]]]
    edge, snap = ok[ti[first]], dd[first]
    return edge, shapely.line_locate_point(roads[edge], points), snap


def check_against_networkx(roads, fac, cap, dem, persons, moving, zones, levels, window=None):
    """Our core plan vs networkx max-flow-min-cost on the same pairs; with ``window`` (m), only the
    evacuees and shelters of a window x window square in the middle of the city (the whole network)."""
    import shapely

    from resilience_plugin.core import evacuation as ev
    from resilience_plugin.core import network as nw

    net = nw.build_network(roads, tolerance=0.01)
    blocked = nw_blocked(net, zones[levels >= 3])
    ok = ev.zone_level(fac, zones, levels) < 2
    take_o, take_s = moving.copy(), np.ones(len(fac), dtype=bool)
    if window is not None:
        bounds = shapely.total_bounds(roads)
        cx, cy = (bounds[0] + bounds[2]) / 2.0, (bounds[1] + bounds[3]) / 2.0
        box = shapely.box(cx - window / 2, cy - window / 2, cx + window / 2, cy + window / 2)
        take_o &= shapely.intersects(box, dem)
        take_s = shapely.intersects(box, fac)
    plan = ev.plan_evacuation(net, dem[take_o], persons[take_o], fac[take_s], cap[take_s], LIMIT_M, edge_mask=~blocked,
                              shelter_ok=ok[take_s])
    placed, cost = nx_reference(plan, persons[take_o], cap[take_s])
    print(f"networkx check: {int(take_o.sum())} evacuees, {int(take_s.sum())} shelters, {len(plan.pair_m)} pairs; "
          f"placed {placed} vs {plan.optimal.placed:.0f}, person-m {cost:.0f} vs {plan.optimal.person_m:.0f}",
          flush=True)
    return bool(abs(placed - plan.optimal.placed) < 1e-6 and abs(cost - plan.optimal.person_m) <= 0.01 * placed)


def nw_blocked(net, zones):
    from resilience_plugin.core import coverage as cv

    return cv.edges_in_zones(net, zones)


def nx_reference(plan, persons, cap):
    """networkx max-flow-min-cost on the LP's pairs (integer persons, costs in centimetres)."""
    import networkx as nx

    g = nx.DiGraph()
    for o, s, d in zip(plan.pair_origin, plan.pair_shelter, plan.pair_m):
        g.add_edge(("o", int(o)), ("s", int(s)), weight=int(round(d * 100)), capacity=10**9)
    for o in set(plan.pair_origin.tolist()):
        g.add_edge("src", ("o", o), weight=0, capacity=int(persons[o]))
    for s in set(plan.pair_shelter.tolist()):
        g.add_edge(("s", s), "sink", weight=0, capacity=int(cap[s]))
    flow = nx.max_flow_min_cost(g, "src", "sink")
    return sum(flow["src"].values()), nx.cost_of_flow(g, flow) / 100.0


def run(quick):
    qgis_session()
    case("evacuation_small", 40, 30, 2000, check=True)
    if quick:
        return
    case("evacuation_medium", 100, 200, 20000)
    case("evacuation_full", 317, 500, 100000, full=True)


if __name__ == "__main__":
    run("--quick" in sys.argv)
