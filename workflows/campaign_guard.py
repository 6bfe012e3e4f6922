"""The guard of CampaignWorkflow: may this update happen now, and if not, why not."""

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from sop.wewenang import kebutuhan_refusal, koordinasi_kampanye_refusal
    from wire import klaim
    from wire.campaign import (
        CampaignState,
        CloseCampaignInput,
        DecideInput,
        SubmitKebutuhanInput,
    )
    from wire.sop import Aktor


class CampaignGuard:
    """Every refusal of a campaign update, in one place.

    Design:
    - The ``may_*`` methods are what the update validators call: the authority rules of
      ``sop.wewenang`` (so a client talking to Temporal directly with a forged actor is
      refused too, and the API need not judge them again), after the API's signature over
      the actor (``wire.klaim``), before whether the campaign is
      open, so a closed campaign does not hide a refusal. A validator refuses before
      anything reaches the history.
    - The ``check_*`` methods are the state checks alone. Handlers call them again under the
      lock, because another update may have changed the campaign between validation and
      execution. Authority is judged by validators only: an accepted update is never
      re-judged on replay.
    - The guard holds the two run flags the checks depend on: ``closed`` (the closing record
      is written) and ``rollover`` (the run is about to continue as new and accepts nothing).
    """

    def __init__(self, state: CampaignState) -> None:
        self._state = state
        self.closed = False
        self.rollover = False

    # ------------------------------------------------------------- validators

    def may_submit(self, request: SubmitKebutuhanInput) -> None:
        # A unit outside the campaign has no form to fill in, whoever asks; then who may
        # fill in a participant's form; then whether the campaign still takes forms.
        self._check_unit(request.unit_code)
        aktor = request.aktor
        self._verify(aktor, "submit_kebutuhan")
        _forbid(kebutuhan_refusal(aktor.peran, aktor.unit, request.unit_code))
        self.check_open()

    def may_decide(self, request: DecideInput) -> None:
        self._verify(request.aktor, "decide")
        _forbid(koordinasi_kampanye_refusal(request.aktor.peran))
        self.check_decide(request)

    def may_close(self, request: CloseCampaignInput) -> None:
        self._verify(request.aktor, "close")
        _forbid(koordinasi_kampanye_refusal(request.aktor.peran))
        self.check_open(allow_closing=True)

    def _verify(self, aktor: Aktor, update: str) -> None:
        """Refuse (403) and log an actor whose claim the API did not sign (``wire.klaim``).

        Validators only: they never run on replay, so a rotated key breaks no history.
        """
        found = klaim.refusal(aktor)
        if found:
            workflow.logger.warning(
                "Aktor ditolak pada %s kampanye %s: %s (nama=%r, unit=%r)",
                update, self._state.campaign_id, found, aktor.nama, aktor.unit,
            )
            _forbid(found)

    # ------------------------------------------------------------- state checks

    def check_open(self, allow_closing: bool = False) -> None:
        """Closed campaigns take nothing; a close already requested takes only more closes."""
        if self.closed or (self._state.close_requested and not allow_closing):
            raise ApplicationError("Kampanye sudah ditutup.", type="CampaignClosed")
        if self.rollover:
            # The API retries this one: the next run accepts the update.
            raise ApplicationError(
                "Kampanye sedang berpindah ke run baru; ulangi permintaan sebentar lagi.",
                type="CampaignRollover",
            )

    def check_submit(self, request: SubmitKebutuhanInput) -> None:
        self.check_open()
        self._check_unit(request.unit_code)

    def check_decide(self, request: DecideInput) -> None:
        """Known rows only, and a decided row is never decided the other way (nor one row
        both ways in the same batch). The same decision again is allowed: it is unchanged."""
        self.check_open()
        rows = self._state.rows
        unknown = [d.row_id for d in request.decisions if d.row_id not in rows]
        _refuse_rows(unknown, "baris kebutuhan tidak dikenal dalam kampanye ini",
                     "unknown_rows", "UnknownRow")
        seen: dict[str, bool] = {}
        conflicts: list[str] = []
        for decision in request.decisions:
            status = rows[decision.row_id].status
            decided_other_way = status != "diusulkan" and (status == "diterima") != (
                decision.diterima
            )
            twice_differently = seen.get(decision.row_id, decision.diterima) != decision.diterima
            if decided_other_way or twice_differently:
                conflicts.append(decision.row_id)
            seen[decision.row_id] = decision.diterima
        _refuse_rows(conflicts, "baris sudah diputuskan lain dan tidak dapat diubah",
                     "conflicting_rows", "RowAlreadyDecided")

    def _check_unit(self, unit_code: str) -> None:
        if unit_code not in self._state.units:
            raise ApplicationError(
                f"Unit kerja '{unit_code}' bukan peserta kampanye ini.",
                {"units": sorted(self._state.units)},
                type="UnitNotInCampaign",
            )


def _forbid(refusal: str | None) -> None:
    if refusal:
        raise ApplicationError(refusal, type="Forbidden")


def _refuse_rows(row_ids: list[str], what: str, detail: str, error_type: str) -> None:
    """Refuse a batch naming the first ten offending rows; details carry them all."""
    if row_ids:
        raise ApplicationError(
            f"{len(row_ids)} {what}: " + ", ".join(row_ids[:10]),
            {detail: row_ids},
            type=error_type,
        )
