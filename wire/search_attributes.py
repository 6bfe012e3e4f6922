"""Typed search attributes upserted on every transition, so operators can run e.g.
``temporal workflow list --query "SopStage='monev' AND SopEvaluationDue < '2028-01-01T00:00:00Z'"``.
"""

from typing import Any

from temporalio.common import SearchAttributeKey

SOP_UNIT = SearchAttributeKey.for_keyword("SopUnit")
SOP_STAGE = SearchAttributeKey.for_keyword("SopStage")
SOP_STEP = SearchAttributeKey.for_keyword("SopStep")
SOP_EVALUATION_DUE = SearchAttributeKey.for_datetime("SopEvaluationDue")

ALL: list[SearchAttributeKey[Any]] = [SOP_UNIT, SOP_STAGE, SOP_STEP, SOP_EVALUATION_DUE]


def dev_server_flags() -> list[str]:
    """``--search-attribute`` flags that register ALL on ``temporal server start-dev``."""
    kinds = {
        "KEYWORD": "Keyword",
        "DATETIME": "Datetime",
        "INT": "Int",
        "TEXT": "Text",
        "BOOL": "Bool",
        "DOUBLE": "Double",
        "KEYWORD_LIST": "KeywordList",
    }
    flags: list[str] = []
    for key in ALL:
        flags += ["--search-attribute", f"{key.name}={kinds[key.indexed_value_type.name]}"]
    return flags
