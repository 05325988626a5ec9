"""ruff (the `make lint` rules) is part of the suite, so CI enforces it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_is_clean():
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "resilience_plugin", "tests", "scripts", "bench"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]
