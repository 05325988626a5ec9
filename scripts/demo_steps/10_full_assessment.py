"""Demo: the complete workflow as ONE model run, resources/models/resilience_assessment.model3.

Flood depth (0.1 / 0.5 / 1.0 / 2.0 m) and the 2007 flood neighbourhoods -> composite hazard zones per
kecamatan -> buildings, people and roads exposed -> schools, sports and government buildings as
shelters -> capacitated 10-minute walking coverage -> road lifelines in the flood -> hospital access
when flooded roads close -> direct economic loss in the current and the design flood and their
comparison per kecamatan -> the plan maps (with the change map of the flood loss). Layers go to GeoPackages, tables to CSV, maps to PDF / PNG,
in {out}/layers, {out}/tables and {out}/maps.
"""

A = "{out}"

STEPS = [
    {
        "title": "Full resilience assessment (model: classify, overlay, exposure, shelters, lifelines, criticality, maps)",
        "model": "resilience_assessment",
        "params": {
            "FLOOD_DEPTH": "{sample}/flood_current_depth.tif",
            "FLOOD_THRESHOLDS": "0.1,0.5,1.0,2.0",
            "DESIGN_FLOOD_DEPTH": "{sample}/flood_design_depth.tif",
            "HISTORIC_FLOOD": "{sample}/jakarta.gpkg|layername=flood_2007_rw",
            "HISTORIC_FIELD": "FLOODPRONE",
            "HISTORIC_VALUE_MAP": "YES:1;NO:0",
            "UNITS": "{sample}/jakarta.gpkg|layername=kecamatan",
            "UNIT_ID_FIELD": "KEC_NAME",
            "POPULATION": "{sample}/population.tif",
            "BUILDINGS": "{sample}/jakarta.gpkg|layername=buildings",
            "BUILDING_TYPE_FIELD": "TYPE",
            "BUILDING_NAME_FIELD": "NAME",
            "BUILDING_FLOORS_FIELD": "LEVELS",
            "SHELTER_FILTER": "lower(\"TYPE\") IN ('school', 'sports facility', 'government')",
            "HOSPITAL_FILTER": "lower(\"TYPE\") = 'hospital'",
            "ROADS": "{sample}/jakarta.gpkg|layername=roads",
            "ROAD_CLASS_FIELD": "TYPE",
            "MAP_TITLE": "雅加达综合灾害风险分区图 Jakarta composite hazard zoning",
            "MAP_NOTE": "数据来源 Data: InaSAFE Jakarta sample (OSM, BNPB). 编制 Made with Resilience Planner.",
            # layers (GeoPackage)
            "classify_flood:flood_zones": A + "/layers/flood_zones.gpkg",
            "classify_historic:historic_flood_zones": A + "/layers/historic_flood_zones.gpkg",
            "overlay:composite_hazard": A + "/layers/composite_hazard.gpkg",
            "exposure_buildings:buildings_exposure": A + "/layers/buildings_exposure.gpkg",
            "suitability:facility_suitability": A + "/layers/shelter_suitability.gpkg",
            "coverage:shelter_demand": A + "/layers/shelter_demand.gpkg",
            "coverage:shelter_load": A + "/layers/shelter_load.gpkg",
            "coverage:shelter_service_areas": A + "/layers/shelter_service_areas.gpkg",
            "lifeline:lifeline_roads": A + "/layers/lifeline_roads.gpkg",
            "criticality:criticality_demand": A + "/layers/hospital_access.gpkg",
            "criticality:criticality_links": A + "/layers/road_criticality.gpkg",
            "compare_loss:loss_change": A + "/layers/loss_change.gpkg",
            # tables (CSV)
            "overlay:hazard_by_unit": A + "/tables/hazard_by_kecamatan.csv",
            "exposure_buildings:buildings_exposure_by_unit": A + "/tables/buildings_population_exposure_by_kecamatan.csv",
            "exposure_roads:roads_exposure_by_unit": A + "/tables/roads_exposure_by_kecamatan.csv",
            "coverage:shelter_coverage_by_unit": A + "/tables/shelter_coverage_by_kecamatan.csv",
            "lifeline:lifeline_by_unit": A + "/tables/lifeline_roads_by_kecamatan.csv",
            "criticality:criticality_by_unit": A + "/tables/hospital_isolation_by_kecamatan.csv",
            "loss_current:loss_current_by_unit": A + "/tables/loss_current_by_kecamatan.csv",
            "loss_design:loss_design_by_unit": A + "/tables/loss_design_by_kecamatan.csv",
            "compare_loss:loss_comparison": A + "/tables/loss_design_vs_current.csv",
            # maps (PDF + PNG)
            "map_hazard_pdf:hazard_map_pdf": A + "/maps/composite_hazard_A3.pdf",
            "map_hazard_png:hazard_map_png": A + "/maps/composite_hazard_A3.png",
            "map_coverage_pdf:coverage_map_pdf": A + "/maps/shelter_coverage_A3.pdf",
            "map_lifeline_pdf:lifeline_map_pdf": A + "/maps/road_lifelines_A3.pdf",
            "map_loss_change_pdf:loss_change_map_pdf": A + "/maps/loss_change.pdf",
        },
    },
]
