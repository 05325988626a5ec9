"""The fragility library: defaults as in REFERENCE, formulas by hand, validation messages."""

import json
import math

import numpy as np
import pytest

from resilience_plugin.core import fragility
from resilience_plugin.core.errors import InputError
from resilience_plugin.paths import resource_path


def phi(x):
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


@pytest.fixture()
def lib():
    return fragility.load_library()


def _user(tmp_path, data):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _curve(**kw):
    c = {"id": "mine", "asset_type": "road", "intensity_measure": "flood_depth", "unit": "m", "form": "lognormal",
         "theta": [0.5], "beta": [0.4], "source": "test", "verified": False}
    c.update(kw)
    return c


def test_default_file_matches_its_json_schema():
    import jsonschema

    data = json.loads(resource_path("standards", "fragility.json").read_text(encoding="utf-8"))
    schema = json.loads(resource_path("standards", "fragility.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    for c in data["curves"]:
        assert c["source"] and isinstance(c["verified"], bool)


def test_defaults_hold_the_reference_numbers(lib):
    pipe = lib.curve("water_pipe", "pgv")
    assert (pipe.form, pipe.a, pipe.b, pipe.unit) == ("repair_rate", 0.0001, 2.25, "cm/s")
    hv = lib.curve("substation_high", "pga")
    assert list(hv.theta) == [0.11, 0.15, 0.20, 0.47] and list(hv.beta) == [0.50, 0.45, 0.35, 0.40]
    assert list(lib.curve("substation_low", "pga").theta) == [0.15, 0.29, 0.45, 0.90]
    assert list(lib.curve("substation_medium", "pga").beta) == [0.60, 0.50, 0.40, 0.40]
    assert list(lib.curve("bridge", "sa10").theta) == [0.40, 0.50, 0.70, 0.90]
    assert list(lib.curve("road_major", "pgd").theta) == [12, 24, 60]
    assert list(lib.curve("road", "pgd").theta) == [6, 12, 24]
    road = lib.curve("road", "flood_depth")
    assert (road.form, road.threshold) == ("threshold", 0.3)
    tower = lib.curve("transmission_tower", "wind")
    assert (tower.theta[0], tower.beta[0]) == (55, 0.40)
    assert lib.curve("transmission_tower", "flood_depth").theta[0] == 2.2
    assert lib.curve("overhead_line", "wind").theta[0] == 50
    assert lib.curve("distribution_pole", "wind").theta[0] == 45
    assert lib.curve("substation", "flood_depth").theta[0] == 1.0
    assert lib.curve("road", "pgv") is None  # no such curve: fields stay empty


def test_lognormal_by_hand(lib):
    c = lib.curve("substation_medium", "pga")
    im = np.array([0.05, 0.3, 1.2, 0.0, np.nan])
    p = c.exceedance(im)
    for i, x in enumerate(im[:3]):
        for k, (t, b) in enumerate(zip([0.15, 0.25, 0.35, 0.70], [0.60, 0.50, 0.40, 0.40])):
            assert p[i, k] == pytest.approx(phi(math.log(x / t) / b), abs=1e-12)
    assert np.all(p[3] == 0.0) and np.all(np.isnan(p[4]))
    assert c.p_fail(np.array([0.3]))[0] == pytest.approx(phi(math.log(0.3 / 0.70) / 0.40))


def test_repair_rate_and_factors_by_hand(lib):
    c = lib.curve("pipe", "pgv")
    assert c.repair_rate(np.array([30.0]))[0] == pytest.approx(0.0001 * 30.0 ** 2.25)
    f, unknown = lib.material_factor(["dcip", "PVC", " ACP ", None, "bamboo"])
    assert list(f) == [0.3, 1.0, 1.2, 1.0, 1.0] and unknown == ["bamboo"]
    d = lib.diameter_factor([75, 100, 150, 300, 600, None, -1])
    assert list(d) == [1.6, 1.0, 1.0, 0.8, 0.5, 1.0, 1.0]
    road = lib.curve("road", "flood_depth")
    assert list(road.p_fail(np.array([0.1, 0.3, 0.31]))) == [0.0, 0.0, 1.0]


def test_user_file_replaces_the_curve_of_the_same_type_and_measure(tmp_path):
    lib = fragility.load_library(_user(tmp_path, {"curves": [_curve(theta=[0.5], beta=[0.4])]}))
    road = lib.curve("road", "flood_depth")
    assert road.id == "mine" and road.form == "lognormal"
    assert lib.curve("road_major", "flood_depth").form == "threshold"  # the default still serves road_major
    lib2 = fragility.load_library(_user(tmp_path, {"asset_types": {"sewer main": {"geometry": "line"}},
                                                   "curves": [_curve(asset_type="Sewer Main", form="repair_rate", a=0.0002, b=2.0,
                                                                     intensity_measure="pgv", unit="cm/s")]}))
    assert lib2.curve("sewer_main", "pgv").a == 0.0002


@pytest.mark.parametrize("data, message", [
    ({"curves": [_curve(asset_type="teleporter")]}, "unknown asset type(s) teleporter"),
    ({"curves": [_curve(unit="")]}, "has no unit"),
    ({"curves": [{k: v for k, v in _curve().items() if k != "unit"}]}, "has no unit"),
    ({"intensity_measures": {"snow": {"name": {"en": "snow"}}}, "curves": []}, "Intensity measure 'snow' has no unit"),
    ({"curves": [_curve(unit="cm")]}, "is given in cm but the intensity measure 'flood_depth' is in m"),
    ({"curves": [_curve(theta=[0.0])]}, "every median theta must be > 0"),
    ({"curves": [_curve(theta=[-1.0])]}, "every median theta must be > 0"),
    ({"curves": [_curve(beta=[0.0])]}, "every dispersion beta must be > 0"),
    ({"curves": [_curve(theta=[0.2, 0.4], beta=[0.3])]}, "one value per damage state"),
    ({"curves": [_curve(form="cubic")]}, "unknown form 'cubic'"),
    ({"curves": [_curve(intensity_measure="snow")]}, "unknown intensity measure 'snow'"),
    ({"curves": [_curve(verified="yes")]}, "needs a 'source' text and a 'verified'"),
    ({"curves": [_curve(form="repair_rate", a=0, b=2)]}, "the coefficient a must be > 0"),
    ({"curves": [_curve(asset_type="substation", form="repair_rate", a=1, b=2)]}, "repair-rate curves apply to line assets only"),
    ({"curves": "all"}, "'curves' in the fragility file must be a list"),
])
def test_bad_user_files(tmp_path, data, message):
    with pytest.raises(InputError) as err:
        fragility.load_library(_user(tmp_path, data))
    assert message in str(err.value)


def test_unreadable_files(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="is not valid JSON"):
        fragility.load_library(str(bad))
    with pytest.raises(InputError, match="Cannot read the fragility file"):
        fragility.load_library(str(tmp_path / "missing.json"))


def test_asset_type_checks(lib):
    assert lib.check_asset_types(["Water Pipe", "road", None], "line") == ["road", "water_pipe"]
    with pytest.raises(InputError, match="not in the fragility library: footway, residential"):
        lib.check_asset_types(["residential", "road", "footway"], "line")
    with pytest.raises(InputError, match="substation_high are point assets but the LIFELINES layer holds line"):
        lib.check_asset_types(["substation_high"], "line")


@pytest.mark.parametrize("measure, values, hint", [
    ("pga", [120.0, 250.0], "divide cm/s2 (gal) by 981"),
    ("flood_depth", [35.0, 120.0], "divide centimetres by 100"),
    ("pgv", [900.0], "cm/s"),
    ("wind", [150.0], "km/h"),
])
def test_implausible_intensities(lib, measure, values, hint):
    with pytest.raises(InputError) as err:
        lib.check_plausible(np.array(values + [np.nan]), measure)
    assert "implausible" in str(err.value) and hint in str(err.value)
    lib.check_plausible(np.array([0.0, 0.5, np.nan]), measure)  # plausible values pass


def test_normalize_types_gives_each_value_its_normalised_name():
    from resilience_plugin.core.fragility import normalize_types

    values = ["Water Pipe", "water-pipe", None, " ", "Water Pipe", 7, ["a b"]]
    assert normalize_types(values) == ["water_pipe", "water_pipe", None, None, "water_pipe", "7", "['a_b']"]
