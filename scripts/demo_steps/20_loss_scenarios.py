"""Demo: direct economic loss of each Jakarta building in the current and the design flood (HKV depth
grids), as building layers. The comparison of the two per kecamatan (table, change map and its plan
map) comes from the full model (10_full_assessment.py: steps loss_current, loss_design, compare_loss,
map_loss_change_pdf).

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
]
