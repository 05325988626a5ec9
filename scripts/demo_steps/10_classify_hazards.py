"""Demo step 1: classify the hazards of the sample into standard hazard zones."""

STEPS = [
    {
        "title": "Classify the current flood depth (0.1 / 0.5 / 1.0 / 2.0 m)",
        "alg": "resilience:classifyhazard",
        "params": {
            "INPUT": "{sample}/flood_current_depth.tif",
            "HAZARD_NAME": "flood",
            "THRESHOLDS": "0.1,0.5,1.0,2.0",
            "OUTPUT": "{out}/flood_zones.gpkg",
        },
    },
    {
        "title": "Classify the 2007 flood neighbourhoods (YES:1;NO:0)",
        "alg": "resilience:classifyhazard",
        "params": {
            "INPUT": "{sample}/jakarta.gpkg|layername=flood_2007_rw",
            "FIELD": "FLOODPRONE",
            "HAZARD_NAME": "flood_2007",
            "VALUE_MAP": "YES:1;NO:0",
            "OUTPUT": "{out}/flood_2007_zones.gpkg",
        },
    },
]
