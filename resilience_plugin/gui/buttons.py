"""Dialog button boxes with our own translated button texts.

Qt translates the texts of standard buttons (OK, Cancel, Save, Close) only from its own catalogues
(qtbase_*.qm), which Debian's QGIS packages do not pull in and which QGIS does not find for its
"zh-Hans" locale anyway: a Chinese QGIS showed "Save" and "Cancel" in our editors (3.22 and 3.40 seen).
"""

from qgis.PyQt.QtWidgets import QDialogButtonBox

from ..i18n import tr

Button = QDialogButtonBox.StandardButton


def button_texts():
    return {Button.Ok: tr("OK"), Button.Cancel: tr("Cancel"), Button.Save: tr("Save"), Button.Close: tr("Close")}


def button_box(*buttons):
    """A QDialogButtonBox of the standard ``buttons`` (``Button.Save``, ``Button.Cancel`` …), texts translated."""
    flags = buttons[0]
    for b in buttons[1:]:
        flags = flags | b
    box = QDialogButtonBox(flags)
    texts = button_texts()
    for b in buttons:
        if b in texts:
            box.button(b).setText(texts[b])
    return box
