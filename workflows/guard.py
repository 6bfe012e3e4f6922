"""The guard of SopLifecycleWorkflow: the rules that refuse an update, and how they refuse.

Every refusal is an ``ApplicationError`` with the problems in Bahasa Indonesia and the events
allowed now; its type is what the API turns into a status (409, 422, or 403 for
``Forbidden``).
"""

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from sop import lifecycle
    from sop.preconditions import (
        SopFacts,
        action_problems,
        record_problems,
        save_draft_problems,
    )
    from sop.wewenang import Tindakan, paham_refusal, role_refusal, tindakan_of
    from wire import klaim
    from wire.sop import Aktor, SopState

# Workflow code itself is not passed through: the sandbox checks it on every run.
from workflows.ledger import Ledger


class Guard:
    """Judges an action against the chart (``sop.lifecycle``), the preconditions
    (``sop.preconditions``) and the authority (``sop.wewenang``).

    Validators call it before anything reaches the history; handlers call it again under the
    ledger's lock, since earlier updates may have changed the state in between. In a
    validator (only there) it first checks that the API signed the actor (``verify``). The order of
    the checks is part of the contract with the API, which relies on it instead of judging
    again: a new cycle being started first (retry shortly), then authority (403, whatever the
    step), then the chart (409 IllegalTransition), then the data (409 PreconditionFailed).
    """

    def __init__(self, state: SopState, ledger: Ledger) -> None:
        self._state = state
        self._ledger = ledger

    def check_action(
        self, event: str, aktor: Aktor, dedicated: bool = False, refusal: str | None = None
    ) -> None:
        """May ``aktor`` send chart ``event`` now? ``dedicated``: through its own update.

        ``refusal`` is a further authority rule of the calling update (Pasal 11), judged with
        the roles, before the chart.
        """
        if self._ledger.new_cycle:
            raise ApplicationError(
                "SOP sedang memulai siklus baru; ulangi permintaan sebentar lagi.",
                type="CycleRollover",
            )
        self.authorize(event, aktor, refusal)
        allowed = self.allowed_events()
        if event not in allowed:
            raise ApplicationError(
                f"Aksi '{event}' tidak dapat dilakukan pada langkah '{self._state.step}'.",
                {"allowed_events": allowed, "step": self._state.step},
                type="IllegalTransition",
            )
        self.refuse(action_problems(event, self._facts(), dedicated))

    def check_record(self, kind: str, aktor: Aktor, refusal: str | None = None) -> None:
        """May ``aktor`` make a record of ``kind`` now (authority first, then the step)?"""
        self.authorize(kind, aktor, refusal)
        self.refuse(record_problems(kind, self._facts()), kind="IllegalTransition")

    def check_save_draft(self, aktor: Aktor) -> None:
        self.authorize("simpan_draf", aktor)
        self.refuse(save_draft_problems(self._facts()), kind="IllegalTransition")

    def authorize(self, event: str, aktor: Aktor, refusal: str | None = None) -> None:
        """Refuse (403) an actor whose roles, unit or office may not do ``event``.

        In a validator, first an actor whose claim the API did not sign (``verify``).
        """
        if workflow.unsafe.is_read_only():
            self.verify(aktor, event)
        state = self._state
        tindakan = tindakan_of(event)
        found = role_refusal(tindakan, aktor.peran, aktor.unit, state.unit_code)
        if found is None and tindakan is Tindakan.paham:
            units = {state.unit_code, *(state.rencana.unit_sasaran if state.rencana else [])}
            found = paham_refusal(aktor.unit, units)
        found = found or refusal
        self.refuse([found] if found else [], kind="Forbidden")

    def verify(self, aktor: Aktor, event: str) -> None:
        """Refuse (403) and log an actor without a good claim from the API (``wire.klaim``).

        Only validators call it (``authorize`` checks that it runs read-only): they never run
        on replay, so a history accepted under an older key replays unchanged, and handlers
        run after their validator, under the lock.
        """
        found = klaim.refusal(aktor)
        if found:
            workflow.logger.warning(
                "Aktor ditolak pada %s SOP %s: %s (nama=%r, unit=%r, kode_jabatan=%r)",
                event, self._state.sop_id, found, aktor.nama, aktor.unit, aktor.kode_jabatan,
            )
            self.refuse([found], kind="Forbidden")

    def refuse(self, problems: list[str], kind: str = "PreconditionFailed") -> None:
        """Raise the refusal an update answers with when ``problems`` is not empty.

        ``kind`` is ``PreconditionFailed`` (409: the SOP is not ready), ``IllegalTransition``
        (409: not at this step), ``Forbidden`` (403: this actor may not do it) or
        ``InvalidInput`` (422: the request itself cannot be right for this SOP).
        """
        if problems:
            raise ApplicationError(
                " ".join(problems),
                {"problems": problems, "allowed_events": self.allowed_events()},
                type=kind,
            )

    def allowed_events(self) -> list[str]:
        return lifecycle.allowed_user_events_at(self._state.step)

    def _facts(self) -> SopFacts:
        state = self._state
        return SopFacts(
            step=state.step,
            current_version=state.current_version,
            has_plan=state.rencana is not None,
            training_planned=bool(state.rencana and state.rencana.perlu_pelatihan),
            training_sessions=state.training_sessions,
            information_records=state.penyusunan.informasi,
        )
