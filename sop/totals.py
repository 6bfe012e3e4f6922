"""Total mutu baku waktu of an SOP (Lampiran II.C.3 column 6, "Waktu").

The total is the plain sum of the steps' waktu, as the regulation's table is read from top to
bottom; steps without waktu (usually the start terminator) are left out. Units are converted with
the working-time convention of ``sop.waktu`` (1 Hari = 7.5 jam kerja, 1 Minggu = 5 Hari,
1 Bulan = 22 Hari) and the text is written back in working days, hours and minutes.
"""

from pydantic import BaseModel

from sop.document import SopDocument
from sop.waktu import MINUTES_PER_WORKING_DAY


class TotalWaktu(BaseModel):
    """Sum of the steps' waktu: ``menit`` in working minutes, ``teks`` for people."""

    menit: float
    teks: str
    langkah_berwaktu: int


def total_waktu(doc: SopDocument) -> TotalWaktu:
    """The total working time of ``doc``; steps without waktu are ignored."""
    times = [step.mutu_baku.waktu for step in doc.langkah if step.mutu_baku.waktu is not None]
    minutes = sum(waktu.menit for waktu in times)
    return TotalWaktu(
        menit=minutes, teks=format_working_minutes(minutes), langkah_berwaktu=len(times)
    )


def format_working_minutes(minutes: float) -> str:
    """``2 Hari 3 Jam 30 Menit`` for 1110 minutes; zero parts are left out, 0 is ``0 Menit``.

    Minutes are rounded to the nearest whole minute; a day is one working day of 7.5 hours.
    """
    remaining = round(minutes)
    days, remaining = divmod(remaining, MINUTES_PER_WORKING_DAY)
    hours, mins = divmod(remaining, 60)
    parts = [
        f"{value} {unit}"
        for value, unit in ((days, "Hari"), (hours, "Jam"), (mins, "Menit"))
        if value
    ]
    return " ".join(parts) or "0 Menit"
