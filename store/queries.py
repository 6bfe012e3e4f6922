"""Read-model queries shared by the API and the activities."""

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from store.tables import DocumentVersion, Sop


def effective_documents() -> Select[Sop, DocumentVersion]:
    """SOPs in force (not retired), each with its effective document version."""
    return (
        select(Sop, DocumentVersion)
        .join(
            DocumentVersion,
            (col(DocumentVersion.sop_id) == Sop.id)
            & (col(DocumentVersion.version) == Sop.effective_version),
        )
        .where(Sop.stage != "dicabut")
    )


def document_version(session: Session, sop_id: str, version: int) -> DocumentVersion | None:
    """One saved version of an SOP's document, or None."""
    query = select(DocumentVersion).where(
        DocumentVersion.sop_id == sop_id, DocumentVersion.version == version
    )
    return session.exec(query).first()
