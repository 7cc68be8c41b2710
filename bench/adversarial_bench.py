"""Time to answer adversarial text: long runs of digits, commas, spaces and hedge words.

    python bench/adversarial_bench.py

Prints, for parse_range and parse_span, the slowest answer (best of three runs) over
adversarial 10 kB and 100 kB strings, and how time grows from 1 kB to 8 kB of the same
pattern (a linear scanner gives about 8x; quadratic backtracking would give about 64x).
"""

from __future__ import annotations

import contextlib
import time

from claimrec import ParseError, parse_range, parse_span

UNITS = ["1", "1,", "1 000 ", "about ", "between ", "- ", "1 point ", "dozen ", "mid ",
         "since ", "jan - ", "twenty ", "or ", "no ", "1/", "of thousands "]


def best(fn, text: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with contextlib.suppress(ParseError):
            fn(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    readers = {
        "parse_range": parse_range,
        "parse_span": lambda t: parse_span(t, reference="2025-02-05"),
    }
    print(f"{'reader':<12} {'worst 10 kB ms':>15} {'worst 100 kB ms':>16} {'worst 8 kB / 1 kB':>18}")
    for name, fn in readers.items():
        worst = {10_000: 0.0, 100_000: 0.0}
        growth = 0.0
        for unit in UNITS:
            for size in worst:
                text = (unit * (size // len(unit) + 1))[:size]
                worst[size] = max(worst[size], best(fn, text))
            short = best(fn, unit * (1000 // len(unit)), 5)
            long = best(fn, unit * (8000 // len(unit)), 5)
            growth = max(growth, long / max(short, 1e-6))
        print(f"{name:<12} {worst[10_000] * 1e3:>15.2f} {worst[100_000] * 1e3:>16.2f} "
              f"{growth:>18.1f}")


if __name__ == "__main__":
    main()
