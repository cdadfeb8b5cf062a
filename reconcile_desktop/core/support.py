"""Support lines, offline: crisis, abuse and stop-hurting lines by country, plus the user's
own people (a friend, a therapist), which live encrypted in the journal.

The public lines ship as data in resources/support/lines.json, each with the page it was read
from and the day it was checked. Nothing here touches the network.

`reconcile support` loads this before the KDF may run, so it stays light: NamedTuples rather
than dataclasses, and the file is found beside the resources package rather than through
importlib.resources (which pulls in zipfile, tempfile and the compressors).
"""

from __future__ import annotations

import functools
import json
import locale
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reconcile_desktop.core.changes import SETTINGS, writes
from reconcile_desktop.core.errors import InvalidInput

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault

KINDS: tuple[str, ...] = ("crisis", "abuse", "stop-hurting")
KIND_TITLES = {
    "crisis": "If you are in crisis or thinking about suicide",
    "abuse": "If someone is hurting you",
    "stop-hurting": "If you want to stop hurting a partner",
}
CHANGE_NOTE = (
    "Numbers can change. If one does not work, check the organisation's own page. "
    "In an emergency, call your local emergency number."
)
PEOPLE_SETTING = "support.people"
MAX_NAME, MAX_REACH, MAX_NOTE, MAX_PEOPLE = 100, 200, 1000, 50

# ISO 3166-1 alpha-2, plus XK (Kosovo, in common use). Any of these is a valid choice: a
# country without lines of its own is shown the international directory.
_ISO = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
ZW XK
"""
COUNTRY_CODES = frozenset(_ISO.split())
_ALIASES = {"UK": "GB", "EL": "GR"}  # codes people type that ISO spells differently
_LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")


class Line(NamedTuple):
    country: str
    kind: str
    organisation: str
    phone: str | None
    text: str | None
    web: str | None
    hours: str | None
    source: str
    checked: str
    checked_how: str


class Directory(NamedTuple):
    organisation: str
    web: str
    about: str
    source: str
    checked: str
    checked_how: str


class SupportData(NamedTuple):
    lines: tuple[Line, ...]
    directory: Directory
    countries: Mapping[str, str]  # code -> name, for the countries that have lines
    required: tuple[str, ...]
    gaps: tuple[Mapping[str, str], ...]


class Person(NamedTuple):
    """Someone the user chose to lean on. Private: kept only inside the encrypted journal."""

    name: str
    reach: str = ""  # how to reach them: a number, an address, "at the Tuesday group"
    note: str = ""


class UnknownCountry(InvalidInput):
    message = "That is not a country code Reconcile knows; use two letters, such as GB or US."


# -- the public lines ----------------------------------------------------------------------


def parse(doc: Mapping[str, Any]) -> SupportData:
    """Check and read the lines file; a malformed file fails loudly (it ships with the app)."""
    lines = []
    for raw in doc["lines"]:
        line = Line(**{f: raw.get(f) for f in Line._fields})
        if line.kind not in KINDS:
            raise ValueError(f"unknown kind {line.kind!r}")
        if line.country not in COUNTRY_CODES:
            raise ValueError(f"unknown country {line.country!r}")
        if not (line.phone or line.text or line.web):
            raise ValueError(f"{line.organisation}: no way to reach it")
        if not (line.source.startswith(("https://", "http://")) and line.checked):
            raise ValueError(f"{line.organisation}: no source page or checked date")
        lines.append(line)
    directory = Directory(**{f: doc["directory"][f] for f in Directory._fields})
    return SupportData(
        lines=tuple(lines),
        directory=directory,
        countries=dict(doc["countries"]),
        required=tuple(doc["required_countries"]),
        gaps=tuple(doc.get("gaps", ())),
    )


@functools.cache
def load() -> SupportData:
    import reconcile_desktop.resources as resources

    path = Path(resources.__file__).parent / "support" / "lines.json"
    return parse(json.loads(path.read_text(encoding="utf-8")))


def normalize_country(code: str | None) -> str | None:
    """A two-letter code in upper case, or None for "no country": the directory only.
    An unknown code raises UnknownCountry."""
    if code is None or not code.strip():
        return None
    value = code.strip().upper()
    value = _ALIASES.get(value, value)
    if value not in COUNTRY_CODES:
        raise UnknownCountry()
    return value


def lines_for(country: str | None, data: SupportData | None = None) -> list[Line]:
    """The country's lines, crisis first, then abuse, then stop-hurting."""
    data = data or load()
    found = [line for line in data.lines if line.country == country]
    return sorted(found, key=lambda line: KINDS.index(line.kind))


def country_name(country: str | None, data: SupportData | None = None) -> str:
    if country is None:
        return "No country chosen"
    return (data or load()).countries.get(country, country)


def _territory(name: str | None) -> str | None:
    """'en_GB.UTF-8' -> 'GB'; None for C, POSIX or a locale without a territory."""
    if not name:
        return None
    base = name.split(".", 1)[0].split("@", 1)[0]
    _lang, sep, territory = base.replace("-", "_").partition("_")
    if not sep:
        return None
    territory = territory.upper()
    return territory if territory in COUNTRY_CODES else None


def default_country(environ: Mapping[str, str] | None = None) -> str | None:
    """The country of the user's locale, else None (then only the directory is shown)."""
    env = os.environ if environ is None else environ
    for var in _LOCALE_VARS:
        if env.get(var):
            return _territory(env[var])  # the first one set wins, as it does for the C library
    if environ is not None:
        return None
    try:
        return _territory(locale.getlocale()[0])
    except ValueError:
        return None


# -- the user's own people, encrypted in the journal ----------------------------------------


def _clean(person: Person) -> Person:
    name, reach, note = person.name.strip(), person.reach.strip(), person.note.strip()
    if not name:
        raise InvalidInput("Give a name, so you know who this is.")
    if len(name) > MAX_NAME or len(reach) > MAX_REACH or len(note) > MAX_NOTE:
        raise InvalidInput(
            f"That is longer than Reconcile keeps here: up to {MAX_NAME} characters for the "
            f"name, {MAX_REACH} for how to reach them and {MAX_NOTE} for the note."
        )
    return Person(name, reach, note)


def people(vault: Vault) -> list[Person]:
    from reconcile_desktop.core.storage.vault_settings import get_setting

    found = get_setting(vault, PEOPLE_SETTING, [])
    out = []
    for raw in found if isinstance(found, list) else []:
        if isinstance(raw, dict) and isinstance(raw.get("name"), str):
            out.append(Person(raw["name"], str(raw.get("reach") or ""), str(raw.get("note") or "")))
    return out


def save_people(vault: Vault, found: Sequence[Person]) -> list[Person]:
    """Replace the list; every person is checked first, so a bad one changes nothing."""
    from reconcile_desktop.core.storage.vault_settings import set_setting

    cleaned = [_clean(p) for p in found]
    if len(cleaned) > MAX_PEOPLE:
        raise InvalidInput(f"Reconcile keeps up to {MAX_PEOPLE} people here.")
    set_setting(vault, PEOPLE_SETTING, [p._asdict() for p in cleaned])
    return cleaned


@writes(SETTINGS)
def add_person(vault: Vault, person: Person) -> list[Person]:
    return save_people(vault, [*people(vault), person])


@writes(SETTINGS)
def replace_person(vault: Vault, index: int, person: Person) -> list[Person]:
    current = people(vault)
    if not 0 <= index < len(current):
        raise InvalidInput("That person is no longer in the list.")
    current[index] = person
    return save_people(vault, current)


@writes(SETTINGS)
def remove_person(vault: Vault, index: int) -> list[Person]:
    current = people(vault)
    if 0 <= index < len(current):
        del current[index]
    return save_people(vault, current)


# -- one plain document for the command line and its --json ---------------------------------


def line_doc(line: Line) -> dict[str, Any]:
    return line._asdict()


def as_document(
    country: str | None, own: Sequence[Person] | None, data: SupportData | None = None
) -> dict[str, Any]:
    data = data or load()
    return {
        "country": country,
        "country_name": country_name(country, data),
        "lines": [line_doc(line) for line in lines_for(country, data)],
        "directory": data.directory._asdict(),
        "people": None if own is None else [p._asdict() for p in own],
        "note": CHANGE_NOTE,
    }
