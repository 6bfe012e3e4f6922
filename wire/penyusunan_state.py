"""What SopLifecycleWorkflow carries about penyusunan (Lampiran I 3, Pasal 7, 9 and 11).

Part of ``SopState``; no Temporal, no database.
"""

from datetime import date

from pydantic import Field

from sop.document import FormatSop
from sop.pasal9 import SyaratGagal
from sop.penyusunan import KonteksPenyusunan, PilihanAlternatif, PilihanFormat
from sop.reviu import RondeReviu
from sop.strict import ClosedModel


class DraftFacts(ClosedModel):
    """What the workflow learns from a saved draft, so later rules need not reload it."""

    versi: int
    format: FormatSop
    rekomendasi_format: FormatSop
    rekomendasi_alasan: str
    jumlah_langkah: int
    nomor_sop: str | None = None
    syarat_dokumen: list[SyaratGagal] = Field(default_factory=list)
    """Pasal 9 items the document itself fails (a, c, d without "tidak ada", structure)."""
    ada_keterkaitan: bool = False


class Pengesahan(ClosedModel):
    """The Keputusan that set a version (Pasal 11)."""

    versi: int
    revisi: int
    nomor_keputusan: str
    tanggal_keputusan: date
    pejabat_nama: str
    pejabat_jabatan: str
    dasar: str


class PenyusunanState(ClosedModel):
    """Penyusunan facts of the current revision (reset when a revision starts)."""

    konteks: KonteksPenyusunan = Field(default_factory=KonteksPenyusunan)
    informasi: int = 0
    alternatif: PilihanAlternatif | None = None
    draft: DraftFacts | None = None
    pilihan_format: PilihanFormat | None = None
    pilihan_format_versi: int | None = None
    ronde: RondeReviu | None = None
    ronde_terakhir: int = 0
    simulasi: int = 0
    """Simulations recorded for the version under review."""
