"""The pairwise comparison matrix editor of the AHP weights dialog.

``AhpMatrixWidget``: an n x n table named after the criteria. Only the upper triangle is edited
(1/9 ... 9, fractions such as 1/3 accepted); the diagonal is 1 and the lower triangle shows the
reciprocals. Under the table the weights, lambda max, CI and CR update as you type; the summary turns
red when CR >= 0.10 or an entry is invalid.

``AhpMatrixWidgetWrapper``: the Processing widget wrapper set on the MATRIX parameter through its
metadata (``{"widget_wrapper": {"class": "resilience_plugin.gui.ahp_matrix_widget.AhpMatrixWidgetWrapper"}}``).
It follows the CRITERIA parameter of the same dialog and gives the full matrix row by row.
"""

import numpy as np
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ..core import ahp
from ..core.errors import InputError
from ..i18n import tr
from .wrapper_base import ResilienceWidgetWrapper

RED = "#c0392b"
GREEN = "#1e8449"


def format_value(v):
    """1/3 for reciprocals of whole numbers, whole numbers plainly, else 3 decimals."""
    if not np.isfinite(v) or v <= 0:
        return "?"
    if abs(v - round(v)) < 1e-6:
        return str(int(round(v)))
    inv = 1.0 / v
    if abs(inv - round(inv)) < 1e-3:
        return f"1/{int(round(inv))}"
    return f"{v:.3f}"


class AhpMatrixWidget(QWidget):
    """Edit the upper triangle of an AHP comparison matrix; see the module doc."""

    valuesChanged = pyqtSignal()  # noqa: N815 - Qt signal naming

    def __init__(self, parent=None):
        super().__init__(parent)
        self.criteria = []
        self._judgements = {}  # (name_i, name_j) -> text, i above j
        self._updating = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 0, self)
        self.table.setToolTip(tr("Edit the cells above the diagonal: how much more important the row criterion is than the column criterion (1/9 ... 9)."))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        self.table.itemChanged.connect(self._on_item_changed)
        self.result = None
        self.error = None
        self._refresh()

    # --- model ------------------------------------------------------------------------------
    def set_criteria(self, names):
        """Set the criteria (a list or comma-separated text); judgements of kept pairs are kept."""
        if isinstance(names, str):
            try:
                names = ahp.parse_criteria(names)
            except InputError:
                names = []
        names = list(names)
        if names == self.criteria:
            return
        self.criteria = names
        n = len(names)
        self._updating = True
        self.table.clear()
        self.table.setRowCount(n)
        self.table.setColumnCount(n)
        self.table.setHorizontalHeaderLabels(names)
        self.table.setVerticalHeaderLabels(names)
        for i in range(n):
            for j in range(n):
                item = QTableWidgetItem()
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if i < j:
                    item.setText(self._judgements.get((names[i], names[j]), "1"))
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable)
                else:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    item.setBackground(QBrush(QColor("#eeeeee")))
                self.table.setItem(i, j, item)
        self._updating = False
        self._refresh()

    def set_judgement(self, i, j, text):
        """Set the entry (i, j) of the upper triangle (i < j) as the user would type it."""
        if i > j:
            i, j = j, i
            text = format_value(1.0 / ahp.parse_value(text))
        self.table.item(i, j).setText(str(text))

    def upper_texts(self):
        n = len(self.criteria)
        return [self.table.item(i, j).text() for i in range(n) for j in range(i + 1, n)]

    def matrix(self):
        """The full matrix as floats (NaN where an entry cannot be read)."""
        n = len(self.criteria)
        a = np.ones((n, n))
        for i in range(n):
            for j in range(i + 1, n):
                try:
                    v = ahp.parse_value(self.table.item(i, j).text())
                except (ValueError, ZeroDivisionError):
                    v = np.nan
                a[i, j] = v
                a[j, i] = 1.0 / v if np.isfinite(v) and v != 0 else np.nan
        return a

    def values(self):
        """The full matrix row by row as text (upper triangle as typed, reciprocals as 1/x)."""
        n = len(self.criteria)
        out = []
        for i in range(n):
            for j in range(n):
                if i == j:
                    out.append("1")
                elif i < j:
                    out.append(self.table.item(i, j).text().strip())
                else:
                    out.append(self.table.item(i, j).text())
        return out

    def set_values(self, values):
        """Fill the upper triangle from a full matrix (flat row by row, or nested)."""
        n = len(self.criteria)
        if not n or values is None:
            return
        flat = []
        for v in values:
            flat.extend(v if isinstance(v, (list, tuple)) else [v])
        if len(flat) != n * n:
            return
        for i in range(n):
            for j in range(i + 1, n):
                self.table.item(i, j).setText(str(flat[i * n + j]))

    # --- view -------------------------------------------------------------------------------
    def _on_item_changed(self, item):
        if self._updating:
            return
        i, j = item.row(), item.column()
        if i < j and i < len(self.criteria) and j < len(self.criteria):
            self._judgements[(self.criteria[i], self.criteria[j])] = item.text()
        self._refresh()

    def _refresh(self):
        n = len(self.criteria)
        self._updating = True
        a = self.matrix() if n else np.ones((0, 0))
        for i in range(n):
            for j in range(i):
                self.table.item(i, j).setText(format_value(a[i, j]) if i != j else "1")
            self.table.item(i, i).setText("1")
        self._updating = False
        self.result, self.error = None, None
        if n == 0:
            self.summary.setText(tr("Enter the criteria first (CRITERIA)."))
            self.summary.setStyleSheet("")
            self.valuesChanged.emit()
            return
        try:
            self.result = ahp.ahp_weights(a)
        except InputError as err:
            self.error = err.translated(tr)
        if self.result is None:
            self.summary.setText(self.error)
            self.summary.setStyleSheet(f"color: {RED};")
        else:
            r = self.result
            weights = ", ".join(f"{c} {w:.3f}" for c, w in zip(self.criteria, r.weights))
            text = tr("Weights: {weights}. lambda max = {lam:.3f}, CI = {ci:.3f}, CR = {cr:.3f}").format(
                weights=weights, lam=r.lambda_max, ci=r.ci, cr=r.cr)
            if r.consistent:
                text += " " + tr("(consistent)")
                self.summary.setStyleSheet(f"color: {GREEN};")
            else:
                text += " " + tr("(CR >= 0.10: inconsistent, revise the judgements)")
                self.summary.setStyleSheet(f"color: {RED};")
            self.summary.setText(text)
        self.valuesChanged.emit()

    def is_red(self):
        return RED in self.summary.styleSheet()


class AhpMatrixWidgetWrapper(ResilienceWidgetWrapper):
    """Processing widget wrapper for the MATRIX parameter of resilience:ahpweights."""

    CRITERIA_PARAM = "CRITERIA"

    def createWidget(self, **kwargs):  # noqa: N802 - Processing API
        widget = AhpMatrixWidget()
        param = self.parameterDefinition()
        owner = param.algorithm() if hasattr(param, "algorithm") else None
        crit = owner.parameterDefinition(self.CRITERIA_PARAM) if owner is not None else None
        if crit is not None and crit.defaultValue():
            widget.set_criteria(str(crit.defaultValue()))
        widget.valuesChanged.connect(lambda: self.widgetValueHasChanged.emit(self))
        return widget

    def postInitialize(self, wrappers):  # noqa: N802 - Processing API
        for wrapper in wrappers:
            if wrapper.parameterDefinition().name() == self.CRITERIA_PARAM:
                self._criteria_wrapper = wrapper
                wrapper.widgetValueHasChanged.connect(self._criteria_changed)
                self._criteria_changed(wrapper)

    def _criteria_changed(self, wrapper):
        value = wrapper.parameterValue() if hasattr(wrapper, "parameterValue") else wrapper.value()
        self.widget.set_criteria(str(value or ""))

    def setValue(self, value):  # noqa: N802 - Processing API
        if isinstance(value, str):
            value = [s.strip() for s in value.split(",") if s.strip()]
        self.widget.set_values(value)

    def value(self):
        return self.widget.values()
