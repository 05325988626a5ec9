"""The format matrix through processing.run: the same hazard zoning and exposure numbers whatever
format the inputs come in (vector files, zipped Shapefile, CSV, KML, memory, subset, selection;
GeoTIFF, COG and VRT rasters).

Data: the InaSAFE Jakarta samples (31 RW polygons with FLOODPRONE yes/no in mixed case, 181
buildings). Expected numbers come from geopandas (spatial join) and numpy (raster cell lookup).
"""

import shutil
import zipfile

import numpy as np
import pandas as pd
import pytest
import shapely
from osgeo import gdal, ogr, osr
from qgis.core import QgsFeatureRequest, QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer

from tests.conftest import DATA, SAMPLE
from tests.helpers import read_gdf, read_raster

SAMPLES = DATA / "inasafe_samples.gpkg"
DEPTH = SAMPLE / "flood_current_depth.tif"


def convert(layer, out, fmt, options=()):
    gdal.VectorTranslate(str(out), str(SAMPLES), options=["-f", fmt, *options, layer])
    return str(out)


def zipped_shapefile(layer, tmp):
    convert(layer, tmp / f"{layer}.shp", "ESRI Shapefile", ["-lco", "ENCODING=UTF-8"])
    zpath = tmp / f"{layer}.zip"
    with zipfile.ZipFile(zpath, "w") as z:
        for ext in ("shp", "shx", "dbf", "prj", "cpg"):
            z.write(tmp / f"{layer}.{ext}", f"{layer}.{ext}")
    return f"/vsizip/{zpath}/{layer}.shp"


def in_format(fmt, layer, tmp):
    """``(uri, provider)`` of one sample layer converted to ``fmt``."""
    tmp = tmp / fmt
    tmp.mkdir(exist_ok=True)
    if fmt == "gpkg":  # a copy: QGIS may write to a GeoPackage it opens
        copy = tmp / "samples.gpkg"
        shutil.copy(SAMPLES, copy)
        return f"{copy}|layername={layer}", "ogr"
    if fmt == "shapefile":
        return convert(layer, tmp / f"{layer}.shp", "ESRI Shapefile", ["-lco", "ENCODING=UTF-8"]), "ogr"
    if fmt == "zipped shapefile":
        return zipped_shapefile(layer, tmp), "ogr"
    if fmt == "geojson":
        return convert(layer, tmp / f"{layer}.geojson", "GeoJSON"), "ogr"
    if fmt == "flatgeobuf":
        return convert(layer, tmp / f"{layer}.fgb", "FlatGeobuf"), "ogr"
    if fmt == "kml":
        return convert(layer, tmp / f"{layer}.kml", "LIBKML"), "ogr"
    if fmt == "csv wkt":  # as QGIS's "Add delimited text layer" opens it (a CSV has no CRS of its own)
        path = convert(layer, tmp / f"{layer}.csv", "CSV", ["-lco", "GEOMETRY=AS_WKT", "-lco", "GEOMETRY_NAME=WKT"])
        return f"file://{path}?type=csv&wktField=WKT&crs=EPSG:4326&detectTypes=yes", "delimitedtext"
    raise ValueError(fmt)


# KML with its attributes needs GDAL's LIBKML driver, which Debian sid's GDAL 3.13 does not have
HAS_LIBKML = gdal.GetDriverByName("LIBKML") is not None
FORMATS = ["gpkg", "shapefile", "zipped shapefile", "geojson", "flatgeobuf", *(["kml"] if HAS_LIBKML else []),
           "csv wkt"]


class ProjectLayers:
    """Layers opened as a user opens them, in the project for the run, removed afterwards."""

    def __init__(self):
        self.layers = []

    def add(self, uri, provider):
        layer = QgsVectorLayer(uri, "input", provider)
        assert layer.isValid(), uri
        QgsProject.instance().addMapLayer(layer)
        self.layers.append(layer.id())
        return layer.id()

    def remove(self):
        for lid in self.layers:
            QgsProject.instance().removeMapLayer(lid)


def expected_levels(buildings):
    """Level 1 for the buildings touching a flood-prone RW (FLOODPRONE yes, any case), else 0."""
    flood = read_gdf(SAMPLES, "flood_multipart_polygons")
    flood = flood[flood["FLOODPRONE"].str.lower() == "yes"]
    hit = buildings.sjoin(flood[["geometry"]], predicate="intersects").index.unique()
    level = pd.Series(0, index=buildings.index)
    level[hit] = 1
    return level


@pytest.mark.parametrize("fmt", FORMATS)
def test_zoning_and_exposure_are_the_same_in_every_format(fmt, tmp_path, run_alg):
    import geopandas as gpd

    layers = ProjectLayers()
    try:
        zones = str(tmp_path / "zones.gpkg")
        run_alg(
            "classifyhazard",
            {
                "INPUT": layers.add(*in_format(fmt, "flood_multipart_polygons", tmp_path)),
                "FIELD": "FLOODPRONE",
                "HAZARD_NAME": "flood",
                "VALUE_MAP": "YES:1;NO:0",
                "OUTPUT": zones,
            },
        )
        table = str(tmp_path / "table.gpkg")
        run_alg(
            "exposuresummary",
            {
                "HAZARD": zones,
                "EXPOSURE": layers.add(*in_format(fmt, "buildings", tmp_path)),
                "RULE": 0,
                "OUTPUT": str(tmp_path / "exposed.gpkg"),
                "OUTPUT_TABLE": table,
            },
        )
    finally:
        layers.remove()
    flood = read_gdf(SAMPLES, "flood_multipart_polygons")
    wet = shapely.union_all(shapely.make_valid(flood[flood["FLOODPRONE"].str.lower() == "yes"].geometry.values))
    z = read_gdf(zones)
    assert z["level"].tolist() == [1]
    assert z.to_crs(32748).area.iloc[0] == pytest.approx(
        gpd.GeoSeries([wet], crs=4326).to_crs(32748).area.iloc[0], rel=1e-6
    )
    level = expected_levels(read_gdf(SAMPLES, "buildings"))
    tab = read_gdf(table).groupby("level")["count"].sum().to_dict()
    assert tab == level.value_counts().to_dict()
    assert tab[1] > 0 and tab[0] > 0


def test_zipped_shapefile_by_path(tmp_path, run_alg):
    """qgis_process users give the .zip itself; QGIS opens it through /vsizip/."""
    zpath = zipped_shapefile("buildings", tmp_path).split("/vsizip/")[1].rsplit("/", 1)[0]
    zones = str(tmp_path / "zones.gpkg")
    run_alg(
        "classifyhazard",
        {
            "INPUT": f"{SAMPLES}|layername=flood_multipart_polygons",
            "FIELD": "FLOODPRONE",
            "HAZARD_NAME": "flood",
            "VALUE_MAP": "YES:1;NO:0",
            "OUTPUT": zones,
        },
    )
    table = str(tmp_path / "table.gpkg")
    run_alg(
        "exposuresummary", {"HAZARD": zones, "EXPOSURE": zpath, "OUTPUT_TABLE": table, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    level = expected_levels(read_gdf(SAMPLES, "buildings"))
    assert read_gdf(table).groupby("level")["count"].sum().to_dict() == level.value_counts().to_dict()


@pytest.fixture()
def buildings_layer(tmp_path):
    # a copy: QGIS may write to a GeoPackage whose layer gets a subset string or a selection
    copy = tmp_path / "samples_copy.gpkg"
    shutil.copy(SAMPLES, copy)
    layer = QgsVectorLayer(f"{copy}|layername=buildings", "buildings", "ogr")
    assert layer.isValid()
    return layer


@pytest.fixture()
def zones(inasafe_zones):
    return inasafe_zones


def test_memory_subset_and_selection(buildings_layer, zones, tmp_path, run_alg):
    b = read_gdf(SAMPLES, "buildings")
    level = expected_levels(b)

    def table(exposure):
        out = str(tmp_path / "t.gpkg")
        run_alg(
            "exposuresummary",
            {"HAZARD": zones, "EXPOSURE": exposure, "OUTPUT_TABLE": out, "OUTPUT": "TEMPORARY_OUTPUT"},
        )
        return read_gdf(out).groupby("level")["count"].sum().to_dict()

    memory = buildings_layer.materialize(QgsFeatureRequest())
    QgsProject.instance().addMapLayer(memory)
    QgsProject.instance().addMapLayer(buildings_layer)
    try:
        assert table(memory.id()) == level.value_counts().to_dict()
        houses = b["TYPE"].fillna("").str.lower() == "residential"
        buildings_layer.setSubsetString("lower(\"TYPE\") = 'residential'")
        assert table(buildings_layer.id()) == level[houses].value_counts().to_dict()
        buildings_layer.setSubsetString("")
        picked = b.index[b["TYPE"].fillna("").str.contains("school", case=False)]
        buildings_layer.selectByIds(b.loc[picked, "fid"].tolist())
        selected = QgsProcessingFeatureSourceDefinition(buildings_layer.id(), selectedFeaturesOnly=True)
        assert table(selected) == level[picked].value_counts().to_dict()
    finally:
        QgsProject.instance().removeMapLayer(memory.id())
        QgsProject.instance().removeMapLayer(buildings_layer.id())


def test_csv_points_from_x_y_columns(zones, tmp_path, run_alg):
    b = read_gdf(SAMPLES, "buildings")
    pts = shapely.point_on_surface(b.geometry.values)
    path = tmp_path / "points.csv"
    pd.DataFrame({"TYPE": b["TYPE"], "X": shapely.get_x(pts), "Y": shapely.get_y(pts)}).to_csv(
        path, index=False, float_format="%.12f"
    )
    uri = f"file://{path}?type=csv&xField=X&yField=Y&crs=EPSG:4326&detectTypes=yes"
    flood = read_gdf(SAMPLES, "flood_multipart_polygons")
    wet = shapely.union_all(shapely.make_valid(flood[flood["FLOODPRONE"].str.lower() == "yes"].geometry.values))
    inside = int(shapely.intersects(pts, wet).sum())
    out = str(tmp_path / "t.gpkg")
    layer = QgsVectorLayer(uri, "points", "delimitedtext")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    try:
        run_alg(
            "exposuresummary",
            {"HAZARD": zones, "EXPOSURE": layer.id(), "OUTPUT_TABLE": out, "OUTPUT": "TEMPORARY_OUTPUT"},
        )
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    assert read_gdf(out).groupby("level")["count"].sum().to_dict() == {0: len(b) - inside, 1: inside}


def raster_copies(tmp):
    """The depth grid as a GeoTIFF, a COG and a VRT over the GeoTIFF (copies: reading may add .aux.xml)."""
    tif = str(tmp / "depth.tif")
    shutil.copy(DEPTH, tif)
    cog = str(tmp / "depth_cog.tif")
    gdal.Translate(cog, tif, format="COG")
    vrt = str(tmp / "depth.vrt")
    gdal.BuildVRT(vrt, [tif])
    return {"geotiff": tif, "cog": cog, "vrt": vrt}


def test_raster_hazard_from_geotiff_cog_and_vrt(tmp_path, run_alg):
    """Buildings' inside points take the depth level of their cell: numpy lookup vs the algorithm."""
    b = read_gdf(SAMPLES, "buildings")
    pts = shapely.point_on_surface(b.geometry.values)
    a, gt, _ = read_raster(DEPTH)
    col = np.floor((shapely.get_x(pts) - gt[0]) / gt[1]).astype(int)
    row = np.floor((shapely.get_y(pts) - gt[3]) / gt[5]).astype(int)
    depth = a[row, col]
    thresholds = np.array([0.1, 0.5, 1.0])
    lv = np.where(np.isnan(depth), 0, np.searchsorted(thresholds, depth, side="right"))
    expected = pd.Series(lv).value_counts().to_dict()
    assert len(expected) > 1
    path = tmp_path / "points.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("pts", srs=srs, geom_type=ogr.wkbPoint)
    for p in pts:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(p)))
        lyr.CreateFeature(f)
    ds = None
    for name, raster in raster_copies(tmp_path).items():
        out = str(tmp_path / f"t_{name}.gpkg")
        run_alg(
            "exposuresummary",
            {
                "HAZARD": raster,
                "THRESHOLDS": "0.1,0.5,1.0",
                "EXPOSURE": str(path),
                "OUTPUT_TABLE": out,
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
        assert read_gdf(out).groupby("level")["count"].sum().to_dict() == expected, name
