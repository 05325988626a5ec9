"""No half-written output: every destination is checked before anything is written, and a run that
fails after it began writing removes the files it created. Messages name the output and say what to do.
"""

import os
import stat
from pathlib import Path

import pytest
import shapely
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from tests.conftest import DATA
from tests.processing.test_shelter_coverage import _street_case

INASAFE = DATA / "inasafe_samples.gpkg"
HAND = [[(0, 0), (100, 0)], [(100, 0), (100, 100)], [(100, 100), (0, 100)], [(0, 100), (0, 0)]]


@pytest.fixture()
def readonly_dir(tmp_path):
    """A folder nobody running the tests can create files in: a 0555 folder, or, where the tests run as
    root (root ignores permission bits), /proc or /sys, which refuse new files even to root."""
    d = tmp_path / "read_only"
    d.mkdir()
    d.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    try:
        for candidate in (d, Path("/proc"), Path("/sys")):
            probe = candidate / "resilience_probe"
            try:
                probe.touch()
            except OSError:
                yield candidate
                break
            probe.unlink()
        else:
            pytest.fail("no folder that refuses new files was found (0555 folder, /proc, /sys)")
    finally:
        d.chmod(stat.S_IRWXU)


@pytest.fixture()
def zones(inasafe_zones):
    return inasafe_zones


def _network(tmp_path):
    from tests.processing.test_shelter_coverage import write_layer

    lines = [
        shapely.LineString([(500000 + x0, 2500000 + y0), (500000 + x1, 2500000 + y1)]) for (x0, y0), (x1, y1) in HAND
    ]
    net = write_layer(tmp_path / "net.gpkg", lines, 32650, {"name": [f"l{i}" for i in range(4)]})
    dem = write_layer(tmp_path / "dem.gpkg", [shapely.Point(500050, 2500105)], 32650, {"pop": [20.0]})
    hosp = write_layer(tmp_path / "hosp.gpkg", [shapely.Point(500010, 2499995)], 32650)
    return net, dem, hosp


def cases(tmp_path, zones, second):
    """``algorithm -> (parameters, first output path, the second output's name)`` with the second
    output going to ``second`` (a folder)."""
    first = str(tmp_path / "first.gpkg")
    roads, fac, dem = _street_case(tmp_path)
    net, cdem, hosp = _network(tmp_path)
    return {
        "exposuresummary": (
            {
                "HAZARD": zones,
                "EXPOSURE": f"{INASAFE}|layername=buildings",
                "OUTPUT": first,
                "OUTPUT_TABLE": str(second / "table.gpkg"),
            },
            first,
            "Exposure summary",
        ),
        "sheltercoverage": (
            {
                "FACILITIES": fac,
                "DEMAND": dem,
                "POPULATION_FIELD": "pop",
                "ROADS": roads,
                "OUTPUT_DEMAND": first,
                "OUTPUT_FACILITIES": str(second / "facilities.gpkg"),
            },
            first,
            "Facility load",
        ),
        "networkcriticality": (
            {
                "NETWORK": net,
                "DEMAND": cdem,
                "POPULATION_FIELD": "pop",
                "DESTINATIONS": [hosp],
                "OUTPUT_LINKS": first,
                "OUTPUT_DEMAND": str(second / "demand.gpkg"),
                "OUTPUT_TABLE": str(tmp_path / "t.gpkg"),
            },
            first,
            "Demand access",
        ),
        "lifelineexposure": (
            {
                "LIFELINES": f"{INASAFE}|layername=roads",
                "ASSET_TYPE": "road",
                "HAZARD": zones,
                "LEVEL_FIELD": "level",
                "OUTPUT": first,
                "OUTPUT_TABLE": str(second / "table.gpkg"),
            },
            first,
            "Lifeline exposure summary",
        ),
    }


@pytest.mark.parametrize("alg", ["exposuresummary", "sheltercoverage", "networkcriticality", "lifelineexposure"])
def test_read_only_folder_for_the_second_output(alg, tmp_path, zones, run_alg, readonly_dir):
    params, first, name = cases(tmp_path, zones, readonly_dir)[alg]
    with pytest.raises(QgsProcessingException) as err:
        run_alg(alg, params)
    message = str(err.value)
    assert f"Cannot write the output '{name}'" in message
    assert "is not writable. Choose a folder you can write to" in message
    assert "sqlite" not in message.lower()
    assert not os.path.exists(first)  # nothing was written


@pytest.mark.parametrize("alg", ["exposuresummary", "networkcriticality"])
def test_missing_folder_and_unsupported_extension(alg, tmp_path, zones, run_alg):
    params, first, name = cases(tmp_path, zones, tmp_path / "no" / "such" / "folder")[alg]
    with pytest.raises(
        QgsProcessingException, match=f"output '{name}'.*the folder .*folder does not exist. Choose an existing folder"
    ):
        run_alg(alg, params)
    assert not os.path.exists(first)
    params, first, name = cases(tmp_path, zones, tmp_path)[alg]
    key = next(k for k, v in params.items() if isinstance(v, str) and v.endswith(("table.gpkg", "demand.gpkg")))
    params[key] = str(tmp_path / "result.docx")
    with pytest.raises(
        QgsProcessingException, match=r"'\.docx' is not a format this output can be saved in. Use one of: gpkg, shp"
    ):
        run_alg(alg, params)
    assert not os.path.exists(first)


class CancelOnceWritten(QgsProcessingFeedback):
    """Cancels the run as soon as the first output file exists: a failure after writing began."""

    def __init__(self, path):
        super().__init__()
        self.path = path

    def isCanceled(self):  # noqa: N802 - QGIS API
        return os.path.exists(self.path) or super().isCanceled()


def test_failure_after_writing_began_removes_what_the_run_created(tmp_path, zones, run_alg):
    params, first, _ = cases(tmp_path, zones, tmp_path)["exposuresummary"]
    existing = tmp_path / "table.gpkg"
    with pytest.raises(QgsProcessingException) as err:
        run_alg("exposuresummary", params, feedback=CancelOnceWritten(first))
    assert "Cancelled by the user" in str(err.value)
    assert "The outputs this run had begun to write were removed" in str(err.value)
    assert not os.path.exists(first) and not os.path.exists(first + "-wal")
    assert not existing.exists()
    # a file that was there before the run is never deleted
    existing.write_bytes(b"")
    with pytest.raises(QgsProcessingException):
        run_alg("exposuresummary", params, feedback=CancelOnceWritten(first))
    assert existing.exists()


def test_temporary_and_memory_outputs_need_no_folder(tmp_path, zones, run_alg):
    res = run_alg(
        "exposuresummary",
        {
            "HAZARD": zones,
            "EXPOSURE": f"{INASAFE}|layername=buildings",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "OUTPUT_TABLE": "memory:",
        },
    )
    assert res["OUTPUT_TABLE"].featureCount() > 0
