"""The fragility library: lognormal damage-state curves, repair-rate curves and threshold rules.

``resources/standards/fragility.json`` holds the defaults (Hazus pipelines, substations, bridges,
roads; NREL erad wind / flood curves for power assets; the 0.3 m road flood rule), each curve with
its asset types, intensity measure and unit, form, source and verified flag. A user file
(``FRAGILITY_FILE``) is merged on top: its asset types, intensity measures and factor tables are
added, its curves replace the default curve of the same (asset type, intensity measure).

Forms
- ``lognormal``: P(DS >= ds_k) = Phi(ln(IM / theta_k) / beta_k); P(fail) = P(DS >= ds_fail_state).
- ``repair_rate``: RR = a * IM^b repairs/km, times material and diameter factors;
  P(fail) = 1 - exp(-RR * L) with L in km.
- ``threshold``: failed (P = 1) when IM > threshold, else 0 (e.g. roads impassable above 0.3 m).
"""

import copy
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
from scipy.special import ndtr

from ..paths import resource_path
from .errors import QT_TRANSLATE_NOOP, InputError

FORMS = ("lognormal", "repair_rate", "threshold")
MAX_DAMAGE_STATES = 4


def normalize_type(name):
    """Asset type names compare case-insensitively, with spaces / hyphens as underscores."""
    if name is None:
        return None
    text = str(name).strip()
    if not text:
        return None
    return re.sub(r"[\s\-]+", "_", text).casefold()


def normalize_types(values):
    """:func:`normalize_type` of every value, each distinct value normalised once (a layer holds few)."""
    seen = {}
    out = []
    for v in values:
        try:
            t = seen[v]
        except KeyError:
            t = seen[v] = normalize_type(v)
        except TypeError:  # unhashable
            t = normalize_type(v)
        out.append(t)
    return out


@dataclass
class Curve:
    """One fragility curve: lognormal (theta, beta per damage state), repair rate (a, b) or threshold."""

    id: str
    asset_types: tuple
    intensity_measure: str
    unit: str
    form: str
    source: str
    verified: bool
    theta: Optional[np.ndarray] = None
    beta: Optional[np.ndarray] = None
    damage_states: list = field(default_factory=list)
    fail_state: int = -1
    a: float = 0.0
    b: float = 0.0
    threshold: float = 0.0

    def exceedance(self, im):
        """P(DS >= ds_k) for every damage state: array (n, k). IM <= 0 or NaN gives 0 / NaN."""
        im = np.asarray(im, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = (np.log(np.maximum(im, 0.0))[:, None] - np.log(self.theta)[None, :]) / self.beta[None, :]
        p = ndtr(z)
        p[~np.isfinite(im)] = np.nan
        return p

    def repair_rate(self, im):
        """Repairs per km (before material / diameter factors); NaN where IM is NaN."""
        im = np.maximum(np.asarray(im, dtype=float), 0.0)
        return self.a * np.power(im, self.b)

    def p_fail(self, im):
        """P(fail) of lognormal and threshold curves at ``im`` (NaN where IM is NaN)."""
        im = np.asarray(im, dtype=float)
        if self.form == "lognormal":
            return self.exceedance(im)[:, self.fail_state]
        if self.form == "threshold":
            out = (im > self.threshold).astype(float)
            out[~np.isfinite(im)] = np.nan
            return out
        raise ValueError("repair-rate curves give P(fail) from the expected repairs")


@dataclass
class FragilityLibrary:
    """A checked fragility library (:func:`validate_library`): measures, asset types, curves, pipe factors."""

    intensity_measures: dict
    asset_types: dict
    curves: list
    material_factors: dict
    diameter_edges: np.ndarray
    diameter_factors: np.ndarray
    raw: dict

    def curve(self, asset_type, intensity_measure):
        """The curve for ``asset_type`` under ``intensity_measure`` (None when there is none)."""
        key = normalize_type(asset_type)
        for c in self.curves:
            if key in c.asset_types and c.intensity_measure == intensity_measure:
                return c
        return None

    def geometry(self, asset_type):
        entry = self.asset_types.get(normalize_type(asset_type))
        return None if entry is None else entry.get("geometry")

    def check_asset_types(self, names, geometry_kind):
        """Raise when a type is not in the library or is of the other geometry kind."""
        names = sorted({n for n in (normalize_type(x) for x in set(names)) if n})  # each distinct name once
        unknown = [n for n in names if n not in self.asset_types]
        if unknown:
            raise InputError(QT_TRANSLATE_NOOP("@default", "These lifeline types are not in the fragility library: {names}. Known types: {known}. Map your values to known types, or add them to a FRAGILITY_FILE."),
                             names=", ".join(unknown), known=", ".join(sorted(self.asset_types)))
        wrong = [n for n in names if self.asset_types[n].get("geometry") != geometry_kind]
        if wrong:
            need = self.asset_types[wrong[0]].get("geometry")
            raise InputError(QT_TRANSLATE_NOOP("@default", "The lifeline types {names} are {need} assets but the LIFELINES layer holds {kind} geometries. Give lines for pipes, cables and roads, points for substations, towers, pumping stations and bridges."),
                             names=", ".join(wrong), need=need, kind=geometry_kind)
        return names

    def level_thresholds(self, intensity_measure):
        entry = self.intensity_measures.get(intensity_measure, {})
        return np.asarray(entry.get("level_thresholds", []), dtype=float)

    def unit(self, intensity_measure):
        return self.intensity_measures[intensity_measure]["unit"]

    def check_plausible(self, values, intensity_measure):
        """Raise when sampled intensities are outside the plausible range of the measure's unit."""
        entry = self.intensity_measures.get(intensity_measure, {})
        rng = entry.get("plausible")
        values = np.asarray(values, dtype=float)
        values = values[np.isfinite(values)]
        if rng is None or len(values) == 0:
            return
        lo, hi = float(rng[0]), float(rng[1])
        vmax, vmin = float(values.max()), float(values.min())
        if vmax > hi or vmin < lo - 0.01 * (hi - lo):
            raise InputError(QT_TRANSLATE_NOOP("@default", "The intensity values along the lifelines range from {vmin:.4g} to {vmax:.4g}, which is implausible for {measure} in {unit} (expected {lo:g} to {hi:g}). Is the raster in another unit? {hint}"),
                             vmin=vmin, vmax=vmax, measure=intensity_measure, unit=entry.get("unit", "?"), lo=lo, hi=hi,
                             hint=entry.get("hint", ""))

    # --- pipe factors ------------------------------------------------------------------------
    def material_factor(self, materials):
        """Factors for material codes (case-insensitive); NULL -> 1. Returns (factors, unknown codes)."""
        materials = list(materials)
        out = np.ones(len(materials))
        unknown = set()
        lut = {}
        for i, m in enumerate(materials):
            if m is None or (isinstance(m, float) and math.isnan(m)) or not str(m).strip():
                continue
            key = str(m).strip().upper()
            if key not in lut:
                lut[key] = self.material_factors.get(key)
                if lut[key] is None:
                    unknown.add(str(m).strip())
            if lut[key] is not None:
                out[i] = lut[key]
        return out, sorted(unknown)

    def diameter_factor(self, diameters_mm):
        """Factors for diameters in mm by class edges; NULL / non-positive -> 1."""
        d = np.asarray(_to_float(diameters_mm), dtype=float)
        out = self.diameter_factors[np.searchsorted(self.diameter_edges, np.nan_to_num(d, nan=0.0), side="right")]
        out = np.asarray(out, dtype=float)
        out[~(d > 0)] = 1.0
        return out


def _to_float(values):
    out = []
    for v in values:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            out.append(math.nan)
    return out


# --- loading and validation ----------------------------------------------------------------------
def default_library_path():
    """The shipped library, resources/standards/fragility.json."""
    return resource_path("standards", "fragility.json")


def _read(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Cannot read the fragility file {path}: {error}"), path=path, error=err) from None
    except json.JSONDecodeError as err:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The fragility file {path} is not valid JSON: {error}"), path=path, error=err) from None


def merge(base, extra):
    """``extra`` on top of ``base`` (both parsed JSON): see the module docstring."""
    out = copy.deepcopy(base)
    if not isinstance(extra, dict):
        raise InputError(QT_TRANSLATE_NOOP("@default", "A fragility file must hold a JSON object with a 'curves' list."))
    for key in ("intensity_measures", "asset_types"):
        if key in extra:
            if not isinstance(extra[key], dict):
                raise InputError(QT_TRANSLATE_NOOP("@default", "'{key}' in the fragility file must be an object."), key=key)
            out.setdefault(key, {}).update(extra[key])
    for key in ("material_factors", "diameter_factors"):
        if key in extra:
            out[key] = extra[key]
    curves = extra.get("curves", [])
    if not isinstance(curves, list):
        raise InputError(QT_TRANSLATE_NOOP("@default", "'curves' in the fragility file must be a list."))
    new_keys = set()
    for c in curves:
        if isinstance(c, dict):
            for t in _as_list(c.get("asset_type")):
                new_keys.add((normalize_type(t), c.get("intensity_measure")))
    kept = []
    for c in out.get("curves", []):
        types = [t for t in _as_list(c.get("asset_type")) if (normalize_type(t), c.get("intensity_measure")) not in new_keys]
        if types:
            c = dict(c, asset_type=types)
            kept.append(c)
    out["curves"] = kept + list(curves)
    return out


def _as_list(v):
    if v is None:
        return []
    return list(v) if isinstance(v, (list, tuple)) else [v]


def load_library(user_path=None):
    """The default library, with ``user_path`` merged on top when given; validated."""
    base = _read(default_library_path())
    data = merge(base, _read(user_path)) if user_path else base
    return validate_library(data)


def _num_list(curve_id, key, value):
    values = _as_list(value)
    try:
        arr = np.asarray([float(v) for v in values], dtype=float)
    except (TypeError, ValueError):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}': '{key}' must hold numbers."), curve=curve_id, key=key) from None
    return arr


def _curve(n, c, ims, types):
    """Fragility curve number ``n`` (0-based) of a library, checked."""
    if not isinstance(c, dict):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve number {n} is not an object."), n=n + 1)
    cid = str(c.get("id") or f"#{n + 1}")
    atypes = [normalize_type(t) for t in _as_list(c.get("asset_type"))]
    if not atypes or None in atypes:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}' has no asset_type."), curve=cid)
    unknown = [t for t in atypes if t not in types]
    if unknown:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}' refers to the unknown asset type(s) {names}; declare them under 'asset_types' (with their geometry) first."),
                         curve=cid, names=", ".join(unknown))
    im = c.get("intensity_measure")
    if im not in ims:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}' uses the unknown intensity measure '{im}'. Known: {known}."),
                         curve=cid, im=im, known=", ".join(sorted(ims)))
    unit = str(c.get("unit") or "").strip()
    if not unit:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}' has no unit: add \"unit\": \"{expected}\"."),
                         curve=cid, expected=ims[im]["unit"])
    if unit != ims[im]["unit"]:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}' is given in {unit} but the intensity measure '{im}' is in {expected}: convert the curve's parameters."),
                         curve=cid, unit=unit, im=im, expected=ims[im]["unit"])
    form = c.get("form")
    if form not in FORMS:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}': unknown form '{form}'; use lognormal, repair_rate or threshold."),
                         curve=cid, form=form)
    if "source" not in c or not isinstance(c.get("verified"), bool):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}' needs a 'source' text and a 'verified' true/false flag."), curve=cid)
    curve = Curve(cid, tuple(atypes), im, unit, form, str(c["source"]), bool(c["verified"]))
    {"lognormal": _lognormal, "repair_rate": _repair_rate}.get(form, _threshold)(curve, c, types)
    return curve


def _lognormal(curve, c, types):
    """Median and dispersion per damage state."""
    cid = curve.id
    theta = _num_list(cid, "theta", c.get("theta"))
    beta = _num_list(cid, "beta", c.get("beta"))
    if len(theta) == 0 or len(theta) != len(beta):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}': theta and beta need one value per damage state."), curve=cid)
    if len(theta) > MAX_DAMAGE_STATES:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}': at most {n} damage states are supported."), curve=cid, n=MAX_DAMAGE_STATES)
    if np.any(~(theta > 0)):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}': every median theta must be > 0."), curve=cid)
    if np.any(~(beta > 0)):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}': every dispersion beta must be > 0."), curve=cid)
    curve.theta, curve.beta = theta, beta
    curve.damage_states = list(c.get("damage_states") or [f"ds{k + 1}" for k in range(len(theta))])
    fs = c.get("fail_state", len(theta) - 1)
    if not isinstance(fs, int) or not 0 <= fs < len(theta):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}': fail_state must be a damage-state index from 0 to {n}."),
                         curve=cid, n=len(theta) - 1)
    curve.fail_state = fs


def _repair_rate(curve, c, types):
    """Repair rate a x IM^b (lines only)."""
    cid = curve.id
    a = _num_list(cid, "a", c.get("a"))
    b = _num_list(cid, "b", c.get("b"))
    if len(a) != 1 or len(b) != 1:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}': a repair-rate curve needs one number 'a' and one 'b'."), curve=cid)
    if not a[0] > 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}': the coefficient a must be > 0."), curve=cid)
    curve.a, curve.b = float(a[0]), float(b[0])
    if any(types[t]["geometry"] != "line" for t in curve.asset_types):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}': repair-rate curves apply to line assets only."), curve=cid)


def _threshold(curve, c, types):
    """A single threshold: failed at or above it."""
    cid = curve.id
    t = _num_list(cid, "threshold", c.get("threshold"))
    if len(t) != 1:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Fragility curve '{curve}': a threshold rule needs one number 'threshold'."), curve=cid)
    curve.threshold = float(t[0])


def validate_library(data):
    """Check a parsed library and build a :class:`FragilityLibrary`; clear errors for bad entries."""
    if not isinstance(data, dict) or not isinstance(data.get("curves"), list):
        raise InputError(QT_TRANSLATE_NOOP("@default", "A fragility file must hold a JSON object with a 'curves' list."))
    ims = {}
    for key, entry in (data.get("intensity_measures") or {}).items():
        if not isinstance(entry, dict) or not str(entry.get("unit") or "").strip():
            raise InputError(QT_TRANSLATE_NOOP("@default", "Intensity measure '{key}' has no unit: add e.g. \"unit\": \"cm/s\"."), key=key)
        ims[key] = entry
    types = {}
    for key, entry in (data.get("asset_types") or {}).items():
        geom = entry.get("geometry") if isinstance(entry, dict) else None
        if geom not in ("line", "point"):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Asset type '{key}' must say \"geometry\": \"line\" or \"point\"."), key=key)
        types[normalize_type(key)] = entry
    curves = [_curve(n, c, ims, types) for n, c in enumerate(data["curves"])]
    mat = data.get("material_factors") or {}
    mat_f = {str(k).strip().upper(): float(v) for k, v in (mat.get("factors") or {}).items()}
    if any(not v > 0 for v in mat_f.values()):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Material factors must be > 0."))
    dia = data.get("diameter_factors") or {"edges": [], "factors": [1.0]}
    edges = np.asarray(dia.get("edges", []), dtype=float)
    facs = np.asarray(dia.get("factors", [1.0]), dtype=float)
    if len(facs) != len(edges) + 1 or np.any(np.diff(edges) <= 0) or np.any(~(facs > 0)):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Diameter factors need ascending 'edges' and one positive factor more than edges."))
    return FragilityLibrary(ims, types, curves, mat_f, edges, facs, data)
