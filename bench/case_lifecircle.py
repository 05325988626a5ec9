"""Benchmark: resilience:lifecircle with six services vs one resilience:sheltercoverage run.

The grid of bench/case_coverage.py; six service layers of facilities on street corners (one walking
limit each: 5-15 minutes) and demand points on the streets. The issue's target is six services within
2 x a single coverage run on the same network; ``native_s`` here is that single coverage run (mode 0,
one facility layer, 10 minutes), so ``ratio`` = coverage / life circle (>= 0.5 meets the target).
``same`` checks the first service's reach against the coverage run given the same facilities and limit.
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
from bench.common import qgis_session, report, write_layer  # noqa: E402

MINUTES = [10, 5, 10, 15, 10, 15]


def case(name, n_side, n_fac, n_dem):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    from tests.helpers import read_gdf

    roads, fac, dem = grid_case(n_side, n_fac * len(MINUTES), n_dem, seed=5)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        r = write_layer(folder / "roads.gpkg", roads)
        layers = [write_layer(folder / f"s{k}.gpkg", fac[k * n_fac : (k + 1) * n_fac]) for k in range(len(MINUTES))]
        d = write_layer(folder / "dem.gpkg", dem, {"pop": np.ones(len(dem))})
        t = time.perf_counter()
        lc = processing.run(
            "resilience:lifecircle",
            {
                "SERVICES": layers,
                "SERVICE_MINUTES": ",".join(map(str, MINUTES)),
                "WALK_KMH": 4.0,
                "DEMAND": d,
                "POPULATION_FIELD": "pop",
                "ROADS": r,
                "SNAP_TOLERANCE_M": 0.01,
                "OUTPUT_DEMAND": str(folder / "lc.gpkg"),
            },
            context=QgsProcessingContext(),
            feedback=QgsProcessingFeedback(),
        )
        ours = time.perf_counter() - t
        t = time.perf_counter()
        cov = processing.run(
            "resilience:sheltercoverage",
            {
                "FACILITIES": layers[0],
                "DEMAND": d,
                "POPULATION_FIELD": "pop",
                "ROADS": r,
                "MAX_MINUTES": MINUTES[0],
                "WALK_KMH": 4.0,
                "SNAP_TOLERANCE_M": 0.01,
                "MODE": 0,
                "OUTPUT_DEMAND": str(folder / "cov.gpkg"),
                "OUTPUT_FACILITIES": str(folder / "f.gpkg"),
            },
            context=QgsProcessingContext(),
            feedback=QgsProcessingFeedback(),
        )
        single = time.perf_counter() - t
        a = read_gdf(lc["OUTPUT_DEMAND"])
        b = read_gdf(cov["OUTPUT_DEMAND"])
        first = [c for c in a.columns if c.endswith("_m")][0]
        same = bool(np.array_equal(a[first].notna().to_numpy(), b["covered"].astype(bool).to_numpy()))
    report(name, f"6services_{n_fac}each_{len(roads)}edges_{n_dem}dem", ours, single, same)


def run(quick):
    qgis_session()
    case("lifecircle_small", 40, 10, 2000)
    if quick:
        return
    case("lifecircle_medium", 100, 50, 20000)
    case("lifecircle_full", 317, 300, 100000)


if __name__ == "__main__":
    run("--quick" in sys.argv)
