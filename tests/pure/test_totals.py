"""Total mutu baku waktu of an SOP (sop.totals, working-time convention of sop.waktu)."""

from pathlib import Path

import pytest

from sop.document import SopDocument
from sop.fixtures import lampiran_2e_example
from sop.totals import format_working_minutes, total_waktu

FIXTURES = Path(__file__).parents[1] / "support" / "fixtures"


def test_lampiran_2e_total() -> None:
    # 30 + 30 + 450 + 60 + 4 x 450 minutes; step 1 has no waktu.
    total = total_waktu(lampiran_2e_example())
    assert total.menit == 2370
    assert total.teks == "5 Hari 2 Jam"
    assert total.langkah_berwaktu == 8


def test_fixture_with_keputusan_total() -> None:
    doc = SopDocument.model_validate_json((FIXTURES / "keputusan_izin_usaha.json").read_text())
    total = total_waktu(doc)
    assert total.menit == 30 + 30 + 900 + 450 + 60 + 30
    assert total.teks == "3 Hari 2 Jam 30 Menit"


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 Menit"),
        (30, "30 Menit"),
        (60, "1 Jam"),
        (450, "1 Hari"),
        (1110, "2 Hari 3 Jam 30 Menit"),
        (451, "1 Hari 1 Menit"),
        (59.6, "1 Jam"),
        (449.4, "7 Jam 29 Menit"),
    ],
)
def test_format_working_minutes(minutes: float, text: str) -> None:
    assert format_working_minutes(minutes) == text


def test_weeks_and_months_use_working_days() -> None:
    data = lampiran_2e_example().model_dump(mode="json")
    for step in data["langkah"]:
        step["mutu_baku"]["waktu"] = None
    data["langkah"][1]["mutu_baku"]["waktu"] = "1 Minggu"
    data["langkah"][2]["mutu_baku"]["waktu"] = "1 Bulan"
    total = total_waktu(SopDocument.model_validate(data))
    assert total.menit == 27 * 450
    assert total.teks == "27 Hari"
    assert total.langkah_berwaktu == 2


def test_no_waktu_at_all() -> None:
    data = lampiran_2e_example().model_dump(mode="json")
    for step in data["langkah"]:
        step["mutu_baku"]["waktu"] = None
    total = total_waktu(SopDocument.model_validate(data))
    assert (total.menit, total.teks, total.langkah_berwaktu) == (0, "0 Menit", 0)
