"""Open a file only when it is an ordinary file.

A FIFO blocks open() until someone writes into it, and a device such as /dev/zero never ends:
either would hang a command while it holds the journal's lock. So the path is checked with
stat() before anything opens it (a FIFO is never opened for reading), and opened with
O_NONBLOCK and checked again, in case it was swapped for a FIFO in between.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO


class NotARegularFile(OSError):
    """The path is a folder, a FIFO, a device or a socket."""


def _refuse(path: str | os.PathLike[str]) -> NotARegularFile:
    return NotARegularFile(errno.EINVAL, "not an ordinary file", os.fspath(path))


def open_regular(path: str | os.PathLike[str], *, nofollow: bool = False) -> BinaryIO:
    """open(path, "rb"), or NotARegularFile before anything is read. With nofollow, a link is
    never followed: it raises OSError(ELOOP), like an O_NOFOLLOW open does."""
    mode = os.stat(path, follow_symlinks=not nofollow).st_mode
    if nofollow and stat.S_ISLNK(mode):
        raise OSError(errno.ELOOP, "a link", os.fspath(path))
    if not stat.S_ISREG(mode):
        raise _refuse(path)
    nonblock = getattr(os, "O_NONBLOCK", 0)
    flags = os.O_RDONLY | nonblock | getattr(os, "O_BINARY", 0)
    if nofollow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _refuse(path)
        if nonblock:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
