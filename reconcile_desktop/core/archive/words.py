"""What the rows of each table are called when the command line and the window count them."""

from __future__ import annotations

from collections.abc import Mapping

ROW_WORDS = {
    "entry": ("entry", "entries"),
    "tag": ("tag", "tags"),
    "entry_tag": ("tag on an entry", "tags on entries"),
    "attachment": ("photo or file", "photos and files"),
    "entry_attachment": ("photo or file in an entry", "photos and files in entries"),
    "mood_checkin": ("daily mood", "daily moods"),
    "goal": ("goal", "goals"),
    "commitment": ("commitment", "commitments"),
    "commitment_schedule": ("schedule version", "schedule versions"),
    "checkin": ("check-in", "check-ins"),
    "pause": ("pause", "pauses"),
    "nocontact_period": ("no-contact period", "no-contact periods"),
    "contact_event": ("no-contact event", "no-contact events"),
    "setting": ("setting", "settings"),
}


def rows_word(table: str, n: int) -> str:
    one, many = ROW_WORDS.get(table, (f"{table.replace('_', ' ')} row",) * 2)
    if table not in ROW_WORDS:
        many = one + "s"
    return f"1 {one}" if n == 1 else f"{n:,} {many}"


def counted(counts: Mapping[str, int]) -> str:
    """ "3 entries, 1 goal and 12 check-ins" (tables with none left out); "nothing" if empty."""
    order = list(ROW_WORDS)
    tables = sorted(counts, key=lambda t: order.index(t) if t in order else len(order))
    parts = [rows_word(t, counts[t]) for t in tables if counts[t]]
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
