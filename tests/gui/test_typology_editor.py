"""The 平急两用 typology editor: the file it saves changes facilitysuitability's capacities as computed by
hand, bad values are refused with messages, reset gives the shipped types back."""

import json
from pathlib import Path

import numpy as np
import pytest
from qgis.core import QgsProcessingException

from tests.helpers import read_gdf

ROOT = Path(__file__).resolve().parents[2]
JAKARTA = ROOT / "resources" / "sample_data" / "jakarta.gpkg"
SUBSET = "\"TYPE\" IN ('School', 'Sports Facility', 'Government')"


def _run(run_alg, tmp_path, name, typology=None):
    params = {
        "CANDIDATES": f"{JAKARTA}|layername=buildings|subset={SUBSET}",
        "TYPE_FIELD": "TYPE",
        "FLOORS_FIELD": "LEVELS",
        "EFFECTIVE_RATIO": 0.6,
        "SHELTER_CLASS": 1,
        "OUTPUT": str(tmp_path / f"{name}.gpkg"),
    }
    if typology is not None:
        params["TYPOLOGY_FILE"] = str(typology)
    return read_gdf(run_alg("facilitysuitability", params)["OUTPUT"]).set_index("site_id").sort_index()


def test_saved_typology_changes_capacities_as_by_hand(qgis_app, run_alg, tmp_path):
    from resilience_plugin.gui.typology_editor import TypologyEditor

    dialog = TypologyEditor(tmp_path / "types.json")
    school = dialog.row_of("school")
    dialog.set_cell(school, "per_capita_m2", "4")
    dialog.set_cell(school, "effective_ratio", "0.5")
    dialog.set_cell(dialog.row_of("government"), "shelter", False)  # government: supply depot only
    dialog.isolation_m2.setText("25")
    assert dialog.error is None, dialog.message.text()
    path = dialog.save()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["types"]["school"]["per_capita_m2"] == 4.0 and saved["types"]["school"]["effective_ratio"] == 0.5
    assert saved["types"]["government"]["functions"] == ["supply"]
    assert saved["indoor_per_capita"]["isolation_m2"] == 25.0

    default = _run(run_alg, tmp_path, "default")
    edited = _run(run_alg, tmp_path, "edited", path)
    # by hand: footprint in UTM 48S x ratio x floors (first number of LEVELS, 1 when missing)
    b = read_gdf(JAKARTA, "buildings")
    b = b[b["TYPE"].isin(["School", "Sports Facility", "Government"])].set_index("fid").sort_index()
    floors = b["LEVELS"].str.extract(r"(\d+)")[0].astype(float).fillna(1.0).to_numpy()
    foot = b.to_crs(32748).area.to_numpy()
    t = b["TYPE"].to_numpy()
    is_school, is_gov, is_sport = t == "School", t == "Government", t == "Sports Facility"
    assert is_school.sum() > 0 and is_gov.sum() > 0 and is_sport.sum() > 0
    assert list(edited.index) == list(b.index)
    floor_default = foot * 0.6 * floors
    floor_school = foot * 0.5 * floors
    cap = edited["capacity_persons"].to_numpy()
    np.testing.assert_allclose(cap[is_school], np.floor(floor_school[is_school] / 4.0), atol=1.0)
    np.testing.assert_allclose(cap[is_gov], 0.0)
    np.testing.assert_allclose(cap[is_sport], np.floor(floor_default[is_sport] / 2.0), atol=1.0)
    np.testing.assert_allclose(
        edited["cap_isolation"].to_numpy()[is_school], np.floor(floor_school[is_school] / 25.0), atol=1.0
    )
    np.testing.assert_allclose(edited["supply_area_m2"].to_numpy()[is_gov], floor_default[is_gov], rtol=1e-6)
    # and the defaults as they were: 2 m² per person, 20 m² per isolated person
    d = default["capacity_persons"].to_numpy()
    np.testing.assert_allclose(d[is_school], np.floor(floor_default[is_school] / 2.0), atol=1.0)
    np.testing.assert_allclose(d[is_gov], np.floor(floor_default[is_gov] / 2.0), atol=1.0)
    np.testing.assert_allclose(
        default["cap_isolation"].to_numpy()[is_school], np.floor(floor_default[is_school] / 20.0), atol=1.0
    )
    # government sites lost their shelter function, so none is refused for a small area any more
    assert not edited["reasons"].fillna("")[is_gov].str.contains("effective area").any()


def test_type_map_still_applies_on_top_of_the_file(qgis_app, run_alg, tmp_path):
    path = tmp_path / "types.json"
    path.write_text(json.dumps({"types": {"school": {"per_capita_m2": 5.0}}}), encoding="utf-8")
    out = _run(run_alg, tmp_path, "x", path)
    b = read_gdf(JAKARTA, "buildings")
    b = b[b["TYPE"].isin(["School", "Sports Facility", "Government"])].set_index("fid").sort_index()
    floors = b["LEVELS"].str.extract(r"(\d+)")[0].astype(float).fillna(1.0).to_numpy()
    fa = b.to_crs(32748).area.to_numpy() * 0.6 * floors
    s = (b["TYPE"] == "School").to_numpy()
    np.testing.assert_allclose(out["capacity_persons"].to_numpy()[s], np.floor(fa[s] / 5.0), atol=1.0)
    assert (out["type_key"].to_numpy()[s] == "school").all()  # the partial entry kept the shipped aliases


@pytest.mark.parametrize(
    ("column", "text", "message"),
    [
        ("per_capita_m2", "-1", "the per-capita area must be a number above 0"),
        ("per_capita_m2", "abc", "the per-capita area must be a number above 0"),
        ("effective_ratio", "1.5", "the effective-area ratio must be above 0 and at most 1"),
        ("effective_ratio", "0", "the effective-area ratio must be above 0 and at most 1"),
        ("key", "", "A facility type has no name"),
        ("key", "school", "appears twice"),
    ],
)
def test_bad_values_are_refused_with_a_message(qgis_app, tmp_path, column, text, message):
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    from resilience_plugin.gui.typology_editor import TypologyEditor

    dialog = TypologyEditor(tmp_path / "types.json")
    row = dialog.add_type("casino", {"functions": ["shelter"], "indoor": True})
    assert dialog.error is None
    dialog.set_cell(row, column, text)
    assert dialog.error is not None and message in dialog.error
    assert message in dialog.message.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert dialog.save() is None and not (tmp_path / "types.json").exists()


def test_bad_indoor_area_and_bad_file_refused(qgis_app, run_alg, tmp_path):
    from resilience_plugin.gui.typology_editor import TypologyEditor

    dialog = TypologyEditor(tmp_path / "types.json")
    dialog.medical_m2.setText("0")
    assert "medical_m2" in dialog.error and "above 0" in dialog.error
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"types": {"school": {"functions": ["party"]}}}), encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="Facility type 'school': unknown function 'party'"):
        _run(run_alg, tmp_path, "bad", bad)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="Cannot read the typology file"):
        _run(run_alg, tmp_path, "broken", broken)


def test_reset_and_profile_location(qgis_app, tmp_path):
    from qgis.core import QgsApplication

    from resilience_plugin.core import suitability
    from resilience_plugin.gui.typology_editor import TypologyEditor, user_typology_path

    assert str(user_typology_path()).startswith(QgsApplication.qgisSettingsDirPath())
    path = tmp_path / "types.json"
    path.write_text(
        json.dumps({"types": {"school": {"functions": []}, "casino": {"functions": ["shelter"]}}}), encoding="utf-8"
    )
    dialog = TypologyEditor(path)
    assert dialog.types()["school"]["functions"] == [] and "casino" in dialog.types()
    # source and verified of each default are shown
    from resilience_plugin.gui.typology_editor import COLUMNS

    hotel = dialog.row_of("hotel")
    assert "2023 No. 24" in dialog.table.item(hotel, COLUMNS.index("source")).text()
    dialog.reset()
    shipped = suitability.type_table()["types"]
    assert list(dialog.types()) == list(shipped)
    assert dialog.types()["school"]["functions"] == shipped["school"]["functions"]
    assert dialog.types()["hotel"]["verified"] is True and dialog.types()["school"]["verified"] is False


def test_the_note_on_the_shipped_indoor_areas_follows_the_language(qgis_locale):
    from resilience_plugin.gui.typology_editor import TypologyEditor

    qgis_locale("zh-Hans")
    assert "插件默认值" in TypologyEditor().indoor_note.text()
    qgis_locale("en_US")
    assert "plugin defaults, not from a standard" in TypologyEditor().indoor_note.text()
