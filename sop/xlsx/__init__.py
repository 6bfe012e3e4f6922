"""SOP document to and from an Excel workbook (Lampiran II.C: identitas and uraian prosedur).

Layout, chosen to look like the paper form to someone who keeps SOPs in Excel:

* sheet ``Identitas``: columns ``No | Butir | Isi``, one row per item of the identity table in
  the order and numbering of Lampiran II.C.2 (item 3, Nomor SOP, takes four rows: no komponen,
  unit kerja, bagian, no urut), then ``Jenis SOP``, ``Format SOP`` and ``Pelaksana``. A list
  item (dasar hukum, peralatan, pelaksana ...) holds one entry per line of its cell. Dates are
  Excel dates (``DD/MM/YYYY``); text ``YYYY-MM-DD`` or ``DD/MM/YYYY`` is read too.
* sheet ``Uraian Prosedur``: header on row 1, ``No | Uraian Prosedur | Pelaksana | Simbol | Ya |
  Tidak | Kelengkapan | Waktu | Output | Keterangan``, then one row per step. Simbol is one of
  terminator, proses, keputusan, konektor (``mulai``/``selesai`` also mean terminator); Ya and
  Tidak are step numbers, filled for a keputusan only; Waktu is written like ``30 Menit``.
  Columns are found by their header, so their order may change; empty rows are skipped.

``import_xlsx`` returns either the document or every problem it found, each with its sheet, row,
column and a message in Bahasa Indonesia.
"""

from sop.xlsx.export import export_xlsx
from sop.xlsx.layout import COLUMNS, SHEET_IDENTITAS, SHEET_PROSEDUR
from sop.xlsx.reader import BarisGalat, ImportResult, import_xlsx

__all__ = [
    "COLUMNS",
    "SHEET_IDENTITAS",
    "SHEET_PROSEDUR",
    "BarisGalat",
    "ImportResult",
    "export_xlsx",
    "import_xlsx",
]
