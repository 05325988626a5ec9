"""Defaults a first-time user meets: output layers named by what they hold, the asset type as a list,
Export plan map's required layers, default title and refusal of tables (issue 12)."""

import subprocess

import pytest
from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterDefinition,
    QgsProject,
    QgsVectorLayer,
)

from tests.conftest import DATA, SAMPLE

INASAFE = DATA / "inasafe_samples.gpkg"
KECAMATAN = f"{SAMPLE / 'jakarta.gpkg'}|layername=kecamatan"
OPTIONAL = QgsProcessingParameterDefinition.Flag.FlagOptional


def _run_for_project(alg_id, params):
    """Run as the dialog does: temporary outputs that QGIS will load into the project."""
    import processing

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    res = processing.run(alg_id, params, context=context, feedback=QgsProcessingFeedback())
    layers = {k: v for k, v in res.items() if isinstance(v, QgsVectorLayer)}
    res = {
        k: (v.id() if isinstance(v, QgsVectorLayer) else v) for k, v in res.items()
    }  # layer ids, as the dialog has them
    context.result_layers = layers
    return res, context


def _temporary():
    return QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", QgsProject.instance())


def test_hazard_zones_are_named_by_their_hazard(provider):
    names = {}
    for hazard in ("flood", "historic_flood"):
        res, context = _run_for_project(
            "resilience:classifyhazard",
            {
                "INPUT": f"{INASAFE}|layername=flood_multipart_polygons",
                "FIELD": "FLOODPRONE",
                "HAZARD_NAME": hazard,
                "VALUE_MAP": "YES:1;NO:0",
                "OUTPUT": _temporary(),
            },
        )
        details = context.layerToLoadOnCompletionDetails(res["OUTPUT"])
        layer = context.result_layers["OUTPUT"]
        details.setOutputLayerName(layer)  # what Processing does when it loads the result
        names[hazard] = layer.name()
    assert names == {"flood": "Hazard zones · flood", "historic_flood": "Hazard zones · historic_flood"}


def test_hazard_zones_name_in_chinese(provider):
    from resilience_plugin import i18n

    translator = i18n.install_translator("zh-Hans")
    try:
        res, context = _run_for_project(
            "resilience:classifyhazard",
            {
                "INPUT": f"{INASAFE}|layername=flood_multipart_polygons",
                "FIELD": "FLOODPRONE",
                "HAZARD_NAME": "flood",
                "VALUE_MAP": "YES:1;NO:0",
                "OUTPUT": _temporary(),
            },
        )
    finally:
        i18n.remove_translator(translator)
    assert context.layerToLoadOnCompletionDetails(res["OUTPUT"]).name == "灾害分区 · flood"


def test_asset_type_is_a_list_of_the_library_and_hints_still_run(provider, run_alg):
    import json

    alg = provider.algorithm("lifelineexposure")
    hints = alg.parameterDefinition("ASSET_TYPE").metadata()["widget_wrapper"]["value_hints"]
    library = json.loads((SAMPLE.parents[0] / "standards" / "fragility.json").read_text(encoding="utf-8"))[
        "asset_types"
    ]
    assert [h.split(" — ")[0] for h in hints] == sorted(library)
    road = next(h for h in hints if h.startswith("road — "))
    assert "道路" in road or library["road"]["name"]["zh"] in road
    zones = run_alg(
        "classifyhazard",
        {
            "INPUT": f"{INASAFE}|layername=classified_vector",
            "FIELD": "hazard_value",
            "VALUE_MAP": "high:3;medium:2;low:1",
            "OUTPUT": "memory:",
        },
    )["OUTPUT"]
    results = []
    for value in ("road", road):  # the old free-text value and the list entry give the same result
        res = run_alg(
            "lifelineexposure",
            {
                "LIFELINES": f"{INASAFE}|layername=roads",
                "ASSET_TYPE": value,
                "HAZARD": zones,
                "LEVEL_FIELD": "level",
                "OUTPUT": "memory:",
                "OUTPUT_TABLE": "memory:",
            },
        )
        results.append([f["len_l2"] for f in res["OUTPUT"].getFeatures()])
    assert results[0] == results[1] and sum(results[0]) > 10_000


def test_export_plan_map_requires_layers_and_has_an_optional_title(provider):
    alg = provider.algorithm("exportplanmap")
    assert not alg.parameterDefinition("LAYERS").flags() & OPTIONAL
    assert alg.parameterDefinition("TITLE").flags() & OPTIONAL


def test_export_plan_map_title_defaults_to_the_first_layer(run_alg, tmp_path):
    zones = run_alg(
        "classifyhazard",
        {
            "INPUT": str(SAMPLE / "flood_current_depth.tif"),
            "HAZARD_NAME": "flood",
            "THRESHOLDS": "0.1,0.5,1.0,2.0",
            "OUTPUT": str(tmp_path / "flood_zones.gpkg"),
        },
    )["OUTPUT"]
    out = tmp_path / "untitled.pdf"
    run_alg("exportplanmap", {"LAYERS": [zones, KECAMATAN], "LANGUAGE": 0, "DPI": 72, "OUTPUT": str(out)})
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert text.splitlines()[0].strip() == "灾害分区"  # the title block: the first layer's title


def test_export_plan_map_refuses_a_table_and_names_it(run_alg, tmp_path, table_layer):
    QgsProject.instance().addMapLayer(table_layer)
    try:
        with pytest.raises(QgsProcessingException, match="'hazard_by_unit' is a table without geometry"):
            run_alg(
                "exportplanmap",
                {"LAYERS": [KECAMATAN, table_layer.id()], "TITLE": "t", "DPI": 72, "OUTPUT": str(tmp_path / "t.pdf")},
            )
    finally:
        QgsProject.instance().removeMapLayer(table_layer.id())
    assert list(tmp_path.iterdir()) == []


@pytest.fixture()
def table_layer():
    layer = QgsVectorLayer("None?field=unit_id:string&field=area_m2:double", "hazard_by_unit", "memory")
    assert layer.isValid() and not layer.isSpatial()
    return layer
