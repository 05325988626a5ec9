"""Test helpers: read real files independently of the plugin (system GDAL, no pyogrio)."""

import numpy as np
import shapely
from osgeo import gdal, ogr

gdal.UseExceptions()
ogr.UseExceptions()


def read_gdf(path, layer=None):
    """A GeoDataFrame read with the system GDAL (so it also works next to a loaded QGIS)."""
    import geopandas as gpd
    import pandas as pd

    ds = ogr.Open(str(path))
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    rows, wkbs, fids = [], [], []
    for f in lyr:
        fids.append(f.GetFID())
        rows.append([f.GetField(i) for i in range(len(names))])
        g = f.GetGeometryRef()
        wkbs.append(None if g is None else bytes(g.ExportToIsoWkb()))
    srs = lyr.GetSpatialRef()
    crs = srs.ExportToWkt() if srs is not None else None
    if srs is not None and srs.GetAuthorityName(None) == "EPSG":
        crs = f"EPSG:{srs.GetAuthorityCode(None)}"
    df = pd.DataFrame(rows, columns=names)
    df["fid"] = fids
    return gpd.GeoDataFrame(df, geometry=shapely.from_wkb(np.array(wkbs, dtype=object)), crs=crs)


def read_raster(path, band=1):
    """(values as float64 with NaN for nodata, geotransform, wkt)."""
    ds = gdal.Open(str(path))
    b = ds.GetRasterBand(band)
    a = b.ReadAsArray().astype(float)
    nd = b.GetNoDataValue()
    if nd is not None:
        a[a == nd] = np.nan
    return a, ds.GetGeoTransform(), ds.GetProjection()


def write_raster(path, values, geotransform, epsg=32748, nodata=-9999.0, dtype=None):
    """Write a one-band GeoTIFF (float64 by default) in EPSG ``epsg`` with the given geotransform."""
    from osgeo import osr

    values = np.asarray(values)
    h, w = values.shape
    ds = gdal.GetDriverByName("GTiff").Create(str(path), w, h, 1, dtype if dtype is not None else gdal.GDT_Float64)
    ds.SetGeoTransform(tuple(geotransform))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    band.WriteArray(values)
    ds = None
    return str(path)
