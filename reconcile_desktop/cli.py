"""The front door: `reconcile` alone opens the window; `reconcile <command>` works headless.

Commands live in reconcile_desktop/commands/<area>_cmds.py. Each module exposes
`register(subparsers) -> None`, which calls `subparsers.add_parser(name, help=...)` (without
help=, --help does not list it) and `set_defaults(func=handler)`; a handler takes the parsed
`argparse.Namespace` and returns an exit code. To add an area, add its module name to
COMMAND_MODULES. --data-dir and --passphrase-file are added to every command here, so they work
before or after the command name (read them with commands.passphrase helpers).

Handlers import core (SQLAlchemy, SQLCipher) inside the function, so `--version`, `--help` and
argument errors stay fast and never load the database layers, Qt or matplotlib.

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

UNEXPECTED = "something unexpected went wrong; nothing you wrote was changed."
INTERRUPTED = "stopped at your request."
NO_WINDOW = (
    "The window could not start because part of Qt could not be loaded; "
    f"the commands still work (see '{PROG} --help')."
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake becomes a UsageError (one line, exit 2) instead of usage text."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message[:1].upper()}{message[1:]}. See '{self.prog} --help'.")


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
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in modules:
        importlib.import_module(name).register(subparsers)
    seen: set[int] = set()
    for sub in subparsers.choices.values():
        if id(sub) not in seen:  # aliases share one parser
            seen.add(id(sub))
            _add_shared_options(sub, top=False)
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
