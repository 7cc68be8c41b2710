"""Throughput of claimrec's time-phrase reader (phrases per second).

    .venv/bin/python bench/parse_bench_spans.py [--repeat 5] [--corpus PATH]

Sets timed:
- corpus: the 550 phrases of ../shared/corpus/spans.jsonl, each with its own reference day;
- mixed: 1,200 news-style phrases built from templates with a fixed seed (absolute dates,
  vague parts of months, weekdays, since/until, rolling periods, ranges);
- vague: the mixed phrases with no absolute date in them (the layer claimrec adds);
- iso: ISO dates only (the fast path).

When installed (never a claimrec dependency), dateparser and the Duckling binding
(pyduckling-native-phihos) are timed on the same phrases; otherwise a line says they were
skipped. To time them, run this script from a separate virtual environment that has them and
attrs and python-dateutil (claimrec itself is imported from ``src/``):

    python3 -m venv .bench/dates-venv
    .bench/dates-venv/bin/pip install attrs python-dateutil dateparser pyduckling-native-phihos
    .bench/dates-venv/bin/python bench/parse_bench_spans.py

"read" counts the phrases a parser answered at all, right or wrong. Their answers are not scored here: tests/test_corpus_spans.py scores claimrec, and
../shared/corpus/README.md gives the other parsers' scores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimrec.dates import parse_span  # noqa: E402
from claimrec.errors import ParseError  # noqa: E402

Case = tuple[str, dt.date]
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ABSOLUTE = (
    "{d} {M} {y}", "{M} {d}, {y}", "{m}/{d}/{y}", "{y}-{mm}-{dd}", "{M} {y}", "{y}",
    "{Mon}. {d}, {y}", "{d} {M}",
)  # fmt: skip
VAGUE = (
    "mid-{M}", "early {M}", "late {M} {y}", "since mid-{M}", "since late {y}", "late last month",
    "early this month", "last week", "this week", "next week", "last month", "yesterday",
    "today", "earlier this week", "the past {n} days", "the last {n} days", "in recent weeks",
    "on {W}", "last {W}", "this {W}", "next {W}", "{n} days ago", "a week ago",
    "in the past week", "for weeks", "over the weekend", "until the end of the month",
    "in {M}", "in late {y}", "the first quarter", "Q{q} {y}", "earlier this month",
    "the past {n} weeks", "{n} weeks ago", "from {d} {M} to {d2} {M}", "between {M} and {M2}",
    "since {W}", "the week of {d} {M}", "the {o} {W} of {M}", "for {n} days",
)  # fmt: skip
ORDINALS = ("first", "second", "third", "last")


def corpus_cases(path: Path) -> list[Case]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [(row["span"], dt.date.fromisoformat(row["reference"])) for row in rows]


def mixed_cases(count: int = 1200, seed: int = 20250205) -> tuple[list[Case], list[Case]]:
    """(all, vague only): news-style phrases with references in 2020-2026."""
    rnd = random.Random(seed)
    every: list[Case] = []
    vague: list[Case] = []
    for i in range(count):
        is_vague = i % 3 != 0
        template = rnd.choice(VAGUE if is_vague else ABSOLUTE)
        month = rnd.randrange(12)
        day = rnd.randint(1, 28)
        fields = {
            "d": day, "d2": min(day + rnd.randint(1, 9), 28), "dd": f"{day:02d}",
            "M": MONTHS[month], "M2": MONTHS[(month + rnd.randint(1, 3)) % 12],
            "Mon": MONTHS[month][:3], "m": month + 1, "mm": f"{month + 1:02d}",
            "y": rnd.randint(2015, 2025), "n": rnd.randint(2, 30), "q": rnd.randint(1, 4),
            "W": rnd.choice(WEEKDAYS), "o": rnd.choice(ORDINALS),
        }  # fmt: skip
        reference = dt.date(2020, 1, 1) + dt.timedelta(days=rnd.randrange(7 * 365))
        case = (template.format(**fields), reference)
        every.append(case)
        if is_vague:
            vague.append(case)
    return every, vague


def iso_cases(count: int = 1200) -> list[Case]:
    start = dt.date(2020, 1, 1)
    return [((start + dt.timedelta(days=i)).isoformat(), start) for i in range(count)]


def rate(
    read: Callable[[str, dt.date], object], cases: Sequence[Case], repeat: int
) -> tuple[float, int]:
    """(phrases per second, phrases read without error), best of ``repeat`` passes."""
    best = float("inf")
    read_ok = 0
    for _ in range(repeat):
        read_ok = 0
        began = time.perf_counter()
        for text, reference in cases:
            try:
                if read(text, reference) is not None:
                    read_ok += 1
            except Exception:
                continue
        best = min(best, time.perf_counter() - began)
    return len(cases) / best, read_ok


def claimrec_reader(text: str, reference: dt.date) -> object:
    try:
        return parse_span(text, reference=reference)
    except ParseError:
        return None


def other_readers() -> list[tuple[str, Callable[[str, dt.date], object] | None, str]]:
    readers: list[tuple[str, Callable[[str, dt.date], object] | None, str]] = []
    try:
        import dateparser  # type: ignore[import-untyped]
    except ImportError:
        readers.append(("dateparser", None, "not installed (pip install dateparser)"))
    else:

        def read_dateparser(text: str, reference: dt.date) -> object:
            base = dt.datetime.combine(reference, dt.time(12))
            return dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": base})

        readers.append(("dateparser", read_dateparser, ""))
    try:
        import duckling  # type: ignore[import-not-found]
    except ImportError:
        readers.append(("duckling", None, "not installed (pip install pyduckling-native-phihos)"))
    else:
        duckling.init()
        zones = duckling.load_time_zones("/usr/share/zoneinfo")
        locale = duckling.default_locale_lang(duckling.parse_lang("EN"))
        dims = duckling.parse_dimensions(["time"])

        def read_duckling(text: str, reference: dt.date) -> object:
            moment = dt.datetime.combine(reference, dt.time(12), tzinfo=dt.UTC)
            ref_time = duckling.parse_ref_time(zones, "UTC", int(moment.timestamp()))
            found = duckling.parse(text, duckling.Context(ref_time, locale), dims, False)
            return found or None

        readers.append(("duckling", read_duckling, ""))
    return readers


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes per set (best is kept)")
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "spans.jsonl"
    )
    args = parser.parse_args(argv)
    corpus = corpus_cases(args.corpus)
    mixed, vague = mixed_cases()
    sets = [("corpus", corpus), ("mixed", mixed), ("vague", vague), ("iso", iso_cases())]
    if not corpus:
        print(f"corpus: skipped, {args.corpus} not found")
        sets = sets[1:]
    print(f"python {sys.version.split()[0]}, best of {args.repeat} passes")
    print(f"{'parser':<12} {'set':<8} {'phrases':>8} {'read':>6} {'phrases/s':>11}")
    for name, read in [("claimrec", claimrec_reader)]:
        for label, cases in sets:
            per_second, ok = rate(read, cases, args.repeat)
            print(f"{name:<12} {label:<8} {len(cases):>8} {ok:>6} {per_second:>11,.0f}")
    for name, other, why in other_readers():
        if other is None:
            print(f"{name:<12} skipped: {why}")
            continue
        for label, cases in sets[:3]:
            per_second, ok = rate(other, cases, 1)
            print(f"{name:<12} {label:<8} {len(cases):>8} {ok:>6} {per_second:>11,.0f}")


if __name__ == "__main__":
    main()
