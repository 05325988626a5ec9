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
    """The QGIS UI locale as QGIS stores it, e.g. ``zh-Hans`` (Options dialog), ``zh_CN`` or ``en_US``."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        loc = settings.value("locale/userLocale", "", type=str)
    else:
        loc = QLocale.system().name()
    return loc or "en_US"


_TRADITIONAL = {"hant", "tw", "hk", "mo"}


def catalogue_names(locale):
    """The catalogue names to try for ``locale``, best first.

    QGIS's Options dialog writes ``zh-Hans`` for 简体中文 (and ``zh-Hant`` for 繁體中文); systems give
    ``zh_CN``, ``zh``, ``zh-Hans-CN`` … Every simplified spelling maps to ``zh_CN``; a traditional one
    (``zh-Hant``, ``zh_TW``, ``zh_HK``) only to a traditional catalogue, never to the simplified one.
    Other languages try ``ll_CC`` then ``ll``.
    """
    parts = [p for p in str(locale or "").replace("-", "_").split(".")[0].split("_") if p]
    if not parts:
        return []
    lang = parts[0].lower()
    rest = [p.lower() for p in parts[1:]]
    if lang == "zh":
        if _TRADITIONAL & set(rest):
            return ["zh_TW", "zh_Hant"]
        return ["zh_CN", "zh"]
    names = [lang]
    if rest:
        names.insert(0, f"{lang}_{parts[-1].upper()}")
    return names


def qm_file(locale):
    """The compiled catalogue for ``locale`` (any spelling, see :func:`catalogue_names`), or None."""
    for name in catalogue_names(locale):
        path = i18n_path(f"resilience_plugin_{name}.qm")
        if path.is_file():
            return path
    return None


def is_chinese(locale=None):
    """True when ``locale`` (default: the QGIS interface locale) gets our simplified-Chinese catalogue."""
    return catalogue_names(locale or user_locale())[:1] == ["zh_CN"]


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


_CATALOGUES = {}


def translated_in(locale, text):
    """``text`` in ``locale`` whatever the interface language (a map's language is its own choice):
    Chinese from our catalogue for "zh_CN", the English source text for "en" (or a locale without one)."""
    if locale not in _CATALOGUES:
        path = qm_file(locale)
        translator = QTranslator()
        _CATALOGUES[locale] = translator if path is not None and translator.load(str(path)) else None
    translator = _CATALOGUES[locale]
    return (translator.translate(CONTEXT, text) if translator is not None else "") or text
