"""The study definition of the assessment workbench: what a 韧性评估 is run on.

Plain dataclasses (no QGIS): layers are referred to by their project layer id, so the study travels
with the project (see ``project_store``) and a renamed layer stays the same input. ``to_dict`` /
``from_dict`` give JSON; unknown keys are ignored and missing ones take their defaults, so a study
saved by an older or newer version still loads.

Example
-------
>>> s = Study(scenarios=[Scenario(name="flood", hazards=[HazardSource(layer="depth_1", thresholds="0.1,0.5")])])
>>> Study.from_json(s.to_json()) == s
True
"""

import dataclasses
import json
from dataclasses import dataclass, field
from typing import List

# How a hazard layer is classified (the classifyhazard parameters it sets).
PRESET, THRESHOLDS, VALUE_MAP = "preset", "thresholds", "value_map"
CLASSIFICATIONS = (PRESET, THRESHOLDS, VALUE_MAP)
# The unit of a population raster.
PER_CELL, PER_KM2 = "per_cell", "per_km2"
POPULATION_UNITS = (PER_CELL, PER_KM2)
SCHEMA_VERSION = 1


@dataclass
class HazardSource:
    """One hazard layer of a scenario and how it is classified into levels."""

    layer: str = ""  # project layer id (raster or polygons)
    name: str = "hazard"  # HAZARD_NAME
    field: str = ""  # value field of a polygon layer
    band: int = 1
    classification: str = THRESHOLDS  # preset | thresholds | value_map
    preset: int = 0  # index of classifyhazard's PRESET option (0 = custom)
    thresholds: str = ""
    value_map: str = ""


@dataclass
class Scenario:
    """One hazard scenario: its layers, the overlay method and the intensity the lifelines feel."""

    name: str = "scenario"
    hazards: List[HazardSource] = field(default_factory=list)
    overlay_method: int = 0  # hazardoverlay METHOD: 0 max, 1 weighted sum, 2 count, 3 risk matrix
    weights: str = ""  # hazardoverlay WEIGHTS (method 1)
    intensity_layer: str = ""  # raster read along the lifelines (lifelineexposure INTENSITY), optional
    intensity_measure: int = 0  # lifelineexposure INTENSITY_MEASURE


@dataclass
class AdminUnits:
    layer: str = ""
    id_field: str = ""
    level_name: str = ""  # e.g. 街道 / kecamatan: shown in tables
    parent_field: str = ""  # optional code of the unit one level up


@dataclass
class Population:
    layer: str = ""  # raster (or points / polygons with ``field``)
    field: str = ""
    unit: str = PER_KM2  # per_cell | per_km2 (rasters)


@dataclass
class Buildings:
    layer: str = ""
    type_field: str = ""
    name_field: str = ""
    floors_field: str = ""


@dataclass
class Roads:
    layer: str = ""
    class_field: str = ""


@dataclass
class Candidates:
    """Candidate dual-use facilities (平急两用): a layer, its type field and an optional filter."""

    layer: str = ""
    type_field: str = ""
    name_field: str = ""
    floors_field: str = ""
    filter: str = ""  # expression; empty = every feature


@dataclass
class Hospitals:
    layer: str = ""
    filter: str = ""


@dataclass
class Depots:
    """Supply depots (物资储备库) with a stock field per relief item, for the supply plan."""

    layer: str = ""
    id_field: str = ""
    stock_fields: str = ""  # supplyplan STOCK_FIELDS (item=field,...); empty: fields named like the items


@dataclass
class PowerLines:
    """Power lines and the towers or poles that carry them (towerfailure), optional in step 5."""

    towers: str = ""
    tower_type: str = "transmission_tower"
    lines: str = ""
    line_id_field: str = ""  # with tower_line_field: towers matched by id, else by distance
    tower_line_field: str = ""


@dataclass
class Service:
    """One everyday service of the 15-minute life circle: a layer, an optional filter, a name, minutes."""

    layer: str = ""
    filter: str = ""
    name: str = ""
    minutes: float = 0.0  # 0 = the default of resources/standards/life_circle.json for the name


@dataclass
class Lifeline:
    layer: str = ""
    asset_type: str = ""  # one asset type for the whole layer (lifelineexposure ASSET_TYPE)
    asset_type_field: str = ""
    cascade_class: str = ""  # its class in the cascade's dependency table; empty: the asset type


@dataclass
class CascadeSettings:
    """Cascading failures across the lifelines (resilience:cascade), optional in step 5."""

    enabled: bool = False
    dependencies: str = ""  # the dependency table (JSON); empty: the shipped example
    runs: int = 1000  # Monte Carlo runs drawn from each asset's p_fail
    seed: int = 1


@dataclass
class Parameters:
    """The shared parameters (the algorithms' defaults, as the example model uses them)."""

    walk_minutes: float = 10.0
    walk_kmh: float = 4.0
    block_level: int = 2  # streets and shelters in zones of this level or higher are closed
    exclude_level: int = 2  # candidate sites in zones of this level or higher are excluded
    shelter_class: int = 1  # facilitysuitability SHELTER_CLASS
    effective_ratio: float = 0.6
    coverage_mode: int = 1  # sheltercoverage MODE (1 capacitated allocation)
    failed_expression: str = '"p_fail" >= 0.5'  # which lifeline links fail (networkcriticality FAILED)
    evacuate_level: int = 2  # evacuationplan EVACUATE_LEVEL: persons in zones of this level or higher move
    evacuate_max_m: float = 1000.0  # evacuationplan MAX_DISTANCE_M
    loss_floors: float = 1.0  # economicloss DEFAULT_FLOORS: buildings without a number in their floors field


@dataclass
class Study:
    units: AdminUnits = field(default_factory=AdminUnits)
    scenarios: List[Scenario] = field(default_factory=list)
    population: Population = field(default_factory=Population)
    buildings: Buildings = field(default_factory=Buildings)
    roads: Roads = field(default_factory=Roads)
    candidates: Candidates = field(default_factory=Candidates)
    hospitals: Hospitals = field(default_factory=Hospitals)
    lifelines: List[Lifeline] = field(default_factory=list)
    depots: Depots = field(default_factory=Depots)
    power: PowerLines = field(default_factory=PowerLines)
    services: List[Service] = field(default_factory=list)
    cascade: CascadeSettings = field(default_factory=CascadeSettings)
    fragility_file: str = ""  # user fragility library merged on the shipped one (lifelineexposure FRAGILITY_FILE)
    typology_file: str = ""  # user 平急两用 typology merged on the shipped one (facilitysuitability TYPOLOGY_FILE)
    ahp_criteria: str = "safety,access,capacity,population,hospital,lifeline"  # ahpweights CRITERIA
    ahp_matrix: List[str] = field(default_factory=list)  # ahpweights MATRIX row by row; empty = default weights
    params: Parameters = field(default_factory=Parameters)
    language: str = "zh"  # of the plan maps and the table headers: zh | en | both
    map_title: str = ""
    map_note: str = ""
    output_dir: str = ""  # empty: beside the project file (or a temporary folder)
    version: int = SCHEMA_VERSION

    # --- serialisation ----------------------------------------------------------------------
    def to_dict(self):
        return dataclasses.asdict(self)

    def to_json(self):
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data):
        return _build(cls, data or {})

    @classmethod
    def from_json(cls, text):
        return cls.from_dict(json.loads(text) if text else {})

    # --- queries ----------------------------------------------------------------------------
    def scenario(self, name):
        return next((s for s in self.scenarios if s.name == name), None)

    def layer_ids(self):
        """Every project layer id the study refers to."""
        ids = [
            self.units.layer,
            self.population.layer,
            self.buildings.layer,
            self.roads.layer,
            self.candidates.layer,
            self.hospitals.layer,
        ]
        ids += [ll.layer for ll in self.lifelines] + [self.depots.layer] + [sv.layer for sv in self.services]
        ids += [self.power.towers, self.power.lines]
        for s in self.scenarios:
            ids += [h.layer for h in s.hazards] + [s.intensity_layer]
        return [i for i in dict.fromkeys(ids) if i]


def _build(cls, data):
    """``cls`` from a dict, recursively; unknown keys are ignored, wrong types fall back to defaults."""
    kwargs = {}
    hints = {f.name: f for f in dataclasses.fields(cls)}
    nested = {
        "units": AdminUnits,
        "population": Population,
        "buildings": Buildings,
        "roads": Roads,
        "candidates": Candidates,
        "hospitals": Hospitals,
        "params": Parameters,
        "depots": Depots,
        "power": PowerLines,
        "cascade": CascadeSettings,
    }
    lists = {"scenarios": Scenario, "hazards": HazardSource, "lifelines": Lifeline, "services": Service}
    for name, f in hints.items():
        if name not in data:
            continue
        value = data[name]
        if name in nested and isinstance(value, dict):
            kwargs[name] = _build(nested[name], value)
        elif name in lists and isinstance(value, list):
            kwargs[name] = [_build(lists[name], v) for v in value if isinstance(v, dict)]
        elif name not in nested and name not in lists:
            default = f.default if f.default is not dataclasses.MISSING else None
            kwargs[name] = _coerce(value, default)
    return cls(**kwargs)


def _coerce(value, default):
    if default is None or value is None:
        return default if value is None else value
    try:
        if isinstance(default, bool):
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, str):
            return str(value)
    except (TypeError, ValueError):
        return default
    return value
