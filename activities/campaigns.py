"""Every activity of CampaignWorkflow, bound to the worker's client and database."""

from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine
from temporalio.client import Client

from activities.campaign_projections import CampaignProjectionActivities
from activities.campaign_sops import CampaignSopActivities


def campaign_activities(
    client: Client, task_queue: str | None = None, engine: Engine | None = None
) -> list[Callable[..., Any]]:
    projections = CampaignProjectionActivities(engine)
    sops = CampaignSopActivities(client, task_queue)
    return [
        projections.record_campaign,
        projections.send_campaign_reminders,
        projections.close_campaign_report,
        sops.start_campaign_sops,
    ]
