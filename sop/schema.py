"""JSON Schema of the SOP document (Lampiran II: identitas, jenis, format, uraian prosedur).

Published so other tools (form builders, spreadsheet macros, other agencies' systems) can check a
document before sending it; the schema is generated from ``SopDocument`` and never edited by hand.
"""

from typing import Any

from sop.document import SopDocument

SCHEMA_ID = "urn:siklus-sop:schema:sop-document:1"


def document_json_schema() -> dict[str, Any]:
    """``SopDocument``'s JSON Schema (draft 2020-12) with a title, ``$id`` and ``$schema``."""
    schema = SopDocument.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "Dokumen Standar Operasional Prosedur (Perbup Balangan 6/2013)",
    }
