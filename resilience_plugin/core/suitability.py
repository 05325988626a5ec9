"""Dual-use (平急两用) facility suitability: emergency functions, capacity, hard constraints, scores.

Steps for every candidate site (geometries in a metric CRS):

1. Type -> emergency functions (shelter, isolation, medical point, supply depot) from
   ``resources/standards/facility_types.json``, overridable with a ``type:function|function;...`` map.
2. Capacity: effective area = the area field, or the footprint x ``effective_ratio``; floor area =
   effective area x floors (buildings, indoor types). Shelter persons = area / per-capita area of
   the chosen GB 51143 class (indoor types use the floor area); isolation / medical persons = floor
   area / their per-capita floor area; supply = floor area in m².
3. Hard constraints (``eligible`` false, with the reasons): inside a hazard zone of level >=
   ``exclude_level``; closer than ``source_buffer_m`` to a hazard source; shelter area (floor area
   of indoor types, effective ground area of outdoor ones) below the class minimum (shelter
   types); a type without any emergency function.
4. Criteria scored 0..1: safety (hazard level and distance to the nearest zone of a higher level),
   access (network distance to the nearest main road), capacity (relative to the largest),
   population (persons within the walking limit, relative), hospital and lifeline proximity.
   Criteria whose layers are missing are dropped and the weights renormalised.
5. score = 100 x sum(w c) / sum(w); grade by the breaks in the standards file; rank among eligible.
"""

import re
from dataclasses import dataclass
from typing import Optional

import numpy as np
import pandas as pd
import shapely

from . import network as nw
from .classify import normalize_key
from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel
from .geometry import intersecting_pairs
from .standards import load_standard, read_json_file

CRITERIA = ("safety", "access", "capacity", "population", "hospital", "lifeline")


def type_table():
    """Site types, their emergency functions and the scoring settings (resources/standards/facility_types.json)."""
    return load_standard("facility_types")


def shelter_table():
    """The GB 51143 shelter classes (resources/standards/shelter_standards.json)."""
    return load_standard("shelter_standards")


def shelter_class(name_or_index):
    """The class entry (dict with per_capita_m2, min_area_m2, service_radius_m, zh, en)."""
    table = shelter_table()
    order = table["class_order"]
    key = order[int(name_or_index)] if isinstance(name_or_index, (int, np.integer)) else str(name_or_index)
    if key not in table["classes"]:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Unknown shelter class '{name}'; use one of {names}."), name=key, names=", ".join(order))
    return dict(table["classes"][key], key=key)


def merge_typology(base, user):
    """The shipped table with a user typology on top: its ``types`` replace or add types by key, its
    ``indoor_per_capita`` values replace the shipped ones; everything else stays as shipped."""
    out = dict(base)
    out["types"] = dict(base["types"])
    if not isinstance(user, dict):
        raise InputError(QT_TRANSLATE_NOOP("@default", "The typology file must hold a JSON object with a 'types' object, like resources/standards/facility_types.json."))
    types = user.get("types", {})
    if not isinstance(types, dict):
        raise InputError(QT_TRANSLATE_NOOP("@default", "The typology file must hold a JSON object with a 'types' object, like resources/standards/facility_types.json."))
    for key, entry in types.items():  # a user entry may give only what it changes
        base_entry = base["types"].get(key)
        out["types"][key] = dict(base_entry, **entry) if isinstance(base_entry, dict) and isinstance(entry, dict) else entry
    if "indoor_per_capita" in user:
        out["indoor_per_capita"] = dict(base["indoor_per_capita"], **(user["indoor_per_capita"] or {}))
    return out


def _positive(value, allow_none=True):
    if value is None or value == "":
        return allow_none
    return isinstance(value, (int, float)) and not isinstance(value, bool) and np.isfinite(value) and value > 0


def validate_typology(table):
    """Check a (merged) typology table; raises :class:`InputError` naming the type and the value.

    Each type needs a non-empty key, a list of known functions (an empty list = no emergency
    function), ``indoor`` true / false; the optional ``per_capita_m2`` (shelter area per person for
    this type) must be > 0 and ``effective_ratio`` (usable share of the footprint) in (0, 1].
    """
    known = table["function_order"]
    for key, entry in table["types"].items():
        if not str(key).strip():
            raise InputError(QT_TRANSLATE_NOOP("@default", "A facility type has no name (key)."))
        if not isinstance(entry, dict):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Facility type '{type}' must be a JSON object."), type=key)
        funcs = entry.get("functions")
        if not isinstance(funcs, list):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Facility type '{type}': 'functions' must be a list of {functions}."),
                             type=key, functions=", ".join(known))
        bad = [f for f in funcs if f not in known]
        if bad:
            raise InputError(QT_TRANSLATE_NOOP("@default", "Facility type '{type}': unknown function '{function}'; use {functions}."),
                             type=key, function=bad[0], functions=", ".join(known))
        if not isinstance(entry.get("indoor", True), bool):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Facility type '{type}': 'indoor' must be true or false."), type=key)
        if not _positive(entry.get("per_capita_m2")):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Facility type '{type}': the per-capita area must be a number above 0 (m² per person); got {value}."),
                             type=key, value=entry.get("per_capita_m2"))
        ratio = entry.get("effective_ratio")
        if ratio not in (None, "") and not (_positive(ratio) and ratio <= 1):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Facility type '{type}': the effective-area ratio must be above 0 and at most 1; got {value}."),
                             type=key, value=ratio)
        if not isinstance(entry.get("verified", False), bool):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Facility type '{type}': 'verified' must be true or false."), type=key)
    for name in ("isolation_m2", "medical_m2"):
        if not _positive(table["indoor_per_capita"].get(name), allow_none=False):
            raise InputError(QT_TRANSLATE_NOOP("@default", "The indoor per-capita area '{name}' must be a number above 0; got {value}."),
                             name=name, value=table["indoor_per_capita"].get(name))
    return table


def typology(path=None):
    """The type table to use: the shipped one, or a user typology file (same schema) merged on top and checked."""
    base = type_table()
    if not path:
        return base
    try:
        user = read_json_file(path)
    except (OSError, ValueError) as err:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Cannot read the typology file {path}: {error}"), path=str(path), error=str(err)) from err
    return validate_typology(merge_typology(base, user))


def type_lookup(type_map_text=None, table=None):
    """``normalised type value -> (type key, functions tuple, indoor)`` from the table and the user map."""
    table = table or type_table()
    known = set(table["functions"])
    out = {}
    for key, entry in table["types"].items():
        value = (key, tuple(entry["functions"]), bool(entry.get("indoor", True)))
        for name in [key, entry.get("zh", ""), entry.get("en", ""), *entry.get("aliases", [])]:
            if name:
                out[normalize_key(name)] = value
    for chunk in re.split(r"[;；\n]+", str(type_map_text or "")):
        if not chunk.strip():
            continue
        name, sep, funcs = chunk.replace("：", ":").rpartition(":")
        if not sep or not name.strip():
            raise InputError(QT_TRANSLATE_NOOP("@default", "TYPE_MAP entry '{entry}' is not of the form type:function|function (functions: {functions})."),
                             entry=chunk.strip(), functions=", ".join(table["function_order"]))
        items = [f.strip().lower() for f in re.split(r"[|/、,，\s]+", funcs) if f.strip()]
        bad = [f for f in items if f not in known and f not in ("none", "-")]
        if bad:
            raise InputError(QT_TRANSLATE_NOOP("@default", "TYPE_MAP entry '{entry}': unknown function '{function}'; use {functions}."),
                             entry=chunk.strip(), function=bad[0], functions=", ".join(table["function_order"]))
        items = [f for f in items if f in known]
        base = out.get(normalize_key(name))
        out[normalize_key(name)] = (base[0] if base else name.strip(), tuple(items), base[2] if base else True)
    return out


def parse_floors(values):
    """Floors as numbers: ``"3"`` -> 3, ``"4-7"`` -> 4, ``">7"`` -> 7, ``"10+"`` -> 10; else NaN."""
    out = np.full(len(values), np.nan)
    for i, v in enumerate(values):
        if v is None:
            continue
        if isinstance(v, (int, float, np.integer, np.floating)):
            out[i] = float(v) if np.isfinite(v) and v > 0 else np.nan
            continue
        m = re.search(r"\d+(\.\d+)?", str(v))
        if m and float(m.group(0)) > 0:
            out[i] = float(m.group(0))
    return out


def _max_level_hit(geoms, zone_geoms, zone_levels):
    level = np.zeros(len(geoms))
    gi, zi = intersecting_pairs(geoms, zone_geoms)
    if len(gi):
        np.maximum.at(level, gi, zone_levels[zi])
    return level


def _nearest_distance(geoms, targets):
    """Distance from each geometry to the nearest of ``targets`` (polygons split into parts)."""
    d = np.full(len(geoms), np.inf)
    targets = np.asarray(targets, dtype=object)
    if len(targets) == 0 or len(geoms) == 0:
        return d
    tree = shapely.STRtree(shapely.get_parts(targets))
    (gi, _), dist = tree.query_nearest(geoms, return_distance=True, all_matches=False)
    d[gi] = dist
    return d


def _safety(geoms, level, zone_geoms, zone_levels, exclude_level, safe_distance):
    """(1 - level / exclude_level) x min(1, distance to the nearest zone of a higher level / safe_distance)."""
    s_level = np.clip(1.0 - level / float(max(exclude_level, 1)), 0.0, 1.0)
    d_higher = np.full(len(geoms), np.inf)
    for lv in np.unique(level):
        sel = level == lv
        higher = zone_geoms[zone_levels > lv]
        if len(higher):
            d_higher[sel] = _nearest_distance(geoms[sel], higher)
    return s_level * np.clip(d_higher / safe_distance, 0.0, 1.0)


def _access(net, points, main_mask, max_snap=None):
    """Network distance (m) from each point to the nearest main-road edge (inf if none reachable)."""
    snap = nw.snap_points(net, points, max_distance=max_snap)
    dist = np.full(len(points), np.inf)
    main_nodes = np.unique(np.concatenate([net.edge_u[main_mask], net.edge_v[main_mask]]))
    if len(main_nodes) == 0:
        return dist
    node_d, _ = nw.multi_source_dijkstra(net.matrix(), main_nodes)
    ok = snap.snapped
    e = snap.edge[ok]
    via = np.minimum(node_d[net.edge_u[e]] + snap.cost_to_u[ok], node_d[net.edge_v[e]] + snap.cost_to_v[ok])
    via = np.where(main_mask[e], 0.0, via)
    dist[ok] = snap.distance[ok] + via
    return dist


def _population(points, demand_pts, persons, limit_m, net=None, max_snap=None, feedback=None):
    """Persons within ``limit_m`` of each point: over the network when ``net`` is given, else straight-line."""
    out = np.zeros(len(points))
    if len(demand_pts) == 0 or len(points) == 0:
        return out
    if net is None:
        tree = shapely.STRtree(np.asarray(demand_pts, dtype=object))
        pi, di = tree.query(points, predicate="dwithin", distance=limit_m)
        np.add.at(out, pi, persons[di])
        return out
    # nobody farther than the limit from every street can be within the limit
    max_snap = min(max_snap, limit_m) if max_snap else limit_m
    ps = nw.snap_points(net, points, max_distance=max_snap)
    ds = nw.snap_points(net, demand_pts, max_distance=max_snap)
    aug = nw.insert_points(net, [ps, ds])
    n = len(points)
    sp = nw.distances_from_each(aug.matrix, aug.point_node[:n], aug.point_node[n:], limit_m,
                                offsets=ps.distance, target_offsets=ds.distance, feedback=feedback,
                                node_xy=aug.node_xy)
    return sp.astype(bool).astype(float) @ persons


def resolve_weights(weights, available):
    """Weights for the available criteria (renormalised to sum 1). ``weights``: dict or None (defaults).

    Returns ``(weights dict over available criteria, dropped criteria)``.
    """
    if weights is None:
        weights = dict(type_table()["suitability"]["default_weights"])
    unknown = [k for k in weights if k not in CRITERIA]
    if unknown:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Weight for '{name}' does not match any criterion; criteria are: {criteria}."),
                         name=unknown[0], criteria=", ".join(CRITERIA))
    dropped = [c for c in CRITERIA if c not in available and weights.get(c, 0) > 0]
    use = {c: float(weights.get(c, 0.0)) for c in CRITERIA if c in available}
    total = sum(use.values())
    if total <= 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "None of the weighted criteria can be computed with the layers given: add the layers or change the weights."))
    return {c: w / total for c, w in use.items()}, dropped


def _fmt(x):
    return f"{x:,.0f}".replace(",", "")


@dataclass
class SuitabilityOptions:
    """The knobs of :func:`evaluate` (defaults as in the algorithm).

    ``effective_ratio``: effective share of a footprint when no area is given; ``shelter_class_key``:
    GB 51143 class (``resources/standards/shelter_standards.json``); ``per_capita_m2`` /
    ``min_area_m2``: override the class values (None = the class's); ``type_map``: extra
    ``type:function|function;...`` entries; ``exclude_level``: hazard level that excludes a site;
    ``source_buffer_m``: minimum distance to a hazard source; ``walk_limit_m``: walking limit of the
    population criterion; ``weights``: {criterion: weight} (None = defaults); ``max_snap_m``: sites and
    people farther from the network are not connected; ``typology``: the type table (from
    :func:`typology`; None = the shipped one). A type's own ``per_capita_m2`` replaces the class's unless
    ``per_capita_m2`` is given here; its ``effective_ratio`` replaces ``effective_ratio``.
    """

    effective_ratio: float = 0.6
    shelter_class_key: str = "short_term"
    per_capita_m2: Optional[float] = None
    min_area_m2: Optional[float] = None
    type_map: Optional[str] = None
    exclude_level: int = 2
    source_buffer_m: float = 0.0
    walk_limit_m: Optional[float] = None
    weights: Optional[dict] = None
    max_snap_m: Optional[float] = None
    typology: Optional[dict] = None


@dataclass
class Surroundings:
    """What lies around the sites, all in the sites' metric CRS; every layer is optional.

    ``zones`` / ``zone_levels``: hazard polygons and their levels; ``sources``: hazard sources;
    ``net`` (:class:`network.Network`) and ``main_mask`` (main-road edges); ``demand_pts`` /
    ``demand_persons``: where people are; ``hospitals`` / ``lifelines``: geometries.
    """

    zones: Optional[np.ndarray] = None
    zone_levels: Optional[np.ndarray] = None
    sources: Optional[np.ndarray] = None
    net: object = None
    main_mask: Optional[np.ndarray] = None
    demand_pts: Optional[np.ndarray] = None
    demand_persons: Optional[np.ndarray] = None
    hospitals: Optional[np.ndarray] = None
    lifelines: Optional[np.ndarray] = None


def evaluate(geoms, types, *, area=None, floors=None, around: Optional[Surroundings] = None,
             options: Optional[SuitabilityOptions] = None, feedback=None):
    """Evaluate candidate sites (steps 1-5 of the module docstring). Returns ``(DataFrame, report)``.

    Parameters
    ----------
    geoms : array of shapely geometries in a metric CRS (polygons or points)
    types : the site types (e.g. OSM building or amenity values)
    area : effective area per site in m² (NaN = unknown: footprint x ``effective_ratio`` for polygons)
    floors : floors per site (NaN = 1)
    around : :class:`Surroundings` (hazard zones, roads, population, ...)
    options : :class:`SuitabilityOptions`

    Examples
    --------
    >>> import numpy as np, shapely
    >>> df, rep = evaluate(np.array([shapely.box(0, 0, 100, 100)]), ["school"])
    >>> int(df["capacity_persons"][0]), bool(df["eligible"][0])
    (3000, True)
    """
    around = around or Surroundings()
    opt = options or SuitabilityOptions()
    geoms = np.asarray(geoms, dtype=object)
    tt = opt.typology or type_table()
    cls = shelter_class(opt.shelter_class_key)
    per_capita = float(opt.per_capita_m2) if opt.per_capita_m2 else float(cls["per_capita_m2"])
    min_area = float(opt.min_area_m2) if opt.min_area_m2 is not None and opt.min_area_m2 >= 0 else float(cls["min_area_m2"])
    if per_capita <= 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The per-capita area must be positive (m² per person)."))
    if not 0 < opt.effective_ratio <= 1:
        raise InputError(QT_TRANSLATE_NOOP("@default", "EFFECTIVE_RATIO must be above 0 and at most 1; got {value}."),
                         value=opt.effective_ratio)
    lookup = type_lookup(opt.type_map, tt)
    info = [lookup.get(normalize_key(t) if t is not None else None) for t in types]
    funcs = [i[1] if i else () for i in info]
    type_key = [i[0] if i else (str(t) if t is not None else "") for i, t in zip(info, types)]
    entries = [tt["types"].get(k) or {} for k in type_key]
    # per type: its own per-capita area and effective ratio where the typology gives them
    pc = np.array([per_capita if opt.per_capita_m2 else float(e.get("per_capita_m2") or per_capita) for e in entries], dtype=float)
    ratio = np.array([float(e.get("effective_ratio") or opt.effective_ratio) for e in entries], dtype=float)
    cap = _capacity(geoms, area, floors, funcs, np.array([i[2] if i else True for i in info], dtype=bool), opt, pc, tt, ratio)
    check_cancel(feedback)
    zones = np.asarray(around.zones if around.zones is not None else [], dtype=object)
    zone_levels = np.asarray(around.zone_levels if around.zone_levels is not None else [], dtype=float)
    level = _max_level_hit(geoms, zones, zone_levels)
    eligible, reasons = _constraints(geoms, funcs, type_key, level, cap, around.sources, opt, cls, min_area)
    check_cancel(feedback)
    crit, d_access, pop = _criteria(geoms, level, zones, zone_levels, cap, around, opt, feedback)
    if crit:
        w, dropped = resolve_weights(opt.weights, set(crit))
    else:  # nothing can be scored (e.g. points without area and no optional layer): scores stay 0
        w, dropped = {}, list(CRITERIA)
    score = 100.0 * sum((wc * crit[c] for c, wc in w.items()), np.zeros(len(geoms)))
    grade, grade_en, rank = _grade_and_rank(score, eligible)
    fnames = tt["functions"]
    df = pd.DataFrame({
        "type_key": type_key,
        "functions": ["、".join(fnames[f]["zh"] for f in fs) + (" / " + ", ".join(fnames[f]["en"] for f in fs) if fs else "")
                      for fs in funcs],
        "eligible": eligible, "reasons": ["; ".join(r) for r in reasons], "hazard_level": level.astype(int),
        "effective_area_m2": cap["eff"], "floors": cap["floors"], "floor_area_m2": cap["floor_area"],
    })
    for c in CRITERIA:
        if c in crit:
            df[f"c_{c}"] = crit[c]
    df = df.assign(score=score, grade=grade, grade_en=grade_en, capacity_persons=cap["shelter"], cap_isolation=cap["isolation"],
                   cap_medical=cap["medical"], supply_area_m2=cap["supply"], access_m=d_access, population=pop, rank=rank)
    report = {"weights": w, "dropped": dropped, "no_criteria": not crit, "eligible": int(eligible.sum()), "class": cls,
              "per_capita_m2": per_capita, "min_area_m2": min_area,
              "unknown_types": sorted({str(t) for t, i in zip(types, info) if i is None and t is not None})}
    return df, report


def _capacity(geoms, area, floors, funcs, indoor, opt, per_capita, tt, ratio=None):
    """Effective and floor areas, and the persons / area each function can take (``per_capita`` and
    ``ratio``: a number or one per site)."""
    n = len(geoms)
    is_poly = np.isin(shapely.get_type_id(geoms), (3, 6))
    footprint = np.where(is_poly, shapely.area(geoms), np.nan)
    eff = np.full(n, np.nan) if area is None else np.asarray(area, dtype=float).copy()
    eff = np.where(np.isfinite(eff) & (eff > 0), eff, footprint * (opt.effective_ratio if ratio is None else ratio))
    fl = np.ones(n) if floors is None else np.where(np.isfinite(floors) & (np.asarray(floors) > 0), floors, 1.0)
    floor_area = eff * fl
    has = {f: np.array([f in fs for fs in funcs], dtype=bool) for f in tt["function_order"]}
    shelter_area = np.where(indoor, floor_area, eff)
    ipc = tt["indoor_per_capita"]
    return {"eff": eff, "floors": fl, "floor_area": floor_area, "has": has, "shelter_area": shelter_area,
            "shelter": np.where(has["shelter"], np.floor(shelter_area / per_capita), 0.0),
            "isolation": np.where(has["isolation"], np.floor(floor_area / ipc["isolation_m2"]), 0.0),
            "medical": np.where(has["medical"], np.floor(floor_area / ipc["medical_m2"]), 0.0),
            "supply": np.where(has["supply"], floor_area, 0.0)}


def _constraints(geoms, funcs, type_key, level, cap, sources, opt, cls, min_area):
    """``(eligible, reasons)``: the hard constraints of step 3, with bilingual reasons per site."""
    n = len(geoms)
    reasons_t = type_table()["suitability"]["reasons"]
    reasons = [[] for _ in range(n)]

    def add_reason(mask, key, **values):
        t = reasons_t[key]
        for i in np.flatnonzero(mask):
            vals = {k: (v[i] if isinstance(v, np.ndarray) else v) for k, v in values.items()}
            reasons[i].append(t["zh"].format(**vals) + " / " + t["en"].format(**vals))

    no_func = np.array([len(f) == 0 for f in funcs], dtype=bool)
    add_reason(no_func, "type", type=np.array(type_key, dtype=object))
    in_hazard = level >= opt.exclude_level
    add_reason(in_hazard, "hazard", level=level.astype(int), limit=int(opt.exclude_level))
    near = np.zeros(n, dtype=bool)
    if sources is not None and len(sources) and opt.source_buffer_m > 0:
        d_source = _nearest_distance(geoms, sources)
        near = d_source < opt.source_buffer_m
        add_reason(near, "source", dist=np.array([_fmt(v) for v in d_source], dtype=object), limit=_fmt(opt.source_buffer_m))
    has_shelter, eff, shelter_area = cap["has"]["shelter"], cap["eff"], cap["shelter_area"]
    unknown_area = has_shelter & ~np.isfinite(eff)
    add_reason(unknown_area, "no_area")
    # the shelter's effective area: the floor area of indoor types, the ground area of outdoor ones
    small = has_shelter & np.isfinite(shelter_area) & (shelter_area < min_area)
    add_reason(small, "area", area=np.array([_fmt(v) if np.isfinite(v) else "?" for v in shelter_area], dtype=object),
               cls=cls["zh"], cls_en=cls["en"], limit=_fmt(min_area))
    return ~(no_func | in_hazard | near | unknown_area | small), reasons


def _criteria(geoms, level, zones, zone_levels, cap, around, opt, feedback):
    """``(criteria {name: 0..1 per site}, access distance, persons within the walk)`` of step 4."""
    n = len(geoms)
    scales = type_table()["suitability"]["scales_m"]
    points = shapely.point_on_surface(geoms) if n else geoms
    crit = {}
    if len(zones):
        crit["safety"] = _safety(geoms, level, zones, zone_levels, opt.exclude_level, scales["safe_distance"])
    d_access = np.full(n, np.nan)
    net = around.net
    if net is not None and net.n_edges:
        mm = np.ones(net.n_edges, dtype=bool) if around.main_mask is None else np.asarray(around.main_mask, dtype=bool)
        d_access = _access(net, points, mm, opt.max_snap_m)
        crit["access"] = np.clip(1.0 - d_access / scales["access_max"], 0.0, 1.0)
    cap_ok = np.nan_to_num(np.where(cap["has"]["shelter"], cap["shelter"], np.maximum(cap["isolation"], cap["medical"])), nan=0.0)
    if np.isfinite(cap["eff"]).any():
        top = cap_ok.max() if n else 0.0
        crit["capacity"] = cap_ok / top if top > 0 else np.zeros(n)
    pop = np.full(n, np.nan)
    if around.demand_pts is not None and len(around.demand_pts) and opt.walk_limit_m:
        pop = _population(points, around.demand_pts, np.asarray(around.demand_persons, dtype=float), opt.walk_limit_m, net,
                          opt.max_snap_m, feedback)
        top = pop.max() if n else 0.0
        crit["population"] = pop / top if top > 0 else np.zeros(n)
    for name, geoms_near, key in (("hospital", around.hospitals, "hospital_max"), ("lifeline", around.lifelines, "lifeline_max")):
        if geoms_near is not None and len(geoms_near):
            crit[name] = np.clip(1.0 - _nearest_distance(geoms, geoms_near) / scales[key], 0.0, 1.0)
    return crit, d_access, pop


def _grade_and_rank(score, eligible):
    """Grades (Chinese, English) by the standards' breaks (ineligible sites get the lowest) and the rank among eligible."""
    grades = sorted(type_table()["suitability"]["grades"], key=lambda g: -g["min"])
    n = len(score)
    grade = np.full(n, grades[-1]["zh"], dtype=object)
    grade_en = np.full(n, grades[-1]["en"], dtype=object)
    for g in reversed(grades):
        sel = score >= g["min"]
        grade[sel] = g["zh"]
        grade_en[sel] = g["en"]
    grade[~eligible] = grades[-1]["zh"]
    grade_en[~eligible] = grades[-1]["en"]
    rank = np.full(n, np.nan)
    el = np.flatnonzero(eligible)
    order = el[np.lexsort((el, -score[el]))]
    rank[order] = np.arange(1, len(order) + 1)
    return grade, grade_en, rank
