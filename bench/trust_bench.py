"""Learned trust beside every `truthdiscovery` algorithm, on the same files, in one run.

    python bench/trust_bench.py [--sizes 10000 100000 1000000] [--seed 42] [--no-population]
                                [--timeout 600] [--skip-td] [--claimset-max 100000]

Data: the harness ../shared/tools/bench_td.py generates synthetic claim files with a seed
(into .bench/td/, git-ignored); the real Population set (all 50,237 claims, and the GTM
subset of 4,183) is read from ../shared/bench-data/population/. Each harness claim {"source", "variable", "value"} is
one claimrec claim: every variable a quantity, every value an exact-value range (a count,
a proportion, or an amount), every harness source one claimrec source (its own origin,
grade F).

Rows, one per method and data set:

- ``claimrec learn_points``: claimrec's learned trust on plain (source, variable, value)
  rows, the fast path the LearnedTrust policy shares its learning with; the point answer
  is the learned truth of each variable (the value of the kept consistent subset, which
  for exact claims is also its interval's midpoint).
- ``claimrec reconcile``: the whole path (Claim objects, ClaimSet, reconcile with
  policy="learned_trust"), for sets up to --claimset-max claims; the point answer is
  the midpoint of each quantity's reported interval.
- every algorithm of ``bench_td.py run`` (truthdiscovery's, in the separate virtual
  environment .bench/td-venv that ../shared/tools/README.md describes, made here if
  missing, plus the harness's baselines).

Columns: accuracy (point answer equals the truth) overall and on contested variables;
the share of variables whose reported interval contains the truth and the interval's
mean width relative to the truth (a point answer is a zero-width interval); the mean
relative error; the Spearman rank correlation of learned trust with the hidden
reliabilities (synthetic only); wall time of the algorithm (after loading the file, as
the harness times it) and the process's peak memory. Each method runs in its own process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HARNESS = SHARED / "tools" / "bench_td.py"
POPULATION = SHARED / "bench-data" / "population" / "population_full.jsonl"
POPULATION_GTM = SHARED / "bench-data" / "population" / "population_gtm.jsonl"
SCRATCH = ROOT / ".bench" / "td"
TD_VENV = ROOT / ".bench" / "td-venv"
TD_PYTHON = TD_VENV / "bin" / "python"


def side_path(path: Path, suffix: str) -> Path:
    text = str(path)
    return Path(text[: -len(".jsonl")] + suffix if text.endswith(".jsonl") else text + suffix)


def load_rows(path: Path) -> list[tuple[str, str, Any]]:
    rows = []
    loads = json.loads
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = loads(line)
                rows.append((d["source"], d["variable"], d["value"]))
    return rows


def load_truth(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    truth, kinds = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                truth[d["variable"]] = d["value"]
                kinds[d["variable"]] = d.get("kind") or "count"
    return truth, kinds


def peak_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


# -- the claimrec side (runs in a child process) ---------------------------------------------


def interval_scores(
    rows: list[tuple[str, str, Any]],
    truth: dict[str, Any],
    intervals: dict[str, tuple[Any, Any]],
) -> dict[str, Any]:
    """Share of truths inside each variable's interval, and the mean width / |truth|."""
    hull: dict[str, list[Any]] = {}
    for _, variable, value in rows:
        lo_hi = hull.get(variable)
        if lo_hi is None:
            hull[variable] = [value, value]
        elif value < lo_hi[0]:
            lo_hi[0] = value
        elif value > lo_hi[1]:
            lo_hi[1] = value
    out: dict[str, Any] = {}
    for label, table in (("interval", intervals), ("envelope", hull)):
        inside = n = 0
        widths = []
        for variable, t in truth.items():
            if variable not in hull:
                continue
            n += 1
            lo, hi = table.get(variable, (None, None))
            if lo is None:
                continue
            inside += lo <= t <= hi
            if t:
                widths.append((hi - lo) / abs(t))
        widths.sort()
        out[f"{label}_contains"] = round(inside / n, 4) if n else None
        out[f"{label}_rel_width"] = round(sum(widths) / len(widths), 4) if widths else None
        out[f"{label}_median_rel_width"] = round(widths[len(widths) // 2], 4) if widths else None
    return out


def child_points(path: Path, out: Path) -> None:
    """claimrec's learned trust on plain rows; prints one JSON line of results."""
    from claimrec.trust import learn_points

    t0 = time.perf_counter()
    rows = load_rows(path)
    load_s = time.perf_counter() - t0
    rss_load = peak_mib()
    t1 = time.perf_counter()
    model = learn_points(rows)
    wall = time.perf_counter() - t1
    peak = peak_mib()
    truth, _ = load_truth(side_path(path, ".truth.jsonl"))
    with open(out, "w", encoding="utf-8") as f:
        for variable, value in model.truths.items():
            f.write(json.dumps({"variable": variable, "value": value}) + "\n")
    with open(side_path(out, ".trust.jsonl"), "w", encoding="utf-8") as f:
        for source, t in model.sources.items():
            f.write(json.dumps({"source": source, "trust": float(t.reliability)}) + "\n")
    intervals = {str(v): (x, x) for v, x in model.truths.items()}
    result = {
        "status": "ok",
        "n_claims": len(rows),
        "load_s": round(load_s, 3),
        "wall_s": round(wall, 3),
        "rss_after_load_mib": rss_load,
        "peak_rss_mib": peak,
        "iterations": model.iterations,
        "converged": model.converged,
        "conflicts": model.conflicts,
        **interval_scores(rows, truth, intervals),
    }
    print("RESULT " + json.dumps(result), flush=True)


def child_reconcile(path: Path, out: Path) -> None:
    """The whole claimrec path: claims, a claim set, reconcile with learned trust."""
    import claimrec
    from claimrec import Claim, ClaimSet, Quantity, Range, Source
    from claimrec.ranges import Kind

    t0 = time.perf_counter()
    rows = load_rows(path)
    truth, kinds = load_truth(side_path(path, ".truth.jsonl"))
    load_s = time.perf_counter() - t0
    rss_load = peak_mib()
    t1 = time.perf_counter()
    variables = sorted({v for _, v, _ in rows})
    qname = {v: f"q{i}" for i, v in enumerate(variables)}
    sources = sorted({s for s, _, _ in rows})
    sid = {s: f"s{i}" for i, s in enumerate(sources)}

    def kind_of(variable: str, values: list[Any]) -> Kind:
        kind = kinds.get(variable)
        if kind == "count" and all(isinstance(x, int) and x >= 0 for x in values):
            return "count"
        if kind == "proportion" and all(0 <= x <= 1 for x in values):
            return "proportion"
        return "amount"

    values_of: dict[str, list[Any]] = {}
    for _, v, x in rows:
        values_of.setdefault(v, []).append(x)
    kind = {v: kind_of(v, values_of[v]) for v in variables}
    claims = [
        Claim(f"c{i}", qname[v], Range.exact(x, kind=kind[v]), source=sid[s])
        for i, (s, v, x) in enumerate(rows)
    ]
    cs = ClaimSet(
        quantities=[Quantity(qname[v], kind=kind[v]) for v in variables],
        sources=[Source(sid[s], s) for s in sources],
        claims=claims,
    )
    build_s = time.perf_counter() - t1
    report = claimrec.reconcile(cs, policy="learned_trust")
    wall = time.perf_counter() - t1
    peak = peak_mib()
    pred: dict[str, Any] = {}
    intervals: dict[str, tuple[Any, Any]] = {}
    for v in variables:
        segment = report[qname[v]][0]
        if segment.interval is not None and segment.interval.is_bounded:
            lo, hi = segment.interval.lower, segment.interval.upper
            mid = segment.interval.midpoint
            pred[v] = _plain(mid)
            intervals[v] = (_plain(lo), _plain(hi))
    with open(out, "w", encoding="utf-8") as f:
        for v, x in pred.items():
            f.write(json.dumps({"variable": v, "value": x}) + "\n")
    result = {
        "status": "ok",
        "n_claims": len(rows),
        "load_s": round(load_s, 3),
        "build_s": round(build_s, 3),
        "wall_s": round(wall, 3),
        "rss_after_load_mib": rss_load,
        "peak_rss_mib": peak,
        **interval_scores(rows, truth, intervals),
    }
    print("RESULT " + json.dumps(result), flush=True)


def _plain(value: Any) -> Any:
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else float(value)
    return value


# -- the driver --------------------------------------------------------------------------------


def run_child(mode: str, path: Path, out: Path, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), f"_{mode}", str(path), str(out)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": f"timeout ({timeout:.0f} s)"}
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line[7:]))
    tail = (p.stderr or "").strip().splitlines()[-1:] or ["no output"]
    return {"status": "error", "error": tail[0][:200]}


def harness_python() -> str:
    return str(TD_PYTHON) if TD_PYTHON.exists() else sys.executable


def evaluate(path: Path, pred: Path, trust: Path | None, timeout: float) -> dict[str, Any]:
    """Score predictions with ``bench_td.py eval`` (trust needs numpy: the td venv)."""
    cmd = [harness_python(), str(HARNESS), "eval", str(path), str(pred)]
    if trust is not None and TD_PYTHON.exists():
        cmd += ["--trust", str(trust)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if p.returncode != 0:
        return {"eval_error": (p.stderr.strip().splitlines() or ["?"])[-1][:200]}
    scores = dict(json.loads(p.stdout))
    if trust is not None and scores.get("trust_spearman") is None:
        scores["trust_spearman"] = own_spearman(path, trust)
    return scores


def own_spearman(path: Path, trust_path: Path) -> float | None:
    """Spearman's rho with average ranks (what scipy computes), for when numpy is absent."""
    hidden_path = side_path(path, ".sources.jsonl")
    if not hidden_path.exists():
        return None
    with open(hidden_path, encoding="utf-8") as f:
        hidden = {d["source"]: d["reliability"] for d in map(json.loads, f)}
    with open(trust_path, encoding="utf-8") as f:
        trust = {d["source"]: d["trust"] for d in map(json.loads, f)}
    common = sorted(s for s in trust if s in hidden)
    if len(common) < 3:
        return None

    def ranks(xs: list[float]) -> list[float]:
        order = sorted(range(len(xs)), key=xs.__getitem__)
        out = [0.0] * len(xs)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
                j += 1
            for k in range(i, j + 1):
                out[order[k]] = (i + j) / 2
            i = j + 1
        return out

    a = ranks([trust[s] for s in common])
    b = ranks([hidden[s] for s in common])
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b, strict=True))
    va = sum((x - ma) ** 2 for x in a)
    vb = sum((y - mb) ** 2 for y in b)
    return round(cov / (va * vb) ** 0.5, 4) if va and vb else None


def ensure_td_venv(allow_install: bool) -> str | None:
    """Make .bench/td-venv as ../shared/tools/README.md says; None when ready, else why not."""
    probe = [str(TD_PYTHON), "-c", "import truthdiscovery, numpy, scipy"]
    if (
        TD_PYTHON.exists()
        and subprocess.run(probe, capture_output=True, check=False).returncode == 0
    ):
        return None
    if not allow_install:
        return f"{TD_VENV} is missing or broken and --no-install was given"
    dl = ROOT / ".bench" / "td-dl"
    reqs = ROOT / ".bench" / "td-reqs.txt"
    pip = str(TD_VENV / "bin" / "pip")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(TD_VENV)], check=True)
        subprocess.run(
            [pip, "download", "truthdiscovery==1.0.4", "--no-deps", "-d", str(dl)],
            check=True,
            capture_output=True,
        )
        import re
        import zipfile

        with zipfile.ZipFile(dl / "truthdiscovery-1.0.4-py3-none-any.whl") as z:
            meta = z.read("truthdiscovery-1.0.4.dist-info/METADATA").decode()
        pins = [
            f"{m.group(1)}=={m.group(2)}"
            for m in re.finditer(r"^Requires-Dist: (\S+) \(==(.*)\)$", meta, re.M)
            if m.group(1) != "pycairo"
        ]
        reqs.write_text("\n".join(pins) + "\n")
        subprocess.run(
            [pip, "install", "-r", str(reqs), "cairocffi"], check=True, capture_output=True
        )
        subprocess.run(
            [pip, "install", "--no-deps", "truthdiscovery==1.0.4"], check=True, capture_output=True
        )
        purelib = subprocess.run(
            [str(TD_PYTHON), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        shutil.copy(SHARED / "tools" / "cairo_shim.py", Path(purelib) / "cairo.py")
    except (OSError, subprocess.CalledProcessError, KeyError) as err:
        return f"installing truthdiscovery into {TD_VENV} failed: {err}"
    if subprocess.run(probe, capture_output=True, check=False).returncode != 0:
        return f"truthdiscovery does not import in {TD_VENV} (is libcairo2 installed?)"
    return None


def run_td(path: Path, timeout: float, json_out: Path) -> list[dict[str, Any]]:
    cmd = [
        str(TD_PYTHON),
        str(HARNESS),
        "run",
        str(path),
        "--timeout",
        str(timeout),
        "--json-out",
        str(json_out),
    ]
    # every algorithm runs in turn, each under the harness's own timeout
    subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=20 * timeout + 600)
    with open(json_out, encoding="utf-8") as f:
        return list(json.load(f)["results"])


def dataset(size: int, seed: int) -> Path:
    path = SCRATCH / f"syn_{size}_s{seed}.jsonl"
    meta = side_path(path, ".meta.json")
    if not path.exists() or not meta.exists():
        SCRATCH.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(HARNESS),
                "gen",
                "--claims",
                str(size),
                "--out",
                str(path),
                "--seed",
                str(seed),
            ],
            check=True,
            capture_output=True,
        )
    return path


def fmt(value: Any, spec: str = "{:.3f}") -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return spec.format(value)
    return str(value)


HEADER = (
    "| data | claims | method | status | acc | acc contested | in interval | "
    "interval rel width | in envelope | envelope median rel width | mean rel err | "
    "trust rho | wall s | peak MiB |"
)


def row(data: str, r: dict[str, Any]) -> str:
    return (
        "| "
        + " | ".join(
            [
                data,
                fmt(r.get("n_claims")),
                r["method"],
                r.get("status", ""),
                fmt(r.get("acc"), "{:.4f}"),
                fmt(r.get("acc_contested"), "{:.4f}"),
                fmt(r.get("interval_contains"), "{:.4f}"),
                fmt(r.get("interval_rel_width"), "{:.3g}"),
                fmt(r.get("envelope_contains"), "{:.4f}"),
                fmt(r.get("envelope_median_rel_width"), "{:.3g}"),
                fmt(r.get("mean_rel_err"), "{:.4g}"),
                fmt(r.get("trust_spearman"), "{:.3f}"),
                fmt(r.get("wall_s"), "{:.2f}"),
                fmt(r.get("peak_rss_mib"), "{:.0f}"),
            ]
        )
        + " |"
    )


def bench_one(
    label: str, path: Path, args: argparse.Namespace, td_problem: str | None, n_claims: int
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    pred = SCRATCH / f"{path.stem}.claimrec.pred.jsonl"
    r = run_child("points", path, pred, args.timeout)
    if r.get("status") == "ok":
        r.update(evaluate(path, pred, side_path(pred, ".trust.jsonl"), args.timeout))
    r["method"] = "claimrec learn_points"
    rows.append(r)
    print(json.dumps({"data": label, **r}), file=sys.stderr, flush=True)
    if n_claims <= args.claimset_max:
        pred2 = SCRATCH / f"{path.stem}.claimrec-reconcile.pred.jsonl"
        r = run_child("reconcile", path, pred2, args.timeout)
        if r.get("status") == "ok":
            r.update(evaluate(path, pred2, None, args.timeout))
        r["method"] = "claimrec reconcile"
        rows.append(r)
        print(json.dumps({"data": label, **r}), file=sys.stderr, flush=True)
    if args.skip_td:
        rows.append({"method": "truthdiscovery (all)", "status": "skipped (--skip-td)"})
    elif td_problem is not None:
        rows.append({"method": "truthdiscovery (all)", "status": f"not run: {td_problem}"})
    else:
        for t in run_td(path, args.timeout, SCRATCH / f"{path.stem}.td.json"):
            t["method"] = t.pop("algo")
            if t.get("status") == "ok":
                t["interval_contains"] = t.get("acc")  # a point is a zero-width interval
                t["interval_rel_width"] = 0.0
            rows.append(t)
    for r in rows:
        r.setdefault("n_claims", n_claims)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=lambda s: int(float(s)), nargs="*", default=[10_000, 100_000, 1_000_000]
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-population", action="store_true")
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds per method and data set"
    )
    parser.add_argument("--skip-td", action="store_true", help="run claimrec's rows only")
    parser.add_argument(
        "--no-install",
        action="store_true",
        help="do not try to make .bench/td-venv when it is missing",
    )
    parser.add_argument(
        "--claimset-max",
        type=int,
        default=100_000,
        help="largest set to also run through Claim objects and reconcile",
    )
    args = parser.parse_args(argv)
    if not HARNESS.exists():
        raise SystemExit(f"the harness is missing: {HARNESS}")
    SCRATCH.mkdir(parents=True, exist_ok=True)
    td_problem = None if args.skip_td else ensure_td_venv(not args.no_install)
    if td_problem:
        print(
            f"NOTE: the truthdiscovery rows will not run: {td_problem}. "
            "claimrec's rows run regardless.",
            file=sys.stderr,
            flush=True,
        )
    results = []
    sets = [(f"synthetic seed {args.seed}", dataset(n, args.seed), n) for n in args.sizes]
    if not args.no_population:
        for label, path in (("Population", POPULATION), ("Population GTM", POPULATION_GTM)):
            with open(path, "rb") as f:
                sets.append((label, path, sum(1 for _ in f)))
    print(HEADER)
    print("|" + "---|" * HEADER.count(" | ") + "---|")
    for label, path, n in sets:
        for r in bench_one(label, path, args, td_problem, n):
            results.append({"data": label, **r})
            print(row(label, r), flush=True)
    out = SCRATCH / "trust_bench.json"
    env = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    out.write_text(json.dumps({"env": env, "results": results}, indent=1))
    if td_problem:
        print(f"\ntruthdiscovery rows not run: {td_problem}")
    print(f"\n(details: {out})")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] in ("_points", "_reconcile"):
        mode = sys.argv[1][1:]
        (child_points if mode == "points" else child_reconcile)(
            Path(sys.argv[2]), Path(sys.argv[3])
        )
    else:
        main()
