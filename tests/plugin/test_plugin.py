"""The plugin shell in (stubbed-interface) QGIS: provider, menu, toolbar, unload, sample data."""

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtWidgets import QToolBar

import resilience_plugin
from resilience_plugin.plugin import MENU_OBJECT_NAME, TOOLBAR_OBJECT_NAME
from tests.conftest import register_provider


def _menus(iface):
    return [a for a in iface.mainWindow().menuBar().actions() if a.menu() is not None and a.menu().objectName() == MENU_OBJECT_NAME]


def _toolbars(iface):
    return [t for t in iface.mainWindow().findChildren(QToolBar) if t.objectName() == TOOLBAR_OBJECT_NAME]


def _load(iface):
    plugin = resilience_plugin.classFactory(iface)
    plugin.initProcessing()
    plugin.initGui()
    return plugin


def test_load_unload_twice_leaves_nothing_behind(qgis_iface, qgis_processing):
    registry = QgsApplication.processingRegistry()
    if registry.providerById("resilience") is not None:  # registered for other tests: take it out first
        registry.removeProvider(registry.providerById("resilience"))
    try:
        for _ in range(2):
            plugin = _load(qgis_iface)
            provider = registry.providerById("resilience")
            assert provider is not None
            assert registry.algorithmById("resilience:classifyhazard") is not None
            menus = _menus(qgis_iface)
            assert len(menus) == 1
            names = [a.objectName() for a in menus[0].menu().actions() if a.objectName()]
            assert "mResilienceAction_classifyhazard" in names and "mResilienceAction_sampledata" in names
            assert len(_toolbars(qgis_iface)) == 1
            assert len(names) == len(set(names))
            plugin.unload()
            assert registry.providerById("resilience") is None
            assert _menus(qgis_iface) == []
            QgsApplication.processEvents()
            assert [t for t in _toolbars(qgis_iface) if t.parent() is not None] == []
    finally:
        register_provider()


def test_initprocessing_twice_registers_one_provider(qgis_iface, qgis_processing):
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("resilience")
    if existing is not None:
        registry.removeProvider(existing)
    plugin = resilience_plugin.classFactory(qgis_iface)
    plugin.initProcessing()
    plugin.initProcessing()
    assert [p.id() for p in registry.providers()].count("resilience") == 1
    plugin.unload()
    register_provider()


def test_load_sample_data_opens_the_project(qgis_iface, qgis_new_project):
    plugin = resilience_plugin.classFactory(qgis_iface)
    assert plugin.load_sample_data()
    layers = {lyr.name(): lyr for lyr in QgsProject.instance().mapLayers().values()}
    assert len(layers) == 9
    assert all(lyr.isValid() for lyr in layers.values())
    roads = next(lyr for name, lyr in layers.items() if name.startswith("Roads"))
    assert roads.featureCount() == 18574
    QgsProject.instance().clear()


def test_all_expected_algorithms_are_registered(provider):
    ids = {a.id() for a in provider.algorithms()}
    assert {"resilience:classifyhazard"} <= ids
    for alg in provider.algorithms():
        assert alg.shortHelpString(), alg.id()
        assert alg.group() and alg.groupId() in {"hazard", "facilities", "lifelines", "maps"}
        for p in alg.parameterDefinitions():
            if not p.isDestination():
                assert p.help(), f"{alg.id()}: parameter {p.name()} has no help text"
