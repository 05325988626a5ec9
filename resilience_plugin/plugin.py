"""The QGIS-facing shell: menu, toolbar, Processing provider and translator."""

from functools import partial

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsProject
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu, QMessageBox

from .dependencies import advice, missing_dependencies
from .i18n import install_translator, remove_translator, tr
from .paths import resource_path

MENU_OBJECT_NAME = "mResiliencePlannerMenu"
TOOLBAR_OBJECT_NAME = "mResiliencePlannerToolBar"
SAMPLE_PROJECT = ("sample_data", "jakarta_sample.qgs")


def _alive(widget):
    try:
        return widget.isVisible()
    except RuntimeError:  # the C++ dialog is already gone
        return False


class ResiliencePlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.menu = None
        self.toolbar = None
        self.actions = []
        self.dialogs = []
        self.translator = install_translator()
        self.dependency_problems = missing_dependencies()

    # --- Processing -----------------------------------------------------------------------
    def initProcessing(self):  # noqa: N802 - QGIS API
        if self.provider is not None:
            return
        if self.dependency_problems:
            QgsMessageLog.logMessage(advice(self.dependency_problems), tr("Resilience Planner"), Qgis.MessageLevel.Critical)
            return
        from .processing.provider import ResilienceProvider

        self.provider = ResilienceProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    # --- GUI ------------------------------------------------------------------------------
    def initGui(self):  # noqa: N802 - QGIS API
        self.initProcessing()
        main_window = self.iface.mainWindow()
        if self.dependency_problems:
            self.iface.messageBar().pushCritical(tr("Resilience Planner"), advice(self.dependency_problems))
        self.menu = QMenu(tr("&Resilience"), main_window)
        self.menu.setObjectName(MENU_OBJECT_NAME)
        self.toolbar = self.iface.addToolBar(tr("Resilience Planner"))
        self.toolbar.setObjectName(TOOLBAR_OBJECT_NAME)

        self._add_algorithm_menus(main_window)
        self.menu.addSeparator()
        sample = QAction(QIcon(str(resource_path("icons", "sample_data.svg"))), tr("Load sample data (Jakarta)"), main_window)
        sample.setObjectName("mResilienceAction_sampledata")
        sample.triggered.connect(self.load_sample_data)
        self._add(sample, toolbar=False)

        menubar = main_window.menuBar()
        help_menu = next((a for a in menubar.actions() if a.menu() is not None and a.menu().objectName() == "mHelpMenu"), None)
        if help_menu is not None:
            menubar.insertMenu(help_menu, self.menu)
        else:
            menubar.addMenu(self.menu)

    def _add_algorithm_menus(self, main_window):
        """One submenu per group in workflow order (灾害评估 → 平急两用设施 → 生命线 → 图件), the toolbar likewise."""
        if self.provider is None:
            return
        from .processing.base import group_name, workflow_order

        for index, (group_id, algorithms) in enumerate(workflow_order(self.provider.algorithms())):
            submenu = self.menu.addMenu(algorithms[0].icon(), group_name(group_id))
            submenu.setObjectName(f"mResilienceMenu_{group_id}")
            if index:
                self.toolbar.addSeparator()
            for alg in algorithms:
                action = QAction(alg.icon(), alg.displayName() + "…", main_window)
                action.setObjectName(f"mResilienceAction_{alg.name()}")
                action.setToolTip(alg.displayName())
                action.triggered.connect(partial(self.open_algorithm, alg.id()))
                submenu.addAction(action)
                self.toolbar.addAction(action)
                self.actions.append(action)

    def _add(self, action, toolbar):
        self.menu.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)

    def unload(self):
        for action in self.actions:
            action.deleteLater()
        self.actions = []
        for dialog in self.dialogs:
            if _alive(dialog):
                dialog.close()
        self.dialogs = []
        if self.menu is not None:
            self.menu.menuAction().setVisible(False)
            menubar = self.iface.mainWindow().menuBar()
            menubar.removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.toolbar.setParent(None)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator(self.translator)
        self.translator = None

    # --- actions --------------------------------------------------------------------------
    def open_algorithm(self, alg_id, _checked=False):
        """Open the algorithm's dialog without blocking QGIS, so the map stays usable meanwhile."""
        import processing

        dialog = processing.createAlgorithmDialog(alg_id, {})
        if dialog is None:
            return None
        self.dialogs = [d for d in self.dialogs if _alive(d)] + [dialog]  # a reference keeps the dialog open
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def load_sample_data(self):
        """Open the Jakarta sample project on its saved view, after asking about unsaved changes."""
        path = resource_path(*SAMPLE_PROJECT)
        if not path.is_file():
            self.iface.messageBar().pushWarning(tr("Resilience Planner"), tr("The sample project is missing: {path}").format(path=path))
            return False
        if not self.may_replace_project():
            return False
        project = QgsProject.instance()
        ok = project.read(str(path))
        if not ok:
            self.iface.messageBar().pushWarning(tr("Resilience Planner"), tr("Could not open the sample project {path}").format(path=path))
            return False
        view = project.viewSettings().defaultViewExtent()
        canvas = self.iface.mapCanvas()
        if canvas is not None and not view.isNull():
            canvas.setReferencedExtent(view)
            canvas.refresh()
        return ok

    def may_replace_project(self):
        """True when the open project may be replaced: it has no unsaved changes, or the user saved
        them or chose to discard them. Cancel (or a failed save) keeps the project open."""
        project = QgsProject.instance()
        if not project.isDirty():
            return True
        buttons = QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        box = QMessageBox(QMessageBox.Icon.Question, tr("Load sample data (Jakarta)"),
                          tr("The current project has unsaved changes. Save them before the sample project replaces it?"),
                          buttons, self.iface.mainWindow())
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setObjectName("mResilienceSaveBeforeSample")
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Discard:
            return True
        if answer != QMessageBox.StandardButton.Save:
            return False
        save = getattr(self.iface, "actionSaveProject", None)
        if save is not None:  # QGIS's own Save (asks for a file name when the project has none)
            save().trigger()
        elif project.fileName():
            project.write()
        return not project.isDirty()
