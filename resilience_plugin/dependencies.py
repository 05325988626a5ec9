"""The Python packages the analyses need: what is there, what is missing, and how to install it here.

Packages are judged by what they can do, not by their version string: a distribution's build may
report ``shapely.__version__ == "0+unknown"`` while being a perfectly good shapely 2.1. Nothing here
imports QGIS, so the check runs before anything else of the plugin is loaded.
"""

import importlib
import inspect
import platform
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

try:  # marks the strings for pylupdate5 without importing QGIS here
    from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
except ImportError:  # pragma: no cover - outside QGIS
    def QT_TRANSLATE_NOOP(_context, text):  # noqa: N802 - Qt's name
        return text


@dataclass(frozen=True)
class Requirement:
    module: str      # import name
    need: str        # what is needed, e.g. "shapely 2 (vectorised geometry functions)"
    purpose: str     # what the plugin uses it for (translatable template)
    probe: Callable  # probe(module) -> None when usable, else the reason (English, shown as is)
    apt: str         # the Debian / Ubuntu package
    osgeo4w: str     # the OSGeo4W package
    pip: str         # the PyPI requirement


@dataclass(frozen=True)
class Finding:
    requirement: Requirement
    found: Optional[str]   # what was found (version and linked libraries), None when the import failed
    problem: Optional[str]  # None when usable

    @property
    def ok(self):
        return self.problem is None

    @property
    def module(self):
        return self.requirement.module


def _lacks(module, names):
    """The dotted attribute paths of ``names`` that ``module`` does not have."""
    missing = []
    for name in names:
        obj = module
        for part in name.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                missing.append(name)
                break
    return missing


def _probe_numpy(np):
    lacking = _lacks(np, ["ndarray", "bincount", "searchsorted", "add.reduceat"])
    return f"lacks {', '.join(lacking)}" if lacking else None


def _probe_shapely(shapely):
    lacking = _lacks(shapely, ["from_wkb", "to_wkb", "make_valid", "union_all", "get_coordinates", "STRtree",
                               "geos_version"])
    if lacking:
        return f"no shapely 2 vectorised API ({', '.join(lacking)} missing): shapely 1.x"
    if tuple(shapely.geos_version) < (3, 9, 0):
        return f"GEOS {shapely.geos_version_string} is older than 3.9"
    return None


def _probe_pyproj(pyproj):
    lacking = _lacks(pyproj, ["CRS.from_user_input", "Transformer.from_crs", "Geod", "database.query_utm_crs_info"])
    return f"lacks {', '.join(lacking)} (pyproj 3 API)" if lacking else None


def _probe_pandas(pd):
    lacking = _lacks(pd, ["DataFrame.to_numpy", "Series.to_numpy", "NA", "Int64Dtype"])
    return f"lacks {', '.join(lacking)}" if lacking else None


def _probe_scipy(_scipy):
    try:
        csgraph = importlib.import_module("scipy.sparse.csgraph")
        optimize = importlib.import_module("scipy.optimize")
    except ImportError as exc:
        return str(exc)
    if "min_only" not in (inspect.getdoc(csgraph.dijkstra) or ""):
        return "scipy.sparse.csgraph.dijkstra has no min_only (scipy older than 1.3)"
    if "highs" not in (inspect.getdoc(optimize.linprog) or ""):
        return "scipy.optimize.linprog has no HiGHS method (scipy older than 1.6)"
    return None


def _found_text(module, name):
    version = getattr(module, "__version__", None) or "?"
    if name == "shapely" and hasattr(module, "geos_version_string"):
        return f"{version}, GEOS {module.geos_version_string}"
    if name == "pyproj" and hasattr(module, "proj_version_str"):
        return f"{version}, PROJ {module.proj_version_str}"
    return str(version)


REQUIREMENTS = (
    Requirement("numpy", "numpy", QT_TRANSLATE_NOOP("@default", "arrays (every analysis)"), _probe_numpy,
                "python3-numpy", "python3-numpy", "numpy"),
    Requirement("shapely", "shapely 2", QT_TRANSLATE_NOOP("@default", "vectorised geometry (every vector analysis)"),
                _probe_shapely, "python3-shapely", "python3-shapely", "shapely>=2"),
    Requirement("pyproj", "pyproj 3", QT_TRANSLATE_NOOP("@default", "coordinate systems and measuring in metres"),
                _probe_pyproj, "python3-pyproj", "python3-pyproj", "pyproj>=3"),
    Requirement("pandas", "pandas", QT_TRANSLATE_NOOP("@default", "tables and statistics"), _probe_pandas,
                "python3-pandas", "python3-pandas", "pandas"),
    Requirement("scipy", "scipy", QT_TRANSLATE_NOOP("@default", "networks and allocation (coverage, criticality)"),
                _probe_scipy, "python3-scipy", "python3-scipy", "scipy"),
)


def check(requirement):
    """Import ``requirement.module`` and probe it: a :class:`Finding`."""
    try:
        module = importlib.import_module(requirement.module)
    except Exception as exc:  # noqa: BLE001 - any failure to import means "not usable"
        return Finding(requirement, None, f"cannot be imported: {type(exc).__name__}: {exc}")
    try:
        problem = requirement.probe(module)
    except Exception as exc:  # noqa: BLE001 - a broken package is as good as a missing one
        problem = f"does not work: {type(exc).__name__}: {exc}"
    return Finding(requirement, _found_text(module, requirement.module), problem)


def check_dependencies(requirements=REQUIREMENTS) -> List[Finding]:
    """One :class:`Finding` per requirement, in order."""
    return [check(r) for r in requirements]


def missing_dependencies(requirements=REQUIREMENTS) -> List[Finding]:
    """The findings that are not usable (empty when everything is there)."""
    return [f for f in check_dependencies(requirements) if not f.ok]


# --- where QGIS runs, and what to type there ------------------------------------------------------

def os_release(path="/etc/os-release") -> Dict[str, str]:
    values = {}
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            if sep:
                values[key.strip()] = value.strip().strip('"')
    except OSError:
        pass
    return values


@dataclass(frozen=True)
class Platform:
    kind: str          # "windows", "macos", "debian" (Debian, Ubuntu and derivatives) or "linux"
    name: str          # shown to the user, e.g. "Debian GNU/Linux 12 (bookworm)"
    distro_shapely2: bool = True  # Debian/Ubuntu: does the distribution's python3-shapely have shapely 2?
    python: str = "python3"


def _version_number(text):
    digits = []
    for part in str(text).split("."):
        if not part.isdigit():
            break
        digits.append(int(part))
    return tuple(digits)


def detect_platform(system=None, release=None, prefix=None) -> Platform:
    """The platform QGIS runs on (arguments are for tests; by default the running one)."""
    system = system or platform.system()
    prefix = Path(prefix or sys.prefix)
    if system == "Windows":
        return Platform("windows", f"Windows {platform.release()}", python="python")
    if system == "Darwin":
        python = prefix / "bin" / "python3"
        return Platform("macos", f"macOS {platform.mac_ver()[0]}".strip(), python=str(python))
    release = os_release() if release is None else release
    ids = {release.get("ID", "")} | set(release.get("ID_LIKE", "").split())
    name = release.get("PRETTY_NAME", "Linux")
    if ids & {"debian", "ubuntu"}:
        version = _version_number(release.get("VERSION_ID", ""))
        # shapely 2 arrived in Debian 13 (trixie) and Ubuntu 24.04; derivatives follow their base.
        if release.get("ID") == "ubuntu" or "ubuntu" in ids:
            shapely2 = version >= (24, 4) if release.get("ID") == "ubuntu" else True
        else:
            shapely2 = not version or version >= (13,)
        return Platform("debian", name, distro_shapely2=shapely2)
    return Platform("linux", name)


# What to do, per platform (English sources; callers translate them with tr).
OSGEO4W_SETUP = QT_TRANSLATE_NOOP("@default", "QGIS from the OSGeo4W installer: run the OSGeo4W setup again, choose Advanced Install and select these packages:")  # noqa: E501
OSGEO4W_SHELL = QT_TRANSLATE_NOOP("@default", "Or open the OSGeo4W Shell (Start menu, as administrator) and run:")
MACOS_PIP = QT_TRANSLATE_NOOP("@default", "Open Terminal and install them into the Python inside the QGIS app:")
DEBIAN_APT = QT_TRANSLATE_NOOP("@default", "Install the distribution's packages (they are built for the GEOS and PROJ that QGIS uses):")  # noqa: E501
DEBIAN_SHAPELY_SOURCE = QT_TRANSLATE_NOOP("@default", "This distribution's shapely is older than 2.0. Build shapely 2 against the system GEOS for your user (a PyPI wheel brings its own GEOS, which can crash QGIS):")  # noqa: E501
LINUX_PIP = QT_TRANSLATE_NOOP("@default", "Install them with your distribution's package manager, or with pip for the Python that QGIS uses:")  # noqa: E501
SHAPELY_SOURCE_COMMAND = ("sudo apt install build-essential python3-dev libgeos-dev && "
                          "python3 -m pip install --user --break-system-packages --no-binary shapely 'shapely>=2,<2.2'")


def install_steps(problems, plat=None) -> List[Tuple[str, str]]:
    """What to do for the unusable ``problems`` on ``plat``: ``[(explanation, command)]``.

    The explanations are English source strings; callers translate them with ``tr``."""
    plat = plat or detect_platform()
    requirements = [f.requirement for f in problems]
    if not requirements:
        return []
    steps = []
    pip_args = " ".join(_quote(r.pip) for r in requirements)
    if plat.kind == "windows":
        steps.append((OSGEO4W_SETUP, " ".join(r.osgeo4w for r in requirements)))
        steps.append((OSGEO4W_SHELL, "python -m pip install --upgrade " + pip_args))
    elif plat.kind == "macos":
        steps.append((MACOS_PIP, f"{_quote(plat.python)} -m pip install --upgrade " + pip_args))
    elif plat.kind == "debian":
        apt = [r for r in requirements if plat.distro_shapely2 or r.module != "shapely"]
        if apt:
            steps.append((DEBIAN_APT, "sudo apt install " + " ".join(r.apt for r in apt)))
        if not plat.distro_shapely2 and any(r.module == "shapely" for r in requirements):
            steps.append((DEBIAN_SHAPELY_SOURCE, SHAPELY_SOURCE_COMMAND))
    else:
        steps.append((LINUX_PIP, "python3 -m pip install --user --upgrade " + pip_args))
    return steps


def _quote(text):
    return f"'{text}'" if any(ch in text for ch in " <>=") else text


NEEDS = QT_TRANSLATE_NOOP("@default", "Resilience Planner needs these Python packages in QGIS's Python: {items}.")
RESTART = QT_TRANSLATE_NOOP("@default", "Restart QGIS afterwards.")


def advice(problems, translate=None, plat=None):
    """One paragraph for the message log: what is missing, what to run, and to restart QGIS."""
    translate = translate or (lambda text: text)
    items = "; ".join(f"{f.module} ({f.problem})" for f in problems)
    text = translate(NEEDS).format(items=items)
    for explanation, command in install_steps(problems, plat):
        text += " " + translate(explanation) + " " + command
    return text + " " + translate(RESTART)
