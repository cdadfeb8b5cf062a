"""Kill -9 a writer at random moments: every acknowledged entry must survive, intact.

The child (writer_child.py) prints "<id> <title>" only after each commit returned. The parent
waits for a random number of those lines, then SIGKILLs the child wherever it happens to be
(mid-transaction, mid-commit, mid-checkpoint), and repeats with a fresh child. At the end the
vault must open, pass its integrity checks, and hold every acknowledged row under its id.
Set CRASH_SEED to replay a run's choices (the kill moments themselves stay up to the OS).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reconcile_desktop.core.storage.models import Entry
from reconcile_desktop.core.storage.vault import Vault
from tests.conftest import FAST_KDF, TEST_BOUNDS
from tests.processes import CHILD_TIMEOUT, PASSPHRASE, REPO, child_env

CHILD = Path(__file__).with_name("writer_child.py")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL semantics are POSIX")


def _child(
    args: list[str], data_dir: Path, seed: int, passphrase: str, stderr
) -> subprocess.Popen[str]:
    """A child process (writer_child or ops_child) with the fast KDF and its own seed."""
    return subprocess.Popen(
        [
            sys.executable,
            *args,
            *("--t", str(FAST_KDF.t), "--m", str(FAST_KDF.m), "--p", str(FAST_KDF.p)),
            *("--seed", str(seed)),
        ],
        cwd=REPO,
        env=child_env(data_dir, RECONCILE_PASSPHRASE=passphrase),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )


def _spawn(data_dir: Path, seed: int, stderr) -> subprocess.Popen[str]:
    return _child([str(CHILD), str(data_dir)], data_dir, seed, PASSPHRASE, stderr)


def _parse(line: str) -> tuple[int, str]:
    ident, title = line.rstrip("\n").split(" ", 1)
    return int(ident), title


def _kill_round(
    data_dir: Path, rng: random.Random, err_path: Path, *, at_least: int = 0
) -> list[tuple[int, str]]:
    """One child: wait for 0..25 acknowledgements, SIGKILL it, collect what it had flushed."""
    wanted = rng.randint(at_least, 25)  # 0: killed somewhere in start-up or unlock
    with open(err_path, "w") as err:
        proc = _spawn(data_dir, rng.randrange(2**31), err)
        lines = _kill_after(proc, wanted, err_path, "writer")
    return [_parse(line) for line in lines]


def _kill_after(proc: subprocess.Popen[str], wanted: int, err_path: Path, what: str) -> list[str]:
    """Read `wanted` acknowledgement lines, SIGKILL the child, return every whole line."""
    lines: list[str] = []
    # Safety net only: a hung child fails the test instead of hanging the whole run.
    watchdog = threading.Timer(CHILD_TIMEOUT, proc.kill)
    watchdog.start()
    try:
        while len(lines) < wanted:
            line = proc.stdout.readline()
            if not line.endswith("\n"):
                proc.wait()
                pytest.fail(f"{what} ended early ({proc.returncode}): {err_path.read_text()}")
            lines.append(line.rstrip("\n"))
        proc.kill()
        proc.wait()
        # Lines flushed before the kill are acknowledgements too; a torn last line is not.
        lines += [x.rstrip("\n") for x in proc.stdout.read().splitlines(True) if x.endswith("\n")]
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    assert proc.returncode == -9, err_path.read_text()
    return lines


def _run(tmp_path: Path, kills: int) -> None:
    from sqlmodel import select

    seed, rng = _seeded()
    data_dir = tmp_path / "data"
    vault = Vault(data_dir, kdf_params=FAST_KDF, kdf_bounds=TEST_BOUNDS)
    vault.create(PASSPHRASE)
    vault.close()

    acked: list[tuple[int, str]] = []
    for _ in range(kills):
        acked += _kill_round(data_dir, rng, tmp_path / "child.err")

    ids = [ident for ident, _ in acked]
    # A lost commit whose id was handed out again would show up as a duplicate here.
    assert len(ids) == len(set(ids)), f"CRASH_SEED={seed}"

    vault = Vault(data_dir, kdf_params=FAST_KDF, kdf_bounds=TEST_BOUNDS)
    try:
        vault.unlock(PASSPHRASE)
        assert vault.check() == [], f"CRASH_SEED={seed}"
        with vault.session() as session:
            stored = dict(session.exec(select(Entry.id, Entry.title)).all())
    finally:
        vault.close()
    lost = [(ident, title) for ident, title in acked if stored.get(ident) != title]
    assert lost == [], f"CRASH_SEED={seed}"


@pytest.mark.slow
def test_acknowledged_entries_survive_20_kills(tmp_path):
    _run(tmp_path, kills=20)


@pytest.mark.soak
def test_acknowledged_entries_survive_60_kills(tmp_path):
    _run(tmp_path, kills=60)


# -- the slow operations: passphrase change, backup, import ------------------------------------

OPS_CHILD = Path(__file__).with_name("ops_child.py")


def _ops_round(
    op: str, data_dir: Path, work: Path, passphrase: str, rng: random.Random, err_path: Path
) -> list[str]:
    """One ops_child: wait for a random number of acknowledgements, SIGKILL, collect lines."""
    wanted = rng.randint(0, 6 if op == "import" else 12)
    with open(err_path, "w") as err:
        args = [str(OPS_CHILD), op, str(data_dir), str(work)]
        proc = _child(args, data_dir, rng.randrange(2**31), passphrase, err)
        return _kill_after(proc, wanted, err_path, f"{op} child")


def _seeded() -> tuple[int, random.Random]:
    seed = int(os.environ.get("CRASH_SEED") or random.SystemRandom().randrange(2**32))
    return seed, random.Random(seed)


def _fresh_vault(tmp_path: Path, titles: list[str]) -> Path:
    from reconcile_desktop.core.journal import entries as journal

    data_dir = tmp_path / "data"
    vault = Vault(data_dir, kdf_params=FAST_KDF, kdf_bounds=TEST_BOUNDS)
    vault.create(PASSPHRASE)
    for title in titles:
        journal.add_entry(vault, "written before any kill", title=title)
    vault.close()
    return data_dir


def _opened(data_dir: Path, passphrase: str = PASSPHRASE) -> Vault:
    vault = Vault(data_dir, kdf_params=FAST_KDF, kdf_bounds=TEST_BOUNDS)
    vault.unlock(passphrase)
    return vault


def _titles(vault: Vault) -> dict[str, int]:
    from reconcile_desktop.core.journal import entries as journal

    return {e.title: e.id for e in journal.iter_entries(vault, include_deleted=True)}


def _run_passwd(tmp_path: Path, kills: int) -> None:
    from reconcile_desktop.core.errors import WrongPassphrase
    from reconcile_desktop.core.storage import keyfile

    seed, rng = _seeded()
    before = [f"kept {i}" for i in range(3)]
    data_dir = _fresh_vault(tmp_path, before)
    current = PASSPHRASE
    for _ in range(kills):
        lines = _ops_round("passwd", data_dir, tmp_path, current, rng, tmp_path / "child.err")
        candidates = [current]
        for line in lines:
            word, new = line.split(" ", 1)
            candidates = [new] if word == "now" else [candidates[0], new]
        kf = keyfile.read(data_dir / "vault.key", TEST_BOUNDS)
        opens = []
        for candidate in candidates:
            try:
                keyfile.unwrap(kf, candidate)
                opens.append(candidate)
            except WrongPassphrase:
                pass
        # The old or the new passphrase: never neither (and the key file always parses).
        assert len(opens) == 1, f"CRASH_SEED={seed} {candidates}"
        current = opens[0]
    vault = _opened(data_dir, current)
    try:
        assert vault.check() == [], f"CRASH_SEED={seed}"
        assert sorted(_titles(vault)) == before, f"CRASH_SEED={seed}"
    finally:
        vault.close()


def _run_backup(tmp_path: Path, kills: int) -> None:
    seed, rng = _seeded()
    data_dir = _fresh_vault(tmp_path, ["kept"])
    work = tmp_path / "backups"
    acked: list[tuple[int, str]] = []
    backups: list[tuple[Path, set[str]]] = []
    for _ in range(kills):
        for line in _ops_round("backup", data_dir, work, PASSPHRASE, rng, tmp_path / "c.err"):
            word, rest = line.split(" ", 1)
            if word == "entry":
                ident, title = rest.split(" ", 1)
                acked.append((int(ident), title))
            else:
                backups.append((Path(rest), {"kept", *(t for _, t in acked)}))
    vault = _opened(data_dir)
    try:
        assert vault.check() == [], f"CRASH_SEED={seed}"
        stored = _titles(vault)
    finally:
        vault.close()
    assert [(stored.get(t), t) for _, t in acked] == acked, f"CRASH_SEED={seed}"
    for folder, expected in backups[-4:]:  # the newest acknowledged backups open and are whole
        copy = vault.dir.parent / f"open-{folder.name}"
        copy.mkdir()
        for name in ("vault.db", "vault.key"):
            (copy / name).write_bytes((folder / name).read_bytes())
        backup = _opened(copy)
        try:
            assert backup.check() == [], f"CRASH_SEED={seed}"
            assert expected <= set(_titles(backup)), f"CRASH_SEED={seed}"
        finally:
            backup.close()


def _run_import(tmp_path: Path, kills: int) -> None:
    import json

    seed, rng = _seeded()
    data_dir = _fresh_vault(tmp_path, ["kept"])
    work = tmp_path / "imports"
    work.mkdir()
    acked: dict[str, int] = {}
    for _ in range(kills):
        for line in _ops_round("import", data_dir, work, PASSPHRASE, rng, tmp_path / "c.err"):
            _, batch, n = line.split(" ")
            acked[batch] = int(n)
    vault = _opened(data_dir)
    try:
        assert vault.check() == [], f"CRASH_SEED={seed}"
        titles = set(_titles(vault))
    finally:
        vault.close()
    assert "kept" in titles
    for path in work.glob("*.json"):
        try:
            in_file = len(json.loads(path.read_text())["entries"])
        except ValueError:
            continue  # killed while writing the file itself: never handed to import
        batch = path.stem
        present = sum(f"{batch}-{k}" in titles for k in range(in_file))
        # One transaction: all of a batch or none of it; all of every acknowledged one.
        assert present in ((in_file,) if batch in acked else (0, in_file)), f"CRASH_SEED={seed}"
        if batch in acked:
            assert acked[batch] == in_file, f"CRASH_SEED={seed}"


@pytest.mark.slow
@pytest.mark.parametrize("op", ["passwd", "backup", "import"])
def test_slow_operations_survive_3_kills_each(tmp_path, op):
    {"passwd": _run_passwd, "backup": _run_backup, "import": _run_import}[op](tmp_path, 3)


@pytest.mark.soak
@pytest.mark.parametrize("op", ["passwd", "backup", "import"])
def test_slow_operations_survive_25_kills_each(tmp_path, op):
    {"passwd": _run_passwd, "backup": _run_backup, "import": _run_import}[op](tmp_path, 25)
