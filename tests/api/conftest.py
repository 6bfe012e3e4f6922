"""Fixtures of the API layer (the shared servers and workers are in tests/conftest.py)."""

import httpx
import pytest

from tests.support.http_driver import As


@pytest.fixture
def who(api: httpx.AsyncClient) -> As:
    """Requests as any demo user, tokens cached per username."""
    return As(api)
