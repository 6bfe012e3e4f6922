"""The workbook's layout shared by the exporter and the importer (Lampiran II.C)."""

SHEET_IDENTITAS = "Identitas"
SHEET_PROSEDUR = "Uraian Prosedur"

# (field of the model, label in the sheet, item number of Lampiran II.C.2, kind)
IDENTITY_ROWS: list[tuple[str, str, str, str]] = [
    ("logo", "Logo", "1", "text"),
    ("unit_kerja", "Nama Unit Kerja", "2", "text"),
    ("nomor_sop.no_komponen", "Nomor SOP - No Komponen", "3", "text"),
    ("nomor_sop.unit_kerja", "Nomor SOP - Unit Kerja", "", "text"),
    ("nomor_sop.bagian", "Nomor SOP - Bagian", "", "text"),
    ("nomor_sop.no_urut", "Nomor SOP - No Urut", "", "int"),
    ("tanggal_pembuatan", "Tanggal Pembuatan", "4", "date"),
    ("tanggal_revisi", "Tanggal Revisi", "5", "date"),
    ("tanggal_pengesahan", "Tanggal Pengesahan", "6", "date"),
    ("disahkan_oleh", "Disahkan Oleh", "7", "text"),
    ("nama_sop", "Nama SOP", "8", "text"),
    ("dasar_hukum", "Dasar Hukum", "9", "list"),
    ("kualifikasi_pelaksana", "Kualifikasi Pelaksana", "10", "list"),
    ("keterkaitan", "Keterkaitan", "11", "list"),
    ("peralatan_perlengkapan", "Peralatan / Perlengkapan", "12", "list"),
    ("peringatan", "Peringatan", "13", "list"),
    ("pencatatan_pendataan", "Pencatatan dan Pendataan", "14", "list"),
    ("jenis", "Jenis SOP", "", "text"),
    ("format", "Format SOP", "", "text"),
    ("pelaksana", "Pelaksana", "", "list"),
]

COLUMNS = [
    "No",
    "Uraian Prosedur",
    "Pelaksana",
    "Simbol",
    "Ya",
    "Tidak",
    "Kelengkapan",
    "Waktu",
    "Output",
    "Keterangan",
]
