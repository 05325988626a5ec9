"""Benchmark: the cost of running inside a model.

``resources/models/hazard_zoning.model3`` (classify two hazards -> overlay with units and population ->
two plan maps) on the whole Jakarta sample, run twice in one process:

- ours (``ours_s``): the model through ``processing.run`` (what the graphical modeler does);
- one by one (``native_s`` column): the same child algorithms with ``processing.run``, in the model's
  order, each child's parameters built from the model's parameter sources (model inputs, other
  children's outputs, static values), sharing one context as the model does.

``ratio`` = one by one / model, so the target "a model costs at most 1.2x its steps" is ``ratio >= 0.83``;
the case also prints ``model/steps=<x>``. Both sides are repeated (``REPEATS``) and the medians reported;
``same=yes`` when both write the same per-unit table (unit, level, area, population within 1e-9).
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402

SAMPLE = ROOT / "resources" / "sample_data"
MODEL = ROOT / "resources" / "models" / "hazard_zoning.model3"
REPEATS = 3
# QgsProcessingModelChildParameterSource kinds (stable integer values since QGIS 3.0)
MODEL_PARAMETER, CHILD_OUTPUT, STATIC_VALUE = 0, 1, 2


def inputs(out):
    from tests.helpers import hazard_zoning_params

    gpkg = SAMPLE / "jakarta.gpkg"
    return hazard_zoning_params(SAMPLE / "flood_current_depth.tif", f"{gpkg}|layername=flood_2007_rw",
                                f"{gpkg}|layername=kecamatan", SAMPLE / "population.tif", out, note="bench")


def _kind(source):
    value = source.source()
    return int(getattr(value, "value", value))


def _load():
    from tests.helpers import load_model

    return load_model(MODEL)


def _order(model):
    """Child ids in an order where every child comes after the children it takes outputs from."""
    children = model.childAlgorithms()
    needs = {}
    for cid, child in children.items():
        deps = {getattr(d, "childId", d) for d in child.dependencies()}  # objects with childId, or ids
        for sources in child.parameterSources().values():
            deps |= {s.outputChildId() for s in sources if _kind(s) == CHILD_OUTPUT}
        needs[cid] = deps
    order, done = [], set()
    while len(order) < len(children):
        ready = sorted(c for c in children if c not in done and needs[c] <= done)
        if not ready:
            raise RuntimeError("the model's children depend on each other in a cycle")
        order += ready
        done |= set(ready)
    return order


def _child_params(model, child, params, results):
    """The child's parameters from the model's sources, as the model would pass them."""
    alg = child.algorithm()
    out = {}
    for name, sources in child.parameterSources().items():
        values = []
        for s in sources:
            kind = _kind(s)
            if kind == MODEL_PARAMETER:
                values.append(params.get(s.parameterName()))
            elif kind == CHILD_OUTPUT:
                values.append(results[s.outputChildId()][s.outputName()])
            elif kind == STATIC_VALUE:
                values.append(s.staticValue())
            else:
                raise RuntimeError(f"parameter source kind {kind} of {child.childId()}.{name} is not handled")
        definition = alg.parameterDefinition(name)
        multiple = definition is not None and definition.type() in ("multilayer", "enum", "field") and len(values) != 1
        out[name] = values if multiple or (definition is not None and definition.type() == "multilayer") else values[0]
    for name, output in child.modelOutputs().items():
        out[output.childOutputName()] = params[f"{child.childId()}:{name}"]
    for definition in alg.destinationParameterDefinitions():
        out.setdefault(definition.name(), "TEMPORARY_OUTPUT")
    return out


def _table(path):
    import csv

    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return sorted((r["unit_id"], int(r["level"]), float(r["area_m2"] or 0), float(r["population"] or 0)) for r in rows)


def run_model(out):
    from tests.helpers import run_model as run

    t = time.perf_counter()
    run(_load(), inputs(out))
    return time.perf_counter() - t


def run_steps(out):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    model = _load()
    params = inputs(out)
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    results, seconds = {}, 0.0
    for cid in _order(model):
        child = model.childAlgorithm(cid)
        child_params = _child_params(model, child, params, results)
        t = time.perf_counter()
        results[cid] = processing.run(child.algorithmId(), child_params, context=ctx, feedback=QgsProcessingFeedback(),
                                      is_child_algorithm=True)
        seconds += time.perf_counter() - t
    return seconds


def both(folder):
    common.qgis_session()
    folder = Path(folder)
    times = {"model": [], "steps": []}
    tables = {}
    (folder / "warmup").mkdir(parents=True, exist_ok=True)
    run_model(folder / "warmup")  # first run loads fonts, styles and layouts: not part of either side
    for i in range(REPEATS):
        for side, fn in (("model", run_model), ("steps", run_steps)):
            out = folder / f"{side}_{i}"
            out.mkdir(parents=True, exist_ok=True)
            times[side].append(fn(out))
            tables[side] = _table(out / "hazard_by_unit.csv")
    a, b = tables["model"], tables["steps"]
    same = len(a) == len(b) and all(x[:2] == y[:2] and abs(x[2] - y[2]) <= 1e-9 * max(abs(x[2]), 1.0)
                                    and abs(x[3] - y[3]) <= 1e-9 * max(abs(x[3]), 1.0) for x, y in zip(a, b))
    return {"model": statistics.median(times["model"]), "steps": statistics.median(times["steps"]), "same": same,
            "all": times}


def run(quick):
    with tempfile.TemporaryDirectory() as tmp:
        r = common.run_isolated("bench.case_model", "both", folder=tmp)
    runs = f"model {[round(x, 2) for x in r['all']['model']]}, steps {[round(x, 2) for x in r['all']['steps']]}"
    print(f"  model: model/steps={r['model'] / r['steps']:.2f} (runs: {runs})", flush=True)
    common.report("model_hazard_zoning", "jakarta_sample", r["model"], r["steps"], r["same"], r["peak_mb"])


if __name__ == "__main__":
    run("--quick" in sys.argv)
