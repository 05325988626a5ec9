"""Read one GeoPackage whose feature ids have holes with ``read_source`` from several threads at once, in a
QGIS of its own (the GDAL race this guards against can crash the process). Prints one line per thread,
"thread N: R reads, B wrong", and the wrong reads' messages; a crash shows as a signal exit code.

    python arrow_thread_reads.py REPO GPKG THREADS READS COUNT
"""

import sys
import threading
from pathlib import Path

repo, gpkg = Path(sys.argv[1]), sys.argv[2]
threads_n, reads, count = (int(a) for a in sys.argv[3:6])
sys.path.insert(0, str(repo))

import numpy as np  # noqa: E402
from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402

app = QgsApplication([], False)
app.initQgis()
from resilience_plugin.qgis_io.vector import read_source  # noqa: E402

# what the file holds (tests/qgis_io/test_arrow_threads.py wrote it with OGR)
i = np.arange(count)
fids, names, values, xs = 5 * (i + 1), [f"feature number {k}" * (1 + k % 3) for k in i], i * 0.5, 700000 + i
# one layer per thread, made here (the main thread), as Processing hands layers to its tasks
layers = [QgsVectorLayer(f"{gpkg}|layername=holes", "holes", "ogr") for _ in range(threads_n)]
assert all(lyr.isValid() for lyr in layers)
wrong = [[] for _ in range(threads_n)]


def read(k):
    for n in range(reads):
        try:
            data = read_source(layers[k], ["name", "value"])
            if not (
                np.array_equal(data.fids, fids)
                and list(data.attrs["name"]) == names
                and np.array_equal(data.attrs["value"].to_numpy(), values)
                and np.array_equal(np.asarray([g.x for g in data.geoms]), xs)
            ):
                wrong[k].append(f"read {n}: {len(data)} features, not the expected ones")
        except Exception as err:  # noqa: BLE001 - every failure is counted
            wrong[k].append(f"read {n}: {type(err).__name__}: {err}")


threads = [threading.Thread(target=read, args=(k,)) for k in range(threads_n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for k in range(threads_n):
    print(f"thread {k}: {reads} reads, {len(wrong[k])} wrong")
    for message in wrong[k][:3]:
        print("  " + message[:200])
sys.stdout.flush()
layers.clear()  # the layers go before QGIS does
app.exitQgis()
