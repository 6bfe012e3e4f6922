"""Audit results as downloadable CSV or JSON (same rows, same columns, same order)."""

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime

from pydantic import BaseModel


def _cell(value: object) -> object:
    # CSV has no types: dates as ISO text, lists as JSON, None as an empty cell.
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_csv(rows: Sequence[BaseModel], model: type[BaseModel]) -> str:
    """CSV with a header row of ``model``'s field names (written even when no row matches)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    fields = list(model.model_fields)
    writer.writerow(fields)
    for row in rows:
        data = row.model_dump()
        writer.writerow([_cell(data[name]) for name in fields])
    return buffer.getvalue()


def to_json(rows: Sequence[BaseModel]) -> str:
    return json.dumps([row.model_dump(mode="json") for row in rows], ensure_ascii=False, indent=1)
