"""The fragility library editor: bad curves are refused with the message Lifeline exposure gives, the plot
follows the curve, and the saved user library is what lifelineexposure reads (checked on a real run)."""

import json

import numpy as np
import pytest
from scipy.stats import norm

from tests.conftest import DATA


def lognormal_curve(curve_id, theta=(0.2, 0.6), beta=(0.5, 0.4), **extra):
    """A road flood-depth lognormal curve of the editor's table (two damage states, the second fails)."""
    return {"id": curve_id, "asset_type": "road", "intensity_measure": "flood_depth", "unit": "m", "form": "lognormal",
            "theta": list(theta), "beta": list(beta), "fail_state": 1, "source": "test", "verified": False, **extra}


def threshold_curve(curve_id, threshold):
    """A road flood-depth threshold rule: fails where the depth exceeds ``threshold`` metres."""
    return {"id": curve_id, "asset_type": "road", "intensity_measure": "flood_depth", "unit": "m", "form": "threshold",
            "threshold": threshold, "source": "test", "verified": False}


def test_a_valid_curve_is_plotted_and_saved(qgis_app, tmp_path):
    from resilience_plugin.gui.fragility_editor import FragilityEditor

    dialog = FragilityEditor()
    row = dialog.add_curve(lognormal_curve("my_road_flood"))
    dialog.table.setCurrentCell(row, 0)
    assert dialog.error is None and "valid" in dialog.message.text()
    im, probs = dialog.plot.series()
    assert len(probs) == 2
    i = int(np.argmin(np.abs(im - 0.4)))
    assert probs[0][i] == pytest.approx(norm.cdf(np.log(im[i] / 0.2) / 0.5), abs=1e-9)
    assert probs[1][i] == pytest.approx(norm.cdf(np.log(im[i] / 0.6) / 0.4), abs=1e-9)
    path = dialog.save(tmp_path / "user_fragility.json")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == {"curves": [lognormal_curve("my_road_flood")]}
    reopened = FragilityEditor(path)
    assert reopened.curves() == saved["curves"]


@pytest.mark.parametrize(
    ("column", "text", "message"),
    [
        ("theta", "0.2, -1", "every median theta must be > 0"),
        ("beta", "0.5", "theta and beta need one value per damage state"),
        ("theta", "0.2, abc", "'theta' must hold numbers"),
        ("fail_state", "5", "fail_state must be a damage-state index"),
    ],
)
def test_bad_curves_are_refused_with_a_message(qgis_app, column, text, message):
    from qgis.PyQt.QtWidgets import QDialogButtonBox, QTableWidgetItem

    from resilience_plugin.gui.fragility_editor import COLUMNS, FragilityEditor

    dialog = FragilityEditor()
    row = dialog.add_curve(lognormal_curve("c1"))
    assert dialog.error is None
    dialog.table.setItem(row, COLUMNS.index(column), QTableWidgetItem(text))
    assert message in dialog.error and message in dialog.message.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert dialog.save("/nonexistent/never.json") is None


def test_the_saved_library_is_what_lifeline_exposure_reads(run_alg, tmp_path):
    """A threshold rule at 0.05 m instead of the shipped 0.3 m: more roads fail, exactly those deeper than 0.05 m."""
    from resilience_plugin.gui.fragility_editor import FragilityEditor
    from tests.helpers import read_gdf

    dialog = FragilityEditor()
    dialog.add_curve(threshold_curve("strict_road_flood", 0.05))
    path = dialog.save(tmp_path / "strict.json")
    roads = f"{DATA / 'inasafe_samples.gpkg'}|layername=roads"
    depth = str(DATA.parent.parent / "resources" / "sample_data" / "flood_current_depth.tif")
    outs = {}
    for name, extra in (("shipped", {}), ("user", {"FRAGILITY_FILE": str(path)})):
        out = tmp_path / f"{name}.gpkg"
        run_alg(
            "lifelineexposure",
            {
                "LIFELINES": roads,
                "ASSET_TYPE": "road",
                "INTENSITY": depth,
                "INTENSITY_MEASURE": 0,
                **extra,
                "OUTPUT": str(out),
                "OUTPUT_TABLE": str(tmp_path / f"{name}_t.gpkg"),
            },
        )
        outs[name] = read_gdf(out)
    user, shipped = outs["user"], outs["shipped"]
    has = user["max_intensity"].notna()
    assert (user.loc[has, "p_fail"] == (user.loc[has, "max_intensity"] > 0.05).astype(float)).all()
    assert (shipped.loc[has, "p_fail"] == (shipped.loc[has, "max_intensity"] > 0.3).astype(float)).all()
    assert user["p_fail"].sum() > shipped["p_fail"].sum()


def test_one_bad_curve_does_not_hide_the_plot_of_a_good_one(qgis_app):
    from resilience_plugin.gui.fragility_editor import FragilityEditor

    dialog = FragilityEditor()
    good = dialog.add_curve(threshold_curve("good", 0.3))
    dialog.add_curve(lognormal_curve("bad", theta=(6, -12), beta=(0.7, 0.7), intensity_measure="pgd", unit="in"))
    assert "bad" in dialog.error
    dialog.table.setCurrentCell(good, 0)
    im, probs = dialog.plot.series()
    assert len(probs) == 1 and (probs[0] == (im > 0.3)).all()
