"""The layering stays as DEVELOPING.md draws it: core needs no QGIS, algorithms do not lean on each other,
core modules use each other's public API only, and the provider offers exactly the expected algorithms."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "resilience_plugin"
ALGORITHMS = PACKAGE / "processing" / "algorithms"
EXPECTED_IDS = {
    "resilience:classifyhazard", "resilience:hazardoverlay", "resilience:exposuresummary", "resilience:ahpweights",
    "resilience:facilitysuitability", "resilience:sheltercoverage", "resilience:lifelineexposure",
    "resilience:networkcriticality", "resilience:exportplanmap", "resilience:applystyle", "resilience:economicloss",
    "resilience:comparescenarios", "resilience:towerfailure", "resilience:cascade", "resilience:restoration",
    "resilience:evacuationplan", "resilience:supplyplan", "resilience:robustsiting", "resilience:lifecircle",
}


def _imports(path):
    """(module, names, level) of every import statement of a file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            out.append((node.module or "", [a.name for a in node.names], node.level))
        elif isinstance(node, ast.Import):
            out.extend((a.name, [], 0) for a in node.names)
    return out


def test_core_imports_without_qgis_or_qt():
    """Every core module imports in a plain interpreter, and none of them loads qgis or PyQt."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import resilience_plugin.core as core\n"
        "for info in pkgutil.iter_modules(core.__path__):\n"
        "    importlib.import_module('resilience_plugin.core.' + info.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6', 'sip', 'PyQt'))\n"
        "print(len([m for m in sys.modules if m.startswith('resilience_plugin.core.')]), bad)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    count, bad = run.stdout.strip().split(" ", 1)
    assert int(count) >= 15
    assert bad == "[]", f"core loaded {bad}"


def test_no_algorithm_imports_another():
    modules = {p.stem for p in ALGORITHMS.glob("*.py")} - {"__init__"}
    for path in ALGORITHMS.glob("*.py"):
        for module, names, level in _imports(path):
            if level == 1:  # from .x import ... / from . import x
                targets = [module] if module else names
                assert not set(targets) & modules, f"{path.name} imports {targets} from another algorithm"
            assert "processing.algorithms" not in module, f"{path.name} imports {module}"


def test_core_modules_use_only_each_others_public_names():
    for path in (PACKAGE / "core").glob("*.py"):
        for module, names, level in _imports(path):
            if level >= 1 and module:
                private = [n for n in names if n.startswith("_")]
                assert not private, f"core/{path.name} imports private {private} from .{module}"


def test_the_provider_offers_exactly_the_expected_algorithms(provider):
    assert {a.id() for a in provider.algorithms()} == EXPECTED_IDS


def test_the_readme_example_runs_without_qgis(tmp_path):
    """README.md's "Using the analysis without QGIS" block, run as it is in a plain interpreter on the sample."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Using the analysis without QGIS", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    script = tmp_path / "example.py"
    script.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n" + code
                      + "\nassert not [m for m in sys.modules if m.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6')]\n",
                      encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], cwd=ROOT / "resources" / "sample_data",
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "level" in run.stdout and "persons in" in run.stdout
