"""The Processing provider ``resilience`` (Resilience planning / 韧性规划)."""

import importlib
import inspect
import pkgutil

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from ..paths import resource_path
from . import algorithms as algorithms_pkg
from .base import ResilienceAlgorithm


def algorithm_classes():
    """Every algorithm class of ``processing/algorithms`` (one module each), sorted by id.

    A module that fails to import is reported in the QGIS log and skipped, so one broken
    algorithm does not take the whole provider down; the test suite checks the full list.
    """
    found = {}
    for info in pkgutil.iter_modules(algorithms_pkg.__path__):
        name = f"{algorithms_pkg.__name__}.{info.name}"
        try:
            module = importlib.import_module(name)
        except Exception as err:  # noqa: BLE001 - reported, see docstring
            QgsMessageLog.logMessage(tr("Could not load the algorithm module {name}: {error}").format(name=name, error=err),
                                     tr("Resilience Planner"), Qgis.MessageLevel.Critical)
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, ResilienceAlgorithm) and cls.ALG_ID and cls.__module__ == module.__name__:
                found[cls.ALG_ID] = cls
    return [found[k] for k in sorted(found)]


class ResilienceProvider(QgsProcessingProvider):
    def id(self):
        return "resilience"

    def name(self):
        return tr("Resilience planning (韧性规划)")

    def longName(self):  # noqa: N802
        return self.name()

    def icon(self):
        return QIcon(str(resource_path("icons", "resilience.svg")))

    def svgIconPath(self):  # noqa: N802
        return str(resource_path("icons", "resilience.svg"))

    def loadAlgorithms(self):  # noqa: N802
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
