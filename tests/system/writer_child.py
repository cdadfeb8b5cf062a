"""A writer for the crash tests: commits entries in a loop until it is killed.

Each committed entry is acknowledged on stdout as "<id> <title>", written and flushed only
after the commit returned, so every line the parent reads is a promise that the row is durable.
The passphrase comes from $RECONCILE_PASSPHRASE; the cheap KDF parameters from the arguments.

    python writer_child.py DATA_DIR --t 1 --m 8 --p 1 --seed 42 [--limit N]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

from sqlmodel import select

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.core.storage.models import Entry
from reconcile_desktop.core.storage.vault import Vault, VaultState

WORDS = [
    *("listen", "own", "part", "patience", "change", "space", "quiet", "walk", "letter"),
    *("sorry", "trust", "slow", "breathe", "honest", "kind", "steady", "morning", "evening"),
    *("friend", "repair", "promise", "small", "step", "again"),
]


def _text(rng: random.Random, most: int) -> str:
    # Sizes from a few bytes to several pages, so commits touch overflow pages too.
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, most)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--t", type=int, required=True)
    parser.add_argument("--m", type=int, required=True)
    parser.add_argument("--p", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--limit", type=int, default=100_000)
    ns = parser.parse_args(argv)

    params = keyfile.KdfParams(t=ns.t, m=ns.m, p=ns.p)
    bounds = keyfile.KdfBounds(t=(ns.t, keyfile.CEILING.t), m=(ns.m, keyfile.CEILING.m))
    vault = Vault(Path(ns.data_dir), kdf_params=params, kdf_bounds=bounds)
    passphrase = os.environ["RECONCILE_PASSPHRASE"]
    if vault.state() is VaultState.NEW:
        vault.create(passphrase)
    else:
        vault.unlock(passphrase)

    rng = random.Random(ns.seed)
    clock = Clock(zone="UTC")
    made: list[int] = []
    for n in range(ns.limit):
        now = clock.now()
        fresh = [
            Entry(
                title=f"w{ns.seed:x}-{n}-{k}",
                body=_text(rng, 1500),
                occurred_utc=now,
                local_date=now.date(),
                tz="UTC",
                created_utc=now,
                updated_utc=now,
            )
            for k in range(rng.randint(1, 3))  # several rows: all or none must survive
        ]
        with vault.transaction() as session:
            session.add_all(fresh)
            if made and rng.random() < 0.3:
                # Rewrite an older entry too, so the FTS update triggers run under the kill.
                old = session.exec(select(Entry).where(Entry.id == rng.choice(made))).one()
                old.body = _text(rng, 300)
                old.updated_utc = now
        # Acknowledge only now that the commit has returned.
        sys.stdout.write("".join(f"{e.id} {e.title}\n" for e in fresh))
        sys.stdout.flush()
        made += [e.id for e in fresh]
    vault.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
