"""QGIS vector sources <-> shapely 2 arrays and pandas attributes, and results -> sinks.

``read_source`` accepts any ``QgsFeatureSource`` (a file, memory or PostGIS layer, a Processing
source limited to the selection or filtered by an expression) and returns geometries as a shapely
array (via WKB) plus a DataFrame of the requested fields. ``write_features`` writes shapely
geometries and a DataFrame to a feature sink in batches. Inputs are only read, never modified.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsProcessingFeatureSource,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

from ..compat import REQUEST_NO_GEOMETRY, geometry_kind, make_field
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


def read_source(source, fields=(), target_crs=None, *, feedback=None, geometry=True, repair=True,
                skip_null=True, what="input"):
    """Read ``source`` into a :class:`VectorData`.

    ``fields``: names to read (validated); ``target_crs``: a pyproj CRS to reproject to.
    Features with NULL or empty geometry are skipped (``skip_null``) and counted; invalid
    geometries are repaired (``repair``) and counted.
    """
    fields = [f for f in fields if f]
    require_fields(source, fields, what)
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
    src_crs = source.sourceCrs()
    geoms = shapely.from_wkb(np.array(wkbs, dtype=object)) if geometry else np.full(len(fids), None, dtype=object)
    if len(geoms) and geometry:
        # WKB with Z/M keeps the extra ordinates; analyses are 2D.
        geoms = shapely.force_2d(geoms)
    attrs = pd.DataFrame(rows, columns=fields, dtype=object)
    for col in attrs.columns:
        attrs[col] = [_py(v) for v in attrs[col]]
    attrs = attrs.infer_objects()
    fids = np.asarray(fids, dtype=np.int64)
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
    values = table.astype(object).where(pd.notna(table), None).to_numpy().tolist()
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
            f.setAttributes([_native(v) for v in values[i]])
            batch.append(f)
        if not sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert):
            raise RuntimeError(sink.lastError() if hasattr(sink, "lastError") else "cannot write features")


def _native(v):
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, float) and v != v:  # NaN -> NULL
        return None
    return v
