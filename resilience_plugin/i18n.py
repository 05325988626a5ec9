"""Translation helpers.

Every user-visible string goes through :func:`tr`, whose context is ``@default``: that is the
context ``pylupdate5`` writes for a bare ``tr("...")`` call anywhere, so source and catalogue agree.
Core messages are marked with ``QT_TRANSLATE_NOOP("@default", ...)`` and translated here too.
"""

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .paths import i18n_path

CONTEXT = "@default"


def tr(text):
    return QCoreApplication.translate(CONTEXT, text)


def user_locale():
    """The QGIS UI locale, e.g. ``zh_CN`` or ``en_US``."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        loc = settings.value("locale/userLocale", "", type=str)
    else:
        loc = QLocale.system().name()
    return loc or "en_US"


def qm_file(locale):
    """The compiled catalogue for ``locale`` (``zh_CN``, falling back to ``zh``), or None."""
    for name in (locale, locale.split("_")[0]):
        path = i18n_path(f"resilience_plugin_{name}.qm")
        if path.is_file():
            return path
    return None


def install_translator(locale=None):
    """Load and install the catalogue for the user's locale. Returns the translator or None."""
    path = qm_file(locale or user_locale())
    if path is None:
        return None
    translator = QTranslator()
    if not translator.load(str(path)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator):
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
