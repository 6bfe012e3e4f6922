"""Determinism guard: replay committed histories against today's workflow code.

If this fails, a change would break SOPs or campaigns already running. Keep the old behaviour
behind ``workflow.patched(...)`` instead of re-recording. The SOP histories come from
tests/histories/record.py; the campaign histories from tests/histories/record_campaign.py, run
with the campaign workflow as it was before it was composed of parts.
"""

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from worker import WORKFLOWS

HISTORIES = sorted((Path(__file__).parents[1] / "histories").glob("*.json"))
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in HISTORIES}


def test_histories_are_committed() -> None:
    assert {p.stem for p in HISTORIES} >= {
        "cycle_timer_tetap_berlaku",
        "backedges_revisi",
        "tidak_diperlukan",
        "campaign_whole",
        "campaign_run1_rollover",
        "campaign_run2_close",
        "campaign_many_sops",
    }


@pytest.mark.parametrize("name", sorted(TEXTS))
async def test_replay(name: str) -> None:
    history = WorkflowHistory.from_json(name, TEXTS[name])
    replayer = Replayer(workflows=WORKFLOWS, data_converter=pydantic_data_converter)
    result = await replayer.replay_workflow(history, raise_on_replay_failure=True)
    assert result.replay_failure is None
