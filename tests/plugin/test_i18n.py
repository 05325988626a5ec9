"""Every user-visible string is extracted and translated, and the zh_CN catalogue is used."""

import ast
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.core import QgsApplication

from resilience_plugin import i18n

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "i18n" / "resilience_plugin_zh_CN.ts"


def _ts_messages():
    tree = ET.parse(TS)
    out = {}
    for ctx in tree.getroot().iter("context"):
        for m in ctx.iter("message"):
            out[(ctx.findtext("name"), m.findtext("source"))] = m.find("translation")
    return out


def _source_strings():
    """Literal arguments of tr(...) and QT_TRANSLATE_NOOP(ctx, ...) calls in the package."""
    found = set()
    for path in (ROOT / "resilience_plugin").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id == "tr" and node.args and isinstance(node.args[0], ast.Constant):
                found.add(("@default", node.args[0].value, path.name))
            elif node.func.id == "QT_TRANSLATE_NOOP" and len(node.args) == 2 and isinstance(node.args[1], ast.Constant):
                found.add((node.args[0].value, node.args[1].value, path.name))
    return found


def test_every_string_is_in_the_catalogue_and_translated():
    messages = _ts_messages()
    missing = [(s, f) for c, s, f in _source_strings() if (c, s) not in messages]
    assert not missing, f"run `make ts`: strings not in the .ts yet: {missing[:5]}"
    untranslated = [s for (c, s), t in messages.items() if t.get("type") == "unfinished" or not (t.text or "").strip()]
    assert not untranslated, f"untranslated (add them to i18n/zh_CN/*.json, then `make ts`): {untranslated[:5]}"


def test_placeholders_survive_translation():
    for (_, source), translation in _ts_messages().items():
        for token in ("{layer}", "{n}", "{name}", "{field}", "{path}", "{level}", "{label}"):
            if token in source:
                assert token in translation.text, f"{token} lost in the translation of {source!r}"


def test_the_zh_cn_catalogue_translates(qgis_app):
    qm = ROOT / "i18n" / "resilience_plugin_zh_CN.qm"
    if not qm.exists():
        subprocess.run(["lrelease", "-silent", str(TS), "-qm", str(qm)], check=True)
    translator = i18n.install_translator("zh_CN")
    try:
        assert translator is not None
        assert i18n.tr("Classify hazard") == "灾害分级"
        assert i18n.tr("Resilience planning (韧性规划)") == "韧性规划 (Resilience planning)"
    finally:
        i18n.remove_translator(translator)
    assert i18n.tr("Classify hazard") == "Classify hazard"


def test_unknown_locale_gets_no_translator(qgis_app):
    assert i18n.install_translator("xx_YY") is None


SIMPLIFIED = ["zh-Hans", "zh_Hans", "zh-CN", "zh_CN", "zh", "zh-Hans-CN", "zh_CN.UTF-8"]
TRADITIONAL = ["zh-Hant", "zh_TW", "zh-Hant-TW", "zh_HK"]


@pytest.mark.parametrize("locale", SIMPLIFIED)
def test_every_simplified_chinese_spelling_finds_the_zh_cn_catalogue(locale):
    assert i18n.qm_file(locale) == ROOT / "i18n" / "resilience_plugin_zh_CN.qm"
    assert i18n.is_chinese(locale)


@pytest.mark.parametrize("locale", TRADITIONAL)
def test_traditional_chinese_falls_back_to_english(locale):
    # no traditional catalogue ships: English, not the simplified one
    assert not list((ROOT / "i18n").glob("resilience_plugin_zh_[TH]*.qm"))
    assert i18n.qm_file(locale) is None
    assert not i18n.is_chinese(locale)


@pytest.mark.parametrize("locale", ["en_US", "en", "de-DE", "", "C"])
def test_other_locales_get_no_chinese(locale):
    assert i18n.qm_file(locale) is None


def test_qgis_options_dialog_value_zh_hans_gives_a_chinese_plugin(qgis_locale, qgis_iface):
    # 简体中文 in Settings > Options > General writes exactly this value
    qgis_locale("zh-Hans")
    assert i18n.user_locale() == "zh-Hans"
    translator = i18n.install_translator()
    try:
        assert translator is not None
        assert i18n.tr("Classify hazard") == "灾害分级"
    finally:
        i18n.remove_translator(translator)


def test_the_plugin_shell_installs_the_chinese_catalogue_for_zh_hans(qgis_locale, qgis_iface):
    import resilience_plugin

    qgis_locale("zh-Hans")
    plugin = resilience_plugin.classFactory(qgis_iface)
    try:
        assert plugin.translator is not None
        assert i18n.tr("Hazard assessment") == "灾害评估"
    finally:
        i18n.remove_translator(plugin.translator)
    assert i18n.tr("Hazard assessment") == "Hazard assessment"


def test_qgis_set_to_traditional_chinese_keeps_the_plugin_english(qgis_locale, qgis_iface):
    qgis_locale("zh-Hant")
    assert i18n.install_translator() is None
    assert i18n.tr("Classify hazard") == "Classify hazard"
    QgsApplication.processEvents()
