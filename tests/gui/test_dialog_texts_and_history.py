"""What real QGIS under Xvfb showed (scripts/gui_check.py) and a headless test can hold:

- the labels of our wrapped parameters get QGIS's own translated " [optional]" (it stayed English in a
  Chinese QGIS while every other parameter had "[可选]");
- our dialogs' standard buttons are in Chinese without Qt's own catalogues;
- a recorded run is in QGIS's History registry (3.24 and later) in the form its Processing history view
  reads, or in Processing's log (3.22)."""

from pathlib import Path

import pytest

from tests.helpers import delete_widgets

ROOT = Path(__file__).resolve().parents[2]
JAKARTA = ROOT / "resources" / "sample_data" / "jakarta.gpkg"
DEPTH = ROOT / "resources" / "sample_data" / "flood_current_depth.tif"


@pytest.fixture()
def qgis_chinese(qgis_app):
    """QGIS's own zh-Hans catalogue installed, as QGIS does for a Chinese interface."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    qm = Path(QgsApplication.i18nPath()) / "qgis_zh-Hans.qm"
    if not qm.is_file():
        pytest.skip(f"QGIS's Chinese catalogue is not installed ({qm})")
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize(
    ("alg_id", "name"),
    [
        ("resilience:classifyhazard", "FIELD"),  # our field chooser
        ("resilience:classifyhazard", "THRESHOLDS"),  # "Edit…" wrappers
        ("resilience:facilitysuitability", "TYPOLOGY_FILE"),
        ("resilience:lifelineexposure", "FRAGILITY_FILE"),
    ],
)
def test_optional_suffix_of_our_wrappers_is_qgis_translated_one(qgis_chinese, dialog_for, alg_id, name):
    from qgis.PyQt.QtCore import QCoreApplication

    suffix = QCoreApplication.translate("WidgetWrapper", " [optional]")
    assert suffix.strip() == "[可选]"  # what QGIS's catalogue gives every other optional parameter
    dlg = dialog_for(alg_id)
    wrapper = dlg.mainWidget().wrappers[name]
    assert wrapper.parameterDefinition().flags() & wrapper.parameterDefinition().Flag.FlagOptional
    assert wrapper.label.text().endswith(suffix), wrapper.label.text()


def test_editor_buttons_are_translated_without_qt_catalogues(qgis_app, qgis_new_project, tmp_path):
    from qgis.core import QgsProject, QgsRasterLayer

    from resilience_plugin import i18n
    from resilience_plugin.gui.buttons import Button
    from resilience_plugin.gui.fragility_editor import FragilityEditor
    from resilience_plugin.gui.hazard_class_editor import HazardClassEditor
    from resilience_plugin.gui.typology_editor import TypologyEditor

    raster = QgsRasterLayer(str(DEPTH), "depth")
    QgsProject.instance().addMapLayer(raster)
    translator = i18n.install_translator("zh_CN")
    try:
        assert translator is not None
        typology = TypologyEditor(tmp_path / "types.json")
        fragility = FragilityEditor(tmp_path / "curves.json")
        classes = HazardClassEditor(raster, None, "0.1,0.5")
        texts = {
            "typology": [typology.buttons.button(b).text() for b in (Button.Save, Button.Cancel)],
            "fragility": [fragility.buttons.button(b).text() for b in (Button.Save, Button.Cancel)],
            "classes": [classes.buttons.button(b).text() for b in (Button.Ok, Button.Cancel)],
        }
    finally:
        i18n.remove_translator(translator)
    assert texts == {"typology": ["保存", "取消"], "fragility": ["保存", "取消"], "classes": ["确定", "取消"]}
    delete_widgets([typology, fragility, classes])


def test_a_recorded_run_is_in_the_history_qgis_shows(qgis_app, qgis_processing, provider, qgis_new_project, tmp_path):
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProject

    from resilience_plugin import compat

    alg = QgsApplication.processingRegistry().createAlgorithmById("resilience:classifyhazard")
    out = str(tmp_path / "zones.gpkg")
    params = {"INPUT": str(DEPTH), "THRESHOLDS": "0.1,0.5,1.0,2.0", "OUTPUT": out}
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    before = len(compat.history_commands())
    assert compat.record_history(alg, params, context)
    new = compat.history_commands()[before:]
    assert len(new) == 1 and new[0].startswith('processing.run("resilience:classifyhazard"') and out in new[0]
    if compat.QGIS_VERSION_INT < 32400:
        from processing.core.ProcessingLog import ProcessingLog

        assert ProcessingLog.getLogEntries()[-1].text == new[0]  # what Processing > History lists on 3.22
        return
    from qgis.gui import QgsGui, QgsHistoryWidgetContext
    from qgis.PyQt.QtCore import Qt

    registry = QgsGui.historyProviderRegistry()
    entry = registry.queryEntries(providerId="processing")[-1]
    assert entry.providerId == "processing" and entry.entry["algorithm_id"] == "resilience:classifyhazard"
    # the history view describes a run by parameters["inputs"] and offers the qgis_process command
    assert entry.entry["parameters"]["inputs"]["THRESHOLDS"] == "0.1,0.5,1.0,2.0"
    assert entry.entry["parameters"]["inputs"]["OUTPUT"] == out
    assert "resilience:classifyhazard" in entry.entry["process_command"]
    # QGIS's own Processing history provider turns it into the row the History dialog shows
    history = registry.providerById("processing")
    assert history is not None
    node = history.createNodeForEntry(entry, QgsHistoryWidgetContext())
    text = node.data(Qt.ItemDataRole.DisplayRole)
    assert alg.displayName() in text and "0.1,0.5,1.0,2.0" in text, text
