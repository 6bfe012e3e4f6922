"""SOP documents: renderings (HTML, PDF, XLSX, JSON), analysis, import, schema (Lampiran II)."""

import json
from typing import Annotated, Literal

from fastapi import File, Form, HTTPException, UploadFile, status
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ValidationError
from sqlmodel import Session, select

from api.deps import Acting, SessionDep, SopDep, check_role, signed_in_router
from api.masukan import VersiPath, VersiQuery, check_document
from api.schemas import ActionOut
from sop.document import SopDocument
from sop.pasal7 import RekomendasiFormat, rekomendasi_format
from sop.render.common import RenderMeta
from sop.render.html import render_html
from sop.render.pdf import render_pdf
from sop.schema import document_json_schema
from sop.totals import TotalWaktu, total_waktu
from sop.validation import Masalah, validate_procedure
from sop.wewenang import Tindakan
from sop.xlsx import export_xlsx, import_xlsx
from store.penyusunan_queries import events_of
from store.tables import DocumentVersion, Sop
from wire.payloads import PengesahanPayload, parse_payload
from wire.sop import SaveDraftInput
from workflows.sop_lifecycle import SopLifecycleWorkflow as Workflow

router = signed_in_router("/api/v1", "dokumen")

MAX_IMPORT_BYTES = 2_000_000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AnalysisOut(BaseModel):
    version: int
    valid: bool
    masalah: list[Masalah]
    total_waktu: TotalWaktu
    rekomendasi_format: RekomendasiFormat


def _version(session: Session, sop: Sop, version: int | None) -> DocumentVersion:
    number = version or sop.effective_version or sop.current_version
    if number is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, f"SOP '{sop.id}' belum memiliki dokumen tersimpan."
        )
    row = session.exec(
        select(DocumentVersion).where(
            DocumentVersion.sop_id == sop.id, DocumentVersion.version == number
        )
    ).first()
    if row is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, f"Versi {number} dari SOP '{sop.id}' tidak ada."
        )
    return row


def as_signed(
    session: Session, sop_id: str, version: int, doc: SopDocument
) -> tuple[SopDocument, bool]:
    """The document as signed: an approved version shows its tanggal pengesahan (the SOP's
    first approval), tanggal revisi (a later approval) and who signed it (Lampiran II.C items
    5-7), from the approvals recorded by the workflow. JSON returns the stored draft as is."""
    approvals = [
        (event, payload)
        for event in events_of(session, sop_id, ("sahkan",))
        if isinstance(payload := parse_payload(event.event, event.payload), PengesahanPayload)
    ]
    mine = next(((e, p) for e, p in approvals if p.versi == version), None)
    if mine is None:
        return doc, False
    event, signed = mine
    update: dict = {
        "tanggal_pengesahan": approvals[0][1].tanggal_keputusan,
        "disahkan_oleh": signed.jabatan or event.actor_jabatan,
    }
    if event is not approvals[0][0]:
        update["tanggal_revisi"] = signed.tanggal_keputusan
    identitas = doc.identitas.model_copy(update=update)
    return doc.model_copy(update={"identitas": identitas}), True


VersionQuery = VersiQuery


@router.get("/sops/{sop_id}/document.{fmt}", response_model=None)
def render_document(
    sop: SopDep,
    fmt: Literal["html", "pdf", "xlsx", "json"],
    session: SessionDep,
    version: VersionQuery = None,
) -> Response:
    """The SOP document in the format of Lampiran II (the effective version by default)."""
    sop_id = sop.id
    row = _version(session, sop, version)
    doc, signed = as_signed(session, sop_id, row.version, SopDocument.model_validate(row.content))
    status_text = "Berlaku" if row.version == sop.effective_version else (
        "Disahkan" if signed else "Draf"
    )
    meta = RenderMeta(versi=row.version, revisi=row.revision, status=status_text)
    filename = f"sop-{sop_id}-v{row.version}"
    if fmt == "html":
        return HTMLResponse(render_html(doc, meta))
    if fmt == "json":
        return JSONResponse(row.content)
    if fmt == "pdf":
        content, media = render_pdf(doc, meta), "application/pdf"
    else:
        content, media = export_xlsx(doc), XLSX_TYPE
    disposition = f'attachment; filename="{filename}.{fmt}"'
    return Response(content, media_type=media, headers={"Content-Disposition": disposition})


@router.get("/sops/{sop_id}/versions/{version}/analysis", response_model=AnalysisOut)
def analyse_version(sop: SopDep, version: VersiPath, session: SessionDep) -> AnalysisOut:
    """Structural validation, total time and the Pasal 7 format recommendation of a version."""
    doc = SopDocument.model_validate(_version(session, sop, version).content)
    problems = validate_procedure(doc)
    return AnalysisOut(
        version=version,
        valid=not any(p.tingkat == "galat" for p in problems),
        masalah=problems,
        total_waktu=total_waktu(doc),
        rekomendasi_format=rekomendasi_format(doc),
    )


@router.post("/sops/{sop_id}/import", status_code=status.HTTP_201_CREATED, response_model=ActionOut)
async def import_document(
    acting: Acting,
    file: Annotated[UploadFile, File(description="Berkas .xlsx atau .json")],
    note: Annotated[str, Form(max_length=4000)] = "",
) -> ActionOut:
    """Import a document from XLSX or JSON as a new draft version."""
    # The upload is parsed before the update can be sent: a caller without the role learns
    # that first, not what is wrong with their file.
    check_role(Tindakan.draf, acting.aktor, acting.sop.unit_code)
    data = await file.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE, "Berkas lebih dari 2 MB; perkecil berkasnya."
        )
    document = _parse_upload(file.filename or "", data)
    arg = SaveDraftInput(aktor=acting.aktor, document=document, note=note)
    return await acting.send(Workflow.save_draft, arg)


def _parse_upload(filename: str, data: bytes) -> SopDocument:
    if filename.lower().endswith(".xlsx"):
        result = import_xlsx(data)
        if result.document is None:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                {
                    "message": "Lembar kerja tidak terbaca seluruhnya; perbaiki baris berikut.",
                    "galat": [g.model_dump() for g in result.galat],
                },
            )
        return result.document
    if filename.lower().endswith(".json"):
        try:
            document = json.loads(data)
        except ValueError:
            document = None  # not JSON: the schema's own validation below answers
        check_document(document, None)
        try:
            return SopDocument.model_validate_json(data)
        except ValidationError as err:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                {
                    "message": "Dokumen JSON tidak sesuai skema (GET /api/v1/schema/sop-document).",
                    "galat": [
                        {"lokasi": ".".join(str(p) for p in e["loc"]), "pesan": e["msg"]}
                        for e in err.errors()
                    ],
                },
            ) from err
    raise HTTPException(
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, "Unggah berkas berakhiran .xlsx atau .json."
    )


@router.get("/schema/sop-document")
def sop_document_schema() -> dict:
    """The published JSON Schema of the SOP document."""
    return document_json_schema()
