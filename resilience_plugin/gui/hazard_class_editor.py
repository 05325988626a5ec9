"""The hazard class editor: a histogram of a raster's (or a numeric field's) values with the class
breaks drawn on it, presets to start from, and the area per class, updated as the breaks change.

Bad breaks (not numbers, not ascending) are refused with the message *Classify hazard* would give;
``thresholds()`` is then None and OK is disabled. Opened from the workbench's hazard rows and from
the *Classify hazard* dialog (Edit… next to THRESHOLDS).
"""

import numpy as np
from osgeo import gdal
from qgis.core import QgsDistanceArea, QgsProject, QgsRasterLayer, QgsUnitTypes, QgsVectorLayer
from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QPainter, QPen
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import class_breaks
from ..core.errors import InputError
from ..core.standards import PRESET_ORDER, hazard_presets
from ..i18n import tr
from .buttons import Button, button_box

LEVEL_COLOURS = ["#d5d8dc", "#2e86c1", "#f4d03f", "#e67e22", "#c0392b", "#7b241c"]


def layer_values(layer, field=None, band=1, max_cells=4_000_000):
    """(values, area of each value in m²) of a raster band, or of a numeric field of polygons."""
    if isinstance(layer, QgsRasterLayer):
        ds = gdal.Open(layer.source())
        if ds is None:
            raise InputError(tr("The raster {path} cannot be read."), path=layer.source())
        b = ds.GetRasterBand(band)
        step = max(1, int(np.ceil(np.sqrt(ds.RasterXSize * ds.RasterYSize / max_cells))))
        w, h = int(np.ceil(ds.RasterXSize / step)), int(np.ceil(ds.RasterYSize / step))
        values = b.ReadAsArray(buf_xsize=w, buf_ysize=h).astype(float)
        nodata = b.GetNoDataValue()
        if nodata is not None:
            values[values == nodata] = np.nan
        gt = list(ds.GetGeoTransform())
        gt[1] *= ds.RasterXSize / w
        gt[5] *= ds.RasterYSize / h
        if layer.crs().isGeographic():
            areas = np.repeat(class_breaks.geographic_cell_areas(gt, h)[:, None], w, axis=1)
        else:
            factor = QgsUnitTypes.fromUnitToUnitFactor(layer.crs().mapUnits(), QgsUnitTypes.DistanceUnit.DistanceMeters)
            areas = np.full(values.shape, abs(gt[1] * gt[5]) * factor**2)
        return values.ravel(), areas.ravel()
    if isinstance(layer, QgsVectorLayer) and field:
        if layer.fields().lookupField(field) < 0:
            raise InputError(tr("The field '{field}' is not in the layer."), field=field)
        da = QgsDistanceArea()
        da.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
        da.setEllipsoid(layer.crs().ellipsoidAcronym() or "EPSG:7030")
        values, areas = [], []
        for feat in layer.getFeatures():
            try:
                v = float(feat[field])
            except (TypeError, ValueError):
                v = np.nan
            values.append(v)
            areas.append(da.measureArea(feat.geometry()) if feat.hasGeometry() else 0.0)
        return np.asarray(values, dtype=float), np.asarray(areas, dtype=float)
    return np.zeros(0), np.zeros(0)


class Histogram(QWidget):
    """Bars of the value histogram coloured by level, with a vertical line at each break."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts = np.zeros(0)
        self.edges = np.zeros(0)
        self.breaks = []
        self.setMinimumSize(360, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, counts, edges, breaks):
        self.counts, self.edges, self.breaks = np.asarray(counts), np.asarray(edges), list(breaks or [])
        self.update()

    def x_of(self, value, rect):
        lo, hi = float(self.edges[0]), float(self.edges[-1])
        return rect.left() + (value - lo) / (hi - lo) * rect.width()

    def paintEvent(self, _event):  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if len(self.counts) == 0:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("No values"))
            return
        rect = QRectF(self.rect()).adjusted(8, 8, -8, -20)
        top = float(self.counts.max()) or 1.0
        bw = rect.width() / len(self.counts)
        for i, c in enumerate(self.counts):
            mid = 0.5 * (self.edges[i] + self.edges[i + 1])
            level = int(np.searchsorted(self.breaks, mid, side="right"))
            colour = QColor(LEVEL_COLOURS[min(level, len(LEVEL_COLOURS) - 1)])
            h = rect.height() * np.sqrt(float(c) / top)  # square-root scale: small classes stay visible
            painter.fillRect(QRectF(rect.left() + i * bw, rect.bottom() - h, max(bw - 1, 1), h), colour)
        pen = QPen(QColor("#17202a"))
        pen.setWidth(2)
        painter.setPen(pen)
        for k, b in enumerate(self.breaks):
            if self.edges[0] <= b <= self.edges[-1]:
                x = self.x_of(b, rect)
                painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
                painter.drawText(QPointF(x + 2, rect.top() + 12 + 14 * (k % 3)), f"{b:g}")
        painter.setPen(QColor("#566573"))
        painter.drawText(QPointF(rect.left(), rect.bottom() + 15), f"{self.edges[0]:g}")
        painter.drawText(QPointF(rect.right() - 40, rect.bottom() + 15), f"{self.edges[-1]:g}")


class HazardClassEditor(QDialog):
    """Edit the thresholds of a continuous hazard layer (see the module doc)."""

    def __init__(self, layer, field=None, thresholds="", parent=None, band=1):
        super().__init__(parent)
        self.setWindowTitle(tr("Hazard classes"))
        self.values, self.areas = layer_values(layer, field, band=band)
        self.counts, self.edges = class_breaks.histogram(self.values, self.areas)
        self.rows = []
        self.error = None
        v = QVBoxLayout(self)
        form = QFormLayout()
        self.preset = QComboBox()
        self.preset.addItem(tr("Start from a preset…"), None)
        presets = hazard_presets()
        for key in PRESET_ORDER:
            p = presets[key]
            if "thresholds" in p:
                self.preset.addItem(
                    f"{p['name']['zh']} / {p['name']['en']}", ",".join(f"{t:g}" for t in p["thresholds"])
                )
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.breaks = QLineEdit(thresholds)
        self.breaks.setObjectName("breaks")
        self.breaks.textChanged.connect(self.update_classes)
        form.addRow(tr("Preset"), self.preset)
        form.addRow(tr("Class breaks"), self.breaks)
        v.addLayout(form)
        self.histogram = Histogram()
        v.addWidget(self.histogram, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b")
        v.addWidget(self.message)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Level"), tr("Values"), tr("Area (km²)"), tr("Share")])
        v.addWidget(self.table, 1)
        self.buttons = button_box(Button.Ok, Button.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        v.addWidget(self.buttons)
        self.update_classes()

    def _preset_chosen(self, _index):
        text = self.preset.currentData()
        if text:
            self.breaks.setText(text)

    def thresholds(self):
        """The breaks as text, or None while they are invalid."""
        return None if self.error else self.breaks.text().strip()

    def update_classes(self, *_args):
        text = self.breaks.text().strip()
        try:
            if not text:
                raise InputError(tr("Give at least one class break."))
            self.rows = class_breaks.class_table(self.values, self.areas, text)
            self.error = None
        except InputError as err:
            self.error = err.translated(tr)
            self.rows = []
        self.message.setText(self.error or "")
        self.message.setVisible(bool(self.error))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.error is None)
        breaks = [r["lower"] for r in self.rows if r["lower"] is not None]
        self.histogram.set_data(self.counts, self.edges, breaks)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            lo = "" if r["lower"] is None else f"{r['lower']:g}"
            hi = "" if r["upper"] is None else f"{r['upper']:g}"
            span = f"< {hi}" if not lo else f"≥ {lo}" if not hi else f"{lo} – {hi}"
            for j, text in enumerate((str(r["level"]), span, f"{r['weight'] / 1e6:,.3f}", f"{100 * r['share']:.1f}%")):
                item = QTableWidgetItem(text)
                item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
