"""The sync verbs the window and the command line call: start, sync now, status, join, leave.

CONTRACT (helpers build the window, the CLI and the tests against these names):

- start(vault, folder, device_name=None) -> SyncStatus
    Start syncing this journal into `folder` (created if missing). Writes the folder layout,
    a copy of vault.key, this device's first snapshot. Raises SyncFolderProblem (one sentence).
- sync_now(vault) -> SyncReport
    Write this device's new changes, read every other device's new files, merge, prune what
    every device has acknowledged, write a snapshot when due. Safe to call when sync is off
    (returns a report with nothing done). Off the GUI thread: it may take a second.
- status(vault) -> SyncStatus    (reads only; cheap enough for a status bar every minute)
- describe(status, now) -> str   ("Synced 2 min ago", "Sync is off", or the one calm sentence)
- leave(vault) -> None           (stop syncing; the journal stays whole on this computer)
- remove_device(vault, device_id) -> None   (forget another computer; its files are left)
- join(data_dir, folder, passphrase, *, device_name=None, clock=None, kdf_bounds=None) -> Vault
    Build a new local journal in `data_dir` from the folder's key copy, snapshot and changes;
    returns it unlocked. WrongPassphrase on a wrong passphrase; nothing is written then.
- adopt_renewed_key(vault, passphrase) -> None
    After another computer renewed the key (a new sync epoch), take it up here.

SyncReport.changes is a core.changes.Changes of the areas the merge touched (for ops.announce).
"""
