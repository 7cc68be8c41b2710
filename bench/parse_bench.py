"""Phrases per second for parse_range and parse_span, beside other parsers when installed.

    python bench/parse_bench.py

Runs bench/parse_bench_ranges.py (number phrases: the corpus and a mixed set of 1,200,
with quantulum3 when importable) and then bench/parse_bench_spans.py (time phrases: the
corpus, a mixed set of 1,200 and ISO dates, with dateparser and Duckling when importable).
"""

from __future__ import annotations

import runpy
from pathlib import Path

HERE = Path(__file__).parent

if __name__ == "__main__":
    for script in ("parse_bench_ranges.py", "parse_bench_spans.py"):
        print(f"== {script}")
        runpy.run_path(str(HERE / script), run_name="__main__")
        print()
