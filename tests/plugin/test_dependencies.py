"""The dependency check judges packages by what they can do and tells users what to type on their platform.

Missing or old packages are simulated the way Python sees them: an import hook that refuses the
module, or an old module object standing in sys.modules. QGIS itself is real.
"""

import importlib.abc
import sys
import types

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QLineEdit, QPushButton, QToolBar

import resilience_plugin
from resilience_plugin import dependencies as deps
from resilience_plugin import i18n
from resilience_plugin.plugin import TOOLBAR_OBJECT_NAME
from tests.conftest import register_provider


class _Refuse(importlib.abc.MetaPathFinder):
    def __init__(self, names):
        self.names = set(names)

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


@pytest.fixture()
def without():
    """``without("shapely")``: from now until this fixture ends, ``import shapely`` fails. It has its own
    undo, so fixtures set up before it (that re-register the provider) see the packages again."""
    with pytest.MonkeyPatch.context() as mp:

        def _without(*names):
            for module in list(sys.modules):
                if module.split(".")[0] in names:
                    mp.delitem(sys.modules, module)
            mp.setattr(sys, "meta_path", [_Refuse(names), *sys.meta_path])

        yield _without


def _by_module(findings):
    return {f.module: f for f in findings}


def test_this_environment_has_everything():
    findings = deps.check_dependencies()
    assert [f.module for f in findings] == ["numpy", "shapely", "pyproj", "pandas", "scipy"]
    assert deps.missing_dependencies() == []
    shapely_found = _by_module(findings)["shapely"].found
    assert "GEOS" in shapely_found  # the linked library is reported, not only a version string


def test_a_version_string_does_not_decide(monkeypatch):
    # Debian sid's shapely 2.2 says "0+unknown": it must still count as shapely 2
    import shapely

    monkeypatch.setattr(shapely, "__version__", "0+unknown")
    assert deps.missing_dependencies() == []
    assert _by_module(deps.check_dependencies())["shapely"].found.startswith("0+unknown, GEOS ")


def test_shapely_1_is_recognised_by_its_api(monkeypatch):
    old = types.ModuleType("shapely")
    old.__version__ = "2.5.0"  # even a flattering version string does not hide the missing API
    old.geos_version = (3, 11, 1)
    monkeypatch.setitem(sys.modules, "shapely", old)
    problems = _by_module(deps.missing_dependencies())
    assert list(problems) == ["shapely"]
    assert "no shapely 2 vectorised API" in problems["shapely"].problem and "from_wkb" in problems["shapely"].problem


def test_a_missing_package_is_reported(without):
    without("scipy")
    problems = deps.missing_dependencies()
    assert [f.module for f in problems] == ["scipy"]
    assert problems[0].found is None and "cannot be imported" in problems[0].problem


DEBIAN_12 = {"ID": "debian", "VERSION_ID": "12", "PRETTY_NAME": "Debian GNU/Linux 12 (bookworm)"}
DEBIAN_13 = {"ID": "debian", "VERSION_ID": "13", "PRETTY_NAME": "Debian GNU/Linux 13 (trixie)"}
SID = {"ID": "debian", "PRETTY_NAME": "Debian GNU/Linux forky/sid"}
UBUNTU_22 = {"ID": "ubuntu", "ID_LIKE": "debian", "VERSION_ID": "22.04", "PRETTY_NAME": "Ubuntu 22.04.4 LTS"}
UBUNTU_24 = {"ID": "ubuntu", "ID_LIKE": "debian", "VERSION_ID": "24.04", "PRETTY_NAME": "Ubuntu 24.04.1 LTS"}
FEDORA = {"ID": "fedora", "VERSION_ID": "41", "PRETTY_NAME": "Fedora Linux 41"}


def _problems(*modules):
    reqs = {r.module: r for r in deps.REQUIREMENTS}
    return [deps.Finding(reqs[m], None, "cannot be imported") for m in modules]


@pytest.mark.parametrize(
    ("release", "shapely2"), [(DEBIAN_12, False), (DEBIAN_13, True), (SID, True), (UBUNTU_22, False), (UBUNTU_24, True)]
)
def test_debian_and_ubuntu_get_apt_packages(release, shapely2):
    plat = deps.detect_platform(system="Linux", release=release)
    assert plat.kind == "debian" and plat.distro_shapely2 is shapely2 and plat.name == release["PRETTY_NAME"]
    steps = deps.install_steps(_problems("shapely", "scipy"), plat)
    commands = [c for _, c in steps]
    if shapely2:
        assert commands == ["sudo apt install python3-shapely python3-scipy"]
    else:  # apt for what the distribution has, a source build of shapely 2 against the system GEOS
        assert commands[0] == "sudo apt install python3-scipy"
        assert "--no-binary shapely" in commands[1] and "libgeos-dev" in commands[1]
    assert not any("python -m pip install --upgrade shapely" in c for c in commands)


def test_windows_gets_osgeo4w_packages():
    plat = deps.detect_platform(system="Windows")
    steps = deps.install_steps(_problems("shapely", "pyproj"), plat)
    assert steps[0][1] == "python3-shapely python3-pyproj"
    assert steps[1][1] == "python -m pip install --upgrade 'shapely>=2' 'pyproj>=3'"
    assert "OSGeo4W" in steps[0][0] and "OSGeo4W Shell" in steps[1][0]


def test_macos_uses_the_python_inside_the_qgis_app():
    plat = deps.detect_platform(system="Darwin", prefix="/Applications/QGIS-LTR.app/Contents/Frameworks")
    ((_, command),) = deps.install_steps(_problems("pandas"), plat)
    assert command == "/Applications/QGIS-LTR.app/Contents/Frameworks/bin/python3 -m pip install --upgrade pandas"


def test_other_linux_gets_pip_for_the_user():
    plat = deps.detect_platform(system="Linux", release=FEDORA)
    ((_, command),) = deps.install_steps(_problems("scipy"), plat)
    assert plat.kind == "linux" and command == "python3 -m pip install --user --upgrade scipy"


def test_advice_names_the_problem_the_command_and_the_restart():
    plat = deps.detect_platform(system="Linux", release=DEBIAN_13)
    text = deps.advice(_problems("shapely"), plat=plat)
    assert "shapely (cannot be imported)" in text and "sudo apt install python3-shapely" in text
    assert text.endswith("Restart QGIS afterwards.")


def _toolbar_actions(iface):
    bars = [
        t for t in iface.mainWindow().findChildren(QToolBar) if t.objectName() == TOOLBAR_OBJECT_NAME and t.parent()
    ]
    assert len(bars) == 1
    return [a.objectName() for a in bars[0].actions()]


@pytest.fixture()
def no_real_provider(qgis_iface, qgis_processing):
    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("resilience")
    if existing is not None:
        registry.removeProvider(existing)
    yield registry
    register_provider()


@pytest.fixture()
def message_bar(qgis_iface, monkeypatch):
    """A real QgsMessageBar in place of pytest-qgis's headless stand-in."""
    from qgis.gui import QgsMessageBar

    bar = QgsMessageBar(qgis_iface.mainWindow())
    monkeypatch.setattr(qgis_iface, "messageBar", lambda: bar)
    yield bar
    bar.clearWidgets()
    bar.deleteLater()


@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_the_plugin_without_shapely_explains_itself(qgis_iface, message_bar, no_real_provider, without, locale):
    translator = i18n.install_translator(locale) if locale != "en_US" else None
    without("shapely")
    plugin = resilience_plugin.classFactory(qgis_iface)
    try:
        assert [f.module for f in plugin.dependency_problems] == ["shapely"]
        plugin.initProcessing()
        plugin.initGui()
        # the toolbox shows the provider with one entry that explains, instead of nothing
        provider = no_real_provider.providerById("resilience")
        assert [a.id() for a in provider.algorithms()] == ["resilience:missingdependencies"]
        help_text = provider.algorithms()[0].shortHelpString()
        assert "shapely 2" in help_text
        # the toolbar holds the one action that explains, not an empty strip
        assert _toolbar_actions(qgis_iface) == ["mResilienceAction_dependencies"]
        # the message bar offers the dialog, which names the package and gives a copyable command
        item = message_bar.currentItem()
        assert item is not None and "shapely" in item.text()
        button = item.widget()
        assert isinstance(button, QPushButton) and button.objectName() == "mResilienceDependenciesButton"
        button.click()
        dialog = plugin.dialogs[-1]
        assert dialog.isVisible()
        cells = [dialog.table.item(r, c).text() for r in range(dialog.table.rowCount()) for c in range(3)]
        assert any("shapely 2" == c for c in cells) and any(c.startswith("✘ ") for c in cells)
        commands = [w.text() for w in dialog.findChildren(QLineEdit)]
        assert commands == dialog.commands and commands
        if locale == "zh_CN":
            assert dialog.windowTitle() == "韧性规划工具箱：Python 依赖包"
            assert (
                "缺少" in dialog.headline.text()
                and "重启 QGIS" in dialog.findChildren(type(dialog.headline))[-1].text()
            )
            assert "重启 QGIS" in help_text
        else:
            assert dialog.windowTitle() == "Resilience Planner: Python packages"
            assert "Restart QGIS afterwards." in help_text
    finally:
        plugin.unload()
        i18n.remove_translator(translator)
    assert no_real_provider.providerById("resilience") is None


def test_the_real_provider_is_back_after_that(provider):
    # the provider re-registered after the simulation has every algorithm (the packages are visible again)
    assert len(provider.algorithms()) >= 10 and provider.algorithm("classifyhazard") is not None


def test_the_dialog_with_everything_found(qgis_iface):
    from resilience_plugin.gui.dependencies_dialog import DependenciesDialog

    dialog = DependenciesDialog()
    assert dialog.commands == [] and dialog.table.rowCount() == 5
    assert dialog.headline.text() == "Every Python package that the analyses need was found."
    dialog.deleteLater()
