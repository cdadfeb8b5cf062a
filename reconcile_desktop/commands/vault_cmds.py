"""Vault commands: init, check, passwd, backup.

--json output (stable keys; new keys may be added, existing ones keep their meaning):
  check:  {"ok": bool, "problems": [str, ...], "data_dir": str}
  backup: {"path": str}  (absolute path of the new backup folder)
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from reconcile_desktop.commands.args import date_arg, print_json
from reconcile_desktop.commands.passphrase import (
    ENV_NEW_PASSPHRASE,
    ENV_PASSPHRASE,
    NO_PASSPHRASE,
    claimed_vault,
    get_new_passphrase,
    get_passphrase,
    opened_vault,
)
from reconcile_desktop.core.errors import UsageError

CHECK_JSON_HELP = 'print {"ok": bool, "problems": [str, ...], "data_dir": str} instead of text'
BACKUP_JSON_HELP = 'print {"path": str}, the new backup folder, instead of text'


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
        help="read the new passphrase from the first line of FILE",
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


def cmd_init(args: argparse.Namespace) -> int:
    """Create the vault. Exit 4 (VaultExists) if one, or part of one, is already there."""
    from reconcile_desktop.core.errors import VaultExists
    from reconcile_desktop.core.vault import VaultState

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
        print("Nothing was changed. A recent backup is the safest way back.")
    return 0 if not problems else 4


def _verify_passphrase(vault, passphrase: str) -> None:
    """WrongPassphrase unless `passphrase` unwraps the key file; reads nothing else."""
    from reconcile_desktop.core import keyfile
    from reconcile_desktop.core.errors import KeyFileDamaged

    try:
        kf = keyfile.read(vault.key_path, vault.kdf_bounds)
    except (OSError, UnicodeDecodeError):
        raise KeyFileDamaged() from None
    key = keyfile.unwrap(kf, passphrase)
    key[:] = bytes(len(key))


def cmd_passwd(args: argparse.Namespace) -> int:
    """Re-wrap the data key under a new passphrase; backups keep the old one."""
    from reconcile_desktop.core.errors import VaultNotFound
    from reconcile_desktop.core.vault import VaultState

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
    with opened_vault(args) as vault:
        target = vault.backup(Path(args.out).expanduser().absolute())
    if args.json:
        print_json({"path": str(target)})
    else:
        print(f"Backup written to {target}")
        print("It opens with the passphrase you use now.")
    return 0
