"""What a command has loaded when the KDF runs. Its peak memory is the KDF's 64 MiB plus all
that is loaded at that moment (see cli.py), so the chosen command's module is the only one
imported, and storage, crypto and the heavier standard modules wait until after the unlock.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reconcile_desktop import cli
from reconcile_desktop.core.errors import UsageError
from reconcile_desktop.core.storage import keyfile
from tests.processes import CHILD_TIMEOUT, PASSPHRASE, REPO, child_env

# Runs the real entry point with a spy on the KDF that writes sys.modules at the moment it runs.
PROBE = """
import sys
from reconcile_desktop.core.storage import keyfile

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
COMMAND_MODULES = {c.module.rsplit(".", 1)[1]: c.module for c in cli.COMMANDS}


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
        (("sync", "status"), "sync_cmds"),
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


EVERY_MODULE = set(COMMAND_MODULES.values())


def _output(capsys, argv: list[str], modules=None) -> str:
    with pytest.raises(SystemExit) as exit_:
        cli.build_parser(modules).parse_args(argv)
    assert exit_.value.code == 0
    return capsys.readouterr().out


def test_help_lists_the_same_commands_as_registering_every_module(capsys):
    assert _output(capsys, ["--help"]) == _output(capsys, ["--help"], modules=EVERY_MODULE)


def test_the_table_names_each_modules_commands_in_the_order_it_registers_them():
    for module in EVERY_MODULE:
        subparsers = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(module).register(subparsers)
        assert list(subparsers.choices) == [c.name for c in cli.COMMANDS if c.module == module]


def test_each_commands_help_is_the_one_its_module_registers(capsys):
    for command in cli.COMMANDS:
        argv = [command.name, "--help"]
        lazy = _output(capsys, argv, modules={command.module})
        assert lazy == _output(capsys, argv, modules=EVERY_MODULE)
        assert "--data-dir" in lazy and "--passphrase-file" in lazy


# Words that could confuse finding the command: abbreviated options, --opt=value, an option's
# value that is a command name, "--", negative numbers, help and version anywhere.
BEFORE = (
    *("--data-dir", "--data", "--da=somewhere", "--passphrase-file", "--pass", "--self-test"),
    *("--demo", "--d", "-h", "--version", "--", "-", "-5", "somewhere", "status", "plan"),
)
AFTER = (
    *(c.name for c in cli.COMMANDS[::4]),
    *("status", "search", "nocontact", "start", "history", "plan", "list", "calm", "kept"),
    *("--data-dir", "--pass", "--help", "--json", "--nonsense", "--limit", "3", "--tag=x"),
)


def _outcome(parse, argv: list[str]) -> tuple:
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            args = parse(argv)
    except UsageError as exc:
        return ("usage", str(exc))
    except SystemExit as exc:  # --help, --version
        return ("exit", exc.code, out.getvalue())
    return ("parsed", vars(args))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    before=st.lists(st.sampled_from(BEFORE), max_size=3),
    after=st.lists(st.sampled_from(AFTER), max_size=3),
)
@example(before=["--data", "somewhere", "status"], after=["--json"])
@example(before=["--pass", "somewhere", "search"], after=["calm"])
@example(before=["--self-test", "status", "plan"], after=["list"])
def test_loading_only_the_chosen_commands_module_parses_like_loading_every_one(before, after):
    argv = before + after
    eager = _outcome(cli.build_parser(EVERY_MODULE).parse_args, argv)
    assert _outcome(cli._parse, argv) == eager


HELP_PROBE = """
import sys
from reconcile_desktop.cli import main
code = main(sys.argv[1:])
print(sorted(m for m in sys.modules if m.endswith("_cmds")))
sys.exit(code)
"""


@pytest.mark.parametrize(
    ("argv", "loaded"),
    [
        (["--help"], []),
        (["frobnicate"], []),
        (["status", "--help"], ["reconcile_desktop.commands.nocontact_cmds"]),
        (["--data-dir", "x", "plan", "-h"], ["reconcile_desktop.commands.plan_cmds"]),
    ],
)
def test_help_and_mistakes_import_no_other_command_module(tmp_path, argv, loaded):
    result = subprocess.run(
        [sys.executable, "-c", HELP_PROBE, *argv],
        cwd=REPO,
        env=child_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
    )
    assert result.stdout.splitlines()[-1] == repr(loaded)


def test_the_cli_uses_only_public_argparse():
    # No private argparse class or attribute (_SubParsersAction, _name_parser_map,
    # _get_formatter...): they change between Python versions without notice.
    tree = ast.parse(Path(cli.__file__).read_text(encoding="utf-8"))
    private = sorted(
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
    )
    assert private == []


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
