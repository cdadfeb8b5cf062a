"""One Reconcile per data folder: an OS advisory lock on vault.lock.

The kernel drops the lock when the holder dies, so a lock left by a killed process is simply
taken over; the PID inside is only for people reading the file.

The lock lives on the file, not on its name: if another program deletes vault.lock, a second
Reconcile creates a new one and locks that. still_ours() tells the holder, so it can stop
writing before it writes into a journal that someone else may be rotating or restoring.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from reconcile_desktop.core.errors import LinkedFile, NotWritable, VaultInUse
from reconcile_desktop.paths import NOFOLLOW


class InstanceLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None  # (device, inode) of the file we locked

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        # The vault writes beside its files (WAL, key file, backups): a folder that cannot be
        # written is refused here, in one sentence, instead of half-way through an unlock.
        if not os.access(self.path.parent, os.W_OK):
            raise NotWritable()
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # a planted link: never truncate what it points to
                raise LinkedFile() from None
            raise
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise VaultInUse() from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        st = os.fstat(fd)
        self._identity = (st.st_dev, st.st_ino)
        self._fd = fd

    def still_ours(self) -> bool:
        """True while the file at our path is the one we locked (a stat: a few microseconds)."""
        if self._fd is None:
            return False
        try:
            st = os.stat(self.path, follow_symlinks=False)
        except OSError:
            return False  # deleted: anyone may have locked a new vault.lock since
        return (st.st_dev, st.st_ino) == self._identity

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        self._identity = None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


if os.name == "nt":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, 0)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
