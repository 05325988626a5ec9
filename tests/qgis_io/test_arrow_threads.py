"""The bulk GeoPackage reader on several threads at once, as background tasks (the workbench's steps, the
toolbox) read layers while QGIS goes on.

A GeoPackage whose feature ids have holes (a subset written by ogr2ogr keeps the source's ids) takes a
threaded path in GDAL's driver that, up to GDAL 3.11.3, could hand a batch over while still writing it
(GDAL issue 12934). On Debian 13's GDAL 3.10.3, with four threads reading at once, reads came back short
or with garbage offsets ("Negative size passed to PyBytes_FromStringAndSize"), or the process crashed.
The reader asks for the driver's single-threaded implementation there (``compat.GPKG_ARROW_SINGLE_THREADED``):
every read must give every feature with its values. The reads run in a QGIS process of their own, so a
crash fails this test with its signal instead of taking the whole suite down."""

import subprocess
import sys
from pathlib import Path

from osgeo import ogr, osr
from qgis.core import QgsVectorLayer

from resilience_plugin.qgis_io.vector import iter_batches

REPO = Path(__file__).resolve().parents[2]
THREADS = 4
READS = 150
COUNT = 3000


def _write_holes(path):
    """COUNT points with ids 5, 10, 15, ... (holes), a text and a real field; written with OGR itself."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32748)
    lyr = ds.CreateLayer("holes", srs, ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("value", ogr.OFTReal))
    lyr.StartTransaction()
    for i in range(COUNT):
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetFID(5 * (i + 1))
        feat.SetField("name", f"feature number {i}" * (1 + i % 3))
        feat.SetField("value", i * 0.5)
        feat.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({700000 + i} {9300000 + 2 * i})"))
        lyr.CreateFeature(feat)
    lyr.CommitTransaction()
    ds = None
    return path


def test_parallel_bulk_reads_of_a_geopackage_with_id_holes_are_whole(tmp_path):
    gpkg = _write_holes(tmp_path / "holes.gpkg")
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("arrow_thread_reads.py")), str(REPO), str(gpkg),
         str(THREADS), str(READS), str(COUNT)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("thread ")]
    assert lines == [f"thread {k}: {READS} reads, 0 wrong" for k in range(THREADS)], proc.stdout[-2000:]


def test_streamed_batches_of_a_geopackage_with_id_holes_are_whole(qgis_app, tmp_path):
    gpkg = _write_holes(tmp_path / "holes.gpkg")
    layer = QgsVectorLayer(f"{gpkg}|layername=holes", "holes", "ogr")
    got_fids, got_names = [], []
    for batch in iter_batches(layer, ["name"], batch_size=700):
        assert len(batch) <= 700
        got_fids += list(batch.fids)
        got_names += list(batch.attrs["name"])
    assert got_fids == [5 * (i + 1) for i in range(COUNT)]
    assert got_names == [f"feature number {k}" * (1 + k % 3) for k in range(COUNT)]
