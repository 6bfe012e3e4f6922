"""Request and response bodies of the HTTP API.

A body that is a workflow input minus the actor is that input's ``...Fields`` base in ``wire``
(the route adds the signed-in actor); the SOP's output is the snapshot the workflow sends.
"""

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from sop.document import SopDocument
from sop.organisasi import BAGIAN_ORGANISASI, LingkupSop
from sop.strict import ClosedModel
from wire.projection import SopSnapshot
from wire.sop import ActionResult


def _as_utc(value: datetime) -> datetime:
    # SQLite returns naive timestamps; every timestamp we store is UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]


class CreateSopRequest(ClosedModel):
    unit_code: str = Field(min_length=1, max_length=40, examples=[BAGIAN_ORGANISASI])
    nama_sop: str = Field(min_length=3, max_length=300, examples=["Pelayanan Surat Masuk"])
    lingkup: LingkupSop = Field(
        default=LingkupSop.unit,
        description="unit (satu SKPD/unit kerja), lintas_bagian (Setda) atau lintas_skpd",
    )
    evaluation_interval_months: int = Field(
        default=24,
        ge=1,
        le=24,
        description="Evaluasi paling lama 2 tahun sekali (Pasal 13 ayat (1)); boleh lebih sering.",
    )
    note: str = Field(default="", max_length=4000)


class SopOut(SopSnapshot):
    """The SOP as the read model holds it: the snapshot's fields, its id and timestamps."""

    id: str
    created_at: UtcDatetime
    updated_at: UtcDatetime


class SopPage(BaseModel):
    total: int
    items: list[SopOut]


class EventOut(BaseModel):
    seq: int
    cycle: int
    event: str
    from_step: str | None
    to_step: str
    from_stage: str | None
    to_stage: str
    actor_nama: str
    actor_nip: str | None
    actor_jabatan: str | None
    actor_unit: str | None
    note: str
    document_version: int | None
    document_hash: str | None
    occurred_at: UtcDatetime


class VersionSummary(BaseModel):
    version: int
    revision: int
    content_hash: str
    saved_by: str
    saved_at: UtcDatetime


class VersionOut(VersionSummary):
    content: SopDocument


class UnitOut(BaseModel):
    code: str
    name: str
    jenis: str
    parent_code: str | None


class NotificationOut(BaseModel):
    id: int
    recipient_unit: str
    recipient_jabatan: str | None
    sop_id: str | None
    kind: str
    subject: str
    body: str
    created_at: UtcDatetime


class ActionOut(ActionResult):
    """The result of an action: where the SOP is now and what may happen next."""


class HealthOut(BaseModel):
    status: str
    temporal: bool
    database: bool
