"""Pasal 13 ayat (1): when the next evaluation of an SOP is due.

    (1) Dalam rangka efisiensi dan efektivitas atas pelaksanaan SOP, dilakukan evaluasi secara
        berkala paling sedikit 1 (satu) kali dalam 2 (dua) tahun.

"Paling sedikit satu kali dalam dua tahun" sets a maximum interval of 24 months; a unit may
evaluate more often (a shorter interval), never less often. The interval runs from the date the
SOP took effect (tanggal berlaku) or from its last evaluation, in calendar months; when the
target month is shorter the day is clamped to its last day (29 Feb 2028 + 24 months ->
28 Feb 2030; 31 Jan + 1 month -> 28/29 Feb).
"""

import calendar
from datetime import date

MAX_EVALUATION_INTERVAL_MONTHS = 24
"""Pasal 13 ayat (1): at least once every two years."""

MIN_EVALUATION_INTERVAL_MONTHS = 1


def add_months(base: date, months: int) -> date:
    """``base`` plus ``months`` calendar months, the day clamped to the target month's end."""
    index = base.year * 12 + (base.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    day = min(base.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def evaluation_due(base: date, interval_months: int = MAX_EVALUATION_INTERVAL_MONTHS) -> date:
    """The date the next evaluation is due: ``base`` (tanggal berlaku or last evaluation) plus
    ``interval_months``.

    Raises ``ValueError`` (Indonesian message) unless ``1 <= interval_months <= 24``.
    """
    if (
        isinstance(interval_months, bool)
        or not isinstance(interval_months, int)
        or not MIN_EVALUATION_INTERVAL_MONTHS <= interval_months <= MAX_EVALUATION_INTERVAL_MONTHS
    ):
        raise ValueError(
            f"interval evaluasi harus bilangan bulat {MIN_EVALUATION_INTERVAL_MONTHS} sampai "
            f"{MAX_EVALUATION_INTERVAL_MONTHS} bulan, bukan {interval_months!r}: Pasal 13 ayat (1) "
            "mewajibkan evaluasi paling sedikit 1 (satu) kali dalam 2 (dua) tahun"
        )
    return add_months(base, interval_months)
