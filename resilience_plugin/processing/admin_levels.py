"""The admin hierarchy (行政区划层级) of the unit tables, shared by the algorithms with UNITS.

One set of optional parameters next to UNITS / UNIT_ID_FIELD:

- UNIT_CODE_FIELD: a 12-digit 统计用区划代码 per unit (levels from the code);
- PARENT_FIELD: the id of each unit's parent unit (the units that are nobody's parent are counted);
- COARSER_UNITS + COARSER_ID_FIELDS: several unit layers, coarse to fine, above UNITS (each finer
  unit belongs to the coarser unit holding its representative point);
- LEVEL_NAMES: optional names of the levels, coarse to fine.

An algorithm reads its units with ``unit_fields()`` added, calls ``unit_levels()`` (which units to
count with, their keys and the hierarchy), computes its table for the finest units only, and calls
``roll_up()``: every coarser level comes from that table, no second pass over the geometries.
"""

from dataclasses import dataclass
from typing import Optional

import numpy as np
from qgis.core import (
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsProviderRegistry,
    QgsVectorLayer,
)

from ..compat import FIELD_ANY, SOURCE_POLYGON, geometry_kind
from ..core import hierarchy as hi
from ..i18n import tr
from ..qgis_io.vector import read_source, report_reading

UNIT_CODE_FIELD = "UNIT_CODE_FIELD"
PARENT_FIELD = "PARENT_FIELD"
COARSER_UNITS = "COARSER_UNITS"
COARSER_ID_FIELDS = "COARSER_ID_FIELDS"
LEVEL_NAMES = "LEVEL_NAMES"

# the first columns of a table with levels
HEAD = [("level_name", "string"), ("unit_code", "string"), ("parent_code", "string")]


@dataclass
class UnitLevels:
    """``keep``: which units of UNITS the algorithm counts with (the finest ones), ``ids`` their keys
    in the hierarchy (``unit_code`` of the table), ``hierarchy`` the levels."""

    keep: np.ndarray
    ids: np.ndarray
    hierarchy: hi.Hierarchy


def add_hierarchy_parameters(alg, units="UNITS"):
    """The optional hierarchy parameters (see the module docstring), after UNITS / UNIT_ID_FIELD."""
    p = QgsProcessingParameterField(UNIT_CODE_FIELD, tr("Admin code field (12 digits)"), parentLayerParameterName=units,
                                    type=FIELD_ANY, optional=True)
    p.setHelp(tr(
        "Optional 12-digit 统计用区划代码 of each unit: the table then also holds every coarser "
        "level (township, county, city, province), summed from the units."
    ))
    alg.addParameter(p)
    p = QgsProcessingParameterField(PARENT_FIELD, tr("Parent unit id field"), parentLayerParameterName=units,
                                    type=FIELD_ANY, optional=True)
    p.setHelp(tr(
        "Optional field holding the id of each unit's parent unit (empty for the top "
        "level), instead of admin codes; the units that are nobody's parent are counted, "
        "the others are summed from them."
    ))
    alg.addParameter(alg.advanced(p))
    p = QgsProcessingParameterMultipleLayers(COARSER_UNITS, tr(
        "Coarser unit layers (coarse to fine)"
    ), layerType=SOURCE_POLYGON,
                                             optional=True)
    p.setHelp(tr(
        "Optional polygon layers of the coarser levels above UNITS, coarsest first (e.g. "
        "cities, then districts): each unit belongs to the coarser unit that holds its "
        "representative point."
    ))
    alg.addParameter(alg.advanced(p))
    p = QgsProcessingParameterString(COARSER_ID_FIELDS, tr("Id fields of the coarser layers"), optional=True)
    p.setHelp(tr(
        "The id field of each coarser unit layer, in the same order, separated by commas "
        "(one name for all of them if they share it)."
    ))
    alg.addParameter(alg.advanced(p))
    p = QgsProcessingParameterString(LEVEL_NAMES, tr("Level names (coarse to fine)"), optional=True)
    p.setHelp(tr(
        "Optional names of the levels for level_name, coarsest first, separated by "
        "commas, e.g. 市,区,街道. Empty: 省/市/县/乡/村 for admin codes, the layer names for "
        "coarser layers, L0, L1 ... for parent ids."
    ))
    alg.addParameter(alg.advanced(p))


def _text(alg, parameters, name, context):
    return (alg.parameterAsString(parameters, name, context) or "").strip()


def requested(alg, parameters, context):
    """Whether the run asks for levels (and has UNITS)."""
    if alg.parameterAsSource(parameters, "UNITS", context) is None:
        return False
    return bool(_text(alg, parameters, UNIT_CODE_FIELD, context) or _text(alg, parameters, PARENT_FIELD, context)
                or alg.parameterAsLayerList(parameters, COARSER_UNITS, context))


def unit_fields(alg, parameters, context):
    """The fields of UNITS the hierarchy needs, to read with the unit ids."""
    names = (_text(alg, parameters, UNIT_CODE_FIELD, context), _text(alg, parameters, PARENT_FIELD, context))
    return [f for f in names if f]


def _names(alg, parameters, context, default, depth):
    text = _text(alg, parameters, LEVEL_NAMES, context)
    if not text:
        return tuple(default)
    names = [n.strip() for n in text.replace("，", ",").split(",")]
    if len(names) < depth or any(not n for n in names):
        alg.fail(tr(
            "LEVEL_NAMES gives {n} name(s) for {depth} level(s): give one name per level, "
            "coarsest first, separated by commas."
        ).format(
            n=len([n for n in names if n]), depth=depth))
    return tuple(names)


def unit_levels(alg, parameters, context, feedback, metric, ids, attrs, geoms) -> Optional[UnitLevels]:
    """The hierarchy of the units read by the algorithm (``ids``: its unit ids, ``attrs`` with the
    fields of :func:`unit_fields`, ``geoms`` in ``metric``), or None when no level is asked for."""
    if not requested(alg, parameters, context):
        return None
    code_field = _text(alg, parameters, UNIT_CODE_FIELD, context)
    parent_field = _text(alg, parameters, PARENT_FIELD, context)
    coarser = alg.parameterAsLayerList(parameters, COARSER_UNITS, context) or []
    if sum(bool(x) for x in (code_field, parent_field, coarser)) > 1:
        alg.fail(tr(
            "Give one way to describe the admin levels: UNIT_CODE_FIELD (admin codes), "
            "PARENT_FIELD (parent ids) or COARSER_UNITS (coarser layers), not several."
        ))
    layer = tr("admin units")
    ids = np.asarray(ids, dtype=object)
    if code_field:
        codes = attrs[code_field].to_numpy(dtype=object)
        hierarchy = hi.from_codes(codes, layer)
        keys = np.array([hi._code_text(c) for c in codes], dtype=object)
        dup = [k for k, n in zip(*np.unique(keys.astype(str), return_counts=True)) if n > 1]
        if dup:
            alg.fail(tr(
                "The admin code '{code}' appears more than once in {layer}: every unit needs its "
                "own code."
            ).format(code=dup[0], layer=layer))
        hi.check_finest(hierarchy, set(keys), layer)
        hierarchy.names = _names(alg, parameters, context, hierarchy.names, len(hierarchy.names))
        return UnitLevels(np.ones(len(keys), dtype=bool), keys, hierarchy)
    if parent_field:
        parents = attrs[parent_field].to_numpy(dtype=object)
        hierarchy = hi.from_parents(ids, parents, layer)
        keys = np.array([hi._code_text(v) for v in ids], dtype=object)
        leaf = ~np.isin(keys.astype(str), [str(p) for p in hierarchy.parent.values() if p is not None])
        hierarchy.names = _names(alg, parameters, context, hierarchy.names, len(hierarchy.names))
        return UnitLevels(leaf, keys[leaf], hierarchy)
    return _from_layers(alg, parameters, context, feedback, metric, ids, geoms, coarser)


def _from_layers(alg, parameters, context, feedback, metric, ids, geoms, coarser):
    fields = [f.strip() for f in _text(alg, parameters, COARSER_ID_FIELDS, context).split(",") if f.strip()]
    if len(fields) == 1:
        fields = fields * len(coarser)
    if len(fields) != len(coarser):
        alg.fail(tr(
            "COARSER_ID_FIELDS names {n} field(s) for {m} coarser layer(s): give one id field "
            "per layer, in the same order (or one for all)."
        ).format(
            n=len(fields), m=len(coarser)))
    levels = []
    for lyr, field in zip(coarser, fields):
        if not isinstance(lyr, QgsVectorLayer) or geometry_kind(lyr.wkbType()) != "polygon":
            alg.fail(tr("The coarser unit layer '{layer}' must hold polygons.").format(layer=lyr.name()))
        if lyr.fields().indexOf(field) < 0:
            alg.fail(tr(
                "The coarser unit layer '{layer}' has no field '{field}' (COARSER_ID_FIELDS)."
            ).format(layer=lyr.name(), field=field))
        data = read_source(lyr, [field], target_crs=metric, feedback=feedback, what=lyr.name())
        report_reading(data, lyr.name(), feedback)
        levels.append((data.attrs[field].to_numpy(dtype=object), data.geoms))
    levels.append((ids, geoms))
    units = alg.parameterAsVectorLayer(parameters, "UNITS", context)
    default = [_title(lyr) for lyr in coarser] + [_title(units) if units is not None else tr("admin units")]
    names = _names(alg, parameters, context, default, len(levels))
    hierarchy, keys = hi.from_layers(levels, names, tr("admin units"))
    return UnitLevels(np.ones(len(ids), dtype=bool), keys, hierarchy)


def _title(layer):
    """A layer's name for level_name: the name of the layer inside its file (GeoPackage layer name), else
    the layer name."""
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    return str(parts.get("layerName") or "") or layer.name()


def roll_up(table, unit_col, levels, keys=(), additive=(), ratios=None, unit_totals=None, derived=None):
    """The table of the finest units with every coarser level (see :func:`core.hierarchy.roll_up`)."""
    return hi.roll_up(table, unit_col, levels.hierarchy, keys=keys, additive=additive, ratios=ratios, layer=tr(
        "admin units"
    ),
                      unit_totals=unit_totals, derived=derived)


def help_paragraph():
    """The help text of the hierarchy parameters, the same in every algorithm that has them."""
    return tr(
        "Admin levels (行政区划层级): with UNIT_CODE_FIELD (12-digit 统计用区划代码), PARENT_FIELD (parent unit "
        "ids) or COARSER_UNITS (coarser unit layers, coarsest first, with COARSER_ID_FIELDS) the table holds every "
        "level in one run, with level_name, unit_code and parent_code instead of unit_id: the finest units are "
        "computed once and every coarser row is summed from them where the quantity adds (persons, counts, metres, "
        "m²); ratios (coverage %, shares) are recomputed from the summed values, not averaged. LEVEL_NAMES names "
        "the levels."
    )
