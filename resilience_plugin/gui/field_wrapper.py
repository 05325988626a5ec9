"""The field chooser of a layer input that may hold a raster (``processing.base.field_of_map_layer``).

QGIS's own field widget crashes QGIS (3.22 and 3.40 checked) when the layer parameter it depends on holds
a raster layer, so these field parameters are not tied to their layer in the definition. In the
algorithm dialog this wrapper shows a field combo box that follows the layer input while it holds a
vector layer and is empty (and disabled) while it holds a raster; in the batch and modeler dialogs it is
a line edit for the field name.
"""

from qgis.core import QgsMapLayer, QgsProcessingContext, QgsProcessingUtils, QgsProject, QgsVectorLayer
from qgis.gui import QgsFieldComboBox
from qgis.PyQt.QtWidgets import QLineEdit

from ..compat import FIELD_NUMERIC, enum_value
from .wrapper_base import DIALOG_STANDARD, ResilienceWidgetWrapper

LAYER_OF_FIELD = "resilience_layer_of_field"  # the same key as processing.base.LAYER_OF_FIELD


class LayerFieldWrapper(ResilienceWidgetWrapper):
    def createWidget(self, **_kwargs):  # noqa: N802 - Processing API
        self._pending = None
        self._ctx = None
        if self.dialogType == DIALOG_STANDARD:
            self.combo = QgsFieldComboBox()
            self.combo.setAllowEmptyFieldName(True)
            if enum_value(self.parameterDefinition().dataType()) == enum_value(FIELD_NUMERIC):
                from qgis.core import QgsFieldProxyModel

                self.combo.setFilters(QgsFieldProxyModel.Filter.Numeric)
            self.combo.fieldChanged.connect(lambda _f: self.widgetValueHasChanged.emit(self))
            self.combo.setEnabled(False)
            return self.combo
        self.combo = None
        self.line = QLineEdit()
        self.line.textChanged.connect(lambda _t: self.widgetValueHasChanged.emit(self))
        return self.line

    def postInitialize(self, wrappers):  # noqa: N802 - Processing API
        name = self.parameterDefinition().metadata().get(LAYER_OF_FIELD)
        for w in wrappers:
            if w.parameterDefinition().name() == name and self.combo is not None:
                w.widgetValueHasChanged.connect(self.layer_changed)
                self.layer_changed(w)

    def _layer(self, value):
        if isinstance(value, QgsMapLayer):
            return value
        if not value:
            return None
        layer = QgsProject.instance().mapLayer(str(value))
        if layer is None:
            if self._ctx is None:
                self._ctx = QgsProcessingContext()  # layers loaded from a path live as long as the wrapper
                self._ctx.setProject(QgsProject.instance())
            layer = QgsProcessingUtils.mapLayerFromString(str(value), self._ctx)
        return layer

    def layer_changed(self, wrapper):
        value = wrapper.parameterValue() if hasattr(wrapper, "parameterValue") else wrapper.value()
        layer = self._layer(value)
        vector = layer if isinstance(layer, QgsVectorLayer) else None
        keep = self._pending or self.combo.currentField()
        self.combo.setLayer(vector)
        self.combo.setEnabled(vector is not None)
        if vector is not None and keep:
            self.combo.setField(keep)
            self._pending = None if self.combo.currentField() == keep else keep

    def setValue(self, value):  # noqa: N802 - Processing API
        text = "" if value is None else str(value)
        if self.combo is None:
            self.line.setText(text)
            return
        self._pending = text or None
        self.combo.setField(text)

    def value(self):
        text = self.combo.currentField() if self.combo is not None else self.line.text().strip()
        return text or None
