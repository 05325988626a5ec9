"""Demo step 2: multi-hazard overlay and exposure statistics on the Jakarta sample.

Reads the hazard zones written by step 10 (``{out}/flood_zones.gpkg``, ``{out}/flood_2007_zones.gpkg``).
The sample's population raster holds persons per km², hence POPULATION_MODE 1.
"""

STEPS = [
    {
        "title": "Overlay the current flood and the 2007 flood (maximum level), population per kelurahan",
        "alg": "resilience:hazardoverlay",
        "params": {
            "HAZARDS": ["{out}/flood_zones.gpkg", "{out}/flood_2007_zones.gpkg"],
            "METHOD": 0,
            "UNITS": "{sample}/jakarta.gpkg|layername=kelurahan",
            "UNIT_ID_FIELD": "KEL_NAME_1",
            "POPULATION": "{sample}/population.tif",
            "POPULATION_MODE": 1,
            "OUTPUT": "{out}/composite_hazard.gpkg",
            "OUTPUT_TABLE": "{out}/composite_hazard_by_kelurahan.gpkg",
        },
    },
    {
        "title": "Buildings exposed to the 2007 flood, per kecamatan and building type",
        "alg": "resilience:exposuresummary",
        "params": {
            "HAZARD": "{out}/flood_2007_zones.gpkg",
            "EXPOSURE": "{sample}/jakarta.gpkg|layername=buildings",
            "CLASS_FIELD": "TYPE",
            "RULE": 0,
            "UNITS": "{sample}/jakarta.gpkg|layername=kecamatan",
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT": "{out}/buildings_exposure.gpkg",
            "OUTPUT_TABLE": "{out}/buildings_exposure_by_kecamatan.gpkg",
        },
    },
    {
        "title": "Roads by current flood depth (0.1 / 0.5 / 1.0 m), per kecamatan and road type",
        "alg": "resilience:exposuresummary",
        "params": {
            "HAZARD": "{sample}/flood_current_depth.tif",
            "THRESHOLDS": "0.1,0.5,1.0",
            "EXPOSURE": "{sample}/jakarta.gpkg|layername=roads",
            "CLASS_FIELD": "TYPE",
            "UNITS": "{sample}/jakarta.gpkg|layername=kecamatan",
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT": "{out}/roads_exposure.gpkg",
            "OUTPUT_TABLE": "{out}/roads_exposure_by_kecamatan.gpkg",
        },
    },
    {
        "title": "Population per kelurahan and flood depth level",
        "alg": "resilience:exposuresummary",
        "params": {
            "HAZARD": "{sample}/flood_current_depth.tif",
            "THRESHOLDS": "0.1,0.5,1.0",
            "EXPOSURE_RASTER": "{sample}/population.tif",
            "POPULATION_MODE": 1,
            "UNITS": "{sample}/jakarta.gpkg|layername=kelurahan",
            "UNIT_ID_FIELD": "KEL_NAME_1",
            "OUTPUT_TABLE": "{out}/population_by_kelurahan.gpkg",
        },
    },
]
