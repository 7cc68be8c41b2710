"""Print how long ``import claimrec`` takes in a fresh interpreter.

Usage: ``.venv/bin/python bench/import_time.py [RUNS]``

Two figures: the median wall time of ``python -c "import claimrec"`` minus that of
``python -c "pass"`` over RUNS fresh processes, and the cumulative time ``-X importtime``
attributes to the ``claimrec`` import in one process (the slowest modules beside it).

Byte code is written and used (``PYTHONDONTWRITEBYTECODE`` is cleared for the children),
as on an installed package: otherwise every module is compiled from source on each run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def importtime() -> tuple[int, list[tuple[int, str]]]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import claimrec"],
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    total, modules = 0, []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self" in line:
            continue
        self_us, cumulative_us, name = (part.strip() for part in line[12:].split("|"))
        modules.append((int(self_us), name.strip()))
        if name == "claimrec":
            total = int(cumulative_us)
    return total, sorted(modules, reverse=True)[:8]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    base = wall("pass", runs)
    full = wall("import claimrec", runs)
    print(f"python -c 'import claimrec': {full * 1000:.1f} ms median of {runs} runs")
    print(f"python -c 'pass':            {base * 1000:.1f} ms median of {runs} runs")
    print(f"import claimrec costs:       {(full - base) * 1000:.1f} ms")
    total, slowest = importtime()
    print(f"-X importtime, claimrec cumulative: {total / 1000:.1f} ms; slowest modules (self):")
    for self_us, name in slowest:
        print(f"  {self_us / 1000:6.1f} ms  {name}")


if __name__ == "__main__":
    main()
