"""Time and peak memory of reconcile on generated claim sets, beside the time to load them.

    python bench/reconcile_bench.py [--sizes 10000 100000 1000000] [--seed 7] [--stream]
                                    [--agreeing] [--policy NAME] [--floor]

Each size runs in its own subprocess, so peak memory (ru_maxrss) is that size's own.
About 10 claims per quantity, with varied periods; a fifth of the claims are off by a
factor of 2 or 3, so many segments conflict (with ``--agreeing``, none is: every claim
contains the truth, to measure the cost of conflicts).

With ``--floor`` it also times the least any reconciler of this design must do: the
same slices of time and the same contributions per slice, each slice's intersection
ends and, where they cross, the sweep of its claims, and one bare segment per slice;
but no ranges, bounds, options, policy decisions or reasons. And the whole reconcile
with the reason texts left out (the reconciler's text makers replaced by ones that
return an empty string): what the answer costs without its sentences.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def generate(n_claims: int, seed: int, agreeing: bool = False) -> dict:
    rng = random.Random(seed)
    n_q = max(1, n_claims // 10)
    base = dt.date(2024, 1, 1)
    quantities = [{"name": f"q{i}", "kind": "count", "cumulative": i % 3 == 0} for i in range(n_q)]
    sources = [{"id": f"s{i}", "name": f"Source {i}", "grade": "ABCDEF"[i % 6]} for i in range(50)]
    claims = []
    for i in range(n_claims):
        q = rng.randrange(n_q)
        truth = 1000 + 37 * q
        centre = truth if rng.random() < 0.8 else truth * rng.choice([2, 3]) // 1
        if agreeing:
            # After the draw above, so the claims are otherwise the same as without it.
            centre = truth
        half = rng.choice([0, 10, 50, 100])
        start = base + dt.timedelta(days=rng.randrange(0, 300))
        end = start + dt.timedelta(days=rng.choice([1, 7, 30, 90]))
        claims.append({
            "id": f"c{i}", "quantity": f"q{q}",
            "value": {"lower": centre - half, "upper": centre + half},
            "source": f"s{rng.randrange(50)}",
            "said_on": end.isoformat(),
            "period": {"start": start.isoformat(), "end": end.isoformat()},
            "credibility": rng.randint(1, 6),
        })
    return {"format": "claimrec/1", "quantities": quantities, "sources": sources,
            "claims": claims, "constraints": []}


def floor(cs) -> float:
    """Seconds for the least work of reconciling ``cs`` (unlinked quantities only)."""
    from claimrec._reconcile_alone import _Alone
    from claimrec._sweep import sweep
    from claimrec.policies import Strict, Weights
    from claimrec.report import Segment

    claims_of: dict = {}
    for claim in cs.claims:
        claims_of.setdefault(claim.quantity, []).append(claim)
    t0 = time.perf_counter()
    for name in sorted(cs.quantities_by_name):
        part = _Alone(cs, [name], claims_of.get(name, []), [], Strict(), Weights())
        slices = part.slices(None)
        for (start, end), items in zip(slices, part._index(slices), strict=True):
            if items:
                lo = max(it.lo_key for it in items)
                hi = min(it.hi_key for it in items)
                if lo > hi:
                    sweep([(it.lo_key, it.hi_key) for it in items])
            Segment(name, start, end, "unknown", None, None)
    return time.perf_counter() - t0


def textless(cs, policy: str) -> float:
    """Seconds to reconcile ``cs`` with every reason text made empty."""
    import claimrec
    from claimrec._reconcile_component import _Component
    from claimrec._reconcile_conflicts import _Conflicts
    from claimrec._reconcile_items import _Item

    saved = _Conflicts.lines, _Component._sentence, _Item.carried_text
    _Conflicts.lines = lambda self, settled: []
    _Component._sentence = lambda self, bound: ""
    _Item.carried_text = lambda self, quantity: ""
    try:
        t0 = time.perf_counter()
        claimrec.reconcile(cs, policy=policy)
        return time.perf_counter() - t0
    finally:
        _Conflicts.lines, _Component._sentence, _Item.carried_text = saved


def child(path: str, policy: str, stream: bool, with_floor: bool, repeat: int) -> None:
    import os

    import claimrec
    from claimrec.reconcile import iter_reconcile
    from claimrec.report import write_json

    def reconcile(cs) -> int:
        if not stream:
            return sum(len(s) for s in claimrec.reconcile(cs, policy=policy).values())
        name, day, reports = iter_reconcile(cs, policy=policy)
        counted = []

        def counting():
            for q in reports:
                counted.append(len(q.segments))
                yield q

        with open(os.devnull, "w") as sink:
            write_json(name, day, counting(), sink)
        return sum(counted)

    # The best of ``repeat`` runs of each step, so that a moment of noise on the
    # machine does not decide a ratio.
    load = run = least = bare = math.inf
    rss_load = 0
    for _ in range(repeat):
        cs = None
        t0 = time.perf_counter()
        cs = claimrec.load(path)
        load = min(load, time.perf_counter() - t0)
        rss_load = rss_load or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t1 = time.perf_counter()
        segments = reconcile(cs)
        run = min(run, time.perf_counter() - t1)
        if with_floor:
            least = min(least, floor(cs))
            bare = min(bare, textless(cs, policy))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"load": load, "reconcile": run, "segments": segments,
                      "rss_load_mb": rss_load / 1024, "rss_mb": rss / 1024,
                      "floor": least if with_floor else None,
                      "textless": bare if with_floor else None}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--policy", default="most_reliable")
    parser.add_argument("--agreeing", action="store_true",
                        help="every claim contains the truth: no conflicts")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per size; the best time of each step is printed")
    parser.add_argument("--floor", action="store_true",
                        help="also time the least work of reconciling (see above)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--stream", action="store_true",
                        help="stream the JSON report (iter_reconcile + write_json) instead "
                             "of building the Report")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.policy, args.stream, args.floor, args.repeat)
        return
    how = "streamed JSON report" if args.stream else "Report in memory"
    how += f"; best of {args.repeat}"
    if args.agreeing:
        how += "; every claim agrees"
    print(f"policy {args.policy}; ~10 claims per quantity; {how}; "
          f"Python {sys.version.split()[0]}")
    print(f"{'claims':>9} {'load s':>8} {'reconcile s':>12} {'ratio':>6} {'segments':>9} "
          f"{'peak MB (load)':>15} {'peak MB':>8}" + ("  floor s  floor/load  no text s  no text/load" if args.floor else ""))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"claims-{n}.json"
            path.write_text(json.dumps(generate(n, args.seed, args.agreeing)))
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path), "--policy", args.policy,
                 "--repeat", str(args.repeat),
                 *(["--stream"] if args.stream else []), *(["--floor"] if args.floor else [])],
                check=True, capture_output=True, text=True,
            ).stdout
            r = json.loads(out)
            print(f"{n:>9,} {r['load']:>8.2f} {r['reconcile']:>12.2f} "
                  f"{r['reconcile'] / r['load']:>6.2f} {r['segments']:>9,} "
                  f"{r['rss_load_mb']:>15.0f} {r['rss_mb']:>8.0f}"
                  + (f" {r['floor']:>8.2f} {r['floor'] / r['load']:>11.2f}"
                     f" {r['textless']:>10.2f} {r['textless'] / r['load']:>13.2f}"
                     if args.floor else ""))


if __name__ == "__main__":
    main()
