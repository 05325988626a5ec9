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


def compute(step, outputs):
    return {
        "hazards": _hazards,
        "exposure": _exposure,
        "facilities": _facilities,
        "coverage": _coverage,
        "lifelines": _lifelines,
    }.get(step, lambda _o: {})(outputs)


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
    return {
        "persons": persons,
        "covered_persons": covered,
        "covered_pct": 100.0 * covered / persons if persons else 0.0,
        "capacity_in_service": capacity,
        "shelters_in_service": sum(1 for r in facilities if r["in_service"] not in (None, 0, False)),
    }


def _lifelines(outputs):
    result = {}
    links = _rows(_get(outputs, "lifeline_0", "OUTPUT"), ["p_fail", "length_m"])
    result["lifeline_m"] = sum(_num(r["length_m"]) for r in links)
    result["failed_m"] = sum(_num(r["length_m"]) for r in links if _num(r["p_fail"]) >= 0.5)
    demand = _rows(_get(outputs, "criticality", "OUTPUT_DEMAND"), ["persons", "isolated"])
    if demand:
        result["persons"] = sum(_num(r["persons"]) for r in demand)
        result["isolated_persons"] = sum(_num(r["persons"]) for r in demand if r["isolated"] not in (None, 0, False))
    return result


# --- display --------------------------------------------------------------------------------------
def _fmt(v, digits=0):
    return f"{v:,.{digits}f}"


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
    elif step == "lifelines":
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
        if "isolated_persons" in numbers:
            rows.append(
                (
                    tr("Isolated from hospitals"),
                    tr("{n} persons").format(n=_fmt(numbers["isolated_persons"])),
                    ("criticality", "OUTPUT_DEMAND", '"isolated"'),
                )
            )
    return rows
