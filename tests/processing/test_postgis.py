"""PostGIS through QGIS's postgres provider: the same numbers as from the files.

A real PostgreSQL + PostGIS server is started for this module (tests/pg_cluster.py: a throw-away
cluster in a temporary folder on a free local port, stopped at the end). The layers are loaded into it
with GDAL's PostgreSQL driver; expected numbers come from geopandas on the GeoPackage originals.
"""

import numpy as np
import pandas as pd
import pytest
import shapely
from osgeo import gdal
from qgis.core import QgsDataSourceUri, QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer

from resilience_plugin.qgis_io import vector
from resilience_plugin.qgis_io.vector import read_source
from tests.conftest import DATA
from tests.helpers import read_gdf
from tests.pg_cluster import PgCluster
from tests.processing.test_input_formats import expected_levels

SAMPLES = DATA / "inasafe_samples.gpkg"
DB = "resilience_test"


@pytest.fixture(scope="module")
def pg():
    cluster = PgCluster().start()
    try:
        cluster.create_database(DB)
        for src, layer, table in (
            (SAMPLES, "buildings", "buildings"),
            (SAMPLES, "flood_multipart_polygons", "flood_rw"),
            (DATA / "futian.gpkg", "road_edges", "futian_edges"),
        ):
            gdal.VectorTranslate(
                cluster.ogr(DB),
                str(src),
                options=[
                    "-f",
                    "PostgreSQL",
                    "-nln",
                    table,
                    "-lco",
                    "GEOMETRY_NAME=geom",
                    "-lco",
                    "FID=fid",
                    "-lco",
                    "LAUNDER=NO",
                    layer,
                ],
            )
        yield cluster
    finally:
        cluster.stop()


def _pg_layer(pg, table, name=None):
    uri = QgsDataSourceUri()
    uri.setConnection("127.0.0.1", str(pg.port), DB, pg.user, "")
    uri.setDataSource("public", table, "geom", "", "fid")
    layer = QgsVectorLayer(uri.uri(False), name or table, "postgres")
    assert layer.isValid(), layer.dataProvider().error().message() if layer.dataProvider() else table
    return layer


@pytest.fixture()
def pg_buildings_layer(pg):
    return _pg_layer(pg, "buildings")


@pytest.fixture()
def pg_flood_layer(pg):
    return _pg_layer(pg, "flood_rw")


@pytest.fixture()
def pg_edges_layer(pg):
    return _pg_layer(pg, "futian_edges")


def test_postgis_layer_reads_like_the_geopackage(pg_buildings_layer, pg_edges_layer):
    assert pg_buildings_layer.providerType() == "postgres"
    assert vector._ogr_location(pg_buildings_layer) is None  # not an OGR file: the provider path
    data = read_source(pg_buildings_layer, ["TYPE", "LEVELS"])
    ref = read_gdf(SAMPLES, "buildings")
    order = np.argsort(data.fids)
    assert len(data) == len(ref) == 181
    assert data.attrs["TYPE"].iloc[order].tolist() == ref.sort_values("fid")["TYPE"].tolist()
    assert np.allclose(shapely.area(data.geoms[order]), shapely.area(ref.sort_values("fid").geometry.values), rtol=1e-9)
    assert data.fids.tolist() == [f.id() for f in pg_buildings_layer.getFeatures()]
    # Chinese text survives the database
    edges = read_source(pg_edges_layer, ["name"])
    names = read_gdf(DATA / "futian.gpkg", "road_edges")["name"]
    assert sorted(n for n in edges.attrs["name"] if n) == sorted(n for n in names if n)
    assert "景田路" in set(edges.attrs["name"])


def test_zoning_and_exposure_from_postgis_match_geopandas(pg_buildings_layer, pg_flood_layer, run_alg, tmp_path):
    QgsProject.instance().addMapLayers([pg_buildings_layer, pg_flood_layer])
    try:
        zones = run_alg(
            "classifyhazard",
            {
                "INPUT": pg_flood_layer.id(),
                "FIELD": "FLOODPRONE",
                "HAZARD_NAME": "flood",
                "VALUE_MAP": "YES:1;NO:0",
                "OUTPUT": str(tmp_path / "zones.gpkg"),
            },
        )["OUTPUT"]
        table = run_alg(
            "exposuresummary",
            {
                "HAZARD": zones,
                "EXPOSURE": pg_buildings_layer.id(),
                "RULE": 0,
                "OUTPUT": "TEMPORARY_OUTPUT",
                "OUTPUT_TABLE": str(tmp_path / "t.gpkg"),
            },
        )["OUTPUT_TABLE"]
        level = expected_levels(read_gdf(SAMPLES, "buildings"))
        assert read_gdf(table).groupby("level")["count"].sum().to_dict() == level.value_counts().to_dict()
        # a subset filter and a selection on the database layer
        b = read_gdf(SAMPLES, "buildings")
        houses = (b["TYPE"].fillna("").str.lower() == "residential").to_numpy()
        pg_buildings_layer.setSubsetString("lower(\"TYPE\") = 'residential'")
        t2 = run_alg(
            "exposuresummary",
            {"HAZARD": zones, "EXPOSURE": pg_buildings_layer.id(), "OUTPUT_TABLE": "memory:", "OUTPUT": "memory:"},
        )["OUTPUT_TABLE"]
        got = pd.Series({f["level"]: f["count"] for f in t2.getFeatures()})
        assert got.groupby(level=0).sum().to_dict() == level[houses].value_counts().to_dict()
        pg_buildings_layer.setSubsetString("")
        school = b.loc[b["TYPE"].fillna("").str.contains("school", case=False), "fid"].tolist()
        pg_buildings_layer.selectByIds(school)
        t3 = run_alg(
            "exposuresummary",
            {
                "HAZARD": zones,
                "EXPOSURE": QgsProcessingFeatureSourceDefinition(pg_buildings_layer.id(), selectedFeaturesOnly=True),
                "OUTPUT_TABLE": "memory:",
                "OUTPUT": "memory:",
            },
        )["OUTPUT_TABLE"]
        assert sum(f["count"] for f in t3.getFeatures()) == len(school) > 0
    finally:
        QgsProject.instance().takeMapLayer(pg_buildings_layer)  # back to the fixture, which owns it
        QgsProject.instance().takeMapLayer(pg_flood_layer)
