"""The community life circle (社区生活圈, "15-minute city"): which everyday services each resident reaches.

Every service (school, clinic, market, park, shelter, elderly care...) is a set of facility points with
its own walking limit. Distances are network walking metres (see :mod:`.network`): the demand and all
facilities are snapped and inserted into one graph, then **one multi-source Dijkstra per service**
(limited to that service's limit) gives every demand point the walk to the nearest facility of it.

Main API::

    minutes, key = default_minutes(layer_name, standard)     # limit from resources/standards/life_circle.json
    reach = service_reach(net, demand, [facilities...], [limit_m...], edge_mask=..., max_snap_m=...)
    table = unit_shares(n_units, demand_unit, persons, reach.reached, target_pct)
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import network as nw
from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel


def default_minutes(name, standard):
    """``(minutes, service key or None)`` for a service layer called ``name``: the first service of the
    standard whose keyword occurs in the name (case-insensitive), else the standard's default."""
    low = (name or "").lower()
    for key, svc in standard["services"].items():
        if any(k.lower() in low for k in svc["keywords"]):
            return float(svc["minutes"]), key
    return float(standard["default_minutes"]), None


def parse_minutes(text, n):
    """Walking minutes per service from ``"10,15,,5"`` (empty entries -> None); ``n`` services."""
    if text is None or not str(text).strip():
        return [None] * n
    parts = [p.strip() for p in str(text).split(",")]
    if len(parts) != n:
        raise InputError(QT_TRANSLATE_NOOP("@default", "SERVICE_MINUTES lists {got} value(s) for {n} service layer(s): give one per layer, "
                                           "in order (leave an entry empty for the default)."), got=len(parts), n=n)
    out = []
    for p in parts:
        if not p:
            out.append(None)
            continue
        try:
            value = float(p)
        except ValueError:
            value = float("nan")
        if not np.isfinite(value) or value <= 0:
            raise InputError(QT_TRANSLATE_NOOP("@default", "SERVICE_MINUTES: '{value}' is not a positive number of minutes."), value=p)
        out.append(value)
    return out


@dataclass
class Reach:
    walk_m: np.ndarray  # (n_demand, n_services) walk to the nearest facility of each service (inf if none in reach)
    reached: np.ndarray  # (n_demand, n_services) boolean: within that service's limit
    report: dict = field(default_factory=dict)


def service_reach(net, demand, services, limits_m, *, edge_mask=None, max_snap_m=None, feedback=None):
    """Walk from each demand point to the nearest facility of each service, within its limit.

    ``services``: a list of arrays of facility points; ``limits_m``: one walking limit (metres) each.
    Facilities or demand farther than ``max_snap_m`` from every passable street are not connected.
    """
    demand = np.asarray(demand, dtype=object)
    n_d, n_s = len(demand), len(services)
    dsnap = nw.snap_points(net, demand, max_distance=max_snap_m, edge_mask=edge_mask)
    snaps = [nw.snap_points(net, np.asarray(f, dtype=object), max_distance=max_snap_m, edge_mask=edge_mask) for f in services]
    aug = nw.insert_points(net, [dsnap, *snaps], edge_mask)
    d_nodes = aug.point_node[:n_d]
    walk = np.full((n_d, n_s), np.inf)
    ok = d_nodes >= 0
    start = n_d
    not_snapped = []
    for k, (snap, limit) in enumerate(zip(snaps, limits_m)):
        check_cancel(feedback, 10 + 80 * k / max(n_s, 1))
        nodes = aug.point_node[start:start + len(snap.edge)]
        start += len(snap.edge)
        use = nodes >= 0
        not_snapped.append(int((~use).sum()))
        if not use.any():
            continue
        dist_n, _ = nw.multi_source_dijkstra(aug.matrix, nodes[use], snap.distance[use], float(limit))
        walk[ok, k] = dist_n[d_nodes[ok]] + dsnap.distance[ok]
    limits = np.asarray(limits_m, dtype=float)
    reached = np.isfinite(walk) & (walk <= limits[None, :])
    walk[~reached] = np.inf
    report = {"demand_not_snapped": int((~ok).sum()), "facilities_not_snapped": not_snapped}
    return Reach(walk, reached, report)


def unit_shares(n_units, demand_unit, persons, reached, target_pct):
    """Per unit: ``population``, ``pct_<k>`` (share of residents reaching service k, in %), ``pct_all``
    (reaching every service) and ``missing`` (list of the service indices reached by fewer than
    ``target_pct`` % of the unit's residents; empty when the unit has no residents)."""
    ok = demand_unit >= 0
    u = demand_unit[ok]
    p = np.asarray(persons, dtype=float)[ok]
    r = np.asarray(reached, dtype=bool)[ok]
    pop = np.bincount(u, weights=p, minlength=n_units)
    table = pd.DataFrame({"population": pop})
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in range(r.shape[1]):
            table[f"pct_{k}"] = np.where(pop > 0, 100.0 * np.bincount(u, weights=p * r[:, k], minlength=n_units) / pop, np.nan)
        table["pct_all"] = np.where(pop > 0, 100.0 * np.bincount(u, weights=p * r.all(axis=1), minlength=n_units) / pop, np.nan)
    pct = table[[f"pct_{k}" for k in range(r.shape[1])]].to_numpy()
    table["missing"] = [[k for k in range(r.shape[1]) if pop[i] > 0 and pct[i, k] < target_pct - 1e-9] for i in range(n_units)]
    return table
