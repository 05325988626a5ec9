"""resilience:ahpweights through processing.run."""

import numpy as np
import pytest
from qgis.core import QgsProcessingException

from tests.helpers import read_gdf


def test_ahp_hand_case(run_alg, tmp_path):
    out = tmp_path / "w.gpkg"
    res = run_alg("ahpweights", {"CRITERIA": "safety,access,capacity",
                                 "MATRIX": ["1", "2", "4", "1/2", "1", "3", "1/4", "1/3", "1"],
                                 "OUTPUT_TABLE": str(out)})
    g = np.array([8.0, 1.5, 1 / 12]) ** (1 / 3)  # row geometric means = eigenvector for 3x3
    lam = 1 + (4 / 6) ** (1 / 3) + (6 / 4) ** (1 / 3)
    df = read_gdf(out)
    assert df["criterion"].tolist() == ["safety", "access", "capacity"]
    assert df["weight"].to_numpy() == pytest.approx(g / g.sum(), rel=1e-6)
    assert res["LAMBDA_MAX"] == pytest.approx(lam)
    assert res["CI"] == pytest.approx((lam - 3) / 2)
    assert res["CR"] == pytest.approx((lam - 3) / 2 / 0.58)
    assert res["CONSISTENT"] is True


def test_ahp_inconsistent_flagged(run_alg, tmp_path):
    res = run_alg("ahpweights", {"CRITERIA": "a,b,c", "MATRIX": "1,9,1/9,1/9,1,9,9,1/9,1",
                                 "OUTPUT_TABLE": str(tmp_path / "w.gpkg")})
    assert res["CONSISTENT"] is False and res["CR"] > 1


@pytest.mark.parametrize("criteria,matrix,message", [
    ("a,b", [1, 0, 0, 1], "must be positive"),
    ("a,b", [1, 3, 3, 1], "not reciprocal"),
    ("a,b,c", [1, 3, "1/3", 1], "has 4 values but 3 criteria need 3 x 3 = 9"),
    ("a,b", [2, 3, "1/3", 1], "compared with itself must be 1"),
])
def test_ahp_bad_matrix(run_alg, tmp_path, criteria, matrix, message):
    with pytest.raises(QgsProcessingException, match=message):
        run_alg("ahpweights", {"CRITERIA": criteria, "MATRIX": matrix, "OUTPUT_TABLE": str(tmp_path / "w.gpkg")})
