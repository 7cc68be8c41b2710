"""The ``claimrec`` command: reconcile claim files, explain bounds, read phrases.

Exit codes: 0 on success; 1 when ``reconcile`` under the ``strict`` policy finds a
conflict (so scripts can gate on it); 2 on bad input, with the error on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from claimrec.errors import ClaimrecError
from claimrec.policies import POLICIES

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimrec",
        description="Reconcile conflicting numeric claims into justified intervals.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    rec = commands.add_parser("reconcile", help="reconcile a claim file and print the report")
    rec.add_argument("file", help="a claim file (.json or .toml)")
    rec.add_argument("--at", help="answer for one day only (YYYY-MM-DD)")
    rec.add_argument("--policy", default="strict", choices=POLICIES)
    rec.add_argument("--format", default="text", choices=("text", "markdown", "json"))

    exp = commands.add_parser("explain", help="print the justification tree of one quantity")
    exp.add_argument("file")
    exp.add_argument("quantity")
    exp.add_argument("--at", help="one day only (YYYY-MM-DD)")
    exp.add_argument("--policy", default="strict", choices=POLICIES)

    plo = commands.add_parser("plot", help="draw a chart of the claims and their reconciliation")
    plo.add_argument("file", help="a claim file (.json or .toml)")
    plo.add_argument("--out", required=True, help="the chart to write (.png, .svg or .pdf)")
    plo.add_argument("--policy", default="strict", choices=POLICIES)
    plo.add_argument(
        "--at",
        help="timeline: mark this day; forest: the day drawn (default: the latest claim day)",
    )
    plo.add_argument("--kind", default="timeline", choices=("timeline", "forest"))

    par = commands.add_parser("parse", help="read a number or time phrase and show the rule")
    par.add_argument("phrase")
    par.add_argument(
        "--reference", help="the day a time phrase was said (YYYY-MM-DD; default today)"
    )
    par.add_argument("--kind", choices=("count", "proportion", "amount"))
    par.add_argument(
        "--as",
        dest="read_as",
        choices=("number", "time"),
        help="read the phrase only as a number or only as a time",
    )
    par.add_argument("--format", default="text", choices=("text", "json"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    >>> main(["reconcile", "seeds/north-korea-2025.json", "--at", "2025-01-25"])
    policy: strict   at: 2025-01-25
    ...
    in_combat  (count; 3 claims, 3 origins)
      2025-01-25 .. 2025-01-26    CONFLICT    no interval   envelope [0, 8,500]
    ...
    1
    """
    args = _parser().parse_args(argv)
    try:
        if args.command == "reconcile":
            return _reconcile(args)
        if args.command == "explain":
            return _explain(args)
        if args.command == "plot":
            return _plot(args)
        return _parse(args)
    except ClaimrecError as err:
        print(f"claimrec: error: {err}", file=sys.stderr)
        return 2


def _reconcile(args: argparse.Namespace) -> int:
    from claimrec.io import load
    from claimrec.reconcile import iter_reconcile, reconcile
    from claimrec.report import write_json

    claimset = load(args.file)
    if args.format == "json":
        # Streamed: one group of linked quantities in memory at a time.
        name, day, reports = iter_reconcile(claimset, at=args.at, policy=args.policy)
        conflict = write_json(name, day, reports, sys.stdout)
        return 1 if args.policy == "strict" and conflict else 0
    report = reconcile(claimset, at=args.at, policy=args.policy)
    if args.format == "markdown":
        sys.stdout.write(report.to_markdown())
    else:
        sys.stdout.write(report.to_text())
    return 1 if args.policy == "strict" and report.has_conflict else 0


def _explain(args: argparse.Namespace) -> int:
    from claimrec.io import load
    from claimrec.reconcile import reconcile

    claimset = load(args.file)
    claimset.quantity(args.quantity)
    report = reconcile(claimset, at=args.at, policy=args.policy)
    sys.stdout.write(report.explain(args.quantity))
    return 0


def _plot(args: argparse.Namespace) -> int:
    """Draw the chart; matplotlib is imported only here, through claimrec.plot."""
    from claimrec import plot
    from claimrec.io import load
    from claimrec.reconcile import reconcile

    claimset = load(args.file)
    report = reconcile(claimset, policy=args.policy)
    if args.kind == "forest":
        plot.forest(claimset, report, args.at, out=args.out)
    else:
        plot.timeline(claimset, report, day=args.at, out=args.out)
    print(f"wrote {args.out}")
    return 0


def _parse(args: argparse.Namespace) -> int:
    """Read the phrase as a time span or a number range, whichever reads it.

    A phrase that reads as both ("4 February 2025" also starts with the number 4) is
    taken as a time, unless it is a bare number ("2025"); ``--as`` decides outright.
    """
    import datetime as dt
    import re

    from claimrec.dates import read_span
    from claimrec.errors import ParseError
    from claimrec.readings import read_range

    reference = args.reference or dt.date.today().isoformat()
    readers: dict[str, Callable[[], Any]] = {
        "number": lambda: read_range(args.phrase, kind=args.kind),
        "time": lambda: read_span(args.phrase, reference=reference),
    }
    if args.read_as is not None:
        order = [args.read_as]
    elif re.fullmatch(r"[\d,.\s]+", args.phrase) or args.kind is not None:
        order = ["number", "time"]
    else:
        order = ["time", "number"]
    errors = []
    for name in order:
        try:
            reading = readers[name]()
        except ParseError as err:
            errors.append(f"as a {name} ({err})")
            continue
        if args.format == "json":
            print(json.dumps(reading.to_json(), sort_keys=True, ensure_ascii=False))
        else:
            print(reading.explain())
        return 0
    raise ParseError(f"cannot read {args.phrase!r} " + " or ".join(errors), text=args.phrase)
