"""Help reaches the person at the dialog whole: no word lost to Qt's rich-text engine, labels not ids.

QGIS shows an algorithm's help as HTML (each line a paragraph) and parameter help in rich-text
tooltips, so a '<' in the text opens a tag that swallows everything up to the next '>'.
"""

import re

import pytest
from qgis.PyQt.QtGui import QTextDocument

from resilience_plugin import i18n
from resilience_plugin.compat import PARAM_HIDDEN
from resilience_plugin.processing.help import for_dialog, plain
from resilience_plugin.processing.provider import algorithm_classes

WORD = re.compile(r"\w+")


def rendered(text):
    """What Qt shows for ``text`` laid out as QGIS's algorithm dialog does (one <p> per line)."""
    doc = QTextDocument()
    doc.setHtml("".join(f"<p>{line}</p>" for line in text.split("\n")))
    return doc.toPlainText()


def help_texts():
    """(where, text) for every algorithm's help and every parameter's help, fresh instances."""
    for cls in algorithm_classes():
        alg = cls()
        alg.initAlgorithm()
        yield f"{alg.name()}: help", alg.shortHelpString()
        for p in alg.parameterDefinitions():
            yield f"{alg.name()}: {p.name()}", p.help()
            yield f"{alg.name()}: {p.name()} label", p.description()


@pytest.fixture(params=["en", "zh"])
def language(request, qgis_app):
    translator = i18n.install_translator("zh-Hans") if request.param == "zh" else None
    assert (translator is not None) == (request.param == "zh")
    yield request.param
    i18n.remove_translator(translator)


def test_the_rich_text_check_catches_a_lost_word(qgis_app):
    # the check itself: the text of the bug report loses words, its escaped form does not
    raw = "value < t1 gives level 0, t1 <= value < t2 level 1, value >= tn level n"
    assert WORD.findall(rendered(raw)) != WORD.findall(raw)
    assert WORD.findall(rendered(plain(raw))) == WORD.findall(raw)
    assert "≤" in plain(raw) and "≥" in plain(raw)


def test_no_help_text_loses_a_word_when_rendered(language):
    texts = list(help_texts())
    assert len(texts) > 200
    lost = []
    for where, text in texts:
        if WORD.findall(rendered(text)) != WORD.findall(text):
            lost.append(where)
    assert lost == []


def test_help_is_in_the_interface_language(language):
    helps = {where: text for where, text in help_texts() if where.endswith(": help")}
    assert len(helps) == len(algorithm_classes())
    han = {where: bool(re.search(r"[\u4e00-\u9fff]{8}", text)) for where, text in helps.items()}
    if language == "zh":
        assert all(han.values()), [w for w, ok in han.items() if not ok]
    else:
        assert helps["classifyhazard: help"].startswith("Turns a hazard layer")
        assert not any(han.values())


def test_help_names_labels_first_and_ids_in_parentheses(language):
    bare = []
    for cls in algorithm_classes():
        alg = cls()
        alg.initAlgorithm()
        names = [p.name() for p in alg.parameterDefinitions()]
        for text in [alg.shortHelpString()] + [p.help() for p in alg.parameterDefinitions()]:
            text = re.sub(r"“[^”]*”", "“”", text)  # labels may hold an id, e.g. “Resolution (DPI)”
            for name in names:
                # an id is fine only right after its label: “label” (ID) or “标签”（ID）
                for m in re.finditer(rf"(?<!” \()(?<!”（)(?<![\w“]){re.escape(name)}(?![\w”])", text):
                    bare.append((alg.name(), name, text[max(0, m.start() - 30) : m.end() + 10]))
    assert bare == []


def test_for_dialog_puts_the_label_of_the_option_first(provider):
    alg = provider.algorithm("sheltercoverage")
    text = for_dialog("MODE 1: capacitated. ROADS are walked; score < 3", alg.parameterDefinitions())
    assert (
        text
        == "“Mode: 1 Capacitated allocation” (MODE 1): capacitated. “Walkable streets” (ROADS) are walked; score ＜ 3"
    )
    assert for_dialog(text, alg.parameterDefinitions()) == text  # already for the dialog: unchanged


def test_with_zh_hans_every_name_group_label_and_help_is_chinese(qgis_app):
    # "Done means" of issue 12: QGIS set to 简体中文 (zh-Hans) shows a Chinese plugin throughout
    han = re.compile(r"[\u4e00-\u9fff]")
    translator = i18n.install_translator("zh-Hans")
    try:
        english = []
        for cls in algorithm_classes():
            alg = cls()
            alg.initAlgorithm()
            texts = [alg.displayName(), alg.group(), alg.shortHelpString()]
            # hidden parameters (old names kept for models) never appear in the dialog
            shown = [p for p in alg.parameterDefinitions() if not p.flags() & PARAM_HIDDEN]
            texts += [d.description() for d in shown + list(alg.outputDefinitions())]
            texts += [p.help() for p in shown if p.help()]
            english += [(alg.name(), t) for t in texts if not han.search(t)]
    finally:
        i18n.remove_translator(translator)
    assert english == []
