"""Errors raised by the core for bad user input.

The message is an English template with ``{name}`` placeholders. The QGIS glue translates the
template (context ``@default``) and then fills it in, so the user reads it in their language.
``QT_TRANSLATE_NOOP`` only marks the templates for ``pylupdate5``; it does not import Qt.
"""


def QT_TRANSLATE_NOOP(context, text):  # noqa: N802 - the name pylupdate5 looks for
    return text


class InputError(ValueError):
    """Bad input that the user can fix. ``str(err)`` is the English message."""

    def __init__(self, template, **values):
        self.template = template
        self.values = values
        super().__init__(template.format(**values))

    def translated(self, translate):
        """The message with its template passed through ``translate`` first."""
        return translate(self.template).format(**self.values)


class Cancelled(RuntimeError):
    """The user cancelled the run."""
