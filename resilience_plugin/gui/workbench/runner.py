"""Running a workbench step: its Processing calls in a QgsTask, then its results into the layer tree.

``prepare_step`` (main thread) builds the step's calls, resolves every layer to its source and every
upstream reference to the file of the earlier run, and picks a fresh run folder. ``StepTask.run``
(background thread) runs the calls with ``processing.run(..., is_child_algorithm=True)`` into that
folder; algorithms that must run on the main thread (layouts) run in ``finished``. Only when every
call succeeded are the previous run's layers of that step replaced by the new ones (styled, named by
what they hold, in a group per scenario); a failed or cancelled run deletes its folder and leaves the
layer tree as it was.
"""

import datetime
import os
import re
import shutil
import tempfile
from functools import partial
from pathlib import Path

from qgis.core import (
    QgsLayerTreeGroup,
    QgsLayerTreeLayer,
    QgsMapLayer,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProject,
    QgsRasterLayer,
    QgsTask,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import pyqtSignal

from ...compat import WORKBENCH_IN_BACKGROUND, keep_proj_context
from ...compat import record_history as compat_record_history
from ...i18n import tr, translated_in
from ...maps.texts import set_map_titles
from . import numbers as key_numbers
from .steps import DEPENDS, MAPS, NotReady, build_calls, fingerprint, is_ref, upstream_refs

PROPERTY = "resilience_workbench/step"  # custom property of the layers a step added: "<scenario>/<step>"
GROUP_PROPERTY = "resilience_workbench/group"
# Outputs added to the tree unticked: one point per population cell (they hide the map), intermediate zones.
HIDDEN_BY_DEFAULT = {
    "coverage:OUTPUT_DEMAND",
    "cascade:OUTPUT_POINTS",  # with the population points of the criticality run
    "criticality:OUTPUT_DEMAND",
    "exposure_roads:OUTPUT",
    "lifecircle:OUTPUT_DEMAND",
}


def step_title(step):
    return {
        "hazards": tr("1 Hazards: classify and overlay"),
        "exposure": tr("2 Exposure"),
        "loss": tr("2b Economic loss and scenario comparison"),
        "facilities": tr("3 Dual-use facilities"),
        "coverage": tr("4 Coverage and allocation"),
        "lifelines": tr("5 Lifelines"),
        "maps": tr("6 Maps and tables"),
    }[step]


def not_ready_text(what):
    return {
        "hazard layers": tr("Choose the hazard layers of the scenario."),
        "buildings or roads": tr("Choose the buildings or the roads."),
        "candidate facilities and their type field": tr("Choose the candidate facilities and their type field."),
        "population": tr("Choose the population layer."),
        "roads": tr("Choose the roads."),
        "lifeline layers": tr("Choose a lifeline layer or the roads."),
        "buildings": tr("Choose the buildings."),
        "flood depth raster": tr("Give the scenario a flood-depth raster (intensity, flood depth) for the loss."),
    }.get(what, what)


def output_title(call_key, output, params, tr=tr):
    """The layer name of an output: what it holds (``tr``: the interface language; maps pass their own)."""
    if call_key.startswith("classify_"):
        return tr("Hazard zones: {name}").format(name=params.get("HAZARD_NAME", ""))
    if call_key.startswith("lifeline_"):
        title = {
            "OUTPUT": tr("Lifeline exposure and failure"),
            "OUTPUT_TABLE": tr("Lifeline length per unit and level"),
        }[output]
        # several lifeline layers: say which one (its asset type, else its number)
        if call_key != "lifeline_0":
            title += f" ({params.get('ASSET_TYPE') or int(call_key.split('_')[1]) + 1})"
        return title
    titles = {
        ("overlay", "OUTPUT"): tr("Composite hazard zones"),
        ("overlay", "OUTPUT_TABLE"): tr("Area and population per unit and hazard level"),
        ("exposure_buildings", "OUTPUT"): tr("Buildings by hazard level"),
        ("exposure_buildings", "OUTPUT_TABLE"): tr("Buildings and population per unit and level"),
        ("exposure_roads", "OUTPUT"): tr("Roads by hazard level"),
        ("exposure_roads", "OUTPUT_TABLE"): tr("Road length per unit, class and level"),
        ("suitability", "OUTPUT"): tr("Dual-use facility suitability"),
        ("ahp", "OUTPUT_TABLE"): tr("AHP weights"),
        ("coverage", "OUTPUT_DEMAND"): tr("Population within walking reach"),
        ("coverage", "OUTPUT_FACILITIES"): tr("Shelter load"),
        ("coverage", "OUTPUT_TABLE"): tr("Shelter coverage per unit"),
        ("coverage", "OUTPUT_AREAS"): tr("Walking service areas"),
        ("loss", "OUTPUT"): tr("Building losses"),
        ("loss", "OUTPUT_TABLE"): tr("Economic loss per unit, level and class"),
        ("compare", "OUTPUT_TABLE"): tr("Loss against the baseline scenario"),
        ("compare", "OUTPUT_MAP"): tr("Loss change map"),
        ("evacuation", "OUTPUT_ORIGINS"): tr("Evacuees and their shelter"),
        ("evacuation", "OUTPUT_SHELTERS"): tr("Shelter load (evacuation)"),
        ("evacuation", "OUTPUT_FLOWS"): tr("Evacuation flows"),
        ("evacuation", "OUTPUT_TABLE"): tr("Evacuation by unit"),
        ("supply", "OUTPUT_FLOWS"): tr("Supply flows"),
        ("supply", "OUTPUT_TABLE"): tr("Supply by shelter and item"),
        ("lifecircle", "OUTPUT_DEMAND"): tr("Services in reach"),
        ("lifecircle", "OUTPUT_TABLE"): tr("Life circle by unit"),
        ("towers", "OUTPUT"): tr("Power lines: failure from their towers"),
        ("towers", "OUTPUT_TOWERS"): tr("Towers: failure probability"),
        ("towers", "OUTPUT_TABLE"): tr("Tower and line failures per unit"),
        ("criticality", "OUTPUT_DEMAND"): tr("Hospital access of the population"),
        ("criticality", "OUTPUT_TABLE"): tr("Persons isolated from hospitals per unit"),
        ("criticality", "OUTPUT_LINKS"): tr("Road criticality"),
        ("cascade", "OUTPUT_POINTS"): tr("Cascade: point assets"),
        ("cascade", "OUTPUT_LINES"): tr("Cascade: line assets"),
        ("cascade", "OUTPUT_POLYGONS"): tr("Cascade: polygon assets"),
        ("cascade", "OUTPUT_TABLE"): tr("Persons without service"),
    }
    return titles.get((call_key, output), f"{call_key} {output}")


# the layer's title in a plan map of each language (maps.texts.set_map_titles): Chinese, English
_MAP_TITLE_LANGUAGES = (partial(translated_in, "zh_CN"), str)


# --- fingerprints and status ----------------------------------------------------------------------
def layer_fingerprint(lyr):
    """What identifies the content of a layer: its source, CRS, size and the file's modification time."""
    if lyr is None:
        return "missing"
    parts = [lyr.providerType(), lyr.source(), lyr.crs().authid() or lyr.crs().toWkt()]
    if isinstance(lyr, QgsVectorLayer):
        parts.append(str(lyr.featureCount()))
        parts.append(lyr.subsetString())
    path = file_of(lyr)
    if path is not None and path.exists():
        st = path.stat()
        parts += [str(st.st_mtime_ns), str(st.st_size)]
    return "|".join(parts)


def file_of(lyr):
    """The file a layer reads, or None (memory layers, databases, services)."""
    if lyr is None:
        return None
    source = lyr.source().split("|")[0]
    path = Path(source)
    return path if source and path.is_file() else None


def _file_print(path):
    p = Path(path)
    if not p.is_file():
        return "missing:" + str(path)
    st = p.stat()
    return f"{p}|{st.st_mtime_ns}|{st.st_size}"


def layer_prints(study, project=None):
    project = project or QgsProject.instance()
    return {lid: layer_fingerprint(project.mapLayer(lid)) for lid in study.layer_ids()}


def current_fingerprints(study, scenario, runs, project=None):
    """{step: fingerprint the step would have if run now, or None when it cannot run}."""
    prints = layer_prints(study, project)
    out = {}
    for step in DEPENDS:
        try:
            calls = build_calls(study, scenario, step)
        except NotReady:
            out[step] = None
            continue
        ups = {s: out.get(s) for s in DEPENDS[step]}
        if step == "lifelines" and study.fragility_file:
            ups["fragility_file"] = _file_print(study.fragility_file)
        out[step] = fingerprint(calls, prints, ups)
    return out


NOT_RUN, UP_TO_DATE, OUT_OF_DATE, NOT_READY = "not_run", "up_to_date", "out_of_date", "not_ready"


def step_statuses(study, scenario, runs, project=None):
    """{step: status}: not run, up to date, out of date (an input or parameter changed), or not ready."""
    now = current_fingerprints(study, scenario, runs, project)
    done = runs.get(scenario.name, {}) if scenario is not None else {}
    statuses = {}
    for step, fp in now.items():
        last = done.get(step, {}).get("fingerprint")
        if last is None:
            statuses[step] = NOT_RUN if fp is not None else NOT_READY
        elif fp is None or fp != last:
            statuses[step] = OUT_OF_DATE
        else:
            statuses[step] = UP_TO_DATE
    return statuses


# --- preparing a run ------------------------------------------------------------------------------
def slug(text):
    return re.sub(r"[^\w.-]+", "_", text, flags=re.UNICODE).strip("_") or "scenario"


def results_root(study, project=None):
    """Where results are written: the study's folder, beside the project file, or a temporary folder."""
    if study.output_dir:
        return Path(study.output_dir)
    project = project or QgsProject.instance()
    if project.fileName():
        p = Path(project.fileName())
        return p.parent / f"{p.stem}_resilience"
    return Path(tempfile.gettempdir()) / "resilience_workbench"


class Prepared:
    """A step ready to run: its calls with resolved parameters and the folder for its outputs."""

    def __init__(self, step, scenario_name, calls, fp, run_dir):
        self.step = step
        self.scenario = scenario_name
        self.calls = calls
        self.fingerprint = fp
        self.run_dir = run_dir
        self.outputs = {}  # call key -> {output: path}
        self.resolved = {}  # call key -> resolved parameters


def prepare_step(study, scenario, step, runs, project=None, reuse_outputs=False):
    """Resolve ``step`` for a run. Raises ``QgsProcessingException`` with a translated message.

    With ``reuse_outputs`` the output paths are those of the step's last run (to describe it, e.g. as
    a model), not a fresh folder."""
    project = project or QgsProject.instance()
    try:
        calls = build_calls(study, scenario, step)
    except NotReady as err:
        raise QgsProcessingException(not_ready_text(err.args[0])) from None
    done = runs.get(scenario.name, {})
    missing = sorted({s for s, _c, _o in upstream_refs(calls) if s not in done})
    if step == MAPS:
        calls = [c for c in calls if _first_upstream_available(c, done)]
        missing = []
    if missing:
        raise QgsProcessingException(
            tr("Run these steps first: {steps}").format(steps=", ".join(step_title(s) for s in missing))
        )
    for lid in study.layer_ids():
        lyr = project.mapLayer(lid)
        if lyr is not None and file_of(lyr) is None and lyr.providerType() == "memory":
            raise QgsProcessingException(
                tr("Layer '{name}' is a temporary layer: save it to a file first.").format(name=lyr.name())
            )
    now = current_fingerprints(study, scenario, runs, project)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    run_dir = results_root(study, project) / slug(scenario.name) / f"{step}_{stamp}"
    prepared = Prepared(step, scenario.name, calls, now[step], run_dir)
    for call in calls:
        prepared.outputs[call.key] = {
            name: str(run_dir / f"{call.key}_{name.lower()}.{ext}") for name, ext in call.outputs.items()
        }
        if reuse_outputs:
            prepared.outputs[call.key].update(done.get(step, {}).get("outputs", {}).get(call.key, {}))
    for call in calls:
        params = {}
        for name, value in call.params.items():
            resolved = _resolve(value, project, done, prepared.outputs)
            if resolved is not None and resolved != []:
                params[name] = resolved
        params.update(prepared.outputs[call.key])
        prepared.resolved[call.key] = params
    return prepared


def _first_upstream_available(call, done):
    layers = call.params.get("LAYERS", [])
    first = next((v for v in layers if is_ref(v, "upstream")), None)
    if first is None:
        return False
    step, key, output = first["upstream"]
    return bool(done.get(step, {}).get("outputs", {}).get(key, {}).get(output))


def _resolve(value, project, done, outputs):
    if isinstance(value, list):
        return [r for r in (_resolve(v, project, done, outputs) for v in value) if r is not None]
    if is_ref(value, "layer"):
        lyr = project.mapLayer(value["layer"])
        if lyr is None:
            raise QgsProcessingException(tr("A layer of the study is no longer in the project; choose it again."))
        return lyr.source()
    if is_ref(value, "out"):
        key, output = value["out"]
        return outputs[key][output]
    if is_ref(value, "upstream"):
        step, key, output = value["upstream"]
        return done.get(step, {}).get("outputs", {}).get(key, {}).get(output)
    return value


# --- the task -------------------------------------------------------------------------------------
class StepTask(QgsTask):
    """Runs one prepared step: its calls in the background, then (``finished``, main thread) the
    layout calls and the replacement of the step's layers. ``stepFinished(step, ok, message)``."""

    stepFinished = pyqtSignal(str, bool, str)  # noqa: N815 - Qt signal naming

    def __init__(self, prepared, runs, project=None):
        super().__init__(step_title(prepared.step), QgsTask.Flag.CanCancel)
        self.prepared = prepared
        self.runs = runs
        self.project = project or QgsProject.instance()
        prepared.transform_context = self.project.transformContext()
        if not WORKBENCH_IN_BACKGROUND:  # see compat: every call then runs when the task finishes
            for call in prepared.calls:
                call.main_thread = True
        self.feedback = _Feedback(self)
        self.log = []
        self.error = ""

    def cancel(self):
        self.feedback.cancel()
        super().cancel()

    def run(self):
        keep_proj_context()
        return run_prepared(self.prepared, self.feedback, self)

    def finished(self, result):
        ok = bool(result) and not self.feedback.isCanceled()
        if ok:
            ok = run_prepared(self.prepared, self.feedback, self, main_thread=True)
        if ok:
            publish(self.prepared, self.runs, self.project)
            message = ""
        else:
            discard(self.prepared)
            message = (
                getattr(self.prepared, "error", "") or self.error or tr("Cancelled by the user; no output was written.")
            )
        self.stepFinished.emit(self.prepared.step, ok, message)


class _Feedback(QgsProcessingFeedback):
    def __init__(self, task):
        super().__init__()
        self.task = task

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 - QGIS API
        self.task.log.append(error)
        super().reportError(error, fatalError)


def run_prepared(prepared, feedback, task=None, main_thread=False):
    """Run the calls of ``prepared`` (the background ones, or with ``main_thread`` the main-thread ones).

    Returns True on success; on failure the message is in ``task.error`` / ``prepared.error``."""
    import processing

    calls = [c for c in prepared.calls if c.main_thread == main_thread]
    prepared.error = ""
    if not calls:
        return True
    os.makedirs(prepared.run_dir, exist_ok=True)
    multi = QgsProcessingMultiStepFeedback(len(calls), feedback)
    if task is not None:
        multi.progressChanged.connect(task.setProgress)
    context = QgsProcessingContext()
    if main_thread:
        context.setProject(QgsProject.instance())
    else:
        context.setTransformContext(prepared.transform_context)
    context.setFeedback(multi)
    for i, call in enumerate(calls):
        multi.setCurrentStep(i)
        if feedback.isCanceled():
            prepared.error = tr("Cancelled by the user; no output was written.")
            break
        try:
            processing.run(
                call.alg, prepared.resolved[call.key], context=context, feedback=multi, is_child_algorithm=True
            )
        except QgsProcessingException as err:
            prepared.error = err.args[0] if err.args else str(err)
            if feedback.isCanceled():
                prepared.error = tr("Cancelled by the user; no output was written.")
            break
    else:
        prepared.error = ""
        return True
    if task is not None:
        task.error = prepared.error
    return False


# --- after a run ----------------------------------------------------------------------------------
def discard(prepared):
    """Remove the folder of a run that did not finish (nothing of it reaches the layer tree)."""
    if prepared is not None and prepared.run_dir.exists():
        shutil.rmtree(prepared.run_dir, ignore_errors=True)


def scenario_group(scenario_name, project=None, create=True):
    root = (project or QgsProject.instance()).layerTreeRoot()
    for child in root.children():
        if isinstance(child, QgsLayerTreeGroup) and child.customProperty(GROUP_PROPERTY) == scenario_name:
            return child
    if not create:
        return None
    group = root.insertGroup(0, tr("Resilience assessment: {name}").format(name=scenario_name))
    group.setCustomProperty(GROUP_PROPERTY, scenario_name)
    return group


def step_group(scenario_name, step, project=None, create=True):
    group = scenario_group(scenario_name, project, create)
    if group is None:
        return None
    order = list(DEPENDS)
    for child in group.children():
        if isinstance(child, QgsLayerTreeGroup) and child.customProperty(GROUP_PROPERTY) == step:
            return child
    if not create:
        return None
    index = sum(
        1
        for c in group.children()
        if isinstance(c, QgsLayerTreeGroup) and c.customProperty(GROUP_PROPERTY) in order[: order.index(step)]
    )
    sub = group.insertGroup(index, step_title(step))
    sub.setCustomProperty(GROUP_PROPERTY, step)
    return sub


def step_layers(scenario_name, step, project=None):
    """The layers the last run of ``step`` added (tagged; the user's own layers never are)."""
    project = project or QgsProject.instance()
    tag = f"{scenario_name}/{step}"
    return [lyr for lyr in project.mapLayers().values() if lyr.customProperty(PROPERTY) == tag]


def publish(prepared, runs, project=None):
    """Replace the step's layers from its previous run by the new outputs; record the run. Returns the layers."""
    from ...maps.styles import apply_style, detect_style

    project = project or QgsProject.instance()
    new_layers = []
    for call in prepared.calls:
        for output in call.load:
            path = prepared.outputs[call.key][output]
            lyr = QgsVectorLayer(path, output_title(call.key, output, call.params), "ogr")
            if not lyr.isValid():
                lyr = QgsRasterLayer(path, output_title(call.key, output, call.params))
            if not lyr.isValid():
                continue
            lyr.setCustomProperty(PROPERTY, f"{prepared.scenario}/{prepared.step}")
            lyr.setCustomProperty("resilience_workbench/output", f"{call.key}:{output}")
            set_map_titles(lyr, *(output_title(call.key, output, call.params, tr=t) for t in _MAP_TITLE_LANGUAGES))
            if lyr.type() == QgsMapLayer.LayerType.VectorLayer and lyr.isSpatial():
                style = detect_style(lyr)
                if style:
                    apply_style(lyr, style)
            new_layers.append(lyr)
    old = step_layers(prepared.scenario, prepared.step, project)
    previous = runs.get(prepared.scenario, {}).get(prepared.step, {}).get("run_dir")
    project.removeMapLayers([lyr.id() for lyr in old])
    group = step_group(prepared.scenario, prepared.step, project, create=bool(new_layers))
    for lyr in new_layers:
        project.addMapLayer(lyr, False)
        node = QgsLayerTreeLayer(lyr)
        group.addChildNode(node)
        if lyr.customProperty("resilience_workbench/output") in HIDDEN_BY_DEFAULT or (
            lyr.customProperty("resilience_workbench/output") or ""
        ).startswith("classify_"):
            node.setItemVisibilityChecked(False)  # one point per raster cell, or an intermediate layer
    runs.setdefault(prepared.scenario, {})[prepared.step] = {
        "fingerprint": prepared.fingerprint,
        "outputs": prepared.outputs,
        "run_dir": str(prepared.run_dir),
        "numbers": key_numbers.compute(prepared.step, prepared.outputs, {c.key: c.params for c in prepared.calls}),
    }
    if previous and Path(previous) != prepared.run_dir and Path(previous).exists():
        shutil.rmtree(previous, ignore_errors=True)
    record_history(prepared, project)
    return new_layers


def record_history(prepared, project=None):
    """Each call of a finished step into the Processing history (child runs are not recorded by QGIS);
    how it is recorded depends on the QGIS version (``compat.record_history``). Returns the count."""
    from qgis.core import QgsApplication

    context = QgsProcessingContext()
    context.setProject(project or QgsProject.instance())
    registry = QgsApplication.processingRegistry()
    done = 0
    for call in prepared.calls:
        alg = registry.createAlgorithmById(call.alg)
        if alg is not None and compat_record_history(alg, prepared.resolved[call.key], context):
            done += 1
    return done


def run_step_now(study, scenario, step, runs, feedback=None, project=None):
    """Run one step synchronously on this thread (scripts and tests); returns (ok, message)."""
    project = project or QgsProject.instance()
    prepared = prepare_step(study, scenario, step, runs, project)
    prepared.transform_context = project.transformContext()
    feedback = feedback or QgsProcessingFeedback()
    ok = run_prepared(prepared, feedback) and run_prepared(prepared, feedback, main_thread=True)
    if not ok:
        discard(prepared)
        return False, prepared.error
    publish(prepared, runs, project)
    return True, ""
