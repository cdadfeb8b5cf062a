"""Alembic: HEAD is right, and a backup comes first (the schema itself: test_schema.py)."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory

from reconcile_desktop.core.storage import migrations
from tests.conftest import PASSPHRASE


def test_head_constant_matches_the_scripts():
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations.SCRIPT_LOCATION))
    assert ScriptDirectory.from_config(cfg).get_current_head() == migrations.HEAD


def test_a_new_vault_is_at_head_with_search_triggers(vault):
    with vault.engine.connect() as conn:
        assert migrations.current_revision(conn) == migrations.HEAD
        triggers = {
            r[0]
            for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
    assert {"entry_fts_ai", "entry_fts_ad", "entry_fts_au"} <= triggers


def test_a_pending_migration_backs_up_the_vault_first(vault, make_vault, monkeypatch):
    vault.close()
    current = migrations.HEAD
    monkeypatch.setattr(migrations, "HEAD", "9999")  # pretend the app is newer than the vault
    v = make_vault(vault.dir)
    v.unlock(PASSPHRASE)
    backups = list((vault.dir / "backups").iterdir())
    assert len(backups) == 1
    assert backups[0].name.startswith(f"reconcile-before-migration-{current}")
    b = make_vault(backups[0])
    b.unlock(PASSPHRASE)
    assert b.check() == []


def _fts_option(conn, name: str) -> str:
    sql = "SELECT v FROM entry_fts_config WHERE k = ?"
    return str(conn.exec_driver_sql(sql, (name,)).scalar_one())


def test_0002_turns_fts_secure_delete_off_in_a_vault_made_at_0001(vault, make_vault):
    from alembic import command

    with vault.engine.begin() as conn:  # make it a vault of the first release
        cfg = Config()
        cfg.set_main_option("script_location", str(migrations.SCRIPT_LOCATION))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    with vault.engine.connect() as conn:
        assert migrations.current_revision(conn) == "0001"
        assert _fts_option(conn, "secure-delete") == "1"
    vault.close()
    v = make_vault(vault.dir)
    v.unlock(PASSPHRASE)  # migrates
    with v.engine.connect() as conn:
        assert migrations.current_revision(conn) == migrations.HEAD
        assert _fts_option(conn, "secure-delete") == "0"
    assert v.check() == []
