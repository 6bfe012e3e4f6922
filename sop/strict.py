"""The base of every model a person fills in: unknown fields are refused, so a misspelt field
never silently disappears, and surrounding whitespace is stripped."""

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
