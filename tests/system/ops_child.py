"""A child for the crash tests of the slow operations: passphrase change, backup, import.

Runs one operation in a loop until killed, acknowledging on stdout (flushed) only after each
step returned, so every line the parent reads is a promise:

  passwd: "next <passphrase>" before a change starts, "now <passphrase>" after it returned
  backup: "entry <id> <title>" after a commit, "backup <folder>" after a backup returned
  import: "import <batch> <n>" after an import of n entries titled "<batch>-<k>" returned

The current passphrase comes from $RECONCILE_PASSPHRASE; the cheap KDF from the arguments.

    python ops_child.py OP DATA_DIR WORK_DIR --t 1 --m 8 --p 1 --seed 42
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import exchange
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.core.storage.vault import Vault


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _passwd(vault: Vault, rng: random.Random, seed: int, passphrase: str) -> None:
    for n in range(100_000):
        new = f"pass {seed:x} {n} {rng.randrange(10**6)}"
        _say(f"next {new}")
        vault.change_passphrase(passphrase, new)
        passphrase = new
        _say(f"now {new}")


def _backup(vault: Vault, rng: random.Random, seed: int, work: Path) -> None:
    for n in range(100_000):
        for k in range(rng.randint(1, 3)):
            e = journal.add_entry(vault, "words " * rng.randint(0, 800), title=f"b{seed:x}-{n}-{k}")
            _say(f"entry {e.id} {e.title}")
        folder = vault.backup(work, label=f"s{seed:x}-{n}")
        _say(f"backup {folder}")


def _import(vault: Vault, rng: random.Random, seed: int, work: Path) -> None:
    for n in range(100_000):
        batch = f"i{seed:x}-{n}"
        count = rng.randint(1, 200)
        doc = {
            "format": exchange.FORMAT,
            "version": exchange.VERSION,
            "entries": [
                {
                    "title": f"{batch}-{k}",
                    "body": "imported words " * rng.randint(0, 60),
                    "occurred": f"2024-03-{1 + k % 28:02d}T10:{k % 60:02d}:00+00:00",
                    "tz": "UTC",
                    "tags": ["imported"],
                }
                for k in range(count)
            ],
        }
        path = work / f"{batch}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        added = exchange.import_file(vault, path, "reconcile")
        _say(f"import {batch} {added}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("op", choices=("passwd", "backup", "import"))
    parser.add_argument("data_dir")
    parser.add_argument("work_dir")
    for name in ("t", "m", "p", "seed"):
        parser.add_argument(f"--{name}", type=int, required=True)
    ns = parser.parse_args(argv)

    params = keyfile.KdfParams(t=ns.t, m=ns.m, p=ns.p)
    bounds = keyfile.KdfBounds(t=(ns.t, keyfile.CEILING.t), m=(ns.m, keyfile.CEILING.m))
    vault = Vault(Path(ns.data_dir), kdf_params=params, kdf_bounds=bounds)
    passphrase = os.environ["RECONCILE_PASSPHRASE"]
    rng = random.Random(ns.seed)
    work = Path(ns.work_dir)
    if ns.op == "passwd":
        vault.claim()
        _passwd(vault, rng, ns.seed, passphrase)
    else:
        vault.unlock(passphrase)
        (_backup if ns.op == "backup" else _import)(vault, rng, ns.seed, work)
    vault.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
