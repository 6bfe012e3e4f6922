"""``siklus audit consistency`` dials the address it is given and fails in one line."""

import socket

from typer.testing import CliRunner

from audit.cli import EXIT_NO_CONNECTION, app


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_consistency_unreachable_address_is_one_line_and_nonzero() -> None:
    address = f"127.0.0.1:{_closed_port()}"
    result = CliRunner().invoke(
        app, ["consistency", "--address", address, "--namespace", "lain"]
    )
    assert result.exit_code == EXIT_NO_CONNECTION, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert address in lines[0] and "lain" in lines[0]
    assert lines[0].startswith("Tidak dapat terhubung ke Temporal")
    assert "Traceback" not in result.output


def test_consistency_defaults_to_the_worker_settings(monkeypatch) -> None:
    from config import get_settings

    address = f"127.0.0.1:{_closed_port()}"
    monkeypatch.setenv("TEMPORAL_ADDRESS", address)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["consistency"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == EXIT_NO_CONNECTION, result.output
    assert address in result.output
