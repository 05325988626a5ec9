"""The QGIS-facing shell: menu, toolbar, Processing provider and translator."""

from functools import partial

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsProject
from qgis.gui import QgsMessageBarItem
from qgis.PyQt import sip
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu, QMessageBox, QPushButton

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
        self.dialogs = []  # non-modal dialogs stay referenced while open
        self._dependency_message = None
        self.workbench = None  # the Resilience assessment dock, made when first opened
        self.translator = install_translator()
        self.dependency_problems = missing_dependencies()

    # --- Processing -----------------------------------------------------------------------
    def initProcessing(self):  # noqa: N802 - QGIS API
        if self.provider is not None:
            return
        if self.dependency_problems:
            # The toolbox still shows the provider, with one entry that says what is missing and how to
            # install it; the log says the same.
            from .processing.missing_provider import MissingDependenciesProvider

            QgsMessageLog.logMessage(advice(self.dependency_problems, tr), tr("Resilience Planner"), Qgis.MessageLevel.Critical)
            self.provider = MissingDependenciesProvider(self.dependency_problems)
        else:
            from .processing.provider import ResilienceProvider

            self.provider = ResilienceProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    # --- GUI ------------------------------------------------------------------------------
    def initGui(self):  # noqa: N802 - QGIS API
        self.initProcessing()
        main_window = self.iface.mainWindow()
        self.menu = QMenu(tr("&Resilience"), main_window)
        self.menu.setObjectName(MENU_OBJECT_NAME)
        self.toolbar = self.iface.addToolBar(tr("Resilience Planner"))
        self.toolbar.setObjectName(TOOLBAR_OBJECT_NAME)

        self._add_algorithm_menus(main_window)
        self.menu.addSeparator()
        self._add_workbench_action(main_window)
        packages = QAction(QIcon(str(resource_path("icons", "resilience.svg"))), tr("Python packages…"), main_window)
        packages.setObjectName("mResilienceAction_dependencies")
        packages.setToolTip(tr("Which Python packages the analyses need, and how to install missing ones"))
        packages.triggered.connect(self.show_dependencies)
        # Without the packages the toolbar holds this one action, not an empty strip.
        self._add(packages, toolbar=bool(self.dependency_problems))
        sample = QAction(QIcon(str(resource_path("icons", "sample_data.svg"))), tr("Load sample data (Jakarta)"), main_window)
        sample.setObjectName("mResilienceAction_sampledata")
        sample.triggered.connect(self.load_sample_data)
        self._add(sample, toolbar=False)
        if self.dependency_problems:
            self._push_dependency_message()

        menubar = main_window.menuBar()
        help_menu = next((a for a in menubar.actions() if a.menu() is not None and a.menu().objectName() == "mHelpMenu"), None)
        if help_menu is not None:
            menubar.insertMenu(help_menu, self.menu)
        else:
            menubar.addMenu(self.menu)

    def _add_algorithm_menus(self, main_window):
        """One submenu per group in workflow order (灾害评估 → 平急两用设施 → 生命线 → 图件), the toolbar likewise."""
        if self.provider is None or self.dependency_problems:
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
        # Algorithm dialogs point at the provider's algorithms: delete them now, before the provider goes
        # (a dialog left to its parent would be destroyed later, after its algorithm; QGIS 3.40 crashes then).
        for dialog in self.dialogs:
            if not sip.isdeleted(dialog):
                dialog.close()
                sip.delete(dialog)
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
        if self._dependency_message is not None:
            self.iface.messageBar().popWidget(self._dependency_message[0])
            self._dependency_message = None
        self._remove_workbench()
        remove_translator(self.translator)
        self.translator = None

    # --- actions --------------------------------------------------------------------------
    def _push_dependency_message(self):
        names = ", ".join(f.module for f in self.dependency_problems)
        button = QPushButton(tr("How to install…"))
        button.setObjectName("mResilienceDependenciesButton")
        button.clicked.connect(self.show_dependencies)
        text = tr("Missing Python packages: {names}").format(names=names)
        item = QgsMessageBarItem(tr("Resilience Planner"), text, button, Qgis.MessageLevel.Critical, 0)
        self._dependency_message = (item, button)  # the item does not take the button from Python
        self.iface.messageBar().pushItem(item)
        return item

    # --- the assessment workbench (gui/workbench) -------------------------------------------------
    def _add_workbench_action(self, main_window):
        action = QAction(QIcon(str(resource_path("icons", "resilience.svg"))), tr("Resilience assessment panel…"), main_window)
        action.setObjectName("mResilienceAction_workbench")
        action.setToolTip(tr("The guided assessment: study, steps in planning order, key numbers, maps and tables"))
        action.triggered.connect(self.show_workbench)
        self._add(action, toolbar=False)

    def show_workbench(self, _checked=False):
        if self.dependency_problems:
            return self.show_dependencies()
        if self.workbench is None:
            from .gui.workbench.dock import WorkbenchDock

            self.workbench = WorkbenchDock(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.workbench)
        self.workbench.show()
        self.workbench.raise_()
        return self.workbench

    def _remove_workbench(self):
        if self.workbench is not None:
            self.workbench.cancel()
            self.workbench.disconnect_project()
            self.iface.removeDockWidget(self.workbench)
            self.workbench.deleteLater()
            self.workbench = None

    def show_dependencies(self, _checked=False):
        from .gui.dependencies_dialog import DependenciesDialog

        dialog = DependenciesDialog(parent=self.iface.mainWindow())
        self.dialogs = [d for d in self.dialogs if _alive(d)] + [dialog]
        dialog.show()
        return dialog

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
