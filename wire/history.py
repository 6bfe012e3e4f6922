"""The history export on the wire: its names, its id rule and its input (pure pydantic)."""

from sop.strict import ClosedModel

EXPORT_RUN_HISTORY = "export_run_history"
START_HISTORY_EXPORT = "start_history_export"

HISTORY_EXPORT_WORKFLOW = "HistoryExportWorkflow"
"""The workflow type name of the export: the activity starts it by this name."""


def export_workflow_id(run_id: str) -> str:
    """One export per run: a retried start finds the export already there."""
    return f"export-{run_id}"


class HistoryExportInput(ClosedModel):
    """Which run of which SOP to keep; ``run_id`` identifies the export (idempotency key)."""

    sop_id: str
    workflow_id: str
    run_id: str
    cycle: int
