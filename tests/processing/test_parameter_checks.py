"""Pure parameter checks run before the algorithm (checkParameterValues), so the dialog names the problem
before anything is read, and the same checks stop processing.run with the same message."""

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProject

from tests.conftest import SAMPLE

JAKARTA = SAMPLE / "jakarta.gpkg"
ROADS = f"{JAKARTA}|layername=roads"
UNITS = f"{JAKARTA}|layername=kecamatan"

CASES = [
    (
        "sheltercoverage",
        {"FACILITIES": UNITS, "DEMAND": str(SAMPLE / "population.tif"), "ROADS": ROADS, "MODE": 1},
        "needs the CAPACITY_FIELD",
    ),
    (
        "sheltercoverage",
        {"FACILITIES": UNITS, "DEMAND": str(SAMPLE / "population.tif"), "ROADS": ROADS, "MODE": 2},
        "needs a CANDIDATES layer",
    ),
    ("hazardoverlay", {"HAZARDS": [UNITS], "METHOD": 3}, "needs VULNERABILITY zones"),
    ("hazardoverlay", {"HAZARDS": [UNITS], "POPULATION": str(SAMPLE / "population.tif")}, "needs UNITS"),
    ("exposuresummary", {"HAZARD": UNITS, "UNITS": UNITS}, "Give EXPOSURE features"),
    ("exposuresummary", {"HAZARD": UNITS, "EXPOSURE": ROADS, "UNITS": UNITS}, "UNIT_ID_FIELD"),
    ("facilitysuitability", {"CANDIDATES": UNITS, "WEIGHTS": "safety:1", "WEIGHTS_TABLE": UNITS}, "TYPE_FIELD"),
    ("lifelineexposure", {"LIFELINES": ROADS, "ASSET_TYPE": "road"}, "HAZARD zones and/or an INTENSITY raster"),
]


@pytest.mark.parametrize("alg_id,params,message", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_checked_before_the_run(provider, run_alg, alg_id, params, message):
    alg = QgsApplication.processingRegistry().createAlgorithmById(f"resilience:{alg_id}")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    params = dict(
        params, OUTPUT="memory:", OUTPUT_TABLE="memory:", OUTPUT_DEMAND="memory:", OUTPUT_FACILITIES="memory:"
    )
    ok, text = alg.checkParameterValues({k: v for k, v in params.items() if alg.parameterDefinition(k)}, context)
    assert not ok and message in text
    with pytest.raises(QgsProcessingException, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_alg(alg_id, {k: v for k, v in params.items() if alg.parameterDefinition(k)})
