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


@pytest.fixture()
def raster_project(browser_iface, qgis_new_project, provider):
    """A project that holds only a raster (a flood depth grid): the layer a map-layer input offers first."""
    from qgis.core import QgsRasterLayer

    from tests.conftest import SAMPLE

    plugin = resilience_plugin.classFactory(browser_iface)
    depth = QgsRasterLayer(str(SAMPLE / "flood_current_depth.tif"), "flood depth")
    assert depth.isValid()
    QgsProject.instance().addMapLayer(depth)
    yield plugin
    for dialog in plugin.dialogs:
        dialog.close()
        sip.delete(dialog)
    plugin.dialogs = []
    QgsApplication.processEvents()
    QgsProject.instance().clear()


@pytest.mark.parametrize("alg", ["classifyhazard", "exposuresummary", "facilitysuitability", "sheltercoverage",
                                 "evacuationplan", "networkcriticality"])
def test_dialog_opens_with_a_raster_in_its_layer_inputs(raster_project, alg):
    # QGIS's field widget crashed QGIS (3.22 and 3.40) when the layer its field belongs to was a raster
    dialog = raster_project.open_algorithm(f"resilience:{alg}")
    for _ in range(5):
        QgsApplication.processEvents()
    assert dialog.isVisible()
    register_provider()


def test_no_field_hangs_on_a_layer_input_that_may_be_a_raster(provider):
    from qgis.core import QgsProcessingParameterField, QgsProcessingParameterMapLayer

    for alg in provider.algorithms():
        params = {p.name(): p for p in alg.parameterDefinitions()}
        for p in params.values():
            if isinstance(p, QgsProcessingParameterField) and p.parentLayerParameterName():
                parent = params[p.parentLayerParameterName()]
                assert not isinstance(parent, QgsProcessingParameterMapLayer), (alg.id(), p.name())
