"""The provider that stands in when Python packages are missing.

It keeps the id ``resilience`` and the name of the real provider, so the Processing toolbox still
shows "Resilience planning" and, inside it, one entry that says what is missing and how to install
it. It imports nothing of the analysis (that is what would fail).
"""

from html import escape

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..dependencies import RESTART, advice, install_steps
from ..i18n import tr
from ..paths import resource_path

ICON = ("icons", "resilience.svg")


class MissingDependenciesAlgorithm(QgsProcessingAlgorithm):
    """Running it only repeats the advice; its help shows what was found and the commands."""

    def __init__(self, problems, plat=None):
        super().__init__()
        self.problems = problems
        self.platform = plat

    def name(self):
        return "missingdependencies"

    def displayName(self):  # noqa: N802 - QGIS API
        return tr("Missing Python packages: how to install them")

    def shortHelpString(self):  # noqa: N802
        rows = "".join(f"<li><b>{escape(f.requirement.need)}</b>: {escape(f.problem)}</li>" for f in self.problems)
        steps = "".join(f"<p>{escape(tr(explanation))}<br><code>{escape(command)}</code></p>"
                        for explanation, command in install_steps(self.problems, self.platform))
        lead = escape(tr("The Resilience Planner algorithms are not available until these packages work:"))
        return f"<p>{lead}</p><ul>{rows}</ul>{steps}<p><b>{escape(tr(RESTART))}</b></p>"

    def icon(self):
        return QIcon(str(resource_path(*ICON)))

    def createInstance(self):  # noqa: N802
        return type(self)(self.problems, self.platform)

    def initAlgorithm(self, config=None):  # noqa: N802
        pass

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        raise QgsProcessingException(advice(self.problems, tr, self.platform))


class MissingDependenciesProvider(QgsProcessingProvider):
    def __init__(self, problems, plat=None):
        super().__init__()
        self.problems = problems
        self.platform = plat

    def id(self):
        return "resilience"

    def name(self):
        return tr("Resilience planning (韧性规划)")

    def longName(self):  # noqa: N802
        return tr("Resilience planning (韧性规划): Python packages missing")

    def icon(self):
        return QIcon(str(resource_path(*ICON)))

    def svgIconPath(self):  # noqa: N802
        return str(resource_path(*ICON))

    def loadAlgorithms(self):  # noqa: N802
        self.addAlgorithm(MissingDependenciesAlgorithm(self.problems, self.platform))
