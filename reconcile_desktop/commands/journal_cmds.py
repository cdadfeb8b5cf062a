"""Journal commands: add, search, export, import.

`add` takes the text from --file, else from stdin when stdin is not a terminal, else from
$VISUAL or $EDITOR (commands/editor.py: the words are kept until they are saved). Dates are read in
the user's zone (vault.clock). --json output of `search` (stable keys; new keys may be added,
existing ones keep their meaning) is described in SEARCH_JSON_HELP.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile_desktop.commands import archive as archive_cli
from reconcile_desktop.commands.args import (
    blocked_by_a_file,
    confirm,
    read_stdin,
    whole_number,
)
from reconcile_desktop.commands.passphrase import _stdin_is_terminal, opened_vault
from reconcile_desktop.core.errors import InvalidInput, UsageError

if TYPE_CHECKING:
    import datetime as dt  # imported where used: see cli.py on what loads before the KDF

    from reconcile_desktop.core.journal.exchange import ImportPreview
    from reconcile_desktop.core.journal.search import SearchHit
    from reconcile_desktop.core.storage.vault import Vault

# Spelled out here, not taken from core, so --help never loads the database layers;
# the tests check that they match core.models and core.exchange.
KINDS = ("free", "prompted", "letter", "worksheet")
PRINCIPLES = ("accountability", "empathy", "change", "patience")
SOURCES = ("reconcile", "jrnl", "dayone", "markdown")
DEFAULT_LIMIT = 20
UNDATED_HOUR = 12  # a past day given without a time: midday, well clear of DST changes

MARK_START = "\x02"  # as core.search marks matches
MARK_END = "\x03"
BOLD, NORMAL = "\x1b[1m", "\x1b[22m"

FUTURE = "That date is still in the future; an entry can be dated today or earlier."
BAD_WHEN = 'give the date as YYYY-MM-DD or "YYYY-MM-DD HH:MM"'
BAD_DAY = "give the date as YYYY-MM-DD"
NOTHING_TO_FIND = (
    "There is nothing to look for in that search: it needs at least one word "
    "(a -word only leaves entries out)."
)
NOT_ENCRYPTED = (
    "Please note: exports are not encrypted, so anyone who can open {out} can read it. "
    "Keep it somewhere private."
)

SEARCH_JSON_HELP = """\
With --json, {"hits": [...]}, best match first; each hit has:
  id         the entry's number
  date       the entry's day, YYYY-MM-DD in your own time zone
  occurred   the entry's date and time, ISO 8601 with your zone's offset
  title      the title ("" when there is none)
  snippet    a short piece of the text around the match, one line
  tags       a list of tag names
  mood       1 to 5, or null
  kind       one of: free, prompted, letter, worksheet
  principle  one of: accountability, empathy, change, patience, or null"""

QUERY_HELP = """\
Words must all appear, in any order; case and accents are ignored. "a phrase" finds the words
together, word* finds words starting with it, and -word leaves out entries containing it
(put -- before a query that starts with -)."""


# -- argument types --------------------------------------------------------------------------

_WHEN = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?")


def _when_arg(text: str) -> tuple[dt.date, dt.time | None]:
    """Checked when the command line is read; the zone is applied once the vault is open."""
    import datetime as dt

    match = _WHEN.fullmatch(text.strip())
    if match:
        try:
            day = dt.date.fromisoformat(match[1])
            return day, None if match[2] is None else dt.time(int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(BAD_WHEN)


def _day_arg(text: str) -> dt.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(BAD_DAY) from None


_mood_arg = whole_number(1, 5, "the mood is a number from 1 (low) to 5 (good)")
_limit_arg = whole_number(1, 1000, "the limit is a number from 1 to 1000")


def _entry_options(p: argparse.ArgumentParser, *, filters: bool) -> None:
    tag_help = "only entries with this tag" if filters else "a tag (repeat for more than one)"
    p.add_argument("--tag", metavar="TAG", action=None if filters else "append", help=tag_help)
    p.add_argument("--mood", type=_mood_arg, metavar="N", help="1 (low) to 5 (good)")
    p.add_argument("--principle", choices=PRINCIPLES, metavar="P", help=", ".join(PRINCIPLES))
    kind_help = ", ".join(KINDS) + ("" if filters else " (default: free)")
    p.add_argument("--kind", choices=KINDS, metavar="K", help=kind_help)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "add",
        help="write a journal entry",
        description="Write a journal entry. The text comes from standard input when it is "
        "not a terminal (a pipe or a file), otherwise from your editor ($VISUAL or $EDITOR). "
        "The editor's file sits in a private temporary folder and is deleted once the entry "
        "is saved; if it cannot be saved, the file is kept and its path is shown.",
    )
    p.add_argument(
        "--file",
        metavar="PATH",
        help="take the text from this UTF-8 file instead (for example one kept by an earlier add)",
    )
    p.add_argument("--title", metavar="T", default="", help="a title (default: none)")
    _entry_options(p, filters=False)
    p.add_argument(
        "--date",
        type=_when_arg,
        metavar="D",
        help='YYYY-MM-DD or "YYYY-MM-DD HH:MM" in your time zone (default: now; '
        "a past day without a time is taken as midday)",
    )
    p.set_defaults(func=cmd_add)

    p = subparsers.add_parser(
        "search",
        help="find entries by their words",
        description="Find entries by their words, best match first.",
        epilog=f"{QUERY_HELP}\n\n{SEARCH_JSON_HELP}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="what to look for")
    p.add_argument("--json", action="store_true", help="print JSON instead of text (see below)")
    limit_help = f"at most N hits (default: {DEFAULT_LIMIT})"
    p.add_argument("--limit", type=_limit_arg, default=DEFAULT_LIMIT, metavar="N", help=limit_help)
    _entry_options(p, filters=True)
    p.add_argument("--from", dest="date_from", type=_day_arg, metavar="D", help="from this day")
    p.add_argument("--to", dest="date_to", type=_day_arg, metavar="D", help="up to this day")
    p.set_defaults(func=cmd_search)

    p = subparsers.add_parser(
        "export",
        help="write the journal, or everything, to files of your own",
        description="Write every entry to a JSON file, or to one Markdown file per entry in a "
        "folder, each with every detail (date, time zone, tags, mood, prompt...) in its YAML "
        "front matter. --format archive writes everything (journal, plan, check-ins, no "
        "contact, moods, settings) to one .zip that `reconcile import` restores; --format csv "
        "writes check-ins, moods, no-contact events and urges as CSV files to a folder. Exports "
        "are NOT encrypted, except an archive made with --encrypt. An existing file is never "
        "replaced.",
    )
    formats = ("json", "markdown", "archive", "csv")
    p.add_argument("--format", choices=formats, default="json", help="(default: json)")
    out_help = "a JSON file, Markdown folder, archive file or CSV folder"
    p.add_argument("--out", metavar="PATH", required=True, help=out_help)
    trash_help = "add trashed entries (Markdown: in a trash/ subfolder)"
    p.add_argument("--include-trash", action="store_true", help=trash_help)
    archive_cli.add_export_options(p)
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser(
        "import",
        help="bring in entries from an export",
        description="Bring in entries from a Reconcile, jrnl or Day One JSON export, from a "
        "folder of Markdown files (--from markdown), or everything from a Reconcile archive. A "
        "preview comes first; what is already in your journal is skipped and left as it is, and "
        "a file with a problem changes nothing.",
    )
    p.add_argument(
        "file", metavar="FILE", help="the export file or archive (for Markdown, the folder)"
    )
    from_help = "which app wrote the file (default: reconcile)"
    p.add_argument("--from", dest="source", choices=SOURCES, default="reconcile", help=from_help)
    p.add_argument("--dry-run", action="store_true", help="only show the preview")
    p.add_argument("--yes", action="store_true", help="import without asking")
    archive_cli.add_import_options(p)
    p.set_defaults(func=cmd_import)


# -- small helpers ---------------------------------------------------------------------------


def _entries(n: int) -> str:
    return "1 entry" if n == 1 else f"{n:,} entries"


def _tidy(text: str) -> str:
    # Trailing newlines from editors and echo, and blank lines before the text, are not content.
    return re.sub(r"\A(?:[ \t]*\n)+", "", text.replace("\r\n", "\n").rstrip())


def _read_text_file(name: str) -> str:
    from reconcile_desktop.commands.args import MAX_STDIN_BYTES, TOO_LONG
    from reconcile_desktop.commands.editor import decode_text
    from reconcile_desktop.core.storage.regular_file import open_regular

    try:
        with open_regular(name) as fh:  # never a FIFO or a device: they would never end
            data = fh.read(MAX_STDIN_BYTES + 1)
    except OSError:
        raise InvalidInput(f"The file {name} could not be read.") from None
    if len(data) > MAX_STDIN_BYTES:
        raise InvalidInput(TOO_LONG)
    return decode_text(data)


# -- add -------------------------------------------------------------------------------------


def _occurred(vault: Vault, when: tuple[dt.date, dt.time | None] | None) -> dt.datetime | None:
    if when is None:
        return None
    day, time = when
    today = vault.clock.today()
    if day > today:
        raise InvalidInput(FUTURE)
    import datetime as dt

    if time is None:
        if day == today:
            return None
        time = dt.time(UNDATED_HOUR)
    return dt.datetime.combine(day, time, tzinfo=vault.clock.tzinfo())


def cmd_add(args: argparse.Namespace) -> int:
    from reconcile_desktop.cli import PROG
    from reconcile_desktop.commands import editor as editing
    from reconcile_desktop.core.journal import entries as journal

    fields = {"title": args.title, "mood": args.mood, "principle": args.principle}
    fields["kind"] = args.kind or "free"
    tags = args.tag or []
    # Everything but the text is checked first, so nobody writes an entry that is then refused.
    journal.check_fields(fields)
    journal.normalise_tags(tags)
    command = None
    if args.file is not None:
        body = _tidy(_read_text_file(args.file))
    elif _stdin_is_terminal():
        command = editing.editor_command()
        for path in editing.sweep():
            print(f"{PROG}: {editing.STILL_KEPT.format(path=path)}", file=sys.stderr)
        body = ""
    else:
        body = _tidy(editing.decode_text(read_stdin()))
    if command is None and not body.strip():
        raise UsageError(editing.EMPTY_BODY)
    saved: list = []

    def save(text: str) -> int:
        text = _tidy(text)
        if not text.strip():
            raise UsageError(editing.EMPTY_BODY)
        saved.append(journal.add_entry(vault, text, occurred=occurred, tags=tags, **fields))
        return saved[0].id

    with opened_vault(args) as vault:
        occurred = _occurred(vault, args.date)
        if command is None:
            save(body)
        else:
            editing.write_in_editor(command, save)
        entry = saved[0]
        local = entry.occurred_utc.astimezone(vault.clock.tzinfo())
    if args.file is not None and editing.is_kept_draft(Path(args.file)):
        editing.remove_folder(Path(args.file).parent)  # saved now: the kept words can go
    print(f"Saved entry {entry.id}, dated {local:%Y-%m-%d %H:%M}.")
    return 0


# -- search ----------------------------------------------------------------------------------


def _use_bold() -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def render(text: str, *, bold: bool) -> str:
    """Marked text for the terminal: matches in bold, or plain. Control characters become
    spaces, so an imported title cannot send escape sequences to the terminal."""
    keep = (MARK_START, MARK_END)
    text = "".join(
        " " if unicodedata.category(c) == "Cc" and c not in keep else c for c in text
    ).strip()
    on, off = (BOLD, NORMAL) if bold else ("", "")
    return text.replace(MARK_START, on).replace(MARK_END, off)


def _hit_doc(hit: SearchHit, vault: Vault) -> dict:
    return {
        "id": hit.id,
        "date": hit.local_date.isoformat(),
        "occurred": hit.occurred_utc.astimezone(vault.clock.tzinfo()).isoformat(),
        "title": hit.title,
        "snippet": hit.snippet.replace(MARK_START, "").replace(MARK_END, ""),
        "tags": list(hit.tags),
        "mood": hit.mood,
        "kind": hit.kind,
        "principle": hit.principle,
    }


def cmd_search(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.journal.search_language import (
        to_match,  # pure Python: no database layers yet
    )

    query = " ".join(args.query)
    # Checked before the passphrase, so a query that cannot find anything costs no unlock.
    if to_match(query, typing=False) is None:
        raise UsageError(NOTHING_TO_FIND)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError("The --from day comes after the --to day, so nothing could match.")
    with opened_vault(args) as vault:
        # Imported after the unlock: the KDF's 64 MiB is freed before SQLAlchemy loads, which
        # keeps the command's peak memory at the KDF's instead of the sum of both.
        from reconcile_desktop.core.journal import search
        from reconcile_desktop.core.journal.entries import Filters

        filters = Filters(
            tag=args.tag,
            mood=args.mood,
            principle=args.principle,
            kind=args.kind,
            date_from=args.date_from,
            date_to=args.date_to,
        )
        hits = search.search(vault, query, filters, limit=args.limit, typing=False)
        docs = [_hit_doc(hit, vault) for hit in hits]
    if args.json:
        import json

        print(json.dumps({"hits": docs}, ensure_ascii=False, sort_keys=True))
        return 0
    if not hits:
        print("Nothing in your journal matches that search.")
        return 0
    bold = _use_bold()
    lines = []
    for hit in hits:
        title = render(hit.title_marked or hit.title, bold=bold) or "(untitled)"
        lines.append(f"{hit.local_date.isoformat()}  {title}")
        if hit.snippet:
            lines.append(f"    {render(hit.snippet, bold=bold)}")
    print("\n".join(lines))
    return 0


# -- export and import -----------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from reconcile_desktop.cli import PROG
    from reconcile_desktop.core.journal import exchange

    if args.format in ("archive", "csv"):
        return archive_cli.cmd_export(args, NOT_ENCRYPTED)
    if args.encrypt:
        raise UsageError("--encrypt works only with --format archive.")
    out = Path(args.out).expanduser().absolute()
    if args.format == "markdown":
        in_the_way = blocked_by_a_file(out)
        if in_the_way is not None:
            raise UsageError(f"{in_the_way} is a file; Markdown export needs a folder.")
    elif out.exists():
        raise UsageError(f"{out} already exists; choose a new name so nothing is replaced.")
    elif not out.parent.is_dir():
        raise UsageError(f"There is no folder {out.parent}; create it first or choose another.")
    # Said before the passphrase is asked for, so there is still time to change one's mind.
    print(f"{PROG}: {NOT_ENCRYPTED.format(out=out)}", file=sys.stderr, flush=True)
    with opened_vault(args) as vault:
        if args.format == "json":
            n = exchange.export_json(vault, out, include_trash=args.include_trash)
        else:
            n = exchange.export_markdown(vault, out, include_trash=args.include_trash)
    print(f"Wrote {_entries(n)} to {out}.")
    return 0


def _preview_lines(name: str, p: ImportPreview) -> list[str]:
    if p.count == 0:
        return [f"{name} holds no entries."]
    lines = [f"{name} holds {_entries(p.count)}: {p.new:,} new, {p.duplicates:,} already here."]
    if p.first_date is not None:
        lines.append(f"Their dates run from {p.first_date} to {p.last_date}.")
    if p.problems:
        lines.append("Worth knowing:")
        lines += [f"  - {problem}" for problem in p.problems]
    return lines


def cmd_import(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.journal import exchange

    path = Path(args.file).expanduser()
    if not path.exists():  # before the passphrase, not after
        raise InvalidInput(f"The file {args.file} could not be found.")
    if path.is_dir() and args.source != "markdown":
        raise UsageError(
            f"{args.file} is a folder; to bring in its Markdown files, add --from markdown."
        )
    with opened_vault(args) as vault:
        if args.source == "reconcile" and archive_cli.is_archive(path):
            return archive_cli.cmd_import(args, vault, path)
        preview = exchange.preview_import(vault, path, args.source)
        print("\n".join(_preview_lines(path.name, preview)), flush=True)
        if preview.new == 0:
            print("There is nothing new to bring in, so nothing was changed.")
            return 0
        if args.dry_run:
            print("This was a dry run: nothing was imported.")
            return 0
        if not args.yes:
            if not _stdin_is_terminal():
                print("Nothing was imported yet. To import, run the same command with --yes.")
                return 0
            if not confirm(f"Import {_entries(preview.new)}? [y/N] "):
                print("Nothing was imported.")
                return 0
        added = exchange.import_file(vault, path, args.source)
    print(f"Imported {_entries(added)}.")
    return 0
