#!/usr/bin/env python3
"""Build the example Processing models in resources/models/ (reproducibly, from code).

    .venv/bin/python scripts/make_models.py            # writes resources/models/*.model3

Models:
- resilience_assessment.model3: the complete workflow (classify each hazard -> overlay -> exposure
  statistics -> facility suitability -> shelter coverage -> lifeline exposure -> network criticality
  -> direct economic loss in the current and the design flood and their comparison -> plan maps).
- hazard_zoning.model3: hazards only (classify -> overlay -> statistics per unit -> hazard map).

The models only reference algorithm ids (resilience:*, native:*), so building them does not need the
plugin to be loaded. Parameter descriptions are bilingual (English / 中文) because model files are
not translated by Qt.
"""

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_HASH_SEED", "0")  # XML attributes in the same order on every run (smaller diffs)

from qgis.core import (
    QgsApplication,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterExpression,
    QgsProcessingParameterField,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)
from qgis.PyQt.QtCore import QPointF

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from resilience_plugin.compat import SOURCE_LINE, SOURCE_POLYGON, pick  # noqa: E402

FLAG_OPTIONAL = pick("Qgis.ProcessingParameterFlag.Optional", "QgsProcessingParameterDefinition.Flag.FlagOptional")
MODELS = ROOT / "resources" / "models"
GROUP = "Resilience Planner"

SHELTER_FILTER = "lower(\"TYPE\") IN ('school', 'sports facility', 'government')"
HOSPITAL_FILTER = "lower(\"TYPE\") = 'hospital'"
NOTE = "Data: InaSAFE Jakarta sample (OSM buildings and roads, BNPB flood). Made with Resilience Planner."


# --- small helpers ------------------------------------------------------------------------------
def param(name):
    return QgsProcessingModelChildParameterSource.fromModelParameter(name)


def child_out(child_id, output):
    return QgsProcessingModelChildParameterSource.fromChildOutput(child_id, output)


def static(value):
    return QgsProcessingModelChildParameterSource.fromStaticValue(value)


class Builder:
    """Lays the model out on a grid as it is built, so that it reads well in the graphical modeler."""

    def __init__(self, name, group, help_text):
        self.model = QgsProcessingModelAlgorithm(name, group)
        self.model.setHelpContent({"ALG_DESC": help_text, "ALG_CREATOR": "Resilience Planner"})
        self.n_inputs = 0

    def add_input(self, definition):
        comp = QgsProcessingModelParameter(definition.name())
        comp.setPosition(QPointF(130 + 250 * (self.n_inputs % 2), 60 + 70 * (self.n_inputs // 2)))
        self.n_inputs += 1
        self.model.addModelParameter(definition, comp)

    def add_child(self, child_id, alg_id, description, sources, column, row, outputs=None):
        """``sources``: {PARAM: source or [sources]}; ``outputs``: {OUTPUT_PARAM: (model output name, description)}."""
        child = QgsProcessingModelChildAlgorithm(alg_id)
        child.setChildId(child_id)
        child.setDescription(description)
        child.setPosition(QPointF(760 + 380 * column, 80 + 210 * row))
        for name, source in sources.items():
            child.addParameterSources(name, source if isinstance(source, list) else [source])
        # As the modeler does: every other parameter gets its default, so the model validates.
        alg = QgsApplication.processingRegistry().algorithmById(alg_id)
        if alg is None:
            raise RuntimeError(f"algorithm {alg_id} is not available")
        for definition in alg.parameterDefinitions():
            if definition.name() in sources or definition.isDestination():
                continue
            if definition.defaultValue() is None and definition.flags() & FLAG_OPTIONAL:
                continue
            child.addParameterSources(definition.name(), [static(definition.defaultValue())])
        model_outputs = {}
        for k, (out_name, out_desc) in enumerate((outputs or {}).items()):
            output = QgsProcessingModelOutput(out_desc[0], out_desc[1])
            output.setChildId(child_id)
            output.setChildOutputName(out_name)
            output.setMandatory(False)
            output.setPosition(QPointF(760 + 380 * column + 120, 80 + 210 * row + 70 + 32 * k))
            model_outputs[out_desc[0]] = output
        child.setModelOutputs(model_outputs)
        self.model.addChildAlgorithm(child)
        return child_id

    def save(self, path):
        self.model.updateDestinationParameters()
        if not self.model.toFile(str(path)):
            raise RuntimeError(f"could not write {path}")
        return path


def hazard_inputs(b):
    """The hazard part shared by both models: inputs, classification of both hazards, overlay."""
    b.add_input(QgsProcessingParameterRasterLayer(
        "FLOOD_DEPTH", "Flood depth raster (m) / 洪水淹没深度栅格（米）"))
    b.add_input(QgsProcessingParameterString(
        "FLOOD_THRESHOLDS", "Flood depth thresholds (m, ascending) / 水深分级阈值（米）", defaultValue="0.1,0.5,1.0,2.0"))
    b.add_input(QgsProcessingParameterVectorLayer(
        "HISTORIC_FLOOD", "Historic flood areas (polygons) / 历史受淹区（面）", [SOURCE_POLYGON]))
    b.add_input(QgsProcessingParameterField(
        "HISTORIC_FIELD", "Historic flood field / 历史受淹字段", defaultValue="FLOODPRONE",
        parentLayerParameterName="HISTORIC_FLOOD"))
    b.add_input(QgsProcessingParameterString(
        "HISTORIC_VALUE_MAP", "Historic flood value map (value:level;...) / 取值对应等级", defaultValue="YES:1;NO:0"))
    b.add_input(QgsProcessingParameterVectorLayer(
        "UNITS", "Admin units (polygons) / 行政单元（面）", [SOURCE_POLYGON]))
    b.add_input(QgsProcessingParameterField(
        "UNIT_ID_FIELD", "Admin unit id field / 行政单元标识字段", defaultValue="KEC_NAME", parentLayerParameterName="UNITS"))
    b.add_input(QgsProcessingParameterRasterLayer(
        "POPULATION", "Population density raster (persons per km²) / 人口密度栅格（人/平方公里）"))
    b.add_input(QgsProcessingParameterString(
        "MAP_TITLE", "Map title / 图名", defaultValue="综合灾害风险分区图 Composite hazard zoning"))
    b.add_input(QgsProcessingParameterString(
        "MAP_NOTE", "Map notes (data source, compiler) / 图注（数据来源、编制单位）", defaultValue=NOTE, optional=True))

    b.add_child("classify_flood", "resilience:classifyhazard", "Classify flood depth / 洪水水深分级", {
        "INPUT": param("FLOOD_DEPTH"),
        "HAZARD_NAME": static("flood"),
        "THRESHOLDS": param("FLOOD_THRESHOLDS"),
        "KEEP_LEVEL_0": static(False),
    }, 0, 0, {"OUTPUT": ("flood_zones", "Flood depth zones / 洪水水深分区")})
    b.add_child("classify_historic", "resilience:classifyhazard", "Classify historic flood / 历史受淹分级", {
        "INPUT": param("HISTORIC_FLOOD"),
        "FIELD": param("HISTORIC_FIELD"),
        "HAZARD_NAME": static("historic_flood"),
        "VALUE_MAP": param("HISTORIC_VALUE_MAP"),
        "KEEP_LEVEL_0": static(False),
    }, 0, 1, {"OUTPUT": ("historic_flood_zones", "Historic flood zones / 历史受淹分区")})
    b.add_child("overlay", "resilience:hazardoverlay", "Multi-hazard overlay / 多灾种叠加", {
        "HAZARDS": [child_out("classify_flood", "OUTPUT"), child_out("classify_historic", "OUTPUT")],
        "LEVEL_FIELD": static("level"),
        "METHOD": static(0),
        "UNITS": param("UNITS"),
        "UNIT_ID_FIELD": param("UNIT_ID_FIELD"),
        "POPULATION": param("POPULATION"),
        "POPULATION_UNIT": static(0),
    }, 0, 2, {
        "OUTPUT": ("composite_hazard", "Composite hazard zones / 综合灾害分区"),
        "OUTPUT_TABLE": ("hazard_by_unit", "Hazard levels per unit (table) / 各单元灾害等级统计"),
    })


def hazard_maps(b, column, row, title_param="MAP_TITLE"):
    """The composite hazard map, A3 landscape, as PDF (300 dpi) and PNG (150 dpi)."""
    common = {
        "LAYERS": [child_out("overlay", "OUTPUT"), param("UNITS")],
        "TEMPLATE": static(0),
        "TITLE": param(title_param),
        "SUBTITLE": static("最大等级叠加 Maximum level of flood depth and historic flooding"),
        "NOTE": param("MAP_NOTE"),
        "OVERVIEW": static(True),
    }
    b.add_child("map_hazard_pdf", "resilience:exportplanmap", "Composite hazard map (PDF) / 综合灾害分区图", {
        **common, "FORMAT": static(0), "DPI": static(300),
    }, column, row, {"OUTPUT": ("hazard_map_pdf", "Composite hazard map (PDF) / 综合灾害分区图（PDF）")})
    b.add_child("map_hazard_png", "resilience:exportplanmap", "Composite hazard map (PNG) / 综合灾害分区图", {
        **common, "FORMAT": static(1), "DPI": static(150),
    }, column, row + 1, {"OUTPUT": ("hazard_map_png", "Composite hazard map (PNG) / 综合灾害分区图（PNG）")})


# --- the models ---------------------------------------------------------------------------------
def hazard_zoning():
    b = Builder("Hazard zoning / 综合灾害分区", GROUP, (
        "Hazards only: classifies a flood depth raster and a historic flood polygon layer into standard "
        "hazard levels, overlays them (maximum level) into composite hazard zones with the area and the "
        "population per admin unit and level, and exports the composite hazard map (A3, PDF and PNG).\n"
        "仅灾害部分：洪水水深与历史受淹分级、多灾种叠加、各单元面积与人口统计、综合灾害分区图。"))
    hazard_inputs(b)
    hazard_maps(b, 1, 0)
    return b


def resilience_assessment():
    b = Builder("Resilience assessment / 韧性评估全流程", GROUP, (
        "The complete resilience workflow on your data: classify the flood depth raster (THRESHOLDS) and the "
        "historic flood polygons (VALUE_MAP) into hazard levels; overlay them into composite hazard zones "
        "(maximum level) with area and population per admin unit; exposure statistics of buildings (by type, "
        "with population) and roads (by class); suitability of schools, sports and government buildings "
        "(SHELTER_FILTER) as shelters (GB 51143), avoiding zones of level 2 and above; capacitated 10-minute "
        "walking coverage of the eligible ones, flooded streets (level >= 2) blocked; lifeline exposure and "
        "flood failure of the roads (closed deeper than 0.3 m); hospital access when failed roads close "
        "(HOSPITAL_FILTER); direct economic loss of the buildings in the current flood (FLOOD_DEPTH) and the design "
        "flood (DESIGN_FLOOD_DEPTH), 2 floors where the floors are unknown, placeholder maximum damage values, and "
        "the change between the two scenarios per unit (情景对比); and the plan maps: composite hazard (PDF and "
        "PNG), shelter coverage (PDF) and the change of the flood loss (PDF).\n"
        "Population rasters hold persons per km². Every table is one row per unit (and class / level).\n"
        "韧性评估全流程：灾害分级与叠加、承灾体暴露统计、应急避难场所适宜性评价与步行覆盖、生命线暴露与路网关键性、"
        "现状与设计洪水直接经济损失及情景对比、规划图件输出。"))
    hazard_inputs(b)
    b.add_input(QgsProcessingParameterVectorLayer(
        "BUILDINGS", "Buildings (polygons) / 建筑（面）", [SOURCE_POLYGON]))
    b.add_input(QgsProcessingParameterField(
        "BUILDING_TYPE_FIELD", "Building type field / 建筑类型字段", defaultValue="TYPE", parentLayerParameterName="BUILDINGS"))
    b.add_input(QgsProcessingParameterField(
        "BUILDING_NAME_FIELD", "Building name field / 建筑名称字段", defaultValue="NAME",
        parentLayerParameterName="BUILDINGS", optional=True))
    b.add_input(QgsProcessingParameterField(
        "BUILDING_FLOORS_FIELD", "Building floors field / 建筑层数字段", defaultValue="LEVELS",
        parentLayerParameterName="BUILDINGS", optional=True))
    b.add_input(QgsProcessingParameterExpression(
        "SHELTER_FILTER", "Shelter candidates (expression on buildings) / 避难场所候选建筑筛选", defaultValue=SHELTER_FILTER,
        parentLayerParameterName="BUILDINGS"))
    b.add_input(QgsProcessingParameterExpression(
        "HOSPITAL_FILTER", "Hospitals (expression on buildings) / 医院筛选", defaultValue=HOSPITAL_FILTER,
        parentLayerParameterName="BUILDINGS"))
    b.add_input(QgsProcessingParameterVectorLayer(
        "ROADS", "Roads (lines) / 道路（线）", [SOURCE_LINE]))
    b.add_input(QgsProcessingParameterField(
        "ROAD_CLASS_FIELD", "Road class field / 道路等级字段", defaultValue="TYPE", parentLayerParameterName="ROADS",
        optional=True))

    b.add_input(QgsProcessingParameterRasterLayer(
        "DESIGN_FLOOD_DEPTH", "Design flood depth raster (m) / 设计洪水淹没深度栅格（米）"))

    hazard = child_out("overlay", "OUTPUT")
    units = {"UNITS": param("UNITS"), "UNIT_ID_FIELD": param("UNIT_ID_FIELD")}
    b.add_child("exposure_buildings", "resilience:exposuresummary", "Buildings and people exposed / 建筑与人口暴露", {
        "HAZARD": hazard, "LEVEL_FIELD": static("level"),
        "EXPOSURE": param("BUILDINGS"), "CLASS_FIELD": param("BUILDING_TYPE_FIELD"), "RULE": static(0),
        **units,
        "EXPOSURE_RASTER": param("POPULATION"), "POPULATION_UNIT": static(0),
    }, 1, 0, {
        "OUTPUT": ("buildings_exposure", "Exposed buildings / 建筑暴露"),
        "OUTPUT_TABLE": ("buildings_exposure_by_unit", "Buildings and population per unit and level (table) / 建筑与人口暴露统计"),
    })
    b.add_child("exposure_roads", "resilience:exposuresummary", "Roads exposed / 道路暴露", {
        "HAZARD": hazard, "LEVEL_FIELD": static("level"),
        "EXPOSURE": param("ROADS"), "CLASS_FIELD": param("ROAD_CLASS_FIELD"),
        **units,
    }, 1, 1, {
        "OUTPUT_TABLE": ("roads_exposure_by_unit", "Road length per unit, class and level (table) / 道路暴露统计"),
    })
    b.add_child("extract_candidates", "native:extractbyexpression", "Shelter candidates / 候选建筑", {
        "INPUT": param("BUILDINGS"), "EXPRESSION": param("SHELTER_FILTER"),
    }, 1, 2)
    b.add_child("extract_hospitals", "native:extractbyexpression", "Hospitals / 医院", {
        "INPUT": param("BUILDINGS"), "EXPRESSION": param("HOSPITAL_FILTER"),
    }, 1, 3)
    b.add_child("suitability", "resilience:facilitysuitability", "Shelter suitability / 避难场所适宜性", {
        "CANDIDATES": child_out("extract_candidates", "OUTPUT"),
        "TYPE_FIELD": param("BUILDING_TYPE_FIELD"),
        "NAME_FIELD": param("BUILDING_NAME_FIELD"),
        "FLOORS_FIELD": param("BUILDING_FLOORS_FIELD"),
        "EFFECTIVE_RATIO": static(0.6),
        "SHELTER_CLASS": static(1),
        "HAZARD": hazard, "HAZARD_LEVEL_FIELD": static("level"), "EXCLUDE_LEVEL": static(2),
        "ROADS": param("ROADS"), "ROAD_CLASS_FIELD": param("ROAD_CLASS_FIELD"),
        "POPULATION": param("POPULATION"), "POPULATION_UNIT": static(0),
        "HOSPITALS": child_out("extract_hospitals", "OUTPUT"),
    }, 2, 0, {"OUTPUT": ("facility_suitability", "Shelter suitability / 避难场所适宜性评价")})
    b.add_child("extract_eligible", "native:extractbyexpression", "Eligible shelters / 合格避难场所", {
        "INPUT": child_out("suitability", "OUTPUT"), "EXPRESSION": static('"eligible"'),
    }, 2, 1)
    b.add_child("coverage", "resilience:sheltercoverage", "Shelter walking coverage / 避难场所步行覆盖", {
        "FACILITIES": child_out("extract_eligible", "OUTPUT"),
        "CAPACITY_FIELD": static("capacity_persons"),
        "FACILITY_ID_FIELD": static("site_id"),
        "DEMAND": param("POPULATION"), "POPULATION_UNIT": static(0),
        "ROADS": param("ROADS"), "ROAD_CLASS_FIELD": param("ROAD_CLASS_FIELD"),
        "MAX_MINUTES": static(10), "WALK_KMH": static(4.0),
        "HAZARD": hazard, "HAZARD_LEVEL_FIELD": static("level"), "BLOCK_LEVEL": static(2),
        "MODE": static(1),
        **units,
    }, 2, 2, {
        "OUTPUT_DEMAND": ("shelter_demand", "Population coverage / 人口覆盖"),
        "OUTPUT_FACILITIES": ("shelter_load", "Shelter load / 避难场所负荷"),
        "OUTPUT_TABLE": ("shelter_coverage_by_unit", "Shelter coverage per unit (table) / 各单元避难覆盖"),
        "OUTPUT_AREAS": ("shelter_service_areas", "Walking service areas / 步行服务范围"),
    })
    b.add_child("lifeline", "resilience:lifelineexposure", "Road lifeline exposure / 道路生命线暴露", {
        "LIFELINES": param("ROADS"), "ASSET_TYPE": static("road"),
        "HAZARD": hazard, "LEVEL_FIELD": static("level"),
        "INTENSITY": param("FLOOD_DEPTH"), "INTENSITY_MEASURE": static(0),
        **units,
    }, 3, 0, {
        "OUTPUT": ("lifeline_roads", "Road exposure and failure / 道路暴露与失效"),
        "OUTPUT_TABLE": ("lifeline_by_unit", "Road exposure per unit (table) / 道路暴露统计"),
    })
    b.add_child("criticality", "resilience:networkcriticality", "Hospital access / 医院可达性与路网关键性", {
        "NETWORK": child_out("lifeline", "OUTPUT"),
        "FAILED": static('"p_fail" >= 0.5'),
        "DEMAND": param("POPULATION"), "POPULATION_UNIT": static(0),
        "DESTINATIONS": [child_out("extract_hospitals", "OUTPUT")],
        "MAX_SNAP": static(300), "MAX_DETOUR_LINKS": static(2000),
        **units,
    }, 3, 1, {
        "OUTPUT_DEMAND": ("criticality_demand", "Hospital access of the population / 人口医院可达性"),
        "OUTPUT_TABLE": ("criticality_by_unit", "Isolated population per unit (table) / 各单元孤立人口"),
        "OUTPUT_LINKS": ("criticality_links", "Road criticality / 道路关键性"),
    })
    loss = {"INPUT": param("BUILDINGS"), "CLASS_FIELD": param("BUILDING_TYPE_FIELD"), "DEFAULT_FLOORS": static(2.0), **units}
    b.add_child("loss_current", "resilience:economicloss", "Flood loss, current / 现状洪水直接经济损失", {
        **loss, "DEPTH": [param("FLOOD_DEPTH")],
    }, 3, 2, {"OUTPUT_TABLE": ("loss_current_by_unit", "Economic loss per unit, current flood (table) / 现状洪水各单元直接经济损失")})
    b.add_child("loss_design", "resilience:economicloss", "Flood loss, design / 设计洪水直接经济损失", {
        **loss, "DEPTH": [param("DESIGN_FLOOD_DEPTH")],
    }, 3, 3, {"OUTPUT_TABLE": ("loss_design_by_unit", "Economic loss per unit, design flood (table) / 设计洪水各单元直接经济损失")})
    b.add_child("compare_loss", "resilience:comparescenarios", "Design vs current flood loss / 设计与现状洪水损失对比", {
        "INPUTS": [child_out("loss_current", "OUTPUT_TABLE"), child_out("loss_design", "OUTPUT_TABLE")],
        "NAMES": static("current,design"), "VALUE_FIELD": static("loss"),
        **units,
    }, 3, 4, {
        "OUTPUT_TABLE": ("loss_comparison", "Loss per unit, design vs current (table) / 洪水损失情景对比"),
        "OUTPUT_MAP": ("loss_change", "Change of the flood loss per unit / 洪水损失变化"),
    })
    hazard_maps(b, 4, 0)
    b.add_child("map_loss_change_pdf", "resilience:exportplanmap", "Flood loss change map (PDF) / 洪水损失变化图", {
        "LAYERS": [child_out("compare_loss", "OUTPUT_MAP")],
        "TEMPLATE": static(0),
        "TITLE": static("洪灾直接经济损失变化（设计洪水相对现状） Change of direct flood loss, design vs current flood"),
        "SUBTITLE": static("最大损失为占位值 Maximum damage values are placeholders"),
        "NOTE": param("MAP_NOTE"),
        "FORMAT": static(0), "DPI": static(300),
    }, 4, 4, {"OUTPUT": ("loss_change_map_pdf", "Flood loss change map (PDF) / 洪水损失变化图（PDF）")})
    b.add_child("map_coverage_pdf", "resilience:exportplanmap", "Shelter coverage map (PDF) / 避难场所覆盖图", {
        # the population outside the walking limit (red) is the message of this map: drawn under the shelters
        "LAYERS": [child_out("coverage", "OUTPUT_FACILITIES"), child_out("coverage", "OUTPUT_DEMAND"),
                   child_out("coverage", "OUTPUT_AREAS"), param("UNITS")],
        "TEMPLATE": static(0),
        "TITLE": static("应急避难场所步行覆盖图 Shelter walking coverage"),
        "SUBTITLE": static("10 分钟步行（4 km/h），积水 ≥ 0.5 m 道路不可通行 10-minute walk, flooded streets blocked"),
        "NOTE": param("MAP_NOTE"),
        "EXTENT": child_out("coverage", "OUTPUT_AREAS"),  # zoomed to the service areas
        "FORMAT": static(0), "DPI": static(300),
    }, 4, 2, {"OUTPUT": ("coverage_map_pdf", "Shelter coverage map (PDF) / 避难场所覆盖图（PDF）")})
    b.add_child("map_lifeline_pdf", "resilience:exportplanmap", "Road lifeline map (PDF) / 道路生命线暴露图", {
        "LAYERS": [child_out("lifeline", "OUTPUT"), param("UNITS")],
        "TEMPLATE": static(0),
        "TITLE": static("道路生命线洪水暴露图 Road lifelines in the flood"),
        "SUBTITLE": static("道路失效概率（积水深于 0.3 m 即中断） Failure probability: closed where the water is deeper than 0.3 m"),
        "NOTE": param("MAP_NOTE"),
        "FORMAT": static(0), "DPI": static(300),
    }, 4, 3, {"OUTPUT": ("lifeline_map_pdf", "Road lifeline map (PDF) / 道路生命线暴露图（PDF）")})
    return b


def register_algorithms():
    """Native algorithms and ours (from the source tree), so that defaults can be filled in."""
    from qgis.analysis import QgsNativeAlgorithms

    registry = QgsApplication.processingRegistry()
    if registry.providerById("native") is None:
        registry.addProvider(QgsNativeAlgorithms())
    from resilience_plugin.processing.provider import ResilienceProvider

    global _PROVIDER
    _PROVIDER = ResilienceProvider()
    registry.addProvider(_PROVIDER)


_PROVIDER = None
BUILDERS = {"resilience_assessment": resilience_assessment, "hazard_zoning": hazard_zoning}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=MODELS)
    args = ap.parse_args()
    app = QgsApplication([], False)
    app.initQgis()
    register_algorithms()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        path = build().save(args.out / f"{name}.model3")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
