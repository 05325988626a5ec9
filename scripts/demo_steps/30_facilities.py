"""Demo step 3: dual-use facility suitability and walking coverage on the Jakarta sample.

Schools, sports facilities and government buildings are evaluated as short-term fixed shelters
against the flood zones of step 10 (excluded at level 2, i.e. >= 0.5 m of water), then the eligible
ones take the population (raster, persons per km²) in a capacitated 10-minute walking allocation on
the Jakarta streets, with flooded streets (level >= 2) impassable, summarised per kecamatan.
"""

CANDIDATES = "{sample}/jakarta.gpkg|layername=buildings|subset=\"TYPE\" IN ('School', 'Sports Facility', 'Government')"

STEPS = [
    {
        "title": "AHP weights for the suitability criteria",
        "alg": "resilience:ahpweights",
        "params": {
            "CRITERIA": "safety,access,capacity,population",
            "MATRIX": "1,3,2,2,1/3,1,1/2,1/2,1/2,2,1,1,1/2,2,1,1",
            "OUTPUT_TABLE": "{out}/ahp_weights.gpkg",
        },
    },
    {
        "title": "Suitability of schools, sports and government buildings as shelters",
        "alg": "resilience:facilitysuitability",
        "params": {
            "CANDIDATES": CANDIDATES,
            "TYPE_FIELD": "TYPE",
            "NAME_FIELD": "NAME",
            "FLOORS_FIELD": "LEVELS",
            "EFFECTIVE_RATIO": 0.6,
            "SHELTER_CLASS": 1,
            "HAZARD": "{out}/flood_zones.gpkg",
            "EXCLUDE_LEVEL": 2,
            "ROADS": "{sample}/jakarta.gpkg|layername=roads",
            "ROAD_CLASS_FIELD": "TYPE",
            "POPULATION": "{sample}/population.tif",
            "RASTER_DENSITY": True,
            "WEIGHTS_TABLE": "{out}/ahp_weights.gpkg",
            "OUTPUT": "{out}/facility_suitability.gpkg",
        },
    },
    {
        "title": "Capacitated 10-minute walking allocation to the eligible shelters (flooded streets blocked)",
        "alg": "resilience:sheltercoverage",
        "params": {
            "FACILITIES": "{out}/facility_suitability.gpkg|layername=facility_suitability|subset=\"eligible\" = 1",
            "CAPACITY_FIELD": "capacity_persons",
            "FACILITY_ID_FIELD": "name",
            "DEMAND": "{sample}/population.tif",
            "RASTER_DENSITY": True,
            "ROADS": "{sample}/jakarta.gpkg|layername=roads",
            "ROAD_CLASS_FIELD": "TYPE",
            "MAX_MINUTES": 10,
            "WALK_KMH": 4.0,
            "HAZARD": "{out}/flood_zones.gpkg",
            "BLOCK_LEVEL": 2,
            "MODE": 1,
            "UNITS": "{sample}/jakarta.gpkg|layername=kecamatan",
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT_DEMAND": "{out}/shelter_demand.gpkg",
            "OUTPUT_FACILITIES": "{out}/shelter_load.gpkg",
            "OUTPUT_TABLE": "{out}/shelter_coverage_by_kecamatan.gpkg",
            "OUTPUT_AREAS": "{out}/shelter_service_areas.gpkg",
        },
    },
    {
        "title": "Site selection: up to 10 mosques as extra emergency shelters (500 m walk)",
        "alg": "resilience:sheltercoverage",
        "params": {
            "FACILITIES": "{out}/facility_suitability.gpkg|layername=facility_suitability|subset=\"eligible\" = 1",
            "FACILITY_ID_FIELD": "name",
            "DEMAND": "{sample}/population.tif",
            "RASTER_DENSITY": True,
            "ROADS": "{sample}/jakarta.gpkg|layername=roads",
            "ROAD_CLASS_FIELD": "TYPE",
            "MAX_DISTANCE_M": 500,
            "HAZARD": "{out}/flood_zones.gpkg",
            "BLOCK_LEVEL": 2,
            "MODE": 2,
            "CANDIDATES": "{sample}/jakarta.gpkg|layername=buildings|subset=\"TYPE\" = 'Place of Worship - Islam'",
            "MAX_NEW": 10,
            "OUTPUT_DEMAND": "{out}/shelter_selection_demand.gpkg",
            "OUTPUT_FACILITIES": "{out}/shelter_selection_sites.gpkg",
        },
    },
]
