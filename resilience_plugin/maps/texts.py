"""The fixed texts printed on a plan map, in the map's language.

A map's language is a choice of the map (Export plan map's *Map language*), not of the interface:
a Chinese planner may export an English map for a partner, and ``qgis_process`` exports bilingual
maps whatever the system locale. So these texts are held here in both languages rather than passed
through the interface translation (``tr``), which follows the QGIS interface.
"""

import json

from .styles import LABELS_BILINGUAL, LABELS_CHINESE, LABELS_ENGLISH

CHINESE, ENGLISH, BILINGUAL = 0, 1, 2
LANGUAGE_NAMES = ["中文", "English", "双语 中文 / English"]

# key: (Chinese, English, bilingual)
_TEXTS = {
    "legend": ("图例", "Legend", "图例 Legend"),
    "date": ("日期：{date}", "Date: {date}", "日期 Date: {date}"),
    "crs": ("坐标系：{crs}", "Coordinate reference system: {crs}", "坐标系 CRS: {crs}"),
    "notes": ("说明：{note}", "Notes: {note}", "说明 Notes: {note}"),
    "km": ("千米", "km", "km"),
    "m": ("米", "m", "m"),
    "untitled": ("韧性规划图", "Resilience plan map", "韧性规划图 Resilience plan map"),
}

# Titles of the plugin's outputs when a map reads them from files (style name or output kind).
_LAYER_TITLES = {
    "composite_hazard": ("综合灾害分区", "Composite hazard zones"),
    "hazard_level": ("灾害分区", "Hazard zones"),
    "exposure_level": ("承灾体暴露", "Exposure by hazard level"),
    "suitability_grade": ("设施适宜性", "Facility suitability"),
    "coverage_demand": ("人口步行覆盖", "Population walking coverage"),
    "facility_load": ("避难场所负荷", "Shelter load"),
    "service_area": ("步行服务范围", "Walking service areas"),
    "lifeline_level": ("生命线暴露等级", "Lifeline hazard level"),
    "lifeline_pfail": ("生命线失效概率", "Lifeline failure probability"),
    "criticality_links": ("路段关键性", "Link criticality"),
    "criticality_demand": ("设施可达性", "Access to facilities"),
    "economic_loss": ("建筑直接经济损失", "Direct economic loss of buildings"),
    "economic_ead": ("年期望损失", "Expected annual damage"),
    "scenario_change": ("情景对比变化", "Change between scenarios"),
    "evacuation_origins": ("人口转移安置", "Evacuation origins"),
    "evacuation_flows": ("转移路线", "Evacuation flows"),
    "supply_flows": ("物资调运", "Supply flows"),
    "chosen_sites": ("选定场址", "Chosen sites"),
    "life_circle": ("15分钟生活圈", "15-minute life circle"),
    "weak_links": ("输电线路薄弱环节", "Weak power-line links"),
    "cascade": ("生命线级联失效", "Cascading lifeline failures"),
    "cascade_people": ("失去服务的人口", "People out of service"),
    "raster": ("灾害强度", "Hazard intensity"),
    "boundaries": ("边界", "Boundaries"),
}


def map_text(key, language, **values):
    """The text ``key`` in ``language`` (CHINESE, ENGLISH or BILINGUAL), formatted with ``values``."""
    return _TEXTS[key][language].format(**values)


def layer_title(kind, language, name=""):
    """The legend title of one of our outputs, e.g. "灾害分区 Hazard zones"; ``name`` (the layer's own
    name, e.g. a district layer "kecamatan") is added in brackets for context layers."""
    if kind not in _LAYER_TITLES:  # a style without a title of its own: the layer's name
        return name or kind
    zh, en = _LAYER_TITLES[kind]
    title = (zh, en, f"{zh} {en}")[language]
    if name and kind in ("boundaries", "raster"):
        title = f"{title}（{name}）" if language == CHINESE else f"{title} ({name})"
    return title


def legend_labels(language):
    """The legend-label language of our styles (maps.styles) for a map ``language``."""
    return {CHINESE: LABELS_CHINESE, ENGLISH: LABELS_ENGLISH}.get(language, LABELS_BILINGUAL)


MAP_TITLES_PROPERTY = "resilience/map_titles"


def set_map_titles(layer, chinese, english):
    """Give ``layer`` (as named now) its titles for plan maps in Chinese and English: a layer the panel
    names in the interface language ("建筑暴露") is then titled in the map's language in the legend."""
    layer.setCustomProperty(MAP_TITLES_PROPERTY, json.dumps({"zh": chinese, "en": english, "name": layer.name()},
                                                            ensure_ascii=False))


def map_title_of(layer, language):
    """The title of ``layer`` in a map of ``language``, or None when it has none or the user renamed it."""
    try:
        titles = json.loads(layer.customProperty(MAP_TITLES_PROPERTY) or "null")
    except (TypeError, ValueError):
        return None
    if not isinstance(titles, dict) or titles.get("name") != layer.name():
        return None
    if not titles.get("zh") or not titles.get("en"):
        return None
    zh, en = titles["zh"], titles["en"]
    return (zh, en, zh if zh == en else f"{zh} {en}")[language]
