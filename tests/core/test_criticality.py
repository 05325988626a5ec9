"""core.criticality: a hand-drawn network reasoned out by hand, then Futian against networkx."""

import networkx as nx
import numpy as np
import pytest
import shapely

from resilience_plugin.core import criticality as cr
from resilience_plugin.core.errors import InputError
from tests.conftest import DATA
from tests.helpers import read_gdf

L = shapely.LineString


def _hand_network():
    """A square block A(0,0) B(100,0) C(100,100) D(0,100); a bridge B-E (100,0)-(300,0) leads to a
    triangle E(300,0) F(400,50) G(400,-50). The hospital is beside A-B at (10,-5)."""
    lines = np.array([L([(0, 0), (100, 0)]), L([(100, 0), (100, 100)]), L([(100, 100), (0, 100)]), L([(0, 100), (0, 0)]),
                      L([(100, 0), (300, 0)]), L([(300, 0), (400, 50)]), L([(400, 50), (400, -50)]), L([(400, -50), (300, 0)])])
    demand = shapely.points([(350, 30), (405, 0), (50, 105)])  # on E-F, on F-G, beside C-D
    persons = np.array([50.0, 30.0, 20.0])
    dest = shapely.points([(10, -5)])
    return lines, demand, persons, dest


def test_hand_network_single_link_criticality():
    lines, demand, persons, dest = _hand_network()
    r = cr.criticality(lines, demand, persons, dest, detour_limit=0.4)
    iso = r.links["isolated_persons"]
    # the bridge B-E isolates exactly the 80 people beyond it; A-B carries the only hospital: all 100;
    # a street of a loop only cuts off the people living on it
    assert list(iso) == [100, 0, 20, 0, 80, 50, 30, 0]
    assert list(r.links["is_bridge_line"]) == [False, False, False, False, True, False, False, False]
    # D-A failing sends the C-D resident round by B and C: 5 + 240 + 5 = 250 m instead of 170 m (> 1.4x)
    assert list(r.links["detour_persons"]) == [0, 0, 0, 20, 0, 0, 0, 0]
    assert r.links["rank"][0] == 1 and r.links["rank"][4] == 2
    # distances by hand: hospital snap 5 m, resident snap 5 m
    e_f = np.hypot(100, 50)
    along = (50 * 100 + 30 * 50) / e_f
    off = abs(50 * 50 - 30 * 100) / e_f
    assert r.demand["dist_before_m"] == pytest.approx([5 + 90 + 200 + along + off, 5 + 90 + 200 + e_f + 50 + 5, 170.0])


def test_hand_network_scenario():
    lines, demand, persons, dest = _hand_network()
    failed = np.zeros(len(lines), dtype=bool)
    failed[[3, 4]] = True  # D-A and the bridge
    r = cr.criticality(lines, demand, persons, dest, failed=failed, detour_limit=0.4)
    assert list(r.demand["isolated"]) == [True, True, False]
    assert r.demand["dist_after_m"][2] == pytest.approx(250.0)
    assert np.isnan(r.demand["dist_after_m"][0])
    assert r.demand["detour_ratio"][2] == pytest.approx(250 / 170)
    assert list(r.demand["detour"]) == [False, False, True]


def test_no_destination_reachable():
    lines, demand, persons, _ = _hand_network()
    far_net = np.array([L([(5000, 0), (5100, 0)])])
    with pytest.raises(InputError, match="No destination can be reached from any demand"):
        cr.criticality(np.r_[lines, far_net], demand, persons, shapely.points([(5050, 2)]))
    with pytest.raises(InputError, match="No destination lies within 500 m"):
        cr.criticality(lines, demand, persons, shapely.points([(9000, 9000)]))
    with pytest.raises(InputError, match="no destinations"):
        cr.criticality(lines, demand, persons, np.zeros(0, dtype=object))


def test_bridges_match_networkx_on_a_random_multigraph():
    rng = np.random.default_rng(3)
    n = 300
    u = rng.integers(0, n, 420)
    v = rng.integers(0, n, 420)
    u = np.r_[u, 5, 5]
    v = np.r_[v, 6, 6]  # a parallel pair: never a bridge
    info = cr.find_bridges(n, u, v)
    g = nx.MultiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(u.tolist(), v.tolist()))
    expected = {tuple(sorted(e)) for e in nx.bridges(nx.Graph(g))}
    counts = {}
    for a, b in zip(u.tolist(), v.tolist()):
        counts[tuple(sorted((a, b)))] = counts.get(tuple(sorted((a, b))), 0) + 1
    expected = {e for e in expected if counts[e] == 1}
    got = {tuple(sorted((a, b))) for a, b, br in zip(u.tolist(), v.tolist(), info.is_bridge) if br}
    assert got == expected


def _futian():
    """Futian streets as undirected lines (OSM edges deduplicated by their u-v pair)."""
    edges = read_gdf(DATA / "futian.gpkg", "road_edges")
    key = [tuple(sorted(p)) for p in zip(edges["u"], edges["v"])]
    edges = edges.assign(key=key).drop_duplicates("key").reset_index(drop=True).to_crs(4547)
    return edges


TOL = 0.5  # the network's node tolerance (metres): the junction rule's radius


def _split_with_points(g, i, a, b, length, on, along):
    """Add street ``i`` from node ``a`` to ``b`` with the points ``on`` (positions ``along``).

    The junction rule, stated independently: a point within TOL of an end of its street belongs
    to that end node (a link that never fails, line -1); the others split the street.
    """
    mid = []
    for k in on:
        x = float(along[k])
        if min(x, length - x) <= TOL:
            end, w = (a, x) if x <= length - x else (b, length - x)
            g.add_edge(end, ("p", int(k)), weight=w, line=-1)
        else:
            mid.append(int(k))
    mid.sort(key=lambda k: (float(along[k]), k))
    chain = [a] + [("p", k) for k in mid] + [b]
    pos = [0.0] + [float(along[k]) for k in mid] + [length]
    for j in range(len(chain) - 1):
        g.add_edge(chain[j], chain[j + 1], weight=pos[j + 1] - pos[j], line=i)


def _nx_graph_with_points(edges, points, lines):
    """Independent graph: nodes are the OSM u/v ids; each point splits its nearest street (or
    hangs from a junction it lies on)."""
    dist = shapely.distance(points[:, None], lines[None, :])
    near = np.argmin(dist, axis=1)
    along = shapely.line_locate_point(lines[near], points)
    g = nx.MultiGraph()
    for i, (a, b, geom) in enumerate(zip(edges["u"], edges["v"], lines)):
        on = np.flatnonzero(near == i)
        _split_with_points(g, i, ("n", a), ("n", b), float(geom.length), on, along)
    return g, dist[np.arange(len(points)), near]


def _points_near_streets(lines, n, rng):
    """``n`` points within 3 m of the middle part of ``n`` distinct streets (same draws as before)."""
    pick = rng.choice(len(lines), n, replace=False)
    mids = shapely.line_interpolate_point(lines[pick], rng.uniform(0.2, 0.8, len(pick)), normalized=True)
    return shapely.points(shapely.get_x(mids) + rng.uniform(-3, 3, len(pick)), shapely.get_y(mids) + rng.uniform(-3, 3, len(pick)))


def test_futian_isolation_and_detours_match_networkx():
    edges = _futian()
    lines = edges.geometry.to_numpy()
    rng = np.random.default_rng(7)
    pts = _points_near_streets(lines, 160, rng)
    dem, dst = pts[:150], pts[150:]
    persons = rng.integers(1, 100, len(dem)).astype(float)
    r = cr.criticality(lines, dem, persons, dst, detour_limit=0.3)

    g, snap = _nx_graph_with_points(edges, pts, lines)
    dem_nodes = [("p", k) for k in range(150)]
    dst_nodes = [("p", k) for k in range(150, 160)]
    base = nx.multi_source_dijkstra_path_length(g, dst_nodes, weight="weight")
    before = np.array([base.get(d, np.inf) for d in dem_nodes]) + snap[:150]
    # each destination's own snap distance is added once at the start of the trip
    first = nx.multi_source_dijkstra(g, dst_nodes, weight="weight")[1]
    src = np.array([first[d][0][1] if d in first else -1 for d in dem_nodes])
    before = np.where(src >= 0, before + snap[np.maximum(src, 0)], np.inf)
    reach = np.isfinite(before)
    assert r.demand["dist_before_m"][reach] == pytest.approx(before[reach], rel=1e-6, abs=0.5)
    assert (~np.isnan(r.demand["dist_before_m"]) == reach).all()
    assert reach.sum() > 100

    iso = r.links["isolated_persons"]
    dst_set = set(dst_nodes)
    by_line = {}
    for a, b, k, data in g.edges(keys=True, data=True):
        by_line.setdefault(data["line"], []).append((a, b, k))
    for line in range(len(lines)):
        removed = [(a, b, k, g.edges[a, b, k]) for a, b, k in by_line.get(line, [])]
        g.remove_edges_from(by_line.get(line, []))
        lost = 0.0
        for comp in nx.connected_components(g):
            if not (comp & dst_set):
                lost += sum(persons[k] for kind, k in comp if kind == "p" and k < 150 and reach[k])
        g.add_edges_from(removed)
        assert iso[line] == pytest.approx(lost), line
    assert (iso > 0).sum() > 50 and r.links["is_bridge_line"].sum() > 20

    # detours for the 25 most loaded lines, by networkx with the line removed
    det = r.links["detour_persons"]
    for line in np.argsort(-r.links["load_persons"])[:25]:
        removed = [(a, b, k, g.edges[a, b, k]) for a, b, k in by_line.get(int(line), [])]
        g.remove_edges_from(by_line.get(int(line), []))
        dd, paths = nx.multi_source_dijkstra(g, dst_nodes, weight="weight")
        g.add_edges_from(removed)
        exp = 0.0
        for k in range(150):
            if not reach[k] or ("p", k) not in dd:
                continue
            after = dd[("p", k)] + snap[k] + snap[paths[("p", k)][0][1]]
            if after > before[k] * 1.3 + 1e-6:
                exp += persons[k]
        assert det[line] == pytest.approx(exp), line


def test_failed_segments_are_matched_by_overlap():
    lines = np.array([L([(0, 0), (100, 0)]), L([(0, 10), (100, 10)]), L([(0, 20), (100, 20)])])
    failed = np.array([L([(0, 0.5), (100, 0.5)]), L([(0, 10.2), (40, 10.2)])])  # all of line 0, 40 % of line 1
    assert list(cr.match_failed_segments(lines, failed)) == [True, False, False]


def _brute_force_isolation(lines, demand, persons, dest):
    """networkx: one graph per removed line, persons in components without a destination (independent)."""
    coords = {}

    def node(xy):
        key = (round(xy[0], 6), round(xy[1], 6))
        return coords.setdefault(key, ("n", len(coords)))

    segs = []
    for i, g in enumerate(lines):
        for part in getattr(g, "geoms", [g]):
            c = np.asarray(part.coords)
            for a, b in zip(c[:-1], c[1:]):
                segs.append((i, a, b))
    seg_geom = np.array([L([a, b]) for _, a, b in segs])
    pts = np.r_[demand, dest]
    d = shapely.distance(pts[:, None], seg_geom[None, :])
    near = np.argmin(d, axis=1)
    along = shapely.line_locate_point(seg_geom[near], pts)
    g = nx.MultiGraph()
    for s, (line, a, b) in enumerate(segs):
        on = np.flatnonzero(near == s)
        _split_with_points(g, line, node(a), node(b), float(np.hypot(*(b - a))), on, along)
    nd = len(demand)
    dst = {("p", k) for k in range(nd, len(pts))}
    reach_comp = [c for c in nx.connected_components(g) if c & dst]
    reach = np.zeros(nd, bool)
    for c in reach_comp:
        for kind, k in c:
            if kind == "p" and k < nd:
                reach[k] = True
    out = np.zeros(len(lines))
    for line in range(len(lines)):
        removed = [(a, b, k, dd) for a, b, k, dd in g.edges(keys=True, data=True) if dd["line"] == line]
        g.remove_edges_from([(a, b, k) for a, b, k, _ in removed])
        for comp in nx.connected_components(g):
            if not (comp & dst):
                out[line] += sum(persons[k] for kind, k in comp if kind == "p" and k < nd and reach[k])
        g.add_edges_from([(a, b, k, dd) for a, b, k, dd in removed])
    return out


def test_long_lines_through_many_junctions_match_networkx():
    """Streets drawn as long lines through many junctions (like OSM ways), with gaps and spurs."""
    rng = np.random.default_rng(11)
    n = 12
    lines = []
    for fixed in range(n):
        for horizontal in (True, False):
            keep = rng.uniform(size=n - 1) > 0.25
            run = []
            for k in range(n - 1):
                a = (k * 100.0, fixed * 100.0) if horizontal else (fixed * 100.0, k * 100.0)
                b = ((k + 1) * 100.0, fixed * 100.0) if horizontal else (fixed * 100.0, (k + 1) * 100.0)
                if keep[k]:
                    run = run + [a, b] if not run else run + [b]
                elif run:
                    lines.append(L(run))
                    run = []
            if run:
                lines.append(L(run))
    # a loop road drawn as one line around a block, with a dead-end spur hanging off it
    lines.append(L([(1250, 0), (1350, 0), (1350, 100), (1250, 100), (1250, 0)]))
    lines.append(L([(1350, 100), (1350, 200)]))
    lines.append(L([(1100, 0), (1250, 0)]))
    lines = np.array(lines)
    pick = rng.integers(0, len(lines), 120)
    mids = shapely.line_interpolate_point(lines[pick], rng.uniform(0.05, 0.95, len(pick)), normalized=True)
    pts = shapely.points(shapely.get_x(mids) + rng.uniform(-2, 2, len(pick)), shapely.get_y(mids) + rng.uniform(-2, 2, len(pick)))
    demand = np.r_[pts[:115], shapely.points([(1352, 180)])]
    dest = pts[115:]
    persons = rng.integers(1, 50, len(demand)).astype(float)
    r = cr.criticality(lines, demand, persons, dest)
    expected = _brute_force_isolation(lines, demand, persons, dest)
    assert r.links["isolated_persons"] == pytest.approx(expected)
    assert (expected > 0).sum() > 10
    # the loop line's own two sides cut off its spur: found by the exact check
    assert r.links["isolated_persons"][len(lines) - 3] >= persons[-1]
    assert r.report["exact_checks"] >= 1


def test_cancel_stops_the_analysis():
    from resilience_plugin.core.errors import Cancelled

    class Fb:
        def isCanceled(self):  # noqa: N802
            return True

        def setProgress(self, p):  # noqa: N802
            pass

    lines, demand, persons, dest = _hand_network()
    with pytest.raises(Cancelled):
        cr.criticality(lines, demand, persons, dest, feedback=Fb())


def test_futian_scenario_matches_networkx():
    edges = _futian()
    lines = edges.geometry.to_numpy()
    rng = np.random.default_rng(9)
    pts = _points_near_streets(lines, 110, rng)
    dem, dst = pts[:100], pts[100:]
    persons = np.ones(100)
    failed = rng.uniform(size=len(lines)) < 0.15
    r = cr.criticality(lines, dem, persons, dst, failed=failed, detour_limit=0.2)
    g, snap = _nx_graph_with_points(edges, pts, lines)
    g.remove_edges_from([(a, b, k) for a, b, k, d in g.edges(keys=True, data=True) if failed[d["line"]]])
    dd, paths = nx.multi_source_dijkstra(g, [("p", k) for k in range(100, 110)], weight="weight")
    after = np.array([dd[("p", k)] + snap[k] + snap[paths[("p", k)][0][1]] if ("p", k) in dd else np.inf for k in range(100)])
    reach = ~np.isnan(r.demand["dist_before_m"])
    assert reach.sum() > 80
    got = r.demand["dist_after_m"]
    ok = np.isfinite(after)
    assert got[ok] == pytest.approx(after[ok], rel=1e-6, abs=0.5)
    assert list(r.demand["isolated"]) == list(reach & ~ok)
    assert r.demand["isolated"].sum() > 0


# --- the junction rule ---------------------------------------------------------------------------
def _dumbbell():
    """Two triangles joined by a bridge: A(0,0) B(100,0) C(50,86.6) -- B-D -- D(300,0) E(400,0) F(350,86.6).
    The hospital stands on corner A. 310 persons: 40 at node B, 20 at node C (0.3 m off it, within the
    node tolerance), 30 mid B-C, 100 mid D-E, 50 at node E, 70 at node F."""
    a, b, c = (0, 0), (100, 0), (50, 86.6)
    d, e, f = (300, 0), (400, 0), (350, 86.6)
    lines = np.array([L([a, b]), L([b, c]), L([c, a]), L([b, d]), L([d, e]), L([e, f]), L([f, d])])
    demand = shapely.points([b, (50.3, 86.5), (75, 43.3), (350, 0), e, f])
    persons = np.array([40.0, 20.0, 30.0, 100.0, 50.0, 70.0])
    return lines, demand, persons, shapely.points([a])


def test_dumbbell_hospital_on_a_corner_is_not_lost_with_one_street():
    lines, demand, persons, dest = _dumbbell()
    r = cr.criticality(lines, demand, persons, dest)
    # by hand: A-B and C-A each leave the hospital reachable through the other (0, not 310);
    # B-C cuts off only its own 30; the bridge the 220 beyond it; D-E its own 100 (E and F go round by F-D)
    assert list(r.links["isolated_persons"]) == [0, 30, 0, 220, 100, 0, 0]
    assert r.report["points_at_junctions"] == 5


def test_dumbbell_scenario_keeps_junction_points_connected():
    lines, demand, persons, dest = _dumbbell()
    failed = np.array([True, False, False, False, True, False, False])  # A-B and D-E
    r = cr.criticality(lines, demand, persons, dest, failed=failed)
    assert list(r.demand["isolated"]) == [False, False, False, True, False, False]
    side = float(np.hypot(50, 86.6))
    # B's people now walk B-C-A; E's go E-F-D-B-C-A (by hand)
    assert r.demand["dist_after_m"][0] == pytest.approx(2 * side)
    assert r.demand["dist_after_m"][4] == pytest.approx(side + side + 200 + 2 * side)
    assert r.demand["dist_before_m"][0] == pytest.approx(100.0)


def test_futian_points_on_junctions_match_networkx():
    """400 persons and 12 hospitals standing on Futian's junctions (moved up to 0.3 m, as a CRS
    round trip or digitising would), against networkx: remove each street, count who is cut off."""
    edges = _futian()
    lines = edges.geometry.to_numpy()
    nodes = read_gdf(DATA / "futian.gpkg", "road_nodes").to_crs(4547)
    used = set(edges["u"]) | set(edges["v"])
    nodes = nodes[nodes["osmid"].isin(used)].reset_index(drop=True)
    rng = np.random.default_rng(5)
    pick = rng.choice(len(nodes), 412, replace=False)
    xy = shapely.get_coordinates(nodes.geometry.values[pick])
    ang = rng.uniform(0, 2 * np.pi, len(pick))
    rad = rng.uniform(0, 0.3, len(pick))
    pts = shapely.points(xy[:, 0] + rad * np.cos(ang), xy[:, 1] + rad * np.sin(ang))
    dem, dst = pts[:400], pts[400:]
    persons = rng.integers(1, 60, 400).astype(float)
    r = cr.criticality(lines, dem, persons, dst)
    assert r.report["points_at_junctions"] == 412

    g, _ = _nx_graph_with_points(edges, pts, lines)
    assert sum(1 for *_, d in g.edges(data=True) if d["line"] == -1) == 412  # every point hangs from its junction
    dst_set = {("p", k) for k in range(400, 412)}
    reach = np.zeros(400, bool)
    for comp in nx.connected_components(g):
        if comp & dst_set:
            for kind, k in comp:
                if kind == "p" and k < 400:
                    reach[k] = True
    by_line = {}
    for a, b, k, data in g.edges(keys=True, data=True):
        by_line.setdefault(data["line"], []).append((a, b, k))
    iso = r.links["isolated_persons"]
    expected = np.zeros(len(lines))
    for line in range(len(lines)):
        removed = [(a, b, k, g.edges[a, b, k]) for a, b, k in by_line.get(line, [])]
        g.remove_edges_from(by_line.get(line, []))
        for comp in nx.connected_components(g):
            if not (comp & dst_set):
                expected[line] += sum(persons[k] for kind, k in comp if kind == "p" and k < 400 and reach[k])
        g.add_edges_from(removed)
    assert iso == pytest.approx(expected)
    assert (expected > 0).sum() > 20  # bridges and dead ends still cut people off
    # no street isolates a person merely for standing at one of its ends: every loss is a real cut
    dead_end_free = [line for line in range(len(lines)) if not r.links["is_bridge_line"][line]]
    assert all(iso[line] == 0 for line in dead_end_free)


def _nx_detours(lines, demand, persons, dest, limit):
    """networkx: every line removed in turn, a Dijkstra from a root joined to each destination by its snap
    distance; persons still reaching one but more than ``limit`` (a fraction) farther count."""
    pts = np.r_[demand, dest]
    segs = [(i, a, b) for i, g in enumerate(lines) for a, b in zip(np.asarray(g.coords)[:-1], np.asarray(g.coords)[1:])]
    seg_geom = np.array([L([a, b]) for _, a, b in segs])
    d = shapely.distance(pts[:, None], seg_geom[None, :])
    near = np.argmin(d, axis=1)
    snap = d[np.arange(len(pts)), near]
    along = shapely.line_locate_point(seg_geom[near], pts)
    coords = {}
    g = nx.MultiGraph()
    for s, (line, a, b) in enumerate(segs):
        ends = [coords.setdefault((round(x, 6), round(y, 6)), ("n", len(coords))) for x, y in (a, b)]
        _split_with_points(g, line, ends[0], ends[1], float(np.hypot(*(b - a))), np.flatnonzero(near == s), along)
    nd = len(demand)
    for k in range(nd, len(pts)):
        g.add_edge("root", ("p", k), weight=snap[k], line=-2)

    def trips():
        dd = nx.single_source_dijkstra_path_length(g, "root", weight="weight")
        return np.array([dd.get(("p", k), np.inf) + snap[k] for k in range(nd)])

    before = trips()
    out = np.zeros(len(lines))
    for line in range(len(lines)):
        removed = [(a, b, k, dd) for a, b, k, dd in g.edges(keys=True, data=True) if dd["line"] == line]
        g.remove_edges_from([(a, b, k) for a, b, k, _ in removed])
        after = trips()
        g.add_edges_from(removed)
        longer = np.isfinite(before) & np.isfinite(after) & (after > before * (1 + limit) + 1e-6)
        out[line] = persons[longer].sum()
    return out, before


@pytest.mark.parametrize("batch_nodes", [None, 1, 60])
def test_every_line_detour_matches_networkx(monkeypatch, batch_nodes):
    """A grid with gaps drawn partly as long lines; every line's detour persons against networkx,
    re-solved one line per Dijkstra (batch of 1 node), a few lines per Dijkstra and all at once."""
    if batch_nodes is not None:
        monkeypatch.setattr(cr, "BATCH_NODES", batch_nodes)
    rng = np.random.default_rng(5)
    n = 9
    lines = []
    for fixed in range(n):
        for horizontal in (True, False):
            keep = rng.uniform(size=n - 1) > 0.2
            for k in np.flatnonzero(keep):
                a = (k * 80.0, fixed * 80.0) if horizontal else (fixed * 80.0, k * 80.0)
                b = ((k + 1) * 80.0, fixed * 80.0) if horizontal else (fixed * 80.0, (k + 1) * 80.0)
                lines.append([a, b])
    # a few runs of two segments joined into one line (several edges per line)
    merged = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and lines[i][1] == lines[i + 1][0] and rng.uniform() < 0.4:
            merged.append(L([lines[i][0], lines[i][1], lines[i + 1][1]]))
            i += 2
        else:
            merged.append(L(lines[i]))
            i += 1
    lines = np.array(merged)
    pick = rng.integers(0, len(lines), 90)
    mids = shapely.line_interpolate_point(lines[pick], rng.uniform(0.1, 0.9, len(pick)), normalized=True)
    pts = shapely.points(shapely.get_x(mids) + rng.uniform(-2, 2, len(pick)), shapely.get_y(mids) + rng.uniform(-2, 2, len(pick)))
    demand, dest = pts[:86], pts[86:]
    persons = rng.integers(1, 40, len(demand)).astype(float)
    r = cr.criticality(lines, demand, persons, dest, detour_limit=0.2)
    expected, before = _nx_detours(lines, demand, persons, dest, 0.2)
    reach = np.isfinite(before)
    assert r.demand["dist_before_m"][reach] == pytest.approx(before[reach], abs=1e-6)
    assert r.links["detour_persons"] == pytest.approx(expected)
    assert (expected > 0).sum() > 5
    assert r.report["iso_check_max_diff"] == pytest.approx(0.0)
