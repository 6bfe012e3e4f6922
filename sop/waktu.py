"""Mutu baku waktu (Lampiran II.C.3 column "Waktu"): "30 Menit", "1 Hari", "2 Jam" ...

Working-time convention, stated once so every total agrees: a day ("Hari") is one working day
of 7.5 hours (37.5 hours over a 5-day week, the civil-service working week); a week ("Minggu")
is 5 working days; a month ("Bulan") is 22 working days.
"""

import re
from datetime import timedelta, timezone
from enum import StrEnum

from pydantic import ConfigDict, Field, model_validator

from sop.strict import ClosedModel

MINUTES_PER_WORKING_DAY = 450  # 7.5 hours

WITA = timezone(timedelta(hours=8), "WITA")
"""Kabupaten Balangan's time zone (Asia/Makassar, UTC+8, no daylight saving). A fixed offset,
so workflows need no time-zone database."""


class SatuanWaktu(StrEnum):
    menit = "Menit"
    jam = "Jam"
    hari = "Hari"
    minggu = "Minggu"
    bulan = "Bulan"


_MINUTES: dict[SatuanWaktu, float] = {
    SatuanWaktu.menit: 1,
    SatuanWaktu.jam: 60,
    SatuanWaktu.hari: MINUTES_PER_WORKING_DAY,
    SatuanWaktu.minggu: 5 * MINUTES_PER_WORKING_DAY,
    SatuanWaktu.bulan: 22 * MINUTES_PER_WORKING_DAY,
}

_ALIASES: dict[str, SatuanWaktu] = {
    "menit": SatuanWaktu.menit,
    "mnt": SatuanWaktu.menit,
    "jam": SatuanWaktu.jam,
    "hari": SatuanWaktu.hari,
    "hr": SatuanWaktu.hari,
    "minggu": SatuanWaktu.minggu,
    "pekan": SatuanWaktu.minggu,
    "bulan": SatuanWaktu.bulan,
}

_PATTERN = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([A-Za-z]+)\s*$")


class WaktuTidakTerbaca(ValueError):
    """Raised for a waktu text that cannot be read; the message tells the user what to write."""


def parse_waktu(text: str) -> tuple[float, SatuanWaktu]:
    match = _PATTERN.match(text)
    unit = _ALIASES.get(match.group(2).lower()) if match else None
    if match is None or unit is None:
        raise WaktuTidakTerbaca(
            f"waktu {text!r} tidak terbaca; tulis angka dan satuan, "
            "misalnya '30 Menit', '2 Jam' atau '1 Hari'"
        )
    amount = float(match.group(1).replace(",", "."))
    if amount <= 0:
        raise WaktuTidakTerbaca(f"waktu {text!r} harus lebih dari nol")
    return amount, unit


class Waktu(ClosedModel):
    """A parsed duration. Accepts the text form ("30 Menit") wherever a Waktu is expected."""

    model_config = ConfigDict(frozen=True)

    jumlah: float = Field(gt=0)
    satuan: SatuanWaktu

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        if isinstance(value, str):
            amount, unit = parse_waktu(value)
            return {"jumlah": amount, "satuan": unit}
        return value

    @property
    def menit(self) -> float:
        """Length in working minutes, under the convention of this module."""
        return self.jumlah * _MINUTES[self.satuan]

    def __str__(self) -> str:
        amount = int(self.jumlah) if self.jumlah == int(self.jumlah) else self.jumlah
        return f"{amount} {self.satuan.value}"
