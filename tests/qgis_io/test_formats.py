"""Every vector format planners use reads the same: the bulk GDAL reader and the provider path.

The reference is the GeoPackage written here with plain OGR; the other files are converted from it
with gdal.VectorTranslate. Each read is compared with what OGR itself holds (features in file order),
so a reader that drops, reorders or garbles features fails.
"""

import zipfile

import numpy as np
import pandas as pd
import pytest
import shapely
from osgeo import gdal, ogr, osr
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingContext,
    QgsProcessingFeatureSource,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerSelectedFeatureSource,
)

from resilience_plugin.qgis_io import vector
from resilience_plugin.qgis_io.vector import read_source
from tests.conftest import DATA
from tests.helpers import read_gdf

NAMES_ZH = ["学校", "医院", "住宅", "商场", "体育馆"]


def write_reference(path):
    """The 181 InaSAFE buildings with a text class, a Chinese name, an integer and a real field."""
    src = read_gdf(DATA / "inasafe_samples.gpkg", "buildings")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("sites", srs=srs, geom_type=ogr.wkbPolygon)
    for name, kind in (
        ("TYPE", ogr.OFTString),
        ("name_zh", ogr.OFTString),
        ("floors", ogr.OFTInteger),
        ("value", ogr.OFTReal),
    ):
        lyr.CreateField(ogr.FieldDefn(name, kind))
    for i, row in src.reset_index(drop=True).iterrows():
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("TYPE", row["TYPE"])
        f.SetField("name_zh", NAMES_ZH[i % len(NAMES_ZH)])
        if i % 7:
            f.SetField("floors", int(i % 12) + 1)
        f.SetField("value", float(i) * 1.25)
        f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(row.geometry)))
        lyr.CreateFeature(f)
    ds = None
    return str(path)


@pytest.fixture()
def reference(tmp_path):
    return write_reference(tmp_path / "sites.gpkg")


def expected(path):
    gdf = read_gdf(path, "sites")
    return gdf


HAS_LIBKML = gdal.GetDriverByName("LIBKML") is not None


def convert(reference, out, fmt, options=()):
    gdal.VectorTranslate(str(out), reference, options=["-f", fmt, *options])
    return str(out)


def formats(reference, tmp):
    """``name -> (QGIS uri, provider)`` of the same features in every file format."""
    shp = convert(reference, tmp / "sites.shp", "ESRI Shapefile", ["-lco", "ENCODING=UTF-8"])
    zpath = tmp / "sites.zip"
    with zipfile.ZipFile(zpath, "w") as z:
        for ext in ("shp", "shx", "dbf", "prj", "cpg"):
            z.write(tmp / f"sites.{ext}", f"sites.{ext}")
    out = {
        "gpkg": (f"{reference}|layername=sites", "ogr"),
        "shapefile": (shp, "ogr"),
        "zipped shapefile": (f"/vsizip/{zpath}/sites.shp", "ogr"),
        "geojson": (convert(reference, tmp / "sites.geojson", "GeoJSON"), "ogr"),
        "flatgeobuf": (convert(reference, tmp / "sites.fgb", "FlatGeobuf"), "ogr"),
    }
    if HAS_LIBKML:  # KML with its attributes needs GDAL's LIBKML driver (Debian sid's GDAL 3.13 has none)
        out["kml"] = (convert(reference, tmp / "sites.kml", "LIBKML"), "ogr")
    wkt = convert(reference, tmp / "sites_wkt.csv", "CSV", ["-lco", "GEOMETRY=AS_WKT", "-lco", "GEOMETRY_NAME=WKT"])
    out["csv wkt (ogr)"] = (wkt, "ogr")
    out["csv wkt (delimited text)"] = (
        f"file://{wkt}?type=csv&wktField=WKT&crs=EPSG:4326&detectTypes=yes",
        "delimitedtext",
    )
    return out


def read_all(uri, provider, fields=("TYPE", "name_zh", "floors", "value")):
    layer = QgsVectorLayer(uri, "sites", provider)
    assert layer.isValid(), uri
    return layer, read_source(layer, list(fields))


def assert_same_as_ogr(data, ref, name=""):
    """Same features, attributes and shapes as OGR reads from the reference (matched by the unique
    ``value``: a FlatGeobuf with a spatial index stores the features in another order)."""
    assert len(data) == len(ref) == 181, name
    order = np.argsort(pd.to_numeric(data.attrs["value"]).to_numpy(float), kind="stable")
    attrs = data.attrs.iloc[order].reset_index(drop=True)
    ref = ref.sort_values("value", kind="stable").reset_index(drop=True)
    assert np.allclose(pd.to_numeric(attrs["value"]).to_numpy(float), ref["value"].to_numpy(float)), name
    assert attrs["TYPE"].tolist() == ref["TYPE"].tolist(), name
    assert attrs["name_zh"].tolist() == ref["name_zh"].tolist(), name
    floors = pd.to_numeric(attrs["floors"], errors="coerce")
    assert np.array_equal(floors.isna().to_numpy(), ref["floors"].isna().to_numpy()), name
    assert np.allclose(floors.dropna().to_numpy(float), ref["floors"].dropna().to_numpy(float)), name
    assert np.allclose(shapely.area(data.geoms[order]), shapely.area(ref.geometry.values), rtol=1e-9), name
    assert data.geometry_type == "polygon", name


def test_every_file_format_reads_the_same(reference, tmp_path, qgis_app):
    ref = expected(reference)
    bulk = {}
    for name, (uri, provider) in formats(reference, tmp_path).items():
        layer, data = read_all(uri, provider)
        assert_same_as_ogr(data, ref, name)
        # the ids are the ones QGIS gives the features (selections and failed-segment lists use them)
        assert data.fids.tolist() == [f.id() for f in layer.getFeatures()], name
        location = vector._ogr_location(layer)
        bulk[name] = location is not None and vector._read_ogr(location, ["TYPE"], True, None) is not None
    # the Arrow reader is used wherever GDAL gives the provider's ids and text (CSV text is decoded
    # with the provider's encoding); delimited text is not an OGR layer: it iterates.
    assert bulk == {
        "gpkg": True,
        "shapefile": True,
        "zipped shapefile": True,
        "geojson": True,
        "flatgeobuf": True,
        **({"kml": True} if HAS_LIBKML else {}),
        "csv wkt (ogr)": True,
        "csv wkt (delimited text)": False,
    }


def test_csv_with_x_y_columns(reference, tmp_path, qgis_app):
    ref = expected(reference)
    pts = shapely.point_on_surface(ref.geometry.values)
    frame = pd.DataFrame({"TYPE": ref["TYPE"], "X": shapely.get_x(pts), "Y": shapely.get_y(pts)})
    path = tmp_path / "points.csv"
    frame.to_csv(path, index=False, float_format="%.12f")
    layer = QgsVectorLayer(
        f"file://{path}?type=csv&xField=X&yField=Y&crs=EPSG:4326&detectTypes=yes", "pts", "delimitedtext"
    )
    assert layer.isValid()
    data = read_source(layer, ["TYPE"])
    assert data.attrs["TYPE"].tolist() == ref["TYPE"].tolist()
    assert data.geometry_type == "point"
    assert np.allclose(shapely.get_coordinates(data.geoms), shapely.get_coordinates(pts), atol=1e-11)


def test_memory_layer_subset_and_selection(reference, qgis_app):
    ref = expected(reference)
    layer = QgsVectorLayer(f"{reference}|layername=sites", "sites", "ogr")
    memory = layer.materialize(QgsFeatureRequest())
    assert_same_as_ogr(read_source(memory, ["TYPE", "name_zh", "floors", "value"]), ref)

    layer.setSubsetString('"floors" > 6')
    assert vector._ogr_location(layer) is None
    sub = read_source(layer, ["floors"])
    assert len(sub) == int((ref["floors"] > 6).sum()) > 0
    layer.setSubsetString("")

    QgsProject.instance().addMapLayer(layer, False)
    try:
        wanted = ref.loc[ref["TYPE"].fillna("").str.lower().str.contains("school"), "fid"].tolist()
        assert wanted
        layer.selectByIds(wanted)
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        inner = QgsVectorLayerSelectedFeatureSource(layer)  # kept referenced: the wrapper does not own it
        source = QgsProcessingFeatureSource(inner, context)
        data = read_source(source, ["TYPE", "value"])
        assert sorted(data.fids.tolist()) == sorted(wanted)
        assert np.isclose(data.attrs["value"].sum(), ref.set_index("fid").loc[wanted, "value"].sum())
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_shapefile_in_a_chinese_code_page_without_cpg(reference, tmp_path, qgis_app):
    """A GBK Shapefile without .cpg: QGIS decodes it with the encoding the user set; so does the bulk reader."""
    ref = expected(reference)
    # QGIS turns GDAL's Shapefile recoding off (SHAPE_ENCODING=""); turn it on to write real GBK bytes
    old = gdal.GetConfigOption("SHAPE_ENCODING")
    gdal.SetConfigOption("SHAPE_ENCODING", None)
    try:
        shp = convert(reference, tmp_path / "gbk.shp", "ESRI Shapefile", ["-lco", "ENCODING=CP936"])
    finally:
        gdal.SetConfigOption("SHAPE_ENCODING", old)
    raw = (tmp_path / "gbk.dbf").read_bytes()
    assert "学校".encode("gbk") in raw and "学校".encode() not in raw
    (tmp_path / "gbk.cpg").unlink(missing_ok=True)
    layer = QgsVectorLayer(shp, "gbk", "ogr")
    layer.setProviderEncoding("GBK")
    data = read_source(layer, ["name_zh", "TYPE"])
    assert data.attrs["name_zh"].tolist() == ref["name_zh"].tolist()
    assert vector._read_ogr(vector._ogr_location(layer), ["name_zh"], True, None) is not None


def test_layer_without_stable_ids_takes_the_provider_path(tmp_path, qgis_app):
    """A field named like GDAL's id column, and date fields: the bulk reader declines, results stay right."""
    path = tmp_path / "odd.shp"
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("odd", srs=srs, geom_type=ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("OGC_FID", ogr.OFTInteger))
    lyr.CreateField(ogr.FieldDefn("day", ogr.OFTDate))
    for i in range(3):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("OGC_FID", 100 + i)
        f.SetField("day", f"2024/07/0{i + 1}")
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({114 + i} 22.5)"))
        lyr.CreateFeature(f)
    ds = None
    layer = QgsVectorLayer(str(path), "odd", "ogr")
    data = read_source(layer, ["OGC_FID", "day"])
    assert data.fids.tolist() == [0, 1, 2]
    assert data.attrs["OGC_FID"].tolist() == [100, 101, 102]
    assert data.attrs["day"].tolist() == ["2024-07-01", "2024-07-02", "2024-07-03"]
    assert shapely.get_x(data.geoms).tolist() == [114, 115, 116]
