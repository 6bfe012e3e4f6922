"""What a text or a date given by a person may hold, decided once for every field.

Text: control characters (C0 other than tab, line feed and carriage return; DEL; C1) are
refused, because they corrupt stored records (PostgreSQL refuses NUL) and printed documents.
Every bidirectional formatting character is refused as well: the embeddings and overrides
U+202A-U+202E, the isolates U+2066-U+2069 and the marks U+200E, U+200F and U+061C. An override
makes a name display differently from what is stored (spoofing), and Bahasa Indonesia, written
left to right, never needs a mark; refusing the marks too keeps the rule simple to state.

Dates: ``TANGGAL_MIN``..``TANGGAL_MAX`` is the widest range any date of the service may hold, so
arithmetic on an accepted date (a deadline plus a day, an evaluation due date years later) can
never overflow. Which part of that range a person may choose (for example a deadline within ten
years of today) is decided at the API, where today is known.
"""

from datetime import date
from typing import Annotated

from pydantic import Field

TANGGAL_MIN = date(2000, 1, 1)
TANGGAL_MAX = date(2099, 12, 31)

Tanggal = Annotated[date, Field(ge=TANGGAL_MIN, le=TANGGAL_MAX)]
"""A date within the range the service can compute with."""

_ALLOWED_CONTROLS = frozenset("\t\n\r")
_BIDI = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u200e", "\u200f", "\u061c"]
)


def forbidden_char(text: str) -> str | None:
    """The first character ``text`` may not hold, or None when it is clean."""
    for char in text:
        code = ord(char)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            if char not in _ALLOWED_CONTROLS:
                return char
        elif char in _BIDI:
            return char
    return None


def codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def forbidden_message(field: str, char: str) -> str:
    """The refusal of a text holding ``char``, naming the field."""
    return (
        f"Kolom {field} memuat karakter kendali atau pengarah teks ({codepoint(char)}) yang "
        "tidak diizinkan. Ketik ulang isinya tanpa menyalin dari sumber lain."
    )


def _tanggal(value: date) -> str:
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def date_message(field: str, value: date, earliest: date, latest: date) -> str:
    return (
        f"Kolom {field}: tanggal {_tanggal(value)} di luar rentang yang diizinkan "
        f"({_tanggal(earliest)} s.d. {_tanggal(latest)}). Periksa kembali tahunnya."
    )
