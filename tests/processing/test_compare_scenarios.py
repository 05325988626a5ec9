"""resilience:comparescenarios through processing.run.

Loss tables: two runs of economicloss on the Jakarta buildings (current and design HKV flood) per
kecamatan. Coverage tables: small hand-made tables in the form Walking coverage writes (unit_id,
population, covered, coverage_pct, here split in two classes of residents). Expected values come
from pandas on the input tables.
"""

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.conftest import SAMPLE
from tests.helpers import read_gdf

GPKG = SAMPLE / "jakarta.gpkg"
UNITS = f"{GPKG}|layername=kecamatan"


def loss_table(tmp_path, run_alg, raster, name):
    table = str(tmp_path / f"{name}.gpkg")
    run_alg(
        "economicloss",
        {
            "INPUT": f"{GPKG}|layername=buildings",
            "DEPTH": [str(SAMPLE / raster)],
            "CLASS_FIELD": "TYPE",
            "DEFAULT_FLOORS": 2,
            "UNITS": UNITS,
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT_TABLE": table,
        },
    )
    return table


def coverage_table(tmp_path, name, rows):
    path = str(tmp_path / f"{name}.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    lyr = ds.CreateLayer(name, geom_type=ogr.wkbNone)
    for f, t in (
        ("unit_id", ogr.OFTString),
        ("class", ogr.OFTString),
        ("population", ogr.OFTReal),
        ("covered", ogr.OFTReal),
        ("coverage_pct", ogr.OFTReal),
    ):
        lyr.CreateField(ogr.FieldDefn(f, t))
    for unit, cls, pop, cov in rows:
        feat = ogr.Feature(lyr.GetLayerDefn())
        for k, v in (
            ("unit_id", unit),
            ("class", cls),
            ("population", pop),
            ("covered", cov),
            ("coverage_pct", 100.0 * cov / pop),
        ):
            feat.SetField(k, v)
        lyr.CreateFeature(feat)
    ds = None
    return path


def test_current_vs_design_loss_per_kecamatan(tmp_path, run_alg):
    a = loss_table(tmp_path, run_alg, "flood_current_depth.tif", "current")
    b = loss_table(tmp_path, run_alg, "flood_design_depth.tif", "design")
    out, cmap = str(tmp_path / "cmp.gpkg"), str(tmp_path / "map.gpkg")
    run_alg(
        "comparescenarios",
        {
            "INPUTS": [a, b],
            "NAMES": "current,design",
            "VALUE_FIELD": "loss",
            "THRESHOLD": 5,
            "UNITS": UNITS,
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT_TABLE": out,
            "OUTPUT_MAP": cmap,
        },
    )
    ta, tb = read_gdf(a), read_gdf(b)
    # the map: loss of hazard level >= 1 per unit, design vs current; less loss is better
    wa = ta[ta["level"] >= 1].groupby("unit_id")["loss"].sum()
    wb = tb[tb["level"] >= 1].groupby("unit_id")["loss"].sum().reindex(wa.index, fill_value=0.0)
    m = read_gdf(cmap).set_index("unit_id").loc[wa.index]
    assert np.allclose(m["value_current"], wa) and np.allclose(m["value_design"], wb)
    assert np.allclose(m["change"], wb - wa)
    rel = 100 * (wb - wa) / wa
    want = np.where(rel.abs() <= 5, 0, np.where(rel < 0, 1, -1))
    assert list(m["change_class"]) == list(want)
    assert {1, -1} <= set(want)  # both directions occur in the real data
    assert len(read_gdf(cmap)) == 42
    # the table: one row per unit x level x class, as in the inputs
    t = read_gdf(out)
    row = t[(t["unit_id"] == wa.index[0]) & (t["level"] == 2) & (t["class"] == "residential")]
    src = ta[(ta["unit_id"] == wa.index[0]) & (ta["level"] == 2) & (ta["class"] == "residential")]["loss"].sum()
    assert float(row["value_current"].iloc[0]) == pytest.approx(src)
    assert set(t["class_design"].dropna()) <= {"better", "same", "worse"}
    layer = QgsVectorLayer(cmap, "m", "ogr")
    assert layer.isValid()


def test_coverage_higher_is_better_and_ratio_recomputed(tmp_path, run_alg):
    today = coverage_table(
        tmp_path,
        "today",
        [
            ("KEMAYORAN", "residents", 1000, 500),
            ("KEMAYORAN", "visitors", 100, 90),
            ("GAMBIR", "residents", 800, 600),
            ("GAMBIR", "visitors", 200, 100),
        ],
    )
    planned = coverage_table(
        tmp_path,
        "planned",
        [
            ("KEMAYORAN", "residents", 1000, 800),
            ("KEMAYORAN", "visitors", 100, 90),
            ("GAMBIR", "residents", 800, 560),
            ("GAMBIR", "visitors", 200, 110),
        ],
    )
    out, cmap = str(tmp_path / "cmp.gpkg"), str(tmp_path / "map.gpkg")
    run_alg(
        "comparescenarios",
        {
            "INPUTS": [today, planned],
            "NAMES": "today,planned",
            "VALUE_FIELD": "coverage_pct",
            "THRESHOLD": 2,
            "UNITS": UNITS,
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT_TABLE": out,
            "OUTPUT_MAP": cmap,
        },
    )
    m = read_gdf(cmap).set_index("unit_id")
    # by hand: KEMAYORAN 590/1100 = 53.64 % -> 890/1100 = 80.91 %, better; GAMBIR 700/1000 -> 670/1000, worse (-4.3 %)
    assert m.loc["KEMAYORAN", "value_today"] == pytest.approx(100 * 590 / 1100)
    assert m.loc["KEMAYORAN", "value_planned"] == pytest.approx(100 * 890 / 1100)
    assert m.loc["KEMAYORAN", "change_class"] == 1 and m.loc["GAMBIR", "change_class"] == -1
    assert m.loc["GAMBIR", "change_pct"] == pytest.approx(100 * (67.0 - 70.0) / 70.0)
    assert m["change_class"].isna().sum() == 40  # units with no row in the tables
    t = read_gdf(out).set_index(["unit_id", "class"])
    assert t.loc[("KEMAYORAN", "visitors"), "class_planned"] == "same"


def test_not_comparable_inputs_are_refused(tmp_path, run_alg):
    today = coverage_table(
        tmp_path, "today", [("KEMAYORAN", "residents", 1000, 500), ("GAMBIR", "residents", 800, 600)]
    )
    fewer = coverage_table(tmp_path, "fewer", [("KEMAYORAN", "residents", 1000, 800), ("SENEN", "residents", 10, 1)])
    out = tmp_path / "cmp.gpkg"
    with pytest.raises(QgsProcessingException, match="different units: only in today: GAMBIR; only in fewer: SENEN"):
        run_alg("comparescenarios", {"INPUTS": [today, fewer], "VALUE_FIELD": "coverage_pct", "OUTPUT_TABLE": str(out)})
    assert not out.exists()
    loss = loss_table(tmp_path, run_alg, "flood_current_depth.tif", "current")
    with pytest.raises(
        QgsProcessingException, match="not results of the same algorithm: fields only in today: .*coverage_pct"
    ):
        run_alg("comparescenarios", {"INPUTS": [today, loss], "OUTPUT_TABLE": str(out)})
    assert not out.exists()


def test_exposure_statistics_persons_current_vs_design(tmp_path, run_alg):
    """Two Exposure statistics runs (population per kecamatan and depth level): fewer exposed persons is better."""
    tables = []
    for name in ("flood_current_depth", "flood_design_depth"):
        t = str(tmp_path / f"{name}.gpkg")
        run_alg(
            "exposuresummary",
            {
                "HAZARD": str(SAMPLE / f"{name}.tif"),
                "THRESHOLDS": "0.1,0.5,1.0",
                "EXPOSURE_RASTER": str(SAMPLE / "population.tif"),
                "POPULATION_MODE": 1,
                "UNITS": UNITS,
                "UNIT_ID_FIELD": "KEC_NAME",
                "OUTPUT_TABLE": t,
            },
        )
        tables.append(t)
    out, cmap = str(tmp_path / "cmp.gpkg"), str(tmp_path / "map.gpkg")
    run_alg(
        "comparescenarios",
        {
            "INPUTS": tables,
            "NAMES": "current,design",
            "VALUE_FIELD": "value",
            "MAP_FILTER": "class=population",
            "MAP_MIN_LEVEL": 1,
            "UNITS": UNITS,
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT_TABLE": out,
            "OUTPUT_MAP": cmap,
        },
    )
    ta, tb = (read_gdf(t) for t in tables)
    wa = ta[(ta["class"] == "population") & (ta["level"] >= 1)].groupby("unit_id")["value"].sum()
    wb = tb[(tb["class"] == "population") & (tb["level"] >= 1)].groupby("unit_id")["value"].sum()
    idx = wa.index.union(wb.index)
    wa, wb = wa.reindex(idx, fill_value=0.0), wb.reindex(idx, fill_value=0.0)
    m = read_gdf(cmap).set_index("unit_id").loc[idx]
    assert np.allclose(m["value_current"], wa) and np.allclose(m["value_design"], wb)
    assert wa.sum() > 1e5  # real exposure: hundreds of thousands of persons
    rel = np.where(wa > 0, 100 * (wb - wa) / wa.where(wa > 0, 1), np.nan)
    want = np.where(
        np.isnan(rel),
        np.where(wb == wa, 0, np.where(wb > wa, -1, 1)),
        np.where(np.abs(rel) <= 5, 0, np.where(rel < 0, 1, -1)),
    )
    assert list(m["change_class"]) == list(want)
    t = read_gdf(out)
    assert {
        "unit_id",
        "class",
        "level",
        "value_current",
        "value_design",
        "change_design",
        "change_pct_design",
        "class_design",
    } <= set(t.columns)


def test_change_map_is_styled(tmp_path, provider):
    import processing
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingOutputLayerDefinition,
        QgsProject,
    )

    today = coverage_table(
        tmp_path, "today", [("KEMAYORAN", "residents", 1000, 500), ("GAMBIR", "residents", 800, 600)]
    )
    planned = coverage_table(
        tmp_path, "planned", [("KEMAYORAN", "residents", 1000, 800), ("GAMBIR", "residents", 800, 300)]
    )
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    out = QgsProcessingOutputLayerDefinition(str(tmp_path / "map.gpkg"), QgsProject.instance())
    res = processing.run(
        "resilience:comparescenarios",
        {
            "INPUTS": [today, planned],
            "UNITS": UNITS,
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
            "OUTPUT_MAP": out,
        },
        context=context,
        feedback=QgsProcessingFeedback(),
    )
    processor = context.layersToLoadOnCompletion()[res["OUTPUT_MAP"]].postProcessor()
    layer = QgsVectorLayer(res["OUTPUT_MAP"], "m", "ogr")
    processor.postProcessLayer(layer, context, QgsProcessingFeedback())
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "change_class"
    labels = {str(c.value()): c.label() for c in renderer.categories()}
    assert labels["1"] == "改善 / Better" and labels["-1"] == "变差 / Worse"
    assert "0" not in labels  # pruned: no unit stayed the same


def test_csv_tables_compare_like_geopackage_tables(tmp_path, run_alg):
    """CSV tables (all fields text to OGR, no FID column) give the same map as GeoPackage tables."""
    outs = {}
    for ext in ("csv", "gpkg"):
        tables = []
        for raster in ("flood_current_depth", "flood_design_depth"):
            t = str(tmp_path / f"{raster}.{ext}")
            run_alg(
                "economicloss",
                {
                    "INPUT": f"{GPKG}|layername=buildings",
                    "DEPTH": [str(SAMPLE / f"{raster}.tif")],
                    "CLASS_FIELD": "TYPE",
                    "UNITS": UNITS,
                    "UNIT_ID_FIELD": "KEC_NAME",
                    "OUTPUT_TABLE": t,
                },
            )
            tables.append(t)
        outs[ext] = str(tmp_path / f"map_{ext}.gpkg")
        run_alg(
            "comparescenarios",
            {
                "INPUTS": tables,
                "NAMES": "current,design",
                "UNITS": UNITS,
                "UNIT_ID_FIELD": "KEC_NAME",
                "OUTPUT_TABLE": str(tmp_path / f"cmp_{ext}.gpkg"),
                "OUTPUT_MAP": outs[ext],
            },
        )
    a, b = (read_gdf(outs[e]).set_index("unit_id").sort_index() for e in ("csv", "gpkg"))
    assert np.allclose(a["value_design"].fillna(-1), b["value_design"].fillna(-1))
    assert a["change_class"].fillna(9).tolist() == b["change_class"].fillna(9).tolist()
    assert b["value_current"].sum() > 0


def _loss_rows_table(tmp_path, name, rows):
    path = str(tmp_path / f"{name}.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    lyr = ds.CreateLayer(name, geom_type=ogr.wkbNone)
    for f, t in (("unit_id", ogr.OFTString), ("level", ogr.OFTInteger), ("loss", ogr.OFTReal)):
        lyr.CreateField(ogr.FieldDefn(f, t))
    for unit, level, loss in rows:
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("unit_id", unit)
        feat.SetField("level", level)
        if loss is not None:
            feat.SetField("loss", loss)
        lyr.CreateFeature(feat)
    ds = None
    return path


def test_geopackage_tables_read_in_bulk_give_the_feature_by_feature_result(tmp_path, run_alg, monkeypatch):
    """GeoPackage tables are read through GDAL in bulk; the result equals reading them feature by feature
    through the Processing source, and the numbers worked out by hand (a NULL and a missing row hold 0)."""
    from resilience_plugin.processing.algorithms import compare_scenarios as mod
    from resilience_plugin.qgis_io.vector import can_stream

    a = _loss_rows_table(tmp_path, "a", [("GAMBIR", 1, 100.0), ("GAMBIR", 2, 50.0), ("SENEN", 1, 0.0),
                                         ("SENEN", 2, 40.0)])
    b = _loss_rows_table(tmp_path, "b", [("GAMBIR", 1, 104.0), ("SENEN", 1, 30.0), ("SENEN", 2, None),
                                         ("SENEN", 3, 8.0)])
    layer = QgsVectorLayer(a, "a", "ogr")
    assert can_stream(layer, [f.name() for f in layer.fields()], geometry=False)

    def compare(tag):
        out = str(tmp_path / f"cmp_{tag}.gpkg")
        run_alg("comparescenarios", {"INPUTS": [a, b], "NAMES": "a,b", "VALUE_FIELD": "loss", "THRESHOLD": 5,
                                     "OUTPUT_TABLE": out})
        t = read_gdf(out)
        return t.drop(columns=["fid", "geometry"]).sort_values(["unit_id", "level"]).reset_index(drop=True)

    bulk = compare("bulk")
    monkeypatch.setattr(mod, "can_stream", lambda *args, **kwargs: False)
    slow = compare("features")
    assert bulk.equals(slow)
    got = {(r.unit_id, r.level): (r.value_a, r.value_b, r.change_b, r.class_b) for r in bulk.itertuples()}
    assert got[("GAMBIR", 1)] == (100.0, 104.0, 4.0, "same")  # +4 %, within 5 %
    assert got[("GAMBIR", 2)] == (50.0, 0.0, -50.0, "better")  # missing in b: 0
    assert got[("SENEN", 1)] == (0.0, 30.0, 30.0, "worse")  # from 0: no relative change
    assert got[("SENEN", 2)] == (40.0, 0.0, -40.0, "better")  # NULL in b: 0
    assert got[("SENEN", 3)] == (0.0, 8.0, 8.0, "worse")  # missing in a
    assert np.isnan(bulk.set_index(["unit_id", "level"]).loc[("SENEN", 1), "change_pct_b"])
