"""The organisation of the Pemerintah Kabupaten Balangan, for demos and tests.

(code, name, jenis, parent code). Jenis values are ``sop.organisasi.JenisUnit``.
"""

UNITS: list[tuple[str, str, str, str | None]] = [
    ("SETDA", "Sekretariat Daerah Kabupaten Balangan", "sekretariat_daerah", None),
    ("ORG", "Bagian Organisasi Sekretariat Daerah", "bagian", "SETDA"),
    ("HUKUM", "Bagian Hukum Sekretariat Daerah", "bagian", "SETDA"),
    ("UMUM", "Bagian Umum Sekretariat Daerah", "bagian", "SETDA"),
    ("PEM", "Bagian Tata Pemerintahan Sekretariat Daerah", "bagian", "SETDA"),
    ("KESRA", "Bagian Kesejahteraan Rakyat Sekretariat Daerah", "bagian", "SETDA"),
    ("EKON", "Bagian Perekonomian dan Sumber Daya Alam Sekretariat Daerah", "bagian", "SETDA"),
    ("ADPEM", "Bagian Administrasi Pembangunan Sekretariat Daerah", "bagian", "SETDA"),
    ("PBJ", "Bagian Pengadaan Barang dan Jasa Sekretariat Daerah", "bagian", "SETDA"),
    ("PROKOPIM", "Bagian Protokol dan Komunikasi Pimpinan Sekretariat Daerah", "bagian", "SETDA"),
    ("SETWAN", "Sekretariat DPRD Kabupaten Balangan", "sekretariat_dprd", None),
    ("INSP", "Inspektorat Daerah", "inspektorat", None),
    ("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan", "dinas", None),
    ("DINKES", "Dinas Kesehatan", "dinas", None),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", None),
    ("DISPERKIM", "Dinas Perumahan Rakyat dan Kawasan Permukiman", "dinas", None),
    ("DINSOS", "Dinas Sosial", "dinas", None),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", None),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "dinas", None),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", None),
    ("DLH", "Dinas Lingkungan Hidup", "dinas", None),
    ("DISHUB", "Dinas Perhubungan", "dinas", None),
    ("DISTAN", "Dinas Pertanian", "dinas", None),
    ("DKPP", "Dinas Ketahanan Pangan dan Perikanan", "dinas", None),
    ("DISKOPUKM", "Dinas Koperasi, Usaha Kecil Menengah dan Perdagangan", "dinas", None),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "dinas", None),
    ("DPPKBPPPA", "Dinas Pengendalian Penduduk, KB, Pemberdayaan Perempuan dan Perlindungan "
     "Anak", "dinas", None),
    ("DISPARPORA", "Dinas Pariwisata, Kepemudaan dan Olahraga", "dinas", None),
    ("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", "dinas", None),
    ("DISNAKER", "Dinas Tenaga Kerja dan Transmigrasi", "dinas", None),
    ("SATPOLPP", "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "dinas", None),
    ("BAPPELITBANGDA", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
     "badan", None),
    ("BPKPAD", "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah", "badan", None),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", None),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", None),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "badan", None),
    ("KEC-PARINGIN", "Kecamatan Paringin", "kecamatan", None),
    ("KEC-PARSEL", "Kecamatan Paringin Selatan", "kecamatan", None),
    ("KEC-LAMPIHONG", "Kecamatan Lampihong", "kecamatan", None),
    ("KEC-BATUMANDI", "Kecamatan Batumandi", "kecamatan", None),
    ("KEC-JUAI", "Kecamatan Juai", "kecamatan", None),
    ("KEC-AWAYAN", "Kecamatan Awayan", "kecamatan", None),
    ("KEC-HALONG", "Kecamatan Halong", "kecamatan", None),
    ("KEC-TEBINGTINGGI", "Kecamatan Tebing Tinggi", "kecamatan", None),
    ("UPT-PKM-PARINGIN", "UPT Puskesmas Paringin", "upt", "DINKES"),
    ("UPT-PKM-LAMPIHONG", "UPT Puskesmas Lampihong", "upt", "DINKES"),
    ("UPT-PKM-HALONG", "UPT Puskesmas Halong", "upt", "DINKES"),
    ("UPT-LABKESDA", "UPT Laboratorium Kesehatan Daerah", "upt", "DINKES"),
    ("UPT-PKB", "UPT Pengujian Kendaraan Bermotor", "upt", "DISHUB"),
    ("UPT-PERSAMPAHAN", "UPT Pengelolaan Persampahan", "upt", "DLH"),
    ("UPT-SKB", "UPT Sanggar Kegiatan Belajar", "upt", "DISDIKBUD"),
]


EMAIL_DOMAIN = "siklus-sop.balangan.test"
"""Demo addresses only (a reserved test domain); real ones are set per unit by an admin."""


def unit_email(code: str) -> str:
    return f"{code.lower()}@{EMAIL_DOMAIN}"
