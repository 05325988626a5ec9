"""Shared fixtures. Processing/GUI tests run in real QGIS through pytest-qgis (headless)."""

import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
SAMPLE = REPO / "resources" / "sample_data"
DATA = REPO / "tests" / "data"


_PROVIDERS = []  # Python references: a provider whose wrapper is collected loses its algorithms


def register_provider():
    """Register our provider (if it is not registered) and return it."""
    from qgis.core import QgsApplication

    from resilience_plugin.processing.provider import ResilienceProvider

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("resilience")
    if existing is not None:
        return existing
    prov = ResilienceProvider()
    _PROVIDERS.append(prov)
    assert registry.addProvider(prov)
    return prov


@pytest.fixture()
def provider(qgis_app, qgis_processing):
    """Our Processing provider, registered (as initProcessing does)."""
    return register_provider()


@pytest.fixture()
def browser_iface(qgis_iface):
    """pytest-qgis's interface lacks browserModel(), which Processing's parameter panel asks for: give it
    QGIS's real browser model, as the QGIS application does."""
    from qgis.gui import QgsBrowserGuiModel

    model = QgsBrowserGuiModel()
    if not hasattr(qgis_iface, "browserModel"):
        qgis_iface.browserModel = lambda: model
    yield qgis_iface


@pytest.fixture()
def run_alg(provider):
    """Run one of our algorithms with processing.run and return its results."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    def _run(alg_id, params, feedback=None):
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        return processing.run(f"resilience:{alg_id}", params, context=context, feedback=feedback or QgsProcessingFeedback())

    return _run


@pytest.fixture()
def inasafe_zones(run_alg, tmp_path):
    """Flood zones of InaSAFE's 31 multipart RW polygons (FLOODPRONE YES -> level 1), by Classify hazard."""
    out = str(tmp_path / "zones.gpkg")
    run_alg(
        "classifyhazard",
        {
            "INPUT": f"{DATA / 'inasafe_samples.gpkg'}|layername=flood_multipart_polygons",
            "FIELD": "FLOODPRONE",
            "HAZARD_NAME": "flood",
            "VALUE_MAP": "YES:1;NO:0",
            "OUTPUT": out,
        },
    )
    return out


@pytest.fixture()
def sample_copy(tmp_path):
    """A private copy of the sample data, so tests can prove inputs are not modified."""
    dst = tmp_path / "sample"
    shutil.copytree(SAMPLE, dst)
    return dst


@pytest.fixture(scope="session", autouse=True)
def _sample_data_read_only():
    """The shipped sample data must never be written by a test (or by QGIS opening it in update mode):
    make it read-only for the session, and check its content afterwards."""
    import hashlib
    import stat

    files = [p for p in SAMPLE.rglob("*") if p.is_file()]
    modes = {p: p.stat().st_mode for p in files}
    digests = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    for p in files:
        p.chmod(stat.S_IMODE(modes[p]) & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    yield
    for p in files:
        p.chmod(stat.S_IMODE(modes[p]))
    changed = [p.name for p in files if hashlib.sha256(p.read_bytes()).hexdigest() != digests[p]]
    assert not changed, f"tests modified the sample data: {changed}"


@pytest.fixture()
def qgis_locale(qgis_app):
    """Set QGIS's interface language as its Options dialog does; restore it afterwards."""
    from qgis.core import QgsSettings

    settings = QgsSettings()
    saved = {k: settings.value(k) for k in ("locale/userLocale", "locale/overrideFlag")}

    def _set(value):
        settings.setValue("locale/userLocale", value)
        settings.setValue("locale/overrideFlag", True)

    yield _set
    for key, value in saved.items():
        if value is None:
            settings.remove(key)
        else:
            settings.setValue(key, value)
