"""`reconcile support`: crisis, abuse and stop-hurting lines for a country, offline.

It works without a journal and without a passphrase: the public lines are printed first, and
the user's own people (kept encrypted in the journal) are added only when the journal exists
and its passphrase is at hand. Nothing about the journal can make this command fail.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from reconcile_desktop.commands.args import print_json

if TYPE_CHECKING:
    from reconcile_desktop.core.support import Line, Person

JSON_HELP = """\
With --json, one JSON object (keys stay stable; new ones may be added):
  country       the two-letter code shown, or null when none is known (directory only)
  country_name  its name
  lines         a list of {country, kind (crisis, abuse or stop-hurting), organisation,
                phone, text, web, hours, source, checked, checked_how}; a missing way to
                reach a line is null
  directory     {organisation, web, about, source, checked, checked_how}: helplines for
                every country
  people        your own people [{name, reach, note}] when the journal was opened, else null
  note          a reminder that numbers can change"""

PEOPLE_NEED_PASSPHRASE = (
    "Your own people are kept in your journal. To see them here too, give its passphrase "
    "with --passphrase-file or RECONCILE_PASSPHRASE."
)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "support",
        help="crisis and support lines for your country, and your own people",
        description="Crisis, abuse and stop-hurting support lines for a country, each with the "
        "page it was checked against. Works offline and without a journal. Your own people "
        "are added when the journal can be opened.",
        epilog=JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--country",
        metavar="CC",
        help="a two-letter country code such as GB or US (default: from your locale)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text (see below)")
    p.set_defaults(func=cmd_support)


def cmd_support(args: argparse.Namespace) -> int:
    from reconcile_desktop.core import support

    country = support.normalize_country(args.country) if args.country else support.default_country()
    if args.json:
        own, _why = _own_people(args)
        print_json(support.as_document(country, own))
        return 0
    # Text: the public lines first, so they are on screen before any passphrase prompt.
    print(_public_text(country), flush=True)
    own, why = _own_people(args)
    if own is not None:
        print(_people_text(own))
    elif why:
        print(f"\n{why}")
    return 0


def _own_people(args: argparse.Namespace) -> tuple[list[Person] | None, str]:
    """The user's own people, or None and a calm reason. Never raises: support must show."""
    from reconcile_desktop.commands.passphrase import (
        ENV_PASSPHRASE,
        _stdin_is_terminal,
        data_dir_of,
        get_passphrase,
    )
    from reconcile_desktop.core import support
    from reconcile_desktop.core.errors import ReconcileError
    from reconcile_desktop.core.storage.vault import Vault, VaultState

    passphrase_file = getattr(args, "passphrase_file", None)
    vault = None
    try:
        vault = Vault(data_dir_of(args))
        if vault.state() is VaultState.NEW:
            return None, ""  # no journal: nothing to add, nothing to explain
        if not (passphrase_file or os.environ.get(ENV_PASSPHRASE) or _stdin_is_terminal()):
            return None, PEOPLE_NEED_PASSPHRASE
        vault.claim()
        vault.unlock(get_passphrase(passphrase_file, prompt="Passphrase, to add your own people: "))
        return support.people(vault), ""
    except ReconcileError as exc:
        return None, f"Your own people could not be added: {exc.sentence}"
    except KeyboardInterrupt:
        return None, "Your own people were left out, as you asked."
    except Exception:  # no exception text: it could carry something private
        return None, "Your own people could not be added this time."
    finally:
        if vault is not None:
            try:
                vault.close()
            except Exception:
                pass


def _reach(line: Line) -> list[str]:
    out = []
    if line.phone:
        out.append(f"Call {line.phone}")
    if line.text:
        out.append(f"Text {line.text}")
    if line.web:
        out.append(line.web)
    return out


def _public_text(country: str | None) -> str:
    from reconcile_desktop.core import support

    data = support.load()
    lines = support.lines_for(country, data)
    out = []
    if country is None:
        out.append("Support (no country chosen; add --country CC for your country's lines)")
    else:
        out.append(f"Support in {support.country_name(country, data)}")
    if country is not None and not lines:
        out.append("Reconcile has no checked lines for this country yet; the directory below")
        out.append("lists helplines there.")
    for kind in support.KINDS:
        of_kind = [line for line in lines if line.kind == kind]
        if not of_kind:
            continue
        out += ["", support.KIND_TITLES[kind]]
        for line in of_kind:
            out.append(f"  {line.organisation}")
            out.append(f"    {' · '.join(_reach(line))}")
            if line.hours:
                out.append(f"    {line.hours}")
            out.append(f"    Checked on {line.checked} against {line.source}")
    d = data.directory
    out += ["", "Helplines in every country", f"  {d.organisation}: {d.web}", f"    {d.about}"]
    out += ["", support.CHANGE_NOTE]
    return "\n".join(out)


def _people_text(own: list[Person]) -> str:
    if not own:
        return "\nYour own people: none yet. You can add them in the window (Help > Support)."
    out = ["", "Your own people"]
    for person in own:
        out.append(f"  {person.name}" + (f": {person.reach}" if person.reach else ""))
        if person.note:
            out.append(f"    {person.note}")
    return "\n".join(out)
