"""Benchmark: resilience:robustsiting (maximal covering over hazard scenarios, MILP) on the street grid of
bench/case_coverage.py.

Residents on the streets (1-50 persons each), existing shelters and candidate sites on corners, three flood
scenarios (the level-2 boxes with level-3 cores of bench/case_evacuation.py, each its own random draw); in
each scenario the streets touching a level-3 core are closed and shelters or candidates in one are out of
service. Worst-case objective, at most ``k`` new sites within a 500 m walk. ``siting_full``: 100 000
residents x 100 candidates x 3 scenarios over 200 344 edges.

There is no QGIS-native chain for a covering MILP, so ``native_s`` is NA. ``python_s`` is what a Python user
would write instead (:func:`python_alternative`): per scenario the street graph without the closed streets,
every resident on its nearest open street, scipy's ``dijkstra`` limited to 500 m from each candidate's
corner (and from the existing shelters), then the same covering programme with ``scipy.optimize.milp``.
``python_same``: the worst-case covered persons equal (the chosen sites may differ on ties) and, for our
chosen sites, the covered persons per scenario equal to the alternative's coverage of those sites.
"""

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.case_coverage import grid_case  # noqa: E402 - after the path set-up
from bench.case_evacuation import flood, on_street  # noqa: E402
from bench.common import qgis_session, read_table, report, write_layer  # noqa: E402

LIMIT_M = 500.0
BLOCK = 3
TIME_LIMIT = 600.0


def siting_case(n_side, n_dem, n_cand, n_fac, n_scen, n_boxes, seed=21):
    """(roads, residents, persons, candidates, facilities, [(zones, levels) per scenario])."""
    roads, corners, dem = grid_case(n_side, n_cand + n_fac, n_dem, seed=seed)
    rng = np.random.default_rng(seed + 1)
    persons = rng.integers(1, 51, n_dem).astype(float)
    scenarios = [flood(n_side, n_boxes, seed=seed + 10 + i) for i in range(n_scen)]
    return roads, dem, persons, corners[:n_cand], corners[n_cand:], scenarios


def run_ours(folder, roads, dem, persons, cand, fac, scenarios, k):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    params = {
        "CANDIDATES": write_layer(folder / "cand.gpkg", cand, {"name": np.array([f"c{i}" for i in range(len(cand))])}),
        "FACILITIES": write_layer(folder / "fac.gpkg", fac),
        "DEMAND": write_layer(folder / "dem.gpkg", dem, {"pop": persons}),
        "POPULATION_FIELD": "pop",
        "ROADS": write_layer(folder / "roads.gpkg", roads),
        "SCENARIOS": [write_layer(folder / f"scen{i}.gpkg", z, {"level": lv}) for i, (z, lv) in enumerate(scenarios)],
        "BLOCK_LEVEL": BLOCK,
        "MAX_NEW": k,
        "MAX_DISTANCE_M": LIMIT_M,
        "TIME_LIMIT": TIME_LIMIT,
        "SNAP_TOLERANCE_M": 0.01,
        "OUTPUT_SITES": str(folder / "sites.gpkg"),
        "OUTPUT_TABLE": str(folder / "table.gpkg"),
    }
    t = time.perf_counter()
    processing.run("resilience:robustsiting", params, context=QgsProcessingContext(), feedback=QgsProcessingFeedback())
    elapsed = time.perf_counter() - t
    sites = read_table(folder / "sites.gpkg", ["chosen"])
    table = read_table(folder / "table.gpkg", ["covered"])
    return elapsed, np.flatnonzero(sites["chosen"].astype(bool)), table["covered"].astype(float)


def _reach(graph, length, node, starts, d_edge, d_t, d_snap):
    """Which residents lie within LIMIT_M of any of the corner nodes ``starts`` (one row per start)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    rows, cols = [], []
    for chunk in np.array_split(np.arange(len(starts)), max(1, len(starts) // 20)):
        if len(chunk) == 0:
            continue
        dd = dijkstra(graph, indices=starts[chunk], limit=LIMIT_M)
        d = d_snap[None, :] + np.minimum(d_t[None, :] + dd[:, node[d_edge, 0]],
                                         (length[d_edge] - d_t)[None, :] + dd[:, node[d_edge, 1]])
        si, di = np.nonzero(d <= LIMIT_M)
        rows.append(chunk[si])
        cols.append(di)
    r, c = np.concatenate(rows), np.concatenate(cols)
    return csr_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=(len(starts), len(d_t)))


def python_coverage(roads, dem, cand, fac, scenarios):
    """Per scenario (cover: candidates x residents, covered by the existing shelters), scipy only."""
    import shapely
    from scipy.sparse import coo_matrix

    ends = shapely.get_coordinates(roads).reshape(-1, 2, 2)
    xy, node = np.unique(ends.reshape(-1, 2), axis=0, return_inverse=True)
    node = node.reshape(-1, 2)
    length = shapely.length(roads)
    lookup = {tuple(p): i for i, p in enumerate(xy)}
    c_node = np.array([lookup[tuple(p)] for p in shapely.get_coordinates(cand)])
    f_node = np.array([lookup[tuple(p)] for p in shapely.get_coordinates(fac)])
    tree = shapely.STRtree(roads)
    out = []
    for zones, levels in scenarios:
        core = zones[levels >= BLOCK]
        passable = np.ones(len(roads), dtype=bool)
        passable[tree.query(core, predicate="intersects")[1]] = False
        u, v, w = node[passable, 0], node[passable, 1], length[passable]
        graph = coo_matrix((np.r_[w, w], (np.r_[u, v], np.r_[v, u])), shape=(len(xy), len(xy))).tocsr()
        d_edge, d_t, d_snap = on_street(roads, passable, dem)
        flooded = shapely.union_all(core)
        c_ok, f_ok = ~shapely.intersects(flooded, cand), ~shapely.intersects(flooded, fac)
        cover = _reach(graph, length, node, c_node, d_edge, d_t, d_snap)
        cover = cover.multiply(c_ok[:, None].astype(np.int8)).tocsr()
        covered0 = np.asarray(_reach(graph, length, node, f_node[f_ok], d_edge, d_t, d_snap).sum(axis=0)).ravel() > 0
        out.append((cover, covered0))
    return out


def python_milp(coverage, persons, k):
    """max z  s.t. z <= base_s + sum_i w_si y_si, y_si <= sum_j a_sji x_j, sum x <= k (scipy milp, HiGHS)."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import bmat, csr_matrix, identity

    nc = coverage[0][0].shape[0]
    cols = [np.flatnonzero(~c0 & (np.asarray(cov.sum(axis=0)).ravel() > 0)) for cov, c0 in coverage]
    ny = [len(c) for c in cols]
    n_s = len(coverage)
    # variables: x (nc), y per scenario, z
    blocks = [[None] * (n_s + 2) for _ in range(2 * n_s + 1)]
    lo, hi = [], []
    for s, ((cov, c0), col) in enumerate(zip(coverage, cols)):
        blocks[2 * s][0] = -cov[:, col].T.astype(float)
        blocks[2 * s][1 + s] = identity(ny[s], format="csr")
        lo.append(np.full(ny[s], -np.inf))
        hi.append(np.zeros(ny[s]))
        blocks[2 * s + 1][1 + s] = csr_matrix(-persons[col][None, :])
        blocks[2 * s + 1][n_s + 1] = csr_matrix(np.ones((1, 1)))
        lo.append([-np.inf])
        hi.append([float(persons[c0].sum())])
    blocks[2 * n_s][0] = csr_matrix(np.ones((1, nc)))
    for s in range(n_s):
        blocks[2 * n_s][1 + s] = csr_matrix((1, ny[s]))
    blocks[2 * n_s][n_s + 1] = csr_matrix((1, 1))
    lo.append([0.0])
    hi.append([float(k)])
    a = bmat(blocks, format="csr")
    n_var = a.shape[1]
    c = np.zeros(n_var)
    c[-1] = -1.0
    integrality = np.zeros(n_var)
    integrality[:nc] = 1
    upper = np.ones(n_var)
    upper[-1] = np.inf
    res = milp(c, constraints=LinearConstraint(a, np.concatenate(lo), np.concatenate(hi)), integrality=integrality,
               bounds=Bounds(np.zeros(n_var), upper), options={"time_limit": TIME_LIMIT, "mip_rel_gap": 1e-6})
    return np.flatnonzero(res.x[:nc] > 0.5), str(res.message)


def covered_by(coverage, persons, chosen):
    return np.array([float(persons[c0 | (np.asarray(cov[chosen].sum(axis=0)).ravel() > 0)].sum())
                     for cov, c0 in coverage])


def python_alternative(roads, dem, persons, cand, fac, scenarios, k):
    t = time.perf_counter()
    coverage = python_coverage(roads, dem, cand, fac, scenarios)
    t_cover = time.perf_counter() - t
    chosen, message = python_milp(coverage, persons, k)
    elapsed = time.perf_counter() - t
    print(f"python alternative: coverage {t_cover:.2f} s, milp {elapsed - t_cover:.2f} s ({message})", flush=True)
    return coverage, chosen, elapsed


def case(name, n_side, n_dem, n_cand, n_fac, k, n_boxes):
    roads, dem, persons, cand, fac, scenarios = siting_case(n_side, n_dem, n_cand, n_fac, 3, n_boxes)
    with tempfile.TemporaryDirectory() as tmp:
        ours_s, ours_chosen, ours_per = run_ours(Path(tmp), roads, dem, persons, cand, fac, scenarios, k)
    coverage, py_chosen, python_s = python_alternative(roads, dem, persons, cand, fac, scenarios, k)
    py_per, check_per = covered_by(coverage, persons, py_chosen), covered_by(coverage, persons, ours_chosen)
    same = bool(abs(ours_per.min() - py_per.min()) <= 1e-6 * py_per.min()
                and np.allclose(ours_per, check_per, rtol=1e-9))
    print(f"{name}: worst case {ours_per.min():.0f} vs {py_per.min():.0f}; ours per scenario {ours_per.tolist()} "
          f"(alternative's coverage of our sites {check_per.tolist()}); sites {ours_chosen.tolist()} vs "
          f"{py_chosen.tolist()}", flush=True)
    size = f"{n_dem}residents_{n_cand}candidates_k{k}_3scenarios_{len(roads)}edges"
    report(name, size, ours_s, None, None, python_s=python_s, python_same=same)


def run(quick):
    qgis_session()
    case("siting_small", 60, 4000, 30, 10, 3, 6)
    if quick:
        return
    case("siting_full", 317, 100_000, 100, 50, 5, 40)


if __name__ == "__main__":
    run("--quick" in sys.argv)
