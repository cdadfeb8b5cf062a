"""The sync folder's layout, and the only code that reads or writes files in it.

    <folder>/reconcile-sync.json         plain: the format and the key epoch (not secret)
    <folder>/vault.key                   a copy of the key file (wrapped under the passphrase)
    <folder>/devices/<id>/<seq>.rcs      one device's change batches, never rewritten
    <folder>/devices/<id>/snapshot-<seq>.db    a copy of that device's journal after <seq>
    <folder>/devices/<id>/snapshot-<seq>.rcs   its sealed note (checksum, what it had read)
    <folder>/devices/<id>/device.rcs     its name, clock, what it has read (rewritten by it alone)

Each device writes only under its own devices/<id>/, so a file sync tool never sees two
writers on one file. Files are written under a temporary name and renamed into place, so
another program sees a whole file or none (a tool that syncs a file piece by piece may still
show one cut short: its seal fails and it is read later).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
from pathlib import Path

MARKER = "reconcile-sync.json"
KEY_COPY = "vault.key"
DEVICES = "devices"
DEVICE_FILE = "device.rcs"
FORMAT = 1

_DEVICE_ID = re.compile(r"[0-9a-f]{16}")
_CHANGE = re.compile(r"(\d{10})\.rcs")
_SNAPSHOT = re.compile(r"snapshot-(\d{10})\.rcs")


class Folder:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    # -- names -------------------------------------------------------------------------------

    def device_dir(self, device: str) -> Path:
        return self.root / DEVICES / device

    def change_path(self, device: str, seq: int) -> Path:
        return self.device_dir(device) / f"{seq:010d}.rcs"

    def snapshot_path(self, device: str, seq: int) -> Path:
        return self.device_dir(device) / f"snapshot-{seq:010d}.rcs"

    def device_path(self, device: str) -> Path:
        return self.device_dir(device) / DEVICE_FILE

    # -- listing -----------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.root.is_dir()

    def devices(self) -> list[str]:
        try:
            names = os.listdir(self.root / DEVICES)
        except OSError:
            return []
        return sorted(n for n in names if _DEVICE_ID.fullmatch(n))

    def _numbers(self, device: str, pattern: re.Pattern) -> list[int]:
        try:
            names = os.listdir(self.device_dir(device))
        except OSError:
            return []
        return sorted(int(m.group(1)) for n in names if (m := pattern.fullmatch(n)))

    def change_seqs(self, device: str) -> list[int]:
        return self._numbers(device, _CHANGE)

    def snapshot_seqs(self, device: str) -> list[int]:
        return self._numbers(device, _SNAPSHOT)

    # -- reading and writing -----------------------------------------------------------------

    def read(self, path: Path) -> bytes | None:
        try:
            with open(path, "rb") as f:
                return f.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def write_new(self, path: Path, data: bytes) -> None:
        """A new file, whole or not at all; an existing file is never replaced."""
        if path.exists():
            raise FileExistsError(path.name)
        self._write(path, data, replace=False)

    def replace(self, path: Path, data: bytes) -> None:
        self._write(path, data, replace=True)

    def _write(self, path: Path, data: bytes, *, replace: bool) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            with open(tmp, "xb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            if replace:
                os.replace(tmp, path)
            else:
                _link_into_place(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        with contextlib.suppress(OSError):
            fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def remove(self, path: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()

    # -- the plain marker ----------------------------------------------------------------------

    def marker(self) -> dict | None:
        data = self.read(self.root / MARKER)
        if data is None:
            return None
        try:
            doc = json.loads(data)
        except ValueError:
            return None
        return doc if isinstance(doc, dict) else None

    def write_marker(self, epoch: str) -> None:
        doc = {"format": FORMAT, "app": "Reconcile", "epoch": epoch}
        self.replace(self.root / MARKER, json.dumps(doc, indent=1).encode())


def _link_into_place(tmp: Path, path: Path) -> None:
    """Rename without replacing: a hard link fails if the name is taken. Folders on file
    systems without hard links (a FAT USB stick) get a check and a rename instead."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(path.name) from None
        os.replace(tmp, path)
        return
    tmp.unlink()
