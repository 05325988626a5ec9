"""Test helpers: read real files independently of the plugin (system GDAL, no pyogrio); the example
models' inputs and runs (shared with bench/case_model.py); the disposal of widgets a test made."""

from pathlib import Path

import numpy as np
import shapely
from osgeo import gdal, ogr, osr

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


def delete_widgets(widgets):
    """Destroy the widgets of the list ``widgets`` (emptied) now, on the main thread, and what they left.

    deleteLater() alone is not enough for a parentless dialog that Python owns: without a running event loop
    the deletion waits, and Processing's algorithm dialog sits in reference cycles, so it lives on until
    some garbage collection (which may run on the thread of a background task) clears it, in no set order.
    Meanwhile its layer combo boxes still follow the project. On QGIS 3.22 such leftover dialogs crashed
    QGIS in the project's clear() of a later workbench test: QgsMapLayerModel::removeLayers ->
    QgsMapLayerComboBox::layerChanged -> QgsProcessingFieldWidgetWrapper::setParentLayerWrapperValue.
    The caller should hold no other reference, so that the collection here frees the Python side too."""
    from qgis.PyQt import sip

    while widgets:
        widget = widgets.pop()
        if widget is not None and not sip.isdeleted(widget):
            widget.close()
            sip.delete(widget)
    widget = None
    settle()


def settle():
    """Run the pending deferred deletions, then collect the garbage here, on the main thread."""
    import gc

    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def read_raster(path, band=1):
    """(values as float64 with NaN for nodata, geotransform, wkt)."""
    ds = gdal.Open(str(path))
    b = ds.GetRasterBand(band)
    a = b.ReadAsArray().astype(float)
    nd = b.GetNoDataValue()
    if nd is not None:
        a[a == nd] = np.nan
    return a, ds.GetGeoTransform(), ds.GetProjection()


def polygonise_levels(path, thresholds):
    """A raster classified by ascending ``thresholds`` with numpy (below the first, and nodata: level 0)
    and polygonised by GDAL, independently of the plugin: ``(geometries, levels)`` in the raster's CRS."""
    a, gt, wkt = read_raster(path)
    breaks = np.asarray(thresholds, dtype=float)
    lv = np.where(np.isnan(a), 0, np.searchsorted(breaks, a, side="right")).astype(np.uint8)
    mem = gdal.GetDriverByName("MEM").Create("", a.shape[1], a.shape[0], 1, gdal.GDT_Byte)
    mem.SetGeoTransform(gt)
    mem.SetProjection(wkt)
    mem.GetRasterBand(1).WriteArray(lv)
    ds = ogr.GetDriverByName("Memory").CreateDataSource("p")
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    layer = ds.CreateLayer("p", srs=srs)
    layer.CreateField(ogr.FieldDefn("lv", ogr.OFTInteger))
    gdal.Polygonize(mem.GetRasterBand(1), None, layer, 0)
    geoms, levels = [], []
    for f in layer:
        geoms.append(shapely.from_wkb(bytes(f.GetGeometryRef().ExportToWkb())))
        levels.append(f.GetField(0))
    return geoms, levels


def write_raster(path, values, geotransform, epsg=32748, nodata=-9999.0, dtype=None):
    """Write a one-band GeoTIFF (float64 by default) in EPSG ``epsg`` with the given geotransform."""
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


# --- the example models (tests/processing/test_models.py and bench/case_model.py) -------------------
def load_model(path):
    """A .model3 file loaded as the graphical modeler loads it (QgsProcessingModelAlgorithm.fromFile)."""
    from qgis.core import QgsProcessingModelAlgorithm

    model = QgsProcessingModelAlgorithm()
    if not model.fromFile(str(path)):
        raise RuntimeError(f"{Path(path).name} does not load")
    return model


def hazard_zoning_params(depth, historic, units, population, out, note="test"):
    """The inputs and output files of ``hazard_zoning.model3`` (also the first steps of
    ``resilience_assessment.model3``): flood depth raster, historic flood polygons (FLOODPRONE
    YES/NO), kecamatan units (KEC_NAME) and the density population raster; outputs go to ``out``."""
    out = Path(out)
    return {
        "FLOOD_DEPTH": str(depth),
        "FLOOD_THRESHOLDS": "0.1,0.5,1.0,2.0",
        "HISTORIC_FLOOD": str(historic),
        "HISTORIC_FIELD": "FLOODPRONE",
        "HISTORIC_VALUE_MAP": "YES:1;NO:0",
        "UNITS": str(units),
        "UNIT_ID_FIELD": "KEC_NAME",
        "POPULATION": str(population),
        "MAP_TITLE": "综合灾害风险分区图",
        "MAP_NOTE": note,
        "classify_flood:flood_zones": str(out / "flood_zones.gpkg"),
        "classify_historic:historic_flood_zones": str(out / "historic_zones.gpkg"),
        "overlay:composite_hazard": str(out / "composite.gpkg"),
        "overlay:hazard_by_unit": str(out / "hazard_by_unit.csv"),
        "map_hazard_pdf:hazard_map_pdf": str(out / "hazard_map.pdf"),
        "map_hazard_png:hazard_map_png": str(out / "hazard_map.png"),
    }


def run_model(model, params, feedback=None):
    """``processing.run`` of a model (a loaded model or a .model3 path) with a fresh context on the
    current project, as the modeler runs it."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    if not hasattr(model, "childAlgorithms"):
        model = load_model(model)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    return processing.run(model, params, context=context, feedback=feedback or QgsProcessingFeedback())
