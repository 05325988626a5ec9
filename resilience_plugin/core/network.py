"""Street networks as sparse graphs: building, snapping points, shortest paths, components.

This is the shared network module (coverage, allocation, criticality). No QGIS, no networkx:
numpy, shapely 2 (STRtree) and scipy.sparse.csgraph only. All coordinates must be in a metric CRS.

Graph model
-----------
* Every vertex of every input line is a candidate node. Vertices closer than ``tolerance`` metres
  (transitively) are merged into one node. A vertex becomes a graph node when it is the end point of
  a line or when it is shared by more than one line (or visited twice by the same line). So lines
  join where their end points or shared vertices coincide; two lines that merely *cross* (a bridge
  over a street, a tunnel) share no vertex and stay unconnected.
* Each line is split at its nodes into edges. An edge keeps its geometry (``edge_geom``, the
  original vertices), its length in metres (``edge_length``), its cost (``edge_cost`` = length x the
  line's ``cost_factor``, e.g. 1 for metres or 3.6 / speed_kmh for seconds) and the index of the
  input line it came from (``edge_line``).
* Zero-length edges (after snapping) are dropped. Parallel edges between the same two nodes stay in
  the edge arrays (they matter for redundancy) but the graph matrix keeps only the cheapest one;
  ``report`` counts them. Self-loops are kept as edges but never used by shortest paths.

Points (facilities, demand) are attached by :func:`snap_points`: the nearest edge (STRtree), the
straight-line snap distance and the position along the edge (exact twins of an edge, e.g. a two-way
street digitised once per direction, are never snap targets, so points on the same street segment
share one edge). Network distance from a point is then
``snap distance + along-edge distance + graph distance``. :func:`point_to_point` computes it
exactly, even for points on the same edge, by inserting the snapped points as nodes.

The junction rule (:func:`snap_nodes`): a point whose snapped position lies within the node
tolerance of an end of its edge belongs to that graph node, not to the edge, so it is not cut off
when one of the streets meeting there fails; a point mid-street belongs to its own street.

Main API (stable)::

    net = build_network(lines, tolerance=0.5, cost_factor=None, keep=None)
    net.matrix(edge_mask=None)                 -> symmetric scipy CSR (cheapest parallel edge)
    net.components(edge_mask=None)             -> (n_components, label per node)
    snap = snap_points(net, points, max_distance=None, edge_mask=None)
    dist, src = multi_source_dijkstra(matrix, source_nodes, offsets=None, limit=None)
    res = point_to_point(net, sources_snap, targets_snap, edge_mask=None, limit=None)
    aug = insert_points(net, [snap_a, snap_b], edge_mask=None)  -> graph with the points as nodes
    sparse = distances_from_each(aug.matrix, source_nodes, target_nodes, limit, offsets=...,
                                 target_offsets=..., node_xy=aug.node_xy)  (local searches per source)

``edge_mask`` is always a boolean array over the edges (False = impassable, e.g. flooded);
``edge_line`` maps an edge back to its input line, so per-line results are ``np.bincount`` away.
"""

from dataclasses import dataclass, field
from typing import Optional

import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from .crs import is_wide_crs
from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel

DEFAULT_TOLERANCE = 0.5  # metres: vertices closer than this are the same node
NEAR_RADIUS = 30.0  # metres: first search radius when snapping points (exact either way)


@dataclass
class Network:
    """An undirected street graph. Edge arrays are parallel (one entry per edge)."""

    node_xy: np.ndarray  # (n_nodes, 2) node coordinates
    edge_u: np.ndarray  # start node of each edge (int64)
    edge_v: np.ndarray  # end node of each edge (int64)
    edge_length: np.ndarray  # metres, along the geometry
    edge_cost: np.ndarray  # length x cost factor of the input line
    edge_line: np.ndarray  # index of the input line the edge comes from
    edge_geom: np.ndarray  # shapely LineStrings from u to v
    report: dict = field(default_factory=dict)
    edge_primary: Optional[np.ndarray] = None  # False for an exact parallel twin (same nodes, same length) of an earlier edge
    edge_scale: Optional[np.ndarray] = None  # metres per planar unit along each edge (geodesic / planar; None = 1: local)
    _tree: object = None

    @property
    def n_nodes(self):
        return len(self.node_xy)

    @property
    def n_edges(self):
        return len(self.edge_u)

    def snap_tree(self):
        """``(STRtree, edge index per tree item)`` over the primary edges (built once)."""
        if self._tree is None:
            idx = np.flatnonzero(self.primary())
            self._tree = (shapely.STRtree(self.edge_geom[idx]), idx)
        return self._tree

    def primary(self):
        if self.edge_primary is None:
            return np.ones(self.n_edges, dtype=bool)
        return self.edge_primary

    def matrix(self, edge_mask=None):
        """The graph as a CSR matrix of costs (upper/lower symmetric, cheapest parallel edge only).

        ``edge_mask``: boolean per edge, False = impassable (left out).
        """
        keep = self.edge_u != self.edge_v
        if edge_mask is not None:
            keep &= np.asarray(edge_mask, dtype=bool)
        return graph_matrix(self.edge_u[keep], self.edge_v[keep], self.edge_cost[keep], self.n_nodes)

    def components(self, edge_mask=None):
        """``(n_components, label per node)`` of the (masked) graph."""
        return connected_components(self.matrix(edge_mask), directed=False)


def graph_matrix(u, v, cost, n):
    """Symmetric CSR matrix from undirected edges; duplicates keep the cheapest cost.

    Explicit zero costs are kept as edges (scipy's csgraph treats stored zeros as edges).
    """
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    cost = np.asarray(cost, dtype=float)
    a, b = np.minimum(u, v), np.maximum(u, v)
    order = np.lexsort((cost, b, a))
    a, b, cost = a[order], b[order], cost[order]
    first = np.ones(len(a), dtype=bool)
    if len(a) > 1:
        first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    a, b, cost = a[first], b[first], cost[first]
    rows = np.concatenate([a, b])
    cols = np.concatenate([b, a])
    data = np.concatenate([cost, cost])
    return coo_matrix((data, (rows, cols)), shape=(n, n)).tocsr()


def _cluster(xy, tolerance):
    """Cluster id per point: points within ``tolerance`` (transitively) share an id."""
    # distinct positions (lexsort is much faster than np.unique(axis=0))
    order = np.lexsort((xy[:, 1], xy[:, 0]))
    sxy = xy[order]
    new = np.ones(len(xy), dtype=bool)
    new[1:] = (sxy[1:, 0] != sxy[:-1, 0]) | (sxy[1:, 1] != sxy[:-1, 1])
    inverse = np.empty(len(xy), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    uniq = sxy[new]
    if tolerance and tolerance > 0 and len(uniq) > 1:
        pairs = cKDTree(uniq).query_pairs(r=tolerance, output_type="ndarray")
        if len(pairs):
            n = len(uniq)
            g = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
            _, lab = connected_components(g, directed=False)
            return lab[inverse], lab.max() + 1, uniq, lab
    lab = np.arange(len(uniq))
    return inverse, len(uniq), uniq, lab


def build_network(lines, tolerance=DEFAULT_TOLERANCE, cost_factor=None, keep=None, feedback=None, crs=None):
    """Build a :class:`Network` from line geometries in a metric CRS.

    ``crs``: that CRS; in the equal-area one chosen for wide extents (:func:`crs.is_wide_crs`) edge
    lengths are geodesic, and snapping positions are scaled to them.

    ``lines``: shapely (Multi)LineStrings; multi-part lines are split into their parts (the
    parts keep the input index). ``tolerance``: snapping distance in metres for joining vertices.
    ``cost_factor``: optional per-line multiplier of the length (NaN or <= 0 means impassable).
    ``keep``: optional boolean per line; False lines are ignored (indices still refer to ``lines``).

    ``report``: ``lines`` used, ``skipped_lines`` (empty / not lines / not kept), ``zero_length``
    edges dropped, ``duplicates`` (parallel edges merged in the matrix), ``self_loops``.
    """
    lines = np.asarray(lines, dtype=object)
    n_in = len(lines)
    use = np.ones(n_in, dtype=bool)
    if keep is not None:
        use &= np.asarray(keep, dtype=bool)
    valid = ~(shapely.is_missing(lines) | shapely.is_empty(lines))
    valid[valid] = np.isin(shapely.get_type_id(lines[valid]), (1, 2, 5))
    factor = np.ones(n_in) if cost_factor is None else np.asarray(cost_factor, dtype=float)
    use &= valid & np.isfinite(factor) & (factor > 0)
    report = {"lines": int(use.sum()), "skipped_lines": int(n_in - use.sum())}
    idx_in = np.flatnonzero(use)
    parts, part_owner = shapely.get_parts(lines[idx_in], return_index=True)
    part_line = idx_in[part_owner]
    # LinearRings -> LineStrings for uniform handling
    coords, vpart = shapely.get_coordinates(parts, return_index=True)
    check_cancel(feedback)
    if len(coords) == 0:
        report.update(zero_length=0, duplicates=0, self_loops=0)
        return Network(np.zeros((0, 2)), *(np.zeros(0, dtype=np.int64),) * 2, np.zeros(0), np.zeros(0),
                       np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object), report)
    cid, n_clusters, uniq, lab = _cluster(coords, tolerance)
    # cluster coordinates: the mean of the distinct positions merged into it
    cxy = np.zeros((n_clusters, 2))
    np.add.at(cxy, lab, uniq)
    cxy /= np.bincount(lab, minlength=n_clusters)[:, None]
    nv = len(coords)
    first_v = np.ones(nv, dtype=bool)
    first_v[1:] = vpart[1:] != vpart[:-1]
    last_v = np.ones(nv, dtype=bool)
    last_v[:-1] = vpart[1:] != vpart[:-1]
    # a cluster is a node if it is an end point or visited by more than one line / twice by one
    is_node_c = np.zeros(n_clusters, dtype=bool)
    is_node_c[cid[first_v | last_v]] = True
    # distinct (cluster, part) visits; consecutive repeats inside a part count once
    dup_consec = np.zeros(nv, dtype=bool)
    dup_consec[1:] = (cid[1:] == cid[:-1]) & (vpart[1:] == vpart[:-1])
    visits = np.bincount(cid[~dup_consec], minlength=n_clusters)
    is_node_c |= visits > 1
    check_cancel(feedback)
    # segments: vertex i -> i+1 within a part
    s0 = np.flatnonzero(~last_v)
    s1 = s0 + 1
    seg_len = np.hypot(*(coords[s1] - coords[s0]).T)
    planar_len = seg_len
    if crs is not None and is_wide_crs(crs) and len(s0):
        from .geometry import lengths

        seg_len = lengths(shapely.linestrings(np.stack([coords[s0], coords[s1]], axis=1)), crs)
    seg_part = vpart[s0]
    # a new edge starts at each segment whose start vertex is a node
    starts_edge = is_node_c[cid[s0]]
    seg_edge = np.cumsum(starts_edge) - 1
    n_edges = int(seg_edge[-1] + 1) if len(seg_edge) else 0
    edge_len = np.bincount(seg_edge, weights=seg_len, minlength=n_edges)
    edge_planar = np.bincount(seg_edge, weights=planar_len, minlength=n_edges) if planar_len is not seg_len else None
    first_seg = np.flatnonzero(starts_edge)
    last_seg = np.r_[first_seg[1:] - 1, len(s0) - 1]
    edge_u = cid[s0[first_seg]].astype(np.int64)
    edge_v = cid[s1[last_seg]].astype(np.int64)
    edge_part = seg_part[first_seg]
    edge_line = part_line[edge_part].astype(np.int64)
    # geometry: start vertices of the edge's segments plus the end vertex of its last segment
    pts = np.concatenate([coords[s0], coords[s1[last_seg]]])
    owner = np.concatenate([seg_edge, np.arange(n_edges)])
    rank = np.concatenate([np.arange(len(s0)), last_seg + 0.5])
    order = np.lexsort((rank, owner))
    geoms = shapely.linestrings(pts[order], indices=owner[order]) if n_edges else np.zeros(0, dtype=object)
    check_cancel(feedback)
    # drop zero-length edges (collapsed by snapping or degenerate input)
    zero = (edge_len <= 0) | ((edge_u == edge_v) & (edge_len <= 2 * max(tolerance or 0, 0)))
    report["zero_length"] = int(zero.sum())
    ok = ~zero
    edge_u, edge_v, edge_len, edge_line, geoms = edge_u[ok], edge_v[ok], edge_len[ok], edge_line[ok], geoms[ok]
    scale = None
    if edge_planar is not None:
        edge_planar = edge_planar[ok]
        scale = np.divide(edge_len, edge_planar, out=np.ones_like(edge_len), where=edge_planar > 0)
    # renumber nodes so that only clusters used by edges remain
    used, inv = np.unique(np.concatenate([edge_u, edge_v]), return_inverse=True)
    m = len(edge_u)
    edge_u, edge_v = inv[:m].astype(np.int64), inv[m:].astype(np.int64)
    node_xy = cxy[used]
    loops = edge_u == edge_v
    a, b = np.minimum(edge_u, edge_v)[~loops], np.maximum(edge_u, edge_v)[~loops]
    n_pairs = len(np.unique(a * max(len(node_xy), 1) + b)) if len(a) else 0
    report["duplicates"] = int(len(a) - n_pairs)
    report["self_loops"] = int(loops.sum())
    cost = edge_len * factor[edge_line]
    # exact twins (a two-way street digitised once per direction): points snap to the first only,
    # so that two points on the same street segment are always on the same edge
    key_a, key_b = np.minimum(edge_u, edge_v), np.maximum(edge_u, edge_v)
    rounded = np.round(edge_len, 3)
    order = np.lexsort((np.arange(len(edge_u)), rounded, key_b, key_a))
    same = np.zeros(len(order), dtype=bool)
    if len(order) > 1:
        same[1:] = ((key_a[order][1:] == key_a[order][:-1]) & (key_b[order][1:] == key_b[order][:-1])
                    & (rounded[order][1:] == rounded[order][:-1]))
    primary = np.ones(len(edge_u), dtype=bool)
    primary[order[same]] = False
    return Network(node_xy, edge_u, edge_v, edge_len, cost, edge_line, geoms, report, primary, scale)


@dataclass
class Snap:
    """Where points attach to the network (one entry per point; ``edge`` = -1 if not snapped)."""

    edge: np.ndarray  # edge index or -1 (no edge within max_distance, or no geometry)
    distance: np.ndarray  # straight-line snap distance in metres (NaN if not snapped)
    along: np.ndarray  # metres from the edge's u end along its geometry
    cost_to_u: np.ndarray  # cost from the snapped position to edge_u
    cost_to_v: np.ndarray  # cost from the snapped position to edge_v
    point: np.ndarray  # the snapped position (shapely Points)

    @property
    def snapped(self):
        return self.edge >= 0


def snap_points(net, points, max_distance=None, edge_mask=None):
    """Attach points to their nearest (passable) edge.

    ``points``: shapely points (other geometries use their centroid... callers should pass points).
    ``max_distance``: points farther than this from every edge are not snapped (``edge`` = -1).
    ``edge_mask``: boolean per edge, False = not a candidate (e.g. a flooded street).
    Exact parallel twins (``edge_primary`` False) are never candidates: their first copy is used.
    """
    points = np.asarray(points, dtype=object)
    n = len(points)
    edge = np.full(n, -1, dtype=np.int64)
    dist = np.full(n, np.nan)
    along = np.full(n, np.nan)
    cu = np.full(n, np.nan)
    cv = np.full(n, np.nan)
    snapped_pt = np.full(n, None, dtype=object)
    if n == 0 or net.n_edges == 0:
        return Snap(edge, dist, along, cu, cv, snapped_pt)
    if edge_mask is None:
        tree, allowed = net.snap_tree()
    else:
        allowed = np.flatnonzero(net.primary() & np.asarray(edge_mask, dtype=bool))
        tree = shapely.STRtree(net.edge_geom[allowed])
    ok = ~(shapely.is_missing(points) | shapely.is_empty(points))
    if not ok.any() or len(allowed) == 0:
        return Snap(edge, dist, along, cu, cv, snapped_pt)
    idx_ok = np.flatnonzero(ok)
    md = None if max_distance is None or not np.isfinite(max_distance) else float(max_distance)
    pi, ei, d = _nearest(tree, points[idx_ok], md)
    ei = allowed[ei]
    target = idx_ok[pi]
    edge[target] = ei
    dist[target] = d
    g = net.edge_geom[ei]
    scale = 1.0 if net.edge_scale is None else net.edge_scale[ei]
    pos = shapely.line_locate_point(g, points[target]) * scale
    length = net.edge_length[ei]
    pos = np.clip(pos, 0.0, length)
    along[target] = pos
    frac = np.divide(pos, length, out=np.zeros_like(pos), where=length > 0)
    cu[target] = frac * net.edge_cost[ei]
    cv[target] = (1.0 - frac) * net.edge_cost[ei]
    snapped_pt[target] = shapely.line_interpolate_point(g, pos / scale)
    return Snap(edge, dist, along, cu, cv, snapped_pt)


def snap_nodes(net, snap, tolerance=DEFAULT_TOLERANCE):
    """The junction rule: ``(node, cost)`` per snapped point.

    ``node`` is the graph node a point belongs to when its snapped position lies within
    ``tolerance`` metres (along its edge) of one of the edge's ends, else -1 (the point is
    mid-street and belongs to its edge); ``cost`` is the cost from the snapped position to that node
    (0 where ``node`` is -1).
    """
    n = len(snap.edge)
    node = np.full(n, -1, dtype=np.int64)
    cost = np.zeros(n)
    ok = np.flatnonzero(snap.edge >= 0)
    if len(ok) == 0:
        return node, cost
    e = snap.edge[ok]
    along = snap.along[ok]
    to_v = net.edge_length[e] - along
    tol = max(float(tolerance or 0.0), 0.0)
    at_u = (along <= tol) & (along <= to_v)
    at_v = ~at_u & (to_v <= tol)
    node[ok[at_u]] = net.edge_u[e[at_u]]
    node[ok[at_v]] = net.edge_v[e[at_v]]
    cost[ok[at_u]] = snap.cost_to_u[ok[at_u]]
    cost[ok[at_v]] = snap.cost_to_v[ok[at_v]]
    return node, cost


def _nearest(tree, points, max_distance, radius=NEAR_RADIUS):
    """Nearest tree item per point: ``(point index, item index, distance)``, within ``max_distance``.

    Fast path: candidates from a box query of ``radius`` metres and vectorised distances; a point
    whose best candidate lies within ``radius`` has its true nearest item among the candidates
    (anything nearer would have been in the box). The others use ``STRtree.query_nearest``.
    Ties go to the lowest item index.
    """
    n = len(points)
    best_i = np.full(n, -1, dtype=np.int64)
    best_d = np.full(n, np.inf)
    if n:
        b = shapely.bounds(points)
        boxes = shapely.box(b[:, 0] - radius, b[:, 1] - radius, b[:, 2] + radius, b[:, 3] + radius)
        pi, ti = tree.query(boxes)
        if len(pi):
            dd = shapely.distance(points[pi], tree.geometries[ti])
            order = np.lexsort((ti, dd, pi))
            pi, ti, dd = pi[order], ti[order], dd[order]
            first = np.ones(len(pi), dtype=bool)
            first[1:] = pi[1:] != pi[:-1]
            close = first & (dd <= radius)
            best_i[pi[close]] = ti[close]
            best_d[pi[close]] = dd[close]
    rest = np.flatnonzero(best_i < 0)
    if len(rest) and (max_distance is None or max_distance > radius):
        (qi, ti), dd = tree.query_nearest(points[rest], max_distance=max_distance, return_distance=True, all_matches=True)
        order = np.lexsort((ti, dd, qi))
        qi, ti, dd = qi[order], ti[order], dd[order]
        first = np.ones(len(qi), dtype=bool)
        first[1:] = qi[1:] != qi[:-1]
        best_i[rest[qi[first]]] = ti[first]
        best_d[rest[qi[first]]] = dd[first]
    if max_distance is not None:
        best_i[best_d > max_distance] = -1
    found = np.flatnonzero(best_i >= 0)
    return found, best_i[found], best_d[found]


def multi_source_dijkstra(matrix, source_nodes, offsets=None, limit=None):
    """Shortest distance from the nearest of several sources to every node.

    ``matrix`` must be symmetric (as :func:`graph_matrix` and :meth:`Network.matrix` build it).

    ``source_nodes``: node indices; ``offsets``: optional start cost per source (e.g. its snap
    distance), handled exactly with one pendant node per source. ``limit``: stop searching beyond
    this cost (nodes farther get ``inf``). Returns ``(dist, nearest)`` per node of ``matrix``:
    the cost and the index *into* ``source_nodes`` of the nearest source (-1 if unreachable).
    """
    source_nodes = np.asarray(source_nodes, dtype=np.int64)
    n = matrix.shape[0]
    if len(source_nodes) == 0:
        return np.full(n, np.inf), np.full(n, -1, dtype=np.int64)
    lim = np.inf if limit is None else float(limit)
    if offsets is not None and np.any(np.asarray(offsets) != 0):
        offsets = np.asarray(offsets, dtype=float)
        k = len(source_nodes)
        pend = np.arange(n, n + k)
        m = matrix.tocoo()
        # one matrix built at once: adding sparse matrices would drop explicit zero costs
        big = coo_matrix((np.concatenate([m.data, offsets, offsets]),
                          (np.concatenate([m.row, pend, source_nodes]), np.concatenate([m.col, source_nodes, pend]))),
                         shape=(n + k, n + k)).tocsr()
        dist, _, src = dijkstra(big, directed=True, indices=pend, min_only=True, limit=lim,
                                return_predecessors=True)
        dist, src = dist[:n], src[:n]
        nearest = np.where(src >= 0, src - n, -1)
    else:
        dist, _, src = dijkstra(matrix, directed=True, indices=source_nodes, min_only=True, limit=lim,
                                return_predecessors=True)
        # src holds node ids: map to the position in source_nodes (first one if repeated)
        lookup = np.full(n, -1, dtype=np.int64)
        lookup[source_nodes[::-1]] = np.arange(len(source_nodes))[::-1]
        nearest = np.where(src >= 0, lookup[np.maximum(src, 0)], -1)
    nearest = np.where(np.isfinite(dist), nearest, -1)
    return dist, nearest.astype(np.int64)


@dataclass
class AugmentedGraph:
    """The network with snapped points inserted as nodes (see :func:`insert_points`)."""

    matrix: object  # CSR over n_nodes + inserted nodes
    point_node: np.ndarray  # node index per point (-1 where the point was not snapped)
    n_base: int
    node_xy: Optional[np.ndarray] = None  # coordinates of every node (base nodes, then the snapped points)


def insert_points(net, snaps, edge_mask=None):
    """Split edges at snapped positions so that points become nodes of the graph.

    ``snaps``: a list of :class:`Snap`; the result's ``point_node`` concatenates their points in
    order. Points on the same edge are chained in order along it, so distances between points on
    one edge are exact. Edges not passable in ``edge_mask`` keep no points (snap with the same mask).
    """
    edge = np.concatenate([s.edge for s in snaps])
    along = np.concatenate([s.along for s in snaps])
    n = net.n_nodes
    passable = np.ones(net.n_edges, dtype=bool) if edge_mask is None else np.asarray(edge_mask, dtype=bool)
    keep = passable & (net.edge_u != net.edge_v)
    ok = edge >= 0
    idx = np.flatnonzero(ok)
    point_node = np.full(len(edge), -1, dtype=np.int64)
    point_node[idx] = n + np.arange(len(idx))
    e = edge[idx]
    a = along[idx]
    order = np.lexsort((a, e))
    e, a, nodes = e[order], a[order], point_node[idx][order]
    touched = np.unique(e)
    base = keep.copy()
    base[touched] = False  # replaced by chains (a touched loop edge is re-chained too)
    u_list = [net.edge_u[base]]
    v_list = [net.edge_v[base]]
    c_list = [net.edge_cost[base]]
    if len(e):
        length = net.edge_length[e]
        cost = net.edge_cost[e]
        scale = np.divide(cost, length, out=np.zeros_like(cost), where=length > 0)
        first = np.ones(len(e), dtype=bool)
        first[1:] = e[1:] != e[:-1]
        last = np.ones(len(e), dtype=bool)
        last[:-1] = e[1:] != e[:-1]
        # u -> first point on the edge
        u_list.append(net.edge_u[e[first]])
        v_list.append(nodes[first])
        c_list.append(a[first] * scale[first])
        # consecutive points on the same edge
        mid = ~last
        u_list.append(nodes[mid])
        v_list.append(nodes[1:][mid[:-1]] if len(e) > 1 else nodes[:0])
        c_list.append((a[1:][mid[:-1]] - a[:-1][mid[:-1]]) * scale[:-1][mid[:-1]] if len(e) > 1 else a[:0])
        # last point -> v
        u_list.append(nodes[last])
        v_list.append(net.edge_v[e[last]])
        c_list.append((length[last] - a[last]) * scale[last])
        # passable only if the edge itself is
        if not passable[e].all():
            raise ValueError("points were snapped to impassable edges; snap with the same edge_mask")
    total = n + len(idx)
    mat = graph_matrix(np.concatenate(u_list), np.concatenate(v_list), np.maximum(np.concatenate(c_list), 0.0), total)
    pts = np.concatenate([s.point for s in snaps])[idx]
    xy = np.vstack([net.node_xy, shapely.get_coordinates(pts.astype(object)) if len(idx) else np.zeros((0, 2))])
    return AugmentedGraph(mat, point_node, n, xy)


@dataclass
class PointDistances:
    """Network distance from the nearest source to each target (see :func:`point_to_point`)."""

    distance: np.ndarray  # target snap + graph + source snap, in cost units (inf if unreachable)
    nearest: np.ndarray  # index of the nearest source (-1 if none reachable / not snapped)
    graph: AugmentedGraph
    node_dist: np.ndarray  # cost per node of ``graph.matrix`` (for service areas)


def point_to_point(net, sources, targets, edge_mask=None, limit=None, snap_cost=1.0,
                   source_ok=None):
    """Distances from the nearest source point to every target point, over the network.

    ``sources`` / ``targets``: :class:`Snap` results (snapped with the same ``edge_mask``).
    The straight-line snap distances of both ends are added as ``snap_cost`` x metres (1 for a
    cost in metres; 3.6 / speed for seconds). ``source_ok``: optional boolean per source (False =
    closed / full). ``limit`` in cost units. One multi-source Dijkstra for all sources.
    """
    aug = insert_points(net, [sources, targets], edge_mask)
    ns = len(sources.edge)
    s_nodes = aug.point_node[:ns]
    t_nodes = aug.point_node[ns:]
    usable = s_nodes >= 0
    if source_ok is not None:
        usable &= np.asarray(source_ok, dtype=bool)
    s_idx = np.flatnonzero(usable)
    offsets = sources.distance[s_idx] * snap_cost
    dist_n, near_n = multi_source_dijkstra(aug.matrix, s_nodes[s_idx], offsets, limit)
    nt = len(t_nodes)
    dist = np.full(nt, np.inf)
    nearest = np.full(nt, -1, dtype=np.int64)
    ok = t_nodes >= 0
    dist[ok] = dist_n[t_nodes[ok]] + targets.distance[ok] * snap_cost
    nn = near_n[t_nodes[ok]]
    ext = np.append(s_idx, -1)
    nearest[ok] = ext[np.where(nn >= 0, nn, len(s_idx))]
    if limit is not None:
        beyond = dist > limit
        dist[beyond] = np.inf
        nearest[beyond] = -1
    return PointDistances(dist, nearest, aug, dist_n)


def distances_from_each(aug_matrix, source_nodes, target_nodes, limit, offsets=None, chunk=16,
                        feedback=None, target_offsets=None, node_xy=None):
    """Sparse ``(n_sources, n_targets)`` matrix of the targets within ``limit`` of each source
    (one limited Dijkstra per source, in chunks). Used for reach counts and site selection.

    ``offsets`` / ``target_offsets``: start cost per source / end cost per target (e.g. the snap
    distances), included in the comparison with ``limit``. ``node_xy`` (coordinates per node, with
    costs in metres): sources are processed in spatial chunks and each chunk searches only the
    nodes within ``limit`` (straight line, a lower bound of the network distance) of its
    sources, which makes thousands of local searches on a large graph fast. Stored values are
    the total cost + 1e-9 (so that a zero distance is still stored); subtract if needed.
    """
    from scipy.sparse import csr_matrix

    limit = float(limit)
    source_nodes = np.asarray(source_nodes, dtype=np.int64)
    target_nodes = np.asarray(target_nodes, dtype=np.int64)
    ns, nt = len(source_nodes), len(target_nodes)
    offsets = np.zeros(ns) if offsets is None else np.nan_to_num(np.asarray(offsets, dtype=float))
    t_off = np.zeros(nt) if target_offsets is None else np.asarray(target_offsets, dtype=float)
    valid_t = (target_nodes >= 0) & np.isfinite(t_off)
    n_nodes = aug_matrix.shape[0]
    # node -> target columns (several targets may share a node)
    tcols = np.flatnonzero(valid_t)
    good_s = np.flatnonzero(source_nodes >= 0)
    if node_xy is not None and len(good_s):
        cell = max(limit, 1.0)
        key = np.floor(node_xy[source_nodes[good_s]] / cell).astype(np.int64)
        order = good_s[np.lexsort((key[:, 0], key[:, 1]))]
    else:
        order = good_s
    rows, cols, vals = [], [], []
    for start in range(0, len(order), chunk):
        check_cancel(feedback)
        src = order[start:start + chunk]
        if node_xy is not None:
            lo = node_xy[source_nodes[src]].min(axis=0) - limit
            hi = node_xy[source_nodes[src]].max(axis=0) + limit
            sel = np.flatnonzero((node_xy[:, 0] >= lo[0]) & (node_xy[:, 0] <= hi[0])
                                 & (node_xy[:, 1] >= lo[1]) & (node_xy[:, 1] <= hi[1]))
            graph = aug_matrix[sel][:, sel]
            local = np.full(n_nodes, -1, dtype=np.int64)
            local[sel] = np.arange(len(sel))
        else:
            graph = aug_matrix
            local = np.arange(n_nodes, dtype=np.int64)
        # the matrices built here are symmetric, so the directed search avoids scipy's
        # per-call conversion for undirected graphs
        d = dijkstra(graph, directed=True, indices=local[source_nodes[src]], limit=limit)
        tn = local[target_nodes[tcols]]
        inside = tn >= 0
        tc = tcols[inside]
        sub = d[:, tn[inside]]
        sub += offsets[src][:, None]
        sub += t_off[tc][None, :]
        r, c = np.nonzero(sub <= limit)
        rows.append(src[r])
        cols.append(tc[c])
        vals.append(sub[r, c] + 1e-9)
        if feedback is not None:
            feedback.setProgress(100.0 * min(start + chunk, len(order)) / max(len(order), 1))
    if not rows:
        return csr_matrix((ns, nt))
    return csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(ns, nt))


def require_lines(net):
    """Raise a clear error if the network has no usable edge."""
    if net.n_edges == 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The road layer holds no usable line: check that it contains lines with length."))
