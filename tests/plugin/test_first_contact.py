"""What a new user meets first: every algorithm dialog opens on the sample project without a warning,
and the defaults say what they do."""

import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt import sip

import resilience_plugin
from resilience_plugin.processing.base import WORKFLOW
from tests.conftest import register_provider

# every algorithm of the menu, in workflow order
ALGORITHMS = [name for names in WORKFLOW.values() for name in names]


@pytest.fixture()
def sample_project(browser_iface, qgis_new_project, provider):
    plugin = resilience_plugin.classFactory(browser_iface)
    assert plugin.load_sample_data()
    yield plugin
    for dialog in plugin.dialogs:  # deleted before any provider change (they point at its algorithms)
        dialog.close()
        sip.delete(dialog)
    plugin.dialogs = []
    QgsApplication.processEvents()
    QgsProject.instance().clear()


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_dialog_opens_on_the_sample_without_a_warning(sample_project, alg):
    dialog = sample_project.open_algorithm(f"resilience:{alg}")
    for _ in range(5):
        QgsApplication.processEvents()
    warnings = [item.text() for item in dialog.messageBar().items()]
    assert warnings == []
    register_provider()
