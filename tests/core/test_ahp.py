"""AHP weights against hand-computed cases and every bad matrix."""

import numpy as np
import pytest

from resilience_plugin.core import ahp
from resilience_plugin.core.errors import InputError


def test_consistent_matrix_gives_the_generating_weights():
    w = np.array([0.4, 0.3, 0.2, 0.1])
    a = w[:, None] / w[None, :]
    res = ahp.ahp_weights(a)
    assert res.weights == pytest.approx(w)
    assert res.lambda_max == pytest.approx(4.0)
    assert res.ci == pytest.approx(0.0, abs=1e-9) and res.cr == pytest.approx(0.0, abs=1e-9)
    assert res.consistent


def test_three_by_three_closed_form():
    # For a 3x3 reciprocal matrix [[1,a,b],[1/a,1,c],[1/b,1/c,1]]:
    # lambda_max = 1 + (b/(a c))^(1/3) + (a c / b)^(1/3)  (by hand from the characteristic polynomial)
    a, b, c = 2.0, 4.0, 3.0
    lam = 1 + (b / (a * c)) ** (1 / 3) + (a * c / b) ** (1 / 3)  # 3.01829
    ci = (lam - 3) / 2
    cr = ci / 0.58
    m = ahp.parse_matrix(["1", "2", "4", "1/2", "1", "3", "1/4", "1/3", "1"], 3)
    res = ahp.ahp_weights(m)
    assert res.lambda_max == pytest.approx(lam, rel=1e-9)
    assert res.ci == pytest.approx(ci, rel=1e-6)
    assert res.cr == pytest.approx(cr, rel=1e-6)
    assert round(res.cr, 4) == 0.0158
    assert res.consistent
    assert res.weights.sum() == pytest.approx(1.0)
    assert m @ res.weights == pytest.approx(lam * res.weights)
    # for a 3x3 reciprocal matrix the principal eigenvector equals the normalised row geometric
    # means: cube roots of 8, 1.5 and 1/12 -> (2, 1.1447, 0.4368) / 3.5815 = (0.5584, 0.3196, 0.1220)
    g = np.array([8.0, 1.5, 1 / 12]) ** (1 / 3)
    assert res.weights == pytest.approx(g / g.sum(), rel=1e-9)
    assert res.weights == pytest.approx([0.5584, 0.3196, 0.1220], abs=5e-5)


def test_cyclic_judgements_are_inconsistent():
    m = ahp.parse_matrix([1, 9, "1/9", "1/9", 1, 9, 9, "1/9", 1], 3)
    res = ahp.ahp_weights(m)
    lam = 1 + (1 / 729) ** (1 / 3) + 729 ** (1 / 3)  # 10.111
    assert res.lambda_max == pytest.approx(lam, rel=1e-9)
    assert res.cr == pytest.approx((lam - 3) / 2 / 0.58, rel=1e-6)
    assert not res.consistent


def test_parse_forms():
    assert ahp.parse_value("1/3") == pytest.approx(1 / 3)
    assert ahp.parse_value(" 5 ") == 5.0
    m = ahp.parse_matrix(["1,3,1/3,1"], 2)
    assert m.tolist() == [[1.0, 3.0], [1 / 3, 1.0]]
    assert ahp.full_from_upper([3, 5, 2], 3)[2, 0] == pytest.approx(0.2)
    assert ahp.parse_criteria("safety, access，capacity") == ["safety", "access", "capacity"]
    assert ahp.random_index(10) == 1.49 and ahp.random_index(15) == 1.59


@pytest.mark.parametrize("values,n,message", [
    ([1, 0, 0, 1], 2, "must be positive"),
    ([1, 3, 3, 1], 2, "are not reciprocal"),
    ([1, 3, "1/3", 2], 2, "compared with itself must be 1"),
    ([1, 3, "1/3"], 2, "has 3 values but 2 criteria need 2 x 2 = 4"),
    ([1, "x", 1, 1], 2, "is not a number or a fraction"),
    ([1, 12, "1/12", 1], 2, "Saaty's scale"),
    ([1, -3, "-1/3", 1], 2, "must be positive"),
])
def test_bad_matrices(values, n, message):
    with pytest.raises(InputError, match=message):
        ahp.ahp_weights(ahp.parse_matrix(values, n))


def test_bad_criteria_and_weights():
    with pytest.raises(InputError, match="unique"):
        ahp.parse_criteria("a,b,a")
    with pytest.raises(InputError, match="Give the criteria"):
        ahp.parse_criteria(" , ")
    with pytest.raises(InputError, match="1 to 15 criteria"):
        ahp.parse_criteria(",".join(f"c{i}" for i in range(16)))
    crit = ["safety", "access"]
    assert ahp.parse_weights("safety:2, access:1", crit) == {"safety": 2.0, "access": 1.0}
    assert ahp.parse_weights("0.7,0.3", crit) == {"safety": 0.7, "access": 0.3}
    with pytest.raises(InputError, match="does not match any criterion"):
        ahp.parse_weights("safety:2, price:1", crit)
    with pytest.raises(InputError, match="3 weights were given for 2 criteria"):
        ahp.parse_weights("1,2,3", crit)
    with pytest.raises(InputError, match="must be zero or positive"):
        ahp.parse_weights("1,-2", crit)
