"""Saving the study definition and the state of its runs in the QGIS project (written into the .qgs)."""

import json

from qgis.core import QgsProject

from .study import Study

SCOPE = "resilience_workbench"
STUDY_KEY = "study"
RUNS_KEY = "runs"


def _project(project):
    return project if project is not None else QgsProject.instance()


def save_study(study, project=None):
    """Write ``study`` into the project's custom properties (saved with the project file)."""
    return _project(project).writeEntry(SCOPE, STUDY_KEY, study.to_json())


def load_study(project=None):
    """The study saved in the project, or an empty one."""
    text, ok = _project(project).readEntry(SCOPE, STUDY_KEY, "")
    if not ok or not text:
        return Study()
    try:
        return Study.from_json(text)
    except (ValueError, TypeError):
        return Study()


def save_runs(runs, project=None):
    """``runs``: {scenario: {step: {"fingerprint", "outputs": {call: {output: path}}, "numbers", "run_dir"}}}."""
    return _project(project).writeEntry(SCOPE, RUNS_KEY, json.dumps(runs, ensure_ascii=False, sort_keys=True))


def load_runs(project=None):
    text, ok = _project(project).readEntry(SCOPE, RUNS_KEY, "")
    if not ok or not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
