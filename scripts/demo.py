#!/usr/bin/env python3
"""`make demo`: the resilience workflow on the bundled Jakarta sample, run through qgis_process.bin
exactly as a batch user would, writing into output/.

Steps come from scripts/demo_steps/*.py (run in file-name order); each module defines
``STEPS = [{"title": ..., "alg": "resilience:...", "params": {...}}, ...]`` where parameter values
may use ``{sample}`` (the bundled sample data folder) and ``{out}`` (the output folder). A step may
run one of the plugin's models instead of an algorithm: ``"model": "resilience_assessment"`` runs
resources/models/resilience_assessment.model3 (model outputs are named ``child:output``).
``--only 10`` (or ``DEMO_STEPS=10 make demo``) runs only the step files whose names start with 10.
"""

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QGIS_PROCESS = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"


def environment(plugin_dir, profile_dir):
    env = dict(os.environ)
    env["QGIS_PLUGINPATH"] = str(plugin_dir)
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(profile_dir)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # qgis_process embeds the system Python: let it see the venv's shapely/pyproj/scipy.
    site = sysconfig.get_paths()["purelib"]
    env["PYTHONPATH"] = os.pathsep.join(p for p in (site, env.get("PYTHONPATH", "")) if p)
    return env


def load_steps(only=()):
    steps = []
    for path in sorted((ROOT / "scripts" / "demo_steps").glob("*.py")):
        if only and not any(path.name.startswith(prefix) for prefix in only):
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        steps.extend(getattr(module, "STEPS", []))
    return steps


def is_output(key):
    """An algorithm's OUTPUT* parameter, or a model output (named ``child:output``)."""
    return key.startswith("OUTPUT") or key.endswith("OUTPUT") or ":" in key


def fill(value, names):
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, list):
        return [fill(v, names) for v in value]
    return value


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--plugin-dir", type=Path, default=ROOT / "build", help="folder holding resilience_plugin/")
    ap.add_argument("--out", type=Path, default=ROOT / "output")
    ap.add_argument("--only", action="append", metavar="PREFIX",
                    default=[p for p in os.environ.get("DEMO_STEPS", "").split(",") if p.strip()],
                    help="run only the step files whose names start with PREFIX (e.g. 10); "
                         "default: $DEMO_STEPS (comma separated), else all")
    args = ap.parse_args()
    plugin_dir = args.plugin_dir.resolve()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    profile = plugin_dir / "qgis-profile"
    env = environment(plugin_dir, profile)
    # "enable" exits with 1 when the profile already has the plugin enabled: check the listing instead.
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "resilience_plugin"], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    listing = subprocess.run([QGIS_PROCESS, "plugins"], env=env, capture_output=True, text=True).stdout
    if "* resilience_plugin" not in listing:
        print(f"qgis_process could not enable resilience_plugin from {plugin_dir}", file=sys.stderr)
        return 1
    names = {"sample": str(plugin_dir / "resilience_plugin" / "resources" / "sample_data"), "out": str(out)}
    written = []
    t_start = time.perf_counter()
    steps = load_steps(args.only)
    if not steps:
        print("No demo steps selected.", file=sys.stderr)
        return 1
    for step in steps:
        if "model" in step:
            step["alg"] = str(plugin_dir / "resilience_plugin" / "resources" / "models" / f"{step['model']}.model3")
        cmd = [QGIS_PROCESS, "run", step["alg"], "--"]
        for key, value in step["params"].items():
            value = fill(value, names)
            if is_output(key) and isinstance(value, str):
                Path(value).parent.mkdir(parents=True, exist_ok=True)
            for v in (value if isinstance(value, list) else [value]):
                cmd.append(f"{key}={v}")
        label = Path(step["alg"]).name if "model" in step else step["alg"]
        print(f"== {step['title']}: {label}", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stdout[-4000:], proc.stderr[-4000:], sep="\n")
            print(f"FAILED: {step['title']}", file=sys.stderr)
            return 1
        print(f"   done in {time.perf_counter() - t0:.1f} s")
        for key, value in step["params"].items():
            if is_output(key):
                written.append(fill(value, names))
    print("\nOutputs written:")
    kinds = {".gpkg": "Layers (GeoPackage)", ".csv": "Tables (CSV)", ".pdf": "Maps (PDF)", ".png": "Maps (PNG)",
             ".svg": "Maps (SVG)"}
    for suffix, title in kinds.items():
        group = [p for p in written if Path(p).suffix.lower() == suffix]
        if group:
            print(f"  {title}:")
            for path in group:
                print("    ", path, "" if Path(path).exists() else "(missing)")
    for path in (p for p in written if Path(p).suffix.lower() not in kinds):
        print("  ", path)
    print(f"\nAll results are in {out} ({time.perf_counter() - t_start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
