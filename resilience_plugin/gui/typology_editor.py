"""The 平急两用 typology editor: facility type -> emergency functions, per-capita area, effective-area
ratio, with each entry's source and verified flag, checked as *Dual-use facility suitability* checks
them.

The table starts from the shipped types (``resources/standards/facility_types.json``) with the user
file on top. ``save(path)`` writes ``{"types": {...}, "indoor_per_capita": {...}}`` in the schema of
the shipped file; ``facilitysuitability`` reads it through its TYPOLOGY_FILE parameter (merged on top
of the shipped table type by type). By default the file lives in the QGIS profile
(:func:`user_typology_path`). "Reset to defaults" refills the table with the shipped types.
"""

import json
from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core import suitability
from ..core.errors import InputError
from ..i18n import is_chinese, tr
from .buttons import Button, button_box

FUNCTIONS = ("shelter", "isolation", "medical", "supply")
# table columns: key, zh, en, aliases, the four functions, indoor, per_capita_m2, effective_ratio, source, verified
TEXT_KEYS = ("key", "zh", "en", "aliases")
CHECK_KEYS = (*FUNCTIONS, "indoor")
TAIL_KEYS = ("per_capita_m2", "effective_ratio", "source", "verified")
COLUMNS = (*TEXT_KEYS, *CHECK_KEYS, *TAIL_KEYS)


def headers():
    return [
        tr("Type (key)"),
        tr("Chinese name"),
        tr("English name"),
        tr("Aliases"),
        tr("Shelter"),
        tr("Isolation"),
        tr("Medical point"),
        tr("Supply depot"),
        tr("Indoor"),
        tr("Per-capita area (m², empty = shelter class)"),
        tr("Effective-area ratio (empty = parameter)"),
        tr("Source"),
        tr("Verified"),
    ]


def user_typology_path():
    """The user typology file in the active QGIS profile (it may not exist yet)."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "resilience_planner" / "facility_types.json"


def _number(text):
    text = (text or "").strip().replace("，", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text  # left for validate_typology to refuse with its message


def _fmt(v):
    if v is None or v == "":
        return ""
    return f"{v:g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


class TypologyEditor(QDialog):
    """Edit the facility typology (see the module doc)."""

    def __init__(self, path=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Dual-use facility typology (平急两用)"))
        self.resize(900, 620)  # its layout alone made it a narrow box with a scrolled table
        self.path = Path(path) if path else user_typology_path()
        self.table_data = None
        self.error = None
        self.shipped = suitability.type_table()
        v = QVBoxLayout(self)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(headers())
        self.table.horizontalHeader().setMinimumSectionSize(50)
        self.table.itemChanged.connect(self.validate)
        v.addWidget(self.table, 1)
        form = QFormLayout()
        self.isolation_m2 = QLineEdit()
        self.medical_m2 = QLineEdit()
        self.isolation_m2.textChanged.connect(self.validate)
        self.medical_m2.textChanged.connect(self.validate)
        form.addRow(tr("Floor area per isolated person (m²)"), self.isolation_m2)
        form.addRow(tr("Floor area per patient at a medical point (m²)"), self.medical_m2)
        ipc = self.shipped["indoor_per_capita"]
        self.indoor_note = QLabel(
            tr("Shipped: {iso} / {med} m², verified: {verified} ({note})").format(
                iso=_fmt(ipc["isolation_m2"]),
                med=_fmt(ipc["medical_m2"]),
                verified=tr("yes") if ipc.get("verified") else tr("no"),
                note=(ipc.get("note_zh") if is_chinese() else None) or ipc.get("note", ""),
            )
        )
        self.indoor_note.setWordWrap(True)
        form.addRow(self.indoor_note)
        v.addLayout(form)
        buttons = QHBoxLayout()
        add = QPushButton(tr("Add a type"))
        add.clicked.connect(lambda: self.add_type("", {"functions": ["shelter"], "indoor": True, "verified": False}))
        remove = QPushButton(tr("Remove the type"))
        remove.clicked.connect(self._remove_current)
        reset = QPushButton(tr("Reset to defaults"))
        reset.clicked.connect(self.reset)
        for b in (add, remove, reset):
            buttons.addWidget(b)
        buttons.addStretch(1)
        v.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        v.addWidget(self.message)
        self.buttons = button_box(Button.Save, Button.Cancel)
        self.buttons.accepted.connect(self._save_clicked)
        self.buttons.rejected.connect(self.reject)
        v.addWidget(self.buttons)
        table = self.shipped
        if self.path.exists():
            try:
                table = suitability.merge_typology(self.shipped, json.loads(self.path.read_text(encoding="utf-8")))
            except (ValueError, InputError):
                table = self.shipped  # shown as the defaults; the message below says the file was not read
        self.fill(table)
        if table is self.shipped and self.path.exists():
            self.message.setText(tr("{path} could not be read; the defaults are shown.").format(path=self.path))

    # --- table -------------------------------------------------------------------------------------
    def fill(self, table):
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.blockSignals(False)
        for key, entry in table["types"].items():
            self.add_type(key, entry, check=False)
        ipc = table["indoor_per_capita"]
        self.isolation_m2.blockSignals(True)
        self.medical_m2.blockSignals(True)
        self.isolation_m2.setText(_fmt(ipc.get("isolation_m2")))
        self.medical_m2.setText(_fmt(ipc.get("medical_m2")))
        self.isolation_m2.blockSignals(False)
        self.medical_m2.blockSignals(False)
        self.validate()

    def reset(self, _checked=False):
        """Back to the shipped types (the user file is only changed by Save)."""
        self.fill(self.shipped)

    def add_type(self, key, entry, check=True):
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = {
            "key": key,
            "zh": entry.get("zh", ""),
            "en": entry.get("en", ""),
            "aliases": ", ".join(entry.get("aliases", [])),
            "per_capita_m2": _fmt(entry.get("per_capita_m2")),
            "effective_ratio": _fmt(entry.get("effective_ratio")),
            "source": entry.get("source", ""),
        }
        funcs = entry.get("functions", [])
        for col, name in enumerate(COLUMNS):
            item = QTableWidgetItem()
            if name in CHECK_KEYS or name == "verified":
                on = (name in funcs) if name in FUNCTIONS else bool(entry.get(name, name == "indoor"))
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            else:
                item.setText(str(values.get(name, "")))
            if name == "key" and key in self.shipped["types"]:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)  # shipped keys are what the aliases map to
                item.setToolTip(tr("A shipped type: uncheck its functions to switch it off."))
            self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        if check:
            self.validate()
        return row

    def set_cell(self, row, name, value):
        """Set one cell by column name (text, or True / False for the check columns)."""
        item = self.table.item(row, COLUMNS.index(name))
        if isinstance(value, bool):
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        else:
            item.setText(str(value))

    def row_of(self, key):
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).text().strip() == key:
                return r
        return -1

    def _remove_current(self, _checked=False):
        row = self.table.currentRow()
        if row < 0:
            return
        if self.table.item(row, 0).text().strip() in self.shipped["types"]:
            self.message.setText(tr("Shipped types cannot be removed; uncheck their functions instead."))
            return
        self.table.removeRow(row)
        self.validate()

    def types(self):
        out = {}
        for r in range(self.table.rowCount()):
            cell = {name: self.table.item(r, c) for c, name in enumerate(COLUMNS)}
            key = cell["key"].text().strip()
            entry = {
                "zh": cell["zh"].text().strip(),
                "en": cell["en"].text().strip(),
                "functions": [f for f in FUNCTIONS if cell[f].checkState() == Qt.CheckState.Checked],
                "indoor": cell["indoor"].checkState() == Qt.CheckState.Checked,
                "aliases": [a.strip() for a in cell["aliases"].text().replace("，", ",").split(",") if a.strip()],
            }
            for name in ("per_capita_m2", "effective_ratio"):
                value = _number(cell[name].text())
                if value is not None:
                    entry[name] = value
            entry["source"] = cell["source"].text().strip()
            entry["verified"] = cell["verified"].checkState() == Qt.CheckState.Checked
            if key in out:
                self.error = tr("Facility type '{type}' appears twice.").format(type=key)
            out[key] = entry
        return out

    def user_typology(self):
        return {
            "types": self.types(),
            "indoor_per_capita": {
                "isolation_m2": _number(self.isolation_m2.text()),
                "medical_m2": _number(self.medical_m2.text()),
            },
        }

    # --- checks and saving ------------------------------------------------------------------------
    def validate(self, *_args):
        """Check the table merged on the shipped types; the message says what is wrong."""
        self.error = None
        data = self.user_typology()
        if self.error is None:
            try:
                self.table_data = suitability.validate_typology(suitability.merge_typology(self.shipped, data))
            except InputError as err:
                self.table_data, self.error = None, err.translated(tr)
        ok = self.error is None
        self.message.setStyleSheet("" if ok else "color: #c0392b")
        self.message.setText(tr("{n} type(s), valid.").format(n=self.table.rowCount()) if ok else self.error)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)
        return ok

    def save(self, path=None):
        """Write the user typology; returns the path (only when the table is valid)."""
        if not self.validate():
            return None
        path = Path(path or self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.part")
        tmp.write_text(json.dumps(self.user_typology(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)
        self.path = path
        return path

    def _save_clicked(self):
        if self.save() is not None:
            self.accept()
