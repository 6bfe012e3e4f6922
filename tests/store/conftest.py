"""Fixtures of the store layer: a fresh, migrated and seeded read model per test."""

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from store.engine import make_engine
from store.migrate import upgrade
from store.seed import seed_units


@pytest.fixture
def db(tmp_path: Path) -> Engine:
    url = f"sqlite:///{tmp_path / 'siklus.db'}"
    upgrade(url)
    engine = make_engine(url)
    seed_units(engine)
    return engine
