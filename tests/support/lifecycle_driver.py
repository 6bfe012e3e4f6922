"""Test helpers that drive SopLifecycleWorkflow directly through a Temporal client."""

import asyncio
from dataclasses import dataclass
from datetime import date
from typing import Any

from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle

from config import get_settings
from sop import lifecycle
from sop.document import FormatSop
from sop.evaluasi import Evaluator, FormEvaluasi, HasilEvaluasi, Jawaban
from sop.fixtures import lampiran_2e_example
from sop.organisasi import Jabatan
from sop.penerapan import RencanaPenerapan, SesiPelatihan
from sop.penyusunan import (
    Alternatif,
    CatatanInformasi,
    KonteksPenyusunan,
    PilihanAlternatif,
    PilihanFormat,
    TeknikPengumpulan,
)
from sop.peran import Peran
from sop.peristiwa import CAMPAIGN_EVENTS
from sop.reviu import JawabanReviu, KeputusanReviu
from sop.simulasi import CatatanSimulasi, HasilSimulasi, LangkahSimulasi
from wire.penyusunan import (
    AlternatifInput,
    FormatInput,
    InformasiInput,
    KonteksInput,
    PengesahanInput,
    ReviewAnswerInput,
    SimulationInput,
    SubmitReviewInput,
)
from wire.sop import (
    ActionInput,
    ActionResult,
    Aktor,
    EvaluationInput,
    PlanInput,
    RegisterInput,
    SaveDraftInput,
    SopState,
    TrainingInput,
)
from workflows.history_export import export_workflow_id
from workflows.sop_lifecycle import SopLifecycleWorkflow, workflow_id_for

AKTOR = Aktor(
    nama="Rina Penyusun",
    nip="199001012015022001",
    jabatan="Analis",
    unit="UMUM",
    username="rina",
    peran=[Peran.penyusun, Peran.pelaksana],
)
REVIEWER_UMUM = Aktor(
    nama="Budi Pereviu",
    jabatan="Kepala Subbagian",
    unit="UMUM",
    username="budi",
    peran=[Peran.reviewer],
)
KOORDINATOR = Aktor(
    nama="Sari Koordinator",
    jabatan="Kepala Bagian Organisasi",
    unit="ORG",
    username="sari",
    peran=[Peran.koordinator, Peran.reviewer],
)
KABAG_UMUM = Aktor(
    nama="H. Ahmad",
    jabatan="Kepala Bagian Umum",
    unit="UMUM",
    username="ahmad",
    peran=[Peran.pengesah],
    kode_jabatan=Jabatan.kepala_skpd,
)
"""The drafter, a reviewer, the coordinator and the official of Pasal 11 ayat (1) for an
SOP within the Bagian Umum (a unit kerja of the Setda)."""

KONTEKS = KonteksPenyusunan(
    tugas_pokok_fungsi="Pelayanan administrasi persuratan Sekretariat Daerah",
    tidak_ada_keterkaitan=True,
    identifikasi_kebutuhan="IK-UMUM-2026-01",
)
INFORMASI = CatatanInformasi(
    teknik=TeknikPengumpulan.wawancara,
    tanggal=date(2026, 11, 2),
    peserta=["Kasubbag TU", "Staf persuratan"],
    temuan="Surat masuk dicatat dua kali.",
)


def simulation(hasil: HasilSimulasi = HasilSimulasi.lanjut_pengesahan) -> CatatanSimulasi:
    return CatatanSimulasi(
        tanggal=date(2026, 11, 20),
        peserta=["Staf", "Kasubbag"],
        langkah=[LangkahSimulasi(no=1, waktu_nyata="20 Menit")],
        temuan="Langkah 1 lebih cepat dari mutu baku.",
        hasil=hasil,
    )


@dataclass(frozen=True)
class Move:
    """One update on the way through penyusunan, and the events it records."""

    events: tuple[str, ...]
    update: Any
    arg: Any


def moves_to_penulisan(unit: str = "UMUM") -> list[Move]:
    """From pengumpulan_data (a fresh SOP) to penulisan, each step with its record."""
    drafter = penyusun_of(unit)
    moves = [
        Move((e,), SopLifecycleWorkflow.act, ActionInput(event=e, aktor=drafter))
        for e in PERSIAPAN_EVENTS
    ]
    return [
        *moves,
        Move(
            ("catatan_informasi",),
            SopLifecycleWorkflow.record_information,
            InformasiInput(aktor=drafter, catatan=INFORMASI),
        ),
        Move(
            ("selesaikan_pengumpulan_informasi",),
            SopLifecycleWorkflow.act,
            ActionInput(event="selesaikan_pengumpulan_informasi", aktor=drafter),
        ),
        Move(
            ("pilih_alternatif",),
            SopLifecycleWorkflow.choose_alternative,
            AlternatifInput(
                aktor=drafter,
                pilihan=PilihanAlternatif(
                    alternatif=Alternatif.standardisasi_prosedur,
                    alasan="Prosedur sudah berjalan tetapi belum dibakukan.",
                ),
            ),
        ),
    ]


def penyusun_of(unit: str) -> Aktor:
    if unit == "UMUM":
        return AKTOR
    return AKTOR.model_copy(update={"unit": unit, "username": f"penyusun-{unit}"})


def reviewer_of(unit: str) -> Aktor:
    if unit == "UMUM":
        return REVIEWER_UMUM
    return REVIEWER_UMUM.model_copy(update={"unit": unit, "username": f"pereviu-{unit}"})


def kepala_of(unit: str) -> Aktor:
    """The head of a unit kerja (Pasal 11 ayat (1)) for an SOP within it."""
    if unit == "UMUM":
        return KABAG_UMUM
    return KABAG_UMUM.model_copy(
        update={"unit": unit, "username": f"kepala-{unit}", "jabatan": f"Kepala {unit}"}
    )


def review_moves(unit: str, ronde: int, version: int) -> list[Move]:
    """Submit ``version`` to the unit and the coordinator; both agree."""
    answers = [
        Move(
            ("jawaban_reviu",),
            SopLifecycleWorkflow.answer_review,
            ReviewAnswerInput(
                aktor=reviewer_of(unit),
                ronde=ronde,
                pihak=unit,
                jawaban=JawabanReviu(keputusan=KeputusanReviu.setuju),
            ),
        ),
        Move(
            ("jawaban_reviu", "reviu_selesai"),
            SopLifecycleWorkflow.answer_review,
            ReviewAnswerInput(
                aktor=KOORDINATOR,
                ronde=ronde,
                pihak="ORG",
                jawaban=JawabanReviu(keputusan=KeputusanReviu.setuju),
            ),
        ),
    ]
    if unit == "ORG":
        answers = answers[1:]
    drafter = penyusun_of(unit)
    return [
        Move(
            ("ajukan_reviu",),
            SopLifecycleWorkflow.submit_review,
            SubmitReviewInput(
                aktor=drafter, versi=version, pihak=list(dict.fromkeys([unit, "ORG"]))
            ),
        ),
        *answers,
    ]


def moves_penulisan_to_pengesahan(
    unit: str = "UMUM", version: int = 1, rounds_before: int = 0
) -> list[Move]:
    """Save a draft, set the context and format, review it (approved), simulate it, sign."""
    ronde = rounds_before + 1
    drafter = penyusun_of(unit)
    return [
        Move(
            ("simpan_draf",),
            SopLifecycleWorkflow.save_draft,
            SaveDraftInput(aktor=drafter, document=lampiran_2e_example()),
        ),
        Move(
            ("konteks_penyusunan",),
            SopLifecycleWorkflow.set_context,
            KonteksInput(aktor=drafter, konteks=KONTEKS),
        ),
        Move(
            ("pilihan_format",),
            SopLifecycleWorkflow.choose_format,
            FormatInput(
                aktor=drafter,
                pilihan=PilihanFormat(
                    format=FormatSop.diagram_alir, alasan="Pimpinan meminta bentuk diagram alir."
                ),
            ),
        ),
        *review_moves(unit, ronde, version),
        Move(
            ("ajukan_pengesahan",),
            SopLifecycleWorkflow.record_simulation,
            SimulationInput(aktor=drafter, catatan=simulation()),
        ),
        Move(
            ("sahkan",),
            SopLifecycleWorkflow.decide_pengesahan,
            PengesahanInput(
                aktor=kepala_of(unit),
                keputusan="sahkan",
                nomor_keputusan="188.45/012/UMUM/2026",
                tanggal_keputusan=date(2026, 11, 25),
            ),
        ),
    ]


PERSIAPAN_EVENTS = list(CAMPAIGN_EVENTS)  # the steps a campaign takes for its SOPs too
TO_PENULISAN = [e for m in moves_to_penulisan() for e in m.events]
PENYUSUNAN_EVENTS = [e for m in moves_penulisan_to_pengesahan() for e in m.events]
PENERAPAN_EVENTS = [
    "rencana_penerapan",
    "sosialisasikan",
    "distribusikan",
    "mulai_pelatihan",
    "sesi_pelatihan",
    "berlakukan",
]


async def run_moves(handle: WorkflowHandle, moves: list[Move]) -> ActionResult:
    result = None
    for move in moves:
        result = await handle.execute_update(move.update, move.arg)
    assert result is not None
    return result


RENCANA = RencanaPenerapan(
    unit_sasaran=["UMUM", "ORG"], pelaksana=["Staf", "Kasubbag"], perlu_pelatihan=True
)


def evaluation_form(hasil: HasilEvaluasi, tanggal: date | None = None) -> FormEvaluasi:
    return FormEvaluasi(
        tanggal=tanggal or date(2026, 11, 27),
        evaluator=Evaluator.bagian_organisasi,
        nama_evaluator="Bagian Organisasi Setda",
        penyusun_terlibat="Rina Penyusun",
        substansi=[Jawaban(nilai=4) for _ in range(7)],
        proses=[Jawaban(nilai=3, catatan="cukup") for _ in range(6)],
        hasil=hasil,
    )


_UNIT_OF: dict[str, str] = {}
"""Owning unit of each SOP started here, so the helpers act as that unit's drafter."""


def drafter(handle: WorkflowHandle) -> Aktor:
    return penyusun_of(_UNIT_OF.get(handle.id, "UMUM"))


async def start_sop(client: Client, sop_id: str, unit_code: str = "UMUM") -> WorkflowHandle:
    _UNIT_OF[workflow_id_for(sop_id)] = unit_code
    handle = await client.start_workflow(
        SopLifecycleWorkflow.run,
        SopState(
            sop_id=sop_id,
            unit_code=unit_code,
            nama_sop="Pelayanan Administrasi Surat Masuk dan Surat Keluar",
            step=lifecycle.initial_step(),
            unit_jenis="bagian",
        ),
        id=workflow_id_for(sop_id),
        task_queue=get_settings().task_queue,
    )
    await handle.execute_update(
        SopLifecycleWorkflow.register, RegisterInput(aktor=penyusun_of(unit_code)), id="register"
    )
    return handle


async def act(handle: WorkflowHandle, event: str, update_id: str | None = None) -> ActionResult:
    return await handle.execute_update(
        SopLifecycleWorkflow.act, ActionInput(event=event, aktor=drafter(handle)), id=update_id
    )


async def next_run(client: Client, handle: WorkflowHandle, run_id: str) -> WorkflowHandle:
    """The handle of the run that follows ``run_id``, once that run has continued as new.

    An update answers before its run closes; querying in between can hit the closing run.
    """
    old = client.get_workflow_handle(handle.id, run_id=run_id)
    await _closed(old)
    # Let the closed run's history export finish in real time too: on the time-skipping
    # server a later sleep would skip past its activity timeout while it is still working.
    await _closed(client.get_workflow_handle(export_workflow_id(run_id)))
    return client.get_workflow_handle(handle.id)


async def _closed(handle: WorkflowHandle) -> None:
    for _ in range(200):
        if (await handle.describe()).status != WorkflowExecutionStatus.RUNNING:
            return
        await asyncio.sleep(0.05)


async def evaluate(handle: WorkflowHandle, hasil: HasilEvaluasi) -> ActionResult:
    return await handle.execute_update(
        SopLifecycleWorkflow.submit_evaluation,
        EvaluationInput(aktor=drafter(handle), form=evaluation_form(hasil)),
    )


async def step(handle: WorkflowHandle, event: str) -> ActionResult:
    """An action, or one of the records that penerapan requires on the way."""
    if event == "rencana_penerapan":
        return await handle.execute_update(
            SopLifecycleWorkflow.set_plan, PlanInput(aktor=drafter(handle), rencana=RENCANA)
        )
    if event == "sesi_pelatihan":
        sesi = SesiPelatihan(tanggal=date(2026, 12, 1), tempat="Aula Setda", peserta=["Ani"])
        return await handle.execute_update(
            SopLifecycleWorkflow.record_training, TrainingInput(aktor=drafter(handle), sesi=sesi)
        )
    return await act(handle, event)


async def save_draft(handle: WorkflowHandle) -> ActionResult:
    return await handle.execute_update(
        SopLifecycleWorkflow.save_draft,
        SaveDraftInput(aktor=AKTOR, document=lampiran_2e_example()),
    )


async def drive_to_penulisan(handle: WorkflowHandle) -> ActionResult:
    return await run_moves(handle, moves_to_penulisan())


async def drive_to_berlaku(handle: WorkflowHandle) -> ActionResult:
    await drive_to_penulisan(handle)
    await run_moves(handle, moves_penulisan_to_pengesahan())
    result = None
    for event in PENERAPAN_EVENTS:
        result = await step(handle, event)
    assert result is not None
    return result


async def settle(handle: WorkflowHandle, condition, seconds: float = 10.0):  # type: ignore[no-untyped-def]
    """Poll the view until ``condition(view)`` holds: after a time skip, the timers have fired
    but their workflow tasks and activities may still be running."""
    view = None
    for _ in range(int(seconds / 0.05)):
        view = await handle.query(SopLifecycleWorkflow.view)
        if condition(view):
            return view
        await asyncio.sleep(0.05)
    raise AssertionError(f"condition not reached; last view: {view}")
