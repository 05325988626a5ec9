"""Geometry kinds are checked for every input: polygons where zones or units are required."""

import pytest
from qgis.core import QgsProcessingException

from tests.conftest import DATA

INASAFE = DATA / "inasafe_samples.gpkg"
POINTS = f"{INASAFE}|layername=v4_building_points"


@pytest.fixture()
def zones(inasafe_zones):
    return inasafe_zones


@pytest.mark.parametrize(
    "alg,params,param",
    [
        (
            "exposuresummary",
            {"HAZARD": POINTS, "EXPOSURE": f"{INASAFE}|layername=buildings"},
            "Hazard \\(zones or raster\\)",
        ),
        (
            "lifelineexposure",
            {"LIFELINES": f"{INASAFE}|layername=roads", "ASSET_TYPE": "road", "HAZARD": POINTS},
            "Hazard zones",
        ),
        (
            "facilitysuitability",
            {"CANDIDATES": f"{INASAFE}|layername=buildings", "TYPE_FIELD": "TYPE", "HAZARD": POINTS},
            "Hazard zones",
        ),
    ],
)
def test_points_are_refused_as_hazard_zones(alg, params, param, run_alg, tmp_path):
    params = dict(params, OUTPUT=str(tmp_path / "o.gpkg"), OUTPUT_TABLE=str(tmp_path / "t.gpkg"))
    with pytest.raises(
        QgsProcessingException,
        match=f"{param}.* must contain polygons \\(zones or units\\), but 'inasafe_samples\\|v4_building_points' holds points",  # noqa: E501
    ):
        run_alg(alg, params)
    assert not (tmp_path / "o.gpkg").exists()


@pytest.mark.parametrize("alg", ["exposuresummary", "lifelineexposure"])
def test_points_are_refused_as_admin_units(alg, run_alg, zones, tmp_path):
    params = {
        "exposuresummary": {"HAZARD": zones, "EXPOSURE": f"{INASAFE}|layername=buildings"},
        "lifelineexposure": {"LIFELINES": f"{INASAFE}|layername=roads", "ASSET_TYPE": "road", "HAZARD": zones},
    }[alg]
    params = dict(
        params,
        UNITS=POINTS,
        UNIT_ID_FIELD="exposure_id",
        OUTPUT=str(tmp_path / "o.gpkg"),
        OUTPUT_TABLE=str(tmp_path / "t.gpkg"),
    )
    with pytest.raises(
        QgsProcessingException, match="Admin units must contain polygons .* holds points: choose a polygon layer"
    ):
        run_alg(alg, params)


def test_lines_are_refused_as_admin_units(run_alg, zones, tmp_path):
    with pytest.raises(
        QgsProcessingException, match="Admin units must contain polygons .*'inasafe_samples\\|roads' holds lines"
    ):
        run_alg(
            "exposuresummary",
            {
                "HAZARD": zones,
                "EXPOSURE": f"{INASAFE}|layername=buildings",
                "UNITS": f"{INASAFE}|layername=roads",
                "UNIT_ID_FIELD": "NAME",
                "OUTPUT_TABLE": str(tmp_path / "t.gpkg"),
            },
        )


def test_polygons_are_refused_as_lifelines_and_points_as_failed_segments(run_alg, zones, tmp_path):
    with pytest.raises(
        QgsProcessingException,
        match="Lifelines \\(lines or points\\) must contain points or lines, but 'inasafe_samples\\|buildings' holds polygons",  # noqa: E501
    ):
        run_alg(
            "lifelineexposure",
            {
                "LIFELINES": f"{INASAFE}|layername=buildings",
                "ASSET_TYPE": "road",
                "HAZARD": zones,
                "OUTPUT": str(tmp_path / "o.gpkg"),
                "OUTPUT_TABLE": str(tmp_path / "t.gpkg"),
            },
        )
    # points as the failed segments would silently fail nothing
    with pytest.raises(
        QgsProcessingException,
        match="Failed segments \\(layer\\) must contain lines, but 'inasafe_samples\\|v4_building_points' holds points",
    ):
        run_alg(
            "networkcriticality",
            {
                "NETWORK": f"{INASAFE}|layername=roads",
                "FAILED_LAYER": POINTS,
                "DEMAND": POINTS,
                "DESTINATIONS": [POINTS],
                "OUTPUT_DEMAND": "memory:",
                "OUTPUT_TABLE": "memory:",
                "OUTPUT_LINKS": "memory:",
            },
        )
