"""The two bases of every model in the project, so a model's strictness is declared once.

``ClosedModel`` refuses unknown fields: a misspelt field never silently disappears, on the
Temporal wire or in a stored payload. ``StrictModel`` is what a person fills in: closed, and
surrounding whitespace is stripped.
"""

from pydantic import BaseModel, ConfigDict


class ClosedModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StrictModel(ClosedModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
