"""The error classes, and every row of docs/bad-inputs.md tried again."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import claimrec
from claimrec import errors

BAD_INPUTS = Path(__file__).resolve().parents[1] / "docs" / "bad-inputs.md"
# A table row: | kind | `code` | `ErrorClass` | `message` |, with "\|" for a literal bar.
_ROW = re.compile(
    r"^\|(?P<kind>.+?)\|\s*`(?P<code>.+)`\s*\|\s*`(?P<error>\w+)`\s*\|\s*`(?P<message>.*)`\s*\|$"
)
_SETUP = re.compile(r"```python\n(?P<code>.*?)```", re.DOTALL)


class BadInput(NamedTuple):
    kind: str
    code: str
    error: str
    message: str


def bad_inputs() -> list[BadInput]:
    rows = []
    for line in BAD_INPUTS.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line.replace("\\|", "\x00"))
        if match:
            fields = {k: v.replace("\x00", "|").strip() for k, v in match.groupdict().items()}
            rows.append(BadInput(**fields))
    return rows


def names_in_scope() -> dict[str, Any]:
    setup = _SETUP.search(BAD_INPUTS.read_text(encoding="utf-8"))
    assert setup is not None, "docs/bad-inputs.md lost its setup block"
    namespace: dict[str, Any] = {}
    exec(setup.group("code"), namespace)
    return namespace


ROWS = bad_inputs()


def test_the_table_covers_at_least_fifteen_kinds_of_bad_input() -> None:
    kinds = [row.kind for row in ROWS]
    assert len(kinds) >= 15
    assert len(set(kinds)) == len(kinds), "each row should be a different kind of bad input"


@pytest.mark.parametrize("row", ROWS, ids=[row.kind for row in ROWS])
def test_bad_input_gives_the_documented_error(row: BadInput) -> None:
    namespace = names_in_scope()
    with pytest.raises(claimrec.ClaimrecError) as info:
        eval(row.code, namespace)
    assert type(info.value).__name__ == row.error
    assert str(info.value) == row.message


class TestErrorClasses:
    def test_all(self) -> None:
        assert errors.__all__ == sorted(errors.__all__)
        for name in errors.__all__:
            assert issubclass(getattr(errors, name), errors.ClaimrecError)

    @pytest.mark.parametrize(
        ("cls", "builtin"),
        [
            (errors.ValidationError, ValueError),
            (errors.ParseError, ValueError),
            (errors.ClaimFileError, ValueError),
            (errors.PolicyError, ValueError),
            (errors.KindError, TypeError),
        ],
    )
    def test_each_error_is_also_the_builtin_callers_catch(
        self, cls: type[Exception], builtin: type[Exception]
    ) -> None:
        assert issubclass(cls, builtin)
        assert issubclass(cls, errors.ClaimrecError)

    def test_root_is_a_plain_exception(self) -> None:
        assert not issubclass(errors.ClaimrecError, ValueError)
        assert issubclass(errors.ClaimrecError, Exception)

    def test_parse_error_keeps_the_text_and_position(self) -> None:
        err = errors.ParseError("cannot read 'lots'", text="lots", position=0)
        assert (str(err), err.text, err.position) == ("cannot read 'lots'", "lots", 0)
        bare = errors.ParseError("no")
        assert (bare.text, bare.position) == ("", None)

    def test_claim_file_error_keeps_where(self) -> None:
        err = errors.ClaimFileError("m", path="a.json", item="claim 'c'", field="value")
        assert (str(err), err.path, err.item, err.field) == ("m", "a.json", "claim 'c'", "value")
        bare = errors.ClaimFileError("m")
        assert (bare.path, bare.item, bare.field) == (None, None, None)
