"""Processing widget wrappers with an "Edit…" button that opens one of our editors from the algorithm
dialog, set on a parameter through its metadata (as the AHP matrix widget is):

- ``FragilityFileWrapper``: FRAGILITY_FILE of *Lifeline exposure* -> the fragility library editor;
- ``TypologyFileWrapper``: TYPOLOGY_FILE of *Dual-use facility suitability* -> the typology editor;
- ``HazardThresholdsWrapper``: THRESHOLDS of *Classify hazard* -> the hazard class editor on the
  dialog's INPUT layer (and FIELD, BAND).

The value is the text of the line edit (a path or the thresholds), so the dialog gives the algorithm
exactly what a user would type. An editor opened with an empty file parameter saves to the user file
in the QGIS profile; once saved, its path is put in the parameter.
"""

from pathlib import Path

from qgis.core import QgsApplication, QgsProcessingUtils, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QToolButton, QWidget

from ..i18n import tr
from .wrapper_base import ResilienceWidgetWrapper


def user_fragility_path():
    """The user fragility library in the active QGIS profile (it may not exist yet)."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "resilience_planner" / "fragility.json"


class _EditorWrapper(ResilienceWidgetWrapper):
    """A line edit (with a browse button for files) and an "Edit…" button; subclasses make the editor."""

    BROWSE = True

    def createWidget(self, **_kwargs):  # noqa: N802 - Processing API
        widget = QWidget()
        row = QHBoxLayout(widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit()
        self.line.textChanged.connect(lambda _t: self.widgetValueHasChanged.emit(self))
        row.addWidget(self.line, 1)
        if self.BROWSE:
            browse = QToolButton()
            browse.setText("…")
            browse.setToolTip(tr("Choose a JSON file"))
            browse.clicked.connect(self._browse)
            row.addWidget(browse)
        self.edit_button = QPushButton(tr("Edit…"))
        self.edit_button.clicked.connect(self.open_editor)
        row.addWidget(self.edit_button)
        self._wrappers = {}
        return widget

    def postInitialize(self, wrappers):  # noqa: N802 - Processing API
        self._wrappers = {w.parameterDefinition().name(): w for w in wrappers}

    def _browse(self, _checked=False):
        name, _f = QFileDialog.getOpenFileName(self.widget, tr("Choose a JSON file"), self.line.text(), "JSON (*.json)")
        if name:
            self.line.setText(name)

    def setValue(self, value):  # noqa: N802 - Processing API
        self.line.setText("" if value is None else str(value))

    def value(self):
        text = self.line.text().strip()
        return text or None

    def editor(self):
        """The editor dialog for the current value (None when it cannot open; the tooltip says why)."""
        raise NotImplementedError

    def accept_editor(self, dialog):
        """Take the editor's result into the parameter."""
        if getattr(dialog, "path", None) is not None:
            self.line.setText(str(dialog.path))

    def open_editor(self, _checked=False):
        dialog = self.editor()
        if dialog is not None and dialog.exec():
            self.accept_editor(dialog)
        return dialog


class FragilityFileWrapper(_EditorWrapper):
    def editor(self):
        from .fragility_editor import FragilityEditor

        path = Path(self.value() or user_fragility_path())
        path.parent.mkdir(parents=True, exist_ok=True)
        return FragilityEditor(path, self.widget)


class TypologyFileWrapper(_EditorWrapper):
    def editor(self):
        from .typology_editor import TypologyEditor, user_typology_path

        return TypologyEditor(self.value() or user_typology_path(), self.widget)


class HazardThresholdsWrapper(_EditorWrapper):
    BROWSE = False

    def _param_value(self, name):
        w = self._wrappers.get(name)
        if w is None:
            return None
        return w.parameterValue() if hasattr(w, "parameterValue") else w.value()

    def layer(self):
        """The INPUT layer of the dialog (a project layer, or a file path opened here)."""
        value = self._param_value("INPUT")
        if hasattr(value, "source"):  # a layer object
            return value
        if not value:
            return None
        lyr = QgsProject.instance().mapLayer(str(value)) or QgsProcessingUtils.mapLayerFromString(
            str(value), self._context()
        )
        if lyr is None:
            raster = QgsRasterLayer(str(value), "input")
            lyr = raster if raster.isValid() else None
        return lyr

    def _context(self):
        from qgis.core import QgsProcessingContext

        ctx = QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        self._ctx = ctx  # layers loaded from strings live as long as the wrapper
        return ctx

    def editor(self):
        from .hazard_class_editor import HazardClassEditor

        lyr = self.layer()
        field = self._param_value("FIELD") or None
        if lyr is None or (isinstance(lyr, QgsVectorLayer) and not field):
            self.edit_button.setToolTip(tr("Choose the hazard layer (and, for polygons, its value field) first."))
            return None
        band = int(self._param_value("BAND") or 1) if isinstance(lyr, QgsRasterLayer) else 1
        return HazardClassEditor(lyr, field, self.value() or "", self.widget, band=band)

    def accept_editor(self, dialog):
        if dialog.thresholds():
            self.line.setText(dialog.thresholds())
