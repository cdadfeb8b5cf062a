"""`reconcile export --format archive|csv` and `reconcile import ARCHIVE`: called by
journal_cmds, whose export and import commands they extend (not a command of their own).

The archive's own passphrase comes like the journal's: --archive-passphrase-file, then
$RECONCILE_ARCHIVE_PASSPHRASE, then a hidden prompt. Core is imported after the unlock.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile_desktop.commands.args import blocked_by_a_file, confirm
from reconcile_desktop.commands.passphrase import (
    _stdin_is_terminal,
    get_new_passphrase,
    get_passphrase,
    opened_vault,
)
from reconcile_desktop.core.errors import UsageError

if TYPE_CHECKING:
    from reconcile_desktop.core.archive.importing import ArchiveResult
    from reconcile_desktop.core.storage.vault import Vault

ENV_ARCHIVE_PASSPHRASE = "RECONCILE_ARCHIVE_PASSPHRASE"
NO_ARCHIVE_PASSPHRASE = (
    "No passphrase for the archive given: use --archive-passphrase-file or "
    f"{ENV_ARCHIVE_PASSPHRASE} when not at a terminal."
)
SEALED_MAGIC = b"RECONCILE-SEALED-ARCHIVE\n"  # core.archive.sealed.MAGIC, read without core
SEALED_NOTE = (
    "The archive is encrypted: only its passphrase opens it, so keep that passphrase safe."
)


def add_export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="archive only: encrypt it under a passphrase of its own (asked for, or from "
        f"--archive-passphrase-file or ${ENV_ARCHIVE_PASSPHRASE})",
    )
    _passphrase_file_option(p)


def _passphrase_file_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--archive-passphrase-file",
        metavar="FILE",
        help="read an encrypted archive's passphrase from the first line of FILE",
    )


add_import_options = _passphrase_file_option


def is_sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SEALED_MAGIC)) == SEALED_MAGIC
    except OSError:
        return False


def _archive_passphrase(args: argparse.Namespace, *, new: bool) -> str:
    file = getattr(args, "archive_passphrase_file", None)
    if new:
        return get_new_passphrase(
            file,
            env_var=ENV_ARCHIVE_PASSPHRASE,
            missing=NO_ARCHIVE_PASSPHRASE,
            prompt="Passphrase for the archive: ",
        )
    return get_passphrase(
        file,
        prompt="The archive's passphrase: ",
        env_var=ENV_ARCHIVE_PASSPHRASE,
        missing=NO_ARCHIVE_PASSPHRASE,
    )


# -- export ----------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace, not_encrypted: str) -> int:
    from reconcile_desktop.cli import PROG

    out = Path(args.out).expanduser().absolute()
    passphrase = None
    if args.format == "csv":
        if args.include_trash:
            raise UsageError("--include-trash does not apply to CSV files (they hold no entries).")
        in_the_way = blocked_by_a_file(out)
        if in_the_way is not None:
            raise UsageError(f"{in_the_way} is a file; the CSV export needs a folder.")
    else:
        if out.exists():
            raise UsageError(f"{out} already exists; choose a new name so nothing is replaced.")
        if not out.parent.is_dir():
            raise UsageError(f"There is no folder {out.parent}; create it first or choose another.")
        if args.encrypt:
            passphrase = _archive_passphrase(args, new=True)  # checked before the journal's
    if passphrase is None:
        # Said before the passphrase is asked for, so there is still time to change one's mind.
        print(f"{PROG}: {not_encrypted.format(out=out)}", file=sys.stderr, flush=True)
    with opened_vault(args) as vault:
        if args.format == "csv":
            from reconcile_desktop.core.archive.spreadsheets import export_csv

            counts = export_csv(vault, out)
            rows = ", ".join(f"{name} ({n:,} rows)" for name, n in counts.items())
            print(f"Wrote {len(counts)} CSV files to {out}: {rows}.")
            return 0
        from reconcile_desktop.core.archive.exporting import export_archive
        from reconcile_desktop.core.archive.words import counted

        done = export_archive(vault, out, passphrase=passphrase)
    attachments = f", with {done.attachments:,} attached files" if done.attachments else ""
    print(f"Wrote everything to {out}: {counted(done.rows)}{attachments}.")
    if done.encrypted:
        print(SEALED_NOTE)
    return 0


# -- import ----------------------------------------------------------------------------------


def preview_lines(name: str, r: ArchiveResult) -> list[str]:
    from reconcile_desktop.core.archive.words import counted

    day = r.exported[:10] or "an unknown day"
    lines = [f"{name} is a Reconcile archive, made on {day}."]
    lines.append(f"New: {counted({t: c.new for t, c in r.counts.items()})}.")
    if r.present:
        already = counted({t: c.present for t, c in r.counts.items()})
        lines.append(f"Already here, left as they are: {already}.")
    if r.left_out:
        lines.append(f"Left out: {counted({t: c.left_out for t, c in r.counts.items()})}.")
    if r.notes:
        lines.append("Worth knowing:")
        lines += [f"  - {note}" for note in r.notes]
    return lines


def cmd_import(args: argparse.Namespace, vault: Vault, path: Path) -> int:
    """After the unlock: the archive's preview, then the import when confirmed."""
    from reconcile_desktop.core.archive import importing
    from reconcile_desktop.core.archive.words import counted

    passphrase = _archive_passphrase(args, new=False) if is_sealed(path) else None
    preview = importing.preview_archive(vault, path, passphrase)
    print("\n".join(preview_lines(path.name, preview)), flush=True)
    if preview.new == 0:
        print("There is nothing new to bring in, so nothing was changed.")
        return 0
    if args.dry_run:
        print("This was a dry run: nothing was imported.")
        return 0
    if not args.yes:
        if not _stdin_is_terminal():
            print("Nothing was imported yet. To import, run the same command with --yes.")
            return 0
        if not confirm("Import what is new? [y/N] "):
            print("Nothing was imported.")
            return 0
    done = importing.import_archive(vault, path, passphrase)
    print(f"Imported {counted({t: c.new for t, c in done.counts.items()})}.")
    return 0


def is_archive(path: Path) -> bool:
    """After the unlock (zipfile loads shutil, bz2 and lzma, which must wait for the KDF)."""
    from reconcile_desktop.core.archive.package import looks_like_archive

    return looks_like_archive(path)
