"""ruff (the `make lint` rules) is part of the suite, so CI enforces it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_is_clean():
    paths = ["resilience_plugin", "resilience_dask", "tests", "scripts", "bench"]
    run = subprocess.run([sys.executable, "-m", "ruff", "check", *paths], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]


def test_mypy_is_clean_on_core():
    """mypy on resilience_plugin/core with the [tool.mypy] settings of pyproject.toml (mypy: requirements-dev.txt)."""
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]


def test_complexity_and_line_length_are_configured():
    """`make lint` checks complexity (mccabe C901 at 15) and 120-character lines (new files)."""
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]
    assert conf["line-length"] == 120
    assert "C90" in conf["lint"]["select"] and conf["lint"]["mccabe"]["max-complexity"] == 15
    assert "E501" not in conf["lint"]["ignore"]
