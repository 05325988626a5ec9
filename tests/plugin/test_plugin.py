"""The plugin shell in (stubbed-interface) QGIS: provider, menu, toolbar, unload, sample data."""

import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtWidgets import QToolBar

import resilience_plugin
from resilience_plugin.plugin import MENU_OBJECT_NAME, TOOLBAR_OBJECT_NAME
from tests.conftest import register_provider


def _menus(iface):
    return [a for a in iface.mainWindow().menuBar().actions() if a.menu() is not None and a.menu().objectName() == MENU_OBJECT_NAME]


def _toolbars(iface):
    return [t for t in iface.mainWindow().findChildren(QToolBar) if t.objectName() == TOOLBAR_OBJECT_NAME]


def _all_actions(menu):
    for action in menu.actions():
        yield action
        if action.menu() is not None:
            yield from _all_actions(action.menu())


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
            names = [a.objectName() for a in _all_actions(menus[0].menu()) if a.objectName()]
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


WORKFLOW_EN = [
    ("1. Hazard assessment", ["classifyhazard", "hazardoverlay", "exposuresummary"]),
    ("2. Dual-use facilities", ["ahpweights", "facilitysuitability", "sheltercoverage"]),
    ("3. Lifelines", ["lifelineexposure", "networkcriticality"]),
    ("4. Maps and styles", ["applystyle", "exportplanmap"]),
]


def _fresh_plugin(iface):
    registry = QgsApplication.processingRegistry()
    if registry.providerById("resilience") is not None:
        registry.removeProvider(registry.providerById("resilience"))
    return _load(iface)


def test_menu_and_toolbar_follow_the_planning_workflow(qgis_iface, qgis_processing):
    plugin = _fresh_plugin(qgis_iface)
    try:
        menu = _menus(qgis_iface)[0].menu()
        submenus = [(a.text(), [b.objectName().removeprefix("mResilienceAction_") for b in a.menu().actions()])
                    for a in menu.actions() if a.menu() is not None]
        assert submenus == WORKFLOW_EN
        toolbar = _toolbars(qgis_iface)[-1]
        on_toolbar = [a.objectName().removeprefix("mResilienceAction_") for a in toolbar.actions() if not a.isSeparator()]
        assert on_toolbar == [alg for _, algs in WORKFLOW_EN for alg in algs]
        assert sum(a.isSeparator() for a in toolbar.actions()) == 3  # between the four steps
        assert menu.actions()[-1].objectName() == "mResilienceAction_sampledata"
    finally:
        plugin.unload()
        register_provider()


def _toolbox_groups():
    """Group names of our provider as the Processing Toolbox shows them, top to bottom."""
    from qgis.gui import QgsProcessingToolboxProxyModel

    model = QgsProcessingToolboxProxyModel(None, QgsApplication.processingRegistry())
    model.sort(0)
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if model.data(index) == QgsApplication.processingRegistry().providerById("resilience").name():
            return [model.data(model.index(r, 0, index)) for r in range(model.rowCount(index))]
    raise AssertionError("provider not in the toolbox")


def test_toolbox_groups_in_workflow_order_in_english_and_chinese(qgis_iface, qgis_processing):
    from resilience_plugin import i18n

    assert _toolbox_groups_for(None) == [name for name, _ in WORKFLOW_EN]
    translator = i18n.install_translator("zh-Hans")
    try:
        # alphabetical (pinyin) order would be 平急, 生命线, 图件, 灾害: the step numbers keep the workflow
        assert _toolbox_groups_for(translator) == ["1. 灾害评估", "2. 平急两用设施", "3. 生命线工程", "4. 图件与样式"]
    finally:
        i18n.remove_translator(translator)
        _toolbox_groups_for(None)


def _toolbox_groups_for(_translator):
    registry = QgsApplication.processingRegistry()
    if registry.providerById("resilience") is not None:
        registry.removeProvider(registry.providerById("resilience"))
    register_provider()  # group names are read when the provider's algorithms load
    return _toolbox_groups()


@pytest.fixture()
def browser_iface(qgis_iface):
    """pytest-qgis's interface lacks browserModel(), which Processing's parameter panel asks for: give it
    QGIS's real browser model, as the QGIS application does."""
    from qgis.gui import QgsBrowserGuiModel

    model = QgsBrowserGuiModel()
    if not hasattr(qgis_iface, "browserModel"):
        qgis_iface.browserModel = lambda: model
    yield qgis_iface


def test_menu_opens_dialogs_without_blocking_qgis(browser_iface, qgis_processing):
    plugin = _fresh_plugin(browser_iface)
    try:
        action = next(a for a in _all_actions(_menus(browser_iface)[0].menu()) if a.objectName() == "mResilienceAction_classifyhazard")
        action.trigger()  # returns at once: a modal exec() would block this test
        assert len(plugin.dialogs) == 1
        dialog = plugin.dialogs[0]
        assert dialog.isVisible() and not dialog.isModal()
        assert dialog.algorithm().id() == "resilience:classifyhazard"
        second = plugin.open_algorithm("resilience:exportplanmap")
        assert second.isVisible() and dialog.isVisible() and len(plugin.dialogs) == 2
    finally:
        plugin.unload()
        register_provider()
    assert plugin.dialogs == []
