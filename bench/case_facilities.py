"""Benchmark: resilience:facilitysuitability (which candidate sites can serve as shelter, isolation site,
medical point or supply depot) against QGIS native and plain Python.

Synthetic data (EPSG:32650, GeoPackage written with the system GDAL, cached in build/bench_data): N
candidate sites, rectangles of 10-120 m (a tenth of them parks / squares of 40-250 m), with a text type
field ``stype`` (the typology's keys, Chinese names and aliases in mixed case, and types that have no
emergency function, e.g. ``residential``), a floors field ``floors`` (``'3'``, ``'4-7'``, ``'10+'``,
empty) and an effective area field ``area_m2`` (NULL for two thirds: footprint x 0.6); hazard zones
of levels 1-4 (disjoint 24-gons), 300 hazard sources (points), 120 hospitals and 200 lifeline sites.
Ours: the default shelter class (short term: 2 m² per person, at least 2 000 m²), EXCLUDE_LEVEL 2,
SOURCE_BUFFER_M 300; no roads and no population, so the criteria are safety, capacity, hospital and
lifeline with the default weights renormalised.

- ``native_s`` / ``same``: the spatial part as a QGIS user would chain it: ``qgis:joinbylocationsummary``
  (the highest zone level each site intersects) and ``native:joinbynearest`` three times (the distance
  from each site to the nearest hazard source, hospital and lifeline site). ``same``: every site's
  hazard level equal to ours, and its hospital and lifeline criteria from those distances
  (1 - d / 3000 m and 1 - d / 2000 m, clipped to 0-1) within 1e-6 of ours' ``c_hospital`` / ``c_lifeline``.
- ``python_s`` / ``python_same``: what a Python user would write from the help text and the standards
  JSON (resources/standards/facility_types.json and shelter_standards.json), independent of the
  plugin: type lookup by case-folded key / name / alias, capacities by the formulas, geopandas ``sjoin``
  (intersects) for the zone level, ``sjoin_nearest`` for the distances (to the zones of a higher level
  for the safety criterion), the hard constraints, weights, grade breaks and rank. ``python_same`` is
  ``yes`` only when every site's eligibility, hazard level, grade, rank, capacity_persons,
  cap_isolation, cap_medical and supply_area_m2 equal ours (areas within 1e-6 m², score within 1e-9):
  a type matched differently, another floors reading, a constraint or a distance computed otherwise
  would make it ``no``.
"""

import json
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import DATA_DIR, ORIGIN, blob_polygons, qgis_session, report, write_layer  # noqa: E402
from bench.common import run as prun  # noqa: E402

SOURCE_BUFFER = 300.0
EXCLUDE_LEVEL = 2
NATIVE_LIMIT = 100_000  # the native chain is run up to this many sites
TYPES = ["school", "School ", "学校", "kindergarten", "stadium", "Sports Facility", "体育馆", "hotel", "宾馆",
         "guest_house", "exhibition centre", "会展中心", "warehouse", "logistics", "仓库", "service_area", "服务区",
         "hospital", "clinic",
         "community_centre", "社区中心", "government", "townhall", "residential", "retail", "office", "住宅"]
PARK_TYPES = ["park", "Park", "公园", "square", "广场", "plaza"]
FLOORS = ["1", "2", "3", "4-7", "10+", ">7", "", None, "6"]


# --- data ----------------------------------------------------------------------------------------
def sites_data(n_sites, seed=23):
    """The candidate sites and their surroundings for ``n_sites`` sites (cached); returns the URIs."""
    import shapely

    folder = DATA_DIR / f"facilities_{n_sites}_{seed}"
    meta = folder / "meta.json"
    if meta.exists():
        return json.loads(meta.read_text())
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    extent = float(np.sqrt(n_sites) * 150.0)  # one site per 150 m x 150 m
    x0, y0 = ORIGIN
    park = rng.uniform(size=n_sites) < 0.1
    w = np.where(park, rng.uniform(40, 250, n_sites), rng.uniform(10, 120, n_sites))
    h = np.where(park, rng.uniform(40, 250, n_sites), rng.uniform(10, 120, n_sites))
    cx = x0 + rng.uniform(0, extent, n_sites)
    cy = y0 + rng.uniform(0, extent, n_sites)
    geoms = shapely.box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    stype = np.where(park, np.array(PARK_TYPES, dtype=object)[rng.integers(0, len(PARK_TYPES), n_sites)],
                     np.array(TYPES, dtype=object)[rng.integers(0, len(TYPES), n_sites)])
    floors = np.array(FLOORS, dtype=object)[rng.integers(0, len(FLOORS), n_sites)]
    floors[park] = None
    area = np.where(rng.uniform(size=n_sites) < 1 / 3, np.round(w * h * rng.uniform(0.3, 0.9, n_sites), 1), np.nan)
    sites = write_layer(folder / "sites.gpkg", geoms, {"sid": np.arange(1, n_sites + 1, dtype=np.int64), "stype": stype,
                                                       "floors": floors, "area_m2": area}, layer="sites")
    n_zones = max(20, n_sites // 250)  # wobbly 24-gons with levels 1-4
    zg, zl = blob_polygons(rng, n_zones, extent, x0, y0, min_radius=0.12), rng.integers(1, 5, n_zones)
    zones = write_layer(folder / "around.gpkg", zg, {"level": zl.astype(np.int64)}, layer="zones")
    out = {"sites": sites, "zones": zones, "n_sites": int(n_sites)}
    for name, k in (("sources", 300), ("hospitals", 120), ("lifelines", 200)):
        pts = shapely.points(x0 + rng.uniform(0, extent, k), y0 + rng.uniform(0, extent, k))
        out[name] = write_layer(folder / "around.gpkg", pts, {"pid": np.arange(k, dtype=np.int64)}, layer=name)
    meta.write_text(json.dumps(out))
    return out


# --- ours ------------------------------------------------------------------------------------------
COMPARED = ["eligible", "hazard_level", "grade", "rank", "score", "capacity_persons", "cap_isolation", "cap_medical",
            "supply_area_m2", "c_hospital", "c_lifeline"]


def run_ours(data, folder):
    from tests.helpers import read_gdf

    out = folder / "ours.gpkg"
    t = time.perf_counter()
    prun("resilience:facilitysuitability", {
        "CANDIDATES": data["sites"], "TYPE_FIELD": "stype", "AREA_FIELD": "area_m2", "FLOORS_FIELD": "floors",
        "HAZARD": data["zones"], "HAZARD_LEVEL_FIELD": "level", "EXCLUDE_LEVEL": EXCLUDE_LEVEL,
        "HAZARD_SOURCES": data["sources"], "SOURCE_BUFFER_M": SOURCE_BUFFER, "HOSPITALS": data["hospitals"],
        "LIFELINES": data["lifelines"], "OUTPUT": str(out)})
    elapsed = time.perf_counter() - t
    d = read_gdf(out).set_index("site_id").sort_index()
    return elapsed, d[COMPARED]


# --- the native chain (spatial part) ---------------------------------------------------------------
def run_native(data, folder):
    from qgis.core import QgsVectorLayer

    t = time.perf_counter()
    lvl = prun("qgis:joinbylocationsummary", {"INPUT": data["sites"], "JOIN": data["zones"], "PREDICATE": [0],
                                              "JOIN_FIELDS": ["level"], "SUMMARIES": [3], "DISCARD_NONMATCHING": False,
                                              "OUTPUT": str(folder / "n_level.gpkg")})["OUTPUT"]
    dist = {}
    for name in ("sources", "hospitals", "lifelines"):
        dist[name] = prun("native:joinbynearest", {
            "INPUT": data["sites"], "INPUT_2": data[name], "FIELDS_TO_COPY": ["pid"], "DISCARD_NONMATCHING": False,
            "PREFIX": f"{name}_", "NEIGHBORS": 1, "MAX_DISTANCE": None,
            "OUTPUT": str(folder / f"n_{name}.gpkg")})["OUTPUT"]
    elapsed = time.perf_counter() - t

    def column(uri, field):
        """``field`` per site (``sid``: joinbynearest repeats a site for equidistant neighbours, and the
        GeoPackage then renumbers the repeated fids)."""
        layer = QgsVectorLayer(uri, "x", "ogr")
        out = {}
        for f in layer.getFeatures():
            v = f[field]
            out.setdefault(int(f["sid"]), 0.0 if v is None or (hasattr(v, "isNull") and v.isNull()) else float(v))
        return pd.Series(out).sort_index()

    level = column(lvl, "level_max")
    d_hosp = column(dist["hospitals"], "distance")
    d_life = column(dist["lifelines"], "distance")
    return elapsed, pd.DataFrame({"hazard_level": level.astype(int), "c_hospital": np.clip(1 - d_hosp / 3000.0, 0, 1),
                                  "c_lifeline": np.clip(1 - d_life / 2000.0, 0, 1)})


# --- what a Python user would write ----------------------------------------------------------------
def _standard(name):
    return json.loads((ROOT / "resources" / "standards" / f"{name}.json").read_text(encoding="utf-8"))


def run_python(data):
    import geopandas as gpd

    from tests.helpers import read_gdf  # the system GDAL (pyogrio's bundled one clashes with QGIS's)

    t = time.perf_counter()
    ft, shelters = _standard("facility_types"), _standard("shelter_standards")
    cls = shelters["classes"]["short_term"]  # the algorithm's default class
    sites = read_gdf(*data["sites"].split("|layername=")).set_index("fid").sort_index()
    zones = read_gdf(*data["zones"].split("|layername="))
    layers = {k: read_gdf(*data[k].split("|layername=")) for k in ("sources", "hospitals", "lifelines")}

    # 1. type -> functions: the keys, Chinese / English names and aliases, case-folded
    lookup = {}
    for key, e in ft["types"].items():
        for name in [key, e.get("zh"), e.get("en"), *e.get("aliases", [])]:
            if name:
                lookup[name.strip().casefold()] = key
    key = sites["stype"].map(lambda v: lookup.get(str(v).strip().casefold()) if v is not None else None)
    entry = key.map(lambda k: ft["types"].get(k, {}) if k else {})
    funcs = entry.map(lambda e: set(e.get("functions", [])))
    indoor = entry.map(lambda e: bool(e.get("indoor", True))).to_numpy()
    has = {f: funcs.map(lambda s, f=f: f in s).to_numpy() for f in ft["function_order"]}

    # 2. capacity
    pc = entry.map(lambda e: float(e.get("per_capita_m2") or cls["per_capita_m2"])).to_numpy()
    ratio = entry.map(lambda e: float(e.get("effective_ratio") or 0.6)).to_numpy()
    area = pd.to_numeric(sites["area_m2"], errors="coerce").to_numpy(float)
    eff = np.where(np.isfinite(area) & (area > 0), area, sites.geometry.area.to_numpy() * ratio)
    fl = sites["floors"].map(lambda v: float(m.group(0)) if v is not None and (m := re.search(r"\d+(\.\d+)?", str(v)))
                             and float(m.group(0)) > 0 else 1.0).to_numpy()
    floor_area = eff * fl
    shelter_area = np.where(indoor, floor_area, eff)
    per = ft["indoor_per_capita"]
    out = pd.DataFrame(index=sites.index)
    out["capacity_persons"] = np.where(has["shelter"], np.floor(shelter_area / pc), 0.0)
    out["cap_isolation"] = np.where(has["isolation"], np.floor(floor_area / per["isolation_m2"]), 0.0)
    out["cap_medical"] = np.where(has["medical"], np.floor(floor_area / per["medical_m2"]), 0.0)
    out["supply_area_m2"] = np.where(has["supply"], floor_area, 0.0)

    # 3. hazard level (highest zone touched), distances, hard constraints
    hits = gpd.sjoin(sites[["geometry"]], zones[["level", "geometry"]], predicate="intersects")
    level = hits.groupby(level=0)["level"].max().reindex(sites.index, fill_value=0).to_numpy(float)

    def nearest(targets, subset=None):
        left = sites[["geometry"]] if subset is None else sites.loc[subset, ["geometry"]]
        j = gpd.sjoin_nearest(left, targets[["geometry"]], distance_col="d")
        return j.groupby(level=0)["d"].min().reindex(left.index).to_numpy()

    d_source = nearest(layers["sources"])
    eligible = ((np.array([len(s) > 0 for s in funcs]) & (level < EXCLUDE_LEVEL) & (d_source >= SOURCE_BUFFER))
                & ~(has["shelter"] & (shelter_area < cls["min_area_m2"])))

    # 4. criteria and score
    scales = ft["suitability"]["scales_m"]
    d_higher = np.full(len(sites), np.inf)
    for lv in np.unique(level):
        sel = level == lv
        higher = zones[zones["level"] > lv]
        if len(higher):
            d_higher[sel] = nearest(higher, sites.index[sel])
    crit = {"safety": np.clip(1 - level / EXCLUDE_LEVEL, 0, 1) * np.clip(d_higher / scales["safe_distance"], 0, 1)}
    cap_ok = np.where(has["shelter"], out["capacity_persons"], np.maximum(out["cap_isolation"], out["cap_medical"]))
    crit["capacity"] = cap_ok / cap_ok.max()
    crit["hospital"] = np.clip(1 - nearest(layers["hospitals"]) / scales["hospital_max"], 0, 1)
    crit["lifeline"] = np.clip(1 - nearest(layers["lifelines"]) / scales["lifeline_max"], 0, 1)
    weights = {c: w for c, w in ft["suitability"]["default_weights"].items() if c in crit}
    total = sum(weights.values())
    score = 100.0 * sum((w / total * crit[c] for c, w in weights.items()), np.zeros(len(sites)))
    grades = sorted(ft["suitability"]["grades"], key=lambda g: -g["min"])
    grade = np.array([next(g["zh"] for g in grades if s >= g["min"]) for s in score], dtype=object)
    grade[~eligible] = grades[-1]["zh"]
    order = pd.DataFrame({"score": score[eligible]}, index=np.flatnonzero(eligible))
    order = order.sort_values("score", ascending=False, kind="stable")
    rank = np.full(len(sites), np.nan)
    rank[order.index.to_numpy()] = np.arange(1, len(order) + 1)
    out = out.assign(eligible=eligible, hazard_level=level.astype(int), grade=grade, rank=rank, score=score,
                     c_hospital=crit["hospital"], c_lifeline=crit["lifeline"])
    elapsed = time.perf_counter() - t
    return elapsed, out


# --- comparison ------------------------------------------------------------------------------------
def _python_agrees(ours, py):
    if not ours.index.equals(py.index):
        return False
    checks = [np.array_equal(ours["eligible"].astype(bool).to_numpy(), py["eligible"].to_numpy()),
              np.array_equal(ours["hazard_level"].to_numpy(int), py["hazard_level"].to_numpy(int)),
              np.array_equal(ours["grade"].to_numpy(object), py["grade"].to_numpy(object)),
              np.array_equal(ours["rank"].astype(float).fillna(-1).to_numpy(),
                             np.nan_to_num(py["rank"].to_numpy(), nan=-1)),
              np.allclose(ours["score"].to_numpy(float), py["score"].to_numpy(float), rtol=0, atol=1e-9)]
    for c in ("capacity_persons", "cap_isolation", "cap_medical", "supply_area_m2"):
        checks.append(np.allclose(ours[c].to_numpy(float), py[c].to_numpy(float), rtol=0, atol=1e-6))
    return all(checks)


def _native_agrees(ours, nat):
    nat = nat.reindex(ours.index)
    return (np.array_equal(ours["hazard_level"].to_numpy(int), nat["hazard_level"].to_numpy(int))
            and np.allclose(ours["c_hospital"].to_numpy(float), nat["c_hospital"].to_numpy(float), rtol=0, atol=1e-6)
            and np.allclose(ours["c_lifeline"].to_numpy(float), nat["c_lifeline"].to_numpy(float), rtol=0, atol=1e-6))


def case(n_sites, native=True):
    import tempfile

    data = sites_data(n_sites)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours_s, ours = run_ours(data, folder)
        native_s, same = None, None
        if native and n_sites <= NATIVE_LIMIT:
            native_s, nat = run_native(data, folder)
            same = _native_agrees(ours, nat)
        python_s, py = run_python(data)
        python_same = _python_agrees(ours, py)
        counts = ours["grade"].value_counts().to_dict()
        print(f"# facilities_{n_sites}: eligible ours {int(ours['eligible'].astype(bool).sum())} "
              f"python {int(py['eligible'].sum())}; shelter persons ours {ours['capacity_persons'].sum():.0f} "
              f"python {py['capacity_persons'].sum():.0f}; grades {counts}",
              flush=True)
        report(f"facilities_{n_sites}", f"{n_sites}sites", ours_s, native_s, same, None, python_s, python_same)


def run(quick):
    qgis_session()
    case(5_000)
    if quick:
        return
    case(100_000)


if __name__ == "__main__":
    run("--quick" in sys.argv)
