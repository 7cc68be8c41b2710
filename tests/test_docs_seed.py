"""docs/seed.md builds the seed claim set in Python: it must equal seeds/north-korea-2025.json.

The code is taken from the page's ``python`` blocks, up to the one that makes ``claimset``,
so the page and the file cannot drift apart without this test failing.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import Any

import pytest

import claimrec
from claimrec.io import dumps

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "seed.md"
SEED = ROOT / "seeds" / "north-korea-2025.json"

_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _blocks() -> list[str]:
    """The ``python`` blocks of the page, in order."""
    return _BLOCK.findall(PAGE.read_text(encoding="utf-8"))


def _run(blocks: list[str]) -> dict[str, Any]:
    """Execute the examples of ``blocks`` (their source only) and return the namespace."""
    namespace: dict[str, Any] = {}
    parser = doctest.DocTestParser()
    for block in blocks:
        for example in parser.get_examples(block):
            exec(compile(example.source, str(PAGE), "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def built() -> claimrec.ClaimSet:
    blocks = _blocks()
    # The claim set is assembled over the first blocks, up to the one that makes `claimset`.
    upto = next(i for i, b in enumerate(blocks) if "claimset = ClaimSet(" in b)
    namespace = _run(blocks[: upto + 1])
    claimset = namespace["claimset"]
    assert isinstance(claimset, claimrec.ClaimSet)
    return claimset


def test_page_builds_the_seed_claim_set(built: claimrec.ClaimSet) -> None:
    assert built == claimrec.load(SEED)


def test_page_and_file_serialise_identically(built: claimrec.ClaimSet) -> None:
    # The written form too, byte for byte: a diff here shows which field drifted.
    assert dumps(built) == dumps(claimrec.load(SEED))


def test_every_claim_on_the_page_is_read_from_its_phrase(built: claimrec.ClaimSet) -> None:
    for claim in built.claims:
        assert claim.reading is not None, claim.id
        assert claim.reading.value == claim.value, claim.id
