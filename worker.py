"""The Siklus SOP worker: runs SopLifecycleWorkflow and the projection activities.

Run it as ``python worker.py`` (``make dev`` does); scale out by starting more of them against
the same ``TEMPORAL_ADDRESS`` and task queue.
"""

import logging
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy.engine import Engine
from temporalio.client import Client
from temporalio.worker import Worker

from activities.campaigns import campaign_activities
from activities.history_export import HistoryExportActivities
from activities.notifications import NotificationActivities
from activities.projections import ProjectionActivities
from config import Settings, get_settings
from deploy.worker_process import (
    MAX_CONCURRENT_ACTIVITIES,
    listen,
    run_until_interrupted,
    worker_limits,
)
from wire import klaim
from workflows.campaign import CampaignWorkflow
from workflows.client import connect
from workflows.digest import OverdueDigestWorkflow, ensure_digest_schedule
from workflows.history_export import HistoryExportWorkflow
from workflows.sop_lifecycle import SopLifecycleWorkflow

WORKFLOWS = [SopLifecycleWorkflow, HistoryExportWorkflow, CampaignWorkflow, OverdueDigestWorkflow]


def build_worker(
    client: Client,
    task_queue: str | None = None,
    engine: Engine | None = None,
    settings: Settings | None = None,
) -> Worker:
    """A worker for every workflow and activity; ``engine`` and ``settings`` override the
    defaults (tests point them at their own database and SMTP server).

    The actor claim key (ACTOR_CLAIM_KEY) is handed to the validators here, once: without it
    they refuse every human update."""
    secret = (settings or get_settings()).actor_claim_key
    klaim.configure(secret.get_secret_value() if secret else None)
    if not klaim.is_configured():
        logging.getLogger(__name__).warning(
            "ACTOR_CLAIM_KEY belum diatur: worker menolak semua tindakan pengguna."
        )
    projections = ProjectionActivities(engine, settings)
    notifications = NotificationActivities(engine, settings)
    # The history export reads closed runs through the worker's own client.
    history_export = HistoryExportActivities(client, engine)
    return Worker(
        client,
        task_queue=task_queue or get_settings().task_queue,
        workflows=WORKFLOWS,
        activities=[
            projections.record_transition,
            projections.record_transitions,
            projections.record_snapshot,
            history_export.start_history_export,
            history_export.export_run_history,
            notifications.deliver_notifications,
            notifications.notify_related_sops,
            notifications.send_overdue_digest,
            *campaign_activities(client, task_queue, engine),
        ],
        # Projection activities do blocking database I/O, so they run in threads.
        activity_executor=ThreadPoolExecutor(max_workers=MAX_CONCURRENT_ACTIVITIES),
        **worker_limits(),
    )


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    client = await connect()
    worker = build_worker(client)
    # The daily digest of overdue evaluations is a Temporal Schedule (created once).
    await ensure_digest_schedule(client, get_settings().task_queue)
    await listen(worker, get_settings().task_queue)


if __name__ == "__main__":
    run_until_interrupted(main)
