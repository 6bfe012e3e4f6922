"""Typed payloads (wire/payloads.py) write exactly the JSON the dicts wrote, and read it back."""

import base64
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sop.document import FormatSop
from sop.penyusunan import PilihanFormat
from sop.peristiwa import Peristiwa
from sop.reviu import JawabanReviu, KeputusanReviu, KomentarReviu, RondeReviu, TugasReviu
from sop.simulasi import HasilSimulasi
from tests.support.lifecycle_driver import simulation
from wire.payloads import (
    PAYLOADS,
    DelegasiReviuPayload,
    FormatPayload,
    HasilSimulasiPayload,
    JawabanReviuPayload,
    PengajuanReviuPayload,
    PengesahanPayload,
    PerbaikanReviuPayload,
    PerpanjanganReviuPayload,
    SimulasiPayload,
    parse_payload,
    simulasi_of,
)
from wire.sop import PenugasanAktor

HISTORIES = sorted((Path(__file__).parents[1] / "histories").glob("*.json"))


def _records(path: Path) -> Iterator[dict]:
    """Every TransitionRecord a recorded history sent to the projection activities."""
    history = json.loads(path.read_text(encoding="utf-8"))
    for event in history["events"]:
        scheduled = event.get("activityTaskScheduledEventAttributes")
        if not scheduled:
            continue
        name = scheduled["activityType"]["name"]
        if name not in ("record_transition", "record_transitions"):
            continue
        for payload in scheduled["input"]["payloads"]:
            data = json.loads(base64.b64decode(payload["data"]))
            yield from data["records"] if name == "record_transitions" else [data]


def test_every_payload_kind_is_an_event() -> None:
    assert set(PAYLOADS) <= {p.value for p in Peristiwa}


@pytest.mark.parametrize("path", HISTORIES, ids=lambda p: p.stem)
def test_recorded_payloads_parse_back_unchanged(path: Path) -> None:
    for record in _records(path):
        payload = record["payload"]
        parsed = parse_payload(record["event"], payload)
        if payload is None:
            continue
        assert parsed is not None, record["event"]
        assert parsed.model_dump(mode="json", exclude_unset=True) == payload, record["event"]


def test_dates_and_times_keep_their_text() -> None:
    batas = datetime(2029, 2, 20, 0, 11, 52, 868000, tzinfo=UTC)
    dumped = PerpanjanganReviuPayload(ronde=2, batas_waktu=batas).model_dump(mode="json")
    assert dumped == {"ronde": 2, "batas_waktu": batas.isoformat()}
    penugasan = PenugasanAktor(jenis="plt", nomor_keputusan="821/7", sampai=date(2026, 12, 31))
    signed = PengesahanPayload(
        versi=1,
        revisi=0,
        nomor_keputusan="188.45/1/2026",
        tanggal_keputusan=date(2026, 11, 26),
        pejabat="Drs. Yusuf",
        jabatan="Plt. Kepala Bagian Umum",
        penugasan=penugasan,
    ).model_dump(mode="json")
    assert signed == {
        "versi": 1,
        "revisi": 0,
        "nomor_keputusan": "188.45/1/2026",
        "tanggal_keputusan": date(2026, 11, 26).isoformat(),
        "pejabat": "Drs. Yusuf",
        "jabatan": "Plt. Kepala Bagian Umum",
        "penugasan": penugasan.model_dump(mode="json"),
    }


def test_spread_payloads_equal_the_dicts_they_replace() -> None:
    pilihan = PilihanFormat(format=FormatSop.diagram_alir, alasan="Diminta pimpinan.")
    chosen = FormatPayload(
        **dict(pilihan),
        versi=1,
        rekomendasi=FormatSop.langkah_sederhana,
        rekomendasi_alasan="Pasal 7",
        mengikuti_rekomendasi=False,
    ).model_dump(mode="json")
    assert chosen == {
        **pilihan.model_dump(mode="json"),
        "versi": 1,
        "rekomendasi": "langkah_sederhana",
        "rekomendasi_alasan": "Pasal 7",
        "mengikuti_rekomendasi": False,
    }
    jawaban = JawabanReviu(
        keputusan=KeputusanReviu.perlu_perbaikan, komentar=[KomentarReviu(langkah=3, teks="Paraf.")]
    )
    answered = JawabanReviuPayload(ronde=1, versi=1, pihak="KEU", **dict(jawaban))
    assert answered.model_dump(mode="json") == {
        "ronde": 1,
        "versi": 1,
        "pihak": "KEU",
        **jawaban.model_dump(mode="json"),
    }
    catatan = simulation(HasilSimulasi.kembali_ke_analisis)
    flat = SimulasiPayload(versi=2, **dict(catatan)).model_dump(mode="json")
    assert flat == {"versi": 2, **catatan.model_dump(mode="json")}
    delegated = DelegasiReviuPayload(ronde=1, pihak="UMUM", kepada="dewi", kepada_nama="Dewi")
    assert set(delegated.model_dump()) == {"ronde", "pihak", "kepada", "kepada_nama"}
    now = datetime(2029, 2, 13, tzinfo=UTC)
    ronde = RondeReviu(
        nomor=1,
        versi=1,
        dibuka=now,
        batas_waktu=now + timedelta(days=7),
        tugas=[TugasReviu(pihak="UMUM")],
    )
    assert PengajuanReviuPayload(ronde=ronde).model_dump(mode="json") == {
        "ronde": ronde.model_dump(mode="json")
    }


def test_both_shapes_of_a_simulation_and_of_perbaiki_tulisan_parse() -> None:
    catatan = simulation(HasilSimulasi.perbaiki_tulisan)
    flat = SimulasiPayload(versi=1, **dict(catatan)).model_dump(mode="json")
    nested = {"simulasi": flat}
    assert isinstance(parse_payload("perbaiki_tulisan", nested), HasilSimulasiPayload)
    assert simulasi_of("perbaiki_tulisan", nested) == simulasi_of("catatan_simulasi", flat)
    review = {
        "ronde": 1,
        "versi": 1,
        "hasil": "perlu_perbaikan",
        "tidak_menjawab": [],
        "komentar": [{"pihak": "KEU", "langkah": None, "teks": "Perjelas."}],
    }
    assert isinstance(parse_payload("perbaiki_tulisan", review), PerbaikanReviuPayload)
    assert simulasi_of("perbaiki_tulisan", review) is None
    assert parse_payload("berlakukan", None) is None
    # Early approvals named neither the person nor the office in the payload.
    early = {"versi": 2, "revisi": 0, "nomor_keputusan": "1", "tanggal_keputusan": "2026-11-25"}
    parsed = parse_payload("sahkan", early)
    assert isinstance(parsed, PengesahanPayload) and parsed.pejabat is None
