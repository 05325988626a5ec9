"""Admin levels (行政区划层级) in Exposure statistics, Multi-hazard overlay, Walking coverage, Lifeline
exposure and Network criticality, on the real Jakarta units: kabupaten -> kecamatan -> kelurahan.

The hierarchy is built here independently: each kelurahan belongs to the kecamatan that holds its
representative point (geopandas), each kecamatan to its KAB_NAME; the kabupaten polygons are the
kecamatan dissolved by KAB_NAME. 12-digit codes are made from those names: 31 · kabupaten · kecamatan ·
kelurahan (3 digits) · 000, so kelurahan are 乡 rows, kecamatan 县, kabupaten 市, DKI Jakarta 省.
Expected numbers come from the finest rows with pandas; every coarser row must equal their sum, and
ratios (coverage %, area share) must equal the ratio of the sums.
"""

import numpy as np
import pandas as pd
import pytest
import shapely
from osgeo import ogr, osr
from qgis.core import QgsProcessingException

from tests.conftest import DATA, SAMPLE
from tests.helpers import read_gdf

GPKG = SAMPLE / "jakarta.gpkg"
FLOOD = SAMPLE / "flood_current_depth.tif"
ROADS = f"{DATA}/inasafe_samples.gpkg|layername=roads"
DESTS = f"{DATA}/inasafe_samples.gpkg|layername=buildings|subset=lower(\"TYPE\") in ('clinic/doctor', 'school')"


def _write(path, name, geoms, fields):
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lyr = ds.CreateLayer(name, srs=srs, geom_type=ogr.wkbMultiPolygon)
    for f in fields:
        lyr.CreateField(ogr.FieldDefn(f, ogr.OFTString))
    for i, g in enumerate(geoms):
        feat = ogr.Feature(lyr.GetLayerDefn())
        for f, values in fields.items():
            if values[i] is not None:
                feat.SetField(f, str(values[i]))
        feat.SetGeometry(ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkb(shapely.to_wkb(g))))
        lyr.CreateFeature(feat)
    ds = None
    return f"{path}|layername={name}"


@pytest.fixture()
def jakarta_levels(tmp_path):
    """The kelurahan with their kecamatan, kabupaten and 12-digit code, plus layers written for the runs."""
    kec = read_gdf(GPKG, "kecamatan")
    kel = read_gdf(GPKG, "kelurahan")
    kec["geometry"] = shapely.make_valid(kec.geometry.values)
    kel["geometry"] = shapely.make_valid(kel.geometry.values)
    pts = kel.geometry.representative_point()
    owner = np.full(len(kel), -1)
    for j, g in enumerate(kec.geometry):
        inside = shapely.intersects(g, pts.values) & (owner < 0)
        owner[inside] = j
    assert (owner >= 0).all()
    kel["KEC_NAME"] = kec["KEC_NAME"].to_numpy()[owner]
    kel["KAB_NAME"] = kec["KAB_NAME"].to_numpy()[owner]
    kabs = sorted(kec["KAB_NAME"].unique())
    kecs = sorted(kec["KEC_NAME"].unique())
    assert len(kabs) == 5 and len(kecs) == len(kec)
    kel["kel_no"] = kel.groupby("KEC_NAME").cumcount() + 1
    kel["code"] = [
        f"31{kabs.index(a) + 1:02d}{kecs.index(c) + 1:02d}{n:03d}000"
        for a, c, n in zip(kel["KAB_NAME"], kel["KEC_NAME"], kel["kel_no"])
    ]
    kel["kec_code"] = [c[:6] + "000000" for c in kel["code"]]
    kel["kab_code"] = [c[:4] + "00000000" for c in kel["code"]]
    kel["uid"] = kel["ID"].astype(str)
    units = _write(
        tmp_path / "kel.gpkg", "kelurahan", kel.geometry.values, {"code": list(kel["code"]), "uid": list(kel["uid"])}
    )
    kab = kec.dissolve("KAB_NAME").reset_index()
    kab_layer = _write(tmp_path / "kab.gpkg", "kabupaten", kab.geometry.values, {"KAB_NAME": list(kab["KAB_NAME"])})
    kec_layer = f"{GPKG}|layername=kecamatan"
    return {"kel": kel, "kec": kec, "units": units, "kab_layer": kab_layer, "kec_layer": kec_layer, "tmp": tmp_path}


def _per_unit(t, cols, keys=()):
    return t.groupby(["level_name", "unit_code", "parent_code"] + list(keys), dropna=False)[cols].sum().reset_index()


def _check_sums(t, kel, cols, keys=()):
    """Every kecamatan, kabupaten and province row equals the sum over its kelurahan rows (same keys)."""
    fine = t[t["level_name"] == "乡"].copy()
    code_of = dict(zip(kel["code"], kel["kec_code"]))
    assert set(fine["unit_code"]) <= set(kel["code"])
    for level, width in (("县", 6), ("市", 4), ("省", 2)):
        fine["_up"] = [c[:width] + "0" * (12 - width) for c in fine["unit_code"]]
        expect = fine.groupby(["_up"] + list(keys), dropna=False)[cols].sum(min_count=1)
        got = t[t["level_name"] == level].set_index(["unit_code"] + list(keys))[cols]
        got.index.names = expect.index.names
        assert len(got) == len(expect) > 0, level
        pd.testing.assert_frame_equal(
            got.sort_index().astype(float), expect.sort_index().astype(float), check_exact=False, rtol=1e-9
        )
    parents = t[t["level_name"] == "乡"].drop_duplicates("unit_code").set_index("unit_code")["parent_code"]
    assert all(parents[c] == code_of[c] for c in parents.index)


def test_exposure_statistics_every_level(jakarta_levels, run_alg):
    kel = jakarta_levels["kel"]
    common = {
        "HAZARD": str(FLOOD),
        "THRESHOLDS": "0.1,0.5,1.0,2.0",
        "EXPOSURE": f"{GPKG}|layername=buildings",
        "CLASS_FIELD": "TYPE",
        "RULE": 1,
        "UNITS": jakarta_levels["units"],
        "EXPOSURE_RASTER": str(SAMPLE / "population.tif"),
    }
    out = str(jakarta_levels["tmp"] / "t.gpkg")
    run_alg("exposuresummary", {**common, "UNIT_CODE_FIELD": "code", "OUTPUT_TABLE": out})
    t = read_gdf(out)
    assert list(t.columns[:3]) == ["level_name", "unit_code", "parent_code"]
    assert set(t["level_name"]) == {"省", "市", "县", "乡"}
    _check_sums(t, kel, ["count", "area_m2", "value"], keys=("class", "level"))
    # the finest rows are the run by kelurahan without levels, unchanged
    plain = str(jakarta_levels["tmp"] / "plain.gpkg")
    run_alg("exposuresummary", {**common, "UNIT_ID_FIELD": "code", "OUTPUT_TABLE": plain})
    p = read_gdf(plain).sort_values(["unit_id", "class", "level"]).reset_index(drop=True)
    f = t[t["level_name"] == "乡"].sort_values(["unit_code", "class", "level"]).reset_index(drop=True)
    assert list(f["unit_code"]) == list(p["unit_id"])
    assert f["value"].to_numpy() == pytest.approx(p["value"].to_numpy(), nan_ok=True)
    persons = t[(t["level_name"] == "省") & (t["class"] == "population")]["value"].sum()
    assert persons > 0


def test_walking_coverage_from_coarser_layers(jakarta_levels, run_alg, tmp_path):
    kel = jakarta_levels["kel"]
    out = str(tmp_path / "cov.gpkg")
    run_alg(
        "sheltercoverage",
        {
            "FACILITIES": DESTS,
            "DEMAND": str(SAMPLE / "population.tif"),
            "POPULATION_UNIT": 0,
            "ROADS": ROADS,
            "MAX_DISTANCE_M": 800,
            "MAX_SNAP_M": 300,
            "UNITS": jakarta_levels["units"],
            "UNIT_ID_FIELD": "uid",
            "COARSER_UNITS": [jakarta_levels["kab_layer"], jakarta_levels["kec_layer"]],
            "COARSER_ID_FIELDS": "KAB_NAME,KEC_NAME",
            "LEVEL_NAMES": "kabupaten,kecamatan,kelurahan",
            "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"),
            "OUTPUT_FACILITIES": str(tmp_path / "f.gpkg"),
            "OUTPUT_TABLE": out,
        },
    )
    t = read_gdf(out)
    fine = t[t["level_name"] == "kelurahan"].merge(
        kel[["uid", "KEC_NAME", "KAB_NAME"]], left_on="unit_code", right_on="uid"
    )
    assert len(fine) == len(kel)
    assert (fine["parent_code"] == fine["KEC_NAME"]).all()
    assert fine["covered"].sum() > 0
    for name, col in (("kecamatan", "KEC_NAME"), ("kabupaten", "KAB_NAME")):
        g = fine.groupby(col)[["population", "covered", "capacity"]].sum()
        rows = t[t["level_name"] == name].set_index("unit_code")
        assert len(rows) == len(g)
        for unit, r in g.iterrows():
            got = rows.loc[unit]
            assert got["population"] == pytest.approx(r["population"])
            assert got["covered"] == pytest.approx(r["covered"])
            if r["population"] > 0:  # recomputed from the sums, not the mean of the kelurahan %
                assert got["coverage_pct"] == pytest.approx(100 * r["covered"] / r["population"])
            assert got["deficit"] == pytest.approx(max(0.0, r["population"] - r["capacity"]))
    kab_rows = t[t["level_name"] == "kabupaten"]
    means = fine.groupby("KAB_NAME")["coverage_pct"].mean()
    differs = [
        u for u in kab_rows["unit_code"] if abs(means[u] - kab_rows.set_index("unit_code").loc[u, "coverage_pct"]) > 0.1
    ]
    assert differs  # the ratio of sums is not the average of ratios
    assert kab_rows["parent_code"].isna().all()


def test_overlay_levels_from_parent_field(jakarta_levels, run_alg, tmp_path):
    kec = jakarta_levels["kec"]
    kab = kec.dissolve("KAB_NAME").reset_index()
    units = _write(
        tmp_path / "nested.gpkg",
        "units",
        list(kab.geometry.values) + list(kec.geometry.values),
        {"uid": list(kab["KAB_NAME"]) + list(kec["KEC_NAME"]), "parent": [None] * len(kab) + list(kec["KAB_NAME"])},
    )
    # two hazard zonings: the 2007 flood neighbourhoods (level 2) and a band across the city (level 1)
    rw = read_gdf(GPKG, "flood_2007_rw")
    flooded = rw[rw["FLOODPRONE"] == "YES"]
    h1 = _write(
        tmp_path / "h1.gpkg", "h1", shapely.make_valid(flooded.geometry.values), {"level": ["2"] * len(flooded)}
    )
    band = shapely.box(106.7, -6.25, 107.0, -6.15)
    h2 = _write(tmp_path / "h2.gpkg", "h2", [band], {"level": ["1"]})
    out = str(tmp_path / "t.gpkg")
    run_alg(
        "hazardoverlay",
        {
            "HAZARDS": [h1, h2],
            "LEVEL_FIELD": "level",
            "METHOD": 0,
            "UNITS": units,
            "UNIT_ID_FIELD": "uid",
            "PARENT_FIELD": "parent",
            "OUTPUT": str(tmp_path / "z.gpkg"),
            "OUTPUT_TABLE": out,
        },
    )
    t = read_gdf(out)
    assert set(t["level_name"]) == {"L0", "L1"}
    fine = t[t["level_name"] == "L1"]
    assert set(fine["unit_code"]) == set(kec["KEC_NAME"])
    unit_area = fine.groupby("unit_code")["area_m2"].sum()  # level 0 is the rest of the unit
    fine = fine.assign(kab=fine["parent_code"], unit_area=fine["unit_code"].map(unit_area))
    coarse = t[t["level_name"] == "L0"].set_index(["unit_code", "level"])
    kab_area = fine.drop_duplicates("unit_code").groupby("kab")["unit_area"].sum()
    for (k, lv), sub in fine.groupby(["kab", "level"]):
        row = coarse.loc[(k, lv)]
        assert row["area_m2"] == pytest.approx(sub["area_m2"].sum())
        assert row["area_share"] == pytest.approx(sub["area_m2"].sum() / kab_area[k], rel=1e-6)
    # a cycle in the parents is refused, nothing written
    bad = _write(
        tmp_path / "cycle.gpkg",
        "units",
        list(kec.geometry.values[:3]),
        {"uid": ["a", "b", "c"], "parent": ["b", "c", "a"]},
    )
    out2 = tmp_path / "t2.gpkg"
    with pytest.raises(QgsProcessingException, match="form a cycle"):
        run_alg(
            "hazardoverlay",
            {
                "HAZARDS": [h1, h2],
                "UNITS": bad,
                "UNIT_ID_FIELD": "uid",
                "PARENT_FIELD": "parent",
                "OUTPUT": str(tmp_path / "z2.gpkg"),
                "OUTPUT_TABLE": str(out2),
            },
        )
    assert not out2.exists()


def test_lifeline_and_criticality_every_level(jakarta_levels, run_alg, tmp_path):
    kel = jakarta_levels["kel"]
    units = jakarta_levels["units"]
    life = str(tmp_path / "life.gpkg")
    exp = run_alg(
        "lifelineexposure",
        {
            "LIFELINES": ROADS,
            "ASSET_TYPE": "road",
            "INTENSITY": str(FLOOD),
            "THRESHOLDS": "0.1,0.5,1.0,2.0",
            "UNITS": units,
            "UNIT_CODE_FIELD": "code",
            "OUTPUT": str(tmp_path / "roads.gpkg"),
            "OUTPUT_TABLE": life,
        },
    )
    t = read_gdf(life)
    inside = t[t["level_name"].notna()]
    assert len(inside) and inside["length_km"].sum() > 0
    _check_sums(inside, kel, ["count", "length_km", "expected_repairs"], keys=("asset_type", "level"))
    crit = str(tmp_path / "crit.gpkg")
    run_alg(
        "networkcriticality",
        {
            "NETWORK": exp["OUTPUT"],
            "FAILED": '"p_fail" >= 0.5',
            "DEMAND": str(SAMPLE / "population.tif"),
            "POPULATION_UNIT": 0,
            "DESTINATIONS": [DESTS],
            "MAX_SNAP": 300,
            "UNITS": units,
            "UNIT_CODE_FIELD": "code",
            "OUTPUT_DEMAND": str(tmp_path / "cd.gpkg"),
            "OUTPUT_LINKS": str(tmp_path / "cl.gpkg"),
            "OUTPUT_TABLE": crit,
        },
    )
    c = read_gdf(crit)
    demand = read_gdf(str(tmp_path / "cd.gpkg"))
    inside = c[c["level_name"].notna()]
    _check_sums(inside, kel, ["persons", "isolated_persons", "detour_persons"])
    # the demand outside every kelurahan stays in a row of its own; all rows together hold every person
    assert c.loc[c["level_name"] == "省", "persons"].sum() + c.loc[
        c["level_name"].isna(), "persons"
    ].sum() == pytest.approx(demand["persons"].sum())


def _code_layer(tmp_path, kel, codes):
    return _write(tmp_path / "bad.gpkg", "units", kel.geometry.values, {"code": codes, "uid": list(kel["uid"])})


def test_bad_codes_and_parents_are_refused(jakarta_levels, run_alg, tmp_path):
    kel = jakarta_levels["kel"]
    codes = list(kel["code"])
    codes[5] = codes[5][:9]  # a 9-digit code among 12-digit ones
    units = _code_layer(tmp_path, kel, codes)
    out = tmp_path / "t.gpkg"
    with pytest.raises(QgsProcessingException, match="mixed lengths"):
        run_alg(
            "exposuresummary",
            {
                "HAZARD": str(FLOOD),
                "THRESHOLDS": "0.5",
                "EXPOSURE": f"{GPKG}|layername=buildings",
                "UNITS": units,
                "UNIT_CODE_FIELD": "code",
                "OUTPUT_TABLE": str(out),
            },
        )
    assert not out.exists()
    codes = list(kel["code"])
    codes[0] = "31010100A000"
    (tmp_path / "bad.gpkg").unlink()
    units = _code_layer(tmp_path, kel, codes)
    with pytest.raises(QgsProcessingException, match="not digits"):
        run_alg(
            "lifelineexposure",
            {
                "LIFELINES": ROADS,
                "ASSET_TYPE": "road",
                "INTENSITY": str(FLOOD),
                "UNITS": units,
                "UNIT_CODE_FIELD": "code",
                "OUTPUT": str(tmp_path / "r.gpkg"),
                "OUTPUT_TABLE": str(out),
            },
        )
    assert not out.exists() and not (tmp_path / "r.gpkg").exists()
    # a parent that is no unit
    dangling = _write(
        tmp_path / "dangling.gpkg",
        "units",
        kel.geometry.values[:4],
        {"uid": ["a", "b", "c", "d"], "parent": [None, "a", "a", "zz"]},
    )
    with pytest.raises(QgsProcessingException, match="parent id 'zz' of unit 'd'"):
        run_alg(
            "sheltercoverage",
            {
                "FACILITIES": DESTS,
                "DEMAND": str(SAMPLE / "population.tif"),
                "ROADS": ROADS,
                "UNITS": dangling,
                "UNIT_ID_FIELD": "uid",
                "PARENT_FIELD": "parent",
                "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"),
                "OUTPUT_FACILITIES": str(tmp_path / "f.gpkg"),
                "OUTPUT_TABLE": str(out),
            },
        )
    assert not out.exists() and not (tmp_path / "d.gpkg").exists()
    # a coarser layer that does not cover the units
    small = _write(tmp_path / "small.gpkg", "small", [shapely.box(106.80, -6.20, 106.82, -6.18)], {"name": ["x"]})
    with pytest.raises(QgsProcessingException, match="lies in no unit of the coarser level 'small'"):
        run_alg(
            "networkcriticality",
            {
                "NETWORK": ROADS,
                "DEMAND": str(SAMPLE / "population.tif"),
                "DESTINATIONS": [DESTS],
                "UNITS": jakarta_levels["units"],
                "UNIT_ID_FIELD": "uid",
                "COARSER_UNITS": [small],
                "COARSER_ID_FIELDS": "name",
                "OUTPUT_DEMAND": str(tmp_path / "cd.gpkg"),
                "OUTPUT_LINKS": str(tmp_path / "cl.gpkg"),
                "OUTPUT_TABLE": str(out),
            },
        )
    assert not out.exists()


def test_comparison_refuses_units_in_one_scenario_only(jakarta_levels, run_alg, tmp_path):
    kel = jakarta_levels["kel"]
    tables = []
    for name, sub in (("all", kel), ("part", kel.iloc[:-3])):
        units = _write(tmp_path / f"{name}.gpkg", "units", sub.geometry.values, {"code": list(sub["code"])})
        out = str(tmp_path / f"t_{name}.gpkg")
        run_alg(
            "exposuresummary",
            {
                "HAZARD": str(FLOOD),
                "THRESHOLDS": "0.1,0.5",
                "EXPOSURE_RASTER": str(SAMPLE / "population.tif"),
                "UNITS": units,
                "UNIT_CODE_FIELD": "code",
                "OUTPUT_TABLE": out,
            },
        )
        tables.append(out)
    missing = sorted(set(kel["code"]) - set(kel.iloc[:-3]["code"]))
    with pytest.raises(QgsProcessingException, match="cover different units") as err:
        run_alg(
            "comparescenarios",
            {"INPUTS": tables, "NAMES": "all,part", "VALUE_FIELD": "value", "OUTPUT_TABLE": str(tmp_path / "c.gpkg")},
        )
    assert any(m in str(err.value) for m in missing)


def test_economic_loss_from_coarser_layers(jakarta_levels, run_alg, tmp_path):
    kel = jakarta_levels["kel"]
    out = str(tmp_path / "loss.gpkg")
    run_alg(
        "economicloss",
        {
            "INPUT": f"{GPKG}|layername=buildings",
            "DEPTH": [str(FLOOD)],
            "CLASS_FIELD": "TYPE",
            "DEFAULT_FLOORS": 2,
            "UNITS": jakarta_levels["units"],
            "UNIT_ID_FIELD": "uid",
            "COARSER_UNITS": [jakarta_levels["kab_layer"], jakarta_levels["kec_layer"]],
            "COARSER_ID_FIELDS": "KAB_NAME,KEC_NAME",
            "OUTPUT": None,
            "OUTPUT_TABLE": out,
        },
    )
    t = read_gdf(out)
    assert set(t["level_name"]) == {"kabupaten", "kecamatan", "kelurahan"}  # the layer names by default
    fine = t[t["level_name"] == "kelurahan"].merge(kel[["uid", "KAB_NAME"]], left_on="unit_code", right_on="uid")
    assert fine["loss"].sum() > 0
    g = fine.groupby(["KAB_NAME", "level", "class"])[["loss", "value", "count"]].sum()
    kab = t[t["level_name"] == "kabupaten"].set_index(["unit_code", "level", "class"])
    assert len(kab) == len(g)
    for key, r in g.iterrows():
        row = kab.loc[key]
        assert row["loss"] == pytest.approx(r["loss"]) and row["count"] == r["count"]
        if r["value"] > 0:
            assert row["loss_pct"] == pytest.approx(100 * r["loss"] / r["value"])
