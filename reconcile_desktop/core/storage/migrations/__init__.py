"""Alembic migrations, run in-process at unlock (see core/storage/vault.py).

HEAD is checked against the scripts by a test, so unlock can compare revisions with one
query and import Alembic only when a migration is actually due.
"""

from __future__ import annotations

from pathlib import Path

HEAD = "0004"
SCRIPT_LOCATION = Path(__file__).parent


def current_revision(conn) -> str | None:
    """The database's revision, with plain SQL (no Alembic import)."""
    row = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).first()
    if row is None:
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return row[0] if row else None


def upgrade(conn, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)
