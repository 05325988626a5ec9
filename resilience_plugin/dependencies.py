"""Checking the Python packages the analyses need, with advice the user can act on."""

from importlib import import_module

# (module, minimum version); scipy runs the network analyses (sparse graphs, Dijkstra)
REQUIRED = (
    ("numpy", "1.20"),
    ("shapely", "2.0"),
    ("pyproj", "3.0"),
    ("pandas", "1.3"),
    ("scipy", "1.7"),
)


def _version_tuple(text):
    parts = []
    for item in str(text).split("."):
        digits = "".join(ch for ch in item if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def check_versions(found, requirements=REQUIRED):
    """``found``: {module: version or None}. Returns ``[(module, found, minimum)]`` that fail."""
    problems = []
    for module, minimum in requirements:
        version = found.get(module)
        if version is None or _version_tuple(version) < _version_tuple(minimum):
            problems.append((module, version, minimum))
    return problems


def installed_versions(modules):
    found = {}
    for module in modules:
        try:
            found[module] = getattr(import_module(module), "__version__", "0")
        except Exception:  # noqa: BLE001 - any import failure means "not usable"
            found[module] = None
    return found


def missing_dependencies(requirements=REQUIRED):
    """The required packages that are missing or too old, as ``[(module, found, minimum)]``."""
    return check_versions(installed_versions([m for m, _ in requirements]), requirements)


def advice(problems):
    """A message the user can act on (translated)."""
    from .i18n import tr

    found_word, missing_word = tr("found"), tr("missing")
    items = ", ".join(f"{m} ≥ {minimum} ({found_word} {found})" if found else f"{m} ≥ {minimum} ({missing_word})"
                      for m, found, minimum in problems)
    return tr("Resilience Planner needs these Python packages in QGIS's Python: {items}. "
              "Install them from the OSGeo4W shell or a terminal with: python -m pip install --upgrade {names}").format(
        items=items, names=" ".join(m for m, _, _ in problems))
