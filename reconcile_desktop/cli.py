"""The front door: `reconcile` alone opens the window; `reconcile <command>` works headless.

Commands live in reconcile_desktop/commands/<area>_cmds.py. Each module exposes
`register(subparsers) -> None`, which calls `subparsers.add_parser(name, help=...)` and
`set_defaults(func=handler)`; a handler takes the parsed `argparse.Namespace` and returns an exit
code. To add a command, add a line to COMMANDS with the same name and help line (a test checks
that they match what register() adds). --data-dir and --passphrase-file are added to every
command here, so they work before or after the command name (read them with
commands.passphrase helpers).

Only the chosen command's module is imported: --help lists the others from COMMANDS. Handlers
import core (SQLAlchemy, SQLCipher) inside the function, so `--version`, `--help` and argument
errors stay fast and never load the database layers, Qt or matplotlib. Keeping the import light
matters beyond speed: a command's peak memory is the KDF's 64 MiB plus whatever is loaded when
it runs.

Exit codes: 0 ok, 1 unexpected, 2 usage, 3 wrong passphrase, 4 vault missing or damaged,
5 vault in use, 6 disk full or folder not writable, 130 interrupted. Errors are one line on
stderr, "reconcile: <sentence>", never a traceback.
"""

from __future__ import annotations

import argparse
import collections
import functools
import importlib
import os
import sys
from collections.abc import Collection

from reconcile_desktop import __version__
from reconcile_desktop.commands.args import FILE_RULE
from reconcile_desktop.core.errors import ReconcileError, UsageError

PROG = "reconcile"

# A namedtuple rather than a dataclass: dataclasses would load inspect and ast before the KDF.
Command = collections.namedtuple("Command", ("name", "help", "module"))

_VAULT = "reconcile_desktop.commands.vault_cmds"
_JOURNAL = "reconcile_desktop.commands.journal_cmds"
_NOCONTACT = "reconcile_desktop.commands.nocontact_cmds"
_PLAN = "reconcile_desktop.commands.plan_cmds"
_SUPPORT = "reconcile_desktop.commands.support_cmds"
_SYNC = "reconcile_desktop.commands.sync_cmds"

# Every top-level command, in the order --help lists them and each module's register() adds
# them: what --help shows and how a command finds its module.
COMMANDS: tuple[Command, ...] = (
    Command("init", "create a new, empty journal", _VAULT),
    Command(
        "check",
        "check the journal for damage, or mark a commitment (check COMMITMENT kept)",
        _VAULT,
    ),
    Command("passwd", "change the passphrase", _VAULT),
    Command("backup", "write an encrypted copy of the journal", _VAULT),
    Command("backups", "list the backups, newest first", _VAULT),
    Command("restore", "put a backup back in place of the journal", _VAULT),
    Command("rotate-key", "re-encrypt the journal with a new random key", _VAULT),
    Command("add", "write a journal entry", _JOURNAL),
    Command("search", "find entries by their words", _JOURNAL),
    Command("export", "write the journal, or everything, to files of your own", _JOURNAL),
    Command("import", "bring in entries from an export", _JOURNAL),
    Command("nocontact", "start, end or look back on a no-contact period", _NOCONTACT),
    Command("status", "one line on the no-contact count, for a status bar", _NOCONTACT),
    Command("contact", "log contact, or a look at their social media", _NOCONTACT),
    Command("urge", "log an urge you did not act on", _NOCONTACT),
    Command("reached-out", "log the one planned reach-out", _NOCONTACT),
    Command("plan", "add change goals and their commitments, or list them", _PLAN),
    Command("today", "what is due today, and what is already marked", _PLAN),
    Command("mark", "mark a commitment kept or slipped for a day", _PLAN),
    Command("progress", "net steps, rates, strength and streaks for each goal", _PLAN),
    Command("support", "crisis and support lines for your country, and your own people", _SUPPORT),
    Command("sync", "keep one journal on two computers, through a folder you sync", _SYNC),
)

UNEXPECTED = "something unexpected went wrong; nothing you wrote was changed."
INTERRUPTED = "stopped at your request."
NO_WINDOW = (
    "The window could not start because part of Qt could not be loaded; "
    f"the commands still work (see '{PROG} --help')."
)


def _terminal_width() -> int:
    """shutil.get_terminal_size().columns, without importing shutil (see _Parser)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake becomes a UsageError (one line, exit 2) instead of usage text."""

    def __init__(self, *, formatter_class: type = argparse.HelpFormatter, **kwargs) -> None:
        # Without a width, argparse asks shutil for one, and shutil loads bz2 and lzma (0.6 MiB)
        # that would sit in memory during the KDF; add_argument makes a formatter every time.
        width = _terminal_width() - 2  # what argparse subtracts from shutil's columns
        formatter = functools.partial(formatter_class, width=width)
        super().__init__(formatter_class=formatter, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message[:1].upper()}{message[1:]}. See '{self.prog} --help'.")


def add_shared_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Accepted before or after the command name. Under a command the default is SUPPRESS,
    # so an option given before the command is not overwritten by the command's default.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="the folder that holds the journal (default: $RECONCILE_DATA_DIR, "
        "else the usual data folder for your system)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=default,
        help="read the passphrase from the first line of FILE "
        "(else $RECONCILE_PASSPHRASE, else you are asked). " + FILE_RULE,
    )


def build_parser(modules: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The CLI with these command modules imported and registered, and only their commands;
    None for every command as a stand-in that only carries its --help line."""
    parser = _Parser(
        prog=PROG,
        description="A private, offline journal, change plan and no-contact companion. "
        "Without a command, the window opens.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    add_shared_options(parser, top=True)
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway demo journal in the window"
    )
    # Hidden: the smoke test `make dist-check` runs on a built bundle (see selftest.py).
    parser.add_argument("--self-test", metavar="DIR", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    registered: set[str] = set()
    for command in COMMANDS:
        if modules is None:
            # A stand-in takes any arguments without complaint (see _parse).
            subparsers.add_parser(command.name, help=command.help, add_help=False)
        elif command.module in modules and command.module not in registered:
            registered.add(command.module)
            before = set(subparsers.choices)
            importlib.import_module(command.module).register(subparsers)
            added = {id(p): p for n, p in subparsers.choices.items() if n not in before}
            for sub in added.values():  # by id: an alias shares its command's parser
                add_shared_options(sub, top=False)
    return parser


def _parse(argv: list[str] | None) -> argparse.Namespace:
    """argv parsed with only the chosen command's module imported."""
    stand_ins = build_parser()
    # argparse itself finds the command (abbreviated options, --opt=value, an option's value
    # that looks like a command): the stand-ins accept the rest. --help, --version, an unknown
    # command and any mistake before the command end here, exactly as with every module loaded,
    # so the second parser needs no other command.
    chosen = stand_ins.parse_known_args(argv)[0].command
    if chosen is None:
        return stand_ins.parse_args(argv)
    module = next(c.module for c in COMMANDS if c.name == chosen)
    return build_parser({module}).parse_args(argv)


def _run_gui(args: argparse.Namespace) -> int:
    from reconcile_desktop.commands.passphrase import data_dir_of

    try:
        from reconcile_desktop.ui.shell.app import run_gui
    except ImportError:
        # Typically Qt's system libraries are missing; the headless commands still work.
        raise ReconcileError(NO_WINDOW) from None

    gui_argv = [sys.argv[0] if sys.argv and sys.argv[0] else PROG]
    if args.demo:
        gui_argv.append("--demo")
    return run_gui(data_dir_of(args), gui_argv)


def _say(sentence: str) -> None:
    try:
        print(f"{PROG}: {sentence}", file=sys.stderr, flush=True)
    except (OSError, ValueError):  # stderr closed: nothing more we can do
        pass


def _dispatch(argv: list[str] | None) -> int:
    args = _parse(argv)
    if args.self_test:
        from reconcile_desktop import selftest

        return selftest.run(args.self_test)
    func = getattr(args, "func", None)
    if func is None:
        return _run_gui(args)
    from reconcile_desktop.commands.args import refuse_undecodable

    refuse_undecodable(args)
    if args.demo:
        # Refused rather than ignored: the command would act on the real journal.
        raise UsageError("--demo only applies to the window; it cannot be used with a command.")
    return int(func(args) or 0)


def main(argv: list[str] | None = None) -> int:
    """Run one command (or the window) and return its exit code; never raises."""
    from reconcile_desktop.core.storage.hardening import disable_core_dumps

    disable_core_dumps()  # before any passphrase or key exists in this process
    try:
        return _dispatch(argv)
    except ReconcileError as exc:
        _say(exc.cli_sentence)
        return exc.exit_code
    except KeyboardInterrupt:
        _say(INTERRUPTED)
        return 130
    except SystemExit as exc:  # --help and --version
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); quietly stop writing to it.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except Exception:
        # Deliberately no traceback and no exception text: either could carry journal text.
        _say(UNEXPECTED)
        return 1
