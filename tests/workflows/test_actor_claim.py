"""Actors the API did not sign are refused by the workflows themselves.

A client that reaches Temporal directly (``unsigned_client``: no signing interceptor) can put
any name and office in an update. Every validator checks the API's signature over the actor
(``wire.klaim``) first: an unsigned, tampered or stale actor is refused (Forbidden) and nothing
is recorded; the same actor signed with the key passes.
"""

import time
from datetime import date

from temporalio.client import WorkflowHandle

from sop.organisasi import Jabatan
from sop.peran import Peran
from tests.support.actor_claims import claim_key, signed, unsigned_client
from tests.support.campaign_driver import KOORDINATOR, start_campaign
from tests.support.lifecycle_driver import (
    AKTOR,
    KABAG_UMUM,
    drive_to_penulisan,
    kepala_of,
    moves_penulisan_to_pengesahan,
    run_moves,
    start_sop,
)
from tests.support.penyusunan_support import events_of, refused
from wire import klaim
from wire.campaign import CloseCampaignInput
from wire.penyusunan import PengesahanInput
from wire.sop import ActionInput, Aktor
from workflows.campaign import CampaignWorkflow
from workflows.sop_lifecycle import SopLifecycleWorkflow

FORGED = Aktor(
    nama="Orang Tak Dikenal",
    jabatan="Kepala Bagian Umum",
    unit="UMUM",
    kode_jabatan=Jabatan.kepala_skpd,
    peran=[Peran.pengesah],
)
"""The office that may sign an SOP of the Bagian Umum, claimed by nobody the API knows."""


def decision(aktor: Aktor) -> PengesahanInput:
    return PengesahanInput(
        aktor=aktor,
        keputusan="sahkan",
        nomor_keputusan="188.45/7/2026",
        tanggal_keputusan=date(2026, 11, 26),
    )


async def _at_pengesahan(client, sop_id: str) -> WorkflowHandle:  # type: ignore[no-untyped-def]
    handle = await start_sop(client, sop_id)
    await drive_to_penulisan(handle)
    await run_moves(handle, moves_penulisan_to_pengesahan()[:-1])
    assert (await handle.query(SopLifecycleWorkflow.view)).step == "pengesahan"
    # From here on, updates go as a direct client sends them: unsigned unless signed here.
    return unsigned_client(client).get_workflow_handle(handle.id)


async def test_forged_tampered_and_stale_actors_are_refused(ts_env, ts_worker, engine, sop_id):
    handle = await _at_pengesahan(ts_env.client, sop_id)
    before = len(events_of(engine, sop_id))

    cause = await refused(
        handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, decision(FORGED))
    )
    assert cause.type == "Forbidden"
    assert "tidak ditandatangani" in cause.message

    # The head of another Bagian, signed by the API, then moved to the Bagian Umum.
    tampered = signed(kepala_of("KEU")).model_copy(update={"unit": "UMUM"})
    cause = await refused(
        handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, decision(tampered))
    )
    assert (cause.type, "tidak sah" in cause.message) == ("Forbidden", True)

    stale = klaim.sign(KABAG_UMUM, claim_key(), now=time.time() - klaim.MAX_AGE_SECONDS - 60)
    cause = await refused(
        handle.execute_update(SopLifecycleWorkflow.decide_pengesahan, decision(stale))
    )
    assert (cause.type, "kedaluwarsa" in cause.message) == ("Forbidden", True)

    # Any other update of the SOP too, e.g. a plain chart event.
    cause = await refused(
        handle.execute_update(
            SopLifecycleWorkflow.act, ActionInput(event="kembalikan_ke_penulisan", aktor=AKTOR)
        )
    )
    assert cause.type == "Forbidden"

    # Nothing was recorded, and the SOP still waits for its signature.
    assert len(events_of(engine, sop_id)) == before
    assert (await handle.query(SopLifecycleWorkflow.view)).step == "pengesahan"

    result = await handle.execute_update(
        SopLifecycleWorkflow.decide_pengesahan, decision(signed(KABAG_UMUM))
    )
    assert result.step == "perencanaan"
    [last] = events_of(engine, sop_id)[-1:]
    assert last.actor_nama == KABAG_UMUM.nama


async def test_forged_coordinator_cannot_close_a_campaign(ts_env, ts_worker):
    campaign = await start_campaign(ts_env.client, deadline=None)
    handle = unsigned_client(ts_env.client).get_workflow_handle(campaign.id)
    forged = KOORDINATOR.model_copy(update={"nama": "Orang Tak Dikenal"})
    cause = await refused(
        handle.execute_update(CampaignWorkflow.close, CloseCampaignInput(aktor=forged))
    )
    assert (cause.type, "tidak ditandatangani" in cause.message) == ("Forbidden", True)
    tampered = signed(KOORDINATOR).model_copy(update={"nama": "Orang Tak Dikenal"})
    cause = await refused(
        handle.execute_update(CampaignWorkflow.close, CloseCampaignInput(aktor=tampered))
    )
    assert cause.type == "Forbidden"
    assert (await handle.query(CampaignWorkflow.view)).status == "berjalan"
