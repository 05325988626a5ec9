#!/usr/bin/env python3
"""Screenshots of the real QGIS desktop under Xvfb, in Chinese (zh-Hans, as QGIS's Options dialog stores
it) and English, for docs/TOUR.md: `.venv/bin/python scripts/make_screenshots.py --out /tmp/shots`.

Needs `make package` first (the plugin is copied from build/resilience_plugin into a throw-away QGIS
profile), xvfb-run and the qgis package. The pictures are full size; docs/images holds reduced copies.
"""

import argparse
import os
import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILE_INI = """[PythonPlugins]
resilience_plugin=true

[locale]
userLocale={locale}
overrideFlag=true

[qgis]
showTips=false
checkVersion=false
"""


def shoot(locale, tag, out, plugin):
    with tempfile.TemporaryDirectory(prefix="qgis_shots_") as tmp:
        profile = Path(tmp) / "profiles" / "default"
        (profile / "QGIS").mkdir(parents=True)
        (profile / "QGIS" / "QGIS3.ini").write_text(PROFILE_INI.format(locale=locale), encoding="utf-8")
        shutil.copytree(plugin, profile / "python" / "plugins" / "resilience_plugin")
        env = dict(os.environ, SHOT_DIR=str(out), SHOT_LANG=tag,
                   PYTHONPATH=sysconfig.get_paths()["purelib"])  # the venv's shapely / pyproj / scipy
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", "qgis", "--nologo", "--noversioncheck",
               "--profiles-path", tmp, "--code", str(ROOT / "scripts" / "screenshots_in_qgis.py")]
        subprocess.run(cmd, env=env, timeout=180, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return sorted(out.glob(f"*_{tag}.png"))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    ap.add_argument("--plugin", type=Path, default=ROOT / "build" / "resilience_plugin")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for locale, tag in (("zh-Hans", "zh"), ("en_US", "en")):
        for path in shoot(locale, tag, args.out.resolve(), args.plugin):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
