"""Analytic Hierarchy Process (层次分析法): weights from a pairwise comparison matrix.

Weights are the principal (Perron) eigenvector of the reciprocal matrix A, normalised to sum 1;
``lambda_max`` its eigenvalue; CI = (lambda_max - n) / (n - 1); CR = CI / RI(n) with Saaty's random
index from ``resources/standards/ahp.json``; the judgements are consistent when CR < 0.10.
"""

import math
import re
from dataclasses import dataclass

import numpy as np

from .errors import QT_TRANSLATE_NOOP, InputError
from .standards import load_standard

MAX_N = 15
RECIPROCAL_RTOL = 0.02  # 1/3 typed as 0.33 is still reciprocal


def ahp_table():
    """The AHP settings (random index, CR threshold) of resources/standards/ahp.json."""
    return load_standard("ahp")


def random_index(n):
    """Saaty's random index RI for ``n`` criteria (InputError beyond the table)."""
    table = ahp_table()["random_index"]
    if str(n) not in table:
        raise InputError(QT_TRANSLATE_NOOP("@default", "AHP supports 1 to {max} criteria; got {n}."), max=MAX_N, n=n)
    return float(table[str(n)]["ri"])


def cr_threshold():
    """The consistency ratio below which a comparison matrix is accepted (0.10)."""
    return float(ahp_table()["cr_threshold"])


def parse_criteria(text):
    """``"safety, access,capacity"`` -> ``["safety", "access", "capacity"]`` (unique, non-empty)."""
    if isinstance(text, (list, tuple)):
        names = [str(t).strip() for t in text]
    else:
        names = [s.strip() for s in re.split(r"[,;，；\n]+", str(text or ""))]
    names = [s for s in names if s]
    if not names:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Give the criteria names separated by commas, e.g. safety,access,capacity."))
    dup = sorted({s for s in names if names.count(s) > 1})
    if dup:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Criteria names must be unique; repeated: {names}."), names=", ".join(dup))
    if len(names) > MAX_N:
        raise InputError(QT_TRANSLATE_NOOP("@default", "AHP supports 1 to {max} criteria; got {n}."), max=MAX_N, n=len(names))
    return names


def parse_value(value):
    """A judgement: a number, or a fraction such as ``1/3`` (also ``１／３``)."""
    if value is None:
        raise ValueError("empty")
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    text = str(value).strip().replace("／", "/").replace("，", ".")
    if not text:
        raise ValueError("empty")
    if "/" in text:
        num, _, den = text.partition("/")
        return float(num) / float(den)
    return float(text)


def parse_matrix(values, n):
    """The full n x n matrix from a flat row-by-row list (or a nested list) of judgements."""
    flat = []
    for row in values if values is not None else []:
        if isinstance(row, (list, tuple, np.ndarray)):
            flat.extend(row)
        else:
            flat.append(row)
    if len(flat) == 1 and isinstance(flat[0], str) and re.search(r"[,;\s]", flat[0].strip()):
        flat = [s for s in re.split(r"[,;\s]+", flat[0].strip()) if s]
    if len(flat) != n * n:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The comparison matrix has {count} values but {n} criteria need {n} x {n} = {need} (the full matrix, row by row)."),
                         count=len(flat), n=n, need=n * n)
    out = np.empty(n * n)
    for k, v in enumerate(flat):
        try:
            out[k] = parse_value(v)
        except (ValueError, ZeroDivisionError):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Matrix entry row {row}, column {col} ('{value}') is not a number or a fraction like 1/3."),
                             row=k // n + 1, col=k % n + 1, value=v) from None
    return out.reshape(n, n)


def check_matrix(a):
    """Raise an InputError if ``a`` is not a positive reciprocal matrix on the 1/9..9 scale."""
    a = np.asarray(a, dtype=float)
    n = a.shape[0]
    if a.shape != (n, n):
        raise InputError(QT_TRANSLATE_NOOP("@default", "The comparison matrix must be square."))
    bad = np.argwhere(~np.isfinite(a) | (a <= 0))
    if len(bad):
        i, j = bad[0]
        raise InputError(QT_TRANSLATE_NOOP("@default", "Matrix entry row {row}, column {col} is {value}: judgements must be positive (1/9 ... 9); zero or negative is not allowed."),
                         row=i + 1, col=j + 1, value=_fmt(a[i, j]))
    diag = np.flatnonzero(np.abs(np.diag(a) - 1.0) > 1e-9)
    if len(diag):
        i = diag[0]
        raise InputError(QT_TRANSLATE_NOOP("@default", "Diagonal entry {row},{row} is {value}: a criterion compared with itself must be 1."),
                         row=i + 1, value=_fmt(a[i, i]))
    scale = ahp_table()["scale"]
    out = np.argwhere((a < scale["min"] * (1 - RECIPROCAL_RTOL)) | (a > scale["max"] * (1 + 1e-9)))
    if len(out):
        i, j = out[0]
        raise InputError(QT_TRANSLATE_NOOP("@default", "Matrix entry row {row}, column {col} is {value}: use Saaty's scale 1/9 ... 9."),
                         row=i + 1, col=j + 1, value=_fmt(a[i, j]))
    prod = a * a.T
    nonrec = np.argwhere(np.abs(prod - 1.0) > RECIPROCAL_RTOL)
    if len(nonrec):
        i, j = nonrec[0]
        raise InputError(QT_TRANSLATE_NOOP("@default", "Entries ({row},{col}) = {a} and ({col},{row}) = {b} are not reciprocal: a_ji must be 1 / a_ij."),
                         row=i + 1, col=j + 1, a=_fmt(a[i, j]), b=_fmt(a[j, i]))
    return a


def _fmt(x):
    if not math.isfinite(x):
        return str(x)
    return f"{x:.4g}"


@dataclass
class AhpResult:
    """Weights, λmax, CI, CR and whether the matrix is consistent (CR below the threshold)."""

    weights: np.ndarray
    lambda_max: float
    ci: float
    cr: float
    ri: float
    consistent: bool


def ahp_weights(matrix):
    """Weights (principal eigenvector, sum 1), lambda_max, CI, CR and consistency of a checked matrix."""
    a = check_matrix(matrix)
    n = a.shape[0]
    if n == 1:
        return AhpResult(np.ones(1), 1.0, 0.0, 0.0, 0.0, True)
    vals, vecs = np.linalg.eig(a)
    k = int(np.argmax(vals.real))
    lam = float(vals[k].real)
    w = np.abs(vecs[:, k].real)
    w = w / w.sum()
    ci = max((lam - n) / (n - 1), 0.0)
    ri = random_index(n)
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult(w, lam, ci, cr, ri, bool(cr < cr_threshold()))


def full_from_upper(upper, n):
    """Complete a matrix from its upper triangle (row by row, i < j): a_ji = 1 / a_ij, a_ii = 1."""
    a = np.ones((n, n))
    iu = np.triu_indices(n, 1)
    a[iu] = np.asarray(upper, dtype=float)
    a[(iu[1], iu[0])] = 1.0 / a[iu]
    return a


def parse_weights(text, criteria):
    """Weights for ``criteria`` from ``"name:w, name:w"`` or plain ``"w1, w2, ..."`` (in order).

    Returns a dict name -> weight (not normalised). Unknown names or a count mismatch are errors.
    """
    items = [s.strip() for s in re.split(r"[,;，；\n]+", str(text or "")) if s.strip()]
    if not items:
        raise InputError(QT_TRANSLATE_NOOP("@default", "WEIGHTS is empty."))
    named = [":" in s or "：" in s for s in items]
    result = {}
    if all(named):
        for s in items:
            key, _, val = s.replace("：", ":").rpartition(":")
            key = key.strip()
            if key not in criteria:
                raise InputError(QT_TRANSLATE_NOOP("@default", "Weight for '{name}' does not match any criterion; criteria are: {criteria}."),
                                 name=key, criteria=", ".join(criteria))
            result[key] = _weight_value(val, key)
    elif not any(named):
        if len(items) != len(criteria):
            raise InputError(QT_TRANSLATE_NOOP("@default", "{count} weights were given for {n} criteria ({criteria}); give one per criterion or name:weight pairs."),
                             count=len(items), n=len(criteria), criteria=", ".join(criteria))
        result = {c: _weight_value(v, c) for c, v in zip(criteria, items)}
    else:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Give WEIGHTS either all as name:weight pairs or all as plain numbers."))
    if sum(result.values()) <= 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The weights sum to zero: give at least one positive weight."))
    return result


def _weight_value(text, name):
    try:
        v = parse_value(text)
    except (ValueError, ZeroDivisionError):
        raise InputError(QT_TRANSLATE_NOOP("@default", "The weight of '{name}' ('{value}') is not a number."), name=name, value=text) from None
    if not math.isfinite(v) or v < 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The weight of '{name}' must be zero or positive; got {value}."), name=name, value=text)
    return v
