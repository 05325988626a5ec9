"""The base of our Processing widget wrappers (field chooser, "Edit…" buttons, AHP matrix).

The Processing plugin builds a wrapper's label as the parameter's description plus ``self.tr(" [optional]")``.
PyQt's ``QObject.tr`` takes the Python class name as the translation context, so for a subclass of
``WidgetWrapper`` QGIS's catalogue (which has the suffix under "WidgetWrapper") was never asked: a Chinese
QGIS showed "[optional]" after our parameters and "[可选]" after every other one (3.22 and 3.40 seen).
"""

from qgis.PyQt.QtCore import QCoreApplication

try:  # the Processing plugin's Python wrappers exist wherever the algorithm dialog does
    from processing.gui.wrappers import DIALOG_STANDARD, WidgetWrapper
except ImportError:  # a bare PyQGIS script: nothing to wrap
    WidgetWrapper, DIALOG_STANDARD = object, None

QGIS_CONTEXT = "WidgetWrapper"


class ResilienceWidgetWrapper(WidgetWrapper):
    def tr(self, text, disambiguation=None, n=-1):
        """QGIS's own strings of the wrapper (the label's " [optional]") in the context of QGIS's catalogue."""
        return QCoreApplication.translate(QGIS_CONTEXT, text, disambiguation, n)
