"""Seeding: the Balangan organisation (idempotent) for demos and tests."""

from sqlalchemy.engine import Engine
from sqlmodel import Session

from store.seed_data import UNITS, unit_email
from store.tables import Unit


def seed_units(engine: Engine) -> int:
    """Insert or refresh every unit of ``store.seed_data``; returns how many there are."""
    with Session(engine) as session:
        # Parents first, so the foreign key holds on PostgreSQL too.
        for code, name, jenis, parent in sorted(UNITS, key=lambda u: u[3] is not None):
            session.merge(
                Unit(code=code, name=name, jenis=jenis, parent_code=parent, email=unit_email(code))
            )
        session.commit()
    return len(UNITS)
