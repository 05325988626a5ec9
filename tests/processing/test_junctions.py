"""The junction rule through Processing: a person or destination at a junction belongs to the junction.

A dumbbell reasoned out by hand, and Futian's junctions given in three CRSs (the answer must not
depend on which street a reprojected point happens to fall nearest to).
"""

import numpy as np
import pytest
import shapely
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from tests.conftest import DATA
from tests.helpers import read_gdf

X0, Y0 = 500000.0, 2500000.0  # drawn near (500 km, 2500 km) in UTM 50N
DUMBBELL = [
    [(0, 0), (100, 0)],
    [(100, 0), (50, 86.6)],
    [(50, 86.6), (0, 0)],
    [(100, 0), (300, 0)],
    [(300, 0), (400, 0)],
    [(400, 0), (350, 86.6)],
    [(350, 86.6), (300, 0)],
]


def _memory(kind, crs, rows, fields="&field=pop:double"):
    layer = QgsVectorLayer(f"{kind}?crs={crs}{fields}", kind.lower(), "memory")
    feats = []
    for geom, attrs in rows:
        f = QgsFeature(layer.fields())
        f.setGeometry(geom)
        f.setAttributes(attrs)
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


@pytest.fixture()
def dumbbell_layer():
    return _memory(
        "LineString",
        "EPSG:32650",
        [(QgsGeometry.fromPolylineXY([QgsPointXY(X0 + x, Y0 + y) for x, y in line]), [0.0]) for line in DUMBBELL],
    )


@pytest.fixture()
def dumbbell_people_layer():
    # 40 at junction B, 20 at junction C, 30 mid B-C, 100 mid D-E, 50 at junction E, 70 at junction F: 310
    pts = [((100, 0), 40), ((50, 86.6), 20), ((75, 43.3), 30), ((350, 0), 100), ((400, 0), 50), ((350, 86.6), 70)]
    return _memory(
        "Point", "EPSG:32650", [(QgsGeometry.fromPointXY(QgsPointXY(X0 + x, Y0 + y)), [float(p)]) for (x, y), p in pts]
    )


@pytest.fixture()
def corner_hospital_layer():
    return _memory("Point", "EPSG:32650", [(QgsGeometry.fromPointXY(QgsPointXY(X0, Y0)), [None])])


def _isolated(run_alg, network, demand, destinations):
    res = run_alg(
        "networkcriticality",
        {
            "NETWORK": network,
            "DEMAND": demand,
            "POPULATION_FIELD": "pop",
            "DESTINATIONS": destinations,
            "OUTPUT_DEMAND": "memory:",
            "OUTPUT_TABLE": "memory:",
            "OUTPUT_LINKS": "memory:",
        },
    )
    return np.array([f["isolated_persons"] for f in res["OUTPUT_LINKS"].getFeatures()], dtype=float)


def test_street_next_to_a_corner_hospital_isolates_nobody(
    run_alg, dumbbell_layer, dumbbell_people_layer, corner_hospital_layer
):
    iso = _isolated(run_alg, dumbbell_layer, dumbbell_people_layer, [corner_hospital_layer])
    # by hand: A-B and C-A each leave the hospital reachable through the other; B-C cuts off its own
    # 30, the bridge the 220 beyond it, D-E its own 100
    assert iso.tolist() == [0, 30, 0, 220, 100, 0, 0]


def _futian_points(crs, xy, persons=None):
    from pyproj import Transformer

    t = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    x, y = t.transform(xy[:, 0], xy[:, 1])
    rows = [
        (QgsGeometry.fromPointXY(QgsPointXY(a, b)), [None if persons is None else float(p)])
        for a, b, p in zip(x, y, persons if persons is not None else [None] * len(x))
    ]
    return _memory("Point", crs, rows)


@pytest.fixture()
def junction_points():
    nodes = read_gdf(DATA / "futian.gpkg", "road_nodes")
    rng = np.random.default_rng(27)
    pick = rng.choice(len(nodes), 410, replace=False)
    xy = shapely.get_coordinates(nodes.geometry.values[pick])
    return xy[:400], rng.integers(1, 60, 400).astype(float), xy[400:]


@pytest.fixture()
def people_4326_layer(junction_points):
    xy, persons, _ = junction_points
    return _futian_points("EPSG:4326", xy, persons)


@pytest.fixture()
def people_3857_layer(junction_points):
    xy, persons, _ = junction_points
    return _futian_points("EPSG:3857", xy, persons)


@pytest.fixture()
def hospitals_4326_layer(junction_points):
    return _futian_points("EPSG:4326", junction_points[2])


@pytest.fixture()
def hospitals_4547_layer(junction_points):
    return _futian_points("EPSG:4547", junction_points[2])


@pytest.fixture()
def streets_layer():
    """Futian's streets once each (the OSM edges deduplicated by their u-v pair), so dead ends matter."""
    edges = read_gdf(DATA / "futian.gpkg", "road_edges")
    key = [tuple(sorted(p)) for p in zip(edges["u"], edges["v"])]
    edges = edges.assign(key=key).drop_duplicates("key")
    return _memory("LineString", "EPSG:4326", [(QgsGeometry.fromWkt(g.wkt), [0.0]) for g in edges.geometry])


def test_futian_junction_points_give_the_same_answer_in_any_crs(
    run_alg, streets_layer, people_4326_layer, people_3857_layer, hospitals_4326_layer, hospitals_4547_layer
):
    network = streets_layer
    same = _isolated(run_alg, network, people_4326_layer, [hospitals_4326_layer])
    mixed = _isolated(run_alg, network, people_3857_layer, [hospitals_4547_layer])
    assert mixed == pytest.approx(same)
    assert same.sum() > 0  # one-way streets and dead ends still cut people off
