"""The committed JSON Schema is the one the models export (analysts' tools read the file)."""

import json
from pathlib import Path

from vnplan.schemas import SCHEMA_VERSION, PlanDocument

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "vnplan" / "schemas" / "plan-document.schema.json"


def test_committed_schema_matches_the_models() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == PlanDocument.model_json_schema(), (
        "run `.venv/bin/vnplan schema > vnplan/schemas/plan-document.schema.json`"
    )


def test_every_output_field_is_documented() -> None:
    schema = PlanDocument.model_json_schema()
    undocumented = [
        f"{name}.{field}"
        for name, definition in schema["$defs"].items()
        for field, spec in definition.get("properties", {}).items()
        if "description" not in spec and "$ref" not in spec and "allOf" not in spec
    ]
    assert undocumented == []
    version = schema["properties"]["schema_version"]
    assert version["enum"] == [1, 2] and version["default"] == SCHEMA_VERSION == 2


def test_a_v1_document_is_still_valid() -> None:
    """v1 readers' files (no columns, no amounts) keep validating: vnplan validate reads both."""
    v1 = {
        "schema_version": 1,
        "source": {"path": "plan.txt", "sha256": "0" * 64, "kind": "text", "pages": 1},
        "items": [{"code": "1", "kind": "item", "title": "Tập huấn", "total_vnd": 5_000_000}],
    }
    document = PlanDocument.model_validate(v1)
    assert document.schema_version == 1 and document.items[0].amounts == [] and document.columns == []
