"""Each shape is declared once: the SOP's fields, the update inputs and the request bodies.

Pure checks (no server): the read-model table and the API's output inherit the snapshot the
workflow sends; a route's body is its update's input without the actor; the models match the
schema the Alembic migrations build.
"""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from pydantic import BaseModel, ValidationError
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import store.tables  # noqa: F401  (registers every table on the metadata)
from api.main import app
from api.schemas import SopOut
from store.migrate import upgrade
from store.tables import Sop
from wire import penyusunan, sop
from wire.campaign import SubmitKebutuhanFields, SubmitKebutuhanInput
from wire.projection import SopSnapshot

# Update inputs and the base each inherits everything but the actor (and the path's ids) from.
INPUT_BASES: list[tuple[type[BaseModel], type[BaseModel]]] = [
    (sop.RegisterInput, sop.NoteFields),
    (sop.ActionInput, sop.NoteFields),
    (sop.AcknowledgeInput, sop.NoteFields),
    (sop.SaveDraftInput, sop.SaveDraftFields),
    (sop.PlanInput, sop.PlanFields),
    (sop.TrainingInput, sop.TrainingFields),
    (sop.MonitoringInput, sop.MonitoringFields),
    (sop.EvaluationInput, sop.EvaluationFields),
    (penyusunan.SubmitReviewInput, penyusunan.SubmitReviewFields),
    (penyusunan.ReviewAssignInput, penyusunan.ReviewAssignFields),
    (penyusunan.RoundDecisionInput, penyusunan.RoundDecisionFields),
    (penyusunan.PengesahanInput, penyusunan.PengesahanFields),
    (SubmitKebutuhanInput, SubmitKebutuhanFields),
]


def test_the_table_and_the_output_inherit_the_snapshot() -> None:
    for model in (Sop, SopOut):
        assert issubclass(model, SopSnapshot)
        for name, field in SopSnapshot.model_fields.items():
            # A table restates some fields for their storage; never with another type.
            assert model.model_fields[name].annotation == field.annotation, (model, name)
    assert set(Sop.model_fields) - set(SopSnapshot.model_fields) == {
        "id", "workflow_id", "last_seq", "created_at", "updated_at"}
    assert set(SopOut.model_fields) - set(SopSnapshot.model_fields) == {
        "id", "created_at", "updated_at"}


def test_the_models_match_the_migrations(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'schema.db'}"
    upgrade(url)
    with create_engine(url).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


@pytest.mark.parametrize(("update_input", "fields"), INPUT_BASES)
def test_an_input_is_its_fields_and_the_actor(
    update_input: type[BaseModel], fields: type[BaseModel]
) -> None:
    assert issubclass(update_input, fields)
    assert "aktor" in update_input.model_fields and "aktor" not in fields.model_fields
    for name, field in fields.model_fields.items():
        assert repr(update_input.model_fields[name]) == repr(field), name


def test_a_body_naming_the_actor_is_refused() -> None:
    with pytest.raises(ValidationError, match="aktor"):
        penyusunan.PengesahanFields.model_validate(
            {"keputusan": "kembalikan", "alasan": "x", "aktor": {"nama": "X", "jabatan": "Y"}}
        )


def _body_schemas() -> dict[str, dict]:
    schema = app.openapi()
    components = schema["components"]["schemas"]
    bodies = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            ref = content.get("application/json", {}).get("schema", {}).get("$ref")
            if ref:
                bodies[f"{method.upper()} {path}"] = components[ref.rsplit("/", 1)[1]]
    return bodies


def test_no_request_body_names_the_actor_and_none_takes_unknown_fields() -> None:
    bodies = _body_schemas()
    assert len(bodies) > 20
    for route, body in bodies.items():
        assert "aktor" not in body.get("properties", {}), route
        assert body.get("additionalProperties") is False, route
