"""Lampiran I 3.d.2-3: simulations test whether the SOP works as written; their findings are
followed up by the drafter.

Each simulation records its date, participants, the steps run with the real time each took
(set against the step's mutu baku waktu) and findings. Its outcome decides where the SOP goes:
on to pengesahan, back to writing, to analysis or to information gathering (Lampiran I 3.d:
"Proses pengujian dan reviu kemungkinan akan memaksa penyusun untuk kembali pada proses-proses
pengumpulan data dan analisis"), or stays for another simulation.
"""

from enum import StrEnum

from pydantic import BaseModel, Field

from sop.document import SopDocument
from sop.strict import StrictModel
from sop.teks import Tanggal
from sop.waktu import Waktu


class HasilSimulasi(StrEnum):
    lanjut_pengesahan = "lanjut_pengesahan"
    perbaiki_tulisan = "perbaiki_tulisan"
    kembali_ke_analisis = "kembali_ke_analisis"
    kembali_ke_pengumpulan_informasi = "kembali_ke_pengumpulan_informasi"
    ulangi_simulasi = "ulangi_simulasi"


EVENT_HASIL: dict[HasilSimulasi, str | None] = {
    HasilSimulasi.lanjut_pengesahan: "ajukan_pengesahan",
    HasilSimulasi.perbaiki_tulisan: "perbaiki_tulisan",
    HasilSimulasi.kembali_ke_analisis: "kembali_ke_analisis",
    HasilSimulasi.kembali_ke_pengumpulan_informasi: "kembali_ke_pengumpulan_informasi",
    HasilSimulasi.ulangi_simulasi: None,
}
"""The lifecycle event each outcome sends (``None``: the SOP stays in pengujian dan reviu)."""


class LangkahSimulasi(StrictModel):
    no: int = Field(ge=1, description="Nomor langkah SOP yang dijalankan")
    waktu_nyata: Waktu = Field(description="Waktu yang sesungguhnya diperlukan, mis. '45 Menit'")
    catatan: str = Field(default="", max_length=2000)


class CatatanSimulasi(StrictModel):
    tanggal: Tanggal
    peserta: list[str] = Field(min_length=1, max_length=200)
    langkah: list[LangkahSimulasi] = Field(min_length=1, max_length=500)
    temuan: str = Field(min_length=1, max_length=4000)
    hasil: HasilSimulasi


class PerbandinganWaktu(BaseModel):
    """One simulated step: its mutu baku waktu against the time it really took."""

    no: int
    uraian: str
    mutu_baku: str | None
    mutu_baku_menit: float | None
    nyata: str
    nyata_menit: float
    selisih_menit: float | None
    melebihi: bool


def langkah_problems(versi: int, jumlah_langkah: int, catatan: CatatanSimulasi) -> list[str]:
    """Steps named by the simulation that the simulated version (of ``jumlah_langkah`` steps)
    does not have."""
    return [
        f"Langkah {s.no} tidak ada pada draf versi {versi} ({jumlah_langkah} langkah)."
        for s in catatan.langkah
        if s.no > jumlah_langkah
    ]


def bandingkan_waktu(doc: SopDocument, catatan: CatatanSimulasi) -> list[PerbandinganWaktu]:
    rows = []
    for simulated in catatan.langkah:
        if simulated.no > len(doc.langkah):
            continue
        step = doc.langkah[simulated.no - 1]
        baku = step.mutu_baku.waktu
        selisih = simulated.waktu_nyata.menit - baku.menit if baku else None
        rows.append(
            PerbandinganWaktu(
                no=simulated.no,
                uraian=step.uraian,
                mutu_baku=str(baku) if baku else None,
                mutu_baku_menit=baku.menit if baku else None,
                nyata=str(simulated.waktu_nyata),
                nyata_menit=simulated.waktu_nyata.menit,
                selisih_menit=selisih,
                melebihi=selisih is not None and selisih > 0,
            )
        )
    return rows
