"""Benchmarks: resilience:cascade (Monte Carlo over interdependent systems) and resilience:restoration.

1. ``cascade_mc``: a synthetic city (EPSG:32650) of N assets: substations, 50 m power lines, water
   plants, pump stations, a grid of water pipes (people get water through it: a 'network' rule),
   telecom sites, 100 m roads, people points and hospitals, with the default
   dependency table and random failure probabilities 0-0.2 on the lifeline assets; RUNS Monte Carlo
   runs through processing (read, match the rules, sample, propagate, write). Target: 1,000 runs on
   50,000 assets in < 60 s. Ours only (QGIS has no equivalent).
2. ``restoration``: the same kind of city with D of its lifeline assets damaged (damage states 1-4 at
   random), the default restoration functions and dependency table, 20 / 10 / 5 / 20 crews for power /
   water / telecom / roads: schedule, recovery curves and chart through processing. Target: 10,000
   damaged assets in < 10 s.
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


def synthetic_systems(folder, n, extent=20000.0, seed=5, damaged=0):
    """One GeoPackage layer per class (fields asset_id, p_fail, population and, with ``damaged`` > 0,
    damage_state 0-4 on that many lifeline assets picked at random); returns the URIs."""
    import shapely

    rng = np.random.default_rng(seed)
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
    for cls in SHARES:
        k = counts[cls]
        xy = np.c_[x0 + rng.uniform(0, extent, k), y0 + rng.uniform(0, extent, k)]
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
        processing.run(
            "resilience:cascade",
            {
                "ASSETS": layers,
                "MODE": 0,
                "RUNS": runs,
                "SEED": 1,
                "OUTPUT_POINTS": str(Path(tmp) / "p.gpkg"),
                "OUTPUT_LINES": str(Path(tmp) / "l.gpkg"),
                "OUTPUT_POLYGONS": str(Path(tmp) / "a.gpkg"),
                "OUTPUT_TABLE": str(Path(tmp) / "t.gpkg"),
            },
            context=ctx,
            feedback=QgsProcessingFeedback(),
        )
        report(
            name, f"{sum(lyr.featureCount() for lyr in layers)}assets_{runs}runs", time.perf_counter() - t, None, None
        )


def restoration_case(name, n, damaged):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject, QgsVectorLayer

    with tempfile.TemporaryDirectory() as tmp:
        uris = synthetic_systems(tmp, n, damaged=damaged)
        layers = [QgsVectorLayer(u, u.split("=")[-1], "ogr") for u in uris]
        ctx = QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        t = time.perf_counter()
        processing.run(
            "resilience:restoration",
            {
                "ASSETS": layers,
                "CREWS": "power:20, water:10, telecom:5, roads:20",
                "OUTPUT_SCHEDULE": str(Path(tmp) / "s.gpkg"),
                "OUTPUT_CURVE": str(Path(tmp) / "c.gpkg"),
                "OUTPUT_SUMMARY": str(Path(tmp) / "m.gpkg"),
                "CHART": str(Path(tmp) / "chart.png"),
            },
            context=ctx,
            feedback=QgsProcessingFeedback(),
        )
        report(
            name,
            f"{damaged}damaged_of_{sum(lyr.featureCount() for lyr in layers)}assets",
            time.perf_counter() - t,
            None,
            None,
        )


def run(quick):
    qgis_session()
    cascade_case("cascade_mc_small", 5000, 200)
    restoration_case("restoration_small", 5000, 1000)
    if quick:
        return
    cascade_case("cascade_mc_50k", 50000, 1000)
    restoration_case("restoration_10k", 30000, 10000)


if __name__ == "__main__":
    run("--quick" in sys.argv)
