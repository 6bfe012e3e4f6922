"""Does the read model say what the workflows say? One line per SOP whose row differs from the
workflow's ``view`` query (empty when the projection has converged)."""

import sqlite3
from pathlib import Path

from temporalio.client import Client

from wire.start import workflow_id_for
from workflows.sop_lifecycle import SopLifecycleWorkflow

# Columns of ``sops`` that mirror a field of SopView of the same name.
MIRRORED = (
    "unit_code", "nama_sop", "stage", "step", "revision", "cycle", "current_version",
    "effective_version", "tanggal_berlaku", "last_evaluation", "evaluation_due",
)


def _read_model_rows(db_path: Path, sop_ids: list[str]) -> dict[str, dict]:
    with sqlite3.connect(db_path) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM sops").fetchall()
    return {row["id"]: dict(row) for row in rows if row["id"] in set(sop_ids)}


async def read_model_mismatches(client: Client, db_path: Path, sop_ids: list[str]) -> list[str]:
    import json

    rows = _read_model_rows(db_path, sop_ids)
    problems: list[str] = []
    for sop_id in sop_ids:
        view = await client.get_workflow_handle(workflow_id_for(sop_id)).query(
            SopLifecycleWorkflow.view
        )
        row = rows.get(sop_id)
        if row is None:
            problems.append(f"{sop_id}: no read-model row")
            continue
        expected = view.model_dump(mode="json")
        got = {name: row[name] for name in MIRRORED}
        got["seq"] = row["last_seq"]
        got["allowed_events"] = json.loads(row["allowed_events"])
        diff = {
            name: (got[name], expected[name])
            for name in (*MIRRORED, "seq", "allowed_events")
            if got[name] != expected[name]
        }
        if diff:
            problems.append(f"{sop_id}: read model vs workflow {diff}")
    return problems
