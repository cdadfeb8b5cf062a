"""What a benchmark returns, the rows of the table and their targets, and the table itself.

A measurement is a list of samples (ms or MiB) or a short text ("no", "placeholders: ...").
Rows with a numeric limit are judged on their median; a miss is marked with "✗".
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

Value = list[float] | str
Results = dict[str, Value]


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    target: str = ""  # shown beside the figures
    limit: float | None = None  # the median must stay below this (same unit as the samples)
    unit: str = "ms"


KDF = "KDF + "
ROWS: tuple[Row, ...] = (
    Row("cold_start", "cold start → unlock dialog visible", "< 500 ms", 500),
    Row("cold_start_python", "  of which after interpreter start", ""),
    Row("cold_start_heavy", "  storage/chart modules imported by then", "none", unit=""),
    Row("kdf", "unlock: KDF alone (Argon2id)", ""),
    Row("unlock", "unlock: vault.unlock (KDF + open + checks)", ""),
    Row("window_total", "passphrase accepted → usable main window", KDF + "300 ms"),
    Row("window_beyond", "  of which beyond the KDF", "< 300 ms", 300),
    Row("window_pages", "  pages in the main window", "", unit=""),
    Row("list_first", "journal: first list page (100 rows)", "< 100 ms", 100),
    Row("list_warm", "journal: list page again (warm)", ""),
    Row("search_rare", 'search as you type: rare word "zq123"', "< 50 ms", 50),
    Row("search_common", 'search as you type: common word "calm"', "< 50 ms", 50),
    Row("update", "saving an edit (update_entry body)", "< 10 ms", 10),
    Row("photos_stored", "photos: stored in the photo vault", "", unit=""),
    Row(
        "photos_unlock_extra", "photos: unlock beyond the KDF, minus without photos", "< 50 ms", 50
    ),
    Row("photos_list_first", "photos: first list page with the photos", "< 100 ms", 100),
    Row("photo_add", "photos: adding a 10 MB photo (with its thumbnail)", "< 1 s", 1000),
    Row("chart_data", "charts: histories + daily series (2 y × 8)", ""),
    Row("chart_first", "charts: first steps chart render (2 y × 8)", "< 150 ms", 150),
    Row("chart_range", "charts: in-place range redraw", "< 60 ms", 60),
    Row("chart_theme", "charts: in-place theme redraw", "< 60 ms", 60),
    Row("chart_cold", "charts: first chart in a fresh GUI process", ""),
    Row("gui_list", "journal: first list page in a fresh GUI process", "< 100 ms", 100),
    Row("rss_gui", "memory: vault open, list page + chart shown", "< 200 MiB", 200, "MiB"),
    Row("cli_status", "CLI `reconcile status`: wall", KDF + "400 ms"),
    Row("cli_status_beyond", "  of which beyond the KDF", "< 400 ms", 400),
    Row("cli_status_rss", "  peak RSS", "< 80 MiB", 80, "MiB"),
    Row("cli_status_gui", "  Qt / matplotlib imported", "none", unit=""),
    Row("cli_search", "CLI `reconcile search calm`: wall", KDF + "400 ms"),
    Row("cli_search_beyond", "  of which beyond the KDF", "< 400 ms", 400),
    Row("cli_search_rss", "  peak RSS", "< 80 MiB", 80, "MiB"),
    Row("cli_search_gui", "  Qt / matplotlib imported", "none", unit=""),
    Row("sync_day", "sync: one day's changes, writer + reader", "< 1 s", 1000),
    Row("sync_day_write", "  of which the writer's sync_now", ""),
    Row("sync_day_read", "  of which the reader's sync_now", ""),
    Row("sync_join", "sync: joining from the folder (KDF included)", "< 10 s", 10000),
    Row("sync_size_ratio", "sync: folder size ÷ journal size", "< 1.5 x", 1.5, "x"),
    Row("sync_sizes", "  folder / journal", "", unit=""),
)


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall milliseconds of `repeat` calls."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def minus(samples: Sequence[float], amount: float) -> list[float]:
    return [s - amount for s in samples]


def median(value: Value | None) -> float | None:
    return statistics.median(value) if isinstance(value, list) and value else None


def _num(x: float, unit: str) -> str:
    if unit == "x":
        return f"{x:.2f}"
    if unit == "MiB" or abs(x) < 100:
        return f"{x:.1f}"
    return f"{x:.0f}"


def cells(row: Row, value: Value | None) -> list[str]:
    """min, median, max (the median marked ✗ when it misses the limit)."""
    if value is None:
        return ["", "–", ""]
    if isinstance(value, str):
        return ["", value, ""]
    if not value:
        return ["", "n/a", ""]
    mid = statistics.median(value)
    miss = " ✗" if row.limit is not None and mid >= row.limit else ""
    unit = f" {row.unit}" if row.unit else ""
    return [
        _num(min(value), row.unit),
        _num(mid, row.unit) + unit + miss,
        _num(max(value), row.unit),
    ]


def table(by_size: Mapping[int, Results], rows: Sequence[Row] = ROWS) -> str:
    """One Markdown table: a row per measure, min / median / max for each vault size."""
    sizes = list(by_size)
    head = ["measure", "target"]
    for size in sizes:
        head += [f"{size:,} min", f"{size:,} median", f"{size:,} max"]
    lines = [head]
    for row in rows:
        if not any(row.key in by_size[s] for s in sizes):
            continue
        line = [row.label, row.target]
        for size in sizes:
            line += cells(row, by_size[size].get(row.key))
        lines.append(line)
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    right = [False, False] + [True] * (len(head) - 2)

    def fmt(line: list[str]) -> str:
        parts = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(line, widths, right, strict=True)
        ]
        return "| " + " | ".join(parts) + " |"

    rule = ["-" * w if not r else "-" * (w - 1) + ":" for w, r in zip(widths, right, strict=True)]
    return "\n".join([fmt(lines[0]), "| " + " | ".join(rule) + " |", *map(fmt, lines[1:])])


def misses(by_size: Mapping[int, Results], rows: Sequence[Row] = ROWS) -> list[str]:
    """One line per target missed (median at or over the limit, or a forbidden import)."""
    out = []
    for size, results in by_size.items():
        parent = ""
        for row in rows:
            if not row.label.startswith(" "):
                parent = row.label
            name = row.label if row.label is parent else f"{parent}, {row.label.strip()}"
            value = results.get(row.key)
            mid = median(value)
            if row.limit is not None and mid is not None and mid >= row.limit:
                out.append(f"{size:,}: {name}: median {mid:.1f} {row.unit} (target {row.target})")
            if row.target == "none" and isinstance(value, str) and value not in ("none", ""):
                out.append(f"{size:,}: {name}: {value}")
    return out
