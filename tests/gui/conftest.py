import pytest


@pytest.fixture()
def dialog_for(browser_iface, qgis_processing, provider):
    """dialog_for("resilience:x"): Processing's real algorithm dialog for one of our algorithms (destroyed
    afterwards, on the main thread: see tests.helpers.delete_widgets)."""
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    from qgis.core import QgsApplication

    from tests.helpers import delete_widgets

    made = []

    def make(alg_id):
        dlg = AlgorithmDialog(QgsApplication.processingRegistry().createAlgorithmById(alg_id))
        made.append(dlg)
        return dlg

    yield make
    delete_widgets(made)
