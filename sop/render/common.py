"""What the HTML and PDF renderings share: metadata, labels and the derived views of Lampiran II.

* the title page (Lampiran II.F.4 "Halaman Judul"): unit identity, the fixed heading, the title;
* the identity table (Lampiran II.B/C.2): six rows beside the unit's name and logo, then three
  pairs of lists (dasar hukum / kualifikasi pelaksana, keterkaitan / peralatan, peringatan /
  pencatatan);
* the tahapan of the "tahapan berurutan" format (Pasal 7 (2) b, (4)): the model has no sub-steps,
  so a tahap is a run of consecutive steps done by the same pelaksana, numbered ``1``, ``2`` ...,
  and its steps ``1.1``, ``1.2`` ...; each row still shows the step's own number, the one that
  keputusan targets refer to.
"""

from dataclasses import dataclass
from datetime import date
from html import escape

from sop.document import Langkah, Simbol, SopDocument

HEADING = "PROSEDUR BAKU PELAKSANAAN KEGIATAN STANDAR OPERASIONAL PROSEDUR (SOP)"

_MONTHS = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
).split()


@dataclass(frozen=True)
class RenderMeta:
    """Facts about the stored version that the document itself does not hold."""

    versi: int | None = None
    revisi: int | None = None
    status: str | None = None

    def line(self) -> str:
        parts = []
        if self.versi is not None:
            parts.append(f"Versi {self.versi}")
        if self.revisi is not None:
            parts.append(f"Revisi {self.revisi}")
        if self.status:
            parts.append(f"Status: {self.status}")
        return " \u00b7 ".join(parts)


def format_tanggal(value: date | None) -> str:
    """``28 Juni 2013``; an empty date is ``-``."""
    if value is None:
        return "-"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def identity_rows(doc: SopDocument) -> list[tuple[str, str]]:
    """Items 3-8 of Lampiran II.C.2, written beside the unit's name."""
    ident = doc.identitas
    return [
        ("Nomor SOP", str(ident.nomor_sop) if ident.nomor_sop else "-"),
        ("Tanggal Pembuatan", format_tanggal(ident.tanggal_pembuatan)),
        ("Tanggal Revisi", format_tanggal(ident.tanggal_revisi)),
        ("Tanggal Pengesahan", format_tanggal(ident.tanggal_pengesahan)),
        ("Disahkan Oleh", ident.disahkan_oleh or "-"),
        ("Nama SOP", ident.nama_sop),
    ]


def identity_lists(doc: SopDocument) -> list[tuple[tuple[str, list[str]], tuple[str, list[str]]]]:
    """Items 9-14 of Lampiran II.C.2 as three rows of two labelled lists."""
    ident = doc.identitas
    return [
        (
            ("DASAR HUKUM", ident.dasar_hukum),
            ("KUALIFIKASI PELAKSANA", ident.kualifikasi_pelaksana),
        ),
        (
            ("KETERKAITAN", ident.keterkaitan),
            ("PERALATAN / PERLENGKAPAN", ident.peralatan_perlengkapan),
        ),
        (
            ("PERINGATAN", ident.peringatan),
            ("PENCATATAN DAN PENDATAAN", ident.pencatatan_pendataan),
        ),
    ]


def branch_text(step: Langkah) -> str:
    """``Jika ya, lanjut ke langkah 5; jika tidak, ke langkah 2.`` for a keputusan, else ``""``."""
    if step.simbol != Simbol.keputusan:
        return ""
    ya = f"langkah {step.ya}" if step.ya is not None else "(belum diisi)"
    tidak = f"langkah {step.tidak}" if step.tidak is not None else "(belum diisi)"
    return f"Jika ya, lanjut ke {ya}; jika tidak, ke {tidak}."


def uraian_markup(step: Langkah, separator: str, tag: str) -> str:
    """The step's uraian, escaped; a keputusan's branch text follows in ``<tag>`` after it."""
    text = escape(step.uraian)
    branch = branch_text(step)
    if branch:
        text += f"{separator}<{tag}>{escape(branch)}</{tag}>"
    return text


def step_details(step: Langkah) -> str:
    """``Pelaksana: Staf; Waktu: 30 Menit; Output: Surat``, the note under a langkah sederhana."""
    details = [f"Pelaksana: {step.pelaksana}"]
    if step.mutu_baku.waktu is not None:
        details.append(f"Waktu: {step.mutu_baku.waktu}")
    if step.mutu_baku.output:
        details.append(f"Output: {step.mutu_baku.output}")
    return "; ".join(details)


def waktu_text(step: Langkah) -> str:
    return str(step.mutu_baku.waktu) if step.mutu_baku.waktu is not None else ""


@dataclass(frozen=True)
class Tahap:
    nomor: int
    pelaksana: str
    langkah: list[Langkah]


def tahapan(doc: SopDocument) -> list[Tahap]:
    """Runs of consecutive steps by the same pelaksana (see the module docstring)."""
    stages: list[Tahap] = []
    for step in doc.langkah:
        if stages and stages[-1].pelaksana == step.pelaksana:
            stages[-1].langkah.append(step)
        else:
            stages.append(Tahap(len(stages) + 1, step.pelaksana, [step]))
    return stages
