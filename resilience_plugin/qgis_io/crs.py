"""CRS handling: QGIS CRS <-> pyproj, and the metric working CRS for an analysis."""

import math

from pyproj import CRS
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsRectangle

from ..core.crs import choose_metric_crs, is_wide_crs
from ..core.errors import QT_TRANSLATE_NOOP, InputError

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def to_pyproj(crs):
    """A QGIS CRS as a pyproj CRS (by authority id when there is one, else by WKT)."""
    if not crs.isValid():
        raise InputError(QT_TRANSLATE_NOOP("@default", "A layer has no valid coordinate reference system: set its CRS first."))
    authid = crs.authid()
    if authid and ":" in authid and not authid.upper().startswith("USER"):
        try:
            return CRS.from_user_input(authid)
        except Exception:  # noqa: BLE001 - fall back to WKT
            pass
    return CRS.from_wkt(crs.toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT2_2019))


def to_qgis(pycrs):
    epsg = pycrs.to_epsg()
    if epsg:
        return QgsCoordinateReferenceSystem(f"EPSG:{epsg}")
    return QgsCoordinateReferenceSystem.fromWkt(pycrs.to_wkt())


def lonlat_extent(extent, crs):
    """A QgsRectangle in ``crs`` as (minlon, minlat, maxlon, maxlat)."""
    if crs == WGS84:
        r = QgsRectangle(extent)
    else:
        xform = QgsCoordinateTransform(crs, WGS84, QgsProject.instance().transformContext())
        xform.setBallparkTransformsAreAppropriate(True)
        r = xform.transformBoundingBox(extent)
    return r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum()


def crs_and_extent(item):
    """``(crs, extent)`` of a layer, a feature source or a ``(crs, extent)`` pair."""
    if hasattr(item, "crs") and hasattr(item, "extent"):
        return item.crs(), item.extent()
    if hasattr(item, "sourceCrs"):
        return item.sourceCrs(), item.sourceExtent()
    return item


def _has_extent(extent):
    """True for any real extent, including a degenerate one (one point, or points on a line), for which
    QgsRectangle.isEmpty() is true."""
    if extent is None or extent.isNull():
        return False
    values = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    return all(math.isfinite(v) for v in values) and extent.xMaximum() >= extent.xMinimum() and extent.yMaximum() >= extent.yMinimum()


def working_crs(inputs, feedback=None):
    """Choose the metric CRS for measuring ``inputs``: layers, feature sources or (crs, extent) pairs.

    Logs which CRS is used and why. Returns ``(QgsCoordinateReferenceSystem, pyproj.CRS)``.
    """
    from ..i18n import tr

    crs_list, boxes = [], []
    for item in inputs:
        if item is None:
            continue
        crs, extent = crs_and_extent(item)
        crs_list.append(to_pyproj(crs))
        if _has_extent(extent):
            boxes.append(lonlat_extent(extent, crs))
    if not boxes:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The inputs have no extent (are they empty?)."))
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    pycrs, reused = choose_metric_crs(crs_list, box)
    qcrs = to_qgis(pycrs)
    if feedback is not None:
        if is_wide_crs(pycrs):
            feedback.pushInfo(tr("The data reach farther than one Gauss–Krüger / UTM zone measures accurately: areas are measured in an Albers equal-area projection fitted to their extent, lengths geodesically on the ellipsoid."))
        elif reused:
            feedback.pushInfo(tr("Lengths and areas are measured in the inputs' own CRS {crs}.").format(
                crs=f"{qcrs.authid()} ({qcrs.description()})"))
        else:
            feedback.pushInfo(tr("Lengths and areas are measured in {crs}, chosen for the data's extent.").format(
                crs=f"{qcrs.authid()} ({qcrs.description()})"))
    return qcrs, pycrs
