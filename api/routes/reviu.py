"""Review circulation of one SOP over HTTP (Lampiran I 3.d.1).

The drafter sends one saved version to the parties involved (by default the units that appear
as pelaksana in its steps, plus the coordinator); each party answers; the coordinator extends
or closes a round whose deadline passed. Rounds, answers and comments are listed per version.
"""

from fastapi import HTTPException, Query, status
from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from api.deps import Acting, EngineDep, SessionDep, SopDep, check_role, read, signed_in_router
from api.masukan import MAX_VERSI, RondePath, VersiPath
from api.schemas import ActionOut
from sop.document import SopDocument
from sop.organisasi import BAGIAN_ORGANISASI
from sop.reviu import (
    MAKS_PIHAK,
    JawabanReviu,
    KeputusanReviu,
    KomentarReviu,
    pihak_reviu,
    pihak_terlibat,
)
from sop.strict import ClosedModel
from sop.wewenang import Tindakan
from store.penyusunan_queries import review_rounds
from store.queries import document_version
from store.tables import Unit
from store.user_tables import User
from wire.penyusunan import (
    ReviewAnswerInput,
    ReviewAssignFields,
    ReviewAssignInput,
    RoundDecisionFields,
    RoundDecisionInput,
    SubmitReviewFields,
    SubmitReviewInput,
)
from workflows.sop_lifecycle import SopLifecycleWorkflow as Workflow

router = signed_in_router("/api/v1/sops/{sop_id}", "reviu")


class SubmitReviewRequest(SubmitReviewFields):
    """The round's version and deadline, and changes to the default parties (the route turns
    them into the update's ``pihak``)."""

    tambah: list[str] = Field(
        default_factory=list, max_length=MAKS_PIHAK, description="Kode unit pereviu tambahan"
    )
    hapus: list[str] = Field(
        default_factory=list,
        max_length=MAKS_PIHAK,
        description="Kode unit yang tidak perlu mereviu",
    )


class AnswerRequest(ClosedModel):
    pihak: str | None = Field(
        default=None, max_length=40, description="Unit yang menjawab; bawaan: unit Anda"
    )
    keputusan: KeputusanReviu
    komentar: list[KomentarReviu] = Field(default_factory=list, max_length=100)


class PartiesOut(BaseModel):
    versi: int
    terlibat: list[str]
    koordinator: str
    pihak: list[str]


def _units(session: Session) -> dict[str, str]:
    return {u.code: u.name for u in session.exec(select(Unit)).all()}


def _document(session: Session, sop_id: str, version: int) -> SopDocument:
    row = document_version(session, sop_id, version)
    if row is None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Versi {version} belum tersimpan; simpan draf terlebih dahulu.",
        )
    return SopDocument.model_validate(row.content)


def _parties(
    session: Session, sop_id: str, unit_code: str, body: SubmitReviewRequest
) -> PartiesOut:
    units = _units(session)
    unknown = sorted({*body.tambah, *body.hapus} - units.keys())
    if unknown:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Kode unit tidak dikenal: {', '.join(unknown)}; lihat GET /api/v1/units.",
        )
    terlibat = pihak_terlibat(_document(session, sop_id, body.versi), unit_code, units)
    pihak = pihak_reviu(terlibat, BAGIAN_ORGANISASI, body.tambah, body.hapus)
    if not pihak:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "Daftar pihak pereviu tidak boleh kosong."
        )
    return PartiesOut(
        versi=body.versi, terlibat=terlibat, koordinator=BAGIAN_ORGANISASI, pihak=pihak
    )


@router.get("/reviews/parties", response_model=PartiesOut)
def default_parties(
    sop: SopDep,
    session: SessionDep,
    versi: int = Query(ge=1, le=MAX_VERSI, description="Versi draf"),
) -> PartiesOut:
    """The parties a round over ``versi`` goes to by default (before additions/removals)."""
    return _parties(session, sop.id, sop.unit_code, SubmitReviewRequest(versi=versi))


@router.post("/reviews", status_code=status.HTTP_201_CREATED)
async def submit_review(
    body: SubmitReviewRequest, acting: Acting, engine: EngineDep
) -> ActionOut:
    """Send one saved version for review to every party at once, with a deadline."""
    sop = acting.sop
    # The parties are read from the version before the update can be sent: a caller without
    # the role learns that first, not that their version or units are wrong.
    check_role(Tindakan.draf, acting.aktor, sop.unit_code)
    parties = await read(engine, lambda session: _parties(session, sop.id, sop.unit_code, body))
    arg = SubmitReviewInput(
        aktor=acting.aktor, versi=body.versi, pihak=parties.pihak, batas_hari=body.batas_hari
    )
    return await acting.send(Workflow.submit_review, arg)


@router.get("/reviews")
def list_rounds(
    sop: SopDep,
    session: SessionDep,
    versi: int | None = Query(
        default=None, ge=1, le=MAX_VERSI, description="Hanya ronde atas versi ini"
    ),
) -> list[dict]:
    """Every review round with its parties, answers, comments, deadline and result."""
    return review_rounds(session, sop.id, versi)


@router.get("/versions/{version}/reviews")
def version_rounds(sop: SopDep, version: VersiPath, session: SessionDep) -> list[dict]:
    """The review rounds, answers and comments of one version."""
    return review_rounds(session, sop.id, version)


@router.post("/reviews/{ronde}/answers", status_code=status.HTTP_201_CREATED)
async def answer_review(ronde: RondePath, body: AnswerRequest, acting: Acting) -> ActionOut:
    """Answer ``setuju`` or ``perlu_perbaikan`` for your unit (or a task delegated to you);
    comments may point at a step number."""
    pihak = body.pihak or acting.aktor.unit or ""
    # A ValidationError here is answered by api.errors as a 422 naming the rule.
    jawaban = JawabanReviu(keputusan=body.keputusan, komentar=body.komentar)
    arg = ReviewAnswerInput(aktor=acting.aktor, ronde=ronde, pihak=pihak, jawaban=jawaban)
    return await acting.send(Workflow.answer_review, arg)


@router.post("/reviews/{ronde}/assign", status_code=status.HTTP_201_CREATED)
async def assign_review(
    ronde: RondePath, body: ReviewAssignFields, acting: Acting, engine: EngineDep
) -> ActionOut:
    """Delegate your party's task to a colleague, or (coordinator) reassign it."""

    def find(session: Session) -> User | None:
        query = select(User).where(User.username == body.kepada, col(User.active).is_(True))
        return session.exec(query).first()

    user = await read(engine, find)
    if user is None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Pengguna '{body.kepada}' tidak ada atau tidak aktif.",
        )
    arg = ReviewAssignInput(
        **dict(body), aktor=acting.aktor, ronde=ronde, kepada_nama=user.nama
    )
    return await acting.send(Workflow.assign_review, arg)


@router.post("/reviews/{ronde}/decision", status_code=status.HTTP_201_CREATED)
async def decide_round(ronde: RondePath, body: RoundDecisionFields, acting: Acting) -> ActionOut:
    """The coordinator extends the round (``tambah_hari``) or closes it."""
    arg = RoundDecisionInput(**dict(body), aktor=acting.aktor, ronde=ronde)
    return await acting.send(Workflow.decide_round, arg)
