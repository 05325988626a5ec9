#!/usr/bin/env python3
"""Pictures of the Resilience assessment panel in real QGIS under Xvfb, in Chinese and in English.

    .venv/bin/python scripts/workbench_screenshots.py --out build/screenshots

Builds the installed plugin layout (scripts/package.py), enables it in a throw-away QGIS profile with
the interface language set (zh-Hans / en_US), and runs scripts/workbench_screenshot_qgis.py inside
QGIS: the Jakarta sample, every step of the panel, a picture mid-run and one afterwards.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import package  # noqa: E402


def profile(root, locale):
    ini = root / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text(
        "[PythonPlugins]\nresilience_plugin=true\n\n"
        f"[locale]\noverrideFlag=true\nuserLocale={locale}\n\n"
        "[qgis]\ncheckVersion=false\nshowTips=false\n",
        encoding="utf-8",
    )


def shrink(png, width=1280):
    """Scale a screenshot to ``width`` pixels and reduce it to 256 colours (a fifth of the size, text stays sharp)."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    if img.width > width:
        img = img.resize((width, round(img.height * width / img.width)), Image.Resampling.LANCZOS)
    img.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(png, optimize=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    ap.add_argument("--languages", default="zh,en")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        package.build(tmp / "plugins" / "resilience_plugin")
        for tag in args.languages.split(","):
            prof = tmp / f"profile_{tag}"
            profile(prof, "zh-Hans" if tag == "zh" else "en_US")
            # QGIS's Python sees the packages of the interpreter running this script (the venv's shapely 2).
            site = os.pathsep.join(p for p in sys.path if p.endswith("site-packages"))
            env = {
                **os.environ,
                "PYTHONPATH": site,
                "QGIS_PLUGINPATH": str(tmp / "plugins"),
                "RESILIENCE_WORKBENCH_BACKGROUND": "1",  # the mid-run pictures need a step running in the background
                "WB_OUT": str(args.out.resolve()),
                "WB_TAG": tag,
            }
            cmd = [
                "xvfb-run",
                "-a",
                "-s",
                "-screen 0 1600x1000x24",
                "qgis",
                "--nologo",
                "--noversioncheck",
                "--profiles-path",
                str(prof),
                "--code",
                str(ROOT / "scripts" / "workbench_screenshot_qgis.py"),
            ]
            subprocess.run(cmd, env=env, timeout=3600, check=False)
            (args.out / f"error_{tag}.txt").unlink(missing_ok=True) if (args.out / f"done_{tag}.txt").exists() else None
            for png in args.out.glob(f"workbench_*_{tag}.png"):
                shrink(png)
            print(tag, "done" if (args.out / f"done_{tag}.txt").exists() else "FAILED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
