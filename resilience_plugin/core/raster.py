"""Reading rasters into numpy (block by block, nodata honoured) and polygonising class grids.

Uses the GDAL Python bindings (``osgeo``) only; no QGIS.
"""

from dataclasses import dataclass

import numpy as np
import shapely
from osgeo import gdal, ogr

from .errors import QT_TRANSLATE_NOOP, Cancelled, InputError

gdal.UseExceptions()
ogr.UseExceptions()

NODATA_CLASS = 255  # marks "no class" cells in uint8 class grids


@dataclass
class RasterInfo:
    """Size, geotransform, CRS (WKT) and nodata of a raster band (:func:`open_raster`)."""

    path: str
    width: int
    height: int
    band_count: int
    geotransform: tuple
    wkt: str
    nodata: object  # per requested band

    @property
    def cell_size(self):
        return abs(self.geotransform[1]), abs(self.geotransform[5])

    @property
    def bounds(self):
        gt = self.geotransform
        xs = (gt[0], gt[0] + gt[1] * self.width + gt[2] * self.height)
        ys = (gt[3], gt[3] + gt[4] * self.width + gt[5] * self.height)
        return min(xs), min(ys), max(xs), max(ys)


def open_raster(path, band=1):
    """Open a raster and check the band. Returns ``(dataset, RasterInfo)``."""
    try:
        ds = gdal.Open(str(path))
    except RuntimeError as err:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Cannot open the raster {path}: {error}"),
                         path=path, error=err) from None
    if band < 1 or band > ds.RasterCount:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The raster has {count} band(s); band {band} does not exist."),
                         count=ds.RasterCount, band=band)
    gt = ds.GetGeoTransform()
    if gt[2] != 0 or gt[4] != 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Rotated rasters are not supported: warp the raster to a north-up grid first."))
    info = RasterInfo(str(path), ds.RasterXSize, ds.RasterYSize, ds.RasterCount, gt,
                      ds.GetProjection(), ds.GetRasterBand(band).GetNoDataValue())
    return ds, info


def iter_blocks(ds, band=1, rows_per_block=None, max_cells=4_000_000):
    """Yield ``(row0, values, valid_mask)`` strips of whole rows; values are float64.

    Strips hold at most ``max_cells`` cells, so large rasters never sit in memory twice.
    """
    b = ds.GetRasterBand(band)
    nodata = b.GetNoDataValue()
    w, h = ds.RasterXSize, ds.RasterYSize
    if rows_per_block is None:
        rows_per_block = max(1, max_cells // max(w, 1))
    mask_flags = b.GetMaskFlags()
    use_mask_band = not (mask_flags & gdal.GMF_ALL_VALID) and not (mask_flags & gdal.GMF_NODATA)
    for row0 in range(0, h, rows_per_block):
        n = min(rows_per_block, h - row0)
        values = b.ReadAsArray(0, row0, w, n).astype(np.float64, copy=False)
        valid = np.isfinite(values)
        if nodata is not None and np.isfinite(nodata):
            valid &= values != nodata
        if use_mask_band:
            valid &= b.GetMaskBand().ReadAsArray(0, row0, w, n) > 0
        yield row0, values, valid


def cell_centres(info, rows, cols):
    """Coordinates ``(x, y)`` of the centres of cells ``(rows, cols)`` in the raster CRS."""
    gt = info.geotransform
    x = gt[0] + (np.asarray(cols) + 0.5) * gt[1]
    y = gt[3] + (np.asarray(rows) + 0.5) * gt[5]
    return x, y


def polygonize_classes(classes, geotransform, wkt="", feedback=None):
    """Polygonise a uint8 class grid (``NODATA_CLASS`` = no class).

    Returns ``(class_values, polygons)``: one polygon per 4-connected region of equal class.
    Runs in GDAL and reads the result as arrays (no per-feature Python loop).
    """
    classes = np.ascontiguousarray(classes, dtype=np.uint8)
    h, w = classes.shape
    mem = gdal.GetDriverByName("MEM")
    src = mem.Create("", w, h, 1, gdal.GDT_Byte)
    src.SetGeoTransform(geotransform)
    if wkt:
        src.SetProjection(wkt)
    src.GetRasterBand(1).WriteArray(classes)
    msk = mem.Create("", w, h, 1, gdal.GDT_Byte)
    msk.GetRasterBand(1).WriteArray((classes != NODATA_CLASS).view(np.uint8))
    out = ogr.GetDriverByName("Memory").CreateDataSource("polygonize")
    layer = out.CreateLayer("classes", geom_type=ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("cls", ogr.OFTInteger))

    def _progress(done, _msg, _data):
        if feedback is not None:
            if feedback.isCanceled():
                return 0
            feedback.setProgress(100.0 * done)
        return 1

    try:
        gdal.Polygonize(src.GetRasterBand(1), msk.GetRasterBand(1), layer, 0, [], callback=_progress)
    except RuntimeError:
        if feedback is not None and feedback.isCanceled():
            raise Cancelled() from None
        raise
    values, geoms = [], []
    for batch in layer.GetArrowStreamAsNumPy(options=["USE_MASKED_ARRAYS=NO"]):
        gcol = next(k for k in batch if k not in ("OGC_FID", "cls"))
        values.append(np.asarray(batch["cls"], dtype=np.int64))
        geoms.append(shapely.from_wkb(batch[gcol]))
    if not values:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    return np.concatenate(values), np.concatenate(geoms)
