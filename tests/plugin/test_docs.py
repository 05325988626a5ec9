"""docs/algorithms.md and docs/algorithms_zh_CN.md are what scripts/make_algorithm_docs.py writes from the
algorithms' help texts and parameters (rerun the script after changing them)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_algorithm_docs_are_current(tmp_path):
    if not list((ROOT / "i18n").glob("*.qm")):
        subprocess.run(["make", "-C", str(ROOT), "qm"], check=True, capture_output=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"))
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_algorithm_docs.py"), "--check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]


def test_algorithm_docs_cover_every_algorithm_in_both_languages():
    from tests.plugin.test_architecture import EXPECTED_IDS

    for name, marker in (("algorithms.md", "### Parameters"), ("algorithms_zh_CN.md", "### 参数")):
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert text.count(marker) == len(EXPECTED_IDS), name
        for alg_id in EXPECTED_IDS:
            assert f"`{alg_id}`" in text, (name, alg_id)
    zh = (ROOT / "docs" / "algorithms_zh_CN.md").read_text(encoding="utf-8")
    assert "人口栅格单位" in zh or "人口栅格" in zh
