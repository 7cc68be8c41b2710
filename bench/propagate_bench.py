"""Constraint propagation on large linked sets: chains and grids of quantities.

    python bench/propagate_bench.py [--sizes 1000 10000 100000]

Chain: q0 <= q1 <= ... <= q(n-1), with q0 >= 100 and q(n-1) <= 10^6 claimed, so
bounds travel the whole chain both ways. Grid: a k x k grid (k*k ~ n) where each cell
plus its right neighbour is at most the cell below, with claims on two corners.
Each case runs in its own subprocess: time of `reconcile` end to end (load excluded),
revisions per constraint, and peak memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time


def build(shape: str, n: int):
    from claimrec import Claim, ClaimSet, Constraint, Quantity, Range, Term

    if shape == "chain":
        names = [f"q{i}" for i in range(n)]
        constraints = [
            Constraint(f"k{i}", names[i], "<=", names[i + 1]) for i in range(n - 1)
        ]
        claims = [
            Claim("low", names[0], Range.at_least(100)),
            Claim("high", names[-1], Range.at_most(10**6)),
        ]
    else:
        k = max(2, math.isqrt(n))
        names = [f"g{i}_{j}" for i in range(k) for j in range(k)]
        constraints = [
            Constraint(f"k{i}_{j}", (Term(1, f"g{i}_{j}"), Term(1, f"g{i}_{j + 1}")), "<=",
                       f"g{i + 1}_{j}")
            for i in range(k - 1) for j in range(k - 1)
        ]
        claims = [
            Claim("top", names[0], Range.at_least(1)),
            Claim("bottom", names[-1], Range.at_most(10**9)),
        ]
    return ClaimSet([Quantity(q) for q in names], [], claims, constraints)


def child(shape: str, n: int) -> None:
    import claimrec
    from claimrec import _reconcile_linked as linked
    from claimrec import constraints as engine

    cs = build(shape, n)
    revisions = []
    original = engine.propagate

    def counting(*args, **kwargs):
        out = original(*args, **kwargs)
        revisions.append(out.revisions)
        return out

    # The general path calls propagate by the name its module imported.
    linked.propagate = counting
    t0 = time.perf_counter()
    report = claimrec.reconcile(cs)
    elapsed = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    bounded = sum(1 for segs in report.values() for s in segs if s.interval is not None)
    print(json.dumps({"time": elapsed, "constraints": len(cs.constraints),
                      "revisions": max(revisions), "rss": rss, "bounded": bounded,
                      "quantities": len(cs.quantities)}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    print(f"{'shape':<6} {'quantities':>10} {'constraints':>11} {'time s':>8} "
          f"{'revisions/constraint':>21} {'peak MB':>8}")
    for shape in ("chain", "grid"):
        for n in args.sizes:
            out = subprocess.run([sys.executable, __file__, "--child", shape, str(n)],
                                 check=True, capture_output=True, text=True).stdout
            r = json.loads(out)
            print(f"{shape:<6} {r['quantities']:>10,} {r['constraints']:>11,} {r['time']:>8.2f} "
                  f"{r['revisions'] / max(1, r['constraints']):>21.2f} {r['rss']:>8.0f}")


if __name__ == "__main__":
    main()
