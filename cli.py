"""``siklus``: operator commands (database, seeding, users and appointments, diagram)."""

from pathlib import Path
from typing import Annotated

import typer

from audit.cli import app as audit_app
from config import PROJECT_ROOT
from sop.organisasi import Jabatan
from sop.peran import Peran

app = typer.Typer(help="Siklus SOP: perintah operator.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")

DIAGRAM_PATH = PROJECT_ROOT / "docs" / "lifecycle.md"


@app.command("db-upgrade")
def db_upgrade() -> None:
    """Bring the database (DATABASE_URL) to the newest schema."""
    from store.migrate import upgrade

    upgrade()
    typer.echo("skema basis data mutakhir")


@app.command()
def seed() -> None:
    """Insert the organisation of Kabupaten Balangan (idempotent)."""
    from store.engine import get_engine
    from store.seed import seed_units

    typer.echo(f"{seed_units(get_engine())} unit kerja tersimpan")


@app.command("create-user")
def create_user(
    username: Annotated[str, typer.Option(help="Nama pengguna untuk masuk, mis. siti.rahmah")],
    nama: Annotated[str, typer.Option(help="Nama lengkap dengan gelar")],
    unit: Annotated[str, typer.Option(help="Kode unit kerja, mis. DINKES")],
    role: Annotated[list[Peran], typer.Option(help="Peran; boleh diulang")],
    password: Annotated[
        str,
        typer.Option(
            prompt="Kata sandi (min. 12 karakter)",
            hide_input=True,
            confirmation_prompt="Ulangi kata sandi",
            help="Ditanyakan bila tidak diberikan; jangan tulis di baris perintah.",
        ),
    ],
    kode_jabatan: Annotated[
        Jabatan | None, typer.Option(help="Jabatan menurut Perbup 6/2013, bila ada")
    ] = None,
    jabatan: Annotated[
        str | None, typer.Option(help="Sebutan jabatan; bawaan: dari --kode-jabatan")
    ] = None,
    nip: Annotated[str | None, typer.Option(help="NIP, 18 angka")] = None,
) -> None:
    """Create a user (the password is asked for, never echoed)."""
    from pydantic import ValidationError
    from sqlmodel import Session

    from api.user_schemas import UserCreate
    from api.user_service import UserRefused
    from api.user_service import create_user as create
    from sop.organisasi import JenisUnit, sebutan_jabatan
    from store.engine import get_engine
    from store.tables import Unit

    with Session(get_engine()) as session:
        if jabatan is None and kode_jabatan is not None:
            found = session.get(Unit, unit)
            jabatan = sebutan_jabatan(kode_jabatan, JenisUnit(found.jenis) if found else None)
        if jabatan is None:
            raise typer.BadParameter("isi --jabatan bila --kode-jabatan tidak diberikan")
        try:
            data = UserCreate(
                username=username, password=password, nama=nama, nip=nip, jabatan=jabatan,
                kode_jabatan=kode_jabatan, unit_code=unit, roles=role,
            )
            user = create(session, data)
        except ValidationError as err:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'data'}: {e['msg']}" for e in err.errors()
            )
            raise typer.BadParameter(f"data tidak valid: {problems}") from err
        except UserRefused as refused:
            typer.echo(refused.message, err=True)
            raise typer.Exit(1) from refused
    roles = ", ".join(user.roles)
    typer.echo(f"pengguna '{user.username}' dibuat (id {user.id}; {user.jabatan}, {unit}; {roles})")


@app.command("seed-users")
def seed_users() -> None:
    """Insert the demo users (idempotent). DEMO ONLY: they share one known password."""
    from store.engine import get_engine
    from store.seed_users import DEMO_PASSWORD, DEMO_USERS, seed_demo_users

    created = seed_demo_users(get_engine())
    typer.echo(f"{created} pengguna demo baru; {len(DEMO_USERS)} pengguna demo seluruhnya.")
    typer.echo(f"Kata sandi demo (hanya untuk demo): {DEMO_PASSWORD}")
    for demo in DEMO_USERS:
        typer.echo(f"  {demo.username:<18} {demo.jabatan} ({demo.unit_code})")


penugasan_app = typer.Typer(
    help="Penugasan Plt./Plh.: daftar, akhiri lebih awal, batalkan.", no_args_is_help=True
)
app.add_typer(penugasan_app, name="penugasan")


def _operator() -> str:
    import getpass

    return f"cli:{getpass.getuser()}"[:80]


@penugasan_app.command("list")
def penugasan_list(
    username: Annotated[
        str | None, typer.Option("--user", help="Semua penugasan pengguna ini (termasuk lampau)")
    ] = None,
) -> None:
    """List the appointments in force or still to begin (or every one of a user)."""
    from sqlmodel import Session

    from api.auth import today_wita
    from store.engine import get_engine
    from store.user_queries import current_penugasan, penugasan_of, user_by_username
    from store.user_tables import User

    with Session(get_engine()) as session:
        if username is None:
            rows = current_penugasan(session, today_wita())
        else:
            user = user_by_username(session, username.strip().lower())
            if user is None:
                typer.echo(f"Pengguna '{username}' tidak ditemukan.", err=True)
                raise typer.Exit(1)
            rows = penugasan_of(session, user.id)
        if not rows:
            typer.echo("tidak ada penugasan")
        for row in rows:
            holder = session.get(User, row.user_id)
            state = (
                f" [dibatalkan oleh {row.ended_by}: {row.end_reason}]" if row.cancelled
                else f" [diakhiri oleh {row.ended_by}: {row.end_reason}]" if row.ended_at
                else ""
            )
            typer.echo(
                f"{row.id}  {holder.username if holder else row.user_id}  "
                f"{row.jenis.capitalize()}. {row.jabatan} ({row.unit_code})  "
                f"{row.mulai:%d-%m-%Y} s.d. {row.sampai:%d-%m-%Y}  {row.nomor_keputusan}{state}"
            )


def _close_penugasan(penugasan_id: str, alasan: str, cancel: bool) -> None:
    from sqlmodel import Session

    from api.auth import today_wita
    from api.user_service import UserRefused, cancel_penugasan, end_penugasan
    from store.engine import get_engine
    from store.user_tables import Penugasan

    if not alasan.strip():
        raise typer.BadParameter("isi --alasan")
    with Session(get_engine()) as session:
        found = session.get(Penugasan, penugasan_id)
        if found is None:
            typer.echo(f"Penugasan '{penugasan_id}' tidak ditemukan.", err=True)
            raise typer.Exit(1)
        action = cancel_penugasan if cancel else end_penugasan
        try:
            row = action(
                session, found.user_id, penugasan_id, alasan.strip()[:500], _operator(),
                today_wita(),
            )
        except UserRefused as refused:
            typer.echo(refused.message, err=True)
            raise typer.Exit(1) from refused
    done = "dibatalkan" if cancel else "diakhiri"
    typer.echo(f"penugasan {row.id} ({row.jabatan}, {row.unit_code}) {done} oleh {row.ended_by}")


PenugasanIdArg = Annotated[str, typer.Argument(help="Id penugasan (lihat `penugasan list`)")]


@penugasan_app.command("end")
def penugasan_end(
    penugasan_id: PenugasanIdArg,
    alasan: Annotated[str, typer.Option(help="Alasan diakhiri lebih awal (dicatat)")],
) -> None:
    """End an appointment in force now (recorded with who, when and why)."""
    _close_penugasan(penugasan_id, alasan, cancel=False)


@penugasan_app.command("cancel")
def penugasan_cancel(
    penugasan_id: PenugasanIdArg,
    alasan: Annotated[str, typer.Option(help="Alasan dibatalkan (dicatat)")],
) -> None:
    """Cancel an appointment whose period has not begun."""
    _close_penugasan(penugasan_id, alasan, cancel=True)


@app.command()
def diagram(path: Path = DIAGRAM_PATH) -> None:
    """Write the lifecycle diagram (Mermaid) into the docs."""
    from sop.diagram import markdown

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown(), encoding="utf-8")
    typer.echo(f"diagram ditulis ke {path}")


if __name__ == "__main__":
    app()
