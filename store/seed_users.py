"""Demo users for ``make dev`` and the tests: every role and every official of Pasal 11.

DEMO ONLY: every demo user has the password ``DEMO_PASSWORD``, printed by ``make dev``. Never
seed them into a real installation; create real users with ``siklus create-user``.
"""

import uuid
from dataclasses import asdict, dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from sop.organisasi import Jabatan
from sop.peran import Peran
from store.passwords import hash_password
from store.seed_data import read_table
from store.user_queries import user_by_username
from store.user_tables import User

DEMO_PASSWORD = "siklus-demo-2026"
"""The password of every demo user (demo only)."""

_ID_NAMESPACE = uuid.UUID("5d1f0c3a-6b7e-4e2a-9c41-2f8d7a0b9e15")


@dataclass(frozen=True)
class DemoUser:
    username: str
    nama: str
    nip: str
    jabatan: str
    unit_code: str
    roles: tuple[Peran, ...]
    kode_jabatan: Jabatan | None = None

    @property
    def id(self) -> str:
        """Stable across databases, so a test or demo can refer to it."""
        return uuid.uuid5(_ID_NAMESPACE, self.username).hex


DEMO_USERS: tuple[DemoUser, ...] = tuple(
    DemoUser(
        username=row["username"],
        nama=row["nama"],
        nip=row["nip"],
        jabatan=row["jabatan"],
        unit_code=row["unit_code"],
        roles=tuple(Peran(role) for role in row["roles"].split()),
        kode_jabatan=Jabatan(row["kode_jabatan"]) if row["kode_jabatan"] else None,
    )
    for row in read_table("demo_users.csv")
)
"""The users of ``demo_users.csv``: one row a user, roles separated by spaces."""


def demo_user(username: str) -> DemoUser:
    return next(user for user in DEMO_USERS if user.username == username)


def seed_demo_users(engine: Engine) -> int:
    """Insert the demo users that are missing (idempotent); returns how many were inserted.

    Existing users are left as they are, so an admin's changes survive a restart.
    """
    created = 0
    with Session(engine) as session:
        for demo in DEMO_USERS:
            if user_by_username(session, demo.username) is not None:
                continue
            account = {**asdict(demo), "roles": [role.value for role in demo.roles]}
            session.add(User(id=demo.id, password_hash=hash_password(DEMO_PASSWORD), **account))
            created += 1
        session.commit()
    return created
