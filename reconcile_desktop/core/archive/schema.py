"""docs/archive-schema.json, made from the tables themselves so it never drifts from them.

Rewrite it after changing a table: `python -m reconcile_desktop.core.archive.schema --write`
(tests/core/archive/test_archive_schema.py fails until the file matches).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import sqlalchemy as sa

from reconcile_desktop.core.archive import codec, document
from reconcile_desktop.core.archive.table_list import ArchivedTable, archived_tables

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "docs" / "archive-schema.json"

TABLE_NOTES = {
    "entry": "Journal entries, in the trash or not (deleted_utc). An entry written after a slip "
    "has the slipped commitment's commitment_id and, as local_date, the day of that "
    "commitment's check-in: together they link the follow-up to its check-in.",
    "tag": "Tag names; key is the casefolded name that makes 'Anger' and 'anger' one tag.",
    "entry_tag": "Which entry has which tag.",
    "attachment": "Photos and files, once per content: the bytes are in attachments/ under "
    "their SHA-256, which is also the key; thumbnail is a small PNG made from a photo.",
    "entry_attachment": "Which entry holds which photo or file, in what order, under which "
    "file name.",
    "mood_checkin": "The one-line daily mood on the Today page, one per local day.",
    "goal": "Change goals.",
    "commitment": "A goal's concrete commitments.",
    "commitment_schedule": "Every version of a commitment's schedule, valid from a day on, so "
    "past days keep the schedule that applied then. weekdays: bit 0 is Monday.",
    "checkin": "A commitment kept or slipped on a local day.",
    "pause": "Days (inclusive) that count neither as kept nor as slipped; no goal_id: the "
    "whole plan.",
    "nocontact_period": "No-contact periods; the running one has no end_date.",
    "contact_event": "What was logged in a period: contact, a look at social media, an urge "
    "resisted, the planned reach-out. entry_id links an urge to the unsent letter written "
    "instead.",
    "setting": "Settings kept with the journal (JSON values), such as the answers about the "
    "other person's boundaries.",
}

COLUMN_NOTES = {
    ("entry", "prompt_id"): "The prompt the entry was written from (an id in Reconcile's "
    "prompt library).",
    ("entry", "tz"): "The IANA time zone the entry was written in.",
    ("contact_event", "entry_id"): "The unsent letter written for this urge.",
}

_TYPES = {
    "instant": {"type": "string", "format": "date-time"},
    "day": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "flag": {"type": "boolean"},
    "number": {"type": "integer"},
    "text": {"type": "string"},
    "blob": {
        "type": "string",
        "pattern": "^[0-9a-f]{64}$",
        "description": "The SHA-256 of the bytes, which are the file attachments/<sha256>.",
    },
}


def _column(at: ArchivedTable, c: sa.Column) -> dict:
    out = dict(_TYPES[codec.kind_of(c)])
    if c.nullable and not c.primary_key:
        out["type"] = [out["type"], "null"]
    notes = []
    for fk in c.foreign_keys:
        notes.append(f"Links to {fk.column.table.name}.{fk.column.name}.")
    if (at.name, c.name) in COLUMN_NOTES:
        notes.append(COLUMN_NOTES[at.name, c.name])
    if notes:
        out["description"] = " ".join(notes)
    return out


def _table(at: ArchivedTable) -> dict:
    row = {
        "type": "object",
        "additionalProperties": False,
        "required": [c.name for c in at.table.columns if not c.nullable or c.primary_key],
        "properties": {c.name: _column(at, c) for c in at.table.columns},
    }
    return {"type": "array", "description": TABLE_NOTES.get(at.name, ""), "items": row}


def json_schema() -> dict:
    tables = archived_tables()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Reconcile archive: reconcile-archive.json",
        "description": "Everything a Reconcile journal holds, one list of rows per table, "
        "with the journal's own ids so every link reads the same. The archive is a zip of "
        "this file and attachments/<sha256> (files named by the SHA-256 of their bytes), "
        "optionally sealed with AES-256-GCM under a passphrase. Instants are ISO 8601 in "
        "UTC; days are local calendar days.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", "exported", "tables"],
        "properties": {
            "format": {"const": document.FORMAT},
            "version": {"const": document.VERSION},
            "exported": {"type": "string", "format": "date-time"},
            "app": {"type": "string", "description": "The Reconcile version that wrote it."},
            "tables": {
                "type": "object",
                "additionalProperties": False,
                "properties": {at.name: _table(at) for at in tables},
            },
        },
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    if argv == ["--write"]:
        SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
        print(f"Wrote {SCHEMA_PATH}")
        return 0
    sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
