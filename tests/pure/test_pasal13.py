"""Pasal 13 ayat (1): evaluation at least once every two years."""

from datetime import date

import pytest

from sop.pasal13 import MAX_EVALUATION_INTERVAL_MONTHS, add_months, evaluation_due


def test_max_interval_is_two_years() -> None:
    assert MAX_EVALUATION_INTERVAL_MONTHS == 24


@pytest.mark.parametrize(
    ("base", "interval", "due"),
    [
        # default: two years
        (date(2024, 1, 15), None, date(2026, 1, 15)),
        (date(2024, 7, 1), None, date(2026, 7, 1)),
        # leap day clamps to 28 Feb in a common year
        (date(2028, 2, 29), None, date(2030, 2, 28)),
        (date(2028, 2, 29), 24, date(2030, 2, 28)),
        # from a leap day
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2027, 2, 28), 12, date(2028, 2, 28)),
        # shorter intervals are allowed
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 12, 31), 12, date(2025, 12, 31)),
        (date(2024, 5, 10), 23, date(2026, 4, 10)),
    ],
)
def test_evaluation_due(base: date, interval: int | None, due: date) -> None:
    result = evaluation_due(base) if interval is None else evaluation_due(base, interval)
    assert result == due


@pytest.mark.parametrize("interval", [0, -1, 25, 36, 120])
def test_interval_outside_1_to_24_is_refused(interval: int) -> None:
    with pytest.raises(ValueError, match=r"Pasal 13 ayat \(1\)") as raised:
        evaluation_due(date(2024, 1, 1), interval)
    assert "paling sedikit 1 (satu) kali dalam 2 (dua) tahun" in str(raised.value)


@pytest.mark.parametrize("interval", [True, 12.0, "12"])
def test_interval_must_be_an_integer(interval: object) -> None:
    with pytest.raises(ValueError, match="bilangan bulat"):
        evaluation_due(date(2024, 1, 1), interval)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("base", "months", "result"),
    [
        (date(2024, 1, 31), 0, date(2024, 1, 31)),
        (date(2024, 1, 31), 13, date(2025, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 1, 15), -13, date(2022, 12, 15)),
    ],
)
def test_add_months(base: date, months: int, result: date) -> None:
    assert add_months(base, months) == result
