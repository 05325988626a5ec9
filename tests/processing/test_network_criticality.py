"""resilience:networkcriticality through Processing: a hand-drawn network, a chain with lifeline exposure, bad input."""

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer

from tests.conftest import DATA, SAMPLE
from tests.helpers import read_gdf

X0, Y0 = 500000.0, 2500000.0  # the hand network drawn near (500 km, 2500 km) in UTM 50N


def _lines_layer(coords, name="net"):
    layer = QgsVectorLayer("LineString?crs=EPSG:32650&field=name:string&field=p_fail:double", name, "memory")
    feats = []
    for i, line in enumerate(coords):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(X0 + x, Y0 + y) for x, y in line]))
        f.setAttributes([f"l{i}", 1.0 if i in (3, 4) else 0.0])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


def _points_layer(points, persons=None, name="pts", kind="Point"):
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:32650&field=pop:double", name, "memory")
    feats = []
    for i, (x, y) in enumerate(points):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + x, Y0 + y)))
        f.setAttributes([None if persons is None else float(persons[i])])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


HAND = [[(0, 0), (100, 0)], [(100, 0), (100, 100)], [(100, 100), (0, 100)], [(0, 100), (0, 0)],
        [(100, 0), (300, 0)], [(300, 0), (400, 50)], [(400, 50), (400, -50)], [(400, -50), (300, 0)]]


@pytest.fixture()
def net_layer():
    return _lines_layer(HAND)


@pytest.fixture()
def demand_layer():
    return _points_layer([(350, 30), (405, 0), (50, 105)], [50, 30, 20], "demand")


@pytest.fixture()
def hospital_layer():
    return _points_layer([(10, -5)], None, "hospital")


@pytest.fixture()
def failed_segments_layer():
    return _lines_layer([HAND[4]], "failed")


@pytest.fixture()
def split_net_layer():
    return _lines_layer(HAND + [[(5000, 0), (5100, 0)]])


@pytest.fixture()
def far_hospital_layer():
    return _points_layer([(5050, 3)], None, "far_hospital")


@pytest.fixture()
def inasafe_dest_layer():
    return QgsVectorLayer(f"{DATA}/inasafe_samples.gpkg|layername=buildings|subset=lower(\"TYPE\") in ('clinic/doctor', 'school')",
                          "destinations", "ogr")


@pytest.fixture()
def futian_hospital_layer():
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "h", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(114.02, 22.535)))
    layer.dataProvider().addFeatures([f])
    layer.updateExtents()
    return layer


def _rows(layer):
    names = [f.name() for f in layer.fields()]
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def test_hand_network_through_processing(run_alg, net_layer, demand_layer, hospital_layer):
    res = run_alg("networkcriticality", {"NETWORK": net_layer, "FAILED": '"p_fail" >= 0.5', "DEMAND": demand_layer,
                                         "POPULATION_FIELD": "pop", "DESTINATIONS": [hospital_layer], "DETOUR_LIMIT": 0.4,
                                         "OUTPUT_DEMAND": "memory:", "OUTPUT_TABLE": "memory:", "OUTPUT_LINKS": "memory:"})
    links = _rows(res["OUTPUT_LINKS"])
    # reasoned by hand (see tests/core/test_criticality.py): the bridge l4 isolates the 80 people beyond it
    assert [r["isolated_persons"] for r in links] == [100, 0, 20, 0, 80, 50, 30, 0]
    assert [r["detour_persons"] for r in links] == [0, 0, 0, 20, 0, 0, 0, 0]
    assert [r["name"] for r in links] == [f"l{i}" for i in range(8)]
    assert [bool(r["failed"]) for r in links] == [i in (3, 4) for i in range(8)]
    assert [bool(r["bridge"]) for r in links] == [i == 4 for i in range(8)]
    assert sorted(r["rank"] for r in links) == list(range(1, 9)) and links[0]["rank"] == 1
    demand = _rows(res["OUTPUT_DEMAND"])
    assert [bool(r["isolated"]) for r in demand] == [True, True, False]
    assert demand[2]["dist_before_m"] == pytest.approx(170.0) and demand[2]["dist_after_m"] == pytest.approx(250.0)
    assert demand[2]["detour_ratio"] == pytest.approx(250 / 170)
    table = _rows(res["OUTPUT_TABLE"])
    assert len(table) == 1
    assert table[0]["isolated_persons"] == 80 and table[0]["detour_persons"] == 20 and table[0]["persons"] == 100


def test_failed_layer_matches_segments(run_alg, net_layer, demand_layer, hospital_layer, failed_segments_layer):
    res = run_alg("networkcriticality", {"NETWORK": net_layer, "FAILED_LAYER": failed_segments_layer, "DEMAND": demand_layer,
                                         "POPULATION_FIELD": "pop", "DESTINATIONS": [hospital_layer],
                                         "OUTPUT_DEMAND": "memory:", "OUTPUT_TABLE": "memory:", "OUTPUT_LINKS": "memory:"})
    assert [bool(r["failed"]) for r in _rows(res["OUTPUT_LINKS"])] == [i == 4 for i in range(8)]
    assert [bool(r["isolated"]) for r in _rows(res["OUTPUT_DEMAND"])] == [True, True, False]


def test_jakarta_chain_exposure_then_criticality(run_alg, inasafe_dest_layer):
    """InaSAFE's central Jakarta roads flooded above 0.3 m; access to its clinics and schools; population density raster."""
    roads = f"{DATA}/inasafe_samples.gpkg|layername=roads"
    exp = run_alg("lifelineexposure", {"LIFELINES": roads, "ASSET_TYPE": "road", "INTENSITY": str(SAMPLE / "flood_current_depth.tif"),
                                       "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"})
    dests = inasafe_dest_layer
    assert dests.featureCount() > 3
    res = run_alg("networkcriticality", {"NETWORK": exp["OUTPUT"], "FAILED": '"p_fail" >= 0.5',
                                         "DEMAND": str(SAMPLE / "population.tif"), "POPULATION_UNIT": 0,
                                         "DESTINATIONS": [dests], "MAX_SNAP": 300,
                                         "UNITS": f"{SAMPLE}/jakarta.gpkg|layername=kecamatan", "UNIT_ID_FIELD": "KEC_NAME",
                                         "OUTPUT_DEMAND": "memory:", "OUTPUT_TABLE": "memory:", "OUTPUT_LINKS": "memory:"})
    demand = _rows(res["OUTPUT_DEMAND"])
    table = _rows(res["OUTPUT_TABLE"])
    links = _rows(res["OUTPUT_LINKS"])
    assert len(links) == 185
    iso = sum(r["persons"] for r in demand if r["isolated"])
    assert sum(r["isolated_persons"] for r in table) == pytest.approx(iso)
    assert sum(r["persons"] for r in table) == pytest.approx(sum(r["persons"] for r in demand))
    for r in demand:
        if r["isolated"]:
            assert r["dist_after_m"] is None or str(r["dist_after_m"]) == "NULL"
            assert r["dist_before_m"] is not None and str(r["dist_before_m"]) != "NULL"
    assert all(r["rank"] >= 1 for r in links)
    # persons = density (per km2) x geodesic cell area, cell by cell
    from pyproj import Geod

    from tests.helpers import read_raster

    pop, gt, _ = read_raster(SAMPLE / "population.tif")
    r0 = int(demand[0]["persons"] > 0)
    assert r0 == 1
    col = int(np.floor((106.82 - gt[0]) / gt[1]))
    row = int(np.floor((-6.18 - gt[3]) / gt[5]))
    x0, y0 = gt[0] + col * gt[1], gt[3] + row * gt[5]
    area = abs(Geod(ellps="WGS84").polygon_area_perimeter([x0, x0 + gt[1], x0 + gt[1], x0], [y0, y0, y0 + gt[5], y0 + gt[5]])[0])
    expected = pop[row, col] * area / 1e6
    got = [r["persons"] for r in demand]
    assert min(abs(g - expected) for g in got) < 0.01 * expected  # that cell is among the demand points


# --- bad input ------------------------------------------------------------------------------------
def test_failed_expression_that_does_not_parse(run_alg, net_layer, demand_layer, hospital_layer):
    with pytest.raises(QgsProcessingException, match="FAILED expression does not parse"):
        run_alg("networkcriticality", {"NETWORK": net_layer, "FAILED": '"p_fail" >>= 0.5 (', "DEMAND": demand_layer,
                                       "DESTINATIONS": [hospital_layer], "OUTPUT_DEMAND": "memory:", "OUTPUT_TABLE": "memory:",
                                       "OUTPUT_LINKS": "memory:"})


def test_failed_expression_with_unknown_field(run_alg, net_layer, demand_layer, hospital_layer):
    with pytest.raises(QgsProcessingException, match="fields the network does not have: depth"):
        run_alg("networkcriticality", {"NETWORK": net_layer, "FAILED": '"depth" > 0.3', "DEMAND": demand_layer,
                                       "DESTINATIONS": [hospital_layer], "OUTPUT_DEMAND": "memory:", "OUTPUT_TABLE": "memory:",
                                       "OUTPUT_LINKS": "memory:"})


def test_no_destination_reachable_at_all(run_alg, demand_layer, split_net_layer, far_hospital_layer):
    with pytest.raises(QgsProcessingException, match="No destination can be reached from any demand"):
        run_alg("networkcriticality", {"NETWORK": split_net_layer, "DEMAND": demand_layer, "DESTINATIONS": [far_hospital_layer],
                                       "OUTPUT_DEMAND": "memory:", "OUTPUT_TABLE": "memory:", "OUTPUT_LINKS": "memory:"})


def test_points_given_as_network(run_alg, demand_layer, hospital_layer):
    with pytest.raises(QgsProcessingException, match="Network \\(lines\\) must contain lines, but 'demand' holds points: choose another layer"):
        run_alg("networkcriticality", {"NETWORK": demand_layer, "DEMAND": demand_layer, "DESTINATIONS": [hospital_layer],
                                       "OUTPUT_DEMAND": "memory:", "OUTPUT_TABLE": "memory:", "OUTPUT_LINKS": "memory:"})


def test_lines_given_as_demand(run_alg, net_layer, hospital_layer):
    with pytest.raises(QgsProcessingException, match="Demand \\(population raster, points or polygons\\) must contain points or polygons, but 'net' holds lines"):
        run_alg("networkcriticality", {"NETWORK": net_layer, "DEMAND": net_layer, "DESTINATIONS": [hospital_layer],
                                       "OUTPUT_DEMAND": "memory:", "OUTPUT_TABLE": "memory:", "OUTPUT_LINKS": "memory:"})


def test_futian_links_keep_attributes(run_alg, futian_hospital_layer):
    edges = read_gdf(DATA / "futian.gpkg", "road_edges")
    res = run_alg("networkcriticality", {"NETWORK": f"{DATA}/futian.gpkg|layername=road_edges",
                                         "DEMAND": f"{DATA}/futian.gpkg|layername=road_nodes",
                                         "DESTINATIONS": [futian_hospital_layer], "OUTPUT_DEMAND": "memory:",
                                         "OUTPUT_TABLE": "memory:", "OUTPUT_LINKS": "memory:"})
    links = _rows(res["OUTPUT_LINKS"])
    assert len(links) == len(edges) and [r["osmid"] for r in links[:5]] == list(edges["osmid"][:5])
    # directed OSM twins: a street digitised once per direction is never a bridge on its own
    assert sum(bool(r["bridge"]) for r in links) < len(links) / 4

