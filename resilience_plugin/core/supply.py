"""Supply pre-positioning (物资前置调度): what each shelter needs, and from which depot it comes.

Needs per shelter and item = persons x (per-person daily amount x days, or a one-off amount per person),
defaults in ``resources/standards/supply_needs.json``. Depots hold a stock per item. Distances are
driving metres over the (vehicle) network with its own blocked streets (:mod:`.network`), one limited
Dijkstra per depot. Each item is an independent transportation problem solved like the evacuation plan
(:func:`.evacuation.optimal_assignment`): the most units delivered the stocks allow, then the least
unit-metres (so the least tonne-kilometres, the weight per unit being fixed per item); what is left is
the shortfall per shelter and item.

Main API::

    needs = parse_needs("water:15,food:0.6", standard)       # {item: (amount, per_day, kg_per_unit)}
    table = shelter_needs(persons, needs, days)               # DataFrame (shelter x item)
    plan = plan_supply(net, depots, stocks, shelters, table, edge_mask=..., limit_m=...)
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import evacuation as ev
from . import network as nw
from .errors import QT_TRANSLATE_NOOP, InputError


def parse_needs(text, standard):
    """``{item: (amount, per_day, kg_per_unit)}`` from the standard's items, overridden by
    ``"item:amount,..."`` (an item of ``text`` not in the standard is a daily need of 1 kg units)."""
    needs = {}
    for key, item in standard["items"].items():
        per_day = "per_person_per_day" in item
        needs[key] = (float(item["per_person_per_day"] if per_day else item["per_person"]), per_day, float(item["kg_per_unit"]))
    if text is None or not str(text).strip():
        return needs
    given = {}
    for part in str(text).split(","):
        if not part.strip():
            continue
        if ":" not in part:
            raise InputError(QT_TRANSLATE_NOOP("@default", "NEEDS: '{part}' is not item:amount (e.g. water:15)."), part=part.strip())
        name, value = (s.strip() for s in part.split(":", 1))
        try:
            amount = float(value)
        except ValueError:
            amount = float("nan")
        if not name or not np.isfinite(amount) or amount < 0:
            raise InputError(QT_TRANSLATE_NOOP("@default", "NEEDS: '{part}' needs an item name and a non-negative amount."), part=part.strip())
        base = needs.get(name, (0.0, True, 1.0))
        given[name] = (amount, base[1], base[2])
    return given


def shelter_needs(persons, needs, days):
    """Needs per shelter (rows) and item (columns): persons x amount (x days for daily items)."""
    persons = np.asarray(persons, dtype=float)
    return pd.DataFrame({item: persons * amount * (days if per_day else 1.0) for item, (amount, per_day, _) in needs.items()})


@dataclass
class ItemPlan:
    pair_shelter: np.ndarray
    pair_depot: np.ndarray
    pair_m: np.ndarray
    flow: np.ndarray  # units per pair
    delivered: np.ndarray  # per shelter
    shortfall: np.ndarray  # per shelter


@dataclass
class SupplyPlan:
    items: dict  # item -> ItemPlan
    report: dict = field(default_factory=dict)


def plan_supply(net, depots, stocks, shelters, needs, *, edge_mask=None, limit_m=None, max_snap_m=None, feedback=None):
    """Allocate each item of ``needs`` (DataFrame: shelters x items) from ``stocks`` ({item: stock per
    depot}) over the network. Every item of ``needs`` must be in ``stocks``."""
    missing = [item for item in needs.columns if item not in stocks]
    if missing:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Needed items without a stock at the depots: {items}. Give a stock field for each "
                                           "(or leave the item out of NEEDS)."), items=", ".join(missing))
    depots = np.asarray(depots, dtype=object)
    shelters = np.asarray(shelters, dtype=object)
    n_d, n_s = len(depots), len(shelters)
    dsnap = nw.snap_points(net, depots, max_distance=max_snap_m, edge_mask=edge_mask)
    ssnap = nw.snap_points(net, shelters, max_distance=max_snap_m, edge_mask=edge_mask)
    aug = nw.insert_points(net, [dsnap, ssnap], edge_mask)
    d_nodes, s_nodes = aug.point_node[:n_d], aug.point_node[n_d:]
    limit = float(limit_m) if limit_m else float(np.sum(net.edge_cost)) + 1.0 + 2 * float(np.nansum(dsnap.distance)) + 2 * float(
        np.nansum(ssnap.distance))
    sp = nw.distances_from_each(aug.matrix, d_nodes, s_nodes, limit, offsets=dsnap.distance, target_offsets=ssnap.distance,
                                feedback=feedback, node_xy=aug.node_xy if limit_m else None).tocoo()
    pair_d, pair_s = sp.row.astype(np.int64), sp.col.astype(np.int64)
    pair_m = np.maximum(sp.data - 1e-9, 0.0)
    order = np.lexsort((pair_d, pair_s))
    pair_d, pair_s, pair_m = pair_d[order], pair_s[order], pair_m[order]
    report = {"depots_not_snapped": int((d_nodes < 0).sum()), "shelters_not_snapped": int((s_nodes < 0).sum()), "pairs": int(len(pair_d))}
    items = {}
    for item in needs.columns:
        need = np.nan_to_num(needs[item].to_numpy(dtype=float))
        stock = np.nan_to_num(np.asarray(stocks[item], dtype=float))
        keep = need[pair_s] > 0
        a = ev.optimal_assignment(pair_s[keep], pair_d[keep], pair_m[keep], need, stock)
        delivered = np.bincount(pair_s[keep], weights=a.flow, minlength=n_s)
        short = np.maximum(need - delivered, 0.0)
        short[short <= 1e-6 * np.maximum(need, 1.0)] = 0.0
        items[item] = ItemPlan(pair_s[keep], pair_d[keep], pair_m[keep], a.flow, delivered, short)
    return SupplyPlan(items, report)
