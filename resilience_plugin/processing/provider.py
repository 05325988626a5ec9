"""The Processing provider ``resilience`` (Resilience planning / 韧性规划)."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from ..paths import resource_path
from .algorithms.classify_hazard import ClassifyHazard

ALGORITHMS = [ClassifyHazard]


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
        for alg in ALGORITHMS:
            self.addAlgorithm(alg())
