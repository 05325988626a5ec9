"""Demo step 4: lifelines — Jakarta roads in the current flood, then access to hospitals when flooded roads close."""

STEPS = [
    {
        "title": "Lifeline exposure: Jakarta roads x flood zones (step 1) and flood depth, per kecamatan",
        "alg": "resilience:lifelineexposure",
        "params": {
            "LIFELINES": "{sample}/jakarta.gpkg|layername=roads",
            "ASSET_TYPE": "road",
            "HAZARD": "{out}/flood_zones.gpkg",
            "LEVEL_FIELD": "level",
            "INTENSITY": "{sample}/flood_current_depth.tif",
            "INTENSITY_MEASURE": 0,
            "UNITS": "{sample}/jakarta.gpkg|layername=kecamatan",
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT": "{out}/lifeline_roads.gpkg",
            "OUTPUT_TABLE": "{out}/lifeline_roads_by_kecamatan.csv",
        },
    },
    {
        "title": "Network criticality: access to hospitals when roads deeper than 0.3 m close (population raster, per km²)",
        "alg": "resilience:networkcriticality",
        "params": {
            "NETWORK": "{out}/lifeline_roads.gpkg",
            "FAILED": "\"p_fail\" >= 0.5",
            "DEMAND": "{sample}/population.tif",
            "POPULATION_UNIT": 0,
            "DESTINATIONS": ["{sample}/jakarta.gpkg|layername=buildings|subset=lower(\"TYPE\") = 'hospital'"],
            "MAX_SNAP": 300,
            "MAX_DETOUR_LINKS": 2000,
            "UNITS": "{sample}/jakarta.gpkg|layername=kecamatan",
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT_DEMAND": "{out}/criticality_demand.gpkg",
            "OUTPUT_TABLE": "{out}/criticality_by_kecamatan.csv",
            "OUTPUT_LINKS": "{out}/criticality_links.gpkg",
        },
    },
]
