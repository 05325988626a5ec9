"""qgis_io.vector: any QGIS source -> shapely arrays + attributes, and back to sinks."""

import numpy as np
import pytest
import shapely
from pyproj import CRS, Geod
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeatureSource,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerSelectedFeatureSource,
)

from resilience_plugin.core.errors import InputError
from resilience_plugin.qgis_io.vector import make_fields, read_source, write_features
from tests.conftest import SAMPLE
from tests.helpers import read_gdf

GPKG = SAMPLE / "jakarta.gpkg"


@pytest.fixture()
def kecamatan_layer(sample_copy):
    # a copy: QGIS may write to a GeoPackage whose layer gets a subset string
    layer = QgsVectorLayer(f"{sample_copy / 'jakarta.gpkg'}|layername=kecamatan", "kecamatan", "ogr")
    assert layer.isValid()
    return layer


@pytest.fixture()
def memory_layer():
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string&field=v:double", "mem", "memory")
    feats = []
    for name, v, wkt in (("a", 1.5, "POLYGON((106.8 -6.2,106.81 -6.2,106.81 -6.19,106.8 -6.19,106.8 -6.2))"),
                         ("bowtie", None, "POLYGON((106.8 -6.2,106.81 -6.19,106.81 -6.2,106.8 -6.19,106.8 -6.2))"),
                         ("nogeom", 3.0, None)):
        f = QgsFeature(layer.fields())
        f.setAttributes([name, v])
        if wkt:
            f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_reads_file_layer_like_gdal(kecamatan_layer):
    data = read_source(kecamatan_layer, ["KEC_NAME"])
    gdf = read_gdf(GPKG, "kecamatan")
    assert len(data) == len(gdf) == 42
    assert data.attrs["KEC_NAME"].tolist() == gdf["KEC_NAME"].tolist()
    assert np.allclose(shapely.area(data.geoms), shapely.area(shapely.make_valid(gdf.geometry.values)), rtol=1e-9)
    assert data.geometry_type == "polygon"


def test_reprojects_to_metres(kecamatan_layer):
    data = read_source(kecamatan_layer, [], target_crs=CRS.from_epsg(32748))
    gdf = read_gdf(GPKG, "kecamatan")
    geod = Geod(ellps="WGS84")
    geodesic = sum(abs(geod.geometry_area_perimeter(shapely.orient_polygons(shapely.make_valid(g)))[0]) for g in gdf.geometry)
    assert shapely.area(data.geoms).sum() == pytest.approx(geodesic, rel=0.005)


def test_nulls_missing_geometries_and_repairs(memory_layer):
    data = read_source(memory_layer, ["name", "v"])
    assert data.skipped == 1 and data.repaired == 1
    assert data.attrs["name"].tolist() == ["a", "bowtie"]
    assert data.attrs["v"].iloc[0] == 1.5 and data.attrs["v"].isna().iloc[1]
    assert shapely.is_valid(data.geoms).all()


def test_missing_field_is_a_clear_error(memory_layer):
    with pytest.raises(InputError, match="'depth' does not exist.*name, v"):
        read_source(memory_layer, ["depth"])


def test_selection_and_filters_are_honoured(kecamatan_layer):
    QgsProject.instance().addMapLayer(kecamatan_layer, False)
    try:
        ids = [f.id() for f in kecamatan_layer.getFeatures()][:3]
        kecamatan_layer.selectByIds(ids)
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        inner = QgsVectorLayerSelectedFeatureSource(kecamatan_layer)  # what "selected features only" reads
        source = QgsProcessingFeatureSource(inner, context)
        selected = read_source(source, ["KEC_NAME"])
        assert sorted(selected.fids.tolist()) == sorted(ids)
        kecamatan_layer.setSubsetString("\"KAB_NAME\" = 'JAKARTA PUSAT'")
        gdf = read_gdf(GPKG, "kecamatan")
        assert len(read_source(kecamatan_layer, ["KAB_NAME"])) == int((gdf["KAB_NAME"] == "JAKARTA PUSAT").sum()) > 0
    finally:
        kecamatan_layer.setSubsetString("")
        QgsProject.instance().removeMapLayer(kecamatan_layer.id())


def test_write_roundtrip(memory_layer):
    out = QgsVectorLayer("MultiPolygon?crs=EPSG:4326", "out", "memory")
    fields = make_fields([("name", "string"), ("n", "int"), ("x", "double"), ("flag", "bool")])
    out.dataProvider().addAttributes(list(fields))
    out.updateFields()
    import pandas as pd

    geoms = np.array([shapely.MultiPolygon([shapely.box(0, 0, 1, 1)]), None], dtype=object)
    attrs = pd.DataFrame({"name": ["a", None], "n": np.array([1, 2], dtype=np.int64), "x": [np.nan, 2.5],
                          "flag": [True, False]})
    write_features(out.dataProvider(), out.fields(), geoms, attrs)
    rows = [(f["name"], f["n"], f["x"], f["flag"], f.geometry().isNull()) for f in out.getFeatures(QgsFeatureRequest())]
    assert rows[0][:2] == ("a", 1) and rows[0][3] is True and not rows[0][4]
    assert rows[0][2] is None or str(rows[0][2]) == "NULL"
    assert rows[1][1:4] == (2, 2.5, False) and rows[1][4]


@pytest.fixture()
def buildings_layer(sample_copy):
    layer = QgsVectorLayer(f"{sample_copy / 'jakarta.gpkg'}|layername=buildings", "buildings", "ogr")
    assert layer.isValid()
    return layer


def test_bulk_gdal_path_equals_feature_iteration(buildings_layer):
    """A whole OGR layer is read through GDAL's Arrow stream; it must give what QGIS iteration gives."""
    from resilience_plugin.qgis_io import vector

    assert vector._ogr_location(buildings_layer) is not None
    bulk = read_source(buildings_layer, ["TYPE", "LEVELS"])
    iterated = read_source(buildings_layer.materialize(QgsFeatureRequest()),  # a memory copy: feature iteration
                           ["TYPE", "LEVELS"])
    assert bulk.fids.tolist() == iterated.fids.tolist()
    assert len(bulk) == 7689
    assert bulk.attrs["TYPE"].tolist() == iterated.attrs["TYPE"].tolist()
    # NULLs survive as None on both paths (LEVELS is filled for 1,209 buildings only)
    assert bulk.attrs["LEVELS"].isna().sum() == iterated.attrs["LEVELS"].isna().sum() == 7689 - 1209
    assert shapely.equals(bulk.geoms, iterated.geoms).all()


def test_all_fields_with_the_geopackage_fid_take_the_bulk_path(buildings_layer):
    """QGIS lists a GeoPackage's FID column (``fid``) as its first field, GDAL does not: reading every
    field (as the algorithms that copy the input's attributes do) still takes the Arrow stream, with
    ``fid`` equal to the feature ids and every column as QGIS's own iteration gives it."""
    from resilience_plugin.qgis_io import vector

    names = [f.name() for f in buildings_layer.fields()]
    assert names[0] == "fid" and len(names) > 2
    assert vector._read_ogr(vector._ogr_location(buildings_layer), names, True, None) is not None
    bulk = read_source(buildings_layer, names)
    assert bulk.attrs["fid"].dtype.kind == "i"
    iterated = read_source(buildings_layer.materialize(QgsFeatureRequest()), names)
    assert bulk.fids.tolist() == iterated.fids.tolist() == bulk.attrs["fid"].tolist()
    assert [f.id() for f in buildings_layer.getFeatures()] == bulk.fids.tolist()

    def plain(values):
        return [None if v is None or (isinstance(v, float) and v != v) else v for v in values]

    for name in names:
        assert plain(bulk.attrs[name].tolist()) == plain(iterated.attrs[name].tolist()), name
    assert shapely.equals(bulk.geoms, iterated.geoms).all()


def test_filtered_layers_do_not_take_the_bulk_path(buildings_layer):
    from resilience_plugin.qgis_io import vector

    buildings_layer.setSubsetString("\"TYPE\" = 'School'")
    assert vector._ogr_location(buildings_layer) is None
    gdf = read_gdf(GPKG, "buildings")
    assert len(read_source(buildings_layer, ["TYPE"])) == int((gdf["TYPE"] == "School").sum()) > 0

