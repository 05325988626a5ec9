"""The key numbers of each step, read from the files the step wrote (GDAL/OGR, no QGIS needed).

``compute(step, outputs)`` returns a JSON-serialisable dict; ``items(step, numbers)`` turns it into
display rows ``(label, value text, selection)`` where ``selection`` is ``(call, output, expression)``:
the features behind the number, selected when the number is clicked.
"""

from collections import defaultdict

from osgeo import ogr

from ...i18n import tr


def _rows(path, fields):
    """The values of ``fields`` in every feature of the file at ``path`` (missing fields give None)."""
    if not path:
        return []
    ds = ogr.Open(str(path))
    if ds is None:
        return []
    lyr = ds.GetLayer(0)
    defn = lyr.GetLayerDefn()
    index = {f: defn.GetFieldIndex(f) for f in fields}
    out = []
    for feat in lyr:
        out.append(
            {f: (feat.GetField(i) if i >= 0 and feat.IsFieldSetAndNotNull(i) else None) for f, i in index.items()}
        )
    return out


def _num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0


def _get(outputs, call, output):
    return outputs.get(call, {}).get(output)


def compute(step, outputs, params=None):
    """The key numbers of ``step`` from its output files (``params``: {call: parameters}, for numbers
    that are not in a file, such as the AHP consistency ratio)."""
    result = {
        "hazards": _hazards,
        "exposure": _exposure,
        "loss": _loss,
        "facilities": _facilities,
        "coverage": _coverage,
        "lifelines": _lifelines,
    }.get(step, lambda _o: {})(outputs)
    if step == "facilities" and params and "ahp" in params:
        result.update(_ahp(outputs, params["ahp"]))
    if step == "lifelines" and _get(outputs, "cascade", "OUTPUT_TABLE"):
        result.update(_cascade(outputs, (params or {}).get("cascade", {})))
    return result


def _cascade(outputs, params):
    """Cascading failures: the lifeline assets expected out of service (and those only through others), the
    persons expected without each system (the mean of the runs) and the hospitals out of service."""
    from ...core import cascade
    from ...core.errors import InputError

    fields = ["asset_class", "system", "failed_cascade", "out_of_service"]
    kinds = {
        k: _rows(_get(outputs, "cascade", k), fields) for k in ("OUTPUT_POINTS", "OUTPUT_LINES", "OUTPUT_POLYGONS")
    }
    assets = [r for rows in kinds.values() for r in rows if r["system"]]
    hospitals = [r for rows in kinds.values() for r in rows if r["asset_class"] == "hospital"]
    without, persons = defaultdict(float), defaultdict(float)
    present = {r["system"] for r in assets}  # a system with no asset among the inputs cuts nobody off
    for r in _rows(_get(outputs, "cascade", "OUTPUT_TABLE"), ["system", "persons", "without_mean"]):
        if r["system"] not in present:
            continue
        without[str(r["system"])] += _num(r["without_mean"])
        persons[str(r["system"])] += _num(r["persons"])
    try:
        table = cascade.load_dependencies(params.get("DEPENDENCIES") or None)
        names = {
            k: [v.get("zh", k), v.get("en", k)] if isinstance(v, dict) else [k, k] for k, v in table.systems.items()
        }
    except InputError:
        names = {}
    return {
        "cascade_assets": len(assets),
        "cascade_expected_out": sum(_num(r["out_of_service"]) for r in assets),
        "cascade_expected_spread": sum(_num(r["failed_cascade"]) for r in assets),
        "cascade_persons": max(persons.values(), default=0.0),  # the same demand under every system
        "cascade_without": dict(without),
        "cascade_system_names": {k: names.get(k, [k, k]) for k in without},
        "cascade_hospitals": len(hospitals),
        "cascade_hospitals_out": sum(_num(r["out_of_service"]) for r in hospitals),
        # the layer whose assets a click selects: the kind with the most lifeline assets
        "cascade_main": max(kinds, key=lambda k: sum(1 for r in kinds[k] if r["system"])),
    }


def _ahp(outputs, params):
    """The AHP weights (from the table written) and the consistency ratio (from the matrix given)."""
    from ...core import ahp
    from ...core.errors import InputError

    rows = _rows(_get(outputs, "ahp", "OUTPUT_TABLE"), ["criterion", "weight"])
    out = {"ahp_weights": {str(r["criterion"]): _num(r["weight"]) for r in rows}}
    try:
        names = ahp.parse_criteria(params["CRITERIA"])
        res = ahp.ahp_weights(ahp.parse_matrix(params["MATRIX"], len(names)))
        out.update(ahp_cr=float(res.cr), ahp_consistent=bool(res.consistent))
    except (InputError, KeyError, ValueError):
        pass
    return out


def _by_level(rows, value):
    acc = defaultdict(float)
    for r in rows:
        if r.get("level") is not None:
            acc[int(r["level"])] += _num(r[value]) if value else 1.0
    return {str(k): v for k, v in sorted(acc.items())}


def _hazards(outputs):
    rows = _rows(_get(outputs, "overlay", "OUTPUT_TABLE"), ["level", "area_m2", "population"])
    return {"population_by_level": _by_level(rows, "population"), "area_m2_by_level": _by_level(rows, "area_m2")}


def _exposure(outputs):
    rows = _rows(_get(outputs, "exposure_buildings", "OUTPUT_TABLE"), ["class", "level", "count", "value"])
    buildings = _by_level([r for r in rows if r["class"] != "population"], "count")
    persons = _by_level([r for r in rows if r["class"] == "population"], "value")
    roads = _rows(_get(outputs, "exposure_roads", "OUTPUT_TABLE"), ["level", "length_m"])
    return {
        "buildings_by_level": buildings,
        "persons_by_level": persons,
        "road_m_by_level": _by_level(roads, "length_m"),
    }


def _loss(outputs):
    rows = _rows(_get(outputs, "loss", "OUTPUT"), ["loss"])
    result = {
        "buildings": len(rows),
        "damaged_buildings": sum(1 for r in rows if _num(r["loss"]) > 0),
        "total_loss": sum(_num(r["loss"]) for r in rows),
    }
    base = _rows(_get(outputs, "loss_baseline", "OUTPUT"), ["loss"])
    if base:
        result["baseline_loss"] = sum(_num(r["loss"]) for r in base)
        result["loss_change"] = result["total_loss"] - result["baseline_loss"]
        units = _rows(_get(outputs, "compare", "OUTPUT_MAP"), ["change_class"])
        result["units_better"] = sum(1 for r in units if _num(r["change_class"]) > 0)
        result["units_worse"] = sum(1 for r in units if _num(r["change_class"]) < 0)
        result["units_same"] = sum(1 for r in units if r["change_class"] is not None and _num(r["change_class"]) == 0)
    return result


def _facilities(outputs):
    rows = _rows(_get(outputs, "suitability", "OUTPUT"), ["eligible", "capacity_persons"])
    eligible = [r for r in rows if r["eligible"] not in (None, 0, False, "0", "false")]
    return {
        "candidates": len(rows),
        "eligible": len(eligible),
        "eligible_capacity": sum(_num(r["capacity_persons"]) for r in eligible),
    }


def _coverage(outputs):
    demand = _rows(_get(outputs, "coverage", "OUTPUT_DEMAND"), ["persons", "covered"])
    facilities = _rows(_get(outputs, "coverage", "OUTPUT_FACILITIES"), ["capacity", "in_service"])
    persons = sum(_num(r["persons"]) for r in demand)
    covered = sum(_num(r["persons"]) for r in demand if r["covered"] not in (None, 0, False))
    capacity = sum(_num(r["capacity"]) for r in facilities if r["in_service"] not in (None, 0, False))
    result = {
        "persons": persons,
        "covered_persons": covered,
        "covered_pct": 100.0 * covered / persons if persons else 0.0,
        "capacity_in_service": capacity,
        "shelters_in_service": sum(1 for r in facilities if r["in_service"] not in (None, 0, False)),
    }
    origins = _rows(_get(outputs, "evacuation", "OUTPUT_ORIGINS"), ["persons", "placed", "unplaced", "walk_m"])
    if _get(outputs, "evacuation", "OUTPUT_ORIGINS"):
        placed = sum(_num(r["placed"]) for r in origins)
        result["evacuees"] = sum(_num(r["persons"]) for r in origins)
        result["evacuees_placed"] = placed
        result["evacuees_unplaced"] = sum(_num(r["unplaced"]) for r in origins)
        # the persons-weighted mean walk of those placed (walk_m: the mean of an origin's placed persons)
        result["evacuation_mean_walk_m"] = (
            sum(_num(r["placed"]) * _num(r["walk_m"]) for r in origins if _num(r["placed"]) > 0) / placed
            if placed
            else 0.0
        )
    result.update(_supply(outputs))
    result.update(_life_circle(outputs))
    return result


def _supply(outputs):
    path = _get(outputs, "supply", "OUTPUT_TABLE")
    if not path:
        return {}
    rows = _rows(path, ["item", "unit", "need", "delivered", "shortfall"])
    items = {}
    for r in rows:
        acc = items.setdefault(
            str(r["item"]), {"unit": r["unit"] or "", "need": 0.0, "delivered": 0.0, "shortfall": 0.0}
        )
        for k in ("need", "delivered", "shortfall"):
            acc[k] += _num(r[k])
    return {"supply_items": items}


def _life_circle(outputs):
    path = _get(outputs, "lifecircle", "OUTPUT_DEMAND")
    if not path:
        return {}
    rows = _rows(path, ["persons", "all_reached"])
    persons = sum(_num(r["persons"]) for r in rows)
    reached = sum(_num(r["persons"]) for r in rows if r["all_reached"] not in (None, 0, False))
    return {"life_circle_persons": persons, "life_circle_all_pct": 100.0 * reached / persons if persons else 0.0}


def _lifelines(outputs):
    result = {}
    # every lifeline layer of the study (lifeline_0, lifeline_1, ...); points have no length
    keys = sorted((k for k in outputs if k.startswith("lifeline_")), key=lambda k: int(k.split("_")[1]))
    links = [r for k in keys for r in _rows(_get(outputs, k, "OUTPUT"), ["p_fail", "length_m"])]
    result["lifeline_layers"] = len(keys)
    result["lifeline_m"] = sum(_num(r["length_m"]) for r in links)
    result["failed_m"] = sum(_num(r["length_m"]) for r in links if _num(r["p_fail"]) >= 0.5)
    if _get(outputs, "towers", "OUTPUT"):
        towers = _rows(_get(outputs, "towers", "OUTPUT_TOWERS"), ["p_fail"])
        lines = _rows(_get(outputs, "towers", "OUTPUT"), ["p_line"])
        result["towers"] = len(towers)
        result["expected_failed_towers"] = sum(_num(r["p_fail"]) for r in towers)
        result["power_lines"] = len(lines)
        result["power_lines_down"] = sum(1 for r in lines if _num(r["p_line"]) >= 0.5)
        result["expected_failed_lines"] = sum(_num(r["p_line"]) for r in lines)
    demand = _rows(_get(outputs, "criticality", "OUTPUT_DEMAND"), ["persons", "isolated"])
    if demand:
        result["persons"] = sum(_num(r["persons"]) for r in demand)
        result["isolated_persons"] = sum(_num(r["persons"]) for r in demand if r["isolated"] not in (None, 0, False))
    return result


# --- display --------------------------------------------------------------------------------------
def _fmt(v, digits=0):
    return f"{v:,.{digits}f}"


def _supply_items(numbers):
    rows = []
    for item, v in numbers.get("supply_items", {}).items():
        rows.append(
            (
                tr("Supplies: {item}").format(item=item),
                tr("{delivered} of {need} {unit} delivered, shortfall {shortfall}").format(
                    delivered=_fmt(v["delivered"]), need=_fmt(v["need"]), unit=v["unit"], shortfall=_fmt(v["shortfall"])
                ),
                ("supply", "OUTPUT_TABLE", f'"item" = \'{item}\' AND "shortfall" > 0') if v["shortfall"] > 0 else None,
            )
        )
    if "life_circle_all_pct" in numbers:
        rows.append(
            (
                tr("15-minute life circle"),
                tr("{pct}% of {persons} persons reach every service").format(
                    pct=_fmt(numbers["life_circle_all_pct"], 1), persons=_fmt(numbers["life_circle_persons"])
                ),
                ("lifecircle", "OUTPUT_DEMAND", 'NOT "all_reached"'),
            )
        )
    return rows


def _lifeline_items(numbers):
    rows = []
    rows.append(
        (
            tr("Failed lifeline length"),
            tr("{failed} km of {total} km").format(
                failed=_fmt(numbers.get("failed_m", 0.0) / 1000, 1),
                total=_fmt(numbers.get("lifeline_m", 0.0) / 1000, 1),
            ),
            ("lifeline_0", "OUTPUT", '"p_fail" >= 0.5'),
        )
    )
    if "power_lines" in numbers:
        rows.append(
            (
                tr("Power lines from their towers"),
                tr("{down} of {n} lines likely down (P ≥ 0.5), {towers} of {total} towers expected to fail").format(
                    down=numbers["power_lines_down"],
                    n=numbers["power_lines"],
                    towers=_fmt(numbers["expected_failed_towers"], 1),
                    total=numbers["towers"],
                ),
                ("towers", "OUTPUT", '"p_line" >= 0.5'),
            )
        )
    if "isolated_persons" in numbers:
        rows.append(
            (
                tr("Isolated from hospitals"),
                tr("{n} persons").format(n=_fmt(numbers["isolated_persons"])),
                ("criticality", "OUTPUT_DEMAND", '"isolated"'),
            )
        )
    if "cascade_assets" in numbers:
        rows += _cascade_items(numbers)
    return rows


def _cascade_items(numbers):
    from ...i18n import is_chinese

    rows = [
        (
            tr("Cascading failures"),
            tr("{out} of {n} lifeline assets expected out of service, {spread} of them through others").format(
                out=_fmt(numbers["cascade_expected_out"], 1),
                n=_fmt(numbers["cascade_assets"]),
                spread=_fmt(numbers["cascade_expected_spread"], 1),
            ),
            ("cascade", numbers.get("cascade_main", "OUTPUT_LINES"), '"out_of_service" >= 0.5'),
        )
    ]
    persons = numbers.get("cascade_persons", 0.0)
    pick = 0 if is_chinese() else 1
    for system, n in numbers.get("cascade_without", {}).items():
        name = numbers.get("cascade_system_names", {}).get(system, [system, system])[pick]
        rows.append(
            (
                tr("Without {system}").format(system=name),
                tr("{n} of {persons} persons ({pct}%)").format(
                    n=_fmt(n), persons=_fmt(persons), pct=_fmt(100.0 * n / persons if persons else 0.0, 1)
                ),
                ("cascade", "OUTPUT_POINTS", f'"asset_class" = \'people\' AND "no_{system}" >= 0.5'),
            )
        )
    if numbers.get("cascade_hospitals"):
        rows.append(
            (
                tr("Hospitals out of service"),
                tr("{out} of {n} expected").format(
                    out=_fmt(numbers["cascade_hospitals_out"], 1), n=numbers["cascade_hospitals"]
                ),
                None,
            )
        )
    return rows


def _loss_items(numbers):
    rows = []
    rows.append(
        (
            tr("Direct economic loss"),
            tr("{loss} in total, {n} of {total} buildings damaged").format(
                loss=_fmt(numbers.get("total_loss", 0.0)),
                n=_fmt(numbers.get("damaged_buildings", 0)),
                total=_fmt(numbers.get("buildings", 0)),
            ),
            ("loss", "OUTPUT", '"loss" > 0'),
        )
    )
    if "baseline_loss" in numbers:
        rows.append(
            (
                tr("Against the baseline scenario"),
                tr("{change:+,.0f} (baseline {base}); units better {better}, worse {worse}").format(
                    change=numbers.get("loss_change", 0.0),
                    base=_fmt(numbers.get("baseline_loss", 0.0)),
                    better=numbers.get("units_better", 0),
                    worse=numbers.get("units_worse", 0),
                ),
                ("compare", "OUTPUT_MAP", '"change_class" < 0') if numbers.get("units_worse") else None,
            )
        )
    return rows


def items(step, numbers):
    """Display rows ``(label, value, selection or None)`` for the numbers of ``step``."""
    rows = []
    if not numbers:
        return rows
    if step == "hazards":
        for level, persons in numbers.get("population_by_level", {}).items():
            if int(level) > 0:
                area = numbers.get("area_m2_by_level", {}).get(level, 0.0) / 1e6
                rows.append(
                    (
                        tr("Level {level}").format(level=level),
                        tr("{persons} persons, {area} km²").format(persons=_fmt(persons), area=_fmt(area, 2)),
                        ("overlay", "OUTPUT", f'"level" = {int(level)}'),
                    )
                )
    elif step == "exposure":
        persons = numbers.get("persons_by_level", {})
        for level, count in numbers.get("buildings_by_level", {}).items():
            if int(level) > 0:
                rows.append(
                    (
                        tr("Level {level}").format(level=level),
                        tr("{buildings} buildings, {persons} persons").format(
                            buildings=_fmt(count), persons=_fmt(persons.get(level, 0.0))
                        ),
                        ("exposure_buildings", "OUTPUT", f'"level" = {int(level)}'),
                    )
                )
    elif step == "loss":
        rows += _loss_items(numbers)
    elif step == "facilities":
        rows.append(
            (
                tr("Eligible sites"),
                tr("{n} of {total}, capacity {capacity} persons").format(
                    n=numbers.get("eligible", 0),
                    total=numbers.get("candidates", 0),
                    capacity=_fmt(numbers.get("eligible_capacity", 0.0)),
                ),
                ("suitability", "OUTPUT", '"eligible"'),
            )
        )
        if "ahp_weights" in numbers:
            weights = ", ".join(f"{k} {v:.3f}" for k, v in numbers["ahp_weights"].items())
            rows.append(
                (
                    tr("AHP weights"),
                    tr("{weights} (CR = {cr})").format(
                        weights=weights,
                        cr=f"{numbers['ahp_cr']:.3f}" if "ahp_cr" in numbers else "?",
                    )
                    + ("" if numbers.get("ahp_consistent", True) else " — " + tr("inconsistent, revise the matrix")),
                    None,
                )
            )
    elif step == "coverage":
        rows.append(
            (
                tr("Within the walking limit"),
                tr("{pct}% of {persons} persons").format(
                    pct=_fmt(numbers.get("covered_pct", 0.0), 1), persons=_fmt(numbers.get("persons", 0.0))
                ),
                ("coverage", "OUTPUT_DEMAND", '"covered"'),
            )
        )
        rows.append(
            (
                tr("Shelter capacity vs demand"),
                tr("{capacity} places for {persons} persons").format(
                    capacity=_fmt(numbers.get("capacity_in_service", 0.0)), persons=_fmt(numbers.get("persons", 0.0))
                ),
                ("coverage", "OUTPUT_FACILITIES", '"in_service"'),
            )
        )
        rows += _supply_items(numbers)
        if "evacuees" in numbers:
            rows.append(
                (
                    tr("Evacuation"),
                    tr("{placed} of {n} persons to move placed, {unplaced} without a place, mean walk {walk} m").format(
                        placed=_fmt(numbers.get("evacuees_placed", 0.0)),
                        n=_fmt(numbers.get("evacuees", 0.0)),
                        unplaced=_fmt(numbers.get("evacuees_unplaced", 0.0)),
                        walk=_fmt(numbers.get("evacuation_mean_walk_m", 0.0)),
                    ),
                    ("evacuation", "OUTPUT_ORIGINS", '"unplaced" > 0'),
                )
            )
    elif step == "lifelines":
        rows += _lifeline_items(numbers)
    return rows
