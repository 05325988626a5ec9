"""The workbench steps, in planning order, as the Processing calls they make (no QGIS here).

``build_calls(study, scenario, step)`` turns the study into the list of ``Call`` s a step runs: the
algorithm id, its parameters (with the parameter names the example model wires, see
``scripts/make_models.py``) and the outputs it writes. Values that are not plain numbers or text
are references resolved by the runner:

- ``layer(id)``: a layer of the project (the study refers to layers by id);
- ``out(call, output)``: an output of an earlier call of the same step;
- ``upstream(step, call, output)``: an output of an earlier step's last run.

``fingerprint(calls, layer_prints, upstream_prints)`` hashes what a step reads (its calls with every
layer replaced by the layer's own fingerprint, plus the fingerprints of the steps it builds on): a
step is up to date when the fingerprint of its last run equals the one it would have now.
"""

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Dict, List

from .study import PER_CELL, PRESET, THRESHOLDS, VALUE_MAP

HAZARDS, EXPOSURE, LOSS, FACILITIES, COVERAGE, LIFELINES, MAPS = (
    "hazards",
    "exposure",
    "loss",
    "facilities",
    "coverage",
    "lifelines",
    "maps",
)
STEP_IDS = (HAZARDS, EXPOSURE, LOSS, FACILITIES, COVERAGE, LIFELINES, MAPS)
DEPENDS = {
    HAZARDS: (),
    EXPOSURE: (HAZARDS,),
    LOSS: (),  # reads the depth rasters and the buildings only
    FACILITIES: (HAZARDS,),
    COVERAGE: (HAZARDS, FACILITIES),
    LIFELINES: (HAZARDS,),
    MAPS: (HAZARDS, EXPOSURE, LOSS, FACILITIES, COVERAGE, LIFELINES),
}
LEVEL = "level"


def layer(layer_id):
    return {"layer": layer_id}


def out(call, output):
    return {"out": [call, output]}


def upstream(step, call, output):
    return {"upstream": [step, call, output]}


def is_ref(value, kind=None):
    return (
        isinstance(value, dict)
        and len(value) == 1
        and (kind is None and next(iter(value)) in ("layer", "out", "upstream") or kind in value)
    )


@dataclass
class Call:
    key: str  # unique within the step
    alg: str
    params: Dict[str, object]
    outputs: Dict[str, str] = field(default_factory=dict)  # output parameter -> file extension
    load: List[str] = field(default_factory=list)  # outputs added to the layer tree
    main_thread: bool = False  # algorithms that must run on the main thread (layouts)
    files: List[str] = field(default_factory=list)  # files read whose content counts (a dependency table)

    def as_dict(self):
        return {"key": self.key, "alg": self.alg, "params": self.params, "outputs": self.outputs, "load": self.load}


def _gpkg_call(key, alg, params, outputs, study=None, load=None):
    """A call writing the ``outputs`` (names) as GeoPackages, all loaded unless ``load`` names them; with the
    ``study``'s admin units, its OUTPUT_TABLE per unit too."""
    names = list(outputs)
    if study is not None and study.units.layer:
        names.append("OUTPUT_TABLE")
    return Call(key, alg, params, {n: "gpkg" for n in names}, names if load is None else list(load))


def _blocked(study):
    """The composite zones and the level from which streets (and shelters) are closed."""
    return {"HAZARD": _hazard_ref(), "HAZARD_LEVEL_FIELD": LEVEL, "BLOCK_LEVEL": int(study.params.block_level)}


class NotReady(Exception):
    """The study lacks something a step needs; ``args[0]`` names it (English, translated by the caller)."""


def build_calls(study, scenario, step):
    """The calls of ``step`` for ``scenario`` (a ``Scenario``). Raises ``NotReady`` naming what is missing."""
    builders = {
        HAZARDS: _hazards,
        EXPOSURE: _exposure,
        LOSS: _loss,
        FACILITIES: _facilities,
        COVERAGE: _coverage,
        LIFELINES: _lifelines,
        MAPS: _maps,
    }
    return builders[step](study, scenario)


def _units(study):
    if not study.units.layer:
        return {}
    return {"UNITS": layer(study.units.layer), "UNIT_ID_FIELD": study.units.id_field or None}


def _population_unit(study):
    """POPULATION_UNIT, the same in every algorithm: 0 persons per km², 1 persons per cell."""
    return 1 if study.population.unit == PER_CELL else 0


def _population_field_or_unit(study):
    """The population parameter that goes with the study's population layer: its field, or the raster's unit."""
    if study.population.field:
        return {"POPULATION_FIELD": study.population.field}
    return {"POPULATION_UNIT": _population_unit(study)}


def _demand_and_road_class(study):
    """The population field or unit, and the road class field when there is one."""
    params = _population_field_or_unit(study)
    if study.roads.class_field:
        params["ROAD_CLASS_FIELD"] = study.roads.class_field
    return params


def _hazard_ref():
    return upstream(HAZARDS, "overlay", "OUTPUT")


def _hazards(study, scenario):
    if scenario is None or not scenario.hazards:
        raise NotReady("hazard layers")
    calls = []
    for i, h in enumerate(scenario.hazards):
        if not h.layer:
            raise NotReady("hazard layers")
        params = {
            "INPUT": layer(h.layer),
            "HAZARD_NAME": h.name or f"hazard{i + 1}",
            "BAND": int(h.band or 1),
            "KEEP_LEVEL_0": False,
            "PRESET": 0,
        }
        if h.field:
            params["FIELD"] = h.field
        if h.classification == PRESET:
            params["PRESET"] = int(h.preset)
        elif h.classification == VALUE_MAP:
            params["VALUE_MAP"] = h.value_map
        elif h.classification == THRESHOLDS:
            params["THRESHOLDS"] = h.thresholds
        calls.append(Call(f"classify_{i}", "resilience:classifyhazard", params, {"OUTPUT": "gpkg"}, ["OUTPUT"]))
    params = {
        "HAZARDS": [out(c.key, "OUTPUT") for c in calls],
        "LEVEL_FIELD": LEVEL,
        "METHOD": int(scenario.overlay_method),
    }
    if scenario.weights:
        params["WEIGHTS"] = scenario.weights
    params.update(_units(study))
    if study.population.layer and not study.population.field:
        params["POPULATION"] = layer(study.population.layer)
        params["POPULATION_UNIT"] = _population_unit(study)
    calls.append(_gpkg_call("overlay", "resilience:hazardoverlay", params, ["OUTPUT", "OUTPUT_TABLE"]))
    return calls


def _exposure(study, scenario):
    calls = []
    units = _units(study)
    pop = {}
    if study.population.layer and not study.population.field:
        pop = {"EXPOSURE_RASTER": layer(study.population.layer), "POPULATION_UNIT": _population_unit(study)}
    if study.buildings.layer:
        params = {
            "HAZARD": _hazard_ref(),
            "LEVEL_FIELD": LEVEL,
            "EXPOSURE": layer(study.buildings.layer),
            "RULE": 0,
            **units,
            **pop,
        }
        if study.buildings.type_field:
            params["CLASS_FIELD"] = study.buildings.type_field
        calls.append(_gpkg_call("exposure_buildings", "resilience:exposuresummary", params, ["OUTPUT", "OUTPUT_TABLE"]))
    if study.roads.layer:
        params = {"HAZARD": _hazard_ref(), "LEVEL_FIELD": LEVEL, "EXPOSURE": layer(study.roads.layer), **units}
        if study.roads.class_field:
            params["CLASS_FIELD"] = study.roads.class_field
        calls.append(
            _gpkg_call(
                "exposure_roads",
                "resilience:exposuresummary",
                params,
                ["OUTPUT", "OUTPUT_TABLE"],
                load=["OUTPUT_TABLE"],
            )
        )
    if not calls:
        raise NotReady("buildings or roads")
    return calls


FLOOD_DEPTH = 0  # lifelineexposure INTENSITY_MEASURE of flood depth (m), what economicloss reads


def _loss_call(study, key, depth_layer):
    params = {
        "INPUT": layer(study.buildings.layer),
        "DEPTH": [layer(depth_layer)],
        "DEFAULT_FLOORS": float(study.params.loss_floors),
        **_units(study),
    }
    if study.buildings.type_field:
        params["CLASS_FIELD"] = study.buildings.type_field
    if study.buildings.floors_field:  # text such as '4-7' or '10+' is read by economicloss (counted in its log)
        params["FLOORS_FIELD"] = study.buildings.floors_field
    return _gpkg_call(key, "resilience:economicloss", params, ["OUTPUT", "OUTPUT_TABLE"])


def _flood_depth(scenario):
    if scenario is None or not scenario.intensity_layer or int(scenario.intensity_measure) != FLOOD_DEPTH:
        return None
    return scenario.intensity_layer


def _loss(study, scenario):
    """Direct economic loss from the scenario's flood-depth raster; with an earlier scenario that has one
    too, its loss and the comparison of the two (the first such scenario is the baseline)."""
    if not study.buildings.layer:
        raise NotReady("buildings")
    depth = _flood_depth(scenario)
    if depth is None:
        raise NotReady("flood depth raster")
    calls = [_loss_call(study, "loss", depth)]
    baseline = next((s for s in study.scenarios if _flood_depth(s) is not None), None)
    if baseline is not None and baseline.name != scenario.name:
        calls.append(_loss_call(study, "loss_baseline", _flood_depth(baseline)))
        calls[-1].load = []
        params = {
            "INPUTS": [out("loss_baseline", "OUTPUT_TABLE"), out("loss", "OUTPUT_TABLE")],
            "NAMES": f"{_safe_name(baseline.name)},{_safe_name(scenario.name)}",
            "VALUE_FIELD": "loss",
            **_units(study),
        }
        outputs = {"OUTPUT_TABLE": "gpkg"}
        if study.units.layer:
            outputs["OUTPUT_MAP"] = "gpkg"
        calls.append(Call("compare", "resilience:comparescenarios", params, outputs, list(outputs)))
    return calls


def _safe_name(name):
    """A scenario name as comparescenarios' NAMES takes it (a field-name suffix: letters, digits, _)."""
    return re.sub(r"\W+", "_", str(name)).strip("_") or "scenario"


def _extract(key, source, expression):
    return Call(key, "native:extractbyexpression", {"INPUT": source, "EXPRESSION": expression}, {"OUTPUT": "gpkg"})


def _hospitals(study, calls):
    """The hospitals source (filtered when the study gives a filter), appending the extraction call."""
    if not study.hospitals.layer:
        return None
    if study.hospitals.filter:
        calls.append(_extract("extract_hospitals", layer(study.hospitals.layer), study.hospitals.filter))
        return out("extract_hospitals", "OUTPUT")
    return layer(study.hospitals.layer)


def _facilities(study, scenario):
    c = study.candidates
    if not c.layer or not c.type_field:
        raise NotReady("candidate facilities and their type field")
    calls = []
    source = layer(c.layer)
    if c.filter:
        calls.append(_extract("extract_candidates", source, c.filter))
        source = out("extract_candidates", "OUTPUT")
    p = study.params
    params = {
        "CANDIDATES": source,
        "TYPE_FIELD": c.type_field,
        "EFFECTIVE_RATIO": float(p.effective_ratio),
        "SHELTER_CLASS": int(p.shelter_class),
        "HAZARD": _hazard_ref(),
        "HAZARD_LEVEL_FIELD": LEVEL,
        "EXCLUDE_LEVEL": int(p.exclude_level),
    }
    if study.typology_file:
        params["TYPOLOGY_FILE"] = study.typology_file
    if c.name_field:
        params["NAME_FIELD"] = c.name_field
    if c.floors_field:
        params["FLOORS_FIELD"] = c.floors_field
    if study.roads.layer:
        params["ROADS"] = layer(study.roads.layer)
        if study.roads.class_field:
            params["ROAD_CLASS_FIELD"] = study.roads.class_field
    if study.population.layer:
        params["POPULATION"] = layer(study.population.layer)
        params.update(_population_field_or_unit(study))
    hospitals = _hospitals(study, calls)
    if hospitals is not None:
        params["HOSPITALS"] = hospitals
    if study.ahp_matrix:
        # the criterion weights from the planners' pairwise comparisons (层次分析法)
        matrix = {"CRITERIA": study.ahp_criteria, "MATRIX": list(study.ahp_matrix)}
        calls.append(_gpkg_call("ahp", "resilience:ahpweights", matrix, ["OUTPUT_TABLE"]))
        params["WEIGHTS_TABLE"] = out("ahp", "OUTPUT_TABLE")
    calls.append(_gpkg_call("suitability", "resilience:facilitysuitability", params, ["OUTPUT"]))
    return calls


def _coverage(study, scenario):
    if not study.population.layer:
        raise NotReady("population")
    if not study.roads.layer:
        raise NotReady("roads")
    p = study.params
    calls = [_extract("extract_eligible", upstream(FACILITIES, "suitability", "OUTPUT"), '"eligible"')]
    params = {
        "FACILITIES": out("extract_eligible", "OUTPUT"),
        "CAPACITY_FIELD": "capacity_persons",
        "FACILITY_ID_FIELD": "site_id",
        "DEMAND": layer(study.population.layer),
        "ROADS": layer(study.roads.layer),
        "MAX_MINUTES": float(p.walk_minutes),
        "WALK_KMH": float(p.walk_kmh),
        **_blocked(study),
        "MODE": int(p.coverage_mode),
        **_units(study),
    }
    params.update(_demand_and_road_class(study))
    outputs = ["OUTPUT_DEMAND", "OUTPUT_FACILITIES", "OUTPUT_AREAS"]
    calls.append(_gpkg_call("coverage", "resilience:sheltercoverage", params, outputs, study))
    calls.append(_evacuation(study))
    if study.depots.layer:
        calls.append(_supply(study))
    services = [sv for sv in study.services if sv.layer]
    if services:
        calls += _life_circle(study, services)
    return calls


def _supply(study):
    """物资前置调度: the relief items the evacuees' shelters need, from the depots, over the roads."""
    d = study.depots
    params = {
        "SHELTERS": out("evacuation", "OUTPUT_SHELTERS"),
        "PERSONS_FIELD": "load",
        "SHELTER_ID_FIELD": "shelter_id",
        "DEPOTS": layer(d.layer),
        "ROADS": layer(study.roads.layer),
        **_blocked(study),
    }
    if d.id_field:
        params["DEPOT_ID_FIELD"] = d.id_field
    if d.stock_fields:
        params["STOCK_FIELDS"] = d.stock_fields
    if study.roads.class_field:
        params["ROAD_CLASS_FIELD"] = study.roads.class_field
    return _gpkg_call("supply", "resilience:supplyplan", params, ["OUTPUT_FLOWS", "OUTPUT_TABLE"])


def _life_circle(study, services):
    """15分钟生活圈: the share of residents reaching each everyday service on foot."""
    calls, sources = [], []
    for i, sv in enumerate(services):
        if sv.filter:
            calls.append(_extract(f"extract_service_{i}", layer(sv.layer), sv.filter))
            sources.append(out(f"extract_service_{i}", "OUTPUT"))
        else:
            sources.append(layer(sv.layer))
    params = {
        "SERVICES": sources,
        "SERVICE_NAMES": ",".join(_safe_name(sv.name or f"service{i + 1}") for i, sv in enumerate(services)),
        "SERVICE_MINUTES": ",".join(f"{sv.minutes:g}" if sv.minutes else "" for sv in services),
        "DEMAND": layer(study.population.layer),
        "ROADS": layer(study.roads.layer),
        "WALK_KMH": float(study.params.walk_kmh),
        **_blocked(study),
        **_units(study),
    }
    params.update(_demand_and_road_class(study))
    calls.append(_gpkg_call("lifecircle", "resilience:lifecircle", params, ["OUTPUT_DEMAND"], study))
    return calls


def _evacuation(study):
    """人口转移安置: who must leave the zones of level >= evacuate_level and where they go (the eligible sites)."""
    p = study.params
    params = {
        "SHELTERS": out("extract_eligible", "OUTPUT"),
        "CAPACITY_FIELD": "capacity_persons",
        "SHELTER_ID_FIELD": "site_id",
        "DEMAND": layer(study.population.layer),
        "ROADS": layer(study.roads.layer),
        **_blocked(study),
        "EVACUATE_LEVEL": int(p.evacuate_level),
        "WALK_KMH": float(p.walk_kmh),
        "MAX_DISTANCE_M": float(p.evacuate_max_m),
        **_units(study),
    }
    params.update(_demand_and_road_class(study))
    outputs = ["OUTPUT_ORIGINS", "OUTPUT_SHELTERS", "OUTPUT_FLOWS"]
    return _gpkg_call("evacuation", "resilience:evacuationplan", params, outputs, study)


def _towers(study, scenario):
    """Power lines from their towers (towerfailure) with the scenario's intensity raster; None without them."""
    pw = study.power
    if not pw.towers or not pw.lines or scenario is None or not scenario.intensity_layer:
        return None
    params = {
        "TOWERS": layer(pw.towers),
        "TOWER_TYPE": pw.tower_type or "transmission_tower",
        "LINES": layer(pw.lines),
        "INTENSITY": layer(scenario.intensity_layer),
        "INTENSITY_MEASURE": int(scenario.intensity_measure),
        **_units(study),
    }
    if pw.line_id_field and pw.tower_line_field:
        params["LINE_ID_FIELD"] = pw.line_id_field
        params["TOWER_LINE_FIELD"] = pw.tower_line_field
    if study.fragility_file:
        params["FRAGILITY_FILE"] = study.fragility_file
    return _gpkg_call("towers", "resilience:towerfailure", params, ["OUTPUT", "OUTPUT_TOWERS"], study)


def lifeline_layers(study):
    """The study's lifelines, or the roads as the one lifeline when none is given."""
    if study.lifelines:
        return [ll for ll in study.lifelines if ll.layer]
    if study.roads.layer:
        from .study import Lifeline

        return [Lifeline(layer=study.roads.layer, asset_type="road")]
    return []


def _lifelines(study, scenario):
    lines = lifeline_layers(study)
    if not lines:
        raise NotReady("lifeline layers")
    calls = []
    for i, ll in enumerate(lines):
        params = {"LIFELINES": layer(ll.layer), "HAZARD": _hazard_ref(), "LEVEL_FIELD": LEVEL, **_units(study)}
        if ll.asset_type:
            params["ASSET_TYPE"] = ll.asset_type
        if ll.asset_type_field:
            params["ASSET_TYPE_FIELD"] = ll.asset_type_field
        if study.fragility_file:
            params["FRAGILITY_FILE"] = study.fragility_file
        if scenario is not None and scenario.intensity_layer:
            params["INTENSITY"] = layer(scenario.intensity_layer)
            params["INTENSITY_MEASURE"] = int(scenario.intensity_measure)
        calls.append(_gpkg_call(f"lifeline_{i}", "resilience:lifelineexposure", params, ["OUTPUT", "OUTPUT_TABLE"]))
    tower_call = _towers(study, scenario)
    if tower_call is not None:
        calls.append(tower_call)
    # Criticality on the road network (the lifeline on the roads layer, else the first one).
    network = next((i for i, ll in enumerate(lines) if ll.layer == study.roads.layer), 0)
    hospitals = _hospitals(study, calls)
    if hospitals is not None and study.population.layer:
        params = {
            "NETWORK": out(f"lifeline_{network}", "OUTPUT"),
            "FAILED": study.params.failed_expression,
            "DEMAND": layer(study.population.layer),
            "DESTINATIONS": [hospitals],
            "MAX_SNAP": 300.0,
            "MAX_DETOUR_LINKS": 2000,
            **_units(study),
        }
        params.update(_population_field_or_unit(study))
        outputs = ["OUTPUT_DEMAND", "OUTPUT_TABLE", "OUTPUT_LINKS"]
        calls.append(_gpkg_call("criticality", "resilience:networkcriticality", params, outputs))
    if study.cascade.enabled:
        calls += _cascade(study, lines, hospitals, people="criticality" in {c.key for c in calls})
    return calls


CLASS_FIELD = "asset_class"  # the class of the dependency table the cascade reads


def _tag(key, source, formula):
    """``source`` with the field CLASS_FIELD set to ``formula`` (native:fieldcalculator, text)."""
    params = {"INPUT": source, "FIELD_NAME": CLASS_FIELD, "FIELD_TYPE": 2, "FIELD_LENGTH": 64, "FORMULA": formula}
    return Call(key, "native:fieldcalculator", params, {"OUTPUT": "gpkg"})


def _literal(text):
    return "'" + str(text).replace("'", "''") + "'"


def _cascade(study, lines, hospitals, people):
    """生命线级联失效: the lifelines (failing with their p_fail), the hospitals and, after a criticality run,
    its population points, each tagged with its class of the dependency table; RUNS Monte Carlo runs."""
    from ...core.cascade import load_dependencies
    from ...core.errors import InputError

    cs = study.cascade
    try:
        classes = load_dependencies(cs.dependencies or None).classes
    except InputError:  # the cascade says what is wrong with the table
        classes = {"hospital": None, "people": None}
    calls = []
    for i, ll in enumerate(lines):
        # the class given for the layer, else each asset's type as lifelineexposure wrote it
        formula = _literal(ll.cascade_class) if ll.cascade_class else '"asset_type"'
        calls.append(_tag(f"cascade_assets_{i}", out(f"lifeline_{i}", "OUTPUT"), formula))
    if hospitals is not None and "hospital" in classes:
        calls.append(_tag("cascade_hospitals", hospitals, _literal("hospital")))
    if people and "people" in classes:
        calls.append(_tag("cascade_people", out("criticality", "OUTPUT_DEMAND"), _literal("people")))
    params = {
        "ASSETS": [out(c.key, "OUTPUT") for c in calls],
        "CLASS_FIELD": CLASS_FIELD,
        "POPULATION_FIELD": "persons",
        "MODE": 0,
        "P_FIELD": "p_fail",
        "RUNS": int(cs.runs),
        "SEED": int(cs.seed),
        **_units(study),
    }
    if cs.dependencies:
        params["DEPENDENCIES"] = cs.dependencies
    outputs = ["OUTPUT_POINTS", "OUTPUT_LINES", "OUTPUT_POLYGONS", "OUTPUT_TABLE"]
    calls.append(_gpkg_call("cascade", "resilience:cascade", params, outputs))
    calls[-1].files = [cs.dependencies] if cs.dependencies else []
    # for the plan map: the point assets, and apart from them (drawn as cells) the people out of service
    calls.append(_extract("cascade_map_points", out("cascade", "OUTPUT_POINTS"), CASCADE_MAP_POINTS))
    calls.append(_extract("cascade_map_people", out("cascade", "OUTPUT_POINTS"), CASCADE_MAP_PEOPLE))
    return calls


CASCADE_MAP_POINTS = '"asset_class" <> \'people\''
CASCADE_MAP_PEOPLE = '"asset_class" = \'people\' AND "out_of_service" >= 0.5'


# The plan maps: (call key, title, layers as (step, call, output), extent from (step, call, output) or None).
MAP_SET = (
    ("map_hazard", "综合灾害风险分区图 Composite hazard zoning", [(HAZARDS, "overlay", "OUTPUT")], None),
    (
        "map_exposure",
        "承灾体暴露图 Exposed buildings",
        [(EXPOSURE, "exposure_buildings", "OUTPUT"), (HAZARDS, "overlay", "OUTPUT")],
        None,
    ),
    (
        "map_suitability",
        "平急两用设施适宜性评价图 Dual-use facility suitability",
        [(FACILITIES, "suitability", "OUTPUT"), (HAZARDS, "overlay", "OUTPUT")],
        None,
    ),
    (
        "map_coverage",
        "应急避难场所步行覆盖图 Shelter walking coverage",
        [(COVERAGE, "coverage", "OUTPUT_FACILITIES"), (COVERAGE, "coverage", "OUTPUT_AREAS")],
        (COVERAGE, "coverage", "OUTPUT_AREAS"),
    ),
    ("map_lifelines", "生命线工程暴露图 Lifelines in the hazard", [(LIFELINES, "lifeline_0", "OUTPUT")], None),
    # the maps of the further outputs, each made when its first layer's step wrote it
    ("map_loss", "建筑直接经济损失图 Direct economic loss of buildings", [(LOSS, "loss", "OUTPUT")], None),
    ("map_loss_change", "情景对比损失变化图 Loss change against the baseline", [(LOSS, "compare", "OUTPUT_MAP")], None),
    (
        "map_evacuation",
        "人口转移安置图 Evacuation flows and shelter load",
        [
            (COVERAGE, "evacuation", "OUTPUT_SHELTERS"),
            (COVERAGE, "evacuation", "OUTPUT_FLOWS"),
            (HAZARDS, "overlay", "OUTPUT"),
        ],
        (COVERAGE, "evacuation", "OUTPUT_FLOWS"),  # the flows and the shelters they reach (empty: all layers)
    ),
    (
        "map_supply",
        "应急物资调配图 Relief supply plan",
        [(COVERAGE, "supply", "OUTPUT_FLOWS"), (COVERAGE, "evacuation", "OUTPUT_SHELTERS"), ("study", "depots")],
        None,
    ),
    ("map_life_circle", "15分钟生活圈图 15-minute life circle", [(COVERAGE, "lifecircle", "OUTPUT_DEMAND")], None),
    (
        "map_towers",
        "输电线路杆塔失效图 Power lines from their towers",
        [(LIFELINES, "towers", "OUTPUT"), (LIFELINES, "towers", "OUTPUT_TOWERS")],
        None,
    ),
    (
        "map_cascade",
        "生命线级联失效图 Cascading lifeline failures",
        [(LIFELINES, "cascade", "OUTPUT_LINES"), (LIFELINES, "cascade", "OUTPUT_POLYGONS")]
        + [(LIFELINES, "cascade_map_points", "OUTPUT"), (LIFELINES, "cascade_map_people", "OUTPUT")],
        None,
    ),
)


def _map_layer(study, ref):
    """A layer of a plan map: an earlier step's output (step, call, output), or a layer of the study
    ("study", role), e.g. the depots the supply flows start from (None when the study has none)."""
    if ref[0] == "study":
        chosen = getattr(study, ref[1]).layer
        return layer(chosen) if chosen else None
    return upstream(*ref)


def _maps(study, scenario):
    calls = []
    name = scenario.name if scenario is not None else ""
    # LANGUAGE of exportplanmap: 0 Chinese, 1 English, 2 bilingual; the titles follow.
    language = {"zh": 0, "en": 1}.get(study.language, 2)
    for key, bilingual, layers, extent in MAP_SET:
        zh, _sep, en = bilingual.partition(" ")
        title = (zh, en, bilingual)[language]
        params = {
            "LAYERS": [lyr for lyr in (_map_layer(study, ref) for ref in layers) if lyr is not None]
            + ([layer(study.units.layer)] if study.units.layer else []),
            "TEMPLATE": 0,
            "TITLE": f"{study.map_title or title}",
            "SUBTITLE": name,
            "NOTE": study.map_note,
            "OVERVIEW": True,
            "FORMAT": 0,
            "DPI": 300,
            "LANGUAGE": language,
        }
        if study.map_title:
            params["SUBTITLE"] = f"{title} — {name}" if name else title
        if extent is not None:
            params["EXTENT"] = upstream(*extent)
        calls.append(Call(key, "resilience:exportplanmap", params, {"OUTPUT": "pdf"}, [], main_thread=True))
    return calls


def upstream_refs(calls):
    """The (step, call, output) references a step's calls make to earlier steps."""
    found = []

    def walk(v):
        if is_ref(v, "upstream"):
            found.append(tuple(v["upstream"]))
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for c in calls:
        for v in c.params.values():
            walk(v)
    return found


def _stamps(paths):
    """What identifies the content of each file: its size and modification time (or that it is missing)."""
    out = []
    for path in paths:
        try:
            st = os.stat(path)
            out.append(f"{path}|{st.st_mtime_ns}|{st.st_size}")
        except OSError:
            out.append("missing:" + str(path))
    return out


def fingerprint(calls, layer_prints, upstream_prints):
    """A hash of what the step reads: its calls (layers by their fingerprint) and its upstream runs."""

    def norm(v):
        if is_ref(v, "layer"):
            return {"layer": layer_prints.get(v["layer"], "missing:" + v["layer"])}
        if isinstance(v, list):
            return [norm(x) for x in v]
        return v

    payload = [
        {
            **c.as_dict(),
            "params": {k: norm(v) for k, v in sorted(c.params.items())},
            **({"files": _stamps(c.files)} if c.files else {}),
        }
        for c in calls
    ]
    text = json.dumps(
        {"calls": payload, "upstream": dict(sorted(upstream_prints.items()))}, sort_keys=True, default=str
    )
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
