"""Demo users for ``make dev`` and the tests: every role and every official of Pasal 11.

DEMO ONLY: every demo user has the password ``DEMO_PASSWORD``, printed by ``make dev``. Never
seed them into a real installation; create real users with ``siklus create-user``.
"""

import uuid
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from api.security import hash_password
from sop.organisasi import Jabatan
from sop.peran import Peran
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


# A table, one user per entry: kept compact.
# fmt: off
DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "admin", "Rudi Hartono, S.Kom", "198203152008011003",
        "Pengelola Sistem Informasi", "ORG", (Peran.admin,),
    ),
    DemoUser(
        "koordinator", "Hj. Noor Aida, S.Sos", "197501012000032001",
        "Analis Kelembagaan Bagian Organisasi", "ORG", (Peran.koordinator,),
    ),
    DemoUser(
        "kabag.umum", "H. Ahmad Rifani, S.E", "197208172000031004",
        "Kepala Bagian Umum", "UMUM", (Peran.pengesah,), Jabatan.kepala_skpd,
    ),
    DemoUser(
        "penyusun.umum", "Rahmat Hidayat, S.AP", "199002022015021002",
        "Kepala Subbagian Tata Usaha", "UMUM", (Peran.penyusun, Peran.pelaksana),
    ),
    DemoUser(
        "reviewer.umum", "Budi Santoso, S.Sos", "198304152009011005",
        "Kepala Subbagian Rumah Tangga", "UMUM", (Peran.reviewer,),
    ),
    DemoUser(
        "pelaksana.umum", "Ani Lestari", "199508172020122003",
        "Pengadministrasi Persuratan", "UMUM", (Peran.pelaksana,),
    ),
    DemoUser(
        "kadis.dinkes", "dr. Hj. Rahmawati, M.Kes", "197304122002122002",
        "Kepala Dinas Kesehatan", "DINKES", (Peran.pengesah,), Jabatan.kepala_skpd,
    ),
    DemoUser(
        "sekdis.dinkes", "Syahrani, S.KM, M.M", "197811032003121005",
        "Sekretaris Dinas Kesehatan", "DINKES", (Peran.koordinator,), Jabatan.sekretaris,
    ),
    DemoUser(
        "penyusun.dinkes", "Siti Rahmah, S.KM", "198506202010012014",
        "Kepala Seksi Pelayanan Kesehatan Primer", "DINKES", (Peran.penyusun,),
    ),
    DemoUser(
        "reviewer.dinkes", "Muhammad Yusuf, S.Farm, Apt", "198109092006041007",
        "Kepala Bidang Sumber Daya Kesehatan", "DINKES", (Peran.reviewer,),
    ),
    DemoUser(
        "pelaksana.dinkes", "Nurul Hidayah, A.Md.Kep", "199205142019032011",
        "Pengelola Layanan Kesehatan", "DINKES", (Peran.pelaksana,),
    ),
    DemoUser(
        "kapus.paringin", "Gusti Irwansyah, S.Kep, Ns", "198002282005011009",
        "Kepala UPT Puskesmas Paringin", "UPT-PKM-PARINGIN", (Peran.pengesah,),
        Jabatan.kepala_upt,
    ),
    DemoUser(
        "sekda", "Drs. H. Abdul Hamid, M.Si", "196806101994031008",
        "Sekretaris Daerah Kabupaten Balangan", "SETDA", (Peran.pengesah,),
        Jabatan.sekretaris_daerah,
    ),
    DemoUser(
        "sekwan", "H. Fahrurrazi, S.H, M.H", "197010301997031006",
        "Sekretaris DPRD Kabupaten Balangan", "SETWAN", (Peran.pengesah,),
        Jabatan.sekretaris_dewan,
    ),
    DemoUser(
        "bupati", "H. Bupati Balangan", "196501011990031001",
        "Bupati Balangan", "SETDA", (Peran.pengesah,), Jabatan.bupati,
    ),
    DemoUser(
        "auditor", "Rina Marlina, S.E, Ak", "198712122011012006",
        "Auditor Ahli Muda Inspektorat Daerah", "INSP", (Peran.auditor,),
    ),
)
# fmt: on


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
            session.add(
                User(
                    id=demo.id,
                    username=demo.username,
                    nama=demo.nama,
                    nip=demo.nip,
                    jabatan=demo.jabatan,
                    kode_jabatan=demo.kode_jabatan,
                    unit_code=demo.unit_code,
                    roles=[role.value for role in demo.roles],
                    password_hash=hash_password(DEMO_PASSWORD),
                )
            )
            created += 1
        session.commit()
    return created
