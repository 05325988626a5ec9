"""The packaged zip: valid for plugins.qgis.org, and loaded by qgis_process from a fresh plugin folder."""

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.helpers import read_raster

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from validate_zip import validate  # noqa: E402

QGIS_PROCESS = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    if not list((ROOT / "i18n").glob("*.qm")):
        subprocess.run(["make", "-C", str(ROOT), "qm"], check=True, capture_output=True)
    tmp = tmp_path_factory.mktemp("pkg")
    out = tmp / "resilience_plugin-test.zip"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), "--out", str(out),
                    "--build", str(tmp / "build" / "resilience_plugin")], check=True, capture_output=True)
    return out


def test_zip_is_valid(plugin_zip):
    assert validate(plugin_zip) == []
    names = zipfile.ZipFile(plugin_zip).namelist()
    assert "resilience_plugin/i18n/resilience_plugin_zh_CN.qm" in names
    assert "resilience_plugin/resources/sample_data/jakarta.gpkg" in names
    assert not any(n.startswith("resilience_plugin/tests") or "/tests/" in n for n in names)
    assert plugin_zip.stat().st_size < 25 * 1024 * 1024


def test_validator_catches_bad_zips(tmp_path, plugin_zip):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(plugin_zip) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            if item.filename.endswith("metadata.txt"):
                text = src.read(item).decode("utf-8").replace("email=", "mail=")
                dst.writestr(item.filename, text)
            elif not item.filename.endswith("LICENSE"):
                dst.writestr(item, src.read(item))
        dst.writestr("resilience_plugin/core/__pycache__/x.cpython-311.pyc", b"\x00")
        dst.writestr("resilience_plugin/.hidden", b"")
        dst.writestr("other_top/readme.txt", b"")
    problems = validate(bad)
    assert any("exactly one top folder" in p for p in problems)
    bad2 = tmp_path / "bad2.zip"
    with zipfile.ZipFile(bad, "r") as src, zipfile.ZipFile(bad2, "w") as dst:
        for item in src.infolist():
            if not item.filename.startswith("other_top"):
                dst.writestr(item, src.read(item))
    problems = "\n".join(validate(bad2))
    for needle in ("'email'", "LICENSE is missing", "__pycache__", "hidden file", "binary or compiled"):
        assert needle in problems


def test_qgis_process_loads_the_unpacked_plugin(plugin_zip, tmp_path):
    plugins = tmp_path / "plugins"
    with zipfile.ZipFile(plugin_zip) as zf:
        zf.extractall(plugins)
    env = dict(os.environ, QGIS_PLUGINPATH=str(plugins), QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),
               QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([sysconfig.get_paths()["purelib"], os.environ.get("PYTHONPATH", "")]))
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "resilience_plugin"], env=env, check=True, capture_output=True)
    listing = subprocess.run([QGIS_PROCESS, "list"], env=env, check=True, capture_output=True, text=True).stdout
    assert "resilience:classifyhazard" in listing
    sample = plugins / "resilience_plugin" / "resources" / "sample_data" / "flood_current_depth.tif"
    out = tmp_path / "zones.gpkg"
    run = subprocess.run([QGIS_PROCESS, "run", "resilience:classifyhazard", "--", f"INPUT={sample}",
                          "HAZARD_NAME=flood", "THRESHOLDS=0.1,0.5,1.0,2.0", f"OUTPUT={out}"],
                         env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    from osgeo import ogr

    ds = ogr.Open(str(out))
    levels = sorted(f.GetField("level") for f in ds.GetLayer(0))
    depth, _, _ = read_raster(sample)
    import numpy as np

    expected = sorted(set(np.digitize(depth[np.isfinite(depth)], [0.1, 0.5, 1.0, 2.0]).tolist()) - {0})
    assert levels == expected == [1, 2, 3, 4]
