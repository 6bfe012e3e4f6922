"""How every process (API, worker, CLI, tests) connects to Temporal (pydantic converter)."""

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from config import Settings, get_settings


async def connect(settings: Settings | None = None) -> Client:
    settings = settings or get_settings()
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
    )
