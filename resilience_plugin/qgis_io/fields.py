"""Choosing output field types."""

import numpy as np
import pandas as pd


def field_kind(series):
    """Output field kind (``make_fields``) for a column of ids: ``"int64"`` when all are integers, else ``"string"``."""
    s = pd.Series(series).dropna()
    if len(s) and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in s):
        return "int64"
    return "string"
