"""The plugin shell in (stubbed-interface) QGIS: provider, menu, toolbar, unload, sample data."""

from qgis.core import QgsApplication, QgsMapLayerType, QgsProject, QgsRectangle
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
    assert len(layers) == 8
    assert all(lyr.isValid() for lyr in layers.values())
    assert not any("MMI" in name for name in layers)  # the West-Java earthquake raster stays out
    roads = next(lyr for name, lyr in layers.items() if name.startswith("Roads"))
    assert roads.featureCount() == 18574
    rasters = [lyr for lyr in layers.values() if lyr.type() == QgsMapLayerType.RasterLayer]
    assert len(rasters) == 3 and all(r.renderer().type() == "singlebandpseudocolor" for r in rasters)
    QgsProject.instance().clear()


def _jakarta_bounds():
    from tests.conftest import SAMPLE
    from tests.helpers import read_gdf

    return read_gdf(SAMPLE / "jakarta.gpkg", layer="kecamatan").total_bounds  # the 42 sub-districts


def test_sample_data_opens_zoomed_to_jakarta(qgis_iface, qgis_new_project):
    xmin, ymin, xmax, ymax = _jakarta_bounds()
    canvas = qgis_iface.mapCanvas()
    canvas.resize(1000, 700)
    canvas.setExtent(QgsRectangle(95, -11, 141, 6))  # all of Indonesia before
    plugin = resilience_plugin.classFactory(qgis_iface)
    assert plugin.load_sample_data()
    shown = canvas.extent()
    assert shown.contains(QgsRectangle(xmin, ymin, xmax, ymax))
    # Jakarta fills the view: at most 1.5 x its size in the direction that fits (the canvas ratio widens the other)
    assert min(shown.width() / (xmax - xmin), shown.height() / (ymax - ymin)) < 1.5
    # and the project file itself carries that view for QGIS (canvas element and default view extent)
    import xml.etree.ElementTree as ET

    from tests.conftest import SAMPLE

    tree = ET.parse(SAMPLE / "jakarta_sample.qgs")
    ext = tree.getroot().find("mapcanvas/extent")
    saved = [float(ext.findtext(k)) for k in ("xmin", "ymin", "xmax", "ymax")]
    assert saved[0] <= xmin and saved[1] <= ymin and saved[2] >= xmax and saved[3] >= ymax
    assert saved[2] - saved[0] < 1.5 * (xmax - xmin)
    QgsProject.instance().clear()


def _answer_the_question(button):
    """Click ``button`` of the message box once it is shown (it runs modally)."""
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication, QMessageBox

    seen = []

    def click():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)
    return seen


def _dirty_project(tmp_path, name="my_plan"):
    from qgis.core import QgsVectorLayer

    project = QgsProject.instance()
    project.clear()
    layer = QgsVectorLayer("Point?crs=EPSG:4326", name, "memory")
    project.addMapLayer(layer)
    project.setDirty(True)  # as QGIS marks a project when the user adds a layer
    return project


def test_sample_data_asks_before_replacing_an_unsaved_project(qgis_iface, qgis_new_project, tmp_path):
    from qgis.PyQt.QtWidgets import QMessageBox

    plugin = resilience_plugin.classFactory(qgis_iface)
    project = _dirty_project(tmp_path)
    seen = _answer_the_question(QMessageBox.StandardButton.Cancel)
    assert plugin.load_sample_data() is False
    assert len(seen) == 1 and "unsaved changes" in seen[0]
    assert [lyr.name() for lyr in project.mapLayers().values()] == ["my_plan"] and project.isDirty()

    seen = _answer_the_question(QMessageBox.StandardButton.Discard)
    assert plugin.load_sample_data() is True
    assert len(seen) == 1 and len(project.mapLayers()) == 8

    # a clean project is replaced without a question
    assert not project.isDirty()
    assert plugin.load_sample_data() is True
    project.clear()


def test_sample_data_saves_the_open_project_first_when_asked(qgis_iface, qgis_new_project, tmp_path):
    from qgis.PyQt.QtWidgets import QMessageBox

    plugin = resilience_plugin.classFactory(qgis_iface)
    project = _dirty_project(tmp_path)
    project.setFileName(str(tmp_path / "my_plan.qgz"))
    seen = _answer_the_question(QMessageBox.StandardButton.Save)
    assert plugin.load_sample_data() is True
    assert len(seen) == 1
    saved = QgsProject()
    assert saved.read(str(tmp_path / "my_plan.qgz"))
    assert [lyr.name() for lyr in saved.mapLayers().values()] == ["my_plan"]
    assert len(project.mapLayers()) == 8
    project.clear()


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
    ("1. Hazard assessment", ["classifyhazard", "hazardoverlay", "exposuresummary", "economicloss", "comparescenarios"]),
    ("2. Dual-use facilities", ["ahpweights", "facilitysuitability", "sheltercoverage", "evacuationplan", "supplyplan",
                                "robustsiting", "lifecircle"]),
    ("3. Lifelines", ["lifelineexposure", "networkcriticality", "towerfailure", "cascade", "restoration"]),
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


def test_a_closed_dialog_is_destroyed_and_no_longer_follows_the_project(browser_iface, qgis_processing, qgis_new_project):
    """A dialog the user closed must not live on hidden, its layer combo boxes and field choosers still
    following the project's layers: QGIS's algorithm dialog deletes itself when it is closed while nothing
    runs (QgsProcessingAlgorithmDialogBase::closeEvent, 3.22 too), and the menu's dialogs must stay so."""
    from qgis.core import QgsVectorLayer
    from qgis.PyQt import sip
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    from tests.conftest import SAMPLE

    buildings = QgsVectorLayer(f"{SAMPLE / 'jakarta.gpkg'}|layername=buildings", "buildings", "ogr")
    assert buildings.isValid()
    QgsProject.instance().addMapLayer(buildings)
    plugin = _fresh_plugin(browser_iface)
    try:
        dialog = plugin.open_algorithm("resilience:classifyhazard")
        assert dialog.isVisible()
        dialog.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert sip.isdeleted(dialog)
        QgsProject.instance().clear()  # nothing of the dialog is left to hear the layers go
        assert plugin.open_algorithm("resilience:classifyhazard").isVisible()  # it opens again
    finally:
        plugin.unload()
        register_provider()
    assert plugin.dialogs == []
