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


def check_cancel(feedback, progress=None):
    """Raise :class:`Cancelled` when ``feedback`` (anything with ``isCanceled`` / ``setProgress``, or
    None) was cancelled; otherwise report ``progress`` (percent) if given."""
    if feedback is None:
        return
    if feedback.isCanceled():
        raise Cancelled()
    if progress is not None:
        feedback.setProgress(progress)


def report_progress(feedback, value):
    """``feedback.setProgress(value)`` when there is a feedback."""
    if feedback is not None:
        feedback.setProgress(value)
