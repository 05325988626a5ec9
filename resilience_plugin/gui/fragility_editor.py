"""The fragility library editor: the curves of a user library as a table, with a plot of
P(DS ≥ ds) against intensity for the selected curve, checked as *Lifeline exposure* checks them.

The table holds the user's curves only; they are merged on top of the shipped library
(``resources/standards/fragility.json``) the way ``FRAGILITY_FILE`` is read, so a user curve for an
(asset type, intensity measure) replaces the shipped one. ``save(path)`` writes ``{"curves": [...]}``.
"""

import json
from pathlib import Path

import numpy as np
from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QPainter, QPen
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import fragility
from ..core.errors import InputError
from ..i18n import tr
from .buttons import Button, button_box

# Table columns -> curve keys. Lists are written "0.15, 0.29"; asset types "road, street".
COLUMNS = (
    "id",
    "asset_type",
    "intensity_measure",
    "unit",
    "form",
    "theta",
    "beta",
    "a",
    "b",
    "threshold",
    "damage_states",
    "fail_state",
    "source",
    "verified",
)
LIST_KEYS = {"theta", "beta", "damage_states", "asset_type"}
NUMBER_KEYS = {"a", "b", "threshold"}
CURVE_COLOURS = ["#2e86c1", "#f4d03f", "#e67e22", "#c0392b", "#7b241c"]


def headers():
    return [
        tr("Id"),
        tr("Asset types"),
        tr("Intensity measure"),
        tr("Unit"),
        tr("Form"),
        tr("Medians θ"),
        tr("Dispersions β"),
        tr("Repair rate a"),
        tr("Repair rate b"),
        tr("Threshold"),
        tr("Damage states"),
        tr("Failure state"),
        tr("Source"),
        tr("Verified (true / false)"),
    ]


def curve_from_row(values):
    """A curve dict from the texts of one table row (empty cells left out)."""
    curve = {}
    for key, text in zip(COLUMNS, values):
        text = (text or "").strip()
        if not text:
            continue
        if key in LIST_KEYS:
            items = [t.strip() for t in text.replace("，", ",").split(",") if t.strip()]
            if key in ("theta", "beta"):
                curve[key] = [_number(t) for t in items]
            else:
                curve[key] = items if key == "damage_states" or len(items) > 1 else items[0]
        elif key in NUMBER_KEYS:
            curve[key] = _number(text)
        elif key == "verified":
            curve[key] = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}.get(
                text.lower(), text
            )
        elif key == "fail_state":
            curve[key] = int(_number(text)) if _number(text) == int(_number(text)) else _number(text)
        else:
            curve[key] = text
    return curve


def _number(text):
    try:
        return float(text)
    except ValueError:
        return text  # left for validate_library to reject with its message


def row_from_curve(curve):
    out = []
    for key in COLUMNS:
        v = curve.get(key, "")
        if isinstance(v, bool):
            v = "true" if v else "false"
        elif isinstance(v, (list, tuple)):
            v = ", ".join(f"{x:g}" if isinstance(x, float) else str(x) for x in v)
        elif isinstance(v, float):
            v = f"{v:g}"
        out.append(str(v))
    return out


class CurvePlot(QWidget):
    """P(DS ≥ ds) (or the failure probability) against the intensity, one line per damage state."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.curve = None
        self.unit = ""
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_curve(self, curve, unit=""):
        self.curve, self.unit = curve, unit
        self.update()

    def series(self, n=120):
        """(intensities, [probabilities per damage state]) drawn for the curve."""
        c = self.curve
        if c is None:
            return np.zeros(0), []
        if c.form == "lognormal":
            top = float(np.max(c.theta)) * 2.5
        elif c.form == "threshold":
            top = float(c.threshold) * 2.5 or 1.0
        else:
            top = 100.0
        im = np.linspace(0.0, top, n)
        if c.form == "lognormal":
            probs = [np.asarray(p) for p in np.asarray(c.exceedance(im)).T]
        elif c.form == "repair_rate":
            probs = [1.0 - np.exp(-c.repair_rate(im))]  # P(fail) of one km of line
        else:
            probs = [np.asarray(c.p_fail(im), dtype=float)]
        return im, probs

    def paintEvent(self, _event):  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        im, probs = self.series()
        if len(im) == 0:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("Select a valid curve"))
            return
        rect = QRectF(self.rect()).adjusted(34, 10, -10, -24)
        painter.setPen(QColor("#909497"))
        painter.drawRect(rect)
        painter.drawText(QPointF(4, rect.top() + 10), "1")
        painter.drawText(QPointF(4, rect.bottom()), "0")
        painter.drawText(QPointF(rect.left(), rect.bottom() + 16), "0")
        painter.drawText(QPointF(rect.right() - 70, rect.bottom() + 16), f"{im[-1]:g} {self.unit}")
        for k, p in enumerate(probs):
            pen = QPen(QColor(CURVE_COLOURS[k % len(CURVE_COLOURS)]))
            pen.setWidth(2)
            painter.setPen(pen)
            pts = [
                QPointF(rect.left() + rect.width() * x / im[-1], rect.bottom() - rect.height() * float(y))
                for x, y in zip(im, np.nan_to_num(p))
            ]
            for a, b in zip(pts, pts[1:]):
                painter.drawLine(a, b)


class FragilityEditor(QDialog):
    """Edit the curves of a user fragility library (see the module doc)."""

    def __init__(self, path=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Fragility library"))
        self.resize(900, 640)  # its layout alone made it a narrow box with a scrolled table
        self.path = Path(path) if path else None
        self.library = None
        self.error = None
        v = QVBoxLayout(self)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(headers())
        self.table.horizontalHeader().setMinimumSectionSize(60)
        self.table.itemChanged.connect(self.validate)
        self.table.currentCellChanged.connect(lambda *_a: self._plot())
        v.addWidget(self.table, 2)
        buttons = QHBoxLayout()
        add = QPushButton(tr("Add a curve"))
        add.clicked.connect(lambda: self.add_curve({"form": "lognormal"}))
        remove = QPushButton(tr("Remove the curve"))
        remove.clicked.connect(self._remove_current)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        v.addLayout(buttons)
        self.plot = CurvePlot()
        v.addWidget(self.plot, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        v.addWidget(self.message)
        self.buttons = button_box(Button.Save, Button.Cancel)
        self.buttons.accepted.connect(self._save_clicked)
        self.buttons.rejected.connect(self.reject)
        v.addWidget(self.buttons)
        if self.path is not None and self.path.exists():
            data = json.loads(self.path.read_text(encoding="utf-8"))
            for c in data.get("curves", []) if isinstance(data, dict) else []:
                self.add_curve(c)
        self.validate()

    def add_curve(self, curve):
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, text in enumerate(row_from_curve(curve)):
            self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self.validate()
        return row

    def _remove_current(self):
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())
            self.validate()

    def curves(self):
        rows = []
        for r in range(self.table.rowCount()):
            rows.append(
                curve_from_row(
                    [self.table.item(r, c).text() if self.table.item(r, c) else "" for c in range(len(COLUMNS))]
                )
            )
        return rows

    def user_library(self):
        return {"curves": self.curves()}

    def validate(self, *_args):
        """Check the curves merged on the shipped library; the message says what is wrong."""
        try:
            base = json.loads(fragility.default_library_path().read_text(encoding="utf-8"))
            self.library = fragility.validate_library(fragility.merge(base, self.user_library()))
            self.error = None
        except InputError as err:
            self.library, self.error = None, err.translated(tr)
        ok = self.error is None
        self.message.setStyleSheet("" if ok else "color: #c0392b")
        self.message.setText(tr("{n} curve(s), valid.").format(n=self.table.rowCount()) if ok else self.error)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)
        self._plot()
        return ok

    def _plot(self):
        """Plot the selected curve (checked on its own, so one bad row does not hide the others' plots)."""
        row = self.table.currentRow() if self.table.currentRow() >= 0 else 0
        curve, unit = None, ""
        if self.table.rowCount():
            c = self.curves()[row]
            types = c.get("asset_type")
            first = (types[0] if isinstance(types, list) else types) or ""
            try:
                base = json.loads(fragility.default_library_path().read_text(encoding="utf-8"))
                library = self.library or fragility.validate_library(fragility.merge(base, {"curves": [c]}))
                curve = library.curve(fragility.normalize_type(first), c.get("intensity_measure"))
                unit = library.unit(c.get("intensity_measure"))
            except (InputError, KeyError):
                curve = None
        self.plot.set_curve(curve, unit)

    def save(self, path=None):
        """Write the user library; returns the path (only when the curves are valid)."""
        if not self.validate():
            return None
        path = Path(path or self.path)
        path.write_text(json.dumps(self.user_library(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        self.path = path
        return path

    def _save_clicked(self):
        path = self.path
        if path is None:
            name, _f = QFileDialog.getSaveFileName(self, tr("Save the fragility library"), "", "JSON (*.json)")
            if not name:
                return
            path = Path(name if name.endswith(".json") else name + ".json")
        if self.save(path) is not None:
            self.accept()
