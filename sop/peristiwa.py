"""The one table of events: every chart event and every record kind a workflow commits.

A *peristiwa* is anything that gets a row in an SOP's (or a campaign's) event log: a move of
the Siklus SOP chart (``sop.lifecycle``), a record that leaves the SOP where it is (an answer to
a review, a training session ...) or a campaign record. Each has one row in ``SIFAT`` saying
who may perform it, where, through which update and route, whom it tells and what follows.
The rest of the code reads this table instead of keeping its own set or dict:

- ``sop.wewenang.tindakan_of`` (the kind of authority an event needs),
- ``sop.preconditions`` (the steps a record is allowed at, the refusal of an event sent through
  the generic action although it has its own update),
- ``sop.pemberitahuan`` (the notification subject of an event),
- the SOP workflow (events that ripple to related SOPs, that start a new cycle, that a campaign
  performs for the SOPs it creates).

Pure: no Temporal, no database. ``tests/test_peristiwa.py`` asserts that every chart event and
every kind a workflow commits has a row.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sop import lifecycle


class Tindakan(StrEnum):
    """Kinds of action on an SOP, each allowed to some roles (``sop.wewenang.ROLES_FOR``).

    Declared here, next to the events that need them, so the table can name them without
    importing the authority rules (which read the table); ``sop.wewenang`` re-exports it.
    """

    buat = "buat"
    langkah = "langkah"
    """Persiapan and penilaian kebutuhan steps."""
    draf = "draf"
    """Everything the drafting team records in penyusunan."""
    reviu = "reviu"
    """Answering, delegating or deciding a review round (the round checks the party)."""
    pengesahan = "pengesahan"
    """Signing or returning (Pasal 11 decides who)."""
    penerapan = "penerapan"
    paham = "paham"
    """A pelaksana of any target unit states they understood the SOP."""
    monitoring = "monitoring"
    evaluasi = "evaluasi"


class Peristiwa(StrEnum):
    """Every event and record kind, in the order of the Siklus SOP."""

    # Persiapan and penilaian kebutuhan (Lampiran I 1-2)
    dibuat = "dibuat"
    selesaikan_pengumpulan_data = "selesaikan_pengumpulan_data"
    selesaikan_persiapan = "selesaikan_persiapan"
    nyatakan_diperlukan = "nyatakan_diperlukan"
    tetapkan_daftar_sop = "tetapkan_daftar_sop"
    nyatakan_tidak_diperlukan = "nyatakan_tidak_diperlukan"
    # Penyusunan (Lampiran I 3, Pasal 7, 9 and 11)
    catatan_informasi = "catatan_informasi"
    selesaikan_pengumpulan_informasi = "selesaikan_pengumpulan_informasi"
    pilih_alternatif = "pilih_alternatif"
    konteks_penyusunan = "konteks_penyusunan"
    simpan_draf = "simpan_draf"
    pilihan_format = "pilihan_format"
    ajukan_reviu = "ajukan_reviu"
    jawaban_reviu = "jawaban_reviu"
    delegasi_reviu = "delegasi_reviu"
    perpanjangan_reviu = "perpanjangan_reviu"
    pengingat_reviu = "pengingat_reviu"
    batas_reviu_lewat = "batas_reviu_lewat"
    reviu_selesai = "reviu_selesai"
    perbaiki_tulisan = "perbaiki_tulisan"
    catatan_simulasi = "catatan_simulasi"
    kembali_ke_analisis = "kembali_ke_analisis"
    kembali_ke_pengumpulan_informasi = "kembali_ke_pengumpulan_informasi"
    ajukan_pengesahan = "ajukan_pengesahan"
    sahkan = "sahkan"
    kembalikan_ke_penulisan = "kembalikan_ke_penulisan"
    # Penerapan (Lampiran I 4.a-4.d)
    rencana_penerapan = "rencana_penerapan"
    sosialisasikan = "sosialisasikan"
    distribusikan = "distribusikan"
    mulai_pelatihan = "mulai_pelatihan"
    sesi_pelatihan = "sesi_pelatihan"
    berlakukan = "berlakukan"
    pernyataan_paham = "pernyataan_paham"
    # Monitoring dan evaluasi (Lampiran I 4.e, Pasal 12-13)
    catatan_monitoring = "catatan_monitoring"
    dasar_hukum_berubah = "dasar_hukum_berubah"
    pengingat_evaluasi = "pengingat_evaluasi"
    mulai_evaluasi = "mulai_evaluasi"
    evaluasi_jatuh_tempo = "evaluasi_jatuh_tempo"
    tetap_berlaku = "tetap_berlaku"
    revisi = "revisi"
    cabut = "cabut"
    # A drafting campaign's own log (Lampiran II.A)
    kampanye_dimulai = "kampanye_dimulai"
    kebutuhan_disampaikan = "kebutuhan_disampaikan"
    kebutuhan_diputuskan = "kebutuhan_diputuskan"
    kampanye_ditutup = "kampanye_ditutup"


class Jenis(StrEnum):
    langkah = "langkah"
    """A move of the chart (``sop.lifecycle``)."""
    catatan = "catatan"
    """A record of an SOP that leaves it at its step."""
    kampanye = "kampanye"
    """A record of a drafting campaign."""


ACT = "act"
"""The generic update (route ``POST /api/v1/sops/{sop_id}/actions/{event}``)."""

_SOP = "/api/v1/sops/{sop_id}"
_KAMPANYE = "/api/v1/campaigns"


@dataclass(frozen=True)
class Sifat:
    """The properties of one event or record kind."""

    jenis: Jenis
    tindakan: Tindakan | None
    """The authority it needs; ``None``: the system does it (a timer, a signal, the end of a
    round), or, for a campaign, the campaign's own rules (``sop.wewenang``) decide."""
    update: str | None = ACT
    """The workflow update (or signal) that commits it; ``None`` for the system's own."""
    rute: str | None = None
    """Its dedicated HTTP route, when it does not go through the generic action."""
    penolakan: str | None = None
    """Why the generic action refuses a chart event that has its own update."""
    langkah: frozenset[str] = frozenset()
    """For a record: the steps at which it may be made (empty: the update decides)."""
    subjek: str | None = None
    """Subject of the notification to the owning unit (``{nama}``: the SOP's name)."""
    juga_bagian_organisasi: bool = False
    """The notification also goes to the Bagian Organisasi."""
    riak: bool = False
    """The owners of SOPs that list this one under keterkaitan are told (Pasal 9 d)."""
    siklus_baru: bool = False
    """Ends the evaluation cycle: the workflow continues as new."""
    kampanye: bool = False
    """Done by a drafting campaign for the SOPs it creates (persiapan and penilaian)."""


DRAFT_STEPS: frozenset[str] = frozenset(
    {"pengumpulan_informasi", "analisis_alternatif", "penulisan"}
)
"""Steps of penyusunan (Lampiran I 3.a-3.c) in which the drafter may save a new draft.

Under review (3.d) and pengesahan (3.e) the circulated version is frozen, so that reviewers
and the official sign off exactly what they read.
"""

_REVIU = frozenset({"pengujian_reviu"})

_EVALUATION_FORM = (
    "Hasil evaluasi dicatat melalui formulir evaluasi (POST .../evaluations) yang "
    "memuat 7 pertanyaan substansi dan 6 pertanyaan proses (Lampiran I 4.e.b)."
)
_SIMULATION = (
    "Langkah ini ditentukan oleh hasil simulasi (Lampiran I 3.d.2-3): catat simulasi beserta "
    "hasilnya melalui POST .../simulations."
)

_L, _C, _K = Jenis.langkah, Jenis.catatan, Jenis.kampanye
_T = Tindakan
P = Peristiwa


# Short constructors keep the table one row per event.
def _step(tindakan: Tindakan | None, **sifat: Any) -> Sifat:
    return Sifat(_L, tindakan, **sifat)


def _record(
    tindakan: Tindakan | None, update: str | None, rute: str | None = None, **sifat: Any
) -> Sifat:
    return Sifat(_C, tindakan, update, rute, **sifat)


def _simulated(**sifat: Any) -> Sifat:
    sifat = {"penolakan": _SIMULATION, **sifat}
    return _step(_T.draf, update="record_simulation", rute=f"POST {_SOP}/simulations", **sifat)


def _evaluated(**sifat: Any) -> Sifat:
    return _step(
        _T.evaluasi,
        update="submit_evaluation",
        rute=f"POST {_SOP}/evaluations",
        penolakan=_EVALUATION_FORM,
        **sifat,
    )


SIFAT: dict[Peristiwa, Sifat] = {
    P.dibuat: _record(_T.buat, "register", "POST /api/v1/sops"),
    P.selesaikan_pengumpulan_data: _step(_T.langkah, kampanye=True),
    P.selesaikan_persiapan: _step(_T.langkah, kampanye=True),
    P.nyatakan_diperlukan: _step(_T.langkah, kampanye=True),
    P.tetapkan_daftar_sop: _step(_T.langkah, kampanye=True),
    P.nyatakan_tidak_diperlukan: _step(_T.langkah),
    # Lampiran I 3.a: information is gathered, also when review sends the drafter back.
    P.catatan_informasi: _record(
        _T.draf,
        "record_information",
        f"POST {_SOP}/informasi",
        langkah=frozenset({"pengumpulan_informasi"}),
    ),
    P.selesaikan_pengumpulan_informasi: _step(_T.draf),
    P.pilih_alternatif: _step(
        _T.draf,
        update="choose_alternative",
        rute=f"POST {_SOP}/alternatif",
        penolakan="Alternatif prosedur dipilih beserta alasannya (Lampiran I 3.b) "
        "melalui POST .../alternatif.",
    ),
    # Scope and context may be set until the draft leaves the drafter's hands.
    P.konteks_penyusunan: _record(
        _T.draf, "set_context", f"PUT {_SOP}/konteks", langkah=DRAFT_STEPS
    ),
    P.simpan_draf: _record(_T.draf, "save_draft", f"POST {_SOP}/versions", langkah=DRAFT_STEPS),
    # Pasal 7: the format is settled while writing.
    P.pilihan_format: _record(
        _T.draf, "choose_format", f"POST {_SOP}/format", langkah=frozenset({"penulisan"})
    ),
    P.ajukan_reviu: _step(
        _T.draf,
        update="submit_review",
        rute=f"POST {_SOP}/reviews",
        penolakan="Draf diedarkan untuk reviu (Lampiran I 3.d.1) melalui POST .../reviews "
        "dengan versi draf yang diedarkan.",
        subjek='Draf SOP "{nama}" diajukan untuk reviu',
    ),
    # Lampiran I 3.d: answers, delegations and the coordinator's decisions on a round, and
    # simulations that leave the SOP where it is.
    P.jawaban_reviu: _record(
        _T.reviu, "answer_review", f"POST {_SOP}/reviews/{{ronde}}/answers", langkah=_REVIU
    ),
    P.delegasi_reviu: _record(
        _T.reviu, "assign_review", f"POST {_SOP}/reviews/{{ronde}}/assign", langkah=_REVIU
    ),
    P.perpanjangan_reviu: _record(
        _T.reviu, "decide_round", f"POST {_SOP}/reviews/{{ronde}}/decision", langkah=_REVIU
    ),
    P.pengingat_reviu: _record(None, None),
    P.batas_reviu_lewat: _record(None, None),
    # The last answer, or the coordinator closing the round, ends it.
    P.reviu_selesai: _record(None, None),
    P.perbaiki_tulisan: _simulated(
        penolakan=_SIMULATION + " Hasil reviu yang meminta perbaikan mengembalikan "
        "draf ke penulisan dengan sendirinya."
    ),
    P.catatan_simulasi: _record(
        _T.draf, "record_simulation", f"POST {_SOP}/simulations", langkah=_REVIU
    ),
    P.kembali_ke_analisis: _simulated(),
    P.kembali_ke_pengumpulan_informasi: _simulated(),
    P.ajukan_pengesahan: _simulated(subjek='SOP "{nama}" menunggu pengesahan'),
    P.sahkan: _step(
        _T.pengesahan,
        update="decide_pengesahan",
        rute=f"POST {_SOP}/pengesahan",
        penolakan="Pengesahan dilakukan oleh pejabat pengesah (Pasal 11) melalui "
        "POST .../pengesahan dengan nomor dan tanggal keputusan.",
        subjek='SOP "{nama}" telah disahkan',
        juga_bagian_organisasi=True,
    ),
    P.kembalikan_ke_penulisan: _step(
        _T.pengesahan,
        update="decide_pengesahan",
        rute=f"POST {_SOP}/pengesahan",
        penolakan="Pejabat pengesah mengembalikan draf beserta alasannya melalui "
        "POST .../pengesahan.",
        subjek='SOP "{nama}" dikembalikan untuk diperbaiki',
    ),
    # Lampiran I 4.a: the plan is made while planning.
    P.rencana_penerapan: _record(
        _T.penerapan,
        "set_plan",
        f"POST {_SOP}/implementation-plan",
        langkah=frozenset({"perencanaan"}),
    ),
    P.sosialisasikan: _step(_T.penerapan),
    P.distribusikan: _step(_T.penerapan),
    P.mulai_pelatihan: _step(_T.penerapan),
    # Lampiran I 4.d: training sessions happen during pelatihan.
    P.sesi_pelatihan: _record(
        _T.penerapan, "record_training", f"POST {_SOP}/trainings", langkah=frozenset({"pelatihan"})
    ),
    P.berlakukan: _step(_T.penerapan, subjek='SOP "{nama}" mulai berlaku'),
    # A pelaksana can state they understood the SOP once it has been distributed.
    P.pernyataan_paham: _record(
        _T.paham,
        "acknowledge",
        f"POST {_SOP}/acknowledgements",
        langkah=frozenset({"distribusi", "pelatihan", "monitoring", "evaluasi"}),
    ),
    # Lampiran I 4.e.a: monitoring notes belong to the monev stage.
    P.catatan_monitoring: _record(
        _T.monitoring,
        "record_monitoring",
        f"POST {_SOP}/monitoring",
        langkah=frozenset({"monitoring", "evaluasi"}),
    ),
    # A signal, sent for every SOP citing the regulation (the route is the library's).
    P.dasar_hukum_berubah: _record(None, "dasar_hukum_changed", "POST /api/v1/regulation-changes"),
    P.pengingat_evaluasi: _record(None, None),
    P.mulai_evaluasi: _step(_T.evaluasi),
    # Sent by the workflow's timer, not by a person (``sop.lifecycle.SYSTEM_EVENTS``).
    P.evaluasi_jatuh_tempo: _step(
        None,
        update=None,
        subjek='Evaluasi SOP "{nama}" telah jatuh tempo (Pasal 13)',
        juga_bagian_organisasi=True,
    ),
    P.tetap_berlaku: _evaluated(siklus_baru=True),
    P.revisi: _evaluated(subjek='SOP "{nama}" masuk revisi', riak=True, siklus_baru=True),
    P.cabut: _evaluated(subjek='SOP "{nama}" dicabut', juga_bagian_organisasi=True, riak=True),
    P.kampanye_dimulai: Sifat(_K, None, "register", f"POST {_KAMPANYE}"),
    P.kebutuhan_disampaikan: Sifat(
        _K,
        _T.draf,
        "submit_kebutuhan",
        f"POST {_KAMPANYE}/{{campaign_id}}/units/{{unit_code}}/kebutuhan",
    ),
    P.kebutuhan_diputuskan: Sifat(
        _K, None, "decide", f"POST {_KAMPANYE}/{{campaign_id}}/kebutuhan/keputusan"
    ),
    P.kampanye_ditutup: Sifat(_K, None, "close", f"POST {_KAMPANYE}/{{campaign_id}}/tutup"),
}


def sifat(event: str) -> Sifat | None:
    """The row of ``event``; ``None`` for a name that is no event."""
    try:
        return SIFAT[Peristiwa(event)]
    except ValueError:
        return None


def _where(test: str) -> list[Peristiwa]:
    return [p for p, s in SIFAT.items() if getattr(s, test)]


RIPPLE_EVENTS: frozenset[str] = frozenset(_where("riak"))
"""A revised or retired SOP ripples to the SOPs that list it under keterkaitan."""

NEW_CYCLE_EVENTS: frozenset[str] = frozenset(_where("siklus_baru"))
"""Outcomes of monev after which the SOP starts a new cycle in a fresh run."""

CAMPAIGN_EVENTS: tuple[str, ...] = tuple(_where("kampanye"))
"""Persiapan and penilaian kebutuhan, as a campaign completes them, in the chart's order."""

RECORD_STEPS: dict[str, frozenset[str]] = {
    p: s.langkah for p, s in SIFAT.items() if s.jenis is Jenis.catatan and s.langkah
}
"""The steps at which each record kind may be made."""

DEDICATED_EVENTS: dict[str, str] = {p: s.penolakan for p, s in SIFAT.items() if s.penolakan}
"""Events that carry a record (a choice, a review, a simulation, a Keputusan, a form) and so
are performed only through their own update, never as a bare action."""


@dataclass(frozen=True)
class Jalur:
    """How a client performs one event: through ``act`` or through its own update and route."""

    event: str
    update: str
    rute: str

    @property
    def lewat_act(self) -> bool:
        return self.update == ACT


def jalur(event: str) -> Jalur | None:
    """How ``event`` is performed; ``None`` when no person performs it (a system event)."""
    row = sifat(event)
    if row is None or row.update is None or row.tindakan is None:
        return None
    rute = row.rute or f"POST {_SOP}/actions/{event}"
    return Jalur(event=event, update=row.update, rute=rute)


def jalur_for(events: Iterable[str]) -> list[Jalur]:
    """For each event (e.g. an SOP's ``allowed_events``): ``act`` or its dedicated endpoint."""
    found = (jalur(e) for e in events)
    return [j for j in found if j is not None]


def jalur_at(step: str) -> list[Jalur]:
    """The actions a person may take at ``step`` and how each is performed."""
    return jalur_for(lifecycle.allowed_user_events_at(step))
