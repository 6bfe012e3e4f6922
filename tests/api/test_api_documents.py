"""Documents over HTTP: renderings of a version, analysis, XLSX/JSON import, the JSON Schema."""

import io

import pypdfium2
import pytest
from openpyxl import load_workbook

from sop.document import SopDocument
from sop.fixtures import lampiran_2e_example
from sop.xlsx import export_xlsx, import_xlsx
from tests.support.http_driver import PENYUSUN, As, create, drive


@pytest.fixture(scope="module")
async def client(signed_in):
    """This module's requests are the drafter's (penyusun of the Bagian Umum)."""
    return await signed_in(PENYUSUN)


async def drafted_sop(client) -> str:
    """An SOP in penulisan with the II.E example saved as version 1."""
    sop = await create(As(client))
    await drive(As(client), sop["id"], "penulisan")
    response = await client.post(
        f"/api/v1/sops/{sop['id']}/versions",
        json={"document": lampiran_2e_example().model_dump(mode="json")},
    )
    assert response.status_code == 201, response.text
    return sop["id"]


async def test_renderings_of_the_current_draft(client):
    sop_id = await drafted_sop(client)
    base = f"/api/v1/sops/{sop_id}/document"

    html = await client.get(f"{base}.html")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert all(step.uraian in html.text for step in lampiran_2e_example().langkah)
    assert "PELAYANAN ADMINISTRASI SURAT MASUK" in html.text.upper()

    pdf = await client.get(f"{base}.pdf", params={"version": 1})
    assert pdf.headers["content-type"] == "application/pdf"
    document = pypdfium2.PdfDocument(pdf.content)
    assert len(document) >= 3
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "Surat Masuk" in text

    xlsx = await client.get(f"{base}.xlsx")
    assert import_xlsx(xlsx.content).document == lampiran_2e_example()

    as_json = await client.get(f"{base}.json")
    assert SopDocument.model_validate(as_json.json()) == lampiran_2e_example()

    missing = await client.get(f"{base}.pdf", params={"version": 7})
    assert missing.status_code == 404 and "Versi 7" in missing.text
    bad = await client.get(f"{base}.docx")
    assert bad.status_code == 422


async def test_document_of_an_sop_without_draft_is_404(client):
    sop = await create(As(client))
    response = await client.get(f"/api/v1/sops/{sop['id']}/document.html")
    assert response.status_code == 404
    assert "belum memiliki dokumen" in response.json()["detail"]


async def test_analysis_reports_validity_totals_and_format(client):
    sop_id = await drafted_sop(client)
    body = (await client.get(f"/api/v1/sops/{sop_id}/versions/1/analysis")).json()
    assert body["valid"] is True
    assert body["total_waktu"]["teks"] == "5 Hari 2 Jam"
    assert body["rekomendasi_format"]["format"] in {
        "langkah_sederhana", "tahapan_berurutan", "grafik", "diagram_alir"
    }


async def test_xlsx_import_creates_a_new_draft_version(client):
    sop_id = await drafted_sop(client)
    changed = lampiran_2e_example().model_copy(deep=True)
    changed.langkah[1].uraian = "Menerima dan memeriksa surat"
    response = await client.post(
        f"/api/v1/sops/{sop_id}/import",
        files={"file": ("sop.xlsx", export_xlsx(changed))},
    )
    assert response.status_code == 201, response.text
    assert response.json()["document_version"] == 2
    stored = (await client.get(f"/api/v1/sops/{sop_id}/versions/2")).json()
    assert stored["content"]["langkah"][1]["uraian"] == "Menerima dan memeriksa surat"


async def test_malformed_sheet_yields_row_errors_and_saves_nothing(client):
    sop_id = await drafted_sop(client)
    book = load_workbook(io.BytesIO(export_xlsx(lampiran_2e_example())))
    sheet = book["Uraian Prosedur"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=headers.index("Waktu") + 1, value="kira-kira lama")
    buffer = io.BytesIO()
    book.save(buffer)

    response = await client.post(
        f"/api/v1/sops/{sop_id}/import",
        files={"file": ("sop.xlsx", buffer.getvalue())},
    )
    assert response.status_code == 422
    galat = response.json()["detail"]["galat"]
    assert any(g["baris"] == 3 and g["kolom"] == "Waktu" for g in galat), galat
    versions = (await client.get(f"/api/v1/sops/{sop_id}/versions")).json()
    assert [v["version"] for v in versions] == [1]

    wrong = await client.post(
        f"/api/v1/sops/{sop_id}/import",
        files={"file": ("sop.docx", b"PK")},
    )
    assert wrong.status_code == 415


async def test_json_schema_is_published(client):
    schema = (await client.get("/api/v1/schema/sop-document")).json()
    assert schema["$id"].startswith("urn:siklus-sop:schema:sop-document")
    assert "identitas" in schema["properties"]
