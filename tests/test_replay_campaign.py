"""Determinism guard for campaigns: replay committed CampaignWorkflow histories.

The histories were recorded (tests/histories/record_campaign.py) with the campaign workflow as
it ran before it was split into parts; replaying them proves running campaigns still replay.
If this fails, keep the old behaviour behind ``workflow.patched(...)`` instead of re-recording.
"""

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from workflows.campaign import CampaignWorkflow

HISTORIES = sorted((Path(__file__).parent / "histories").glob("campaign_*.json"))
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in HISTORIES}


def test_campaign_histories_are_committed() -> None:
    assert set(TEXTS) >= {
        "campaign_whole", "campaign_run1_rollover", "campaign_run2_close", "campaign_many_sops",
    }


@pytest.mark.parametrize("name", sorted(TEXTS))
async def test_campaign_history_replays(name: str) -> None:
    history = WorkflowHistory.from_json(name, TEXTS[name])
    replayer = Replayer(workflows=[CampaignWorkflow], data_converter=pydantic_data_converter)
    result = await replayer.replay_workflow(history, raise_on_replay_failure=True)
    assert result.replay_failure is None
