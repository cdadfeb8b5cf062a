"""`reconcile restore`, `reconcile backups`, `reconcile rotate-key`, the restore hint on a
damaged journal, and no core dumps, in real child processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reconcile_desktop.core.errors import KeyFileDamaged
from tests.processes import PASSPHRASE, REPO, child_env

NEW_PASSPHRASE = "another passphrase for later days"


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def _add(data_dir, body: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reconcile_desktop", "add"],
        cwd=REPO,
        env=child_env(data_dir, RECONCILE_PASSPHRASE=PASSPHRASE),
        input=body,
        capture_output=True,
        text=True,
        timeout=120,
    )
    _ok(result)


def _journal(run_cli, tmp_path):
    data_dir = tmp_path / "data"
    _ok(run_cli("init"))
    _add(data_dir, "kept in the backup")
    made = json.loads(_ok(run_cli("backup", "--out", str(tmp_path / "usb"), "--json")))["path"]
    _add(data_dir, "written after it")
    return made


def _bodies(run_cli, passphrase=PASSPHRASE) -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        out = f"{folder}/export.json"
        _ok(run_cli("export", "--format", "json", "--out", out, passphrase=passphrase))
        with open(out, encoding="utf-8") as fh:
            return sorted(e["body"] for e in json.load(fh)["entries"])


def test_restore_puts_the_backup_back_and_keeps_the_current_journal(run_cli, tmp_path, data_dir):
    made = _journal(run_cli, tmp_path)

    before_refusal = (data_dir / "vault.db").read_bytes()
    refused = run_cli("restore", made)  # no terminal and no --yes: a usage error, nothing done
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "--yes" in refused.stderr
    assert (data_dir / "vault.db").read_bytes() == before_refusal
    assert not (data_dir / "backups").exists()

    # A damaged key file: one line naming the restore command, and the database untouched.
    (data_dir / "vault.key").write_text("{ not a key file")
    before = (data_dir / "vault.db").read_bytes()
    damaged = run_cli("search", "kept")
    assert damaged.returncode == 4
    assert damaged.stderr == f"reconcile: {KeyFileDamaged().cli_sentence}\n"
    assert "reconcile restore" in damaged.stderr
    assert (data_dir / "vault.db").read_bytes() == before

    done = json.loads(_ok(run_cli("restore", made, "--yes", "--json")))
    assert done["problems"] == [] and done["restored_from"] == made
    assert _bodies(run_cli) == ["kept in the backup"]

    listed = json.loads(_ok(run_cli("backups", "--json")))
    assert [b["kind"] for b in listed["backups"]] == ["before-restore"]
    kept = listed["backups"][0]["path"]
    assert kept == done["previous_saved_in"]
    assert (tmp_path / "data" / "backups").is_dir()
    assert Path(kept, "vault.db").read_bytes() == before  # kept exactly as it was


def test_restore_asks_for_the_passphrase_of_the_backup(run_cli, tmp_path):
    made = _journal(run_cli, tmp_path)
    _ok(run_cli("passwd", new_passphrase=NEW_PASSPHRASE))

    wrong = run_cli("restore", made, "--yes", passphrase=NEW_PASSPHRASE)
    assert wrong.returncode == 3
    assert "on the day it was made" in wrong.stderr and wrong.stderr.count("\n") == 1

    _ok(run_cli("restore", made, "--yes", passphrase=PASSPHRASE))
    assert _bodies(run_cli, PASSPHRASE) == ["kept in the backup"]


def test_restore_refuses_a_folder_that_is_not_a_backup_before_asking(run_cli, tmp_path):
    (tmp_path / "nothing").mkdir()
    result = run_cli("restore", str(tmp_path / "nothing"), "--yes", passphrase=None)
    assert result.returncode == 4
    assert "not a Reconcile backup" in result.stderr


def test_rotate_key_keeps_the_words_and_the_passphrase(run_cli, tmp_path, data_dir):
    _journal(run_cli, tmp_path)
    key_before = (data_dir / "vault.key").read_bytes()
    assert json.loads(_ok(run_cli("rotate-key", "--json"))) == {"ok": True}
    assert (data_dir / "vault.key").read_bytes() != key_before
    assert _bodies(run_cli) == ["kept in the backup", "written after it"]
    assert run_cli("rotate-key", passphrase="wrong passphrase!").returncode == 3


def test_core_dumps_are_off_in_every_reconcile_process(tmp_path):
    code = (
        "import resource, sys\n"
        "from reconcile_desktop import cli\n"
        "resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY,) * 2)\n"
        "cli.main(['--version'])\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE), file=sys.stderr)\n"
    )
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    except ImportError:
        return
    if hard != resource.RLIM_INFINITY:  # cannot raise it here first; start from what we have
        code = code.replace(
            "resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY,) * 2)\n", ""
        )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=child_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "(0, 0)"
