"""Scenario comparison in the core (no QGIS): change classes by hand, sums, recomputed ratios, errors."""

import numpy as np
import pandas as pd
import pytest

from resilience_plugin.core import scenarios as sc
from resilience_plugin.core.errors import InputError


def test_change_class_by_hand():
    diff, rel, cls = sc.change_class(
        [100, 100, 100, 0, 0, np.nan], [90, 104, 120, 0, 5, 1], higher=False, threshold_pct=5
    )
    assert list(diff[:5]) == [-10, 4, 20, 0, 5]
    assert list(rel[:4]) == [-10, 4, 20, 0] and np.isnan(rel[4])
    assert list(cls[:5]) == [1, 0, -1, 0, -1] and np.isnan(cls[5])
    _, _, cls = sc.change_class([50.0], [60.0], higher=True, threshold_pct=5)  # more coverage is better
    assert cls[0] == 1


def test_rows_are_summed_and_ratios_recomputed():
    a = pd.DataFrame(
        {
            "unit_id": ["u1", "u1", "u2"],
            "level": [1, 2, 1],
            "persons": [10.0, 5.0, 3.0],
            "covered": [5.0, 5.0, 3.0],
            "population": [10.0, 10.0, 3.0],
            "coverage_pct": [50.0, 50.0, 100.0],
        }
    )
    b = a.assign(persons=[8.0, 5.0, 6.0], covered=[9.0, 10.0, 3.0], coverage_pct=[90.0, 100.0, 100.0])
    out = sc.compare([a, b], ["now", "plan"], "persons", "unit_id").set_index("unit_id")
    assert out.loc["u1", "value_0"] == 15 and out.loc["u1", "value_1"] == 13 and out.loc["u1", "class_1"] == 1
    assert out.loc["u2", "class_1"] == -1
    cov = sc.compare([a, b], ["now", "plan"], "coverage_pct", "unit_id").set_index("unit_id")
    assert cov.loc["u1", "value_0"] == pytest.approx(50.0) and cov.loc["u1", "value_1"] == pytest.approx(
        95.0
    )  # 19 / 20


def test_incomparable_tables():
    a = pd.DataFrame({"unit_id": ["u1", "u2"], "loss": [1.0, 2.0]})
    with pytest.raises(InputError, match="only in A: -; only in B: extra"):
        sc.compare([a, a.assign(extra=1)], ["a", "b"], "loss", "unit_id", layers=["A", "B"])
    with pytest.raises(InputError, match="only in A: u2; only in B: u3"):
        sc.compare([a, a.assign(unit_id=["u1", "u3"])], ["a", "b"], "loss", "unit_id", layers=["A", "B"])
    with pytest.raises(InputError, match="text that is not a number"):
        sc.compare([a, a.assign(loss=["1", "lots"])], ["a", "b"], "loss", "unit_id", layers=["A", "B"])
    with pytest.raises(InputError, match="ratio that cannot be summed"):
        t = pd.DataFrame({"unit_id": ["u1", "u1"], "share_pct": [1.0, 2.0]})
        sc.compare([t, t], ["a", "b"], "share_pct", "unit_id")
