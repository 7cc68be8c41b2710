"""The package as users meet it: public names, entry points, the command line."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import sysconfig
import types
from importlib import resources
from pathlib import Path

import pytest

import claimrec

# DESIGN section 3: the names other code relies on.
DESIGNED_NAMES = {
    "Claim",
    "ClaimSet",
    "ClaimrecError",
    "Constraint",
    "ParseError",
    "Quantity",
    "Range",
    "Source",
    "Span",
    "load",
    "parse_range",
    "parse_span",
    "reconcile",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)


def test_all_is_sorted() -> None:
    assert claimrec.__all__ == sorted(claimrec.__all__)


def test_all_is_exactly_the_public_names() -> None:
    public = {
        name
        for name, value in vars(claimrec).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert set(claimrec.__all__) == public
    assert len(claimrec.__all__) == len(public)


def test_the_designed_names_are_exported() -> None:
    assert set(claimrec.__all__) >= DESIGNED_NAMES


def test_errors_subclass_the_builtins_callers_catch() -> None:
    assert issubclass(claimrec.ParseError, ValueError)
    assert issubclass(claimrec.ValidationError, ValueError)
    assert issubclass(claimrec.ClaimFileError, ValueError)
    assert issubclass(claimrec.KindError, TypeError)
    for name in ("ParseError", "ValidationError", "ClaimFileError", "KindError", "PolicyError"):
        assert issubclass(getattr(claimrec, name), claimrec.ClaimrecError)


def test_package_ships_its_type_marker_and_schema() -> None:
    files = resources.files("claimrec")
    assert files.joinpath("py.typed").is_file()
    assert files.joinpath("schema/claimset.schema.json").is_file()


def test_python_dash_m_claimrec_help() -> None:
    result = run(sys.executable, "-m", "claimrec", "--help")
    assert result.returncode == 0, result.stderr
    assert "reconcile" in result.stdout
    assert "parse" in result.stdout


def test_console_script_help() -> None:
    script = Path(sysconfig.get_path("scripts")) / "claimrec"
    result = run(str(script), "--help")
    assert result.returncode == 0, result.stderr
    assert "reconcile" in result.stdout


def test_import_does_not_pull_in_hypothesis() -> None:
    # Guards import time: hypothesis alone takes longer than the whole 150 ms budget.
    code = "import sys, claimrec; print(sorted(m for m in ('hypothesis', 'claimrec.strategies') if m in sys.modules))"
    result = run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_hypothesis_entry_point_is_installed() -> None:
    points = importlib.metadata.entry_points(group="hypothesis")
    assert "claimrec._hypothesis_hook:_register" in {p.value for p in points}


def test_importing_hypothesis_registers_the_types_without_the_strategies_module() -> None:
    # The hook must not import claimrec.strategies at load time (a circular import).
    code = (
        "import sys; import hypothesis; import claimrec\n"
        "from hypothesis import given, settings, strategies as st\n"
        "print('claimrec._hypothesis_hook' in sys.modules, 'claimrec.strategies' in sys.modules)\n"
        "@settings(max_examples=5, database=None)\n"
        "@given(st.from_type(claimrec.Range))\n"
        "def check(r): assert isinstance(r, claimrec.Range) and not r.is_empty\n"
        "check(); print('ok')"
    )
    result = run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "ok"]


def test_strategies_can_be_the_first_import() -> None:
    result = run(sys.executable, "-c", "from claimrec.strategies import claim_sets; print('ok')")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_python_dash_m_runs_the_command_line_in_process(monkeypatch, capsys) -> None:
    import runpy
    import sys

    monkeypatch.setattr(sys, "argv", ["claimrec", "parse", "more than 3,000"])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module("claimrec", run_name="__main__", alter_sys=True)
    assert exit_info.value.code == 0
    assert "read as [3,001, inf)" in capsys.readouterr().out
