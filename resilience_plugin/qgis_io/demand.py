"""Where people are: a population raster, or points / polygons with a population field, as weighted points.

The one demand reader of Walking coverage, Facility suitability and Network criticality.
"""

from dataclasses import dataclass

import numpy as np
import shapely
from qgis.core import QgsRasterLayer, QgsVectorLayer

from ..compat import geometry_kind
from ..core import geometry as geo
from ..core import population
from ..core.coverage import clean_persons
from ..core.errors import QT_TRANSLATE_NOOP, InputError
from ..i18n import tr
from .raster import gdal_path, log_population
from .vector import read_source, report_reading


@dataclass
class Demand:
    """``points`` (metric CRS) with ``persons``; ``geoms``: what to write back, in ``layer``'s CRS
    (cell centres of a raster, points, or the polygons); ``kind`` is ``"point"`` or ``"polygon"``;
    ``source_points``: the points used, in ``layer``'s CRS; ``ids``: feature ids, or ``cell:<n>``."""

    layer: object
    kind: str
    geoms: np.ndarray
    points: np.ndarray
    persons: np.ndarray
    source_points: np.ndarray = None
    ids: np.ndarray = None


def representative_points(geoms):
    """Points as they are (the first of a multi-point), other geometries by a point on their surface."""
    geoms = np.asarray(geoms, dtype=object)
    if len(geoms) == 0:
        return geoms
    out = geoms.copy()
    other = shapely.get_type_id(geoms) != 0
    if other.any():
        out[other] = shapely.point_on_surface(geoms[other])
    return out


def clean_population(values, feedback, what):
    """Persons per feature from a field: NULL, negative and non-numbers (text such as "一百") become 0,
    counted in a warning that names ``what``. The same rule in every algorithm."""
    persons, bad = clean_persons(values)
    if bad and feedback is not None:
        message = tr("{layer}: {n} feature(s) have a population that is NULL, negative or not a number; counted as 0.")
        feedback.pushWarning(message.format(layer=what, n=bad))
    return persons


def read_demand(
    layer,
    param,
    metric,
    feedback,
    *,
    field="",
    unit=population.PERSONS_PER_KM2,
    band=1,
    bounds=None,
    field_required=True,
):
    """Read the demand of parameter ``param`` (its name, for messages).

    Rasters go through :func:`core.population.population_points` (``unit``, ``band``, only the cells
    meeting ``bounds`` in ``metric`` when given) and the persons read are logged. Vector layers need
    ``field`` (persons per feature; see :func:`clean_population`) unless not
    ``field_required``, when each feature without ``field`` counts as 1 person.
    """
    if layer is None or not layer.isValid():
        raise InputError(QT_TRANSLATE_NOOP("@default", "The {param} layer could not be loaded."), param=param)
    if isinstance(layer, QgsRasterLayer):
        pts = population.population_points(
            gdal_path(layer, layer.name()),
            band=band,
            unit=unit,
            bounds=bounds,
            bounds_crs=metric if bounds is not None else None,
            target_crs=metric,
            feedback=feedback,
        )
        log_population(feedback, pts.report, layer.name())
        ids = np.array([f"cell:{i}" for i in range(len(pts.points))], dtype=object)
        return Demand(layer, "point", pts.raster_points, pts.points, pts.persons, pts.raster_points, ids)
    kind = geometry_kind(layer.wkbType()) if isinstance(layer, QgsVectorLayer) else "none"
    if kind not in ("point", "polygon"):
        raise InputError(
            # one line: pylupdate5 misses a QT_TRANSLATE_NOOP whose arguments end with a trailing comma
            QT_TRANSLATE_NOOP("@default", "{param} must be a population raster or a point / polygon layer; {layer} holds {kind} geometries."),  # noqa: E501
            param=param,
            layer=layer.name(),
            kind=kind,
        )
    if not field and field_required:
        raise InputError(
            QT_TRANSLATE_NOOP("@default", "Choose the POPULATION_FIELD that holds the persons of each demand feature.")
        )
    src = read_source(layer, [field] if field else [], feedback=feedback, what=layer.name())
    report_reading(src, layer.name(), feedback)
    if field:
        persons = clean_population(src.attrs[field].to_numpy(), feedback, layer.name())
    else:
        persons = np.ones(len(src))
    points = representative_points(src.geoms)
    geoms = points if kind == "point" else src.geoms
    return Demand(layer, kind, geoms, geo.transform(points, src.crs, metric), persons, points,
                  src.fids.astype(str).astype(object))
