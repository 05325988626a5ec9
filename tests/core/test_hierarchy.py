"""Admin hierarchy from 12-digit codes or parent ids, and rolling tables up (core, no QGIS)."""

import pandas as pd
import pytest

from resilience_plugin.core import hierarchy as hi
from resilience_plugin.core.errors import InputError

# 杭州市西湖区: two villages (社区) of one township (街道), one of another, and a village of 余杭区
VILLAGES = ["330106001001", "330106001002", "330106002001", "330110001001"]


def test_levels_and_parents_from_codes():
    h = hi.from_codes(VILLAGES)
    assert h.level["330106001001"] == 4 and h.parent["330106001001"] == "330106001000"
    assert h.level["330106001000"] == 3 and h.parent["330106001000"] == "330106000000"
    assert h.parent["330106000000"] == "330100000000" and h.parent["330100000000"] == "330000000000"
    assert h.parent["330000000000"] is None and h.level["330000000000"] == 0
    assert hi.from_codes([330106001001]).level["330106001001"] == 4  # integer codes


@pytest.mark.parametrize(
    "codes,message",
    [
        (["330106001001", "3301060010"], "mixed lengths"),
        (["33010600100A"], "not digits"),
        (["000106001001"], "no province"),
        ([None], "no admin code"),
    ],
)
def test_bad_codes(codes, message):
    with pytest.raises(InputError, match=message):
        hi.from_codes(codes)


def test_parent_ids():
    h = hi.from_parents(["A", "A1", "A11", "B"], [None, "A", "A1", ""])
    assert h.level == {"A": 0, "A1": 1, "A11": 2, "B": 0}
    with pytest.raises(InputError, match="'Z' of unit 'A1' .* is not the id of any unit"):
        hi.from_parents(["A", "A1"], [None, "Z"])
    with pytest.raises(
        InputError, match="cycle \\(A → B → C → A\\)|cycle \\(B → C → A → B\\)|cycle \\(C → A → B → C\\)"
    ):
        hi.from_parents(["A", "B", "C"], ["B", "C", "A"])


def test_roll_up_sums_and_recomputes_ratios():
    table = pd.DataFrame(
        {
            "unit": VILLAGES * 2,
            "level": [1] * 4 + [2] * 4,
            "persons": [100.0, 300.0, 50.0, 10.0, 1.0, 2.0, 3.0, 4.0],
            "covered": [90.0, 60.0, 50.0, 0.0, 1.0, 1.0, 0.0, 0.0],
        }
    )
    out = hi.roll_up(
        table,
        "unit",
        hi.from_codes(VILLAGES),
        keys=["level"],
        additive=["persons", "covered"],
        ratios={"coverage_pct": ("covered", "persons", 100.0)},
    )
    row = out.set_index(["unit_code", "level"])
    # the township row is the sum of its two villages
    assert row.loc[("330106001000", 1), "persons"] == 400.0 and row.loc[("330106001000", 1), "level_name"] == "乡"
    assert row.loc[("330106001000", 1), "parent_code"] == "330106000000"
    # county 西湖区 coverage: (90 + 60 + 50) / (100 + 300 + 50), not the mean of village percentages
    assert row.loc[("330106000000", 1), "coverage_pct"] == pytest.approx(100 * 200 / 450)
    assert row.loc[("330100000000", 1), "persons"] == 460.0 and row.loc[("330000000000", 2), "persons"] == 10.0
    assert list(out["level_name"].drop_duplicates()) == ["省", "市", "县", "乡", "村"]


def test_nested_units_are_refused():
    with pytest.raises(InputError, match="lies inside unit '330106001000'"):
        hi.roll_up(
            pd.DataFrame({"unit": ["330106001001", "330106001000"], "v": [1.0, 2.0]}),
            "unit",
            hi.from_codes(["330106001001", "330106001000"]),
            additive=["v"],
        )


def test_layers_coarse_to_fine_by_representative_point():
    import shapely

    # two districts side by side; four wards, one of them overhanging the boundary (its point is in B)
    districts = (["A", "B"], [shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)])
    wards = (["a1", "a2", "b1", "A"], [shapely.box(0, 0, 5, 10), shapely.box(5, 0, 9, 10),
                                      shapely.box(9.5, 0, 20, 5), shapely.box(12, 5, 20, 10)])
    h, keys = hi.from_layers([districts, wards], ("district", "ward"))
    # the ward named like a district is told apart by its level name
    assert list(keys) == ["a1", "a2", "b1", "ward:A"]
    assert h.parent == {"district:A": None, "B": None, "a1": "district:A", "a2": "district:A", "b1": "B", "ward:A": "B"}
    assert h.level["ward:A"] == 1 and h.names == ("district", "ward")
    with pytest.raises(InputError, match="lies in no unit of the coarser level 'district'"):
        hi.from_layers([districts, (["far"], [shapely.box(30, 0, 31, 1)])], ("district", "ward"))
    with pytest.raises(InputError, match="appears more than once"):
        hi.from_layers([(["A", "A"], districts[1]), wards], ("district", "ward"))


def test_roll_up_with_unit_totals_derived_columns_and_rows_outside():
    h = hi.from_codes(VILLAGES[:3])
    t = pd.DataFrame({"unit": VILLAGES[:3] + [None], "level": [1, 1, 1, 1], "area": [2.0, 3.0, 5.0, 7.0],
                      "pop": [10.0, 30.0, 60.0, 1.0], "cap": [50.0, 0.0, 20.0, 0.0]})
    totals = pd.DataFrame({"unit": VILLAGES[:3], "unit_area": [10.0, 10.0, 20.0]})
    out = hi.roll_up(t, "unit", h, keys=["level"], additive=["area", "pop", "cap"],
                     ratios={"share": ("area", "unit_area", 1.0)}, unit_totals=totals,
                     derived={"deficit": lambda r: (r["pop"] - r["cap"]).clip(lower=0)})
    town = out[out["unit_code"] == "330106001000"].iloc[0]
    assert town["area"] == 5.0 and town["share"] == pytest.approx(5.0 / 20.0)
    assert town["deficit"] == 0.0  # 40 persons, 50 places: not 20 (the sum of the villages' deficits)
    county = out[out["unit_code"] == "330106000000"].iloc[0]
    assert county["share"] == pytest.approx(10.0 / 40.0) and county["deficit"] == pytest.approx(30.0)
    last = out.iloc[-1]  # the row outside every unit is kept as it is, without a level
    assert last["unit_code"] is None and last["level_name"] is None and last["area"] == 7.0
    assert "unit_area" not in out.columns
