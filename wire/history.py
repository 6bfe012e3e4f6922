"""Input of the history export (pure pydantic, so workflows can import it)."""

from sop.strict import ClosedModel

EXPORT_RUN_HISTORY = "export_run_history"
START_HISTORY_EXPORT = "start_history_export"


class HistoryExportInput(ClosedModel):
    """Which run of which SOP to keep; ``run_id`` identifies the export (idempotency key)."""

    sop_id: str
    workflow_id: str
    run_id: str
    cycle: int
