"""Documents shipped with the package: the regulation's own worked example."""

from importlib import resources

from sop.document import SopDocument


def lampiran_2e_example() -> SopDocument:
    """Lampiran II.E: "Pelayanan administrasi surat masuk dan surat keluar", 9 steps."""
    text = (
        resources.files("sop")
        .joinpath("fixtures/lampiran_2e_surat_masuk_keluar.json")
        .read_text(encoding="utf-8")
    )
    return SopDocument.model_validate_json(text)
