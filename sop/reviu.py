"""Lampiran I 3.d.1: the written draft is sent to the parties directly involved for input.

A round (ronde) circulates one saved document version, in parallel, to every party (a unit).
Each party answers ``setuju`` or ``perlu_perbaikan``, with comments that may point at a step.
A round has a deadline (7 days unless the drafter sets another); parties that have not answered
are reminded 2 days before it; at the deadline the coordinator is told who is silent and
extends or closes the round. The round's result is ``perlu_perbaikan`` as soon as one party
asks for changes, once every party has answered (or the round is closed).

Pure rules; the workflow keeps the round in its state and the timers.
"""

import re
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from sop.document import SopDocument
from sop.strict import StrictModel

BATAS_WAKTU_HARI = 7
"""Default length of a review round, in days."""
PENGINGAT_SEBELUM = timedelta(days=2)
"""Silent parties are reminded this long before the deadline."""
MAKS_PIHAK = 60


class KeputusanReviu(StrEnum):
    setuju = "setuju"
    perlu_perbaikan = "perlu_perbaikan"


class KomentarReviu(StrictModel):
    langkah: int | None = Field(default=None, ge=1, description="Nomor langkah yang dikomentari")
    teks: str = Field(min_length=1, max_length=2000)


class JawabanReviu(StrictModel):
    keputusan: KeputusanReviu
    komentar: list[KomentarReviu] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _changes_need_comments(self) -> "JawabanReviu":
        if self.keputusan is KeputusanReviu.perlu_perbaikan and not self.komentar:
            raise ValueError(
                "jawaban 'perlu_perbaikan' harus disertai sekurang-kurangnya satu komentar"
            )
        return self


class TugasReviu(StrictModel):
    """One party's task in a round."""

    pihak: str
    """Unit code of the party."""
    ditugaskan_kepada: str | None = None
    """Username of the person the task was delegated or reassigned to; any reviewer of the
    party's unit may answer while it is empty."""
    keputusan: KeputusanReviu | None = None
    komentar: list[KomentarReviu] = Field(default_factory=list)
    dijawab_oleh: str | None = None


StatusRonde = Literal["berjalan", "lewat_batas", "selesai"]


class RondeReviu(StrictModel):
    nomor: int
    versi: int
    dibuka: datetime
    batas_waktu: datetime
    tugas: list[TugasReviu]
    status: StatusRonde = "berjalan"
    hasil: Literal["disetujui", "perlu_perbaikan"] | None = None
    pengingat_terkirim: bool = False

    def belum_menjawab(self) -> list[str]:
        return [t.pihak for t in self.tugas if t.keputusan is None]

    def tugas_of(self, pihak: str) -> TugasReviu | None:
        return next((t for t in self.tugas if t.pihak == pihak), None)

    def hasil_sekarang(self) -> Literal["disetujui", "perlu_perbaikan"]:
        if any(t.keputusan is KeputusanReviu.perlu_perbaikan for t in self.tugas):
            return "perlu_perbaikan"
        return "disetujui"


def pihak_terlibat(doc: SopDocument, owner_unit: str, units: dict[str, str]) -> list[str]:
    """The units that appear as pelaksana in the draft, the owning unit first.

    ``units`` maps unit codes to names; a pelaksana mentions a unit by its code as a word
    ("Kasi Pelayanan DINKES") or by its name ("Staf Dinas Kesehatan"). Every other pelaksana
    (a jabatan) belongs to the owning unit.
    """
    found = [owner_unit]
    texts = [*doc.pelaksana, *(step.pelaksana for step in doc.langkah)]
    for code, nama in units.items():
        if code in found:
            continue
        code_word = re.compile(rf"\b{re.escape(code)}\b")
        if any(code_word.search(text) or nama.lower() in text.lower() for text in texts):
            found.append(code)
    return found


def pihak_reviu(
    terlibat: list[str], koordinator: str, tambah: list[str], hapus: list[str]
) -> list[str]:
    """Default parties (involved units and the coordinator), with the drafter's changes."""
    parties = [*terlibat, koordinator, *tambah]
    removed = set(hapus)
    return list(dict.fromkeys(p for p in parties if p not in removed))
