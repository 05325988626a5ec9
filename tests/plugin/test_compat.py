"""Qt5/Qt6 and QGIS 3.22..4.x hygiene: qgis.PyQt imports only, fully scoped enums."""

import ast
import enum
import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "resilience_plugin").rglob("*.py"))


def test_no_direct_pyqt_imports():
    offenders = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in {"PyQt5", "PyQt6", "PySide2", "PySide6", "sip"}]
    assert not offenders, offenders


def _imported_classes(tree):
    """Names imported from qgis.core / qgis.gui / qgis.PyQt.* mapped to the objects."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.split(".")[0] == "qgis":
            module = importlib.import_module(node.module)
            for alias in node.names:
                obj = getattr(module, alias.name, None)
                if isinstance(obj, type):
                    out[alias.asname or alias.name] = obj
    return out


def _is_enum_member(cls, attr):
    """``cls.attr`` is an enum member reached without its enum's name (``Qt.AlignLeft``).

    Members are told by their type: sip enums (PyQt5) are int subclasses, Python enums (PyQt6, and
    QGIS's own since 3.30, whose type may be an alias such as Qgis.WkbType for QgsWkbTypes.Type) are
    enum.Enum; plain int or bool constants are not enums."""
    value = getattr(cls, attr, None)
    if value is None or isinstance(value, (type, bool)):
        return False
    if isinstance(value, enum.Enum):
        return True
    return isinstance(value, int) and type(value) is not int


def find_unscoped_enums(source):
    tree = ast.parse(source)
    classes = _imported_classes(tree)
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in classes:
            if _is_enum_member(classes[node.value.id], node.attr):
                bad.append(f"{node.value.id}.{node.attr} (line {node.lineno})")
    return bad


def test_the_checker_catches_an_unscoped_enum(qgis_app):
    snippet = "from qgis.PyQt.QtCore import Qt\nfrom qgis.core import QgsWkbTypes\na = Qt.AlignLeft\nb = QgsWkbTypes.Point\n"
    assert find_unscoped_enums(snippet) == ["Qt.AlignLeft (line 3)", "QgsWkbTypes.Point (line 4)"]
    scoped = "from qgis.PyQt.QtCore import Qt\na = Qt.AlignmentFlag.AlignLeft\n"
    assert find_unscoped_enums(scoped) == []


def test_no_unscoped_enums_in_our_code(qgis_app):
    offenders = []
    for path in SOURCES:
        offenders += [f"{path.relative_to(ROOT)}: {b}" for b in find_unscoped_enums(path.read_text(encoding="utf-8"))]
    assert not offenders, offenders


def test_metadata_declares_the_supported_range():
    import configparser

    cp = configparser.ConfigParser(interpolation=None)
    cp.optionxform = str
    cp.read(ROOT / "metadata.txt", encoding="utf-8")
    g = cp["general"]
    assert g["qgisMinimumVersion"] == "3.22"
    assert g["qgisMaximumVersion"] == "4.99"
    assert g["hasProcessingProvider"] == "yes"
    assert g["category"] == "Analysis"
    assert "supportsQt6" not in g
    assert any("\u4e00" <= ch <= "\u9fff" for ch in g["about"]), "about needs its Chinese part"
    assert g["changelog"].strip() and g["tags"].strip()
