"""The Pasal index (docs/pasal.md) names functions and tests that exist.

Each row of its table maps a provision of the regulation to the ``module:name`` that enforces it
and to the test functions that check it; a rename that forgets the index fails here.
"""

import ast
import importlib
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INDEX = ROOT / "docs" / "pasal.md"
TESTS = ROOT / "tests"

_CODE = re.compile(r"`([^`]+)`")
_ENFORCER = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")
_TEST_NAME = re.compile(r"^test_\w+$")


def index_rows() -> list[tuple[str, list[str], list[str]]]:
    """(provision, enforcers, tests) of every row of the index's table."""
    rows = []
    for line in INDEX.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 4 or set(cells[0]) <= {"-", " "}:
            continue
        if cells[0] == "Pasal / Lampiran":
            continue  # the header
        provision, _, enforcers, tests = cells
        rows.append((provision, _CODE.findall(enforcers), _CODE.findall(tests)))
    return rows


@cache
def known_test_names() -> frozenset[str]:
    """Every ``def test_...`` / ``async def test_...`` under tests/, wherever it is nested."""
    names = set()
    for path in TESTS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names |= {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name.startswith("test_")
        }
    return frozenset(names)


def resolve(target: str) -> object:
    """``package.module:Name.attr`` -> the object (raises when any part is missing)."""
    module_name, _, path = target.partition(":")
    found: object = importlib.import_module(module_name)
    for part in path.split("."):
        found = getattr(found, part)
    return found


ROWS = index_rows()


def test_the_index_has_rows_for_each_pasal_it_cites() -> None:
    assert len(ROWS) >= 40, "docs/pasal.md lost its table"
    provisions = " ".join(provision for provision, _, _ in ROWS)
    for pasal in (6, 7, 8, 9, 10, 11, 12, 13, 14):
        assert f"Pasal {pasal}" in provisions
    assert "Lampiran I " in provisions and "Lampiran II." in provisions


@pytest.mark.parametrize(("provision", "enforcers", "tests"), ROWS, ids=[r[0] for r in ROWS])
def test_every_row_names_an_enforcer_and_a_test(
    provision: str, enforcers: list[str], tests: list[str]
) -> None:
    assert enforcers, f"{provision}: no module:function"
    assert tests, f"{provision}: no test"
    assert all(_ENFORCER.match(e) for e in enforcers), enforcers
    assert all(_TEST_NAME.match(t) for t in tests), tests


def test_every_listed_function_exists() -> None:
    missing = []
    for provision, enforcers, _ in ROWS:
        for target in enforcers:
            try:
                resolve(target)
            except (ImportError, AttributeError) as exc:
                missing.append(f"{provision}: {target} ({exc})")
    assert not missing, "docs/pasal.md names what no longer exists:\n" + "\n".join(missing)


def test_every_listed_test_exists() -> None:
    known = known_test_names()
    missing = [f"{p}: {t}" for p, _, tests in ROWS for t in tests if t not in known]
    assert not missing, "docs/pasal.md names tests that no longer exist:\n" + "\n".join(missing)


def test_the_check_is_not_vacuous() -> None:
    assert "test_pejabat_pengesah" in known_test_names()
    assert "test_no_such_behaviour_anywhere" not in known_test_names()
    with pytest.raises(AttributeError):
        resolve("sop.pasal11:no_such_rule")
    with pytest.raises(ImportError):
        resolve("sop.no_such_module:pejabat_pengesah")
