"""In-process timings on a benchmark vault: the KDF, unlock, the entry list, search, saving.

Each run of "first list page" follows a fresh unlock, so SQLCipher's page cache starts empty
(the operating system's file cache stays warm, as it would on a second start of the app).
"""

from __future__ import annotations

from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import search
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.core.storage.vault import Vault
from tests.benchmarks.bench_results import Results, timed
from tests.benchmarks.fixtures import BENCH_PASSPHRASE, BenchVault

RARE_WORD = "zq123"
COMMON_WORD = "calm"
PAGE = 100
SEARCH_PAGE = 25  # what the entry list asks for while typing (entry_model.SEARCH_PAGE_SIZE)


def kdf_ms(vault: Vault, repeat: int) -> list[float]:
    kf = keyfile.read(vault.key_path, vault.kdf_bounds)
    return timed(lambda: keyfile.unwrap(kf, BENCH_PASSPHRASE), repeat)


def unlock_and_list(vault: Vault, repeat: int) -> Results:
    """Unlock, first page, page again, lock; the first round only warms the imports."""
    unlock, first, warm = [], [], []
    for i in range(repeat + 1):
        vault.lock()
        (u,) = timed(lambda: vault.unlock(BENCH_PASSPHRASE), 1)
        (f,) = timed(lambda: journal.list_page(vault, limit=PAGE), 1)
        (w,) = timed(lambda: journal.list_page(vault, limit=PAGE), 1)
        if i:
            unlock.append(u)
            first.append(f)
            warm.append(w)
    return {"unlock": unlock, "list_first": first, "list_warm": warm}


def search_ms(vault: Vault, word: str, repeat: int) -> list[float]:
    """The query as the search field sends it while typing (the last word also a prefix),
    for the first screenful of hits, as the entry list asks for it."""
    found: list[int] = []
    samples = timed(
        lambda: found.append(len(search.search(vault, word, limit=SEARCH_PAGE))), repeat
    )
    if not all(found):
        raise AssertionError(f"the benchmark vault has no entry with {word!r}")
    return samples


def update_ms(vault: Vault, repeat: int) -> list[float]:
    """Save a changed body of the newest entry (what autosave does), then put it back."""
    (row,) = journal.list_page(vault, limit=1)
    original = journal.get_entry(vault, row.id).body
    bodies = iter([original + " Edited.", original] * repeat)
    try:
        return timed(lambda: journal.update_entry(vault, row.id, body=next(bodies)), repeat)
    finally:
        journal.update_entry(vault, row.id, body=original)


def run(bench: BenchVault, repeat: int) -> Results:
    vault = bench.vault()
    try:
        vault.claim()
        results: Results = {"kdf": kdf_ms(vault, repeat)}
        results |= unlock_and_list(vault, repeat)
        rare = RARE_WORD if bench.size > 123 else f"zq{bench.size // 2}"  # tiny smoke vaults
        results["search_rare"] = search_ms(vault, rare, repeat)
        results["search_common"] = search_ms(vault, COMMON_WORD, repeat)
        results["update"] = update_ms(vault, repeat)
        return results
    finally:
        vault.close()
