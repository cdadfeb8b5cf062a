"""Vault commands: init, check, passwd, backup, backups, restore, rotate-key.

--json output (stable keys; new keys may be added, existing ones keep their meaning):
  check:   {"ok": bool, "problems": [str, ...], "data_dir": str}
  backup:  {"path": str}  (absolute path of the new backup folder)
  backups: {"folder": str, "backups": [{"path": str, "made": ISO str, "kind": str,
            "size": int}, ...]}  (newest first; kind: daily, manual, before-migration,
            before-restore or other)
  restore: {"restored_from": str, "previous_saved_in": str | null, "problems": [str, ...]}
  rotate-key: {"ok": true}
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from reconcile_desktop.commands.args import (
    FILE_RULE,
    blocked_by_a_file,
    confirm,
    date_arg,
    print_json,
)
from reconcile_desktop.commands.passphrase import (
    ENV_NEW_PASSPHRASE,
    ENV_PASSPHRASE,
    NO_PASSPHRASE,
    _stdin_is_terminal,
    claimed_vault,
    get_new_passphrase,
    get_passphrase,
    opened_vault,
)
from reconcile_desktop.core.errors import UsageError, VaultProblem

CHECK_JSON_HELP = 'print {"ok": bool, "problems": [str, ...], "data_dir": str} instead of text'
BACKUP_JSON_HELP = 'print {"path": str}, the new backup folder, instead of text'
IN_THE_WAY = (
    "Where the journal's {name} should be there is something else (a folder, perhaps), "
    "so the backup was not put there. Move it away and restore again; nothing was changed."
)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "init",
        help="create a new, empty journal",
        description="Create a new encrypted journal. The passphrase comes from "
        "--passphrase-file or $RECONCILE_PASSPHRASE, or you type it twice. "
        "An existing journal is never replaced.",
    )
    p.set_defaults(func=cmd_init)

    p = subparsers.add_parser(
        "check",
        help="check the journal for damage, or mark a commitment (check COMMITMENT kept)",
        description="With no arguments: run the encryption and database integrity checks "
        "(exit code 4 when a problem is found). With COMMITMENT and a state: mark that "
        "commitment for a day, exactly like `reconcile mark`.",
    )
    p.add_argument("commitment", nargs="?", metavar="COMMITMENT", help="its number or words")
    p.add_argument("state", nargs="?", choices=("kept", "slipped", "clear"), help="how it went")
    p.add_argument("--date", type=date_arg, metavar="D", help="the day to mark (default: today)")
    p.add_argument("--note", metavar="N", default="", help="a few words for yourself")
    p.add_argument("--json", action="store_true", help=CHECK_JSON_HELP)
    p.set_defaults(func=cmd_check)

    p = subparsers.add_parser(
        "passwd",
        help="change the passphrase",
        description="Change the passphrase. The current one comes from the usual place; "
        "the new one from --new-passphrase-file or $RECONCILE_NEW_PASSPHRASE, "
        "or you type it twice. The journal itself is not rewritten.",
    )
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help="read the new passphrase from the first line of FILE. " + FILE_RULE,
    )
    p.set_defaults(func=cmd_passwd)

    p = subparsers.add_parser(
        "backup",
        help="write an encrypted copy of the journal",
        description="Write an encrypted copy of the journal and its key file into a new "
        "folder inside DIR. The copy opens with the passphrase you use now.",
    )
    p.add_argument("--out", metavar="DIR", required=True, help="where to put the backup folder")
    p.add_argument("--json", action="store_true", help=BACKUP_JSON_HELP)
    p.set_defaults(func=cmd_backup)

    p = subparsers.add_parser(
        "backups",
        help="list the backups, newest first",
        description="List the backups in the backup folder chosen in the settings (by "
        "default the backups folder beside the journal) or in --in DIR.",
    )
    p.add_argument("--in", dest="folder", metavar="DIR", help="list the backups in DIR instead")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.set_defaults(func=cmd_backups)

    p = subparsers.add_parser(
        "restore",
        help="put a backup back in place of the journal",
        description="Replace the journal with the backup in BACKUP (a folder holding "
        "vault.db and vault.key). The passphrase asked for is the backup's: the one you "
        "used on the day it was made. The backup is checked first, and the current journal "
        "is kept, as it is, in a before-restore folder inside the backups folder.",
    )
    p.add_argument("backup", metavar="BACKUP", help="the backup folder to put back")
    p.add_argument("--yes", action="store_true", help="restore without asking")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(func=cmd_restore)

    p = subparsers.add_parser(
        "rotate-key",
        help="re-encrypt the journal with a new random key",
        description="Re-encrypt the journal under a new random key, locked with the same "
        "passphrase. Useful if an old copy of the key file might be out there. Backups "
        "made earlier keep the old key and still open with their own passphrase.",
    )
    p.add_argument("--json", action="store_true", help='print {"ok": true} when done')
    p.set_defaults(func=cmd_rotate_key)


def cmd_init(args: argparse.Namespace) -> int:
    """Create the vault. Exit 4 (VaultExists) if one, or part of one, is already there."""
    from reconcile_desktop.core.errors import VaultExists
    from reconcile_desktop.core.storage.vault import VaultState

    vault = claimed_vault(args)
    try:
        # Checked before asking, so nobody invents a passphrase for nothing.
        if vault.state() is not VaultState.NEW:
            raise VaultExists()
        passphrase = get_new_passphrase(
            args.passphrase_file, env_var=ENV_PASSPHRASE, missing=NO_PASSPHRASE
        )
        vault.create(passphrase)
    finally:
        vault.close()
    print(f"Your new journal is ready in {vault.dir}.")
    print("Keep your passphrase somewhere safe: without it nobody, not even you, can open it.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Integrity checks. JSON keys: ok (bool), problems (list of str), data_dir (str).
    Exit 0 when healthy, 4 when a problem was found.

    `check COMMITMENT STATE` is the change plan's check-in (the issue's spelling); it is
    handed to `mark`, so both doors share one implementation."""
    if args.commitment is not None:
        from reconcile_desktop.commands import plan_cmds

        if args.state is None:
            raise UsageError("Say how it went: reconcile check COMMITMENT kept|slipped|clear.")
        return plan_cmds.cmd_mark(args)
    if args.date or args.note:
        raise UsageError("--date and --note go with a commitment: reconcile check COMMITMENT kept.")
    with opened_vault(args) as vault:
        problems = vault.check()
        where = str(vault.dir)
    if args.json:
        print_json({"ok": not problems, "problems": problems, "data_dir": where})
    elif not problems:
        print("All good: the passphrase opens the journal and every integrity check passed.")
    else:
        print(f"The checks found {len(problems)} problem(s) in the journal in {where}:")
        for problem in problems:
            print(f"  - {problem}")
        print(
            "Nothing was changed. A recent backup is the safest way back: "
            "see `reconcile backups` and `reconcile restore BACKUP_FOLDER`."
        )
    return 0 if not problems else 4


def _verify_passphrase(vault, passphrase: str) -> None:
    """WrongPassphrase unless `passphrase` unwraps the key file; reads nothing else."""
    from reconcile_desktop.core.storage import keyfile

    key = keyfile.unwrap(vault.read_keyfile(), passphrase)
    key[:] = bytes(len(key))


def cmd_passwd(args: argparse.Namespace) -> int:
    """Re-wrap the data key under a new passphrase; backups keep the old one."""
    from reconcile_desktop.core.errors import VaultNotFound
    from reconcile_desktop.core.storage.vault import VaultState

    vault = claimed_vault(args)
    try:
        if vault.state() is VaultState.NEW:
            raise VaultNotFound()
        old = get_passphrase(args.passphrase_file, prompt="Current passphrase: ")
        if not (args.new_passphrase_file or os.environ.get(ENV_NEW_PASSPHRASE)):
            # About to prompt: find out now, not after two more prompts, if `old` is wrong.
            _verify_passphrase(vault, old)
        new = get_new_passphrase(args.new_passphrase_file)
        vault.change_passphrase(old, new)
    finally:
        vault.close()
    print("Your passphrase was changed.")
    print("Backups made earlier still open with the passphrase that was current then.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Encrypted copy into a new folder under --out. JSON keys: path (str)."""
    out = Path(args.out).expanduser().absolute()
    in_the_way = blocked_by_a_file(out)
    if in_the_way is not None:  # said before the passphrase is asked for
        raise UsageError(f"{in_the_way} is a file; --out needs a folder to put the backup in.")
    with opened_vault(args) as vault:
        from reconcile_desktop.core.backups.automatic import remove_half_written

        remove_half_written(vault, out)  # what a killed earlier `backup --out` left there
        target = vault.backup(out)
    if args.json:
        print_json({"path": str(target)})
    else:
        print(f"Backup written to {target}")
        print("It opens with the passphrase you use now.")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    """The backups in --in DIR, else in the folder from the settings (opening the journal)."""
    from reconcile_desktop.core.backups import automatic as backups

    if args.folder:
        folder = Path(args.folder).expanduser().absolute()
    else:
        with opened_vault(args) as vault:
            folder = backups.load_settings(vault).folder(vault)
    found = backups.list_backups(folder)
    if args.json:
        items = [
            {"path": str(b.path), "made": b.made.isoformat(), "kind": b.kind, "size": b.size}
            for b in found
        ]
        print_json({"folder": str(folder), "backups": items})
        return 0
    if not found:
        print(f"There are no backups in {folder} yet.")
        return 0
    print(f"Backups in {folder}, newest first:")
    for b in found:
        made = b.made.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"  {made}  {b.kind:<16} {_size(b.size):>9}  {b.path.name}")
    return 0


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"


def cmd_restore(args: argparse.Namespace) -> int:
    """Check the backup with its passphrase, keep the current files, swap the backup in."""
    from reconcile_desktop.core.backups import restore

    backup = Path(args.backup).expanduser().absolute()
    if not ((backup / "vault.db").is_file() and (backup / "vault.key").is_file()):
        raise restore.NotABackup()  # before asking for a passphrase, not after
    if not args.yes and not _stdin_is_terminal():
        raise UsageError(
            "Nothing was restored: there is no terminal here to ask you first, so run the "
            "same command again with --yes."
        )
    vault = claimed_vault(args)
    try:
        _check_replaceable(vault)
        passphrase = get_passphrase(args.passphrase_file, prompt="Passphrase of the backup: ")
        if not args.yes:
            # Checked before asking, so nobody confirms a restore that cannot happen.
            if restore.check_backup(vault, backup, passphrase):
                raise restore.BackupDamaged()
            if not confirm(f"Replace the journal in {vault.dir} with this backup? [y/N] "):
                print("Nothing was restored.")
                return 0
        result = restore.restore_backup(vault, backup, passphrase)
    finally:
        vault.close()
    kept = str(result.previous_saved_in) if result.previous_saved_in else None
    if args.json:
        print_json(
            {"restored_from": str(backup), "previous_saved_in": kept, "problems": result.problems}
        )
    else:
        print(f"The backup from {backup.name} is back in place.")
        if kept:
            print(f"Your journal as it was just before is kept in {kept}.")
        print("From now on the journal opens with the passphrase of that backup.")
        for problem in result.problems:
            print(f"  - {problem}")
    return 0 if not result.problems else 4


def _check_replaceable(vault) -> None:
    """Before the passphrase: the journal's files must be files this user may replace."""
    from reconcile_desktop.core.storage.vault_files import check_access

    for path in (vault.db_path, vault.key_path):
        if path.exists() and not path.is_file():
            raise VaultProblem(IN_THE_WAY.format(name=path.name))
        if path.exists():
            check_access(path)


def cmd_rotate_key(args: argparse.Namespace) -> int:
    """A new random data key for the journal; the passphrase stays the same."""
    from reconcile_desktop.core.errors import VaultNotFound
    from reconcile_desktop.core.storage.vault import VaultState

    vault = claimed_vault(args)
    try:
        if vault.state() is VaultState.NEW:
            raise VaultNotFound()
        vault.rotate_key(get_passphrase(args.passphrase_file))
    finally:
        vault.close()
    if args.json:
        print_json({"ok": True})
    else:
        print("Your journal is now encrypted with a new key; the passphrase is the same.")
        print("Backups made earlier keep the old key and open with their own passphrase.")
    return 0
