"""Sync through a folder the user already syncs (Syncthing, Nextcloud, Dropbox, a USB stick).

Each device writes only its own sealed, immutable files into the folder; every device merges
every other device's files into its own vault.db by the same deterministic rules. No Qt here.
"""
