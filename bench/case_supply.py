"""Benchmark: resilience:supplyplan (supply pre-positioning) on the synthetic street grid of bench/case_coverage.py.

Shelters and depots stand on street corners (50 m blocks, EPSG:32650); each shelter holds 50-800 persons
and needs water (15 L) and food (0.6 kg) per person per day for 3 days; the depots hold about 85 % of the
need of each item between them (split at random), so every item has a shortfall and the plan must choose.
Without a distance limit every depot reaches every shelter: ``supply_full`` is 2 500 shelters x 40 depots =
100 000 depot-shelter pairs per item over 200 344 edges.

There is no QGIS-native chain that solves a transportation problem, so ``native_s`` is NA. ``python_s`` is
what a Python user would write instead (:func:`python_alternative`): the street graph from the segments'
ends, scipy's ``dijkstra`` from each depot's corner, then per item two ``linprog`` (HiGHS) runs on all pairs:
the most units delivered, then the least unit-metres with ``sum x`` = that many. ``python_same``: per item
the units delivered and the unit-metres equal to 1e-6 relative (ours read back from the written outputs:
delivered from the table, amount x km from the flows).
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
from bench.common import qgis_session, read_table, report, write_layer  # noqa: E402

NEEDS = {"water": 15.0, "food": 0.6}
DAYS = 3.0
STOCK_SHARE = 0.85


def supply_case(n_side, n_shelters, n_depots, seed=11):
    """(roads, shelter points, persons, depot points, {item: stock per depot}) on a street grid."""
    roads, corners, _ = grid_case(n_side, n_side * n_side, 0, seed=seed)
    rng = np.random.default_rng(seed + 1)
    pick = rng.choice(len(corners), n_shelters + n_depots, replace=False)
    shelters, depots = corners[pick[:n_shelters]], corners[pick[n_shelters:]]
    persons = rng.integers(50, 801, n_shelters).astype(float)
    stocks = {}
    for item, amount in NEEDS.items():
        share = rng.dirichlet(np.ones(n_depots))
        stocks[item] = np.round(share * STOCK_SHARE * persons.sum() * amount * DAYS)
    return roads, shelters, persons, depots, stocks


def run_ours(folder, roads, shelters, persons, depots, stocks):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    params = {
        "SHELTERS": write_layer(folder / "shelters.gpkg", shelters, {"persons": persons}),
        "PERSONS_FIELD": "persons",
        "DEPOTS": write_layer(folder / "depots.gpkg", depots, dict(stocks)),
        "NEEDS": ",".join(f"{k}:{v}" for k, v in NEEDS.items()),
        "DAYS": DAYS,
        "ROADS": write_layer(folder / "roads.gpkg", roads),
        "MAX_DISTANCE_KM": 0.0,
        "SNAP_TOLERANCE_M": 0.01,
        "OUTPUT_FLOWS": str(folder / "flows.gpkg"),
        "OUTPUT_TABLE": str(folder / "table.gpkg"),
    }
    t = time.perf_counter()
    processing.run("resilience:supplyplan", params, context=QgsProcessingContext(), feedback=QgsProcessingFeedback())
    elapsed = time.perf_counter() - t
    flows = read_table(folder / "flows.gpkg", ["item", "amount", "km"])
    table = read_table(folder / "table.gpkg", ["item", "delivered"])
    out = {}
    for item in NEEDS:
        f, r = flows["item"] == item, table["item"] == item
        out[item] = (float(table["delivered"][r].astype(float).sum()),
                     float((flows["amount"][f].astype(float) * flows["km"][f].astype(float)).sum() * 1000.0))
    return elapsed, out


def python_alternative(roads, shelters, persons, depots, stocks):
    """Street graph from the segments' ends, scipy ``dijkstra`` from the depots, two ``linprog`` per item.
    Returns ({item: (units delivered, unit-metres)}, seconds)."""
    import shapely
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix, csr_matrix
    from scipy.sparse.csgraph import dijkstra

    t = time.perf_counter()
    ends = shapely.get_coordinates(roads).reshape(-1, 2, 2)
    xy, node = np.unique(ends.reshape(-1, 2), axis=0, return_inverse=True)
    node = node.reshape(-1, 2)
    w = shapely.length(roads)
    graph = coo_matrix((np.r_[w, w], (np.r_[node[:, 0], node[:, 1]], np.r_[node[:, 1], node[:, 0]])),
                       shape=(len(xy), len(xy))).tocsr()
    lookup = {tuple(p): i for i, p in enumerate(xy)}
    s_node = np.array([lookup[tuple(p)] for p in shapely.get_coordinates(shelters)])
    d_node = np.array([lookup[tuple(p)] for p in shapely.get_coordinates(depots)])
    dist = dijkstra(graph, indices=d_node)[:, s_node]  # depots x shelters
    pair_d, pair_s = np.nonzero(np.isfinite(dist))
    pair_m = dist[pair_d, pair_s]
    m, n_s, n_d = len(pair_m), len(shelters), len(depots)
    a = coo_matrix((np.ones(2 * m), (np.r_[pair_s, n_s + pair_d], np.r_[np.arange(m), np.arange(m)])),
                   shape=(n_s + n_d, m)).tocsr()
    out = {}
    for item, amount in NEEDS.items():
        b = np.r_[persons * amount * DAYS, stocks[item]]
        most = linprog(-np.ones(m), A_ub=a, b_ub=b, bounds=(0, None), method="highs")
        delivered = -most.fun
        least = linprog(pair_m, A_ub=a, b_ub=b, A_eq=csr_matrix(np.ones((1, m))), b_eq=[delivered], bounds=(0, None),
                        method="highs")
        out[item] = (float(delivered), float(least.fun))
    return out, time.perf_counter() - t


def case(name, n_side, n_shelters, n_depots):
    roads, shelters, persons, depots, stocks = supply_case(n_side, n_shelters, n_depots)
    with tempfile.TemporaryDirectory() as tmp:
        ours_s, ours = run_ours(Path(tmp), roads, shelters, persons, depots, stocks)
    py, python_s = python_alternative(roads, shelters, persons, depots, stocks)
    same = True
    for item in NEEDS:
        (a_units, a_cost), (b_units, b_cost) = ours[item], py[item]
        same &= abs(a_units - b_units) <= 1e-6 * b_units and abs(a_cost - b_cost) <= 1e-6 * b_cost
        print(f"{name} {item}: delivered {a_units:.1f} vs {b_units:.1f}, unit-m {a_cost:.1f} vs {b_cost:.1f}",
              flush=True)
    size = f"{n_shelters}shelters_{n_depots}depots_{len(roads)}edges_{n_shelters * n_depots}pairs"
    report(name, size, ours_s, None, None, python_s=python_s, python_same=same)


def run(quick):
    qgis_session()
    case("supply_small", 60, 200, 10)
    if quick:
        return
    case("supply_full", 317, 2500, 40)


if __name__ == "__main__":
    run("--quick" in sys.argv)
