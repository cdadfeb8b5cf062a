"""The front door: `reconcile` alone opens the window; `reconcile <command>` works headless.

Commands live in reconcile_desktop/commands/<area>_cmds.py. Each module exposes
`register(subparsers) -> None`, which calls `subparsers.add_parser(name, help=...)` (without
help=, --help does not list it) and `set_defaults(func=handler)`; a handler takes the parsed
`argparse.Namespace` and returns an exit code. To add an area, add its module name to
COMMAND_MODULES, and its command names and help lines to COMMAND_INDEX (a test checks that they
match what register() adds). --data-dir and --passphrase-file are added to every command here,
so they work before or after the command name (read them with commands.passphrase helpers).

Only the chosen command's module is imported: the others appear in --help from COMMAND_INDEX
(a module missing from it is imported and registered up front). Handlers import core
(SQLAlchemy, SQLCipher) inside the function, so `--version`, `--help` and argument errors stay
fast and never load the database layers, Qt or matplotlib. Keeping the import light matters
beyond speed: a command's peak memory is the KDF's 64 MiB plus whatever is loaded when it runs.

Exit codes: 0 ok, 1 unexpected, 2 usage, 3 wrong passphrase, 4 vault missing or damaged,
5 vault in use, 6 disk full or folder not writable, 130 interrupted. Errors are one line on
stderr, "reconcile: <sentence>", never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from reconcile_desktop import __version__
from reconcile_desktop.core.errors import ReconcileError, UsageError

PROG = "reconcile"

# One line an area; the order here is the order in --help.
COMMAND_MODULES: tuple[str, ...] = (
    "reconcile_desktop.commands.vault_cmds",
    "reconcile_desktop.commands.journal_cmds",
    "reconcile_desktop.commands.nocontact_cmds",
    "reconcile_desktop.commands.plan_cmds",
)

# The top-level commands of each module, in the order its register() adds them, with their
# help lines: what --help lists without importing the module.
COMMAND_INDEX: dict[str, tuple[tuple[str, str], ...]] = {
    "reconcile_desktop.commands.vault_cmds": (
        ("init", "create a new, empty journal"),
        ("check", "check the journal for damage, or mark a commitment (check COMMITMENT kept)"),
        ("passwd", "change the passphrase"),
        ("backup", "write an encrypted copy of the journal"),
        ("backups", "list the backups, newest first"),
        ("restore", "put a backup back in place of the journal"),
        ("rotate-key", "re-encrypt the journal with a new random key"),
    ),
    "reconcile_desktop.commands.journal_cmds": (
        ("add", "write a journal entry"),
        ("search", "find entries by their words"),
        ("export", "write the journal to plain JSON or Markdown files"),
        ("import", "bring in entries from an export"),
    ),
    "reconcile_desktop.commands.nocontact_cmds": (
        ("nocontact", "start, end or look back on a no-contact period"),
        ("status", "one line on the no-contact count, for a status bar"),
        ("contact", "log contact, or a look at their social media"),
        ("urge", "log an urge you did not act on"),
        ("reached-out", "log the one planned reach-out"),
    ),
    "reconcile_desktop.commands.plan_cmds": (
        ("plan", "add change goals and their commitments, or list them"),
        ("today", "what is due today, and what is already marked"),
        ("mark", "mark a commitment kept or slipped for a day"),
        ("progress", "net steps, rates, strength and streaks for each goal"),
    ),
}

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

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message[:1].upper()}{message[1:]}. See '{self.prog} --help'.")

    def _get_formatter(self, *args, **kwargs) -> argparse.HelpFormatter:
        # argparse asks shutil for the width, and shutil loads bz2 and lzma (0.6 MiB) that
        # would sit in memory during the KDF; add_argument makes a formatter every time.
        if args or kwargs:  # a newer argparse with more to pass: leave it to argparse
            return super()._get_formatter(*args, **kwargs)
        return self.formatter_class(prog=self.prog, width=_terminal_width() - 2)


def _add_shared_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
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
        "(else $RECONCILE_PASSPHRASE, else you are asked)",
    )


class _Commands(argparse._SubParsersAction):
    """The COMMAND argument. A command from COMMAND_INDEX starts as a placeholder that only
    carries its help line; its module is imported and registered once it is chosen."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._later: dict[str, str] = {}  # command name -> module not imported yet

    def add_later(self, module: str, name: str, help: str) -> None:
        self.add_parser(name, help=help, add_help=False)
        self._later[name] = module

    def register(self, module: str) -> None:
        """Import `module` and let it add its commands, replacing any placeholders."""
        # A scratch action, because argparse refuses a second parser under the same name.
        scratch = argparse._SubParsersAction(
            option_strings=[], prog=self._prog_prefix, parser_class=self._parser_class
        )
        importlib.import_module(module).register(scratch)
        seen: set[int] = set()
        for name, sub in scratch.choices.items():
            self._later.pop(name, None)
            self._name_parser_map[name] = sub
            if id(sub) not in seen:  # aliases share one parser
                seen.add(id(sub))
                _add_shared_options(sub, top=False)
        # --help lists what has no placeholder yet (a module registered up front).
        listed = {a.dest for a in self._choices_actions}
        self._choices_actions += [a for a in scratch._choices_actions if a.dest not in listed]

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        module = self._later.get(values[0])
        if module is not None:
            self.register(module)
        super().__call__(parser, namespace, values, option_string)


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="A private, offline journal, change plan and no-contact companion. "
        "Without a command, the window opens.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _add_shared_options(parser, top=True)
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway demo journal in the window"
    )
    # Hidden: the smoke test `make dist-check` runs on a built bundle (see selftest.py).
    parser.add_argument("--self-test", metavar="DIR", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(
        action=_Commands, dest="command", metavar="COMMAND", title="commands"
    )
    for module in modules:
        if module in COMMAND_INDEX:
            for name, help in COMMAND_INDEX[module]:
                subparsers.add_later(module, name, help)
        else:
            subparsers.register(module)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from reconcile_desktop.commands.passphrase import data_dir_of

    try:
        from reconcile_desktop.ui.app import run_gui
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
    args = build_parser(COMMAND_MODULES).parse_args(argv)
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
    from reconcile_desktop.core.hardening import disable_core_dumps

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
