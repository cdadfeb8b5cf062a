"""Sync commands: sync status, sync now, sync join FOLDER, sync leave.

They call the engine's verbs in core/sync/service.py, the same ones the window calls, and import
it only inside the handlers (see cli.py on what loads before the KDF).

--json output (stable keys; new keys may be added, existing ones keep their meaning):
  status, leave: the engine's status_json() (described in STATUS_JSON_HELP)
  now:           {"written", "applied", "conflicts", "unreadable": int, "sync": status}
  join:          {"created_journal": bool, "data_dir": str, "sync": status}
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile_desktop.commands.args import print_json
from reconcile_desktop.commands.passphrase import (
    claimed_vault,
    data_dir_of,
    get_passphrase,
    opened_vault,
)

if TYPE_CHECKING:
    import datetime as dt

    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.core.sync.service import SyncReport, SyncStatus

STATUS_JSON_HELP = """\
With --json, one JSON object: whether sync is on, the folder, this computer and the
others (each with its name, when it was last seen and whether its clock runs ahead),
when this computer last synced, changes waiting to be written, and any problem in
one sentence. Numeric ids differ from one computer to the next."""

NOW_JSON_HELP = """\
With --json, one JSON object:
  written     files this computer wrote into the folder
  applied     changes brought in from your other computers
  conflicts   entries changed on two computers at once; both versions were kept
  unreadable  files left for next time (still arriving, or damaged)
  sync        the status afterwards, as 'reconcile sync status --json' prints it"""

JOIN_JSON_HELP = """\
With --json, one JSON object:
  created_journal  true when the journal was built here from the folder, false when
                   this computer's own journal started syncing into it
  data_dir         where the journal is on this computer
  sync             the status afterwards, as 'reconcile sync status --json' prints it"""

SYNC_DESCRIPTION = (
    "Keep one journal on two or more computers through a folder you already sync "
    "(Syncthing, Nextcloud, Dropbox, iCloud Drive, OneDrive or a USB stick). Reconcile "
    "writes only sealed files there: their contents are encrypted, and nothing you wrote "
    "can be read from them. Use 'status', 'now', 'join' or 'leave'."
)
# Wrapped by hand: these help pages keep their JSON tables as written (RawDescription).
JOIN_DESCRIPTION = """\
With no journal on this computer yet: build one here from the journal in FOLDER.
It opens with the passphrase you use on your other computer.
With a journal here: start syncing it through FOLDER (made if it is missing).
A folder that already holds a different journal is left alone."""
NOW_DESCRIPTION = """\
Write this computer's new changes into the sync folder and bring in what your
other computers wrote. When one entry was changed on two computers at once, both
versions are kept."""
STATUS_DESCRIPTION = """\
Say when this computer last synced, through which folder, and which other
computers share the journal."""
# The plain file every sync folder holds (its format and key epoch): a folder without it
# holds no journal to join.
FOLDER_MARKER = "reconcile-sync.json"
SYNC_IS_OFF_HINT = "To start, run 'reconcile sync join FOLDER' with the folder you sync."


def register(subparsers: argparse._SubParsersAction) -> None:
    from reconcile_desktop.cli import add_shared_options

    sync = subparsers.add_parser(
        "sync",
        help="keep one journal on two computers, through a folder you sync",
        description=SYNC_DESCRIPTION,
    )
    actions = sync.add_subparsers(dest="sync_action", metavar="ACTION", title="actions")
    actions.required = True

    p = actions.add_parser(
        "status",
        help="when this computer last synced, and with which others",
        description=STATUS_DESCRIPTION,
        epilog=STATUS_JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text (see below)")
    p.set_defaults(func=cmd_status)
    add_shared_options(p, top=False)

    p = actions.add_parser(
        "now",
        help="sync at once",
        description=NOW_DESCRIPTION,
        epilog=NOW_JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text (see below)")
    p.set_defaults(func=cmd_now)
    add_shared_options(p, top=False)

    p = actions.add_parser(
        "join",
        help="share this journal through FOLDER, or bring the journal in FOLDER here",
        description=JOIN_DESCRIPTION,
        epilog=JOIN_JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("folder", metavar="FOLDER", help="the folder your sync tool shares")
    p.add_argument(
        "--name",
        metavar="NAME",
        help="what to call this computer, such as Desk or Laptop (default: its host name)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text (see below)")
    p.set_defaults(func=cmd_join)
    add_shared_options(p, top=False)

    p = actions.add_parser(
        "leave",
        help="stop syncing on this computer; the journal stays whole here",
        description="Stop syncing this computer's journal. Everything stays here, and your "
        "other computers keep what they already have.",
    )
    p.add_argument("--json", action="store_true", help="print the status afterwards as JSON")
    p.set_defaults(func=cmd_leave)
    add_shared_options(p, top=False)


# -- handlers ------------------------------------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    with opened_vault(args) as vault:
        from reconcile_desktop.core.sync import service

        status = service.status(vault)
        now = vault.clock.now()
        if args.json:
            print_json(service.status_json(status, now))
        else:
            _print_status(vault, status, now, service.describe(status, now))
    return 0


def cmd_now(args: argparse.Namespace) -> int:
    with opened_vault(args) as vault:
        from reconcile_desktop.core.sync import service

        report = service.sync_now(vault)
        now = vault.clock.now()
        if args.json:
            print_json(
                {
                    "written": report.written,
                    "applied": report.applied,
                    "conflicts": report.conflicts,
                    "unreadable": report.unreadable,
                    "sync": service.status_json(report.status, now),
                }
            )
        else:
            for line in report_lines(report):
                print(line)
            print(_sentence(service.describe(report.status, now)))
            if not report.status.enabled:
                print(SYNC_IS_OFF_HINT)
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.storage.vault import VaultState

    folder = Path(os.path.abspath(args.folder))
    data_dir = data_dir_of(args)
    if data_dir.exists():
        # Looked at under the lock before any passphrase is asked for, then let go at once:
        # join() takes the lock itself. A missing folder is not made here, so a wrong
        # passphrase leaves nothing behind.
        vault = claimed_vault(args)
        try:
            has_journal = vault.state() is VaultState.PRESENT
        finally:
            vault.close()
        if has_journal:
            return _start_here(args, folder)
    if not (folder / FOLDER_MARKER).is_file():
        from reconcile_desktop.core.errors import NothingToJoin

        # Said before the passphrase is asked for (nobody types one for nothing), and in
        # join's own words: the engine's sentence for a missing folder speaks of a folder
        # this computer already syncs with.
        raise NothingToJoin()
    return _join_from(args, folder, data_dir)


def _start_here(args: argparse.Namespace, folder: Path) -> int:
    with opened_vault(args) as vault:
        from reconcile_desktop.core.sync import service

        status = service.status(vault)
        # Asked again for the folder it already uses (and no new name): nothing to do, and
        # no second snapshot to write.
        already = (
            status.enabled
            and status.folder is not None
            and Path(status.folder) == folder.resolve()
            and args.name in (None, status.device_name)
        )
        if not already:
            status = service.start(vault, folder, args.name)
        now = vault.clock.now()
        if args.json:
            print_json(_join_doc(False, vault, service.status_json(status, now)))
        elif already:
            print(f"This journal already syncs through {folder}, so nothing changed.")
            print(_sentence(service.describe(status, now)))
        else:
            print(f"This journal now syncs through {folder}.")
            print(
                'On your other computer, choose "Join a journal from a sync folder" (or run '
                "'reconcile sync join FOLDER' there) and use the same passphrase."
            )
            print(_sentence(service.describe(status, now)))
    return 0


def _join_from(args: argparse.Namespace, folder: Path, data_dir: Path) -> int:
    passphrase = get_passphrase(
        getattr(args, "passphrase_file", None), prompt="The journal's passphrase: "
    )
    from reconcile_desktop.core.sync import service

    vault = service.join(data_dir, folder, passphrase, device_name=args.name)
    try:
        status = service.status(vault)
        now = vault.clock.now()
        if args.json:
            print_json(_join_doc(True, vault, service.status_json(status, now)))
        else:
            print(f"The journal from {folder} is on this computer now, in {vault.dir}.")
            print("It opens with the same passphrase, and stays in step through that folder.")
            print(_sentence(service.describe(status, now)))
    finally:
        vault.close()
    return 0


def cmd_leave(args: argparse.Namespace) -> int:
    with opened_vault(args) as vault:
        from reconcile_desktop.core.sync import service

        was_on = service.status(vault).enabled
        if was_on:
            service.leave(vault)
        status = service.status(vault)
        if args.json:
            print_json(service.status_json(status, vault.clock.now()))
        elif was_on:
            print(
                "This computer no longer syncs. Your journal stays whole here, and your other "
                "computers keep everything they already have."
            )
        else:
            print("Sync was not on for this computer, so nothing changed.")
    return 0


# -- words -----------------------------------------------------------------------------------------


def _join_doc(created: bool, vault: Vault, status: dict) -> dict:
    return {"created_journal": created, "data_dir": str(vault.dir), "sync": status}


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def report_lines(report: SyncReport) -> list[str]:
    """What one sync did, in plain words; nothing when it did nothing."""
    lines = []
    if report.written:
        lines.append(f"Wrote {_count(report.written, 'file', 'files')} for your other computers.")
    if report.applied:
        changes = _count(report.applied, "change", "changes")
        lines.append(f"Brought in {changes} from your other computers.")
    if report.conflicts:
        entries = _count(report.conflicts, "entry", "entries")
        lines.append(
            f"Changed on two computers at once: {entries}. Both versions are kept, the other "
            "one as a conflict copy beside it."
        )
    if report.unreadable:
        files = _count(report.unreadable, "file", "files")
        lines.append(
            f"Not read yet: {files}, perhaps still arriving; they will be read at the next sync."
        )
    if report.status.enabled and not lines:
        lines.append("Nothing new to send or bring in.")
    return lines


def _print_status(vault: Vault, status: SyncStatus, now: dt.datetime, said: str) -> None:
    print(_sentence(said))
    if not status.enabled:
        print(SYNC_IS_OFF_HINT)
        return
    print(f"Folder: {status.folder}")
    this, others = status.devices[:1], status.devices[1:]
    name = this[0].name if this else status.device_name
    print(f"This computer: {name}")
    if status.waiting:
        print(f"Waiting to be written: {_count(status.waiting, 'change', 'changes')}")
    if not others:
        print("No other computer has joined yet.")
        return
    print("Other computers:")
    zone = vault.clock.tzinfo()
    for device in others:
        seen = (
            f"last seen {device.last_seen_utc.astimezone(zone):%Y-%m-%d %H:%M}"
            if device.last_seen_utc
            else "not seen yet"
        )
        notes = [seen]
        if device.clock_ahead_s:
            notes.append(f"its clock runs about {_span(device.clock_ahead_s)} ahead")
        if device.left:
            notes.append("it left; its words stay")
        print(f"  {device.name}: {', '.join(notes)}")


def _span(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 90:
        return _count(minutes, "minute", "minutes")
    hours = round(seconds / 3600)
    if hours < 48:
        return _count(hours, "hour", "hours")
    return _count(round(seconds / 86400), "day", "days")
