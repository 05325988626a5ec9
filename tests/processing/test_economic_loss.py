"""resilience:economicloss through processing.run, on the Jakarta sample (OSM buildings, HKV depth grids).

Expected numbers are computed here independently: depths by intersecting each footprint with the
cell boxes of the raster (shapely boxes built from the geotransform, no plugin code), floor areas
and unit assignment with geopandas in EPSG:32748, the damage curve by numpy.interp over the points
of the standards file, EAD by hand (trapezoid over p = 1/T).

The two HKV grids are a "current" and a "design" flood; for the EAD test they are given return
periods 10 and 100 years. That is an assumption of the test only, not a property of the data.
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from qgis.core import QgsProcessingException

from tests.conftest import REPO, SAMPLE
from tests.helpers import read_gdf, read_raster

GPKG = SAMPLE / "jakarta.gpkg"
CURRENT = SAMPLE / "flood_current_depth.tif"
DESIGN = SAMPLE / "flood_design_depth.tif"
STD = json.loads((REPO / "resources" / "standards" / "depth_damage.json").read_text(encoding="utf-8"))
BUILDINGS = f"{GPKG}|layername=buildings"
UNITS = f"{GPKG}|layername=kecamatan"


def cell_depths(geoms, raster, how):
    """Area-weighted mean or maximum cell value under each footprint (nodata = dry), from shapely boxes."""
    a, gt, _ = read_raster(raster)
    a = np.nan_to_num(a, nan=0.0)
    out = np.zeros(len(geoms))
    for i, g in enumerate(geoms):
        x0, y0, x1, y1 = g.bounds
        c0, c1 = int(np.floor((x0 - gt[0]) / gt[1])), int(np.floor((x1 - gt[0]) / gt[1]))
        r0, r1 = int(np.floor((y1 - gt[3]) / gt[5])), int(np.floor((y0 - gt[3]) / gt[5]))
        rows, cols = np.meshgrid(
            np.arange(max(r0, 0), min(r1, a.shape[0] - 1) + 1),
            np.arange(max(c0, 0), min(c1, a.shape[1] - 1) + 1),
            indexing="ij",
        )
        rows, cols = rows.ravel(), cols.ravel()
        if len(rows) == 0:
            continue
        boxes = shapely.box(
            gt[0] + cols * gt[1], gt[3] + (rows + 1) * gt[5], gt[0] + (cols + 1) * gt[1], gt[3] + rows * gt[5]
        )
        share = shapely.area(shapely.intersection(g, boxes))
        v = a[rows, cols]
        if how == "mean":
            out[i] = float((v * share).sum() / g.area)
        else:
            out[i] = float(v[share > 1e-12 * g.area].max()) if (share > 1e-12 * g.area).any() else 0.0
    return out


def expected(how="mean", floors=2.0):
    """Per-building class, floor area, unit and loss per raster, computed independently."""
    b = read_gdf(GPKG, "buildings")
    b["geometry"] = shapely.make_valid(b.geometry.values)
    alias = {}
    for cls, names in STD["class_aliases"].items():
        if cls != "description":
            alias.update({n.casefold(): cls for n in names} | {cls: cls})
    b["cls"] = [
        alias.get(str(t).strip().casefold(), "residential") if t is not None else "residential" for t in b["TYPE"]
    ]
    m = b.to_crs(32748)
    b["floor_m2"] = m.area.to_numpy() * floors
    k = read_gdf(GPKG, "kecamatan")
    k["geometry"] = shapely.make_valid(k.geometry.values)
    ov = m[["fid", "geometry"]].overlay(k.to_crs(32748)[["KEC_NAME", "geometry"]], keep_geom_type=True)
    ov["a"] = ov.area
    best = ov.sort_values("a", ascending=False).drop_duplicates("fid").set_index("fid")["KEC_NAME"]
    b["unit"] = b["fid"].map(best)
    depth_pts = np.array(STD["curve_sets"]["jrc_asia"]["depth_m"])
    curves = {c: np.array(e["damage"]) for c, e in STD["curve_sets"]["jrc_asia"]["classes"].items() if "damage" in e}
    curves["public"] = curves["commercial"]
    value = b["cls"].map(STD["max_damage"]["china_placeholder"]["classes"]).to_numpy(dtype=float)
    for name, raster in (("current", CURRENT), ("design", DESIGN)):
        d = cell_depths(b.geometry.values, raster, how)
        f = np.array([np.interp(x, depth_pts, curves[c]) if x > 0 else 0.0 for x, c in zip(d, b["cls"])])
        b[f"depth_{name}"] = d
        b[f"loss_{name}"] = f * value * b["floor_m2"].to_numpy()
    return b


def test_loss_and_ead_on_jakarta_within_half_a_percent(tmp_path, run_alg):
    out, table = str(tmp_path / "b.gpkg"), str(tmp_path / "t.gpkg")
    run_alg(
        "economicloss",
        {
            "INPUT": BUILDINGS,
            "DEPTH": [str(CURRENT), str(DESIGN)],
            "RETURN_PERIODS": "10,100",
            "CLASS_FIELD": "TYPE",
            "DEFAULT_FLOORS": 2,
            "UNITS": UNITS,
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT": out,
            "OUTPUT_TABLE": table,
        },
    )
    exp = expected("mean")
    got = read_gdf(out).set_index("fid").loc[exp["fid"]]
    # per building: depth and loss
    assert np.allclose(got["depth_m_rp10"], exp["depth_current"], rtol=5e-3, atol=1e-4)
    assert np.allclose(got["loss_rp100"], exp["loss_design"], rtol=5e-3, atol=1.0)
    assert list(got["occ_class"]) == list(exp["cls"])
    # per unit and scenario, from the table
    t = read_gdf(table)
    for scen, col in (("rp10", "loss_current"), ("rp100", "loss_design")):
        want = exp.dropna(subset=["unit"]).groupby("unit")[col].sum()
        have = t[t["scenario"] == scen].groupby("unit_id")["loss"].sum().reindex(want.index)
        assert np.allclose(have, want, rtol=5e-3), (scen, (have / want).describe())
        assert want.sum() > 1e9  # the flood does real damage: the comparison is not 0 = 0
    # EAD by hand: the trapezoid between p = 0.1 and p = 0.01
    ead_want = (
        exp.dropna(subset=["unit"])
        .assign(ead=0.09 * 0.5 * (exp["loss_current"] + exp["loss_design"]))
        .groupby("unit")["ead"]
        .sum()
    )
    ead_have = t[t["scenario"] == "EAD"].groupby("unit_id")["loss"].sum().reindex(ead_want.index)
    assert np.allclose(ead_have, ead_want, rtol=5e-3)
    assert t.loc[t["scenario"] == "EAD", "level"].isna().all()
    assert set(t.loc[t["scenario"] == "rp10", "return_period"]) == {10.0}
    # the hazard levels of the table follow the depth thresholds 0.15, 0.5, 1, 2 m
    lv = np.searchsorted([0.15, 0.5, 1.0, 2.0], exp["depth_current"], side="right")
    counts = t[t["scenario"] == "rp10"].groupby("level")["count"].sum()
    want_counts = pd.Series(lv[exp["unit"].notna().to_numpy()]).value_counts()
    for level, n in want_counts.items():
        assert abs(counts.get(level, 0) - n) <= max(2, 0.005 * n)


def test_maximum_depth_per_footprint(tmp_path, run_alg):
    out, table = str(tmp_path / "b.gpkg"), str(tmp_path / "t.gpkg")
    run_alg(
        "economicloss",
        {
            "INPUT": BUILDINGS,
            "DEPTH": [str(CURRENT)],
            "DEPTH_METHOD": 1,
            "CLASS_FIELD": "TYPE",
            "DEFAULT_FLOORS": 2,
            "OUTPUT": out,
            "OUTPUT_TABLE": table,
        },
    )
    exp = expected("max")
    got = read_gdf(out).set_index("fid").loc[exp["fid"]]
    assert np.allclose(got["depth_m"], exp["depth_current"], atol=1e-5)
    assert float(got["loss"].sum()) == pytest.approx(float(exp["loss_current"].sum()), rel=5e-3)
    t = read_gdf(table)
    assert t["unit_id"].isna().all() and float(t["loss"].sum()) == pytest.approx(
        float(exp["loss_current"].sum()), rel=5e-3
    )


def _coded_units(tmp_path):
    """Villages with real-looking 12-digit codes: each Jakarta kelurahan (ward) of two kecamatan is a
    township, split at its bounding-box middle into two 'villages' (社区) 001 and 002."""
    kel = read_gdf(GPKG, "kelurahan")
    kel["geometry"] = shapely.make_valid(kel.geometry.values)
    kel = (
        kel[kel["KEC_NAME_1"].isin(["KECAMATAN KEMAYORAN", "KECAMATAN SAWAH BESAR"])]
        .sort_values(["KEC_NAME_1", "KEL_NAME_1"])
        .reset_index(drop=True)
    )
    rows = []
    for kec_i, (_kec, part) in enumerate(kel.groupby("KEC_NAME_1", sort=True)):
        for town_i, g in enumerate(part.geometry, start=1):
            x0, y0, x1, y1 = g.bounds
            xm = 0.5 * (x0 + x1)
            for v, box in enumerate((shapely.box(x0, y0, xm, y1), shapely.box(xm, y0, x1, y1)), start=1):
                piece = shapely.intersection(g, box)
                rows.append((f"3101{kec_i + 1:02d}{town_i:03d}{v:03d}", piece))
    path = str(tmp_path / "villages.gpkg")
    from osgeo import ogr, osr

    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lyr = ds.CreateLayer("villages", srs=srs, geom_type=ogr.wkbMultiPolygon)
    lyr.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    for code, geom in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("code", code)
        f.SetGeometry(ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkb(shapely.to_wkb(geom))))
        lyr.CreateFeature(f)
    ds = None
    return path, rows


def test_admin_levels_roll_up_from_villages(tmp_path, run_alg):
    units, _ = _coded_units(tmp_path)
    table = str(tmp_path / "t.gpkg")
    run_alg(
        "economicloss",
        {
            "INPUT": BUILDINGS,
            "DEPTH": [str(CURRENT)],
            "CLASS_FIELD": "TYPE",
            "DEFAULT_FLOORS": 2,
            "UNITS": units,
            "UNIT_CODE_FIELD": "code",
            "OUTPUT_TABLE": table,
        },
    )
    t = read_gdf(table)
    assert set(t["level_name"]) == {"省", "市", "县", "乡", "村"}
    per_unit = (
        t.groupby(["unit_code", "level_name", "parent_code"], dropna=False)[["loss", "value", "count"]]
        .sum()
        .reset_index()
    )
    villages = per_unit[per_unit["level_name"] == "村"]
    assert len(villages) > 20 and villages["loss"].sum() > 0
    # every township row equals the sum over its villages
    for town, sub in villages.groupby("parent_code"):
        row = per_unit[per_unit["unit_code"] == town].iloc[0]
        assert row["level_name"] == "乡"
        assert row["loss"] == pytest.approx(sub["loss"].sum()) and row["count"] == sub["count"].sum()
    # county loss_pct is recomputed from the village rows: 100 x sum(loss) / sum(value)
    for county in per_unit.loc[per_unit["level_name"] == "县", "unit_code"]:
        vil = t[
            (t["level_name"] == "村")
            & t["unit_code"].str.startswith(county[:6])
            & (t["level"] == 2)
            & (t["class"] == "residential")
        ]
        row = t[(t["unit_code"] == county) & (t["level"] == 2) & (t["class"] == "residential")]
        if len(vil):
            assert float(row["loss_pct"].iloc[0]) == pytest.approx(100 * vil["loss"].sum() / vil["value"].sum())
            assert float(row["loss_pct"].iloc[0]) != pytest.approx(vil["loss_pct"].mean(), rel=1e-3)
    prov = per_unit[per_unit["level_name"] == "省"]
    assert list(prov["unit_code"]) == ["310000000000"] and prov["loss"].iloc[0] == pytest.approx(villages["loss"].sum())


def _fails(run_alg, tmp_path, message, **params):
    out, table = tmp_path / "b.gpkg", tmp_path / "t.gpkg"
    base = {"INPUT": BUILDINGS, "DEPTH": [str(CURRENT)], "OUTPUT": str(out), "OUTPUT_TABLE": str(table)}
    base.update(params)
    with pytest.raises(QgsProcessingException, match=message):
        run_alg("economicloss", base)
    assert not out.exists() and not table.exists()


def test_floors_from_the_text_of_osm_levels(tmp_path, run_alg):
    """LEVELS holds '4-7', '10+', '>7', 'fix me' ... in the real OSM data: a range counts its middle, a bound
    the number given, other text (and 0, NULL) the default; each conversion counted in a warning."""
    from tests.feedback import Capture

    b = read_gdf(GPKG, "buildings")
    by_hand = {"4-7": 5.5, "10+": 10.0, ">7": 7.0, "0": 2.0, "Tarihuniyah": 2.0, "fix me": 2.0}
    floors = np.array([2.0 if v is None else by_hand.get(v, None) or float(v) for v in b["LEVELS"]])
    assert set(b["LEVELS"].dropna()) - set(by_hand) <= {str(n) for n in range(1, 17)}  # the rest are plain numbers
    out = tmp_path / "b.gpkg"
    fb = Capture()
    params = {"INPUT": BUILDINGS, "DEPTH": [str(CURRENT)], "CLASS_FIELD": "TYPE", "FLOORS_FIELD": "LEVELS"}
    params.update(DEFAULT_FLOORS=2, OUTPUT=str(out), OUTPUT_TABLE=str(tmp_path / "t.gpkg"))
    run_alg("economicloss", params, fb)
    exp = expected("mean", floors=floors)
    got = read_gdf(out).set_index("fid").loc[exp["fid"]]
    assert np.allclose(got["floors"], floors) and np.allclose(got["floor_m2"], exp["floor_m2"], rtol=1e-6)
    assert np.allclose(got["loss"], exp["loss_current"], rtol=5e-3, atol=1.0) and exp["loss_current"].sum() > 1e9
    n = b["LEVELS"].value_counts()
    assert f"{n['4-7']} building(s) give a range of floors in 'LEVELS'" in fb.text()
    assert f"{n['10+'] + n['>7']} building(s) give only a bound in 'LEVELS'" in fb.text()
    assert "2 building(s) hold text in 'LEVELS' that is not a number of floors" in fb.text()
    assert "'Tarihuniyah'" in fb.text() and "'fix me'" in fb.text()


def test_text_in_the_value_field_is_refused(tmp_path, run_alg):
    # the maximum damage per m² is not guessed from text: LEVELS taken as a value field is refused
    _fails(run_alg, tmp_path, "'LEVELS' of buildings holds text that is not a number.*'10\\+'", VALUE_FIELD="LEVELS")


def test_bad_return_periods_are_refused(tmp_path, run_alg):
    _fails(
        run_alg, tmp_path, "must increase strictly.*100, 10", DEPTH=[str(CURRENT), str(DESIGN)], RETURN_PERIODS="100,10"
    )
    _fails(run_alg, tmp_path, "give their RETURN_PERIODS", DEPTH=[str(CURRENT), str(DESIGN)])


@pytest.mark.parametrize(
    "curve,message",
    [
        ([0, 0.3, 0.2, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], "not monotone"),
        ([0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.3], "damage factor of 1.3"),
    ],
)
def test_bad_curves_are_refused(tmp_path, run_alg, curve, message):
    std = json.loads(json.dumps(STD))
    std["curve_sets"]["jrc_asia"]["classes"]["residential"]["damage"] = curve
    path = tmp_path / "std.json"
    path.write_text(json.dumps(std), encoding="utf-8")
    _fails(run_alg, tmp_path, message, STANDARD_FILE=str(path))


def test_bad_admin_codes_are_refused(tmp_path, run_alg):
    units, _ = _coded_units(tmp_path)
    from osgeo import ogr

    ds = ogr.Open(units, 1)
    lyr = ds.GetLayer(0)
    f = lyr.GetNextFeature()
    f.SetField("code", "3101010010A1")
    lyr.SetFeature(f)
    ds = None
    _fails(
        run_alg,
        tmp_path,
        "'3101010010A1' of admin units holds characters that are not digits",
        UNITS=units,
        UNIT_CODE_FIELD="code",
    )


def test_outputs_are_styled(tmp_path, provider):
    import processing
    from qgis.core import (
        QgsGraduatedSymbolRenderer,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingOutputLayerDefinition,
        QgsProject,
        QgsVectorLayer,
    )

    for depth, periods, field in (([str(CURRENT)], "", "loss"), ([str(CURRENT), str(DESIGN)], "10,100", "ead")):
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        out = QgsProcessingOutputLayerDefinition(str(tmp_path / f"styled_{field}.gpkg"), QgsProject.instance())
        res = processing.run(
            "resilience:economicloss",
            {
                "INPUT": BUILDINGS,
                "DEPTH": depth,
                "RETURN_PERIODS": periods,
                "OUTPUT": out,
                "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
            },
            context=context,
            feedback=QgsProcessingFeedback(),
        )
        processor = context.layersToLoadOnCompletion()[res["OUTPUT"]].postProcessor()
        layer = QgsVectorLayer(res["OUTPUT"], "b", "ogr")
        processor.postProcessLayer(layer, context, QgsProcessingFeedback())
        renderer = layer.renderer()
        assert isinstance(renderer, QgsGraduatedSymbolRenderer) and renderer.classAttribute() == field
        labels = [r.label() for r in renderer.ranges()]
        assert "/" in labels[-1] and any("\u4e00" <= ch <= "\u9fff" for ch in labels[-1])


def test_no_damage_period_extends_the_risk_curve(tmp_path, run_alg):
    table = str(tmp_path / "ead.gpkg")
    run_alg(
        "economicloss",
        {
            "INPUT": BUILDINGS,
            "DEPTH": [str(CURRENT), str(DESIGN)],
            "RETURN_PERIODS": "10,100",
            "NO_DAMAGE_PERIOD": 2,
            "CLASS_FIELD": "TYPE",
            "DEFAULT_FLOORS": 2,
            "OUTPUT_TABLE": table,
        },
    )
    exp = expected("mean")
    # by hand: (1/2 - 1/10) x (0 + L10) / 2 + (1/10 - 1/100) x (L10 + L100) / 2
    want = (0.4 * 0.5 * exp["loss_current"] + 0.09 * 0.5 * (exp["loss_current"] + exp["loss_design"])).sum()
    t = read_gdf(table)
    assert float(t.loc[t["scenario"] == "EAD", "loss"].sum()) == pytest.approx(want, rel=5e-3)
    _fails(
        run_alg,
        tmp_path,
        "must be shorter than the shortest return period",
        DEPTH=[str(CURRENT), str(DESIGN)],
        RETURN_PERIODS="10,100",
        NO_DAMAGE_PERIOD=20,
    )


def test_parent_ids_roll_up_and_count_buildings_in_the_finest_units(tmp_path, run_alg):
    """Villages and their townships in one layer, linked by a parent field: buildings go to the villages only."""
    from osgeo import ogr, osr

    villages, rows = _coded_units(tmp_path)
    path = str(tmp_path / "tree.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lyr = ds.CreateLayer("tree", srs=srs, geom_type=ogr.wkbMultiPolygon)
    for name in ("uid", "parent"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    towns = {}
    for code, geom in rows:
        towns.setdefault(code[:9], []).append(geom)
    items = [(code, code[:9], geom) for code, geom in rows] + [
        (t, None, shapely.union_all(g)) for t, g in towns.items()
    ]
    for uid, parent, geom in items:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("uid", uid)
        if parent:
            f.SetField("parent", parent)
        f.SetGeometry(ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkb(shapely.to_wkb(geom))))
        lyr.CreateFeature(f)
    ds = None
    by_parent, alone_table = str(tmp_path / "p.gpkg"), str(tmp_path / "v.gpkg")
    common = {"INPUT": BUILDINGS, "DEPTH": [str(CURRENT)], "CLASS_FIELD": "TYPE", "DEFAULT_FLOORS": 2}
    run_alg(
        "economicloss",
        {**common, "UNITS": path, "UNIT_ID_FIELD": "uid", "PARENT_FIELD": "parent", "OUTPUT_TABLE": by_parent},
    )
    run_alg("economicloss", {**common, "UNITS": villages, "UNIT_ID_FIELD": "code", "OUTPUT_TABLE": alone_table})
    tp, tv = read_gdf(by_parent), read_gdf(alone_table)
    # the finest rows (level L1) equal a run on the villages alone; each township (L0) is the sum of its villages
    fine = tp[tp["level_name"] == "L1"].groupby("unit_code")["loss"].sum()
    alone = tv.groupby("unit_id")["loss"].sum()
    assert np.allclose(fine.sort_index(), alone.reindex(fine.sort_index().index))
    for town, loss_sum in tp[tp["level_name"] == "L0"].groupby("unit_code")["loss"].sum().items():
        assert loss_sum == pytest.approx(fine[[c for c in fine.index if c.startswith(town)]].sum())
    assert fine.sum() > 0 and len(fine) > 20


def test_cancel_writes_nothing(tmp_path, run_alg):
    from qgis.core import QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    feedback.cancel()
    out, table = tmp_path / "b.gpkg", tmp_path / "t.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(
            "economicloss",
            {"INPUT": BUILDINGS, "DEPTH": [str(CURRENT)], "OUTPUT": str(out), "OUTPUT_TABLE": str(table)},
            feedback,
        )
    assert not out.exists() and not table.exists()


def test_buildings_in_another_crs_give_the_same_loss(tmp_path, run_alg):
    from osgeo import gdal

    utm = str(tmp_path / "buildings_utm.gpkg")
    gdal.VectorTranslate(utm, str(GPKG), options=["-t_srs", "EPSG:32748", "-nln", "buildings", "buildings"])
    a, b = str(tmp_path / "a.gpkg"), str(tmp_path / "b.gpkg")
    for src, out in ((BUILDINGS, a), (utm, b)):
        run_alg(
            "economicloss",
            {
                "INPUT": src,
                "DEPTH": [str(CURRENT)],
                "CLASS_FIELD": "TYPE",
                "OUTPUT": out,
                "OUTPUT_TABLE": str(tmp_path / f"t_{Path(out).stem}.gpkg"),
            },
        )
    la, lb = read_gdf(a).sort_values("fid"), read_gdf(b).sort_values("fid")
    assert np.allclose(la["depth_m"], lb["depth_m"], atol=1e-3)
    assert float(lb["loss"].sum()) == pytest.approx(float(la["loss"].sum()), rel=5e-3)
    assert float(la["loss"].sum()) > 1e9
