"""One feedback recorder for the tests: what an algorithm says on every channel QGIS has."""

from qgis.core import QgsProcessingFeedback


class Capture(QgsProcessingFeedback):
    """Records info, warnings, errors and console / debug / command output in ``messages`` (in order);
    ``warnings`` holds the warnings alone. QGIS versions differ in which channel a message takes
    (a child algorithm's error is reported in 3.22 and logged in 3.40), so tests read them all."""

    def __init__(self):
        super().__init__()
        self.messages = []
        self.warnings = []

    def pushInfo(self, info):  # noqa: N802 - QGIS API
        self.messages.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802
        self.messages.append(warning)
        self.warnings.append(warning)
        super().pushWarning(warning)

    def reportError(self, error, fatal_error=False):  # noqa: N802
        self.messages.append(error)
        super().reportError(error, fatal_error)

    def pushCommandInfo(self, info):  # noqa: N802
        self.messages.append(info)

    def pushDebugInfo(self, info):  # noqa: N802
        self.messages.append(info)

    def pushConsoleInfo(self, info):  # noqa: N802
        self.messages.append(info)

    def pushFormattedMessage(self, html, text):  # noqa: N802 - QGIS 3.32+
        self.messages.append(text)

    def text(self):
        return "\n".join(self.messages)
