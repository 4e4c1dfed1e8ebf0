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
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
