"""Process-wide protections set once at start, before any passphrase or key is in memory."""

from __future__ import annotations


def disable_core_dumps() -> bool:
    """No core file for this process: a crash dump would hold the decrypted key and text.

    True when the limit is now zero; False where the platform has no such limit (Windows)."""
    try:
        import resource
    except ImportError:  # not POSIX
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        # logging imported only here: every CLI command runs this, and what it loads before
        # the KDF adds to the command's peak memory.
        import logging

        logging.getLogger(__name__).debug("The core-dump limit could not be lowered")
        return False
    return True
