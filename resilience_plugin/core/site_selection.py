"""Exact and robust site selection: maximal covering as a MILP (HiGHS), over one or several scenarios.

Maximal covering: choose at most ``k`` candidate sites to maximise the persons within the walking
limit of an existing facility or a chosen site. With ``a[j, i]`` = candidate ``j`` covers demand ``i``
and ``w[i]`` the persons not already covered::

    max  sum_i w_i y_i     s.t.  y_i <= sum_j a_ji x_j,  sum_j x_j <= k,  x binary,  0 <= y <= 1

solved with ``scipy.optimize.milp`` (HiGHS branch and bound), with a time limit; the optimality gap
(best bound vs. the plan found) is reported. Hazard scenarios (each blocks its own streets and puts its
own facilities and candidates out of service) give one coverage matrix each; the robust choice
maximises either the worst case over the scenarios (``z <= covered_s`` for every scenario) or the
probability-weighted expected coverage, with one ``y`` per scenario and demand.

Main API::

    cover, covered0 = coverage_matrix(net, facilities, facility_ok, demand, candidates, candidate_ok, limit_m, ...)
    res = max_covering([Scenario(cover, covered0)...], persons, k, objective="worst", time_limit=60)
    chosen, covered = greedy_covering(cover, weights, k)
    per_scenario = evaluate(scenarios, persons, chosen)
"""

from dataclasses import dataclass, field

import numpy as np

from . import network as nw
from .errors import QT_TRANSLATE_NOOP, InputError

OBJECTIVES = ("worst", "expected")


@dataclass
class Scenario:
    cover: object  # CSR (n_candidates, n_demand), nonzero = candidate covers the demand point in this scenario
    covered0: np.ndarray  # demand already covered by the existing facilities in this scenario
    probability: float = 1.0


def coverage_matrix(net, facilities, facility_ok, demand, candidates, candidate_ok, limit_m, *, edge_mask=None, max_snap_m=None,
                    feedback=None):
    """``(cover, covered0)`` for one scenario: which candidates reach which demand points within
    ``limit_m`` (walking metres on the network with ``edge_mask``), and which demand points an
    existing facility (``facility_ok``) already reaches. Candidates not ``candidate_ok`` cover nothing."""
    cover, covered0, _off = coverage_problem(net, facilities, facility_ok, demand, candidates, candidate_ok, limit_m,
                                                   edge_mask=edge_mask, max_snap_m=max_snap_m, feedback=feedback)
    return cover, covered0


def coverage_problem(net, facilities, facility_ok, demand, candidates, candidate_ok, limit_m, *, edge_mask=None, max_snap_m=None,
                     feedback=None):
    """:func:`coverage_matrix` and what could not be snapped to the network (within ``max_snap_m`` of a
    passable edge): ``{"candidates": count, "demand": boolean mask of the demand points}``."""
    from scipy.sparse import csr_matrix

    facilities = np.asarray(facilities, dtype=object)
    demand = np.asarray(demand, dtype=object)
    candidates = np.asarray(candidates, dtype=object)
    nf, nd, nc = len(facilities), len(demand), len(candidates)
    fs = nw.snap_points(net, facilities, max_distance=max_snap_m, edge_mask=edge_mask)
    ds = nw.snap_points(net, demand, max_distance=max_snap_m, edge_mask=edge_mask)
    cs = nw.snap_points(net, candidates, max_distance=max_snap_m, edge_mask=edge_mask)
    aug = nw.insert_points(net, [fs, ds, cs], edge_mask)
    f_nodes, d_nodes, c_nodes = aug.point_node[:nf], aug.point_node[nf:nf + nd], aug.point_node[nf + nd:]
    use_f = np.asarray(facility_ok, dtype=bool) & (f_nodes >= 0)
    covered0 = np.zeros(nd, dtype=bool)
    if use_f.any():
        dist_n, _ = nw.multi_source_dijkstra(aug.matrix, f_nodes[use_f], fs.distance[use_f], limit_m)
        ok = d_nodes >= 0
        covered0[ok] = dist_n[d_nodes[ok]] + ds.distance[ok] <= limit_m
    off = {"candidates": int((c_nodes < 0).sum()), "demand": ~np.asarray(ds.snapped, dtype=bool)}
    c_nodes = np.where(np.asarray(candidate_ok, dtype=bool), c_nodes, -1)
    if nc == 0:
        return csr_matrix((0, nd)), covered0, off
    sp = nw.distances_from_each(aug.matrix, c_nodes, d_nodes, limit_m, offsets=cs.distance, target_offsets=ds.distance,
                                feedback=feedback, node_xy=aug.node_xy)
    cover = sp.astype(bool).astype(np.int8).tocsr()
    return cover, covered0, off


@dataclass
class Selection:
    chosen: np.ndarray  # candidate indices
    objective: float  # persons: worst-case or expected coverage (including the existing cover)
    bound: float  # the solver's best bound on the objective
    gap_pct: float  # 100 x (bound - objective) / bound
    optimal: bool
    status: str
    report: dict = field(default_factory=dict)


def _scenario_weights(scenarios, persons):
    persons = np.asarray(persons, dtype=float)
    return [np.where(s.covered0, 0.0, persons) for s in scenarios], [float(persons[s.covered0].sum()) for s in scenarios]


def max_covering(scenarios, persons, k, *, objective="worst", time_limit=None, mip_rel_gap=1e-6, incumbent=None):
    """Choose at most ``k`` candidates maximising the worst-case or expected covered persons.

    ``incumbent``: a choice known beforehand (e.g. :func:`greedy_robust`'s). scipy's ``milp`` takes no
    starting solution, so when the solver stops at the time limit with a worse choice (or none), the
    incumbent is returned instead, with the solver's bound and the gap recomputed;
    ``report["incumbent_kept"]`` says so."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix, hstack, vstack

    if objective not in OBJECTIVES:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The objective must be 'worst' or 'expected'; got '{value}'."), value=objective)
    if k is None or k < 1:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Choose at least one site (MAX_NEW >= 1)."))
    if time_limit is not None and not time_limit > 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The time limit must be positive (seconds); got {value}."), value=time_limit)
    weights, base = _scenario_weights(scenarios, persons)
    nc = scenarios[0].cover.shape[0]
    probs = np.array([s.probability for s in scenarios], dtype=float)
    if objective == "expected":
        if (probs < 0).any() or probs.sum() <= 0:
            raise InputError(QT_TRANSLATE_NOOP("@default", "Scenario probabilities must be non-negative and not all zero."))
        probs = probs / probs.sum()
    # only demand a candidate can newly cover gets a y variable, one per set of covering candidates
    merged = [merge_same_cover(s.cover, w) for s, w in zip(scenarios, weights)]
    n_y = int(sum(a.shape[0] for a, _ in merged))
    worst = objective == "worst"
    n_var = nc + n_y + (1 if worst else 0)
    c = np.zeros(n_var)
    blocks, lo, hi = [], [], []
    offset = nc
    for s_i, (a, wy) in enumerate(merged):
        m = a.shape[0]
        # y - A x <= 0
        row = hstack([-a, csr_matrix((m, offset - nc)), _eye(m), csr_matrix((m, n_var - offset - m))])
        blocks.append(row)
        lo.append(np.full(m, -np.inf))
        hi.append(np.zeros(m))
        if worst:
            # z - sum w y <= base_s
            r = np.zeros((1, n_var))
            r[0, offset:offset + m] = -wy
            r[0, -1] = 1.0
            blocks.append(csr_matrix(r))
            lo.append([-np.inf])
            hi.append([base[s_i]])
        else:
            c[offset:offset + m] = -probs[s_i] * wy
        offset += m
    if worst:
        c[-1] = -1.0
    card = np.zeros((1, n_var))
    card[0, :nc] = 1.0
    blocks.append(csr_matrix(card))
    lo.append([0])
    hi.append([k])
    constraint = LinearConstraint(vstack(blocks).tocsr(), np.concatenate(lo), np.concatenate(hi))
    integrality = np.zeros(n_var)
    integrality[:nc] = 1
    upper = np.ones(n_var)
    if worst:
        upper[-1] = np.inf
    options = {"mip_rel_gap": mip_rel_gap}
    if time_limit:
        options["time_limit"] = float(time_limit)
    res = milp(c, constraints=constraint, integrality=integrality, bounds=Bounds(np.zeros(n_var), upper), options=options)

    chosen, per, value, kept = _solver_or_incumbent(scenarios, persons, probs, worst, res.x, nc, k, incumbent)
    if chosen is None:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The site selection found no solution within the time limit ({message}): raise "
                                           "TIME_LIMIT or use fewer candidates."), message=res.message)
    const = 0.0 if worst else float(probs @ np.asarray(base))
    bound = getattr(res, "mip_dual_bound", None)
    bound = value if bound is None or not np.isfinite(bound) else float(-bound) + const
    bound = max(bound, value)
    gap = 100.0 * (bound - value) / bound if bound > 0 else 0.0
    return Selection(chosen, value, bound, gap, res.status == 0 and not kept, str(res.message),
                     {"per_scenario": per, "base": np.asarray(base), "incumbent_kept": kept})


# demand points x candidates above which the rows are not merged (their bit table would pass 64 MB)
MERGE_CELLS = 512_000_000


def merge_same_cover(cover, weights):
    """``(A, w)``: one row of ``A`` (float CSR, rows x candidates) per set of candidates that covers some
    demand with weight > 0, and the summed weight of those demand points. Demand covered by the same
    candidates needs one ``y`` only: ``y_i <= sum_j a_ji x_j`` is the same constraint for all of them, so
    the programme (and its optimum) is the same with far fewer variables and rows."""
    from scipy.sparse import csr_matrix

    cover = cover.tocsc().astype(bool)
    cover.eliminate_zeros()
    col = np.flatnonzero((weights > 0) & (np.diff(cover.indptr) > 0))
    a = cover[:, col].T.tocsr()  # (demand, candidates)
    w = weights[col]
    n, nc = a.shape
    if n < 2 or n * nc > MERGE_CELLS:
        return a.astype(float), w
    step = max(1, 8_000_000 // max(nc, 1))  # rows unpacked at a time
    packed = np.concatenate([np.packbits(a[i:i + step].toarray(), axis=1) for i in range(0, n, step)])
    uniq, inverse = np.unique(packed, axis=0, return_inverse=True)
    merged = csr_matrix(np.unpackbits(uniq, axis=1, count=nc).astype(float))
    return merged, np.bincount(inverse.ravel(), weights=w, minlength=len(uniq))


def _solver_or_incumbent(scenarios, persons, probs, worst, x, nc, k, incumbent):
    """``(chosen, per_scenario, value, incumbent_kept)``: the solver's choice ``x`` unless the incumbent
    (at most ``k`` sites) is better or the solver has none; ``chosen`` is None when neither exists."""
    def value_of(sel):
        per = evaluate(scenarios, persons, sel)
        return per, (float(per.min()) if worst else float(probs @ per))

    best = (None, None, -np.inf, False)
    if x is not None:
        chosen = np.flatnonzero(x[:nc] > 0.5)
        best = (chosen, *value_of(chosen), False)
    if incumbent is not None and len(incumbent) <= k:
        inc = np.unique(np.asarray(incumbent, dtype=np.int64))
        per, value = value_of(inc)
        if value > best[2] + 1e-9:
            best = (inc, per, value, True)
    return best


def _eye(m):
    from scipy.sparse import identity

    return identity(m, format="csr")


def evaluate(scenarios, persons, chosen):
    """Covered persons per scenario (existing facilities + the ``chosen`` candidates)."""
    persons = np.asarray(persons, dtype=float)
    out = []
    for s in scenarios:
        cov = s.covered0.copy()
        if len(chosen):
            cov |= np.asarray(s.cover[np.asarray(chosen)].sum(axis=0)).ravel() > 0
        out.append(float(persons[cov].sum()))
    return np.asarray(out)


def greedy_covering(cover, weights, k):
    """Greedy maximal covering: ``k`` times the candidate adding the most weight. Returns
    ``(chosen, newly covered weight)``; ties go to the lowest index."""
    w = np.asarray(weights, dtype=float).copy()
    cover = cover.tocsr()
    chosen, total = [], 0.0
    for _ in range(int(k)):
        gains = cover @ w
        if chosen:
            gains[chosen] = -1.0
        j = int(np.argmax(gains)) if len(gains) else -1
        if j < 0 or gains[j] <= 0:
            break
        chosen.append(j)
        total += float(gains[j])
        w[cover[j].indices] = 0.0
    return np.asarray(chosen, dtype=np.int64), total


def greedy_robust(scenarios, persons, k, objective="worst"):
    """Greedy on the same objective: ``k`` times the candidate that raises the worst-case (or expected)
    coverage most (ties within 1e-9 persons: the lowest index). Returns the chosen candidate indices.

    Each step is one sparse product per scenario: a candidate's gain there is the persons it covers
    that nothing chosen (or existing) covers yet."""
    persons = np.asarray(persons, dtype=float)
    probs = np.array([s.probability for s in scenarios], dtype=float)
    probs = probs / probs.sum() if probs.sum() > 0 else np.full(len(scenarios), 1.0 / len(scenarios))
    covers = [s.cover.tocsr().copy() for s in scenarios]
    for cov in covers:
        cov.eliminate_zeros()
    open_w = [np.where(s.covered0, 0.0, persons) for s in scenarios]
    current = np.array([float(persons[s.covered0].sum()) for s in scenarios])
    nc = scenarios[0].cover.shape[0]
    taken = np.zeros(nc, dtype=bool)
    chosen = []
    now = float(current.min()) if objective == "worst" else float(probs @ current)
    for _ in range(int(k)):
        if nc == 0:
            break
        gains = np.vstack([cov @ w for cov, w in zip(covers, open_w)])  # scenarios x candidates
        after = current[:, None] + gains
        score = after.min(axis=0) if objective == "worst" else probs @ after
        score[taken] = -np.inf
        best = float(score.max())
        if not best > now + 1e-9:
            break
        j = int(np.flatnonzero(score >= best - 1e-9)[0])
        chosen.append(j)
        taken[j] = True
        current = after[:, j]
        now = float(score[j])
        for cov, w in zip(covers, open_w):
            w[cov.indices[cov.indptr[j]:cov.indptr[j + 1]]] = 0.0
    return np.asarray(chosen, dtype=np.int64)
