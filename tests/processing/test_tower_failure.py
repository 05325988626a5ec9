"""resilience:towerfailure on a power network generated along the real Futian streets.

/work/shared/data has no real power-line layer: the lines here follow real OSM primary / secondary
streets of Futian (tests/data/futian.gpkg) and towers stand every 120 m along them (our own
generation); the typhoon wind field is synthetic. Expected values are computed here by hand (erf).
"""

import math

import numpy as np
import pytest
import shapely
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

from tests.conftest import DATA
from tests.helpers import read_gdf, write_raster

EPSG = 4547
SPAN = 120.0


def phi(z):
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def _streets(n=30):
    roads = read_gdf(DATA / "futian.gpkg", "road_edges").to_crs(epsg=EPSG)
    roads = roads[roads["highway"].isin(["primary", "secondary"])]
    key = [tuple(sorted(p)) for p in zip(roads["u"], roads["v"])]
    roads = roads.loc[~np.array(pd_duplicated(key))]
    roads = roads[roads.geometry.length > 150].head(n)
    return roads.geometry.to_numpy()


def pd_duplicated(keys):
    seen, out = set(), []
    for k in keys:
        out.append(k in seen)
        seen.add(k)
    return out


def _memory(kind, spec, geoms, rows, name):
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:{EPSG}&" + "&".join(f"field={n}:{t}" for n, t in spec), name, "memory")
    feats = []
    for g, row in zip(geoms, rows):
        f = QgsFeature(layer.fields())
        qg = QgsGeometry()
        qg.fromWkb(shapely.to_wkb(g))
        f.setGeometry(qg)
        f.setAttributes(list(row))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _towers_along(lines):
    pts, owner = [], []
    for j, g in enumerate(lines):
        for d in np.arange(0.0, g.length, SPAN):
            pts.append(shapely.line_interpolate_point(g, d))
            owner.append(j)
    return np.array(pts), np.array(owner)


def _wind_tif(tmp_path, lines):
    x0, y0, x1, y1 = shapely.total_bounds(lines)
    x0, y0, x1, y1 = x0 - 500, y0 - 500, x1 + 500, y1 + 500
    cell = 50.0
    w, h = int((x1 - x0) / cell) + 1, int((y1 - y0) / cell) + 1
    cols = np.arange(w)
    wind = np.tile(35.0 + 30.0 * cols / (w - 1), (h, 1))  # 35 m/s in the west to 65 m/s in the east
    path = write_raster(tmp_path / "wind.tif", wind, (x0, cell, 0, y1, 0, -cell), EPSG)
    return path, (x0, y1, cell, wind)


def _wind_at(pts, grid):
    x0, y1, cell, wind = grid
    c = np.floor((shapely.get_x(pts) - x0) / cell).astype(int)
    r = np.floor((y1 - shapely.get_y(pts)) / cell).astype(int)
    return wind[r, c]


@pytest.fixture()
def lines_layer():
    lines = _streets()
    return _memory("LineString", [("lid", "string")], lines, [[f"L{j}"] for j in range(len(lines))], "lines")


@pytest.fixture()
def towers_layer(lines_layer):
    lines = np.array([shapely.from_wkb(bytes(f.geometry().asWkb())) for f in lines_layer.getFeatures()])
    pts, owner = _towers_along(lines)
    return _memory("Point", [("line", "string")], pts, [[f"L{j}"] for j in owner], "towers")


def _is_null(value):
    return value is None or (isinstance(value, QVariant) and value.isNull())


def _rows(out):
    layer = out if isinstance(out, QgsVectorLayer) else QgsVectorLayer(out, "x", "ogr")
    names = [f.name() for f in layer.fields()]
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def test_lines_fail_by_their_towers_independent_formula(run_alg, tmp_path, lines_layer, towers_layer):
    lines = np.array([shapely.from_wkb(bytes(f.geometry().asWkb())) for f in lines_layer.getFeatures()])
    tif, grid = _wind_tif(tmp_path, lines)
    res = run_alg(
        "towerfailure",
        {
            "TOWERS": towers_layer,
            "LINES": lines_layer,
            "LINE_ID_FIELD": "lid",
            "TOWER_LINE_FIELD": "line",
            "INTENSITY": tif,
            "OUTPUT": "memory:",
            "OUTPUT_TOWERS": "memory:",
            "OUTPUT_TABLE": "memory:",
        },
    )
    pts, owner = _towers_along(lines)
    p = np.array([phi(math.log(v / 55.0) / 0.4) for v in _wind_at(pts, grid)])  # erad tower curve, by hand
    out = _rows(res["OUTPUT"])
    assert len(out) == len(lines) == 30
    for j, row in enumerate(out):
        mine = p[owner == j]
        assert row["n_towers"] == len(mine)
        assert row["expected_failed_towers"] == pytest.approx(mine.sum(), rel=1e-9)
        assert row["p_line"] == pytest.approx(1 - np.prod(1 - mine), rel=1e-9)
        assert row["weakest_p"] == pytest.approx(mine.max())
    tow = _rows(res["OUTPUT_TOWERS"])
    assert [r["p_fail"] for r in tow] == pytest.approx(p.tolist())
    weakest = max(range(len(tow)), key=lambda i: tow[i]["p_fail"] if owner[i] == 0 else -1)
    assert out[0]["weakest_tower"] == towers_layer.getFeature(weakest + 1).id()
    table = _rows(res["OUTPUT_TABLE"])
    assert table[0]["towers"] == len(pts) and table[0]["expected_failed_towers"] == pytest.approx(p.sum())
    assert table[0]["expected_failed_lines"] == pytest.approx(sum(r["p_line"] for r in out))
    assert 0.05 < p.min() < p.max() < 0.95  # the wind field really spreads the towers over the curve


def test_distance_matching_and_conductor(run_alg, tmp_path, lines_layer, towers_layer):
    lines = np.array([shapely.from_wkb(bytes(f.geometry().asWkb())) for f in lines_layer.getFeatures()])
    pts = np.array([shapely.from_wkb(bytes(f.geometry().asWkb())) for f in towers_layer.getFeatures()])
    tif, grid = _wind_tif(tmp_path, lines)
    res = run_alg(
        "towerfailure",
        {
            "TOWERS": towers_layer,
            "LINES": lines_layer,
            "TOLERANCE": 5.0,
            "INTENSITY": tif,
            "CONDUCTOR_TYPE": "overhead_line",
            "OUTPUT": "memory:",
            "OUTPUT_TOWERS": "memory:",
            "OUTPUT_TABLE": "memory:",
        },
    )
    out = _rows(res["OUTPUT"])
    # independent: geopandas-free brute force distances; streets meeting at a node share the towers there
    d = np.array([[shapely.distance(pt, ln) for ln in lines] for pt in pts])
    p = np.array([phi(math.log(v / 55.0) / 0.4) for v in _wind_at(pts, grid)])
    for j, row in enumerate(out):
        carried = d[:, j] <= 5.0
        assert row["n_towers"] == int(carried.sum())
        # conductor: erad overhead line 50 m/s, beta 0.35, at the largest wind along the line
        x0, y1, cell, wind = grid
        xs = shapely.get_coordinates(shapely.segmentize(lines[j], 10.0))[:, 0]
        vmax = wind[0, np.floor((xs - x0) / cell).astype(int)].max()
        pc = phi(math.log(vmax / 50.0) / 0.35)
        assert row["p_conductor"] == pytest.approx(pc, rel=1e-6)
        assert row["p_line"] == pytest.approx(1 - (1 - pc) * np.prod(1 - p[carried]), rel=1e-9)
    assert sum(r["n_towers"] for r in out) > len(pts)  # some towers carry two streets' lines


def test_unknown_tower_type_is_reported(run_alg, tmp_path, lines_layer, towers_layer):
    lines = np.array([shapely.from_wkb(bytes(f.geometry().asWkb())) for f in lines_layer.getFeatures()])
    tif, _ = _wind_tif(tmp_path, lines)
    with pytest.raises(QgsProcessingException, match="not in the fragility library: pylon"):
        run_alg(
            "towerfailure",
            {
                "TOWERS": towers_layer,
                "LINES": lines_layer,
                "TOWER_TYPE": "pylon",
                "INTENSITY": tif,
                "OUTPUT": "memory:",
                "OUTPUT_TOWERS": "memory:",
                "OUTPUT_TABLE": "memory:",
            },
        )
    with pytest.raises(QgsProcessingException, match="Give both LINE_ID_FIELD"):
        run_alg(
            "towerfailure",
            {
                "TOWERS": towers_layer,
                "LINES": lines_layer,
                "LINE_ID_FIELD": "lid",
                "INTENSITY": tif,
                "OUTPUT": "memory:",
                "OUTPUT_TOWERS": "memory:",
                "OUTPUT_TABLE": "memory:",
            },
        )


def test_type_field_spellings_nodata_towers_and_numeric_outputs(run_alg, tmp_path, lines_layer):
    """Type values spelt loosely (case, spaces, hyphens, empty -> TOWER_TYPE), towers on nodata cells
    (NULL intensity and p_fail, counted in n_towers_no_data, not failing); p by hand (erf)."""
    lines = np.array([shapely.from_wkb(bytes(f.geometry().asWkb())) for f in lines_layer.getFeatures()])
    pts, owner = _towers_along(lines)
    spellings = ["Distribution Pole", " transmission_tower ", None, "distribution-pole", ""]
    kinds = [spellings[i % len(spellings)] for i in range(len(pts))]
    towers = _memory("Point", [("line", "string"), ("ttype", "string")], pts,
                     [[f"L{j}", k] for j, k in zip(owner, kinds)], "towers")
    tif, grid = _wind_tif(tmp_path, lines)
    x0, y1, cell, wind = grid
    wind = wind.copy()
    wind[:, : wind.shape[1] // 3] = -9999.0  # the western third is nodata
    tif = write_raster(tmp_path / "wind_nodata.tif", wind, (x0, cell, 0, y1, 0, -cell), EPSG)
    res = run_alg("towerfailure", {"TOWERS": towers, "TOWER_TYPE_FIELD": "ttype", "TOWER_TYPE": "distribution_pole",
                                   "LINES": lines_layer, "LINE_ID_FIELD": "lid", "TOWER_LINE_FIELD": "line",
                                   "INTENSITY": tif, "OUTPUT": "memory:", "OUTPUT_TOWERS": "memory:",
                                   "OUTPUT_TABLE": "memory:"})
    v = _wind_at(pts, (x0, y1, cell, wind))
    theta = [55.0 if k == " transmission_tower " else 45.0 for k in kinds]  # the rest are poles (erad 45 m/s)
    p = np.array([phi(math.log(w / t) / 0.4) if w > 0 else math.nan for w, t in zip(v, theta)])
    tow = _rows(res["OUTPUT_TOWERS"])
    nodata = v < 0
    assert 0 < nodata.sum() < len(pts)
    for r, pi, t, nd in zip(tow, p, theta, nodata):
        assert r["tower_type"] == ("transmission_tower" if t == 55.0 else "distribution_pole")
        if nd:
            assert _is_null(r["p_fail"]) and _is_null(r["intensity"])
        else:
            assert isinstance(r["p_fail"], float) and r["p_fail"] == pytest.approx(pi, rel=1e-9)
        assert isinstance(r["n_lines"], int) and r["n_lines"] == 1
    for j, row in enumerate(_rows(res["OUTPUT"])):
        mine = np.nan_to_num(p[owner == j], nan=0.0)
        assert row["n_towers"] == len(mine) and row["n_towers_no_data"] == int(nodata[owner == j].sum())
        assert row["expected_failed_towers"] == pytest.approx(mine.sum(), rel=1e-9, abs=1e-12)
        assert row["p_line"] == pytest.approx(1 - np.prod(1 - mine), rel=1e-9, abs=1e-12)
