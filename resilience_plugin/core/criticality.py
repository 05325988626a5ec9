"""Network criticality: who is cut off from hospitals / shelters when links fail, and which links matter.

The network comes from :mod:`network` (lines joined at shared end points / vertices). Demand points
and destinations are snapped to their nearest edge and inserted into the graph as nodes. The junction
rule (:func:`network.snap_nodes`): a point that snaps within the node tolerance of a graph node
belongs to the node (joined to it by a link that never fails), so it keeps its access while any street
of that junction is open; a point mid-street is inserted into its edge (a chain u - p1 - p2 - v) and
is cut off when its own street fails. Distances are network metres (times the line's cost factor)
including both snap distances.

Scenario (``failed`` lines): one Dijkstra from a virtual root joined to every destination, before
and after removing the failed lines' edges: ``dist_before``, ``dist_after``, ``isolated`` (no
destination reachable after, but one was before) and ``detour_ratio``.

Single-link criticality (each line failing alone, on the intact network):
- *isolated persons* from the bridges of the street graph and its 2-edge-connected components, with
  no shortest-path run per line: a DFS tree (scipy) gives subtree ranges in preorder; a tree edge
  is a bridge when no non-tree edge crosses its subtree boundary (random 64-bit labels of the non-tree
  edges XOR-ed over the subtree are zero); persons / destinations beyond a bridge are prefix-sum
  differences over the preorder. Removing a line that is not a bridge only cuts off the people on it
  (unless it holds every destination of its component). A line whose several non-bridge edges lie
  in one 2-edge-connected component is checked exactly with a connected-components run.
- *detour persons* only where needed: a line can lengthen trips only if it lies on the
  shortest-path tree of some demand. For those lines (the most loaded first, up to ``max_detour_lines``)
  the affected subtree is re-solved by a Dijkstra restricted to it, seeded from its boundary with
  the unchanged distances outside; every other line has no detour. The lines' subtrees are copied
  into the blocks of one local graph (up to :data:`BATCH_NODES` nodes) and solved by one Dijkstra
  per batch, not one per line.
"""

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, depth_first_order, dijkstra

from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel
from .network import build_network, require_lines, snap_nodes, snap_points

BATCH_NODES = 400_000  # subtree nodes per local Dijkstra of the detour re-solves (lines batched up to this)


# --- the graph with points inserted --------------------------------------------------------------
@dataclass
class PointGraph:
    """The network with snapped points as nodes; one entry per (augmented) edge."""

    n: int  # nodes: network nodes, then one per snapped point
    u: np.ndarray
    v: np.ndarray
    cost: np.ndarray
    base_edge: np.ndarray  # the network edge each augmented edge belongs to (-1: a point's link to its junction)
    point_node: np.ndarray  # node per point (-1 where not snapped), points of all snaps in order


def insert_points_labelled(net, snaps, tolerance=0.0):
    """Like :func:`network.insert_points`, but keeps every edge (parallel ones too) with its network edge.

    Points at a junction (the junction rule, ``tolerance``) are not inserted into their edge: their
    node hangs from the junction's node by a link of their along-edge cost that belongs to no line.
    """
    edge = np.concatenate([s.edge for s in snaps])
    along = np.concatenate([s.along for s in snaps])
    at = [snap_nodes(net, s, tolerance) for s in snaps]
    at_node = np.concatenate([a[0] for a in at])
    at_cost = np.concatenate([a[1] for a in at])
    n0 = net.n_nodes
    ok = edge >= 0
    idx = np.flatnonzero(ok)
    point_node = np.full(len(edge), -1, dtype=np.int64)
    point_node[idx] = n0 + np.arange(len(idx))
    hang = idx[at_node[idx] >= 0]
    idx = idx[at_node[idx] < 0]
    e, a, nodes = edge[idx], along[idx], point_node[idx]
    order = np.lexsort((a, e))
    e, a, nodes = e[order], a[order], nodes[order]
    base = np.ones(net.n_edges, dtype=bool)
    base[np.unique(e)] = False
    us, vs, cs, es = [net.edge_u[base]], [net.edge_v[base]], [net.edge_cost[base]], [np.flatnonzero(base)]
    if len(e):
        length = net.edge_length[e]
        scale = np.divide(net.edge_cost[e], length, out=np.zeros(len(e)), where=length > 0)
        first = np.r_[True, e[1:] != e[:-1]]
        last = np.r_[e[1:] != e[:-1], True]
        us.append(net.edge_u[e[first]])
        vs.append(nodes[first])
        cs.append(a[first] * scale[first])
        es.append(e[first])
        mid = ~last
        nxt = np.flatnonzero(mid) + 1
        us.append(nodes[mid])
        vs.append(nodes[nxt])
        cs.append((a[nxt] - a[mid]) * scale[mid])
        es.append(e[mid])
        us.append(nodes[last])
        vs.append(net.edge_v[e[last]])
        cs.append((length[last] - a[last]) * scale[last])
        es.append(e[last])
    us.append(at_node[hang])
    vs.append(point_node[hang])
    cs.append(at_cost[hang])
    es.append(np.full(len(hang), -1, dtype=np.int64))
    return PointGraph(n0 + int(ok.sum()), np.concatenate(us).astype(np.int64), np.concatenate(vs).astype(np.int64),
                      np.maximum(np.concatenate(cs), 0.0), np.concatenate(es).astype(np.int64), point_node)


def _directed_matrix(n, u, v, cost, extra_rows=(), extra_cols=(), extra_cost=()):
    """CSR with both directions of every edge plus one-way extra edges; parallel entries keep the cheapest."""
    rows = np.concatenate([u, v, np.asarray(extra_rows, dtype=np.int64)])
    cols = np.concatenate([v, u, np.asarray(extra_cols, dtype=np.int64)])
    data = np.concatenate([cost, cost, np.asarray(extra_cost, dtype=float)])
    keep = rows != cols
    rows, cols, data = rows[keep], cols[keep], data[keep]
    order = np.lexsort((data, cols, rows))
    rows, cols, data = rows[order], cols[order], data[order]
    first = np.r_[True, (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])] if len(rows) else np.zeros(0, bool)
    return csr_matrix((data[first], (rows[first], cols[first])), shape=(n, n))


def root_distances(graph, edge_ok, dest_nodes, dest_offsets, predecessors=False):
    """Cost from the nearest destination to every node (virtual root = node ``graph.n``)."""
    keep = edge_ok & (graph.u != graph.v)
    good = dest_nodes >= 0
    n = graph.n + 1
    m = _directed_matrix(n, graph.u[keep], graph.v[keep], graph.cost[keep],
                         np.full(int(good.sum()), graph.n), dest_nodes[good], dest_offsets[good])
    if predecessors:
        dist, pred = dijkstra(m, directed=True, indices=graph.n, return_predecessors=True)
        return dist, pred, m
    return dijkstra(m, directed=True, indices=graph.n), None, m


# --- trees, preorder ranges --------------------------------------------------------------------
def _preorder(parent_csr, root, n):
    """DFS preorder of a tree / graph from ``root``: ``(order, pred, tin, size)``; unreached nodes get tin -1."""
    order, pred = depth_first_order(parent_csr, root, directed=False, return_predecessors=True)
    tin = np.full(n, -1, dtype=np.int64)
    tin[order] = np.arange(len(order))
    size = [1] * n
    pl = pred.tolist()
    for x in order[::-1].tolist():  # one pass over the nodes (subtree sizes); O(n), no per-feature work
        p = pl[x]
        if p >= 0:
            size[p] += size[x]
    return order, pred, tin, np.asarray(size, dtype=np.int64)


def _prefix(values, order):
    return np.concatenate([[0], np.cumsum(np.asarray(values)[order])])


# --- bridges ------------------------------------------------------------------------------------
@dataclass
class BridgeInfo:
    is_bridge: np.ndarray  # per edge
    child: np.ndarray  # per edge: the child node of the DFS tree edge (-1 for non-tree edges)
    tin: np.ndarray
    size: np.ndarray
    order: np.ndarray
    comp: np.ndarray  # connected component per node
    ecc: np.ndarray  # 2-edge-connected component per node
    label: np.ndarray  # cut-space label per edge (uint64)


def find_bridges(n, u, v, seed=20240601):
    """Bridges of an undirected multigraph (parallel edges are never bridges, self-loops neither)."""
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    ne = len(u)
    loop = u == v
    simple = _directed_matrix(n, u[~loop], v[~loop], np.ones(int((~loop).sum())))
    ncomp, comp = connected_components(simple, directed=False)
    roots = np.unique(comp, return_index=True)[1]
    # a super root joins one node of every component, so one DFS covers the forest
    big = _directed_matrix(n + 1, u[~loop], v[~loop], np.ones(int((~loop).sum())),
                           np.full(len(roots), n), roots, np.ones(len(roots)))
    order, pred, tin, size = _preorder(big, n, n + 1)
    child = np.full(ne, -1, dtype=np.int64)
    cand = np.where(pred[v] == u, v, np.where(pred[u] == v, u, -1))
    cand[loop] = -1
    ok = np.flatnonzero(cand >= 0)
    _, first = np.unique(cand[ok], return_index=True)
    child[ok[first]] = cand[ok[first]]
    tree = child >= 0
    rng = np.random.default_rng(seed)
    label = rng.integers(1, np.iinfo(np.int64).max, size=ne, dtype=np.int64).view(np.uint64)
    x = np.zeros(n + 1, dtype=np.uint64)
    nt = ~tree & ~loop
    np.bitwise_xor.at(x, u[nt], label[nt])
    np.bitwise_xor.at(x, v[nt], label[nt])
    cum = np.concatenate([[np.uint64(0)], np.bitwise_xor.accumulate(x[order])])
    is_bridge = np.zeros(ne, dtype=bool)
    c = child[tree]
    # cut-space labels: a non-tree edge keeps its random label, a tree edge gets the XOR of the labels
    # of the non-tree edges crossing its subtree; a set of edges splits the graph iff its labels are
    # linearly dependent over GF(2) (a bridge alone: label 0)
    edge_label = np.where(nt, label, np.uint64(0))
    edge_label[tree] = cum[tin[c] + size[c]] ^ cum[tin[c]]
    is_bridge[tree] = edge_label[tree] == 0
    keep = ~is_bridge & ~loop
    rest = _directed_matrix(n, u[keep], v[keep], np.ones(int(keep.sum())))
    _, ecc = connected_components(rest, directed=False)
    return BridgeInfo(is_bridge, child, tin, size, order, comp, ecc, edge_label)


# --- single-line isolation -----------------------------------------------------------------------
def single_line_isolation(n, u, v, edge_line, n_lines, persons_at_edge, dests_at_edge, feedback=None,
                          persons_at_node=None, dests_at_node=None):
    """Persons who lose every destination when each line alone fails (intact network otherwise).

    ``u, v``: network edges; ``edge_line``: line per edge; ``persons_at_edge`` / ``dests_at_edge``:
    persons (with access) and destinations snapped onto each edge (mid-street: lost with it);
    ``persons_at_node`` / ``dests_at_node``: those at a junction (the junction rule: lost only with
    the whole junction). Returns (isolated per line, info).
    """
    info = find_bridges(n, u, v)
    persons_at_edge = np.asarray(persons_at_edge, dtype=float)
    dests_at_edge = np.asarray(dests_at_edge, dtype=float)
    # points on an edge count at the edge's u node, points at a junction at their node
    p_node = np.bincount(u, weights=persons_at_edge, minlength=n + 1)[: n + 1]
    d_node = np.bincount(u, weights=dests_at_edge, minlength=n + 1)[: n + 1]
    if persons_at_node is not None:
        p_node[:n] += np.asarray(persons_at_node, dtype=float)[:n]
    if dests_at_node is not None:
        d_node[:n] += np.asarray(dests_at_node, dtype=float)[:n]
    p_pre = _prefix(p_node, info.order)
    d_pre = _prefix(d_node, info.order)
    ncomp = int(info.comp.max()) + 1 if n else 0
    comp_p = np.bincount(info.comp, weights=p_node[:n], minlength=ncomp)
    comp_d = np.bincount(info.comp, weights=d_node[:n], minlength=ncomp)

    def sub(arr, x):
        return arr[info.tin[x] + info.size[x]] - arr[info.tin[x]]

    iso = np.zeros(n_lines)
    counts = np.bincount(edge_line, minlength=n_lines)
    stats = {"bridges": int(info.is_bridge.sum()), "exact_checks": 0}
    # (1) lines made of one edge: fully vectorised
    single = counts[edge_line] == 1
    e = np.flatnonzero(single)
    own_p, own_d = persons_at_edge[e], dests_at_edge[e]
    c = info.comp[u[e]]
    res = own_p.copy()
    nb = ~info.is_bridge[e]
    lost_all = nb & (comp_d[c] - own_d <= 0)
    res[lost_all] += comp_p[c[lost_all]] - own_p[lost_all]
    b = ~nb
    if b.any():
        eb = e[b]
        x = info.child[eb]
        own_in_x = u[eb] == x
        px = sub(p_pre, x) - np.where(own_in_x, own_p[b], 0.0)
        dx = sub(d_pre, x) - np.where(own_in_x, own_d[b], 0.0)
        pr = comp_p[c[b]] - sub(p_pre, x) - np.where(own_in_x, 0.0, own_p[b])
        dr = comp_d[c[b]] - sub(d_pre, x) - np.where(own_in_x, 0.0, own_d[b])
        res[b] += np.where(dx <= 0, px, 0.0) + np.where(dr <= 0, pr, 0.0)
    iso[edge_line[e]] = res
    # (2) lines of several edges
    multi = np.flatnonzero(counts[edge_line] > 1)
    if len(multi):
        order = multi[np.argsort(edge_line[multi], kind="stable")]
        starts = np.flatnonzero(np.r_[True, edge_line[order][1:] != edge_line[order][:-1]])
        ends = np.r_[starts[1:], len(order)]
        for k, (s0, s1) in enumerate(zip(starts.tolist(), ends.tolist())):
            if k % 500 == 0:
                check_cancel(feedback)
            es = order[s0:s1]
            line = int(edge_line[es[0]])
            iso[line] = _multi_edge_line(es, info, u, v, n, p_node, d_node, p_pre, d_pre, comp_p, comp_d,
                                         persons_at_edge, dests_at_edge, stats)
    stats.pop("mult", None)
    return iso, info, stats


def _multi_edge_line(es, info, u, v, n, p_node, d_node, p_pre, d_pre, comp_p, comp_d, p_edge, d_edge, stats):
    br = es[info.is_bridge[es]]
    nbe = es[~info.is_bridge[es] & (u[es] != v[es])]
    own_p = float(p_edge[es].sum())
    if len(nbe) > 1 and len(np.unique(info.ecc[u[nbe]])) < len(nbe) and not labels_independent(info.label[nbe]):
        # the line's own non-bridge edges form a cut together (rare): count exactly
        stats["exact_checks"] += 1
        if "mult" not in stats:
            stats["mult"] = _multiplicity(n, u, v)
        return _exact_isolation(es, u, v, n, p_node, d_node, p_edge, d_edge, stats["mult"])
    # pieces: the component(s) of the line, cut at its bridges (nested preorder ranges)
    xs = info.child[br]
    xs = xs[np.argsort(info.tin[xs])]
    lo = info.tin[xs]
    hi = lo + info.size[xs]
    piece_p = (p_pre[hi] - p_pre[lo]).astype(float)
    piece_d = (d_pre[hi] - d_pre[lo]).astype(float)
    parent = np.asarray(nested_parents(lo.tolist(), hi.tolist()), dtype=np.int64)
    comps = np.unique(info.comp[u[es]])
    outer_p = {int(c): float(comp_p[c]) for c in comps}
    outer_d = {int(c): float(comp_d[c]) for c in comps}
    for i in range(len(xs)):
        if parent[i] >= 0:
            piece_p[parent[i]] -= (p_pre[hi[i]] - p_pre[lo[i]])
            piece_d[parent[i]] -= (d_pre[hi[i]] - d_pre[lo[i]])
        else:
            c = int(info.comp[xs[i]])
            outer_p[c] -= float(p_pre[hi[i]] - p_pre[lo[i]])
            outer_d[c] -= float(d_pre[hi[i]] - d_pre[lo[i]])
    # the line's own points leave the piece holding their u node
    for e in es.tolist():
        if p_edge[e] == 0 and d_edge[e] == 0:
            continue
        t = info.tin[u[e]]
        inner = np.flatnonzero((lo <= t) & (t < hi))
        if len(inner):
            j = inner[np.argmax(lo[inner])]
            piece_p[j] -= p_edge[e]
            piece_d[j] -= d_edge[e]
        else:
            c = int(info.comp[u[e]])
            outer_p[c] -= p_edge[e]
            outer_d[c] -= d_edge[e]
    total = own_p + float(piece_p[piece_d <= 1e-12].sum())
    total += sum(p for c, p in outer_p.items() if outer_d[c] <= 1e-12)
    return total


def nested_parents(lo, hi):
    """For nested (or disjoint) ranges ``[lo[j], hi[j])`` sorted by ``lo``: the index of the innermost
    range holding each one, -1 for none (one pass with a stack)."""
    parent, stack = [-1] * len(lo), []
    for j in range(len(lo)):
        while stack and not (lo[stack[-1]] <= lo[j] < hi[stack[-1]]):
            stack.pop()
        if stack:
            parent[j] = stack[-1]
        stack.append(j)
    return parent


def labels_independent(labels):
    """True when the 64-bit labels are linearly independent over GF(2) (Gaussian elimination)."""
    basis = {}  # highest bit -> basis vector
    for x in (int(v) for v in labels):
        while x:
            top = x.bit_length() - 1
            if top not in basis:
                basis[top] = x
                break
            x ^= basis[top]
        else:
            return False
    return True


def _multiplicity(n, u, v):
    """Symmetric CSR counting the edges between each pair of nodes (self-loops left out)."""
    ok = u != v
    rows = np.r_[u[ok], v[ok]]
    cols = np.r_[v[ok], u[ok]]
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))


def _exact_isolation(es, u, v, n, p_node, d_node, p_edge, d_edge, mult):
    """Persons cut off when the edges ``es`` go: connected components of the graph without them."""
    ok = u[es] != v[es]
    r = es[ok]
    removed = csr_matrix((np.ones(2 * len(r)), (np.r_[u[r], v[r]], np.r_[v[r], u[r]])), shape=(n, n))
    m = mult - removed
    m.eliminate_zeros()
    nc, lab = connected_components(m, directed=False)
    own_p_node = np.bincount(u[es], weights=p_edge[es], minlength=n)
    own_d_node = np.bincount(u[es], weights=d_edge[es], minlength=n)
    cp = np.bincount(lab, weights=p_node[:n] - own_p_node, minlength=nc)
    cd = np.bincount(lab, weights=d_node[:n] - own_d_node, minlength=nc)
    return float(p_edge[es].sum() + cp[cd <= 1e-12].sum())


# --- detours, only where needed ------------------------------------------------------------------
def _gather(indptr, rows):
    """Positions of the CSR entries of ``rows`` (concatenated row by row) and the row count of each."""
    starts = indptr[rows]
    counts = indptr[rows + 1] - starts
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64), counts
    first = np.cumsum(counts) - counts
    return np.repeat(starts - first, counts) + np.arange(total), counts


def _local_detours(batch, ranges, order, tin, graph, line_of_aug, inc, dist, dest_off, demand_at, demand_snap,
                   before, persons, detour_limit):
    """Detours of a batch of lines in one Dijkstra: every line's subtree is copied into its own block of
    a local graph (their nodes, the edges among them except the line's own), seeded from the nodes
    outside with their unchanged distances; one virtual root joins every block's seeds."""
    n = graph.n
    lo = np.concatenate([ranges[line][0] for line in batch])
    hi = np.concatenate([ranges[line][1] for line in batch])
    rl = np.repeat(np.arange(len(batch)), [len(ranges[line][0]) for line in batch])
    lines = np.asarray(batch, dtype=np.int64)
    size = hi - lo
    off = np.cumsum(size) - size
    m = int(size.sum())
    rng_of = np.repeat(np.arange(len(lo)), size)
    pos = lo[rng_of] + np.arange(m) - off[rng_of]
    node = order[pos]
    blk = rl[rng_of]
    # the edges at every block node, but the block's own line
    eidx, deg = _gather(inc.indptr, node)
    e = inc.indices[eidx]
    x = np.repeat(np.arange(m), deg)
    keep = line_of_aug[e] != lines[blk[x]]
    e, x = e[keep], x[keep]
    xn = node[x]
    other = np.where(graph.u[e] == xn, graph.v[e], graph.u[e])
    keep = other != xn
    e, x, other = e[keep], x[keep], other[keep]
    cost = graph.cost[e]
    # is the other end in the same block? (ranges sorted by block, then start)
    span = n + 2
    t_other = tin[other]
    j = np.searchsorted(rl * span + lo, blk[x] * span + t_other, side="right") - 1
    jj = np.maximum(j, 0)
    inside = (j >= 0) & (t_other >= 0) & (rl[jj] == blk[x]) & (t_other < hi[jj])
    local_other = off[jj] + t_other - lo[jj]
    # seeds: the edges from outside (their far end's distance is unchanged), destinations inside
    seed_x = x[~inside]
    seed_c = dist[other[~inside]] + cost[~inside]
    d_in = dest_off[node]
    has_d = np.isfinite(d_in)
    seed_x = np.r_[seed_x, np.flatnonzero(has_d)]
    seed_c = np.r_[seed_c, d_in[has_d]]
    fin = np.isfinite(seed_c)
    # rows are already in order (the block nodes' edges, then the root's seeds): the CSR is laid out
    # directly; repeated entries (parallel edges, several seeds of a node) stay, Dijkstra takes the cheapest
    rows = np.r_[x[inside], np.full(int(fin.sum()), m)]
    cols = np.r_[local_other[inside], seed_x[fin]]
    data = np.r_[cost[inside], seed_c[fin]]
    indptr = np.r_[0, np.cumsum(np.bincount(rows, minlength=m + 1))]
    local = csr_matrix((data, cols, indptr), shape=(m + 1, m + 1))
    dnew = dijkstra(local, directed=True, indices=m)[:m]
    dem = demand_at[node]
    has = dem >= 0
    di = dem[has]
    b = blk[has]
    after = dnew[has] + demand_snap[di]
    lost = ~np.isfinite(after)
    longer = ~lost & (after > before[di] * (1.0 + detour_limit) + 1e-9)
    k = len(batch)
    return (np.bincount(b[longer], weights=persons[di][longer], minlength=k),
            np.bincount(b[lost], weights=persons[di][lost], minlength=k))


def single_line_detours(graph, line_of_aug, n_lines, dist, pred, dest_nodes, dest_offsets, demand_nodes,
                        demand_snap, persons, detour_limit, max_lines=None, feedback=None, batch_nodes=None):
    """Persons whose trip grows by more than ``detour_limit`` (a fraction) when each line alone fails.

    Only lines on the shortest-path tree of some demand can lengthen a trip; for those, the subtree
    they carry is re-solved locally, many lines in one Dijkstra (blocks of up to ``batch_nodes``
    subtree nodes, :data:`BATCH_NODES` by default). Returns ``(detour, isolated_check, load, computed)``
    per line.
    """
    batch_nodes = BATCH_NODES if batch_nodes is None else batch_nodes
    n = graph.n
    root = n
    has_pred = pred[:n] >= 0
    kids = np.flatnonzero(has_pred)
    tree = csr_matrix((np.ones(len(kids)), (pred[kids], kids)), shape=(n + 1, n + 1))
    order, _, tin, size = _preorder(tree, root, n + 1)
    dem_ok = (demand_nodes >= 0) & np.isfinite(dist[np.maximum(demand_nodes, 0)])
    w = np.zeros(n + 1)
    np.add.at(w, demand_nodes[dem_ok], persons[dem_ok])
    w_pre = _prefix(w, order)
    # tree edges per line: augmented edges joining a node to its predecessor
    u, v = graph.u, graph.v
    child = np.where(pred[v] == u, v, np.where(pred[u] == v, u, -1))
    t = np.flatnonzero((child >= 0) & (line_of_aug >= 0))  # a point's link to its junction never fails
    t_line, t_child = line_of_aug[t], child[t]
    load = np.zeros(n_lines)
    srt = np.lexsort((tin[t_child], t_line))
    t_line, t_child = t_line[srt], t_child[srt]
    starts = np.flatnonzero(np.r_[True, t_line[1:] != t_line[:-1]]) if len(t_line) else np.zeros(0, np.int64)
    ends = np.r_[starts[1:], len(t_line)]
    ranges = {}
    for s0, s1 in zip(starts.tolist(), ends.tolist()):
        lo = tin[t_child[s0:s1]]
        hi = lo + size[t_child[s0:s1]]
        # union of nested / disjoint preorder ranges (sorted by start)
        keep = np.r_[True, lo[1:] >= np.maximum.accumulate(hi)[:-1]] if len(lo) > 1 else np.ones(len(lo), bool)
        lo, hi = lo[keep], hi[keep]
        line = int(t_line[s0])
        load[line] = float((w_pre[hi] - w_pre[lo]).sum())
        ranges[line] = (lo, hi)
    todo = np.flatnonzero(load > 0)
    todo = todo[np.argsort(-load[todo], kind="stable")]
    if max_lines is not None:
        todo = todo[:max_lines]
    # incidence: node -> augmented edges
    ne = len(u)
    inc = csr_matrix((np.ones(2 * ne), (np.r_[u, v], np.r_[np.arange(ne), np.arange(ne)])), shape=(n + 1, ne))
    dest_off = np.full(n + 1, np.inf)
    good = dest_nodes >= 0
    np.minimum.at(dest_off, dest_nodes[good], dest_offsets[good])
    demand_at = np.full(n + 1, -1, dtype=np.int64)
    demand_at[demand_nodes[dem_ok]] = np.flatnonzero(dem_ok)
    before = dist[np.maximum(demand_nodes, 0)] + demand_snap
    detour = np.zeros(n_lines)
    iso_check = np.zeros(n_lines)
    # lines in batches of about ``batch_nodes`` subtree nodes, one Dijkstra per batch
    todo_list = todo.tolist()
    sizes = np.array([int((ranges[line][1] - ranges[line][0]).sum()) for line in todo_list], dtype=np.int64)
    cuts = [0]
    acc = 0
    for i, s in enumerate(sizes.tolist()):
        if acc and acc + s > batch_nodes:
            cuts.append(i)
            acc = 0
        acc += s
    cuts.append(len(todo_list))
    for a, b in zip(cuts[:-1], cuts[1:]):
        if a == b:
            continue
        check_cancel(feedback)
        if feedback is not None:
            feedback.setProgress(60 + 35 * a / max(len(todo_list), 1))
        batch = todo_list[a:b]
        det, iso = _local_detours(batch, ranges, order, tin, graph, line_of_aug, inc, dist, dest_off, demand_at,
                                  demand_snap, before, persons, detour_limit)
        detour[batch] = det
        iso_check[batch] = iso
    computed = np.zeros(n_lines, dtype=bool)
    computed[todo] = True
    computed[load <= 0] = True
    return detour, iso_check, load, computed


# --- the whole analysis ------------------------------------------------------------------------------
@dataclass
class CriticalityResult:
    demand: dict  # per demand point: persons, dist_before_m, dist_after_m, isolated, detour_ratio, detour
    links: dict  # per line: isolated_persons, detour_persons, rank, load_persons, failed, detour_computed
    report: dict


def criticality(lines, demand_points, persons, destinations, *, failed=None, cost_factor=None, detour_limit=0.5,
                max_snap=500.0, tolerance=0.5, max_detour_lines=None, feedback=None, crs=None):
    """Scenario and single-link criticality of a line network (all geometries in one metric CRS).

    ``demand_points``: shapely points with ``persons``; ``destinations``: shapely points;
    ``failed``: boolean per line (the scenario; None = nothing fails); ``cost_factor``: per line;
    ``crs``: the metric CRS of the geometries (lengths are geodesic in the one for wide extents).
    """
    lines = np.asarray(lines, dtype=object)
    n_lines = len(lines)
    persons = np.nan_to_num(np.asarray(persons, dtype=float))
    demand_points = np.asarray(demand_points, dtype=object)
    destinations = np.asarray(destinations, dtype=object)
    if len(destinations) == 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "There are no destinations: give at least one hospital, shelter or other destination."))
    net = build_network(lines, tolerance=tolerance, cost_factor=cost_factor, feedback=feedback, crs=crs)
    require_lines(net)
    check_cancel(feedback, 10)
    dsnap = snap_points(net, destinations, max_distance=max_snap)
    psnap = snap_points(net, demand_points, max_distance=max_snap)
    if not dsnap.snapped.any():
        raise InputError(QT_TRANSLATE_NOOP("@default", "No destination lies within {d:g} m of the network: check the layers' positions or raise MAX_SNAP."), d=max_snap)
    graph = insert_points_labelled(net, [dsnap, psnap], tolerance)
    nd = len(destinations)
    dest_nodes = graph.point_node[:nd]
    dem_nodes = graph.point_node[nd:]
    dest_off = np.nan_to_num(dsnap.distance)
    line_of_aug = np.where(graph.base_edge >= 0, net.edge_line[np.maximum(graph.base_edge, 0)], -1)
    all_ok = np.ones(len(graph.u), dtype=bool)
    dist, pred, _ = root_distances(graph, all_ok, dest_nodes, dest_off, predecessors=True)
    check_cancel(feedback, 25)
    dsd = np.nan_to_num(psnap.distance)
    before = np.where(dem_nodes >= 0, dist[np.maximum(dem_nodes, 0)] + dsd, np.inf)
    reach = np.isfinite(before)
    if len(demand_points) and not reach.any():
        raise InputError(QT_TRANSLATE_NOOP("@default", "No destination can be reached from any demand over the network: the destinations lie on parts of the network that no demand is connected to (or no demand is within {d:g} m of the network)."),
                         d=max_snap)
    failed_line = np.zeros(n_lines, dtype=bool) if failed is None else np.asarray(failed, dtype=bool)
    if failed is not None:
        aug_failed = (line_of_aug >= 0) & failed_line[np.maximum(line_of_aug, 0)]
        after_d, _, _ = root_distances(graph, ~aug_failed, dest_nodes, dest_off)
        after = np.where(dem_nodes >= 0, after_d[np.maximum(dem_nodes, 0)] + dsd, np.inf)
    else:
        after = before.copy()
    isolated = reach & ~np.isfinite(after)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(reach & ~isolated, np.where(before > 0, after / before, 1.0), np.nan)
    detour_pt = reach & ~isolated & (ratio > 1.0 + detour_limit + 1e-12)
    check_cancel(feedback, 35)

    # single-link criticality on the intact network
    p_at, _ = snap_nodes(net, psnap, tolerance)
    d_at, _ = snap_nodes(net, dsnap, tolerance)
    mid = reach & (p_at < 0)
    p_edge = np.bincount(psnap.edge[mid], weights=persons[mid], minlength=net.n_edges)[: net.n_edges]
    p_node = np.bincount(p_at[reach & (p_at >= 0)], weights=persons[reach & (p_at >= 0)], minlength=net.n_nodes)[: net.n_nodes]
    d_mid = dsnap.snapped & (d_at < 0)
    d_edge = np.bincount(dsnap.edge[d_mid], minlength=net.n_edges)[: net.n_edges].astype(float)
    d_node = np.bincount(d_at[d_at >= 0], minlength=net.n_nodes)[: net.n_nodes].astype(float)
    iso_line, binfo, stats = single_line_isolation(net.n_nodes, net.edge_u, net.edge_v, net.edge_line, n_lines,
                                                   p_edge, d_edge, feedback, p_node, d_node)
    stats["points_at_junctions"] = int((p_at >= 0).sum() + (d_at >= 0).sum())
    check_cancel(feedback, 55)
    pers_pt = np.zeros(len(dem_nodes))
    pers_pt[reach] = persons[reach]
    det_line, iso_check, load, computed = single_line_detours(
        graph, line_of_aug, n_lines, dist, pred, dest_nodes, dest_off, dem_nodes, dsd, pers_pt, detour_limit,
        max_detour_lines, feedback)
    det = np.where(computed, det_line, np.nan)
    key_iso = np.round(iso_line, 6)
    key_det = np.nan_to_num(det, nan=-1.0)
    order = np.lexsort((-load, -key_det, -key_iso))
    rank = np.empty(n_lines, dtype=np.int64)
    rank[order] = np.arange(1, n_lines + 1)
    stats.update(edges=net.n_edges, nodes=net.n_nodes, network=net.report,
                 demand_unsnapped=int((~psnap.snapped).sum()), dest_unsnapped=int((~dsnap.snapped).sum()),
                 persons_unsnapped=float(persons[~psnap.snapped].sum()), persons_no_access=float(persons[~reach].sum()),
                 detour_lines=int((computed & (load > 0)).sum()), detour_skipped=int((~computed).sum()),
                 iso_check_max_diff=float(np.max(np.abs(iso_check - iso_line)[computed & (load > 0)], initial=0.0)))
    demand = {"persons": persons, "dist_before_m": np.where(reach, before, np.nan),
              "dist_after_m": np.where(np.isfinite(after), after, np.nan), "isolated": isolated,
              "detour_ratio": ratio, "detour": detour_pt, "reachable_before": reach}
    links = {"isolated_persons": iso_line, "detour_persons": det, "rank": rank, "load_persons": load,
             "failed": failed_line, "is_bridge_line": np.bincount(net.edge_line[binfo.is_bridge], minlength=n_lines)[:n_lines] > 0}
    return CriticalityResult(demand, links, stats)


# --- inputs --------------------------------------------------------------------------------------
def match_failed_segments(lines, failed_geoms, tolerance=1.0, share=0.5):
    """True for lines of which at least ``share`` of the length lies within ``tolerance`` m of a failed segment."""
    import shapely

    lines = np.asarray(lines, dtype=object)
    out = np.zeros(len(lines), dtype=bool)
    failed_geoms = np.asarray(failed_geoms, dtype=object)
    if len(lines) == 0 or len(failed_geoms) == 0:
        return out
    zones = shapely.buffer(failed_geoms, tolerance, cap_style="flat")
    shapely.prepare(zones)
    li, fj = shapely.STRtree(zones).query(lines, predicate="intersects")
    if len(li) == 0:
        return out
    inside = shapely.length(shapely.intersection(lines[li], zones[fj]))
    covered = np.minimum(np.bincount(li, weights=inside, minlength=len(lines)), shapely.length(lines))
    length = shapely.length(lines)
    out = covered >= share * np.maximum(length, 1e-9)
    return out
