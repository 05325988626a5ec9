"""Where the plugin's resources live, in the source tree and in the installed plugin alike.

Source tree: ``<repo>/resilience_plugin`` beside ``<repo>/resources`` and ``<repo>/i18n``.
Installed zip: ``resilience_plugin/resources`` and ``resilience_plugin/i18n`` inside the package.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _root():
    if (PACKAGE_DIR / "resources").is_dir():
        return PACKAGE_DIR
    return PACKAGE_DIR.parent


ROOT = _root()


def resource_path(*parts):
    return ROOT.joinpath("resources", *parts)


def i18n_path(*parts):
    return ROOT.joinpath("i18n", *parts)


def metadata_path():
    return ROOT / "metadata.txt"
