"""Rasters with no data and layers without a CRS: said plainly, naming the layer."""

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorLayer,
)

from tests.conftest import DATA
from tests.feedback import Capture
from tests.helpers import write_raster

INASAFE = DATA / "inasafe_samples.gpkg"
# a 0.001° grid over the InaSAFE buildings (EPSG:4326)
GT = (106.80, 0.001, 0.0, -6.16, 0.0, -0.001)


@pytest.fixture()
def empty_raster(tmp_path):
    return write_raster(tmp_path / "empty.tif", np.full((40, 40), -9999.0), GT, epsg=4326)


@pytest.fixture()
def zones(inasafe_zones):
    return inasafe_zones


def test_all_nodata_hazard_raster_says_so(run_alg, empty_raster, tmp_path):
    with pytest.raises(
        QgsProcessingException,
        match="The raster 'empty' \\(Hazard \\(zones or raster\\)\\) holds no data: every cell is nodata",
    ) as err:
        run_alg(
            "exposuresummary",
            {
                "HAZARD": empty_raster,
                "THRESHOLDS": "0.1,0.5",
                "EXPOSURE": f"{INASAFE}|layername=buildings",
                "OUTPUT_TABLE": str(tmp_path / "t.gpkg"),
            },
        )
    assert "do not overlap" not in str(err.value)
    assert not (tmp_path / "t.gpkg").exists()


def test_all_nodata_population_raster_warns(run_alg, empty_raster, zones, tmp_path):
    fb = Capture()
    res = run_alg(
        "exposuresummary",
        {"HAZARD": zones, "EXPOSURE_RASTER": empty_raster, "OUTPUT_TABLE": str(tmp_path / "t.gpkg")},
        fb,
    )
    assert "The population raster 'empty' holds no data (every cell is nodata): it counts 0 persons." in fb.text()
    assert res["OUTPUT_TABLE"]


def test_a_raster_with_some_data_is_not_flagged(run_alg, zones, tmp_path):
    values = np.full((40, 40), -9999.0)
    values[20, 20] = 12.0
    pop = write_raster(tmp_path / "one_cell.tif", values, GT, epsg=4326)
    fb = Capture()
    run_alg("exposuresummary", {"HAZARD": zones, "EXPOSURE_RASTER": pop, "OUTPUT_TABLE": str(tmp_path / "t.gpkg")}, fb)
    assert "holds no data" not in fb.text()


@pytest.fixture()
def no_crs_layer():
    layer = QgsVectorLayer("Point?field=pop:double", "clinics without crs", "memory")
    layer.setCrs(QgsCoordinateReferenceSystem())
    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(106.81, -6.18)))
    f.setAttributes([1.0])
    layer.dataProvider().addFeatures([f])
    layer.updateExtents()
    assert not layer.crs().isValid()
    return layer


def test_a_layer_without_crs_is_named(run_alg, no_crs_layer, zones, tmp_path):
    with pytest.raises(
        QgsProcessingException,
        match="The layer 'clinics without crs' \\(Exposure features\\) has no valid coordinate reference system: set its CRS first",  # noqa: E501
    ):
        run_alg(
            "exposuresummary", {"HAZARD": zones, "EXPOSURE": no_crs_layer, "OUTPUT_TABLE": str(tmp_path / "t.gpkg")}
        )
