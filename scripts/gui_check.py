#!/usr/bin/env python3
"""What a user meets first, in the real QGIS of this machine under Xvfb, in Chinese and in English.

    .venv/bin/python scripts/gui_check.py --out build/gui-check

Builds the installed plugin layout (scripts/package.py), enables it in a throw-away profile with the
interface language set (as scripts/workbench_screenshots.py does) and runs scripts/gui_check_qgis.py
inside QGIS: two workbench steps on the Jakarta sample, their entries in the Processing history, and
the dialogs with our field chooser and "Edit…" buttons. Prints each check; the pictures and
report_<language>.json are written to --out. Exit status 1 when a check failed or QGIS did not finish.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import package  # noqa: E402
from workbench_screenshots import profile  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "gui-check")
    ap.add_argument("--languages", default="zh,en")
    ap.add_argument("--missing", help="a package to make unimportable (e.g. scipy): check what a user without it sees")
    args = ap.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        package.build(tmp / "plugins" / "resilience_plugin")
        site = os.pathsep.join(p for p in sys.path if p.endswith("site-packages"))
        if args.missing:  # a package of that name first on the path whose import fails
            shadow = tmp / "shadow" / args.missing
            shadow.mkdir(parents=True)
            (shadow / "__init__.py").write_text(f"raise ImportError('{args.missing} hidden by gui_check.py')\n")
            site = os.pathsep.join([str(shadow.parent), site])
        for lang in args.languages.split(","):
            tag = f"{lang}_missing" if args.missing else lang
            for old in (out / f"report_{tag}.json", out / f"error_{tag}.txt"):
                old.unlink(missing_ok=True)
            prof = tmp / f"profile_{tag}"
            profile(prof, "zh-Hans" if lang == "zh" else "en_US")
            plugins = str(tmp / "plugins")
            env = {**os.environ, "PYTHONPATH": site, "QGIS_PLUGINPATH": plugins, "GC_OUT": str(out), "GC_TAG": tag,
                   "GC_MISSING": args.missing or ""}
            cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", "qgis", "--nologo", "--noversioncheck",
                   "--profiles-path", str(prof), "--code", str(ROOT / "scripts" / "gui_check_qgis.py")]
            proc = subprocess.run(cmd, env=env, timeout=3600, check=False)
            report_path = out / f"report_{tag}.json"
            if not report_path.exists():
                print(f"{tag}: no report (QGIS exit {proc.returncode})")
                failed = True
                continue
            report = json.loads(report_path.read_text(encoding="utf-8"))
            print(f"{tag}: QGIS {report['qgis']}, steps {report.get('steps_seconds')} s")
            for name, c in report["checks"].items():
                print(f"  {'ok  ' if c['ok'] else 'FAIL'} {name}: {c['detail']}")
                failed |= not c["ok"]
            error = out / f"error_{tag}.txt"
            if error.exists():
                print(error.read_text(encoding="utf-8"))
                failed = True
            failed |= not report.get("done")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
