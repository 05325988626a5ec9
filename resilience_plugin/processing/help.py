"""Help text for the person at the dialog.

Help is written (and translated) with parameter ids such as ``THRESHOLDS`` or ``MODE 1``, which is
what ``qgis_process`` users type. The dialog shows labels, not ids, so :func:`for_dialog` puts the
visible label first and keeps the id in parentheses: ``“Thresholds (ascending, comma separated)”
(THRESHOLDS)``, ``“Mode: 1 Capacitated allocation” (MODE 1)``. Labels come from the parameter
definitions at run time, so they are in the interface language and never drift from the dialog.

QGIS renders help and parameter tooltips as rich text: a ``<`` starts a tag and swallows text up to
the next ``>``. :func:`plain` keeps help safe by turning the three markup characters into look-alikes
that are not markup (``<=`` becomes ≤, ``<`` the full-width ＜, and so on).
"""

import re

from ..i18n import tr

_MARKUP = (("<=", "≤"), (">=", "≥"), ("<", "＜"), (">", "＞"), ("&", "＆"))


def plain(text):
    """``text`` with no character Qt's rich-text engine would read as markup (≤ ≥ ＜ ＞ ＆ instead)."""
    for markup, safe in _MARKUP:
        text = text.replace(markup, safe)
    return text


def _label(definition):
    return (definition.description() or definition.name()).strip()


def for_dialog(text, definitions):
    """``text`` with every parameter id replaced by “label” (ID) and made markup-free.

    ``definitions``: the algorithm's parameter and output definitions. An id followed by a number
    (``MODE 1``) names an option of an enum parameter: “label: option” (MODE 1).
    """
    if not text:
        return text
    by_name = {}
    for d in definitions:
        if d is not None and d.name():
            by_name.setdefault(d.name(), d)
    if by_name:
        names = sorted(by_name, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w“])(?<!” \()(?<!”（)(" + "|".join(map(re.escape, names)) + r")(?: (\d+)\b)?(?![\w”])")  # noqa: E501

        def replace(match):
            d = by_name[match.group(1)]
            number = match.group(2)
            if number is not None:
                options = d.options() if hasattr(d, "options") else []
                index = int(number)
                if 0 <= index < len(options):
                    label = tr("{label}: {option}").format(label=_label(d), option=options[index])
                    return tr("“{label}” ({id})").format(label=label, id=f"{d.name()} {number}")
                return tr("“{label}” ({id})").format(label=_label(d), id=d.name()) + f" {number}"
            return tr("“{label}” ({id})").format(label=_label(d), id=d.name())

        text = pattern.sub(replace, text)
        # Chinese has no spaces between words: drop the ones the translation kept around an id
        text = re.sub(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=“)", "", text)
        text = re.sub(r"(?<=[）)]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])", "", text)
    return plain(text)
