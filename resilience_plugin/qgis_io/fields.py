"""Choosing output field types."""

import numpy as np
import pandas as pd


def field_kind(series):
    """Output field kind (``make_fields``) for a column of ids: ``"int64"`` when all are integers, else ``"string"``."""
    s = pd.Series(series).dropna()
    if len(s) and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in s):
        return "int64"
    return "string"


def merge_fields(input_fields, ours, dates_as_text=False):
    """The input layer's fields followed by ours (``[(name, kind)]``), through ``QgsProcessingUtils.combineFields``.

    An input field with the name of one of ours (ignoring case, as GeoPackage does) is replaced by ours.
    ``dates_as_text``: date / time input fields become text fields. Returns ``(QgsFields, dropped names)``.
    """
    from qgis.core import QgsField, QgsFields, QgsProcessingUtils

    from ..compat import make_field
    from .vector import make_fields

    our_names = {name.lower() for name, _ in ours}
    kept, dropped = QgsFields(), []
    for f in input_fields:
        if f.name().lower() in our_names:
            dropped.append(f.name())
        elif dates_as_text and f.typeName().lower() in ("date", "datetime", "time"):
            kept.append(make_field(f.name(), "string"))
        else:
            kept.append(QgsField(f))
    return QgsProcessingUtils.combineFields(kept, make_fields(ours)), dropped
