"""``siklus``: operator commands (database, seeding, diagram)."""

from pathlib import Path

import typer

from audit.cli import app as audit_app
from config import PROJECT_ROOT

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


@app.command()
def diagram(path: Path = DIAGRAM_PATH) -> None:
    """Write the lifecycle diagram (Mermaid) into the docs."""
    from sop.diagram import markdown

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown(), encoding="utf-8")
    typer.echo(f"diagram ditulis ke {path}")


if __name__ == "__main__":
    app()
