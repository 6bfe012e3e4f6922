"""``siklus audit ...``: verify the hash chains, check Temporal against the read model."""

import asyncio
import os
import sys
from typing import Annotated

import typer
from sqlalchemy.engine import Engine

app = typer.Typer(help="Audit: rantai hash dan konsistensi.", no_args_is_help=True)

SopOption = Annotated[
    list[str] | None, typer.Option("--sop", help="Hanya SOP ini (boleh diulang).")
]


def _engine() -> Engine:
    from store.engine import get_engine

    return get_engine()


@app.command()
def verify(
    sop: SopOption = None,
) -> None:
    """Check every SOP's hash chain; name the first row that does not match. Exit 1 if any."""
    from store.chain import verify_chains

    report = verify_chains(_engine(), sop or None)
    for broken in report.breaks:
        typer.echo(f"RUSAK  SOP {broken.sop_id}  seq {broken.seq}: {broken.problem}")
    typer.echo(
        f"{report.sops_checked} SOP, {report.rows_checked} baris diperiksa; "
        f"{len(report.breaks)} rantai rusak."
    )
    raise typer.Exit(0 if report.ok else 1)


AddressOption = Annotated[
    str | None,
    typer.Option(
        "--address",
        help="Alamat Temporal (host:port); bawaan sama dengan worker (TEMPORAL_ADDRESS).",
    ),
]
NamespaceOption = Annotated[
    str | None,
    typer.Option(
        "--namespace", help="Namespace Temporal; bawaan sama dengan worker (TEMPORAL_NAMESPACE)."
    ),
]
EXIT_NO_CONNECTION = 3


@app.command()
def consistency(
    sop: SopOption = None,
    address: AddressOption = None,
    namespace: NamespaceOption = None,
) -> None:
    """Compare each SOP's state in Temporal with the read model. Exit 1 on any difference."""
    from audit.consistency import check_consistency
    from config import get_settings
    from workflows.client import connect

    settings = get_settings()
    updates = {
        key: value
        for key, value in (("temporal_address", address), ("temporal_namespace", namespace))
        if value is not None
    }
    settings = settings.model_copy(update=updates)

    async def run() -> bool | None:
        try:
            client = await connect(settings)
        except RuntimeError:
            return None
        report = await check_consistency(client, _engine(), sop or None)
        for diff in report.differences:
            typer.echo(
                f"BEDA   SOP {diff.sop_id}  {diff.field}: Temporal={diff.temporal!r} "
                f"read model={diff.read_model!r}"
            )
        for skipped in report.skipped:
            typer.echo(f"LEWATI SOP {skipped.sop_id}: {skipped.reason}")
        typer.echo(
            f"{report.checked} SOP diperiksa; {len(report.differences)} perbedaan, "
            f"{len(report.skipped)} dilewati."
        )
        return report.ok

    ok = asyncio.run(run())
    if ok is None:
        typer.echo(
            f"Tidak dapat terhubung ke Temporal di {settings.temporal_address} "
            f"(namespace {settings.temporal_namespace}); periksa alamatnya (--address) "
            "dan pastikan Temporal berjalan.",
            err=True,
        )
        raise typer.Exit(EXIT_NO_CONNECTION)
    # The Temporal client can abort at interpreter exit (a known SDK issue): leave directly.
    sys.stdout.flush()
    os._exit(0 if ok else 1)
