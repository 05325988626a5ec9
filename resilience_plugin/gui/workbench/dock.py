"""The 韧性评估 / Resilience assessment dock: the study on one tab, the steps on the other.

Every change on the study tab is written into the project at once (``project_store``), and the
status of each step is recomputed: not run, up to date, or out of date when one of its inputs or
parameters changed since its last run. A step runs as a ``StepTask`` in the QGIS task manager; the
key numbers of its outputs appear under it, each a link that selects the features behind it.
"""

import shutil
from pathlib import Path

from qgis.core import QgsApplication, QgsProcessingException, QgsProject, QgsVectorLayer
from qgis.gui import QgsDockWidget, QgsFieldComboBox, QgsFieldExpressionWidget, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...compat import LAYER_LINE, LAYER_POINT, LAYER_POLYGON, LAYER_RASTER
from ...i18n import tr
from . import numbers as key_numbers
from . import runner
from .checks import ERROR, INFO, as_html, field_problem, layer_problems
from .export import EN, ZH, export_model, export_tables
from .project_store import load_runs, load_study, save_runs, save_study
from .steps import MAPS, STEP_IDS
from .study import PER_CELL, PER_KM2, PRESET, THRESHOLDS, VALUE_MAP, HazardSource, Lifeline, Scenario, Service

STATUS_STYLE = {
    runner.NOT_RUN: "#566573",
    runner.UP_TO_DATE: "#1e8449",
    runner.OUT_OF_DATE: "#b9770e",
    runner.NOT_READY: "#909497",
}


def status_text(status):
    return {
        runner.NOT_RUN: tr("not run"),
        runner.UP_TO_DATE: tr("up to date"),
        runner.OUT_OF_DATE: tr("out of date"),
        runner.NOT_READY: tr("inputs missing"),
        "running": tr("running…"),
        "queued": tr("queued"),
    }[status]


def narrow(widget):
    """Long layer and field names must not widen the panel: combo boxes size to 10 characters."""
    for combo in widget.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)


def layer_combo(filters, parent=None, allow_empty=True):
    combo = QgsMapLayerComboBox(parent)
    combo.setFilters(filters)
    combo.setAllowEmptyLayer(allow_empty)
    combo.setLayer(None)
    return combo


def field_combo(layer_box, allow_empty=True):
    combo = QgsFieldComboBox()
    combo.setAllowEmptyFieldName(allow_empty)
    layer_box.layerChanged.connect(combo.setLayer)  # a C++ slot: no Python wrapper of a layer being removed
    return combo


def problem_label():
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setVisible(False)
    return label


def show_problems(label, problems):
    label.setText(as_html(problems))
    label.setVisible(bool(problems))


def cascade_class_combo():
    """The class of a lifeline layer in the cascade's dependency table (editable; empty: its asset type)."""
    from ...core.cascade import load_dependencies

    combo = QComboBox()
    combo.setEditable(True)
    combo.addItem("")
    table = load_dependencies()
    combo.addItems(sorted(c for c, system in table.classes.items() if system))
    combo.lineEdit().setPlaceholderText(tr("the asset type"))
    combo.setToolTip(tr("Its class in the dependency table of the cascade (e.g. substation, water_pipe, road)"))
    return combo


def cascade_class_problems(lifeline, table):
    """A lifeline whose class in the cascade (its cascade class, else its asset type) is not a lifeline class
    of the dependency ``table`` (None: no check)."""
    from ...core.fragility import normalize_type

    cls = normalize_type(lifeline.cascade_class or lifeline.asset_type)
    if table is None or not lifeline.layer or cls is None or table.classes.get(cls):
        return []
    known = ", ".join(sorted(c for c, system in table.classes.items() if system))
    text = tr("'{name}' is not a lifeline class of the dependency table: choose its cascade class ({known}).")
    return [(ERROR, text.format(name=cls, known=known))]


def set_layer(combo, layer_id):
    combo.setLayer(QgsProject.instance().mapLayer(layer_id) if layer_id else None)


def layer_id(combo):
    lyr = combo.currentLayer()
    return lyr.id() if lyr is not None else ""


class RemovableRow(QGroupBox):
    """A row of the Study tab that can be removed: its layer with a Remove button, the layer's problems below."""

    changed = pyqtSignal()
    removeRequested = pyqtSignal(object)  # noqa: N815 - Qt signal naming

    def layer_line(self, form, combo):
        """The form's first line: ``combo`` and a Remove button; then the problem label (``self.problems``)."""
        remove = QToolButton()
        remove.setText(tr("Remove"))
        remove.clicked.connect(lambda: self.removeRequested.emit(self))
        top = QHBoxLayout()
        top.addWidget(combo, 1)
        top.addWidget(remove)
        form.addRow(tr("Layer"), top)
        self.problems = problem_label()
        form.addRow(self.problems)


class HazardRow(RemovableRow):
    """One hazard layer of the scenario: the layer, its value field, and how it is classified."""

    def __init__(self, parent=None):
        super().__init__(parent)
        from ...processing.algorithms.classify_hazard import preset_names

        form = QFormLayout(self)
        self.layer = layer_combo(LAYER_RASTER | LAYER_POLYGON)
        self.layer.setObjectName("hazardLayer")
        self.field = field_combo(self.layer)
        self.name = QLineEdit("hazard")
        self.method = QComboBox()
        for key, text in ((PRESET, tr("Preset")), (THRESHOLDS, tr("Thresholds")), (VALUE_MAP, tr("Value map"))):
            self.method.addItem(text, key)
        self.preset = QComboBox()
        self.preset.addItems(preset_names())
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("e.g. 0.1,0.5,1.0,2.0 or YES:1;NO:0"))
        self.layer_line(form, self.layer)
        form.addRow(tr("Value field"), self.field)
        form.addRow(tr("Hazard name"), self.name)
        form.addRow(tr("Classification"), self.method)
        form.addRow(tr("Preset"), self.preset)
        self.edit_classes = QToolButton()
        self.edit_classes.setText(tr("Classes…"))
        self.edit_classes.setToolTip(tr("The histogram of the values with the class breaks, and the area per class"))
        self.edit_classes.clicked.connect(self.open_class_editor)
        line = QHBoxLayout()
        line.addWidget(self.text, 1)
        line.addWidget(self.edit_classes)
        form.addRow(tr("Thresholds / value map"), line)
        narrow(self)
        self.text.setMinimumWidth(80)
        self.layer.layerChanged.connect(self._layer_changed)
        for signal in (
            self.field.fieldChanged,
            self.name.editingFinished,
            self.method.currentIndexChanged,
            self.preset.currentIndexChanged,
            self.text.editingFinished,
        ):
            signal.connect(self._changed)

    def _layer_changed(self, *_args):
        # Layers may be changing because they are being removed: look at them once the removal is over.
        QTimer.singleShot(0, self._changed)

    def _changed(self, *_args):
        self.preset.setEnabled(self.method.currentData() == PRESET)
        self.text.setEnabled(self.method.currentData() != PRESET)
        self.field.setEnabled(isinstance(self.layer.currentLayer(), QgsVectorLayer))
        self.changed.emit()

    def class_editor(self):
        """The hazard class editor on this row's layer and thresholds (None for text categories)."""
        from ..hazard_class_editor import HazardClassEditor

        lyr = self.layer.currentLayer()
        if lyr is None or (isinstance(lyr, QgsVectorLayer) and not self.field.currentField()):
            return None
        thresholds = self.text.text() if self.method.currentData() == THRESHOLDS else ""
        return HazardClassEditor(lyr, self.field.currentField() or None, thresholds, self)

    def open_class_editor(self, _checked=False):
        dialog = self.class_editor()
        if dialog is not None and dialog.exec() and dialog.thresholds():
            self.method.setCurrentIndex(self.method.findData(THRESHOLDS))
            self.text.setText(dialog.thresholds())
            self._changed()

    def set(self, h):
        for w in (self.layer, self.field, self.name, self.method, self.preset, self.text):
            w.blockSignals(True)
        set_layer(self.layer, h.layer)
        lyr = self.layer.currentLayer()
        self.field.setLayer(lyr if isinstance(lyr, QgsVectorLayer) else None)
        self.field.setField(h.field)
        self.name.setText(h.name)
        self.method.setCurrentIndex(max(0, self.method.findData(h.classification)))
        self.preset.setCurrentIndex(min(max(0, h.preset), self.preset.count() - 1))
        self.text.setText(h.value_map if h.classification == VALUE_MAP else h.thresholds)
        for w in (self.layer, self.field, self.name, self.method, self.preset, self.text):
            w.blockSignals(False)
        self.preset.setEnabled(h.classification == PRESET)
        self.text.setEnabled(h.classification != PRESET)
        self.field.setEnabled(isinstance(lyr, QgsVectorLayer))

    def get(self):
        method = self.method.currentData()
        text = self.text.text().strip()
        return HazardSource(
            layer=layer_id(self.layer),
            name=self.name.text().strip() or "hazard",
            field=self.field.currentField(),
            classification=method,
            preset=self.preset.currentIndex(),
            thresholds=text if method == THRESHOLDS else "",
            value_map=text if method == VALUE_MAP else "",
        )

    def check(self, reference):
        lyr = self.layer.currentLayer()
        problems = layer_problems(lyr, reference)
        h = self.get()
        if isinstance(lyr, QgsVectorLayer):
            problems += field_problem(lyr, h.field, tr("Choose the field that holds the hazard value."))
        if lyr is not None and h.classification == THRESHOLDS and not h.thresholds:
            problems.append((ERROR, tr("Give the thresholds, ascending and separated by commas.")))
        if lyr is not None and h.classification == VALUE_MAP and not h.value_map:
            problems.append((ERROR, tr("Give the value map, e.g. YES:1;NO:0.")))
        if lyr is not None and h.classification == PRESET and h.preset == 0:
            problems.append((ERROR, tr("Choose a preset, or classify by thresholds or a value map.")))
        show_problems(self.problems, problems)
        return problems


class LifelineRow(RemovableRow):
    """A further lifeline layer (the first one is the Lifelines group's own row)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self.layer = layer_combo(LAYER_LINE | LAYER_POINT)
        self.layer.setObjectName("lifelineLayer")
        self.asset_type = QLineEdit()
        self.asset_type.setPlaceholderText("pipe, substation, …")
        self.asset_type_field = field_combo(self.layer)
        self.cascade_class = cascade_class_combo()
        self.layer_line(form, self.layer)
        form.addRow(tr("Asset type"), self.asset_type)
        form.addRow(tr("Asset type field"), self.asset_type_field)
        form.addRow(tr("Cascade class"), self.cascade_class)
        narrow(self)
        self.layer.layerChanged.connect(lambda *_a: self.changed.emit())
        self.asset_type.editingFinished.connect(self.changed.emit)
        self.asset_type_field.fieldChanged.connect(lambda *_a: self.changed.emit())
        self.cascade_class.currentTextChanged.connect(lambda *_a: self.changed.emit())

    def set(self, ll):
        set_layer(self.layer, ll.layer)
        self.asset_type.setText(ll.asset_type)
        self.asset_type_field.setLayer(self.layer.currentLayer())
        self.asset_type_field.setField(ll.asset_type_field)
        self.cascade_class.setCurrentText(ll.cascade_class)

    def get(self):
        return Lifeline(
            layer=layer_id(self.layer),
            asset_type=self.asset_type.text().strip(),
            asset_type_field=self.asset_type_field.currentField(),
            cascade_class=self.cascade_class.currentText().strip(),
        )


class ServiceRow(RemovableRow):
    """One everyday service of the 15-minute life circle (a layer, a filter, a name, minutes)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self.layer = layer_combo(LAYER_POINT | LAYER_POLYGON)
        self.layer.setObjectName("serviceLayer")
        self.filter = QgsFieldExpressionWidget()
        self.layer.layerChanged.connect(self.filter.setLayer)
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("e.g. school, clinic, market"))
        self.minutes = QDoubleSpinBox()
        self.minutes.setRange(0, 120)
        self.minutes.setSpecialValueText(tr("default"))
        self.minutes.setSuffix(" min")
        self.layer_line(form, self.layer)
        form.addRow(tr("Filter (expression)"), self.filter)
        form.addRow(tr("Service name"), self.name)
        form.addRow(tr("Walking minutes"), self.minutes)
        narrow(self)
        self.layer.layerChanged.connect(lambda *_a: self.changed.emit())
        self.filter.fieldChanged.connect(lambda *_a: self.changed.emit())
        self.name.editingFinished.connect(self.changed.emit)
        self.minutes.valueChanged.connect(lambda *_a: self.changed.emit())

    def set(self, sv):
        set_layer(self.layer, sv.layer)
        self.filter.setLayer(self.layer.currentLayer())
        self.filter.setExpression(sv.filter)
        self.name.setText(sv.name)
        self.minutes.setValue(sv.minutes)

    def get(self):
        return Service(
            layer=layer_id(self.layer),
            filter=self.filter.expression().strip(),
            name=self.name.text().strip(),
            minutes=self.minutes.value(),
        )


class StepRow(QWidget):
    """A step: its title, status, a Run button and its key numbers."""

    def __init__(self, step, parent=None):
        super().__init__(parent)
        self.step = step
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        top = QHBoxLayout()
        self.title = QLabel(f"<b>{runner.step_title(step)}</b>")
        self.status = QLabel()
        self.status.setObjectName(f"status_{step}")
        self.run = QPushButton(tr("Run"))
        self.run.setObjectName(f"run_{step}")
        top.addWidget(self.title, 1)
        top.addWidget(self.status)
        top.addWidget(self.run)
        layout.addLayout(top)
        self.numbers = QLabel()
        self.numbers.setObjectName(f"numbers_{step}")
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        self.numbers.setWordWrap(True)
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.message = problem_label()
        layout.addWidget(self.numbers)
        layout.addWidget(self.message)
        self.items = []

    def set_status(self, status):
        self.status.setText(f'<span style="color:{STATUS_STYLE.get(status, "#2e86c1")}">{status_text(status)}</span>')
        self.status.setProperty("status", status)

    def set_numbers(self, numbers):
        self.items = key_numbers.items(self.step, numbers)
        lines = [
            f'{label}: <a href="{i}">{value}</a>' if sel else f"{label}: {value}"
            for i, (label, value, sel) in enumerate(self.items)
        ]
        self.numbers.setText("<br>".join(lines))
        self.numbers.setVisible(bool(lines))


class WorkbenchDock(QgsDockWidget):
    """The Resilience assessment panel (see the module doc)."""

    def __init__(self, iface=None, parent=None):
        super().__init__(tr("Resilience assessment"), parent)
        self.setObjectName("ResilienceWorkbenchDock")
        self.iface = iface
        self.project = QgsProject.instance()
        self.study = load_study(self.project)
        self.runs = load_runs(self.project)
        self.task = None
        self.queue = []
        self._loading = False
        self.hazard_rows = []
        self.statuses = {}
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.addLayout(self._scenario_bar())
        self.tabs = QTabWidget()
        study_tab = self._study_tab()
        narrow(study_tab)
        self.tabs.addTab(self._scroll(study_tab), tr("Study"))
        self.tabs.addTab(self._scroll(self._steps_tab()), tr("Steps"))
        outer.addWidget(self.tabs)
        self.setWidget(body)
        self._suspended = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._changed)
        self.project.layersWillBeRemoved.connect(self._suspend)
        self.project.readProject.connect(self.reload)
        self.project.cleared.connect(self.reload)
        self.project.layersAdded.connect(self._layers_changed)
        self.project.layersRemoved.connect(self._layers_changed)
        self.load_from_study()

    # --- building the panel ---------------------------------------------------------------------
    @staticmethod
    def _scroll(widget):
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(widget)
        return area

    def _scenario_bar(self):
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Scenario")))
        self.scenario_box = QComboBox()
        self.scenario_box.setObjectName("scenarioBox")
        self.scenario_box.currentIndexChanged.connect(self._scenario_changed)
        self.scenario_name = QLineEdit()
        self.scenario_name.setToolTip(tr("The name of the scenario (its results go into a group of that name)"))
        self.scenario_name.editingFinished.connect(self._rename_scenario)
        add = QToolButton()
        add.setText(tr("New"))
        add.setToolTip(tr("Add a hazard scenario"))
        add.clicked.connect(self.add_scenario)
        delete = QToolButton()
        delete.setText(tr("Delete"))
        delete.setObjectName("deleteScenario")
        delete.setToolTip(tr("Delete this scenario with its results (layers and files)"))
        delete.clicked.connect(self._delete_clicked)
        bar.addWidget(self.scenario_box, 1)
        bar.addWidget(self.scenario_name, 1)
        bar.addWidget(add)
        bar.addWidget(delete)
        return bar

    def _group(self, title, layout_parent):
        box = QGroupBox(title)
        form = QFormLayout(box)
        layout_parent.addWidget(box)
        return form

    def _layer_row(self, form, label, combo, key):
        form.addRow(label, combo)
        problems = problem_label()
        form.addRow(problems)
        self.problem_labels[key] = (combo, problems)
        combo.layerChanged.connect(self._changed_later)

    def _study_tab(self):
        tab = QWidget()
        v = QVBoxLayout(tab)
        self.problem_labels = {}
        # Admin units
        f = self._group(tr("Admin units"), v)
        self.units_layer = layer_combo(LAYER_POLYGON)
        self._layer_row(f, tr("Layer"), self.units_layer, "units")
        self.units_id = field_combo(self.units_layer)
        self.units_level = QLineEdit()
        self.units_level.setPlaceholderText(tr("e.g. 街道, district"))
        self.units_parent = field_combo(self.units_layer)
        f.addRow(tr("Id field"), self.units_id)
        f.addRow(tr("Level name"), self.units_level)
        f.addRow(tr("Parent code field"), self.units_parent)
        # Hazards of the scenario
        box = QGroupBox(tr("Hazards of the scenario"))
        self.hazard_layout = QVBoxLayout(box)
        add = QPushButton(tr("Add a hazard layer"))
        add.setObjectName("addHazard")
        add.clicked.connect(lambda: self._add_hazard_row(HazardSource()))
        self.hazard_layout.addWidget(add)
        form = QFormLayout()
        self.overlay_method = QComboBox()
        self.overlay_method.addItems(
            [
                tr("Maximum level"),
                tr("Weighted sum of levels"),
                tr("Count of hazards at or above a level"),
                tr("Risk matrix (hazard x vulnerability)"),
            ]
        )
        self.weights = QLineEdit()
        self.intensity = layer_combo(LAYER_RASTER)
        self.intensity_measure = QComboBox()
        from ...processing.algorithms.lifeline_exposure import measure_names

        self.intensity_measure.addItems(measure_names())
        form.addRow(tr("Overlay method"), self.overlay_method)
        form.addRow(tr("Weights"), self.weights)
        self.intensity.setToolTip(
            tr("Read along the lifelines; a flood-depth raster is also what step 2b's economic loss uses.")
        )
        form.addRow(tr("Intensity raster for lifelines"), self.intensity)
        form.addRow(tr("Intensity measure"), self.intensity_measure)
        self.hazard_layout.addLayout(form)
        v.addWidget(box)
        # Exposure
        f = self._group(tr("Population"), v)
        self.pop_layer = layer_combo(LAYER_RASTER | LAYER_POINT | LAYER_POLYGON)
        self._layer_row(f, tr("Layer"), self.pop_layer, "population")
        self.pop_field = field_combo(self.pop_layer)
        self.pop_unit = QComboBox()
        self.pop_unit.addItem(tr("Persons per km²"), PER_KM2)
        self.pop_unit.addItem(tr("Persons per cell"), PER_CELL)
        f.addRow(tr("Population field (points / polygons)"), self.pop_field)
        f.addRow(tr("Raster values"), self.pop_unit)
        f = self._group(tr("Buildings"), v)
        self.bld_layer = layer_combo(LAYER_POLYGON | LAYER_POINT)
        self._layer_row(f, tr("Layer"), self.bld_layer, "buildings")
        self.bld_type = field_combo(self.bld_layer)
        self.bld_name = field_combo(self.bld_layer)
        self.bld_floors = field_combo(self.bld_layer)
        f.addRow(tr("Type field"), self.bld_type)
        f.addRow(tr("Name field"), self.bld_name)
        f.addRow(tr("Floors field"), self.bld_floors)
        f = self._group(tr("Roads"), v)
        self.road_layer = layer_combo(LAYER_LINE)
        self._layer_row(f, tr("Layer"), self.road_layer, "roads")
        self.road_class = field_combo(self.road_layer)
        f.addRow(tr("Road class field"), self.road_class)
        f = self._group(tr("Candidate facilities (平急两用)"), v)
        self.cand_layer = layer_combo(LAYER_POLYGON | LAYER_POINT)
        self._layer_row(f, tr("Layer"), self.cand_layer, "candidates")
        self.cand_type = field_combo(self.cand_layer)
        self.cand_name = field_combo(self.cand_layer)
        self.cand_floors = field_combo(self.cand_layer)
        self.cand_filter = QgsFieldExpressionWidget()
        self.cand_layer.layerChanged.connect(self.cand_filter.setLayer)
        f.addRow(tr("Type field"), self.cand_type)
        f.addRow(tr("Name field"), self.cand_name)
        f.addRow(tr("Floors field"), self.cand_floors)
        f.addRow(tr("Filter (expression)"), self.cand_filter)
        self.typology_file = QgsFileWidget()
        self.typology_file.setFilter("JSON (*.json)")
        self.typology_file.lineEdit().setPlaceholderText(tr("The shipped types"))
        edit = QToolButton()
        edit.setText(tr("Edit…"))
        edit.setToolTip(tr("Edit the facility types, their emergency functions and per-capita areas"))
        edit.clicked.connect(self.open_typology_editor)
        line = QHBoxLayout()
        line.addWidget(self.typology_file, 1)
        line.addWidget(edit)
        f.addRow(tr("Facility typology"), line)
        self.ahp_button = QToolButton()
        self.ahp_button.setObjectName("ahpWeights")
        self.ahp_button.setText(tr("AHP weights…"))
        self.ahp_button.setToolTip(
            tr("The criterion weights of the suitability from pairwise comparisons (层次分析法)")
        )
        self.ahp_button.clicked.connect(self.open_ahp_dialog)
        self.ahp_label = QLabel()
        self.ahp_label.setWordWrap(True)
        line = QHBoxLayout()
        line.addWidget(self.ahp_label, 1)
        line.addWidget(self.ahp_button)
        f.addRow(tr("Criterion weights"), line)
        f = self._group(tr("Hospitals"), v)
        self.hosp_layer = layer_combo(LAYER_POLYGON | LAYER_POINT)
        self._layer_row(f, tr("Layer"), self.hosp_layer, "hospitals")
        self.hosp_filter = QgsFieldExpressionWidget()
        self.hosp_layer.layerChanged.connect(self.hosp_filter.setLayer)
        f.addRow(tr("Filter (expression)"), self.hosp_filter)
        f = self._group(tr("Supply depots"), v)
        self.depot_layer = layer_combo(LAYER_POINT | LAYER_POLYGON)
        self.depot_layer.setToolTip(tr("Empty: no supply plan"))
        self._layer_row(f, tr("Layer"), self.depot_layer, "depots")
        self.depot_id = field_combo(self.depot_layer)
        self.depot_stocks = QLineEdit()
        self.depot_stocks.setPlaceholderText(tr("item=field,… (empty: fields named like the items)"))
        f.addRow(tr("Id field"), self.depot_id)
        f.addRow(tr("Stock fields"), self.depot_stocks)
        f = self._group(tr("Everyday services (15-minute life circle)"), v)
        self.service_rows = []
        self.service_layout = QVBoxLayout()
        f.addRow(self.service_layout)
        add_service = QToolButton()
        add_service.setText(tr("Add a service"))
        add_service.setObjectName("addService")
        add_service.clicked.connect(lambda: self._add_service_row(Service()))
        f.addRow(add_service)
        f = self._group(tr("Lifelines"), v)
        self.life_layer = layer_combo(LAYER_LINE | LAYER_POINT)
        self.life_layer.setToolTip(tr("Empty: the roads are the lifeline network"))
        self._layer_row(f, tr("Layer"), self.life_layer, "lifelines")
        self.life_type = QLineEdit()
        self.life_type.setPlaceholderText("road")
        self.life_type_field = field_combo(self.life_layer)
        self.life_class = cascade_class_combo()
        f.addRow(tr("Asset type"), self.life_type)
        f.addRow(tr("Asset type field"), self.life_type_field)
        f.addRow(tr("Cascade class"), self.life_class)
        self.lifeline_rows = []
        self.lifeline_layout = QVBoxLayout()
        f.addRow(self.lifeline_layout)
        add_life = QToolButton()
        add_life.setText(tr("Add a lifeline layer"))
        add_life.setObjectName("addLifeline")
        add_life.clicked.connect(lambda: self._add_lifeline_row(Lifeline()))
        f.addRow(add_life)
        f.addRow(QLabel(tr("Power lines and their towers (optional)")))
        self.tower_layer = layer_combo(LAYER_POINT)
        self._layer_row(f, tr("Towers or poles"), self.tower_layer, "towers")
        self.tower_type = QLineEdit()
        self.tower_type.setPlaceholderText("transmission_tower")
        f.addRow(tr("Tower type"), self.tower_type)
        self.power_lines = layer_combo(LAYER_LINE)
        self._layer_row(f, tr("Power lines"), self.power_lines, "power_lines")
        self.power_line_id = field_combo(self.power_lines)
        self.tower_line_field = field_combo(self.tower_layer)
        self.tower_line_field.setToolTip(tr("Empty: towers within 20 m of a line carry it"))
        f.addRow(tr("Line id field"), self.power_line_id)
        f.addRow(tr("Line id field of the towers"), self.tower_line_field)
        self.fragility_file = QgsFileWidget()
        self.fragility_file.setFilter("JSON (*.json)")
        self.fragility_file.lineEdit().setPlaceholderText(tr("The shipped library"))
        edit = QToolButton()
        edit.setText(tr("Edit…"))
        edit.setToolTip(tr("Edit the curves of your fragility library"))
        edit.clicked.connect(self.open_fragility_editor)
        line = QHBoxLayout()
        line.addWidget(self.fragility_file, 1)
        line.addWidget(edit)
        f.addRow(tr("Fragility library"), line)
        self.cascade_enabled = QCheckBox(tr("Cascading failures across the lifelines"))
        self.cascade_enabled.setObjectName("cascadeEnabled")
        self.cascade_enabled.setToolTip(
            tr(
                "Failures drawn from each lifeline asset's failure probability spread to the assets and people "
                "that depend on it (the population points of the hospital access run, the hospitals)"
            )
        )
        f.addRow(self.cascade_enabled)
        self.cascade_file = QgsFileWidget()
        self.cascade_file.setFilter("JSON (*.json)")
        self.cascade_file.lineEdit().setPlaceholderText(tr("The shipped example table"))
        f.addRow(tr("Dependency table"), self.cascade_file)
        self.cascade_problems = problem_label()
        f.addRow(self.cascade_problems)
        self.cascade_runs = self._spin(QSpinBox(), 1, 100000)
        f.addRow(tr("Monte Carlo runs"), self.cascade_runs)
        # Shared parameters
        from ...processing.algorithms.facility_suitability import class_names

        f = self._group(tr("Parameters"), v)
        self.walk_minutes = self._spin(QDoubleSpinBox(), 1, 240, " min")
        self.walk_kmh = self._spin(QDoubleSpinBox(), 0.5, 20, " km/h")
        self.block_level = self._spin(QSpinBox(), 1, 9)
        self.exclude_level = self._spin(QSpinBox(), 1, 9)
        self.shelter_class = QComboBox()
        self.shelter_class.addItems(class_names())
        self.effective_ratio = self._spin(QDoubleSpinBox(), 0.05, 1.0)
        self.effective_ratio.setSingleStep(0.05)
        self.failed = QLineEdit()
        self.evacuate_level = self._spin(QSpinBox(), 1, 9)
        self.evacuate_max_m = self._spin(QDoubleSpinBox(), 50, 20000, " m")
        self.evacuate_max_m.setSingleStep(100)
        self.loss_floors = self._spin(QDoubleSpinBox(), 0, 200)
        self.loss_floors.setToolTip(
            tr("Floors of the buildings without a number in their floors field, in the economic loss (DEFAULT_FLOORS)")
        )
        f.addRow(tr("Walking time limit"), self.walk_minutes)
        f.addRow(tr("Walking speed"), self.walk_kmh)
        f.addRow(tr("Streets blocked from hazard level"), self.block_level)
        f.addRow(tr("Sites excluded from hazard level"), self.exclude_level)
        f.addRow(tr("Shelter class (GB 51143)"), self.shelter_class)
        f.addRow(tr("Effective area ratio"), self.effective_ratio)
        f.addRow(tr("Failed links (expression)"), self.failed)
        f.addRow(tr("Evacuate from hazard level"), self.evacuate_level)
        f.addRow(tr("Evacuation walking limit"), self.evacuate_max_m)
        f.addRow(tr("Default floors (loss)"), self.loss_floors)
        f = self._group(tr("Maps and tables"), v)
        self.map_title = QLineEdit()
        self.map_note = QLineEdit()
        self.output_dir = QgsFileWidget()
        self.output_dir.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.output_dir.lineEdit().setPlaceholderText(tr("Beside the project file"))
        f.addRow(tr("Map title"), self.map_title)
        f.addRow(tr("Map notes"), self.map_note)
        f.addRow(tr("Results folder"), self.output_dir)
        v.addStretch(1)
        for w in (
            self.units_id.fieldChanged,
            self.units_parent.fieldChanged,
            self.units_level.editingFinished,
            self.overlay_method.currentIndexChanged,
            self.weights.editingFinished,
            self.intensity.layerChanged,
            self.intensity_measure.currentIndexChanged,
            self.pop_field.fieldChanged,
            self.pop_unit.currentIndexChanged,
            self.bld_type.fieldChanged,
            self.bld_name.fieldChanged,
            self.bld_floors.fieldChanged,
            self.road_class.fieldChanged,
            self.cand_type.fieldChanged,
            self.cand_name.fieldChanged,
            self.cand_floors.fieldChanged,
            self.cand_filter.fieldChanged,
            self.hosp_filter.fieldChanged,
            self.life_type.editingFinished,
            self.life_type_field.fieldChanged,
            self.life_class.currentTextChanged,
            self.cascade_enabled.toggled,
            self.cascade_file.fileChanged,
            self.cascade_runs.valueChanged,
            self.walk_minutes.valueChanged,
            self.walk_kmh.valueChanged,
            self.block_level.valueChanged,
            self.exclude_level.valueChanged,
            self.shelter_class.currentIndexChanged,
            self.effective_ratio.valueChanged,
            self.failed.editingFinished,
            self.map_title.editingFinished,
            self.map_note.editingFinished,
            self.output_dir.fileChanged,
            self.fragility_file.fileChanged,
            self.typology_file.fileChanged,
            self.depot_id.fieldChanged,
            self.tower_type.editingFinished,
            self.power_line_id.fieldChanged,
            self.tower_line_field.fieldChanged,
            self.depot_stocks.editingFinished,
            self.evacuate_level.valueChanged,
            self.evacuate_max_m.valueChanged,
            self.loss_floors.valueChanged,
        ):
            w.connect(self._changed)
        self.intensity.layerChanged.disconnect(self._changed)
        self.intensity.layerChanged.connect(self._changed_later)
        return tab

    @staticmethod
    def _spin(spin, lo, hi, suffix=""):
        spin.setRange(lo, hi)
        if suffix:
            spin.setSuffix(suffix)
        return spin

    def _steps_tab(self):
        tab = QWidget()
        v = QVBoxLayout(tab)
        self.step_rows = {}
        for step in STEP_IDS:
            row = StepRow(step)
            row.run.clicked.connect(lambda _c=False, s=step: self.run_steps([s]))
            row.numbers.linkActivated.connect(lambda link, s=step: self.select_behind(s, int(link)))
            self.step_rows[step] = row
            v.addWidget(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        v.addWidget(self.progress)
        v.addWidget(self.progress_label)
        buttons = QHBoxLayout()
        self.run_all_button = QPushButton(tr("Run all"))
        self.run_all_button.setObjectName("runAll")
        self.run_all_button.clicked.connect(self.run_all)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.run_all_button)
        buttons.addWidget(self.cancel_button)
        v.addLayout(buttons)
        exports = QHBoxLayout()
        self.maps_button = QPushButton(tr("Export map set"))
        self.maps_button.clicked.connect(lambda: self.run_steps([MAPS]))
        self.tables_button = QPushButton(tr("Export tables…"))
        self.tables_button.clicked.connect(self.export_tables_dialog)
        self.model_button = QPushButton(tr("Export as model…"))
        self.model_button.clicked.connect(self.export_model_dialog)
        self.language = QComboBox()
        self.language.addItem("中文", ZH)
        self.language.addItem("English", EN)
        self.language.addItem("中文 / English", "both")
        self.language.setToolTip(tr("Language of the plan maps and of the table headers"))
        self.language.currentIndexChanged.connect(self._changed)
        exports.addWidget(self.maps_button)
        exports.addWidget(self.tables_button)
        exports.addWidget(self.language)
        exports.addWidget(self.model_button)
        v.addLayout(exports)
        v.addStretch(1)
        return tab

    # --- study <-> widgets ----------------------------------------------------------------------
    def scenario(self):
        name = self.scenario_box.currentText()
        return self.study.scenario(name) if name else None

    def add_scenario(self, _checked=False, name=None):
        names = {s.name for s in self.study.scenarios}
        n = len(self.study.scenarios) + 1
        name = name or tr("Scenario {n}").format(n=n)
        while name in names:
            n += 1
            name = tr("Scenario {n}").format(n=n)
        self.study.scenarios.append(Scenario(name=name))
        self._fill_scenarios(name)
        self._changed()
        return name

    def _delete_clicked(self, _checked=False):
        sc = self.scenario()
        if sc is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Delete scenario"),
            tr("Delete the scenario '{name}' and the layers and files of its results?").format(name=sc.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_scenario(sc.name)

    def delete_scenario(self, name):
        """Remove a scenario from the study with its results: its layers, its layer-tree group and its
        run folders (never the user's own layers). Refused while a step runs. Returns True when done."""
        sc = self.study.scenario(name)
        if sc is None:
            return False
        if self.task is not None or self.queue:
            self.progress_label.setText(tr("Wait for the running steps to finish (or cancel them) first."))
            return False
        tagged = [
            lyr.id()
            for lyr in self.project.mapLayers().values()
            if (lyr.customProperty(runner.PROPERTY) or "").startswith(name + "/")
        ]
        self.project.removeMapLayers(tagged)
        group = runner.scenario_group(name, self.project, create=False)
        if group is not None:
            group.parent().removeChildNode(group)
        for run in self.runs.pop(name, {}).values():
            folder = run.get("run_dir") if isinstance(run, dict) else None
            if folder and Path(folder).exists():
                shutil.rmtree(folder, ignore_errors=True)
        self.study.scenarios.remove(sc)
        if not self.study.scenarios:
            self.study.scenarios.append(Scenario(name=tr("Scenario {n}").format(n=1)))
        self._fill_scenarios(self.study.scenarios[0].name)
        self._save()
        self.refresh()
        return True

    def _fill_scenarios(self, current=None):
        self.scenario_box.blockSignals(True)
        self.scenario_box.clear()
        for s in self.study.scenarios:
            self.scenario_box.addItem(s.name)
        if current is not None:
            self.scenario_box.setCurrentIndex(max(0, self.scenario_box.findText(current)))
        self.scenario_box.blockSignals(False)
        self._load_scenario()

    def _scenario_changed(self, _index):
        if not self._loading:
            self._load_scenario()
            self.refresh()

    def _rename_scenario(self):
        sc = self.scenario()
        new = self.scenario_name.text().strip()
        if sc is None or not new or new == sc.name or self.study.scenario(new) is not None:
            self.scenario_name.setText(sc.name if sc else "")
            return
        old = sc.name
        sc.name = new
        if old in self.runs:
            self.runs[new] = self.runs.pop(old)
        group = runner.scenario_group(old, self.project, create=False)
        if group is not None:
            group.setCustomProperty(runner.GROUP_PROPERTY, new)
            group.setName(tr("Resilience assessment: {name}").format(name=new))
            for lyr in self.project.mapLayers().values():
                tag = lyr.customProperty(runner.PROPERTY) or ""
                if tag.startswith(old + "/"):
                    lyr.setCustomProperty(runner.PROPERTY, new + tag[len(old) :])
        self._fill_scenarios(new)
        self._save()

    def _add_hazard_row(self, h):
        row = HazardRow()
        row.set(h)
        row.changed.connect(self._changed)
        row.removeRequested.connect(self._remove_hazard_row)
        self.hazard_layout.insertWidget(len(self.hazard_rows), row)
        self.hazard_rows.append(row)
        if not self._loading:
            self._changed()
        return row

    def _add_lifeline_row(self, ll):
        row = LifelineRow()
        row.set(ll)
        row.changed.connect(self._changed_later)
        row.removeRequested.connect(self._remove_lifeline_row)
        self.lifeline_layout.addWidget(row)
        self.lifeline_rows.append(row)
        if not self._loading:
            self._changed()
        return row

    def _add_service_row(self, sv):
        row = ServiceRow()
        row.set(sv)
        row.changed.connect(self._changed_later)
        row.removeRequested.connect(self._remove_service_row)
        self.service_layout.addWidget(row)
        self.service_rows.append(row)
        if not self._loading:
            self._changed()
        return row

    def _remove_service_row(self, row):
        self.service_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._changed()

    def _remove_lifeline_row(self, row):
        self.lifeline_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._changed()

    def _remove_hazard_row(self, row):
        self.hazard_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._changed()

    def _load_scenario(self):
        was = self._loading
        self._loading = True
        for row in self.hazard_rows:
            row.setParent(None)
            row.deleteLater()
        self.hazard_rows = []
        sc = self.scenario()
        self.scenario_name.setText(sc.name if sc else "")
        for h in sc.hazards if sc else []:
            self._add_hazard_row(h)
        self.overlay_method.setCurrentIndex(sc.overlay_method if sc else 0)
        self.weights.setText(sc.weights if sc else "")
        set_layer(self.intensity, sc.intensity_layer if sc else "")
        self.intensity_measure.setCurrentIndex(sc.intensity_measure if sc else 0)
        self._loading = was

    def load_from_study(self):
        """Show ``self.study`` in the widgets."""
        self._loading = True
        s = self.study
        if not s.scenarios:
            s.scenarios.append(Scenario(name=tr("Scenario {n}").format(n=1)))
        set_layer(self.units_layer, s.units.layer)
        self.units_id.setLayer(self.units_layer.currentLayer())
        self.units_parent.setLayer(self.units_layer.currentLayer())
        self.units_id.setField(s.units.id_field)
        self.units_parent.setField(s.units.parent_field)
        self.units_level.setText(s.units.level_name)
        set_layer(self.pop_layer, s.population.layer)
        self.pop_field.setField(s.population.field)
        self.pop_unit.setCurrentIndex(max(0, self.pop_unit.findData(s.population.unit)))
        for combo, fields, obj in (
            (self.bld_layer, (self.bld_type, self.bld_name, self.bld_floors), s.buildings),
            (self.cand_layer, (self.cand_type, self.cand_name, self.cand_floors), s.candidates),
        ):
            set_layer(combo, obj.layer)
            for fc, name in zip(fields, (obj.type_field, obj.name_field, obj.floors_field)):
                fc.setLayer(combo.currentLayer())
                fc.setField(name)
        set_layer(self.road_layer, s.roads.layer)
        self.road_class.setLayer(self.road_layer.currentLayer())
        self.road_class.setField(s.roads.class_field)
        self.cand_filter.setLayer(self.cand_layer.currentLayer())
        self.cand_filter.setExpression(s.candidates.filter)
        set_layer(self.hosp_layer, s.hospitals.layer)
        self.hosp_filter.setLayer(self.hosp_layer.currentLayer())
        self.hosp_filter.setExpression(s.hospitals.filter)
        life = s.lifelines[0] if s.lifelines else Lifeline()
        set_layer(self.life_layer, life.layer)
        self.life_type.setText(life.asset_type)
        self.life_type_field.setLayer(self.life_layer.currentLayer())
        self.life_type_field.setField(life.asset_type_field)
        self.life_class.setCurrentText(life.cascade_class)
        self.cascade_enabled.setChecked(s.cascade.enabled)
        self.cascade_file.setFilePath(s.cascade.dependencies)
        self.cascade_runs.setValue(s.cascade.runs)
        for row in self.lifeline_rows:
            row.setParent(None)
            row.deleteLater()
        self.lifeline_rows = []
        for ll in s.lifelines[1:]:
            self._add_lifeline_row(ll)
        pw = s.power
        set_layer(self.tower_layer, pw.towers)
        set_layer(self.power_lines, pw.lines)
        self.tower_type.setText(pw.tower_type)
        self.power_line_id.setLayer(self.power_lines.currentLayer())
        self.power_line_id.setField(pw.line_id_field)
        self.tower_line_field.setLayer(self.tower_layer.currentLayer())
        self.tower_line_field.setField(pw.tower_line_field)
        set_layer(self.depot_layer, s.depots.layer)
        self.depot_id.setLayer(self.depot_layer.currentLayer())
        self.depot_id.setField(s.depots.id_field)
        self.depot_stocks.setText(s.depots.stock_fields)
        for row in self.service_rows:
            row.setParent(None)
            row.deleteLater()
        self.service_rows = []
        for sv in s.services:
            self._add_service_row(sv)
        self.fragility_file.setFilePath(s.fragility_file)
        self.typology_file.setFilePath(s.typology_file)
        self._show_ahp()
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        p = s.params
        self.walk_minutes.setValue(p.walk_minutes)
        self.walk_kmh.setValue(p.walk_kmh)
        self.block_level.setValue(p.block_level)
        self.exclude_level.setValue(p.exclude_level)
        self.shelter_class.setCurrentIndex(p.shelter_class)
        self.effective_ratio.setValue(p.effective_ratio)
        self.failed.setText(p.failed_expression)
        self.evacuate_level.setValue(p.evacuate_level)
        self.evacuate_max_m.setValue(p.evacuate_max_m)
        self.loss_floors.setValue(p.loss_floors)
        self.map_title.setText(s.map_title)
        self.map_note.setText(s.map_note)
        self.output_dir.setFilePath(s.output_dir)
        current = self.scenario_box.currentText() or s.scenarios[0].name
        self._fill_scenarios(current)
        self._loading = False
        self.refresh()

    def read_widgets(self):
        """Write the widgets into ``self.study``."""
        s = self.study
        s.units.layer, s.units.id_field = layer_id(self.units_layer), self.units_id.currentField()
        s.units.parent_field, s.units.level_name = self.units_parent.currentField(), self.units_level.text().strip()
        s.population.layer, s.population.field = layer_id(self.pop_layer), self.pop_field.currentField()
        if not isinstance(self.pop_layer.currentLayer(), QgsVectorLayer):
            s.population.field = ""
        s.population.unit = self.pop_unit.currentData()
        b = s.buildings
        b.layer, b.type_field, b.name_field, b.floors_field = (
            layer_id(self.bld_layer),
            self.bld_type.currentField(),
            self.bld_name.currentField(),
            self.bld_floors.currentField(),
        )
        s.roads.layer, s.roads.class_field = layer_id(self.road_layer), self.road_class.currentField()
        c = s.candidates
        c.layer, c.type_field, c.name_field, c.floors_field = (
            layer_id(self.cand_layer),
            self.cand_type.currentField(),
            self.cand_name.currentField(),
            self.cand_floors.currentField(),
        )
        c.filter = self.cand_filter.expression().strip()
        s.hospitals.layer, s.hospitals.filter = layer_id(self.hosp_layer), self.hosp_filter.expression().strip()
        life_id = layer_id(self.life_layer)
        first = Lifeline(
            layer=life_id,
            asset_type=self.life_type.text().strip(),
            asset_type_field=self.life_type_field.currentField(),
            cascade_class=self.life_class.currentText().strip(),
        )
        more = [ll for ll in (row.get() for row in self.lifeline_rows) if ll.layer]
        # the further layers need the first one (empty first row: the roads are the one lifeline)
        s.lifelines = [first, *more] if life_id else []
        s.depots.layer, s.depots.id_field = layer_id(self.depot_layer), self.depot_id.currentField()
        s.power.towers, s.power.lines = layer_id(self.tower_layer), layer_id(self.power_lines)
        s.power.tower_type = self.tower_type.text().strip() or "transmission_tower"
        s.power.line_id_field = self.power_line_id.currentField()
        s.power.tower_line_field = self.tower_line_field.currentField()
        s.depots.stock_fields = self.depot_stocks.text().strip()
        s.services = [sv for sv in (row.get() for row in self.service_rows) if sv.layer]
        s.cascade.enabled = self.cascade_enabled.isChecked()
        s.cascade.dependencies = self.cascade_file.filePath().strip()
        s.cascade.runs = self.cascade_runs.value()
        s.fragility_file = self.fragility_file.filePath().strip()
        s.typology_file = self.typology_file.filePath().strip()
        s.language = self.language.currentData() or ZH
        p = s.params
        p.walk_minutes, p.walk_kmh = self.walk_minutes.value(), self.walk_kmh.value()
        p.block_level, p.exclude_level = self.block_level.value(), self.exclude_level.value()
        p.shelter_class, p.effective_ratio = self.shelter_class.currentIndex(), self.effective_ratio.value()
        p.failed_expression = self.failed.text().strip() or '"p_fail" >= 0.5'
        p.evacuate_level, p.evacuate_max_m = self.evacuate_level.value(), self.evacuate_max_m.value()
        p.loss_floors = self.loss_floors.value()
        s.map_title, s.map_note = self.map_title.text().strip(), self.map_note.text().strip()
        s.output_dir = self.output_dir.filePath().strip()
        sc = self.scenario()
        if sc is not None:
            sc.hazards = [row.get() for row in self.hazard_rows]
            sc.overlay_method = self.overlay_method.currentIndex()
            sc.weights = self.weights.text().strip()
            sc.intensity_layer = layer_id(self.intensity)
            sc.intensity_measure = self.intensity_measure.currentIndex()
        return s

    def _changed_later(self, *_args):
        """Layer changes are taken once control returns to the event loop (after a layer removal)."""
        self._timer.start()

    def _suspend(self, *_args):
        self._suspended = True

    def _changed(self, *_args):
        if self._loading or self._suspended:
            return
        self.read_widgets()
        self._save()
        self.refresh()

    def _save(self):
        save_study(self.study, self.project)
        save_runs(self.runs, self.project)

    def reload(self, *_args):
        self._suspended = False
        self._timer.stop()
        if self.task is not None:
            self.cancel()
        self.study = load_study(self.project)
        self.runs = load_runs(self.project)
        self.scenario_box.blockSignals(True)
        self.scenario_box.clear()
        self.scenario_box.blockSignals(False)
        self.load_from_study()

    def _layers_changed(self, *_args):
        self._suspended = False
        if not self._loading:
            self._timer.start()

    # --- status ---------------------------------------------------------------------------------
    def check_layers(self):
        """Show the problems of every chosen layer; returns True when none is an error."""
        reference = self.units_layer.currentLayer()
        roles = {"units": None, "population": "population"}
        ok = True
        for key, (combo, label) in self.problem_labels.items():
            problems = layer_problems(combo.currentLayer(), reference, roles.get(key))
            show_problems(label, problems)
            ok = ok and all(level != ERROR for level, _t in problems)
        for row in self.hazard_rows:
            ok = all(level != ERROR for level, _t in row.check(reference)) and ok
        table, cascade = self.cascade_check()
        for row in self.lifeline_rows:
            problems = layer_problems(row.layer.currentLayer(), reference) + cascade_class_problems(row.get(), table)
            show_problems(row.problems, problems)
            ok = ok and all(level != ERROR for level, _t in problems)
        for row in self.service_rows:
            problems = layer_problems(row.layer.currentLayer(), reference)
            show_problems(row.problems, problems)
            ok = ok and all(level != ERROR for level, _t in problems)
        show_problems(self.cascade_problems, cascade)
        return ok and all(level != ERROR for level, _t in cascade)

    def cascade_check(self):
        """The cascade's dependency table (None when the cascade is off or the table does not load) and the
        problems shown under its settings: the table's error, or the first lifeline's class."""
        from ...core.cascade import load_dependencies
        from ...core.errors import InputError
        from .steps import lifeline_layers

        if not self.study.cascade.enabled:
            return None, []
        try:
            table = load_dependencies(self.study.cascade.dependencies or None)
        except InputError as err:
            return None, [(ERROR, err.translated(tr))]
        first = lifeline_layers(self.study)[:1]
        problems = cascade_class_problems(first[0], table) if first else []
        if "people" in table.classes and not (self.study.hospitals.layer and self.study.population.layer):
            # the people come from the hospital access run (its population points), which needs both
            problems.append((INFO, tr("Without hospitals and population the cascade counts no persons without "
                                      "service: choose both for the hospital access run to include the people.")))
        return table, problems

    def refresh(self):
        """Recompute the status of every step and show the numbers of their last runs."""
        if self._loading or self._suspended:
            return
        self.check_layers()
        sc = self.scenario()
        self.statuses = runner.step_statuses(self.study, sc, self.runs, self.project) if sc else {}
        done = self.runs.get(sc.name, {}) if sc else {}
        running = self.task.prepared.step if self.task is not None else None
        for step, row in self.step_rows.items():
            status = self.statuses.get(step, runner.NOT_READY)
            row.set_status("running" if step == running else "queued" if step in self.queue else status)
            row.set_numbers(done.get(step, {}).get("numbers", {}))
            row.run.setEnabled(self.task is None and status != runner.NOT_READY)
        busy = self.task is not None
        self.run_all_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.maps_button.setEnabled(not busy)

    # --- running --------------------------------------------------------------------------------
    def run_all(self, _checked=False):
        """Run every step that can run and is not up to date, in planning order."""
        self.refresh()
        steps = [s for s in STEP_IDS if self.statuses.get(s) not in (runner.NOT_READY, runner.UP_TO_DATE)]
        return self.run_steps(steps)

    def run_steps(self, steps):
        if self.task is not None or not steps:
            return None
        self.read_widgets()
        self._save()
        if not self.check_layers():
            self.progress_label.setText(tr("Fix the problems shown on the Study tab first."))
            return None
        self.queue = list(steps)
        return self._next()

    def _next(self):
        if not self.queue:
            self.refresh()
            return None
        step = self.queue.pop(0)
        row = self.step_rows[step]
        show_problems(row.message, [])
        try:
            prepared = runner.prepare_step(self.study, self.scenario(), step, self.runs, self.project)
        except QgsProcessingException as err:
            show_problems(row.message, [(ERROR, err.args[0] if err.args else str(err))])
            self.queue = []
            self.refresh()
            return None
        self.task = runner.StepTask(prepared, self.runs, self.project)
        self.task.progressChanged.connect(lambda p: self.progress.setValue(int(p)))
        self.task.stepFinished.connect(self._step_finished)
        self.progress.setValue(0)
        self.progress_label.setText(tr("Running: {step}").format(step=runner.step_title(step)))
        self.refresh()
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def _step_finished(self, step, ok, message):
        self.task = None
        save_runs(self.runs, self.project)
        row = self.step_rows[step]
        if ok:
            self.progress.setValue(100)
            self.progress_label.setText(tr("Finished: {step}").format(step=runner.step_title(step)))
            self.refresh()
            self._next()
        else:
            show_problems(row.message, [(ERROR, message)])
            self.progress.setValue(0)
            self.progress_label.setText(tr("Stopped: {step}").format(step=runner.step_title(step)))
            self.queue = []
            self.refresh()

    def cancel(self, _checked=False):
        self.queue = []
        if self.task is not None:
            self.task.cancel()

    def select_behind(self, step, index):
        """Select the features behind the ``index``-th number of ``step`` and make their layer active."""
        sc = self.scenario()
        row = self.step_rows[step]
        if sc is None or index >= len(row.items) or row.items[index][2] is None:
            return None
        call, output, expression = row.items[index][2]
        for lyr in runner.step_layers(sc.name, step, self.project):
            if lyr.customProperty("resilience_workbench/output") == f"{call}:{output}":
                lyr.selectByExpression(expression)
                if self.iface is not None:
                    self.iface.setActiveLayer(lyr)
                return lyr
        return None

    # --- exports --------------------------------------------------------------------------------
    def export_tables_dialog(self, _checked=False):
        sc = self.scenario()
        if sc is None or not self.runs.get(sc.name):
            self.progress_label.setText(tr("Run the steps first: there are no tables yet."))
            return None
        path, _f = QFileDialog.getSaveFileName(
            self,
            tr("Export tables"),
            str(runner.results_root(self.study, self.project) / f"{runner.slug(sc.name)}.xlsx"),
            "XLSX (*.xlsx)",
        )
        if not path:
            return None
        return self.export_tables(path)

    def export_tables(self, path):
        sc = self.scenario()
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            sheets = export_tables(self.runs.get(sc.name, {}), path, self.language.currentData())
        except OSError as err:
            self.progress_label.setText(tr("Could not write {path}: {error}").format(path=path, error=err))
            return None
        self.progress_label.setText(tr("{n} tables written to {path}").format(n=len(sheets), path=path))
        return sheets

    def export_model_dialog(self, _checked=False):
        path, _f = QFileDialog.getSaveFileName(self, tr("Export as model"), "", tr("Processing models (*.model3)"))
        if path:
            return self.export_model(path if path.endswith(".model3") else path + ".model3")
        return None

    def export_model(self, path):
        sc = self.scenario()
        prepared = []
        for step in STEP_IDS:
            if step in self.runs.get(sc.name, {}):
                try:
                    prepared.append(
                        runner.prepare_step(self.study, sc, step, self.runs, self.project, reuse_outputs=True)
                    )
                except QgsProcessingException:
                    continue
        if not prepared:
            self.progress_label.setText(tr("Run the steps first: there is nothing to export yet."))
            return False
        ok = export_model(prepared, path, tr("Resilience assessment: {name}").format(name=sc.name))
        self.progress_label.setText(
            tr("Model written to {path}").format(path=path) if ok else tr("Could not write {path}").format(path=path)
        )
        return ok

    def open_fragility_editor(self, _checked=False):
        from ..editor_wrappers import user_fragility_path
        from ..fragility_editor import FragilityEditor

        path = Path(self.study.fragility_file or user_fragility_path())
        path.parent.mkdir(parents=True, exist_ok=True)
        dialog = FragilityEditor(path, self)
        if dialog.exec() and dialog.path is not None:
            self.fragility_file.setFilePath(str(dialog.path))
            self._changed()
        return dialog

    def ahp_dialog(self):
        """The AHP matrix of the study in a dialog (OK keeps it, "Default weights" drops it)."""
        from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox

        from ..ahp_matrix_widget import AhpMatrixWidget
        from ..buttons import Button, button_box

        dialog = QDialog(self)
        dialog.setWindowTitle(tr("AHP weights"))
        v = QVBoxLayout(dialog)
        dialog.matrix = AhpMatrixWidget()
        dialog.matrix.set_criteria(self.study.ahp_criteria)
        if self.study.ahp_matrix:
            dialog.matrix.set_values(self.study.ahp_matrix)
        v.addWidget(dialog.matrix)
        buttons = button_box(Button.Ok, Button.Cancel)
        default = buttons.addButton(tr("Default weights"), QDialogButtonBox.ButtonRole.ResetRole)
        default.clicked.connect(lambda: dialog.done(2))
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        v.addWidget(buttons)
        return dialog

    def apply_ahp(self, dialog, result):
        """Take the dialog's matrix (result 1) or go back to the default weights (result 2)."""
        if result == 1:
            if dialog.matrix.error is not None:
                return False
            self.study.ahp_matrix = dialog.matrix.values()
            self.study.ahp_criteria = ",".join(dialog.matrix.criteria)
        elif result == 2:
            self.study.ahp_matrix = []
        else:
            return False
        self._show_ahp()
        self._save()
        self.refresh()
        return True

    def open_ahp_dialog(self, _checked=False):
        dialog = self.ahp_dialog()
        return self.apply_ahp(dialog, dialog.exec())

    def _show_ahp(self):
        if not self.study.ahp_matrix:
            self.ahp_label.setText(tr("The default weights of the standards file"))
            return
        from ...core import ahp
        from ...core.errors import InputError

        try:
            names = ahp.parse_criteria(self.study.ahp_criteria)
            res = ahp.ahp_weights(ahp.parse_matrix(self.study.ahp_matrix, len(names)))
            self.ahp_label.setText(
                ", ".join(f"{n} {w:.2f}" for n, w in zip(names, res.weights)) + f" (CR = {res.cr:.3f})"
            )
        except InputError as err:
            self.ahp_label.setText(err.translated(tr))

    def open_typology_editor(self, _checked=False):
        from ..typology_editor import TypologyEditor

        dialog = TypologyEditor(self.study.typology_file or None, self)
        if dialog.exec() and dialog.path is not None:
            self.typology_file.setFilePath(str(dialog.path))
            self._changed()
        return dialog

    def closeEvent(self, event):  # noqa: N802 - Qt API
        self.cancel()
        super().closeEvent(event)

    def disconnect_project(self):
        self._timer.stop()
        for signal, slot in (
            (self.project.layersWillBeRemoved, self._suspend),
            (self.project.readProject, self.reload),
            (self.project.cleared, self.reload),
            (self.project.layersAdded, self._layers_changed),
            (self.project.layersRemoved, self._layers_changed),
        ):
            try:
                signal.disconnect(slot)
            except TypeError:
                pass
