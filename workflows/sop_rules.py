"""The rules of SopLifecycleWorkflow that refuse an update: the chart, the preconditions of
``sop.preconditions`` and the authority of ``sop.wewenang``.

Every refusal is an ``ApplicationError`` with the problems in Bahasa Indonesia and the events
allowed now; its type is what the API turns into a status (409, or 403 for ``Forbidden``).
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
    from sop.wewenang import Tindakan, role_refusal, tindakan_of
    from wire.sop import Aktor, SopState


class SopRules:
    """Checks shared by validators (before anything reaches the history) and by handlers
    (again under the lock, since earlier updates may have changed the state meanwhile)."""

    _state: SopState
    _new_cycle: bool

    def _check_action(
        self, event: str, dedicated: bool = False, aktor: Aktor | None = None
    ) -> None:
        if self._new_cycle:
            raise ApplicationError(
                "SOP sedang memulai siklus baru; ulangi permintaan sebentar lagi.",
                type="CycleRollover",
            )
        allowed = self._allowed_events()
        if event not in allowed:
            raise ApplicationError(
                f"Aksi '{event}' tidak dapat dilakukan pada langkah '{self._state.step}'.",
                {"allowed_events": allowed, "step": self._state.step},
                type="IllegalTransition",
            )
        if aktor is not None:
            self._check_authority(event, aktor)
        problems = action_problems(event, self._facts(), dedicated)
        if problems:
            raise ApplicationError(
                " ".join(problems),
                {"problems": problems, "allowed_events": allowed},
                type="PreconditionFailed",
            )

    def _check_authority(self, event: str, aktor: Aktor) -> None:
        """Defence in depth: the API checked the signed-in user already; a client that talks
        to Temporal directly with a forged actor is refused here (issue 7)."""
        state = self._state
        tindakan = tindakan_of(event)
        refusal = role_refusal(tindakan, aktor.peran, aktor.unit, state.unit_code)
        if refusal is None and tindakan is Tindakan.paham:
            units = {state.unit_code, *(state.rencana.unit_sasaran if state.rencana else [])}
            if aktor.unit not in units:
                refusal = (
                    f"SOP ini diterapkan di unit {', '.join(sorted(units))}; unit Anda "
                    f"({aktor.unit or '-'}) bukan sasaran penerapannya."
                )
        self._refuse([refusal] if refusal else [], kind="Forbidden")

    def _refuse(self, problems: list[str], kind: str = "PreconditionFailed") -> None:
        """Raise the refusal an update answers with when ``problems`` is not empty.

        ``kind`` is ``PreconditionFailed`` (409: the SOP is not ready) or ``Forbidden`` (403:
        this actor may not do it).
        """
        if problems:
            raise ApplicationError(
                " ".join(problems),
                {"problems": problems, "allowed_events": self._allowed_events()},
                type=kind,
            )

    def _check_record(self, kind: str, aktor: Aktor | None = None) -> None:
        if self._idempotency_key() in self._state.recent_results:
            return
        if aktor is not None:
            self._check_authority(kind, aktor)
        problems = record_problems(kind, self._facts())
        if problems:
            raise ApplicationError(
                " ".join(problems),
                {"problems": problems, "allowed_events": self._allowed_events()},
                type="IllegalTransition",
            )

    def _check_save_draft(self) -> None:
        problems = save_draft_problems(self._facts())
        if problems:
            raise ApplicationError(
                " ".join(problems),
                {"problems": problems, "allowed_events": self._allowed_events()},
                type="IllegalTransition",
            )

    def _allowed_events(self) -> list[str]:
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

    def _idempotency_key(self) -> str | None:
        info = workflow.current_update_info()
        return info.id if info else None
