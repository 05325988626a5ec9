"""resilience:restoration on lifeline assets placed on the real Futian street nodes.

/work/shared/data has no real power or water layers: two substations, a pump station and people are
placed by this test on real OSM nodes of Futian (tests/data/futian.gpkg). The expected schedule is
worked out here from the restoration table's numbers (Hazus form: repaired after mean + 2 sd days)
and brute-force nearest distances.
"""

import json

import numpy as np
import pytest
import shapely
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer

from tests.conftest import DATA, REPO
from tests.helpers import read_gdf

EPSG = 4547


def _nodes():
    nodes = read_gdf(DATA / "futian.gpkg", "road_nodes").to_crs(epsg=EPSG)
    xy = shapely.get_coordinates(nodes.geometry.to_numpy())
    return xy[np.random.default_rng(9).choice(len(xy), 30, replace=False)]


def _assets():
    p = _nodes()
    rows = [
        ("S1", "substation", p[0], "complete", None),
        ("S2", "substation", p[1], "moderate", None),
        ("P1", "pump_station", p[2], "slight", "S1"),
    ]
    rows += [(f"D{k}", "people", p[3 + k], None, None) for k in range(25)]
    return rows


@pytest.fixture()
def assets_layer():
    layer = QgsVectorLayer(
        f"Point?crs=EPSG:{EPSG}&field=asset_id:string&field=asset_class:string&field=damage_state:string"
        "&field=power_from:string&field=population:double",
        "assets",
        "memory",
    )
    feats = []
    for k, (aid, cls, xy, ds, pf) in enumerate(_assets()):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(shapely.Point(xy).wkt))
        f.setAttributes([aid, cls, ds, pf, 100.0 + 7 * k if cls == "people" else 0.0])
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)
    return layer


def _rows(out):
    layer = out if isinstance(out, QgsVectorLayer) else QgsVectorLayer(out, "x", "ogr")
    names = [f.name() for f in layer.fields()]
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def test_one_power_crew_schedule_and_curves(run_alg, assets_layer, tmp_path):
    chart = tmp_path / "recovery.png"
    res = run_alg(
        "restoration",
        {
            "ASSETS": [assets_layer],
            "CREWS": "power:1, water:1",
            "CHART": str(chart),
            "OUTPUT_SCHEDULE": "memory:",
            "OUTPUT_CURVE": "memory:",
            "OUTPUT_SUMMARY": "memory:",
        },
    )
    std = json.loads((REPO / "resources" / "standards" / "restoration.json").read_text())["classes"]

    def days(cls, ds):
        f = std[cls]["states"][ds]
        return f["mean_days"] + 2 * f["sd_days"]

    d_s1, d_s2, d_p1 = days("substation", "complete"), days("substation", "moderate"), days("pump_station", "slight")
    assets = _assets()
    pop = {a[0]: 100.0 + 7 * k for k, a in enumerate(assets) if a[1] == "people"}
    people = [a for a in assets if a[1] == "people"]
    near_sub = {
        a[0]: min(("S1", "S2"), key=lambda s: np.hypot(*(a[2] - next(b[2] for b in assets if b[0] == s))))
        for a in people
    }
    # persons each substation serves alone: its own customers for power, and all (the only pump hangs on S1) for S1
    served_s1 = sum(pop.values())
    served_s2 = sum(pop[d] for d, s in near_sub.items() if s == "S2")
    first = "S1" if served_s1 / d_s1 > served_s2 / d_s2 else "S2"
    second = "S2" if first == "S1" else "S1"
    dur = {"S1": d_s1, "S2": d_s2}
    finish = {first: dur[first], second: dur[first] + dur[second]}
    sched = {r["asset_id"]: r for r in _rows(res["OUTPUT_SCHEDULE"])}
    assert set(sched) == {"S1", "S2", "P1"}
    for s in ("S1", "S2"):
        assert sched[s]["finish_day"] == pytest.approx(finish[s])
    assert sched["P1"]["finish_day"] == pytest.approx(d_p1) and sched["P1"]["service_day"] == pytest.approx(
        finish["S1"]
    )
    assert sched["S1"]["persons_served"] == pytest.approx(served_s1) and sched["S2"]["persons_served"] == pytest.approx(
        served_s2
    )
    summary = {(r["unit_id"], r["system"]): r for r in _rows(res["OUTPUT_SUMMARY"])}
    power_days = sorted((finish[near_sub[d]], pop[d]) for d in pop)
    total = sum(pop.values())
    acc, d90 = 0.0, None
    for t, w in power_days:
        acc += w
        if d90 is None and acc >= 0.9 * total - 1e-9:
            d90 = t
    assert summary[("all", "power")]["days_90"] == pytest.approx(d90)
    assert summary[("all", "power")]["days_100"] == pytest.approx(max(finish[near_sub[d]] for d in pop))
    assert summary[("all", "water")]["days_100"] == pytest.approx(finish["S1"])  # water waits for the pump's substation
    curve = [r for r in _rows(res["OUTPUT_CURVE"]) if r["system"] == "power"]
    shares = [r["share_served"] for r in sorted(curve, key=lambda r: r["day"])]
    assert all(b >= a for a, b in zip(shares, shares[1:])) and shares[-1] == pytest.approx(1.0) and shares[0] == 0.0
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bad_damage_state_and_crews_are_explained(run_alg, assets_layer):
    with pytest.raises(QgsProcessingException, match="CREWS: cannot read 'gas:2'"):
        run_alg(
            "restoration",
            {
                "ASSETS": [assets_layer],
                "CREWS": "power:1, gas:2",
                "OUTPUT_SCHEDULE": "memory:",
                "OUTPUT_CURVE": "memory:",
                "OUTPUT_SUMMARY": "memory:",
            },
        )
    with pytest.raises(
        QgsProcessingException, match="not none, slight, moderate, extensive, complete or 0-4: D0, D1, D10"
    ):
        run_alg(
            "restoration",
            {
                "ASSETS": [assets_layer],
                "DAMAGE_FIELD": "asset_id",
                "OUTPUT_SCHEDULE": "memory:",
                "OUTPUT_CURVE": "memory:",
                "OUTPUT_SUMMARY": "memory:",
            },
        )
