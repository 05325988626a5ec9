"""Our algorithms run again and again in Processing's own background task, as the toolbox runs them.

On QGIS 3.40 / 3.44 with pyproj 3.7 the second run on a pooled thread used to crash QGIS (see
``compat.keep_proj_context``). The runs happen in a QGIS process of their own, so a crash fails this
test with its signal instead of taking the whole suite down."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUNS = 6


def test_repeated_background_runs_do_not_crash(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("background_runs.py")), str(REPO), str(tmp_path), str(RUNS)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("run ")]
    assert proc.returncode == 0, f"exit {proc.returncode} after {lines}\n{proc.stderr[-2000:]}"
    assert lines == [f"run {i}: ok" for i in range(RUNS)]
    # every run wrote its own complete output
    assert sorted(p.name for p in tmp_path.glob("run*.gpkg")) == sorted(f"run{i}.gpkg" for i in range(RUNS))
