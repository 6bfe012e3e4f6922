"""The organisation of the Pemerintah Kabupaten Balangan, for demos and tests.

(code, name, jenis, parent code). Jenis values are ``sop.organisasi.JenisUnit``.
"""

import csv
from pathlib import Path

_DATA_DIR = Path(__file__).resolve().parent


def read_table(name: str) -> list[dict[str, str]]:
    """The rows of a CSV table shipped beside this module, keyed by its header."""
    with (_DATA_DIR / name).open(encoding="utf-8", newline="") as table:
        return list(csv.DictReader(table))


UNITS: list[tuple[str, str, str, str | None]] = [
    (row["code"], row["name"], row["jenis"], row["parent_code"] or None)
    for row in read_table("units.csv")
]
"""The units of ``units.csv`` (one row a unit; an empty parent code is a top-level unit)."""


EMAIL_DOMAIN = "siklus-sop.balangan.test"
"""Demo addresses only (a reserved test domain); real ones are set per unit by an admin."""


def unit_email(code: str) -> str:
    return f"{code.lower()}@{EMAIL_DOMAIN}"
