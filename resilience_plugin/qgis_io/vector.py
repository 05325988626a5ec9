"""QGIS vector sources <-> shapely 2 arrays and pandas attributes, and results -> sinks.

``read_source`` accepts any ``QgsFeatureSource`` (a file, memory or PostGIS layer, a Processing
source limited to the selection or filtered by an expression) and returns geometries as a shapely
array (via WKB) plus a DataFrame of the requested fields. ``write_features`` writes shapely
geometries and a DataFrame to a feature sink in batches. Inputs are only read, never modified.
"""

import codecs
import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely
from osgeo import gdal, ogr
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProviderRegistry,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

from ..compat import GPKG_ARROW_OPTION, GPKG_ARROW_SINGLE_THREADED, REQUEST_NO_GEOMETRY, geometry_kind, make_field
from ..core import geometry as geo
from ..core.errors import QT_TRANSLATE_NOOP, Cancelled, InputError
from .crs import to_pyproj

BATCH = 5000


@dataclass
class VectorData:
    """Geometries (shapely array in ``crs``) and attributes of the features that were read."""

    geoms: np.ndarray
    attrs: pd.DataFrame
    fids: np.ndarray
    crs: object  # pyproj.CRS of ``geoms``
    source_crs: object  # QgsCoordinateReferenceSystem of the source
    geometry_type: str  # "point", "line", "polygon" or "none"
    skipped: int = 0  # features without geometry, left out
    repaired: int = 0  # invalid geometries made valid
    notes: list = field(default_factory=list)

    def __len__(self):
        return len(self.fids)


def _py(value):
    """Attribute value -> plain Python (NULL -> None, Qt dates -> ISO text)."""
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    if isinstance(value, (QDateTime, QDate, QTime)):
        return value.toString("yyyy-MM-ddTHH:mm:ss" if isinstance(value, QDateTime) else
                              ("yyyy-MM-dd" if isinstance(value, QDate) else "HH:mm:ss"))
    return value


def require_fields(source, names, what):
    """Raise a clear error if any of ``names`` is not a field of ``source``."""
    available = [f.name() for f in source.fields()]
    for name in names:
        if name and name not in available:
            raise InputError(QT_TRANSLATE_NOOP("@default", "The field '{field}' does not exist in {layer}. Available fields: {available}."),
                             field=name, layer=what, available=", ".join(available) or "-")


def input_source(alg, parameters, name, context):
    """The best readable form of a vector parameter: the layer itself when it can be read in bulk by
    GDAL (a whole OGR layer, no selection, filter or unsaved edits), else the Processing source
    (which honours "selected features only", feature limits and the invalid-geometry settings)."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        limited = value.selectedFeaturesOnly or value.featureLimit != -1 or bool(getattr(value, "filterExpression", ""))
        if limited:
            return alg.parameterAsSource(parameters, name, context)
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    if layer is not None and _ogr_location(layer) is not None:
        return layer
    return alg.parameterAsSource(parameters, name, context)


@dataclass
class OgrLocation:
    """Where GDAL finds a layer that QGIS's OGR provider reads whole: what the bulk reader opens."""

    path: str  # a GDAL path, /vsizip/... included
    layer: object  # layer name, or index
    open_options: list
    encoding: str  # the provider's encoding, for drivers whose text is not guaranteed UTF-8


# URI parts of the OGR provider that the bulk reader reproduces; any other part (subset, geometry
# type filter, ...) changes which features QGIS reads, so such layers take the provider path.
_URI_PARTS = {"path", "layerName", "layerId", "openOptions", "vsiPrefix", "vsiSuffix"}


def _ogr_location(layer):
    """An :class:`OgrLocation` when ``layer`` can be read directly with GDAL, else None."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr" or layer.subsetString():
        return None
    if not hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):  # GDAL < 3.6
        return None
    if layer.isEditable() and layer.isModified():
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    if any(value not in (None, "", [], 0) and not _is_null(value) for key, value in parts.items() if key not in _URI_PARTS):
        return None
    path = parts.get("path")
    if not path or not os.path.isfile(path):
        return None
    gdal_path = f"{parts.get('vsiPrefix') or ''}{path}{parts.get('vsiSuffix') or ''}"
    which = parts.get("layerName")
    if _is_null(which) or not which:
        which = parts.get("layerId")
        which = 0 if _is_null(which) or which in (None, "") else int(which)
    provider = layer.dataProvider()
    return OgrLocation(gdal_path, which, list(parts.get("openOptions") or []), provider.encoding() if provider else "")


def _is_null(value):
    return isinstance(value, QVariant) and value.isNull()


def _column(values, encoding="utf-8"):
    """An Arrow/NumPy batch column -> numpy (masked -> None/NaN, bytes -> str)."""
    if isinstance(values, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(values)
        data = values.data
        if data.dtype.kind in "fc":
            data = data.astype(float)
            data[mask] = np.nan
            return data
        data = data.astype(object)
        data[mask] = None
        values = data
    values = np.asarray(values)
    if values.dtype.kind == "S":
        values = values.astype(object)
    if values.dtype == object:
        return np.array([v.decode(encoding, "replace") if isinstance(v, bytes) else v for v in values], dtype=object)
    return values


# Field types whose Arrow values equal what QGIS's provider gives; others (dates, lists, binary)
# take the provider path, which converts them the QGIS way.
_BULK_TYPES = {ogr.OFTInteger, ogr.OFTInteger64, ogr.OFTReal, ogr.OFTString}


def _text_codec(location, lyr):
    """The Python codec for the layer's text, or None when it cannot be known here."""
    if lyr.TestCapability(ogr.OLCStringsAsUTF8):
        return "utf-8"
    # QGIS decodes text itself for such drivers (e.g. a Shapefile, whose DBF has its own code page).
    try:
        return codecs.lookup(location.encoding).name if location.encoding else None
    except LookupError:  # "System" and other Qt-only names
        return None


def _open_arrow(location, fields, geometry):
    """``(ds, layer, codec, width)`` ready for an Arrow stream of ``fields`` (and the geometry), or None
    when this layer cannot be read so that the result equals the provider's (then the caller iterates
    the features instead).

    The choice is by capability, never by a column's name: the layer must have one geometry column
    (if geometry is read), fields of plain types and text whose encoding is known. A field that is the
    layer's FID column (a GeoPackage's ``fid``, which QGIS lists as the first field) is not in GDAL's
    field list: its values are the feature ids, taken from the stream's id column.
    """
    try:
        ds = gdal.OpenEx(location.path, gdal.OF_VECTOR | gdal.OF_READONLY, open_options=location.open_options)
    except RuntimeError:
        return None
    if ds is None:
        return None
    which = location.layer
    lyr = ds.GetLayerByName(which) if isinstance(which, str) else (ds.GetLayer(which) if which < ds.GetLayerCount() else None)
    if lyr is None:
        return None
    defn = lyr.GetLayerDefn()
    if geometry and defn.GetGeomFieldCount() != 1:
        return None
    types = {defn.GetFieldDefn(i).GetName(): defn.GetFieldDefn(i).GetType() for i in range(defn.GetFieldCount())}
    fid_column = lyr.GetFIDColumn() or None
    from_fid = [f for f in fields if f == fid_column and f not in types]
    read = [f for f in fields if f not in from_fid]
    if any(types.get(f) not in _BULK_TYPES for f in read):
        return None
    codec = "utf-8"
    if any(types[f] == ogr.OFTString for f in read):
        codec = _text_codec(location, lyr)
        if codec is None:
            return None
    ignored = [f for f in types if f not in read] + ([] if geometry else ["OGR_GEOMETRY"])
    if not geometry:
        ignored += [defn.GetGeomFieldDefn(i).GetName() or "OGR_GEOMETRY" for i in range(defn.GetGeomFieldCount())]
    lyr.SetIgnoredFields(list(dict.fromkeys(ignored)))
    return ds, lyr, codec, 1 + len(read) + (1 if geometry else 0), from_fid


def _next_batch(stream):
    """The next batch of an Arrow/NumPy stream, or None at its end; before GDAL 3.11.4 a GeoPackage is read
    by the driver's single-threaded implementation (see ``compat.GPKG_ARROW_SINGLE_THREADED``). The
    option is set for this thread and for this call only: the driver reads it on every batch."""
    if not GPKG_ARROW_SINGLE_THREADED:
        return stream.GetNextRecordBatch()
    key, value = GPKG_ARROW_OPTION
    before = gdal.GetThreadLocalConfigOption(key, None)
    gdal.SetThreadLocalConfigOption(key, value)
    try:
        return stream.GetNextRecordBatch()
    finally:
        gdal.SetThreadLocalConfigOption(key, before)


class _NotBulk(Exception):
    """A batch of the Arrow stream is not what the provider would give: read feature by feature."""


def _arrow_batches(opened, fields, geometry, feedback, batch_size=65536):
    """``(fids, wkb or None, {field: column})`` per batch of an opened Arrow stream (:func:`_open_arrow`);
    raises :class:`_NotBulk` when a batch does not have the expected columns. The id and geometry
    columns are found by type, not by name."""
    _ds, lyr, codec, width, from_fid = opened
    read = [f for f in fields if f not in from_fid]
    try:
        stream = lyr.GetArrowStreamAsNumPy(options=[f"MAX_FEATURES_IN_BATCH={int(batch_size)}", "INCLUDE_FID=YES"])
        while True:
            batch = _next_batch(stream)
            if not batch:
                break
            if feedback is not None and feedback.isCanceled():
                raise Cancelled()
            keys = list(batch.keys())
            if len(keys) != width or any(f not in batch for f in read):
                raise _NotBulk()
            # the columns that are not fields: the id (integers) and the geometry (WKB), told apart by type
            extra = [k for k in keys if k not in read]
            ids = [k for k in extra if np.asarray(batch[k]).dtype.kind in "iu"]
            if len(ids) != 1:
                raise _NotBulk()
            wkb = np.asarray(batch[next(k for k in extra if k != ids[0])], dtype=object) if geometry else None
            fids = np.asarray(batch[ids[0]], dtype=np.int64)
            yield fids, wkb, {f: fids.copy() if f in from_fid else _column(batch[f], codec) for f in fields}
    except RuntimeError as err:
        raise _NotBulk() from err


def _read_ogr(location, fields, geometry, feedback):
    """Bulk read through GDAL's Arrow interface: ``(fids, wkb array or None, DataFrame)``, or None
    when this layer cannot be read so that the result equals the provider's (:func:`_open_arrow`;
    feature ids must also be unique and not negative)."""
    opened = _open_arrow(location, fields, geometry)
    if opened is None:
        return None
    fids, wkbs, cols = [], [], {f: [] for f in fields}
    try:
        for ids, wkb, columns in _arrow_batches(opened, fields, geometry, feedback):
            fids.append(ids)
            if geometry:
                wkbs.append(wkb)
            for f in fields:
                cols[f].append(columns[f])
    except _NotBulk:
        return None
    fids = np.concatenate(fids) if fids else np.zeros(0, dtype=np.int64)
    if len(fids) and (fids.min() < 0 or len(np.unique(fids)) != len(fids)):
        return None  # no stable id: QGIS numbers such features itself
    geoms = None
    if geometry:
        wkb = np.concatenate(wkbs) if wkbs else np.zeros(0, dtype=object)
        geoms = shapely.from_wkb(wkb)
    attrs = pd.DataFrame({f: (np.concatenate(cols[f]) if cols[f] else []) for f in fields}, columns=fields)
    return fids, geoms, attrs


def can_stream(source, fields=(), geometry=True):
    """True when :func:`iter_batches` reads ``source`` through GDAL's Arrow stream (a whole OGR layer
    of plain field types), so that memory stays bounded by one batch."""
    location = _ogr_location(source)
    return location is not None and _open_arrow(location, [f for f in fields if f], geometry) is not None


def iter_batches(source, fields=(), target_crs=None, *, batch_size=500_000, feedback=None, repair=True,
                 skip_null=True, what="input"):
    """Read ``source`` in batches of at most ``batch_size`` features: one :class:`VectorData` per batch,
    each like :func:`read_source` would give for those features (skipped NULL / empty geometries and
    repairs counted per batch). Whole OGR layers are streamed through GDAL's Arrow interface (memory
    bounded by a batch); other sources are iterated feature by feature, ``batch_size`` at a time.
    Features come in the source's order, every feature exactly once."""
    fields = [f for f in fields if f]
    require_fields(source, fields, what)
    location = _ogr_location(source)
    opened = _open_arrow(location, fields, True) if location is not None else None
    if opened is not None:
        for fids, wkb, columns in _arrow_batches(opened, fields, True, feedback, batch_size):
            attrs = pd.DataFrame({f: columns[f] for f in fields}, columns=fields)
            yield _finish(source, fids, shapely.from_wkb(wkb), attrs, target_crs, True, repair, skip_null)
        return
    src_fields = source.fields()
    idx = [src_fields.indexOf(f) for f in fields]
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes(idx)
    if isinstance(source, QgsProcessingFeatureSource):
        features = source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks)
    else:
        features = source.getFeatures(request)
    fids, wkbs, rows = [], [], []
    for feat in features:
        fids.append(feat.id())
        g = feat.geometry()
        wkbs.append(None if g.isNull() else bytes(g.asWkb()))
        attrs = feat.attributes()
        rows.append([attrs[i] for i in idx])
        if len(fids) >= batch_size:
            if feedback is not None and feedback.isCanceled():
                raise Cancelled()
            yield _provider_batch(source, fids, wkbs, rows, fields, target_crs, repair, skip_null)
            fids, wkbs, rows = [], [], []
    if fids:
        yield _provider_batch(source, fids, wkbs, rows, fields, target_crs, repair, skip_null)


def _provider_batch(source, fids, wkbs, rows, fields, target_crs, repair, skip_null):
    geoms = shapely.from_wkb(np.array(wkbs, dtype=object))
    return _finish(source, np.asarray(fids, dtype=np.int64), geoms, _attrs_frame(rows, fields), target_crs, True,
                   repair, skip_null)


def _attrs_frame(rows, fields):
    """Provider attribute rows -> DataFrame of plain Python values."""
    attrs = pd.DataFrame(rows, columns=fields, dtype=object)
    for col in attrs.columns:
        attrs[col] = [_py(v) for v in attrs[col]]
    return attrs.infer_objects()


def read_source(source, fields=(), target_crs=None, *, feedback=None, geometry=True, repair=True,
                skip_null=True, what="input"):
    """Read ``source`` into a :class:`VectorData`.

    ``source``: a QgsVectorLayer or any QgsFeatureSource (see :func:`input_source`). ``fields``: names
    to read (validated); ``target_crs``: a pyproj CRS to reproject to. Features with NULL or empty
    geometry are skipped (``skip_null``) and counted; invalid geometries are repaired (``repair``) and
    counted. Whole OGR layers are read in bulk through GDAL's Arrow interface.
    """
    fields = [f for f in fields if f]
    require_fields(source, fields, what)
    location = _ogr_location(source)
    bulk = _read_ogr(location, fields, geometry, feedback) if location is not None else None
    if bulk is not None:
        fids, geoms, attrs = bulk
        if geoms is None:
            geoms = np.full(len(fids), None, dtype=object)
        return _finish(source, fids, geoms, attrs, target_crs, geometry, repair, skip_null)
    src_fields = source.fields()
    idx = [src_fields.indexOf(f) for f in fields]
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes(idx)
    if not geometry:
        request.setFlags(REQUEST_NO_GEOMETRY)
    if isinstance(source, QgsProcessingFeatureSource):
        # We repair invalid geometries ourselves instead of losing the features.
        features = source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks)
    else:
        features = source.getFeatures(request)
    total = max(source.featureCount(), 1)
    fids, wkbs, rows = [], [], []
    for n, feat in enumerate(features):
        if n % BATCH == 0 and feedback is not None:
            if feedback.isCanceled():
                raise Cancelled()
            feedback.setProgress(min(100.0, 100.0 * n / total))
        fids.append(feat.id())
        if geometry:
            g = feat.geometry()
            wkbs.append(None if g.isNull() else bytes(g.asWkb()))
        attrs = feat.attributes()
        rows.append([attrs[i] for i in idx])
    geoms = shapely.from_wkb(np.array(wkbs, dtype=object)) if geometry else np.full(len(fids), None, dtype=object)
    attrs = _attrs_frame(rows, fields)
    return _finish(source, np.asarray(fids, dtype=np.int64), geoms, attrs, target_crs, geometry, repair, skip_null)


def _finish(source, fids, geoms, attrs, target_crs, geometry, repair, skip_null):
    """Common tail of both readers: 2D, skip empty, repair, reproject."""
    src_crs = source.sourceCrs()
    if len(geoms) and geometry:
        # WKB with Z/M keeps the extra ordinates; analyses are 2D (only those geometries are rebuilt).
        extra = shapely.has_z(geoms)
        if hasattr(shapely, "has_m") and shapely.geos_version >= (3, 12, 0):  # M ordinates exist from GEOS 3.12
            extra |= shapely.has_m(geoms)
        if extra.all():
            geoms = shapely.force_2d(geoms)
        elif extra.any():
            geoms = geoms.copy()
            geoms[extra] = shapely.force_2d(geoms[extra])
    skipped = 0
    if geometry and skip_null:
        bad = shapely.is_missing(geoms) | shapely.is_empty(geoms)
        skipped = int(bad.sum())
        if skipped:
            keep = ~bad
            geoms, fids = geoms[keep], fids[keep]
            attrs = attrs.loc[keep].reset_index(drop=True)
    repaired = 0
    if geometry and repair and len(geoms):
        geoms, repaired = geo.repair(geoms)
    crs = to_pyproj(src_crs) if src_crs.isValid() else None
    if geometry and target_crs is not None and crs is not None:
        geoms = geo.transform(geoms, crs, target_crs)
        crs = target_crs
    return VectorData(geoms, attrs, fids, crs, src_crs, geometry_kind(source.wkbType()), skipped, repaired)


def report_reading(data, what, feedback):
    """Log what was skipped or repaired while reading."""
    from ..i18n import tr

    if feedback is None:
        return
    if data.skipped:
        feedback.pushWarning(tr("{layer}: {n} feature(s) without geometry were skipped.").format(layer=what, n=data.skipped))
    if data.repaired:
        feedback.pushInfo(tr("{layer}: {n} invalid geometrie(s) were repaired.").format(layer=what, n=data.repaired))


def make_fields(spec):
    """QgsFields from ``[(name, kind), ...]`` with kinds as in :func:`compat.make_field`."""
    fields = QgsFields()
    for item in spec:
        fields.append(make_field(*item))
    return fields


def write_features(sink, fields, geoms, attrs, feedback=None):
    """Write rows of ``attrs`` (DataFrame in ``fields`` order) with shapely ``geoms`` (or None)."""
    n = len(attrs)
    names = [f.name() for f in fields]
    table = attrs[names] if names else pd.DataFrame(index=range(n))
    values = list(zip(*[_column_values(table[c]) for c in names])) if names else [()] * n
    wkbs = shapely.to_wkb(geoms) if geoms is not None else None
    for start in range(0, n, BATCH):
        if feedback is not None and feedback.isCanceled():
            raise Cancelled()
        batch = []
        for i in range(start, min(n, start + BATCH)):
            f = QgsFeature(fields)
            if wkbs is not None and wkbs[i] is not None:
                g = QgsGeometry()
                g.fromWkb(wkbs[i])
                f.setGeometry(g)
            f.setAttributes(list(values[i]))
            batch.append(f)
        if not sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert):
            error = sink.lastError() if hasattr(sink, "lastError") else ""
            raise InputError(QT_TRANSLATE_NOOP("@default", "Could not write the output ({error}): check that the destination is writable and has room."),
                             error=error or "-")


def _column_values(col):
    """A column's values as Python values for QgsFeature attributes (NaN / NA -> None): numbers and
    booleans in one ``tolist``, other columns value by value."""
    a = col.to_numpy()
    if a.dtype.kind in "iub":
        return a.tolist()
    if a.dtype.kind == "f":
        out = a.tolist()
        return [None if v != v else v for v in out] if np.isnan(a).any() else out
    out = col.astype(object).where(pd.notna(col), None).tolist()
    if any(issubclass(t, np.generic) for t in set(map(type, out))):  # numpy scalars -> Python values
        return [_native(v) for v in out]
    return out  # str, int, float (NA already None), bool, bytes, dates: as they are


def _native(v):
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, float) and v != v:  # NaN -> NULL
        return None
    return v
