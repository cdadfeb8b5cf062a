"""What a command has loaded when the KDF runs. Its peak memory is the KDF's 64 MiB plus all
that is loaded at that moment (see cli.py), so the chosen command's module is the only one
imported, and storage, crypto and the heavier standard modules wait until after the unlock.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from reconcile_desktop import cli
from reconcile_desktop.core import keyfile
from tests.integration.conftest import CHILD_TIMEOUT, PASSPHRASE, REPO, child_env

# Runs the real entry point with a spy on the KDF that writes sys.modules at the moment it runs.
PROBE = """
import sys
from reconcile_desktop.core import keyfile

derive = keyfile._derive

def spy(*args):
    with open(sys.argv[1], "w") as fh:
        fh.write("\\n".join(sorted(sys.modules)))
    return derive(*args)

keyfile._derive = spy
from reconcile_desktop.cli import main
sys.exit(main(sys.argv[2:]))
"""

# Never before the KDF: storage and crypto (after the unlock), the window, the argon2 package
# and dataclasses (inspect, ast), and standard modules only some commands need later.
NOT_BEFORE_KDF = (
    "sqlalchemy",
    "sqlmodel",
    "sqlcipher3",
    "alembic",
    "cryptography",
    "PySide6",
    "matplotlib",
    "argon2",
    "dataclasses",
    "inspect",
    "zoneinfo",
    "logging",
    "shutil",
    "datetime",
    "bz2",
    "lzma",
)
COMMAND_MODULES = {name.rsplit(".", 1)[1]: name for name in cli.COMMAND_MODULES}


def loaded_at_kdf(tmp_path, data_dir, *args: str) -> set[str]:
    out = tmp_path / "modules.txt"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        cwd=REPO,
        env=child_env(data_dir, RECONCILE_PASSPHRASE=PASSPHRASE),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr
    return set(out.read_text().split("\n"))


@pytest.mark.parametrize(
    ("command", "module"),
    [
        (("status",), "nocontact_cmds"),
        (("search", "calm"), "journal_cmds"),
        (("support", "--country", "GB"), "support_cmds"),
    ],
)
def test_only_the_chosen_command_and_light_modules_are_loaded_at_the_kdf(
    tmp_path, run_cli, data_dir, command, module
):
    assert run_cli("init").returncode == 0
    modules = loaded_at_kdf(tmp_path, data_dir, *command)

    early = sorted(m for m in modules if m.split(".")[0] in NOT_BEFORE_KDF)
    assert early == []
    others = {name for short, name in COMMAND_MODULES.items() if short != module}
    assert COMMAND_MODULES[module] in modules
    assert modules & others == set()


def _output(capsys, argv: list[str]) -> str:
    assert cli.main(argv) == 0
    return capsys.readouterr().out


def test_help_lists_the_same_commands_as_registering_every_module(monkeypatch, capsys):
    lazy = _output(capsys, ["--help"])
    monkeypatch.setattr(cli, "COMMAND_INDEX", {})  # every module registered up front
    eager = _output(capsys, ["--help"])
    assert lazy == eager
    for module in cli.COMMAND_MODULES:
        assert module not in cli.COMMAND_INDEX or cli.COMMAND_INDEX[module]


def test_each_commands_help_is_the_one_its_module_registers(monkeypatch, capsys):
    names = [name for entries in cli.COMMAND_INDEX.values() for name, _help in entries]
    lazy = {name: _output(capsys, [name, "--help"]) for name in names}
    monkeypatch.setattr(cli, "COMMAND_INDEX", {})
    eager = {name: _output(capsys, [name, "--help"]) for name in names}
    assert lazy == eager
    assert all("--data-dir" in text and "--passphrase-file" in text for text in lazy.values())


def test_a_mistake_after_a_lazily_loaded_command_is_one_usage_line(capsys):
    assert cli.main(["status", "--nonsense"]) == 2
    err = capsys.readouterr().err
    assert err == "reconcile: Unrecognized arguments: --nonsense. See 'reconcile --help'.\n"


@pytest.mark.parametrize("columns", [None, "123"])
def test_help_width_matches_shutils(monkeypatch, columns):
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli._terminal_width() == shutil.get_terminal_size().columns


def test_the_direct_argon2_call_gives_argon2_cffis_answer():
    from argon2.low_level import Type, hash_secret_raw

    params = keyfile.KdfParams(t=2, m=256, p=2)
    salt = bytes(range(keyfile.SALT_BYTES))
    secret = "caf\u00e9 at dawn".encode()
    expected = hash_secret_raw(secret, salt, 2, 256, 2, keyfile.KEY_BYTES, Type.ID)
    assert keyfile._derive(secret, salt, params) == expected
