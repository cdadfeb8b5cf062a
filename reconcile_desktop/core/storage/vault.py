"""The encrypted vault: create, unlock, lock, change passphrase, rotate key, back up, check.

Two files in the data folder: vault.db (SQLCipher 4, keyed with a random 256-bit data key)
and vault.key (that key wrapped under Argon2id(passphrase), see keyfile.py). A third,
vault.lock, keeps a second Reconcile from opening the same vault. A fourth, vault.swap, exists
only while a key rotation or restore switches the pair (pairswap.py finishes it at claim()).
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.errors import (
    DatabaseDamaged,
    DatabaseEmpty,
    DatabaseMissing,
    DiskFull,
    FolderNotPrivate,
    KeyFileDamaged,
    KeyFileForeign,
    KeyFileMissing,
    KeyFileUnreadable,
    LinkedFile,
    LockLost,
    NotWritable,
    ReconcileError,
    VaultExists,
    VaultInUse,
    VaultLocked,
    VaultNotFound,
)
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.core.storage import pair_swap as pairswap
from reconcile_desktop.core.storage.instance_lock import InstanceLock
from reconcile_desktop.core.storage.regular_file import NotARegularFile
from reconcile_desktop.core.storage.vault_files import check_access, remove_leftovers
from reconcile_desktop.core.sync.hlc import HybridClock

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlmodel import Session

DB_NAME = "vault.db"
KEY_NAME = "vault.key"
LOCK_NAME = "vault.lock"


class VaultState(Enum):
    NEW = "new"  # neither file: a first run
    PRESENT = "present"  # both files, ready to unlock


def translate_os_error(exc: OSError) -> ReconcileError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):  # full, over quota, ulimit -f
        return DiskFull()
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return NotWritable()
    if exc.errno == errno.ELOOP:  # opened with O_NOFOLLOW and found a link
        return LinkedFile()
    return ReconcileError("Reconcile could not read or write its files.")


def translate_db_error(exc: BaseException) -> ReconcileError:
    """Map SQLite's messages to one sentence; never includes SQL parameters."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "disk is full" in text or "disk i/o" in text and "full" in text:
        return DiskFull()
    if "readonly" in text or "read-only" in text:
        return NotWritable()
    if "database is locked" in text or "database is busy" in text:
        return VaultInUse()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseDamaged()
    return ReconcileError("The journal could not be read or written.")


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn storage failures inside the block into ReconcileError sentences."""
    from sqlalchemy.exc import DBAPIError
    from sqlcipher3 import Error as DriverError  # raw connections (backup, rotation) raise it

    try:
        yield
    except ReconcileError:
        raise
    except (DBAPIError, DriverError) as exc:
        raise translate_db_error(exc) from None
    except OSError as exc:
        raise translate_os_error(exc) from None


def _wipe(buf: bytearray) -> None:
    # Best effort: Python may still hold copies (the PRAGMA string), but not in our buffers.
    for i in range(len(buf)):
        buf[i] = 0


class Vault:
    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Clock | None = None,
        kdf_params: keyfile.KdfParams | None = None,
        kdf_bounds: keyfile.KdfBounds | None = None,
    ) -> None:
        self.dir = Path(data_dir)
        self.db_path = self.dir / DB_NAME
        self.key_path = self.dir / KEY_NAME
        self.clock = clock or Clock()
        self.kdf_params = kdf_params or keyfile.DEFAULT_PARAMS
        self.kdf_bounds = kdf_bounds or keyfile.BOUNDS
        self._instance = InstanceLock(self.dir / LOCK_NAME)
        self._key: bytearray | None = None
        self._engine: Engine | None = None
        self._joined = threading.local()  # the transaction open on each thread, if any
        self.hlc = HybridClock(self._now_ms)  # stamps this device's changes (core/sync)

    # -- files and the single-instance lock -------------------------------------------------

    def state(self) -> VaultState:
        """NEW or PRESENT; a half-present vault or unreadable key file raises the error that
        explains it."""
        has_key = self.key_path.exists()
        has_db = self.db_path.exists()
        if not has_key and not has_db:
            return VaultState.NEW
        if has_db and self.db_path.stat().st_size == 0:
            raise DatabaseEmpty()
        if not has_key:
            raise KeyFileMissing()
        if not has_db:
            raise DatabaseMissing()
        if not self.db_path.is_file():  # a folder or a FIFO in its place
            raise DatabaseDamaged()
        check_access(self.db_path)
        self.read_keyfile()  # a damaged key file is named before anyone types a passphrase
        return VaultState.PRESENT

    def claim(self) -> None:
        """Create the private folder, take the single-instance lock, and finish a key rotation
        or restore cut short (every time one is pending, not only on the first claim).

        A folder others can write to is refused: they could swap the key file or plant links.
        If vault.lock was deleted under us, an open vault stops (LockLost); a locked one takes
        the lock again, as a fresh start would."""
        from reconcile_desktop.paths import ensure_private_dir, others_can_write

        try:
            ensure_private_dir(self.dir)
            if others_can_write(self.dir):
                raise FolderNotPrivate()
            if self._instance.held and not self._instance.still_ours():
                if self.is_unlocked:
                    raise LockLost()
                self._instance.release()
            first = not self._instance.held
            if first:
                self._instance.acquire()
            if first or pairswap.pending(self.dir):
                # Finish the swap (or drop uncommitted leftovers) before anything reads the
                # pair; the old database is never opened once vault.swap exists. See pairswap.py.
                self.lock()
                pairswap.finish_pending(self.db_path, self.key_path)
            if first:
                remove_leftovers(self.dir)
        except OSError as exc:
            raise translate_os_error(exc) from None

    def release(self) -> None:
        self._instance.release()

    # -- opening and closing -----------------------------------------------------------------

    @property
    def is_unlocked(self) -> bool:
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise VaultLocked()
        return self._engine

    def create(
        self,
        passphrase: str,
        *,
        data_key: bytearray | None = None,
        from_copy: Path | None = None,
        fill: Callable[[], None] | None = None,
    ) -> None:
        """A new vault; leaves it unlocked. Never overwrites anything.

        Joining a journal from a sync folder passes its `data_key` (already unwrapped with
        this passphrase), `from_copy` (a snapshot: an encrypted copy of another computer's
        vault.db under that key) and `fill`, which makes the copy this computer's own before it
        is moved into place: a join that fails leaves no journal behind."""
        if data_key is None:
            keyfile.check_new_passphrase(passphrase)  # refused before any file or folder exists
        self.claim()
        if self.state() is not VaultState.NEW:
            raise VaultExists()
        data_key = bytearray(data_key) if data_key is not None else keyfile.new_data_key()
        tmp_db = self.dir / f".{DB_NAME}.new"
        tmp_db.unlink(missing_ok=True)
        try:
            with user_errors():
                if from_copy is not None:
                    import shutil  # here: it loads bz2 and lzma (see _copy_into)

                    shutil.copyfile(from_copy, tmp_db)
                self._open(tmp_db, data_key)
                self._migrate()
            if fill is not None:
                fill()
            with user_errors():
                self._close_engine()
                db_salt = keyfile.db_salt_of(tmp_db)
                kf = keyfile.wrap(data_key, passphrase, self.kdf_params, db_salt=db_salt)
                keyfile.write_atomic(self.key_path, kf.to_bytes())
                os.chmod(tmp_db, 0o600)
                os.replace(tmp_db, self.db_path)
                keyfile.fsync_dir(self.dir)
        except BaseException:
            self._close_engine()
            for leftover in (tmp_db, Path(f"{tmp_db}-wal"), Path(f"{tmp_db}-shm")):
                leftover.unlink(missing_ok=True)
            _wipe(data_key)
            raise
        try:
            self._open(self.db_path, data_key)
        finally:
            _wipe(data_key)

    def unlock(self, passphrase: str) -> None:
        """Open the vault. On any failure neither file is modified."""
        if self.is_unlocked:
            return
        self.claim()
        if self.state() is VaultState.NEW:
            raise VaultNotFound()
        kf = self.read_keyfile()
        data_key = keyfile.unwrap(kf, passphrase)
        try:
            self._start(data_key)
            if kf.version < keyfile.VERSION or kf.db_salt is None:
                self._upgrade_keyfile(data_key, passphrase)
        finally:
            _wipe(data_key)

    def _upgrade_keyfile(self, data_key: bytearray, passphrase: str) -> None:
        """Rewrite an older key file (or one without vault.db's salt) in the current format,
        atomically, now that the key has opened this vault.db. One more KDF run, once."""
        kf = keyfile.wrap(
            data_key, passphrase, self.kdf_params, db_salt=keyfile.db_salt_of(self.db_path)
        )
        # Best effort: a folder that cannot be written to keeps the old, still valid file,
        # and the next unlock tries again.
        with contextlib.suppress(OSError):
            keyfile.write_atomic(self.key_path, kf.to_bytes())

    def _start(self, data_key: bytearray, *, tune: bool = True) -> None:
        """Open with a data key already unwrapped (unlock, restore, rotation). `tune` migrates
        and refreshes the planner's statistics; a rotation reopens a journal that is neither
        older nor changed, so it skips both."""
        try:
            with user_errors():
                check_access(self.db_path, side_files=True)
                self._open(self.db_path, data_key)
                self._verify_readable()
                if tune:
                    self._migrate()
                    self.optimize()
                else:
                    self._load_clock()
        except BaseException:
            self._close_engine()
            raise

    def lock(self) -> None:
        """Checkpoint, close every connection and forget the key (the instance lock stays)."""
        if self._engine is not None:
            with contextlib.suppress(Exception), self._engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self._close_engine()

    def close(self) -> None:
        self.lock()
        self.release()

    def read_keyfile(self) -> keyfile.KeyFile:
        """The key file, checked against vault.db's salt before any KDF runs."""
        try:
            kf = keyfile.read(self.key_path, self.kdf_bounds)
        except FileNotFoundError:
            raise KeyFileMissing() from None
        except PermissionError:
            raise KeyFileUnreadable() from None
        except (NotARegularFile, IsADirectoryError, UnicodeDecodeError):
            raise KeyFileDamaged() from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise LinkedFile() from None
            raise
        try:
            db_salt = keyfile.db_salt_of(self.db_path) if kf.db_salt is not None else None
        except OSError:
            db_salt = None  # opening vault.db will say what is wrong with it
        if db_salt is not None and db_salt != kf.db_salt:
            # SQLCipher's salts are random: a run of one byte value (zeros, mostly) is damage.
            raise DatabaseDamaged() if len(set(db_salt)) <= 1 else KeyFileForeign()
        return kf

    def _open(self, path: Path, data_key: bytearray) -> None:
        from reconcile_desktop.core.storage.db import make_engine

        self._key = bytearray(data_key)  # our own copy, wiped by _close_engine
        self._engine = make_engine(
            path, self._current_key, self._check_still_ours, stamp=self.hlc.stamp
        )

    def with_data_key(self, use: Callable[[bytes], object]) -> object:
        """Run `use` on the data key, for keys derived from it (the sync key): the key itself
        is never handed out to be kept."""
        return use(bytes(self._current_key()))

    def _now_ms(self) -> int:
        return int(self.clock.now().timestamp() * 1000)

    def _check_still_ours(self) -> None:
        """At every BEGIN and COMMIT (a stat, a few microseconds): once vault.lock is not the
        file we locked, another Reconcile may have rotated or restored the journal under us,
        and a save would be acknowledged and then lost. Refused instead, reads too (they could
        meet the other key); the window keeps what was typed."""
        if not self._instance.still_ours():
            raise LockLost()

    def _current_key(self) -> bytearray:
        if self._key is None:
            raise VaultLocked()
        return self._key

    def _close_engine(self) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()
        if self._key is not None:
            _wipe(self._key)
            self._key = None

    def optimize(self) -> None:
        """Refresh the planner's statistics where they are stale (cheap with a limit).

        Without them SQLite picks the trash index for calendar queries: 35 ms instead of
        2 ms at 20,000 entries. Called at unlock and after bulk imports."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA analysis_limit = 400")
            conn.exec_driver_sql("PRAGMA optimize = 0x10002")
            conn.commit()

    def _verify_readable(self) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()

    def _load_clock(self) -> None:
        with self.engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT device, hlc FROM sync_state WHERE id = 1").first()
        if row is not None:
            self.hlc.load(row[0], row[1])

    def _migrate(self) -> None:
        from reconcile_desktop.core.storage import migrations

        with self.engine.begin() as conn:
            current = migrations.current_revision(conn)
        if current == migrations.HEAD:
            self._load_clock()
            return
        if current is not None:
            from reconcile_desktop.core.backups.automatic import migration_label

            # An existing vault about to change shape: keep an encrypted copy first. Without
            # the journal's ids: reading them would query tables still in the old shape.
            self._copy_into(self.dir / "backups", migration_label(current), owner=None)
        with self.engine.begin() as conn:
            migrations.upgrade(conn)
        self._load_clock()

    # -- sessions ------------------------------------------------------------------------------

    def session(self) -> Session:
        """A new Session; objects stay usable after commit (expire_on_commit=False)."""
        from sqlmodel import Session

        return Session(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed at the end, rolled back on error, errors translated.
        Opened inside another on the same thread, it joins that one, so several writes can be
        saved all together or not at all (plans.save_goal)."""
        outer = getattr(self._joined, "session", None)
        if outer is not None:
            yield outer
            return
        with user_errors(), self.session() as session, session.begin():
            self._joined.session = session
            try:
                yield session
            finally:
                self._joined.session = None

    @contextlib.contextmanager
    def connection(self) -> Iterator[Connection]:
        """Like transaction(), on a Core Connection: no ORM, no sqlmodel import (journal,
        search and the CLI's reads use it; SQL expressions run the same on both)."""
        with user_errors(), self.engine.begin() as conn:
            yield conn

    # -- passphrase, backup, check -------------------------------------------------------------

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-wrap the same data key; the database is not touched."""
        keyfile.check_new_passphrase(new)  # before the slow unwrap
        self.claim()
        kf = self.read_keyfile()
        data_key = keyfile.unwrap(kf, old)
        try:
            new_kf = keyfile.wrap(data_key, new, self.kdf_params, db_salt=kf.db_salt)
            with user_errors():
                keyfile.write_atomic(self.key_path, new_kf.to_bytes())
        finally:
            _wipe(data_key)

    def backup(self, out_dir: Path, *, label: str = "backup") -> Path:
        """An encrypted copy (same data key) plus the current key file, in a new folder, marked
        with the journal's and this copy's ids (backup.json)."""
        from reconcile_desktop.core.backups.automatic import owner_id

        with user_errors():
            owner = owner_id(self)  # first, so the copy carries the journal's id too
        return self._copy_into(Path(out_dir), label, owner)

    def _copy_into(self, out_dir: Path, label: str, owner: tuple[str, str] | None) -> Path:
        from reconcile_desktop.core.backups.automatic import new_backup_folder
        from reconcile_desktop.core.storage.encrypted_copy import export_copy
        from reconcile_desktop.paths import (
            ensure_private_dir,
            read_nofollow,
            write_new,
        )

        with user_errors():
            ensure_private_dir(out_dir)
            target = new_backup_folder(out_dir, label, self.clock.now(), *(owner or ()))
            import shutil  # here: it loads bz2 and lzma, and CLI commands import this module early

            try:
                tmp = target / f".{DB_NAME}.tmp"
                raw = self.engine.raw_connection()
                try:
                    # The live file's salt too, so this vault.key's record matches the copy.
                    db_salt = keyfile.db_salt_of(self.db_path)
                    export_copy(raw.driver_connection, tmp, self._current_key(), db_salt)
                finally:
                    raw.close()
                os.replace(tmp, target / DB_NAME)
                key = read_nofollow(self.key_path, keyfile.MAX_KEYFILE_BYTES + 1)
                write_new(target / KEY_NAME, key)  # 0600 from the start, fsynced
                keyfile.fsync_dir(target)
            except BaseException:
                # Half a copy is no backup: the folder is ours, made just above.
                shutil.rmtree(target, ignore_errors=True)
                raise
        return target

    def check_copy(self, folder: Path) -> list[str]:
        """Problems with a backup folder made from this vault: its database must open with the
        current data key and pass every check, and its key file must be whole."""
        from reconcile_desktop.core.storage.encrypted_copy import check_file

        folder = Path(folder)
        try:
            kf = keyfile.read(folder / KEY_NAME, self.kdf_bounds)
        except (OSError, UnicodeDecodeError, KeyFileDamaged):
            return ["Key file: it is missing or damaged."]
        if not (folder / DB_NAME).is_file():
            return ["Database: the file is missing."]
        if kf.db_salt is not None and kf.db_salt != keyfile.db_salt_of(folder / DB_NAME):
            return ["Key file: it belongs to another journal file than the copy beside it."]
        return check_file(folder / DB_NAME, self._current_key())

    def rotate_key(self, passphrase: str, new_key: bytearray | None = None) -> None:
        """Re-encrypt the journal under a new random data key, wrapped with the same passphrase.
        (`new_key`: take up a key another computer renewed, from the sync folder.)

        The vault is closed while it runs (anything else touching it meanwhile gets
        VaultLocked) and opened again with the new key if it was open. The database and key
        file switch together (pairswap.py); on any failure before that the old pair stays and
        is reopened. After the commit point the old pair is never reopened: if the switch
        cannot finish, SwapUnfinished is raised, the vault stays locked, and the next unlock
        finishes it (anything written to the old database meanwhile would be lost)."""
        from reconcile_desktop.core.storage.encrypted_copy import rotate_files, wiped

        self.claim()
        old_key = keyfile.unwrap(self.read_keyfile(), passphrase)
        new_key = bytearray(new_key) if new_key is not None else keyfile.new_data_key()
        new_db_salt = os.urandom(keyfile.DB_SALT_BYTES)  # chosen here, so the key file records it
        was_open = self.is_unlocked
        with wiped(old_key, new_key):
            new_kf = keyfile.wrap(new_key, passphrase, self.kdf_params, db_salt=new_db_salt)
            self.lock()
            try:
                with user_errors():
                    rotate_files(
                        self.db_path,
                        self.key_path,
                        old_key,
                        new_key,
                        new_kf.to_bytes(),
                        db_salt=new_db_salt,
                    )
            except BaseException:
                if was_open and not pairswap.pending(self.dir):
                    self._start(old_key, tune=False)
                raise
            if was_open:
                self._start(new_key, tune=False)

    def check(self) -> list[str]:
        """Problems found by SQLCipher's and SQLite's integrity checks (empty when healthy)."""
        from reconcile_desktop.core.storage.encrypted_copy import run_checks

        with user_errors():
            raw = self.engine.raw_connection()
            try:
                return run_checks(raw.driver_connection)
            finally:
                raw.close()
