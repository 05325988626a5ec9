"""A dialog that shows which Python packages the plugin found, and what to type to install the rest."""

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..dependencies import RESTART, check_dependencies, detect_platform, install_steps
from ..i18n import tr
from .buttons import Button, button_box


class DependenciesDialog(QDialog):
    """What was found (package, use, version or problem) and the install commands for this platform."""

    def __init__(self, findings=None, plat=None, parent=None):
        super().__init__(parent)
        self.setObjectName("ResilienceDependenciesDialog")
        self.findings = check_dependencies() if findings is None else findings
        self.platform = plat or detect_platform()
        problems = [f for f in self.findings if not f.ok]
        self.setWindowTitle(tr("Resilience Planner: Python packages"))
        layout = QVBoxLayout(self)

        if problems:
            headline = tr("{n} of the Python packages that the analyses need are missing or unusable, so the "
                          "Resilience Planner algorithms are not available yet.").format(n=len(problems))
        else:
            headline = tr("Every Python package that the analyses need was found.")
        self.headline = QLabel(headline)
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)

        self.table = QTableWidget(len(self.findings), 3)
        self.table.setHorizontalHeaderLabels([tr("Package"), tr("Needed for"), tr("Found")])
        for row, finding in enumerate(self.findings):
            found = finding.found or tr("missing")
            if finding.problem:
                found = f"{found}: {finding.problem}" if finding.found else f"{found} ({finding.problem})"
            cells = (finding.requirement.need, tr(finding.requirement.purpose), ("✔ " if finding.ok else "✘ ") + found)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if not finding.ok:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        rows_height = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setMinimumHeight(rows_height + self.table.horizontalHeader().height() + 2 * self.table.frameWidth())
        layout.addWidget(self.table)

        self.commands = []
        if problems:
            where = tr("How to install them on this computer ({platform}):").format(platform=self.platform.name)
            layout.addWidget(QLabel(where))
            for explanation, command in install_steps(problems, self.platform):
                label = QLabel(tr(explanation))
                label.setWordWrap(True)
                layout.addWidget(label)
                row = QHBoxLayout()
                line = QLineEdit(command)
                line.setReadOnly(True)
                line.setCursorPosition(0)
                line.setToolTip(command)
                copy = QPushButton(tr("Copy"))
                copy.setToolTip(tr("Copy the command to the clipboard"))
                copy.clicked.connect(lambda _checked=False, text=command: QApplication.clipboard().setText(text))
                row.addWidget(line, 1)
                row.addWidget(copy)
                layout.addLayout(row)
                self.commands.append(command)
            restart = QLabel("<b>" + tr(RESTART) + "</b>")
            layout.addWidget(restart)

        buttons = button_box(Button.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(820, self.sizeHint().height())
