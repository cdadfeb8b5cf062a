"""Automatic backups: one a day while the journal is open, the newest 7 days and 4 more weeks
kept, each new copy checked before an old one is removed. Plus listing backups for a restore.

A backup is a folder made by Vault.backup: reconcile-<label>-<YYYYmmdd-HHMMSS>[-n] holding
vault.db (encrypted with the journal's data key) and vault.key (the key file as it was then,
so it opens with the passphrase of that day), and backup.json naming the journal it came
from by a random id (vault_settings.vault_id), the copy of the journal that made it (copy_id.py:
one per data folder, so a journal copied to a second computer counts and prunes only its own),
its kind and time: nothing private. Only this copy's automatic ("daily") copies are ever
removed here, so two journals, or two copies of one, can share one folder (a synced folder, a
USB stick); copies made by hand, before a migration or before a restore stay until the user
deletes them. A copy made before copy ids existed (backup.json without one, or no backup.json)
cannot be told apart from another copy's: it counts as this journal's only in the journal's own
backups folder, where no other copy writes. In any other folder it is neither counted as
today's copy nor removed, so after an upgrade each copy makes its own first daily backup there
and the older ones stay until the user deletes them.

The settings live in the vault's own setting table, so they move with the journal.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile_desktop.core.changes import SETTINGS, writes
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.paths import read_nofollow, write_new

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault

DAILY_LABEL = "daily"
MANUAL_LABEL = "backup"
BEFORE_RESTORE_LABEL = "before-restore"
BEFORE_MIGRATION_LABEL = "before-migration"  # followed by the revision the journal had
DEFAULT_KEEP_DAILY = 7
DEFAULT_KEEP_WEEKLY = 4
MAX_KEEP = 99
MARKER_NAME = "backup.json"
KEEP_BEFORE_RESTORE = 3
# What Vault.backup writes before the key file, the last thing it adds (-journal: SQLite's
# while the copy is being written).
HALF_WRITTEN_NAMES = frozenset({MARKER_NAME, ".vault.db.tmp", ".vault.db.tmp-journal", "vault.db"})
# A half-written folder newer than this process (with a margin for coarse file times) may be
# a backup still being written here, so it is left alone.
_STARTED = time.time() - 2

KEY_AUTOMATIC = "backups.automatic"
KEY_LOCATION = "backups.location"
KEY_KEEP_DAILY = "backups.keep_daily"
KEY_KEEP_WEEKLY = "backups.keep_weekly"

_NAME = re.compile(r"^reconcile-(?P<label>[a-z0-9-]+?)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?$")


class BackupFailed(ReconcileError):
    exit_code = 6
    message = (
        "Today's backup could not be checked after it was written, so it was removed and "
        "every older backup was kept."
    )


# -- settings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupSettings:
    automatic: bool = True
    location: str | None = None  # None: the backups folder beside the journal
    keep_daily: int = DEFAULT_KEEP_DAILY
    keep_weekly: int = DEFAULT_KEEP_WEEKLY

    def folder(self, vault: Vault) -> Path:
        return Path(self.location).expanduser() if self.location else default_folder(vault)


def default_folder(vault: Vault) -> Path:
    return vault.dir / "backups"


def _count(value: object, default: int) -> int:
    try:
        return max(0, min(MAX_KEEP, int(value)))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default


def load_settings(vault: Vault) -> BackupSettings:
    from reconcile_desktop.core.storage.vault_settings import get_setting

    location = get_setting(vault, KEY_LOCATION, None)
    return BackupSettings(
        automatic=bool(get_setting(vault, KEY_AUTOMATIC, True)),
        location=location if isinstance(location, str) and location.strip() else None,
        keep_daily=_count(get_setting(vault, KEY_KEEP_DAILY), DEFAULT_KEEP_DAILY),
        keep_weekly=_count(get_setting(vault, KEY_KEEP_WEEKLY), DEFAULT_KEEP_WEEKLY),
    )


@writes(SETTINGS)
def save_settings(vault: Vault, settings: BackupSettings) -> None:
    from reconcile_desktop.core.storage.vault_settings import set_setting

    set_setting(vault, KEY_AUTOMATIC, bool(settings.automatic))
    set_setting(vault, KEY_LOCATION, settings.location or None)
    set_setting(vault, KEY_KEEP_DAILY, _count(settings.keep_daily, DEFAULT_KEEP_DAILY))
    set_setting(vault, KEY_KEEP_WEEKLY, _count(settings.keep_weekly, DEFAULT_KEEP_WEEKLY))


# -- listing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: dt.datetime  # aware UTC, from the folder name
    label: str
    size: int  # bytes of vault.db + vault.key
    vault_id: str | None = None  # from backup.json; None when it has none
    copy_id: str | None = None  # from backup.json; None when made before copy ids

    @property
    def automatic(self) -> bool:
        return self.label == DAILY_LABEL

    @property
    def kind(self) -> str:
        """daily, manual, before-migration, before-restore or other (weekly is a role that
        keep_roles() gives an automatic copy)."""
        return kind_of(self.label)


def kind_of(label: str) -> str:
    if label == DAILY_LABEL:
        return "daily"
    if label == MANUAL_LABEL:
        return "manual"
    if label.startswith(BEFORE_MIGRATION_LABEL):
        return "before-migration"
    if label == BEFORE_RESTORE_LABEL:
        return "before-restore"
    return "other"


def new_backup_folder(
    parent: Path,
    label: str,
    now: dt.datetime,
    vault_id: str | None = None,
    copy_id: str | None = None,
) -> Path:
    """Create parent/reconcile-<label>-<YYYYmmdd-HHMMSS>[-n], readable by the owner only, and
    with a vault_id its backup.json. `parent` must exist."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        target = parent / (f"reconcile-{label}-{stamp}" + (f"-{n}" if n > 1 else ""))
        try:
            target.mkdir(mode=0o700)  # mkdir, not exists(): two copies in one second never meet
            break
        except FileExistsError:
            n += 1
    if vault_id is not None:
        marker = {
            "vault_id": vault_id,
            "copy_id": copy_id,
            "kind": kind_of(label),
            "made_utc": now.astimezone(dt.UTC).isoformat(),
        }
        try:
            write_new(target / MARKER_NAME, json.dumps(marker).encode("utf-8"))
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)  # made just above: nothing else is inside
            raise
    return target


def migration_label(revision: str) -> str:
    return f"{BEFORE_MIGRATION_LABEL}-{revision}"


def owner_id(vault: Vault) -> tuple[str, str]:
    """The journal's id and this copy's id, to write into a new backup of `vault`. Reads the
    journal's settings, so never called on a journal still in an older shape (Vault._migrate
    backs up without them; that copy stays in the journal's own folder anyway)."""
    from reconcile_desktop.core.backups.copy_id import copy_id
    from reconcile_desktop.core.storage.vault_settings import vault_id

    return vault_id(vault), copy_id(vault)


def _marker_ids(path: Path) -> tuple[str | None, str | None]:
    """(vault_id, copy_id) from backup.json; None for what is missing or not a string."""
    try:
        found = json.loads(read_nofollow(path / MARKER_NAME, 64 * 1024).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None, None
    if not isinstance(found, dict):
        return None, None
    values = (found.get("vault_id"), found.get("copy_id"))
    return tuple(v if isinstance(v, str) and v else None for v in values)  # type: ignore[return-value]


def read_backup(path: Path) -> BackupInfo | None:
    """The backup in `path`, or None when it is not one (wrong name or files missing)."""
    match = _NAME.match(path.name)
    db, key = path / "vault.db", path / "vault.key"
    if match is None or not path.is_dir() or not db.is_file() or not key.is_file():
        return None
    made = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)
    size = db.stat().st_size + key.stat().st_size
    return BackupInfo(path, made, match["label"], size, *_marker_ids(path))


def list_backups(*folders: Path) -> list[BackupInfo]:
    """Every backup directly inside the folders, newest first (a folder may be missing)."""
    found: dict[Path, BackupInfo] = {}
    for folder in folders:
        try:
            children = list(Path(folder).iterdir())
        except OSError:
            continue
        for child in children:
            info = read_backup(child)
            if info is not None:
                found[child.resolve()] = info
    return sorted(found.values(), key=lambda b: (b.made, b.path.name), reverse=True)


def keep_roles(
    backups: list[BackupInfo], keep_daily: int, keep_weekly: int, tz: dt.tzinfo
) -> dict[Path, str]:
    """Which automatic backups to keep and why ("daily" or "weekly").

    Daily: the newest copy of each of the `keep_daily` newest local days. Weekly: then the
    newest copy of each further ISO week, `keep_weekly` of them; a week whose newest copy is
    already kept as daily does not count (so 7 + 4 reaches about a month back)."""
    auto = sorted((b for b in backups if b.automatic), key=lambda b: b.made, reverse=True)
    roles: dict[Path, str] = {}

    def pick(period, count: int, role: str) -> None:
        if count <= 0:
            return
        chosen, last = 0, None
        for b in auto:
            p = period(b.made.astimezone(tz).date())
            if p == last:
                continue
            last = p
            if b.path in roles:
                continue
            roles[b.path] = role
            chosen += 1
            if chosen == count:
                return

    pick(lambda d: d, keep_daily, "daily")
    pick(lambda d: d.isocalendar()[:2], keep_weekly, "weekly")
    return roles


# -- the daily run ----------------------------------------------------------------------------


@dataclass
class DailyResult:
    made: Path | None = None  # None: today's copy was already there, or automatic is off
    kept: list[Path] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)
    folder: Path | None = None


def own_backups(vault: Vault, folder: Path) -> list[BackupInfo]:
    """The backups in `folder` made by this copy of this journal, newest first. Copies from
    before copy ids existed count only in the journal's own backups folder: in a shared
    folder they may be another journal's or another copy's, and those are never touched."""
    from reconcile_desktop.core.backups.copy_id import copy_id
    from reconcile_desktop.core.storage.vault_settings import vault_id

    mine, this_copy = vault_id(vault), copy_id(vault)
    own_folder = _same_folder(Path(folder), default_folder(vault))

    def ours(b: BackupInfo) -> bool:
        if b.copy_id is not None:
            return b.copy_id == this_copy and b.vault_id == mine
        return own_folder and b.vault_id in (mine, None)

    return [b for b in list_backups(folder) if ours(b)]


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.expanduser().resolve() == b.expanduser().resolve()
    except OSError:
        return False


def made_today(vault: Vault, folder: Path) -> BackupInfo | None:
    today = vault.clock.today()
    tz = vault.clock.tzinfo()
    for b in own_backups(vault, folder):
        if b.automatic and b.made.astimezone(tz).date() == today:
            return b
    return None


def run_daily_backup(vault: Vault, *, force: bool = False) -> DailyResult:
    """Make today's automatic backup if there is none yet (or `force`), check it opens and
    passes every integrity check, and only then remove automatic copies past the limits."""
    settings = load_settings(vault)
    folder = settings.folder(vault)
    result = DailyResult(folder=folder)
    for place in {folder, default_folder(vault)}:
        remove_half_written(vault, place)
    if not force and (not settings.automatic or made_today(vault, folder) is not None):
        return result
    made = vault.backup(folder, label=DAILY_LABEL)
    try:
        problems = vault.check_copy(made)
    except BaseException:
        _remove_backup(made)  # an unchecked copy must not count as today's backup
        raise
    if problems:
        _remove_backup(made)
        raise BackupFailed()
    result.made = made
    backups = own_backups(vault, folder)
    roles = keep_roles(backups, settings.keep_daily, settings.keep_weekly, vault.clock.tzinfo())
    roles.setdefault(made, "daily")  # the copy just checked is never the one removed
    for b in backups:
        if not b.automatic:
            continue
        if b.path in roles:
            result.kept.append(b.path)
        else:
            _remove_backup(b.path)
            result.deleted.append(b.path)
    return result


def remove_half_written(vault: Vault, folder: Path) -> list[Path]:
    """Remove the backup folders a kill left half-written in `folder`, and return them: a
    name Vault.backup gives, no key file, nothing but what Vault.backup writes before it,
    made by this journal (by backup.json; without one, only a before-migration copy in the
    journal's own folder) and before this process started. Another journal's are never
    touched, nor a before-restore copy (a journal kept as it was, key file or not)."""
    from reconcile_desktop.core.backups.copy_id import copy_id
    from reconcile_desktop.core.storage.vault_settings import vault_id

    mine, this_copy = vault_id(vault), copy_id(vault)
    own_folder, removed = _same_folder(folder, default_folder(vault)), []
    try:
        children = [c for c in Path(folder).iterdir() if _NAME.match(c.name)]
    except OSError:
        return removed
    for child in children:
        label = _NAME.match(child.name)["label"]
        unmarked_ok = own_folder and kind_of(label) == "before-migration"
        try:
            if (
                label == BEFORE_RESTORE_LABEL
                or not child.is_dir()
                or child.is_symlink()
                or child.stat().st_mtime >= _STARTED
            ):
                continue
            names = {p.name for p in child.iterdir()}
        except OSError:
            continue
        owner, copy = _marker_ids(child)
        ours = owner == mine and copy in (None, this_copy)  # never another copy's
        if names <= HALF_WRITTEN_NAMES and (ours or (owner is None and unmarked_ok)):
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed


def prune_before_restore(folder: Path, keep: int = KEEP_BEFORE_RESTORE) -> list[Path]:
    """Keep the newest `keep` before-restore copies in `folder` (the journal's own backups
    folder: only this journal puts them there) and remove the others; returns those removed.
    Called just after a new one is written, so that one is always kept."""
    found = []
    try:
        children = list(Path(folder).iterdir())
    except OSError:
        return []  # pruning is tidying: it never stops the restore that called it
    for child in children:
        match = _NAME.match(child.name)
        if match and match["label"] == BEFORE_RESTORE_LABEL and child.is_dir():
            suffix = child.name.rsplit(match["stamp"], 1)[1].lstrip("-")
            found.append(((match["stamp"], int(suffix or 1)), child))
    found.sort(reverse=True)
    removed = [path for _order, path in found[keep:]]
    for path in removed:
        _remove_backup(path)
    return removed


def _remove_backup(path: Path) -> None:
    """Remove one backup folder, but only if it holds nothing a backup would not."""
    allowed = {"vault.db", "vault.key", "vault.db-wal", *HALF_WRITTEN_NAMES}
    try:
        names = {p.name for p in path.iterdir()}
    except OSError:
        return
    if _NAME.match(path.name) and names <= allowed:
        shutil.rmtree(path, ignore_errors=True)
