"""Run one of our algorithms several times in a row in Processing's own background task (the way the
toolbox runs it), in a QGIS of its own. Prints one line per run; a crash shows as a signal exit code.

    python background_tasks.py REPO OUT_DIR RUNS
"""

import sys
from pathlib import Path

repo, out_dir, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
sys.path.insert(0, str(repo))

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)

app = QgsApplication([], False)
app.initQgis()
sys.path.insert(0, QgsApplication.pkgDataPath() + "/python/plugins")
from processing.core.Processing import Processing  # noqa: E402

Processing.initialize()
from resilience_plugin.processing.provider import ResilienceProvider  # noqa: E402

provider = ResilienceProvider()
QgsApplication.processingRegistry().addProvider(provider)
alg = QgsApplication.processingRegistry().algorithmById("resilience:classifyhazard")
depth = str(repo / "resources" / "sample_data" / "flood_current_depth.tif")

for i in range(runs):
    done = {}
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    params = {"INPUT": depth, "HAZARD_NAME": "flood", "THRESHOLDS": "0.1,0.5,1.0,2.0",
              "OUTPUT": str(out_dir / f"run{i}.gpkg")}
    task = QgsProcessingAlgRunnerTask(alg, params, context, feedback)
    task.executed.connect(lambda ok, results, done=done: done.update(ok=ok, results=results))
    QgsApplication.taskManager().addTask(task)
    while "ok" not in done:
        app.processEvents()
    print(f"run {i}: {'ok' if done['ok'] else 'failed'}", flush=True)
app.exitQgis()
