"""Field types that do not fit: converted with a warning that counts them, or refused — never
silently ignored where they change the result."""

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer

from tests.conftest import DATA
from tests.feedback import Capture
from tests.processing.test_network_criticality import HAND, X0, Y0, _lines_layer

INASAFE = DATA / "inasafe_samples.gpkg"


def test_suitability_refuses_text_hazard_levels(run_alg, tmp_path):
    """Dropping the levels would make sites in hazard zones eligible: a shelter in a flood zone."""
    with pytest.raises(
        QgsProcessingException,
        match="level field of hazard zones holds '(high|medium|low)', which is not a whole number",
    ):
        run_alg(
            "facilitysuitability",
            {
                "CANDIDATES": f"{INASAFE}|layername=buildings",
                "TYPE_FIELD": "TYPE",
                "HAZARD": f"{INASAFE}|layername=classified_vector",
                "HAZARD_LEVEL_FIELD": "hazard_value",
                "OUTPUT": str(tmp_path / "s.gpkg"),
            },
        )
    assert not (tmp_path / "s.gpkg").exists()


@pytest.fixture()
def text_population_layer():
    """Three residents' points as text: '-500', '一百' (a hundred, in words) and '20'."""
    layer = QgsVectorLayer("Point?crs=EPSG:32650&field=pop:string", "residents", "memory")
    feats = []
    for (x, y), pop in (((350, 30), "-500"), ((405, 0), "一百"), ((50, 105), "20")):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + x, Y0 + y)))
        f.setAttributes([pop])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


@pytest.fixture()
def hand_net_layer():
    return _lines_layer(HAND)


@pytest.fixture()
def clinic_layer():
    layer = QgsVectorLayer("Point?crs=EPSG:32650", "clinic", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + 10, Y0 - 5)))
    layer.dataProvider().addFeatures([f])
    layer.updateExtents()
    return layer


def test_criticality_cleans_negative_and_text_populations_with_a_counted_warning(
    run_alg, hand_net_layer, text_population_layer, clinic_layer
):
    fb = Capture()
    res = run_alg(
        "networkcriticality",
        {
            "NETWORK": hand_net_layer,
            "FAILED": '"p_fail" >= 0.5',
            "DEMAND": text_population_layer,
            "POPULATION_FIELD": "pop",
            "DESTINATIONS": [clinic_layer],
            "OUTPUT_DEMAND": "memory:",
            "OUTPUT_TABLE": "memory:",
            "OUTPUT_LINKS": "memory:",
        },
        fb,
    )
    assert (
        "residents: 2 feature(s) have a population that is NULL, negative or not a number; counted as 0." in fb.text()
    )
    persons = [f["persons"] for f in res["OUTPUT_DEMAND"].getFeatures()]
    assert persons == [0, 0, 20]
    iso = np.array([f["isolated_persons"] for f in res["OUTPUT_LINKS"].getFeatures()], dtype=float)
    assert (iso >= 0).all()
    # by hand (the hand network of test_network_criticality): only the 20 beside C-D count now
    assert iso.tolist() == [20, 0, 20, 0, 0, 0, 0, 0]


def test_lifeline_exposure_with_a_missing_asset_type_field(run_alg, tmp_path):
    with pytest.raises(
        QgsProcessingException,
        match="has no field 'kind_missing' \\(set in Asset type field\\). Choose one of its fields: .*TYPE",
    ):
        run_alg(
            "lifelineexposure",
            {
                "LIFELINES": f"{INASAFE}|layername=roads",
                "ASSET_TYPE_FIELD": "kind_missing",
                "HAZARD": f"{INASAFE}|layername=classified_vector",
                "LEVEL_FIELD": "hazard_id",
                "OUTPUT": str(tmp_path / "o.gpkg"),
                "OUTPUT_TABLE": str(tmp_path / "t.gpkg"),
            },
        )
    assert not (tmp_path / "o.gpkg").exists()
