"""The actor claim (``wire.klaim``): what the API signs and what the validators accept."""

import pytest

from sop.organisasi import Jabatan
from sop.peran import Peran
from wire import klaim
from wire.sop import Aktor, PenugasanAktor

KEY = "k" * 40
NOW = 1_800_000_000.0
AKTOR = Aktor(
    nama="H. Ahmad",
    jabatan="Plt. Kepala Bagian Umum",
    unit="UMUM",
    username="ahmad",
    peran=[Peran.pengesah],
    kode_jabatan=Jabatan.kepala_skpd,
    penugasan=PenugasanAktor(jenis="plt", nomor_keputusan="800/1/2026", sampai="2027-01-31"),
)


def test_a_signed_actor_is_good_and_survives_the_wire():
    signed = klaim.sign(AKTOR, KEY, now=NOW)
    assert klaim.refusal_with(signed, KEY.encode(), NOW + 5) is None
    # As the workflow receives it: decoded from JSON.
    decoded = Aktor.model_validate_json(signed.model_dump_json())
    assert klaim.refusal_with(decoded, KEY.encode(), NOW + 5) is None


@pytest.mark.parametrize(
    "change",
    [
        {"nama": "Orang Tak Dikenal"},
        {"unit": "DINKES"},
        {"kode_jabatan": Jabatan.bupati},
        {"jabatan": "Bupati"},
        {"username": "orang"},
        {"peran": [Peran.pengesah, Peran.koordinator]},
        {"penugasan": None},
    ],
)
def test_any_change_after_signing_breaks_the_claim(change):
    tampered = klaim.sign(AKTOR, KEY, now=NOW).model_copy(update=change)
    assert "tidak sah" in (klaim.refusal_with(tampered, KEY.encode(), NOW) or "")


def test_unsigned_other_key_malformed_stale_and_future_claims_are_refused():
    assert "tidak ditandatangani" in (klaim.refusal_with(AKTOR, KEY.encode(), NOW) or "")
    other = klaim.sign(AKTOR, "x" * 40, now=NOW)
    assert "tidak sah" in (klaim.refusal_with(other, KEY.encode(), NOW) or "")
    for bad in ("", "abc", "123.", ".deadbeef", "12x.ab"):
        malformed = AKTOR.model_copy(update={"klaim": bad or None})
        assert klaim.refusal_with(malformed, KEY.encode(), NOW)
    signed = klaim.sign(AKTOR, KEY, now=NOW)
    stale = klaim.refusal_with(signed, KEY.encode(), NOW + klaim.MAX_AGE_SECONDS + 1)
    assert "kedaluwarsa" in (stale or "")
    future = klaim.refusal_with(signed, KEY.encode(), NOW - klaim.MAX_SKEW_SECONDS - 1)
    assert "Waktu" in (future or "")


def test_without_a_key_the_worker_refuses_everyone():
    signed = klaim.sign(AKTOR, KEY, now=NOW)
    assert "ACTOR_CLAIM_KEY" in (klaim.refusal_with(signed, None, NOW) or "")


def test_short_keys_are_refused():
    with pytest.raises(klaim.KunciKlaimTidakSah, match="ACTOR_CLAIM_KEY"):
        klaim.sign(AKTOR, "pendek")
    with pytest.raises(klaim.KunciKlaimTidakSah):
        klaim.configure("pendek")


def test_the_api_signs_the_actor_of_a_signed_in_user(monkeypatch):
    from api.actor_claim import MissingActorClaimKey, signed_aktor
    from config import get_settings

    monkeypatch.setenv("ACTOR_CLAIM_KEY", KEY)
    get_settings.cache_clear()
    try:
        aktor = signed_aktor(AKTOR)
        assert klaim.refusal_with(aktor, KEY.encode(), float(aktor.klaim.split(".")[0])) is None
        monkeypatch.setenv("ACTOR_CLAIM_KEY", "")
        get_settings.cache_clear()
        with pytest.raises(MissingActorClaimKey, match="ACTOR_CLAIM_KEY"):
            signed_aktor(AKTOR)
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
