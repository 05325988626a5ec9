"""Demo: direct economic loss of the Jakarta buildings in the current and the design flood (HKV depth
grids), and the change between the two per kecamatan as a table and a map.

The maximum damage values are the placeholders of resources/standards/depth_damage.json (CNY per m²);
buildings have 2 floors (the OSM LEVELS field holds text such as '10+' and '4-7').
"""

A = "{out}"
COMMON = {
    "INPUT": "{sample}/jakarta.gpkg|layername=buildings",
    "CLASS_FIELD": "TYPE",
    "DEFAULT_FLOORS": 2,
    "UNITS": "{sample}/jakarta.gpkg|layername=kecamatan",
    "UNIT_ID_FIELD": "KEC_NAME",
}

STEPS = [
    {
        "title": "Direct economic loss, current flood",
        "alg": "resilience:economicloss",
        "params": {
            **COMMON,
            "DEPTH": "{sample}/flood_current_depth.tif",
            "OUTPUT": A + "/layers/building_loss_current.gpkg",
            "OUTPUT_TABLE": A + "/tables/loss_current.csv",
        },
    },
    {
        "title": "Direct economic loss, design flood",
        "alg": "resilience:economicloss",
        "params": {
            **COMMON,
            "DEPTH": "{sample}/flood_design_depth.tif",
            "OUTPUT": A + "/layers/building_loss_design.gpkg",
            "OUTPUT_TABLE": A + "/tables/loss_design.csv",
        },
    },
    {
        "title": "Scenario comparison: design vs current flood loss per kecamatan",
        "alg": "resilience:comparescenarios",
        "params": {
            "INPUTS": [A + "/tables/loss_current.csv", A + "/tables/loss_design.csv"],
            "NAMES": "current,design",
            "VALUE_FIELD": "loss",
            "UNITS": "{sample}/jakarta.gpkg|layername=kecamatan",
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT_TABLE": A + "/tables/loss_design_vs_current.csv",
            "OUTPUT_MAP": A + "/layers/loss_change.gpkg",
        },
    },
    {
        "title": "Plan map: change of flood loss, design vs current",
        "alg": "resilience:exportplanmap",
        "params": {
            "LAYERS": [A + "/layers/loss_change.gpkg"],
            "TITLE": "洪灾直接经济损失变化（设计洪水相对现状） Change of direct flood loss, design vs current flood",
            "NOTE": "数据来源 Data: HKV flood depth, OSM buildings; "
            "最大损失为占位值 maximum damage values are placeholders.",
            "OUTPUT": A + "/maps/loss_change.pdf",
        },
    },
]
