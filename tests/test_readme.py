"""The README's seed report is what the README's first command prints."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from claimrec.cli import main

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _first_command() -> list[str]:
    block = re.search(r"```sh\n(.*?)\n```", README, re.S)
    assert block is not None
    first = block.group(1).splitlines()[0]
    run = first.split("&&")[-1].strip()
    words = shlex.split(run)
    assert words[0].endswith("claimrec")
    return words[1:]


def test_the_readme_shows_what_the_main_command_prints(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(_first_command()) == 0
    printed = capsys.readouterr().out
    shown = re.search(r"<!-- seed-report:start -->\n```text\n(.*?)```\n<!-- seed-report:end -->",
                      README, re.S)
    assert shown is not None
    assert shown.group(1) == printed


def test_the_readme_test_command_is_what_ci_runs():
    block = re.search(r"```sh\n(.*?)\n```", README, re.S)
    assert block is not None
    second = block.group(1).splitlines()[1]
    assert second in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
