"""The AHP matrix widget and its Processing wrapper (pytest-qgis, headless)."""

import numpy as np
import pytest

from tests.helpers import delete_widgets


@pytest.fixture()
def widget(qgis_app, qgis_processing):
    from resilience_plugin.gui.ahp_matrix_widget import AhpMatrixWidget

    made = [AhpMatrixWidget()]
    yield made[0]
    delete_widgets(made)


def test_reciprocals_and_cr_update_live(widget):
    widget.set_criteria("safety, access, capacity")
    t = widget.table
    assert t.rowCount() == 3 and t.horizontalHeaderItem(0).text() == "safety"
    # only the upper triangle is editable
    from qgis.PyQt.QtCore import Qt

    assert t.item(0, 1).flags() & Qt.ItemFlag.ItemIsEditable
    assert not (t.item(1, 0).flags() & Qt.ItemFlag.ItemIsEditable)
    assert not (t.item(1, 1).flags() & Qt.ItemFlag.ItemIsEditable)
    t.item(0, 1).setText("2")
    t.item(0, 2).setText("4")
    t.item(1, 2).setText("3")
    assert t.item(1, 0).text() == "1/2" and t.item(2, 0).text() == "1/4" and t.item(2, 1).text() == "1/3"
    lam = 1 + (4 / 6) ** (1 / 3) + (6 / 4) ** (1 / 3)
    cr = (lam - 3) / 2 / 0.58
    assert f"CR = {cr:.3f}" in widget.summary.text()
    assert not widget.is_red()
    g = np.array([8.0, 1.5, 1 / 12]) ** (1 / 3)
    assert widget.result.weights == pytest.approx(g / g.sum())
    # cyclic judgements: CR far above 0.10 -> red
    t.item(0, 1).setText("9")
    t.item(0, 2).setText("1/9")
    t.item(1, 2).setText("9")
    assert widget.result.cr > 0.1 and widget.is_red()
    assert widget.values() == ["1", "9", "1/9", "1/9", "1", "9", "9", "1/9", "1"]


def test_bad_entry_is_red(widget):
    widget.set_criteria(["a", "b"])
    widget.table.item(0, 1).setText("0")
    assert widget.is_red() and "must be positive" in widget.summary.text()
    widget.table.item(0, 1).setText("abc")
    assert widget.is_red()


def test_criteria_change_keeps_judgements(widget):
    widget.set_criteria("a,b,c")
    widget.set_judgement(0, 2, "5")
    widget.set_criteria("a,c")
    assert widget.table.item(0, 1).text() == "5"
    assert widget.table.item(1, 0).text() == "1/5"


def test_wrapper_roundtrip(qgis_app, qgis_processing, provider):
    from qgis.core import QgsApplication
    from qgis.PyQt.QtWidgets import QWidget

    alg = QgsApplication.processingRegistry().createAlgorithmById("resilience:ahpweights")
    param = alg.parameterDefinition("MATRIX")
    meta = param.metadata()["widget_wrapper"]["class"]
    module, _, name = meta.rpartition(".")
    import importlib

    cls = getattr(importlib.import_module(module), name)
    dialog = QWidget()
    wrapper = cls(param, dialog)
    # the default criteria of the algorithm fill the table
    assert wrapper.widget.criteria == ["safety", "access", "capacity", "population", "hospital", "lifeline"]
    wrapper.widget.set_criteria("x,y")
    wrapper.setValue(["1", "3", "1/3", "1"])
    assert wrapper.value() == ["1", "3", "1/3", "1"]
    assert wrapper.widget.result.weights == pytest.approx([0.75, 0.25])
    delete_widgets([dialog])


def test_the_algorithm_dialog_uses_the_widget(dialog_for):
    from qgis.core import QgsProcessingContext

    from resilience_plugin.gui.ahp_matrix_widget import AhpMatrixWidget, AhpMatrixWidgetWrapper

    dlg = dialog_for("resilience:ahpweights")
    panel = dlg.mainWidget()
    wrapper = panel.wrappers["MATRIX"]
    assert isinstance(wrapper, AhpMatrixWidgetWrapper) and isinstance(wrapper.widget, AhpMatrixWidget)
    # typing the criteria re-dimensions the matrix; editing the upper triangle fills the parameter
    panel.wrappers["CRITERIA"].setParameterValue("a,b,c", QgsProcessingContext())
    assert wrapper.widget.criteria == ["a", "b", "c"]
    wrapper.widget.set_judgement(0, 1, "3")
    assert dlg.createProcessingParameters()["MATRIX"] == ["1", "3", "1", "1/3", "1", "1", "1", "1", "1"]
