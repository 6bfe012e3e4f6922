"""The SOP document (Lampiran II): identity table, jenis, format and uraian prosedur.

These are data models, not tables: a saved draft is stored as the JSON of a ``SopDocument``
in an immutable document version (``store.tables.DocumentVersion``) under its content hash.
Unknown fields are refused everywhere so a typo never silently disappears.
"""

import hashlib
import json
from datetime import date
from enum import StrEnum

from pydantic import Field, field_validator

from sop.strict import StrictModel
from sop.waktu import Waktu


class JenisSop(StrEnum):
    """Pasal 6 (1)."""

    teknis = "teknis"
    administratif = "administratif"


class FormatSop(StrEnum):
    """Pasal 7 (2)."""

    langkah_sederhana = "langkah_sederhana"
    tahapan_berurutan = "tahapan_berurutan"
    grafik = "grafik"
    diagram_alir = "diagram_alir"


class Simbol(StrEnum):
    """Lampiran II.D: the flowchart symbols (the flow line is drawn, not stored)."""

    terminator = "terminator"
    proses = "proses"
    keputusan = "keputusan"
    konektor = "konektor"


class NomorSop(StrictModel):
    """Lampiran II.C item 3: no komponen, unit kerja, bagian, no urut SOP."""

    no_komponen: str = Field(min_length=1, max_length=20)
    unit_kerja: str = Field(min_length=1, max_length=40)
    bagian: str = Field(min_length=1, max_length=40)
    no_urut: int = Field(ge=1, le=9999)

    def __str__(self) -> str:
        return f"{self.no_komponen}/{self.unit_kerja}/{self.bagian}/{self.no_urut:03d}"


class Identitas(StrictModel):
    """The 14 items of the identity table, Lampiran II.C (item 1, the logo, is a slot)."""

    logo: str | None = Field(default=None, description="1. Logo (path or URL of the image)")
    unit_kerja: str = Field(min_length=1, max_length=200, description="2. Nama unit kerja")
    nomor_sop: NomorSop | None = Field(default=None, description="3. Nomor SOP")
    tanggal_pembuatan: date | None = Field(default=None, description="4. Tanggal pembuatan")
    tanggal_revisi: date | None = Field(default=None, description="5. Tanggal revisi")
    tanggal_pengesahan: date | None = Field(default=None, description="6. Tanggal pengesahan")
    disahkan_oleh: str | None = Field(default=None, max_length=200, description="7. Jabatan")
    nama_sop: str = Field(min_length=3, max_length=300, description="8. Nama SOP")
    dasar_hukum: list[str] = Field(default_factory=list, description="9. Dasar hukum")
    kualifikasi_pelaksana: list[str] = Field(default_factory=list, description="10.")
    keterkaitan: list[str] = Field(default_factory=list, description="11. Keterkaitan")
    peralatan_perlengkapan: list[str] = Field(default_factory=list, description="12.")
    peringatan: list[str] = Field(default_factory=list, description="13. Peringatan")
    pencatatan_pendataan: list[str] = Field(default_factory=list, description="14.")


class MutuBaku(StrictModel):
    """Lampiran II.C.3 columns 5-7."""

    kelengkapan: str = Field(default="", max_length=500)
    waktu: Waktu | None = None
    output: str = Field(default="", max_length=500)


class Langkah(StrictModel):
    """One row of the uraian prosedur."""

    no: int = Field(ge=1)
    uraian: str = Field(min_length=1, max_length=2000)
    pelaksana: str = Field(min_length=1, max_length=100)
    simbol: Simbol = Simbol.proses
    # Targets of a keputusan (step numbers); other symbols flow to the next step.
    ya: int | None = Field(default=None, ge=1)
    tidak: int | None = Field(default=None, ge=1)
    mutu_baku: MutuBaku = Field(default_factory=MutuBaku)
    keterangan: str = Field(default="", max_length=1000)


class SopDocument(StrictModel):
    """A whole SOP as written by its drafter."""

    identitas: Identitas
    jenis: JenisSop = JenisSop.administratif
    format: FormatSop = FormatSop.diagram_alir
    pelaksana: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Actors, ordered from highest to lowest jabatan (Lampiran II.C.3 item 2)",
    )
    langkah: list[Langkah] = Field(default_factory=list, max_length=500)

    @field_validator("langkah")
    @classmethod
    def _numbered_in_order(cls, steps: list[Langkah]) -> list[Langkah]:
        for index, step in enumerate(steps, start=1):
            if step.no != index:
                raise ValueError(
                    f"langkah harus bernomor urut mulai 1; langkah ke-{index} bernomor {step.no}"
                )
        return steps

    def content_hash(self) -> str:
        """sha256 of the canonical JSON: equal documents have equal hashes."""
        return hash_content(self.model_dump(mode="json"))


def hash_content(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
