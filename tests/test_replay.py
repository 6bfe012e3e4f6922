"""Determinism guard: replay committed histories against today's workflow code.

If this fails, a change would break SOPs already running. Keep the old behaviour behind
``workflow.patched(...)`` instead of re-recording (see tests/histories/record.py).
"""

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from worker import WORKFLOWS

HISTORIES = sorted((Path(__file__).parent / "histories").glob("*.json"))


def test_histories_are_committed() -> None:
    assert {p.stem for p in HISTORIES} >= {
        "cycle_timer_tetap_berlaku", "backedges_revisi", "tidak_diperlukan"
    }


@pytest.mark.parametrize("path", HISTORIES, ids=lambda p: p.stem)
async def test_replay(path: Path) -> None:
    history = WorkflowHistory.from_json(path.stem, path.read_text(encoding="utf-8"))
    replayer = Replayer(workflows=WORKFLOWS, data_converter=pydantic_data_converter)
    result = await replayer.replay_workflow(history, raise_on_replay_failure=True)
    assert result.replay_failure is None
