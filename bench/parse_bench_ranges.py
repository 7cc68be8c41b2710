"""Throughput of claimrec's number-phrase reader, beside quantulum3 when it is installed.

    python bench/parse_bench_ranges.py [--seconds 1.0]

Prints phrases per second for ``parse_range`` and ``read_range`` over two sets: the
phrases of the shared conformance corpus (../shared/corpus/ranges.jsonl, when present)
and a fixed mix of 1,200 news-style phrases built below. quantulum3 is an optional,
bench-only comparison (``pip install quantulum3``); it is skipped with a message when
it cannot be imported. Phrases a parser rejects still count: they took the time.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from claimrec.errors import ParseError
from claimrec.readings import parse_range, read_range

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ranges.jsonl"

HEDGES = [
    "", "about ", "around ", "roughly ", "some ", "an estimated ", "more than ", "over ",
    "at least ", "no fewer than ", "fewer than ", "less than ", "under ", "up to ",
    "as many as ", "nearly ", "almost ", "just over ", "just under ", "close to ",
]
NOUNS = ["", " soldiers", " troops", " people", " casualties", " civilians"]
SHARES = [
    "half", "a third", "two-thirds", "three quarters", "one in five", "50 percent",
    "12.5%", "40 per cent", "a quarter",
]
VAGUE = [
    "a few", "several", "dozens of", "scores of", "a handful of", "tens of thousands of",
    "hundreds of", "thousands of", "several hundred", "a few thousand",
]
ZERO = ["none", "no", "nil", "had withdrawn", "retreated", "no signs of"]
WORDS = ["three thousand", "twelve hundred", "half a million", "two dozen", "forty-five"]


def _number(rng: random.Random) -> str:
    n = rng.choice([rng.randrange(1, 100), rng.randrange(1, 100) * 100,
                    rng.randrange(1, 20) * 1000, rng.randrange(100, 100_000)])
    form = rng.randrange(4)
    if form == 0 and n >= 1000 and n % 100 == 0:
        return f"{n / 1000:g}k"
    if form == 1 and n >= 1000 and n % 100 == 0:
        return f"{n / 1000:g} thousand"
    return f"{n:,}"


def mixed_phrases(count: int = 1200, seed: int = 0) -> list[str]:
    """A fixed, varied set of news-style number phrases."""
    rng = random.Random(seed)
    phrases = []
    for _ in range(count):
        family = rng.randrange(10)
        if family < 5:
            phrase = rng.choice(HEDGES) + _number(rng) + rng.choice(NOUNS)
        elif family == 5:
            a, b = sorted((rng.randrange(1, 50), rng.randrange(1, 50)))
            phrase = rng.choice([f"between {a},000 and {b},000", f"{a}-{b} million",
                                 f"from {a} to {b} percent", f"{a} or {b}"])
        elif family == 6:
            phrase = rng.choice(["", "up to ", "more than ", "about ", "nearly "]) + rng.choice(SHARES)
        elif family == 7:
            phrase = rng.choice(VAGUE) + rng.choice(NOUNS)
        elif family == 8:
            phrase = rng.choice(ZERO) + rng.choice(["", " combat", " troops"])
        else:
            phrase = rng.choice(HEDGES) + rng.choice(WORDS)
        phrases.append(phrase)
    return phrases


def corpus_phrases() -> list[str]:
    if not CORPUS.exists():
        return []
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line)["span"] for line in lines if line.strip()]


def rate(parse: Callable[[str], object], phrases: Sequence[str], seconds: float) -> float:
    """Phrases per second.

    The phrases are timed in chunks of 100, each chunk by its best of repeated passes, so
    that a busy machine preempting one pass does not count against the parser.
    """
    chunks = [phrases[i : i + 100] for i in range(0, len(phrases), 100)]
    total = 0.0
    for chunk in chunks:
        best = float("inf")
        deadline = time.perf_counter() + seconds / len(chunks)
        passes = 0
        while passes < 3 or time.perf_counter() < deadline:
            start = time.perf_counter()
            for phrase in chunk:
                try:  # noqa: SIM105 - a bare try costs less than contextlib.suppress here
                    parse(phrase)
                except (ParseError, ValueError):
                    pass
            best = min(best, time.perf_counter() - start)
            passes += 1
        total += best
    return len(phrases) / total


def _quantulum() -> Callable[[str], object] | None:
    try:
        from quantulum3 import parser  # type: ignore[import-not-found]
    except Exception as err:  # an optional dependency may fail to import in many ways
        print(f"quantulum3: skipped ({type(err).__name__}: {err}); "
              "install it with 'pip install quantulum3' to compare", file=sys.stderr)
        return None
    return parser.parse  # type: ignore[no-any-return]


def main(argv: Sequence[str] | None = None) -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    opts = args.parse_args(argv)
    sets = [("corpus", corpus_phrases()), ("mixed", mixed_phrases())]
    if not sets[0][1]:
        print(f"corpus: skipped ({CORPUS} not found)", file=sys.stderr)
        sets = sets[1:]
    parsers: list[tuple[str, Callable[[str], object]]] = [
        ("claimrec parse_range", parse_range),
        ("claimrec read_range", read_range),
    ]
    quantulum = _quantulum()
    if quantulum is not None:
        parsers.append(("quantulum3 parser.parse", quantulum))
    print(f"{'parser':26} " + " ".join(f"{name + f' ({len(p):,})':>18}" for name, p in sets))
    for label, parse in parsers:
        seconds = opts.seconds if not label.startswith("quantulum") else min(opts.seconds, 0.5)
        cells = [f"{rate(parse, phrases, seconds):>12,.0f} /s" for _, phrases in sets]
        print(f"{label:26} " + " ".join(f"{c:>18}" for c in cells))


if __name__ == "__main__":
    main()
