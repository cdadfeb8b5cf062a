"""The guided prompt library and the "Should I even try?" worksheet.

The words live in resources/prompts/*.json so they can be edited without touching code;
this module validates them, picks a prompt of the day, and turns a filled worksheet into a
Markdown journal body and back.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

PRINCIPLES: tuple[tuple[str, str], ...] = (
    ("accountability", "Accountability"),
    ("empathy", "Empathy"),
    ("change", "Change"),
    ("patience", "Patience"),
)
STEPS: tuple[tuple[str, str], ...] = (
    ("no-contact", "No contact"),
    ("should-i-try", "Should I even try?"),
    ("make-it-right", "Make it right"),
    ("reach-out", "Reach out once, then give space"),
    ("grow", "Grow"),
    ("friendship", "Rebuild friendship"),
    ("therapy", "Couples therapy"),
    ("release-control", "Release control"),
)
KINDS: tuple[str, ...] = ("prompted", "letter", "worksheet")
SECTION_TYPES: tuple[str, ...] = ("text", "list", "list-with-change", "yes-no")
YES_NO: tuple[str, ...] = ("yes", "no", "not sure")  # a "yes-no" answer, or "" (unanswered)
CAN_CHANGE: tuple[str, ...] = ("yes", "no", "unsure")

# Day 0 of the prompt-of-the-day sequence; any fixed date works, it only sets the phase.
EPOCH = dt.date(2024, 1, 1)

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FIELDS = ("id", "principle", "step", "title", "text", "kind")
_PRINCIPLE_IDS = frozenset(p for p, _ in PRINCIPLES)
_STEP_IDS = frozenset(s for s, _ in STEPS)


@dataclass(frozen=True)
class Prompt:
    id: str
    principle: str
    step: str
    title: str
    text: str
    kind: str
    owns_part: bool = False  # asks the user to own their part: not pushed on someone who was hurt


@dataclass(frozen=True)
class WorksheetSection:
    id: str
    title: str
    help: str
    type: str

    @property
    def heading(self) -> str:
        return f"## {self.title}"


@dataclass(frozen=True)
class Worksheet:
    id: str
    title: str
    intro: str
    sections: tuple[WorksheetSection, ...]


def _read_json(name: str) -> Any:
    resource = files("reconcile_desktop.resources") / "prompts" / name
    return json.loads(resource.read_text(encoding="utf-8"))


def _text_field(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where} needs a non-empty text for {key!r}.")
    return value


# ---------------------------------------------------------------- prompts


def parse_prompts(data: Any) -> tuple[Prompt, ...]:
    """Validate the decoded prompts.json; raise ValueError with one clear sentence if bad."""
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ValueError("The prompt library must be an object with version 1.")
    entries = data.get("prompts")
    if not isinstance(entries, list) or not entries:
        raise ValueError("The prompt library has no list of prompts.")
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ValueError(f"Prompt number {index + 1} is not an object.")
        where = f"Prompt {entry.get('id')!r}" if "id" in entry else f"Prompt number {index + 1}"
        values = {key: _text_field(entry, key, where) for key in _FIELDS}
        pid = values["id"]
        if not _ID.fullmatch(pid):
            raise ValueError(f"{where} has an id that is not lower-case kebab-case.")
        if pid in seen:
            raise ValueError(f"{where} appears more than once.")
        if values["principle"] not in _PRINCIPLE_IDS:
            raise ValueError(f"{where} has an unknown principle {values['principle']!r}.")
        if values["step"] not in _STEP_IDS:
            raise ValueError(f"{where} has an unknown step {values['step']!r}.")
        if values["kind"] not in KINDS:
            raise ValueError(f"{where} has an unknown kind {values['kind']!r}.")
        owns_part = entry.get("owns_part", False)
        if not isinstance(owns_part, bool):
            raise ValueError(f"{where} has an owns_part that is not true or false.")
        seen.add(pid)
        prompts.append(Prompt(**values, owns_part=owns_part))
    return tuple(prompts)


@functools.lru_cache(maxsize=1)
def load_prompts() -> tuple[Prompt, ...]:
    """All prompts in file order, validated once and then cached."""
    return parse_prompts(_read_json("prompts.json"))


def prompts_for(principle: str | None = None, step: str | None = None) -> tuple[Prompt, ...]:
    """Prompts matching the given principle and/or step (None means any)."""
    return tuple(
        p
        for p in load_prompts()
        if (principle is None or p.principle == principle) and (step is None or p.step == step)
    )


def get_prompt(prompt_id: str) -> Prompt | None:
    return next((p for p in load_prompts() if p.id == prompt_id), None)


def _order_key(prompt: Prompt) -> tuple[str, str]:
    # A hash of the id, not random.shuffle: stable across Python versions, independent of
    # file order, and adding a prompt only slots it in instead of reshuffling every day.
    digest = hashlib.sha256(f"reconcile-prompt-of-the-day:{prompt.id}".encode()).hexdigest()
    return digest, prompt.id


def prompt_of_the_day(
    day: dt.date, prompts: Iterable[Prompt] | None = None, *, gentle: bool = False
) -> Prompt:
    """The prompt for a local calendar day; `gentle` leaves out prompts that ask the user to
    own their part (for someone who was the one hurt: see core/journal/hurt_answers.py).

    The sequence repeats one fixed order with period len(prompts), so any run of
    len(prompts) consecutive days shows every prompt exactly once. (A fresh shuffle per
    cycle cannot keep that promise for runs that straddle two cycles.)
    """
    pool = load_prompts() if prompts is None else tuple(prompts)
    if gentle:
        pool = tuple(p for p in pool if not p.owns_part)
    if not pool:
        raise ValueError("There are no prompts to choose from.")
    if len({p.id for p in pool}) != len(pool):
        raise ValueError("Each prompt must have its own id.")
    order = sorted(pool, key=_order_key)
    # Date subtraction counts calendar days, and % keeps days before the epoch in range.
    return order[(day - EPOCH).days % len(order)]


# ---------------------------------------------------------------- worksheet


def parse_worksheet(data: Any) -> Worksheet:
    """Validate the decoded worksheet.json; raise ValueError with one clear sentence if bad."""
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ValueError("The worksheet must be an object with version 1.")
    head = {key: _text_field(data, key, "The worksheet") for key in ("id", "title", "intro")}
    raw = data.get("sections")
    if not isinstance(raw, list) or not raw:
        raise ValueError("The worksheet has no list of sections.")
    sections: list[WorksheetSection] = []
    for index, entry in enumerate(raw):
        where = f"Worksheet section number {index + 1}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where} is not an object.")
        values = {key: _text_field(entry, key, where) for key in ("id", "title", "help", "type")}
        if not _ID.fullmatch(values["id"]):
            raise ValueError(f"{where} has an id that is not lower-case kebab-case.")
        if values["type"] not in SECTION_TYPES:
            raise ValueError(f"{where} has an unknown type {values['type']!r}.")
        if "\n" in values["title"] or "\r" in values["title"]:
            raise ValueError(f"{where} has a title on more than one line.")
        sections.append(WorksheetSection(**values))
    if len({s.id for s in sections}) != len(sections):
        raise ValueError("Two worksheet sections share an id.")
    # Titles become the Markdown headings the parser looks for, so they must differ too.
    if len({s.title for s in sections}) != len(sections):
        raise ValueError("Two worksheet sections share a title.")
    return Worksheet(sections=tuple(sections), **head)


@functools.lru_cache(maxsize=1)
def load_worksheet() -> Worksheet:
    return parse_worksheet(_read_json("worksheet.json"))


def _tag(can_change: str) -> str:
    return f"[can change: {can_change}]"


def _item_lines(bullet: str, item: str) -> list[str]:
    # Extra lines of an item are indented two spaces, so an item may hold any text,
    # even a line that looks like a heading or a bullet.
    first, *rest = item.split("\n")
    head = f"{bullet} {first}" if first or bullet != "-" else "-"  # no trailing space
    return [head, *(f"  {line}" for line in rest)]


def _payload(section: WorksheetSection, value: Any) -> str:
    where = f"The answer to {section.title!r}"
    if section.type == "yes-no":
        if value not in ("", *YES_NO):
            raise ValueError(f"{where} must be yes, no or not sure.")
        return value
    if section.type == "text":
        if not isinstance(value, str):
            raise ValueError(f"{where} must be text.")
        return value
    if not isinstance(value, list | tuple):
        raise ValueError(f"{where} must be a list.")
    lines: list[str] = []
    for item in value:
        if section.type == "list":
            if not isinstance(item, str):
                raise ValueError(f"{where} must be a list of texts.")
            lines += _item_lines("-", item)
        else:
            if (
                not isinstance(item, Mapping)
                or not isinstance(item.get("item"), str)
                or item.get("can_change") not in CAN_CHANGE
            ):
                raise ValueError(f"{where} needs a text and yes, no or unsure for each item.")
            lines += _item_lines(f"- {_tag(item['can_change'])}", item["item"])
    return "\n".join(lines)


def _empty(section: WorksheetSection) -> str | list[Any]:
    return "" if section.type in ("text", "yes-no") else []


def worksheet_to_markdown(answers: Mapping[str, Any]) -> str:
    """Render answers (section id -> text, list of texts, or list of
    {"item": text, "can_change": "yes"|"no"|"unsure"}) as a Markdown journal body.
    Missing sections are rendered empty."""
    sheet = load_worksheet()
    unknown = set(answers) - {s.id for s in sheet.sections}
    if unknown:
        raise ValueError(f"The worksheet has no section called {sorted(unknown)[0]!r}.")
    parts = [f"# {sheet.title}\n\n"]
    for section in sheet.sections:
        payload = _payload(section, answers.get(section.id, _empty(section)))
        # The fixed "\n" before and "\n\n" after are what the parser strips, exactly.
        parts.append(f"{section.heading}\n\n{payload}\n\n")
    return "".join(parts)


def _parse_items(section: WorksheetSection, payload: str) -> list[Any]:
    items: list[list[str]] = []  # each item as its lines
    tags: list[str] = []
    for line in payload.split("\n") if payload else []:
        if line.startswith("  ") and items:
            items[-1].append(line[2:])
            continue
        if not line:
            continue  # a blank line can only come from a hand edit; it holds no text
        body = line[2:] if line.startswith("- ") else "" if line == "-" else line
        tag = "unsure"
        if section.type == "list-with-change":
            for choice in CAN_CHANGE:
                marker = _tag(choice)
                if body == marker or body.startswith(marker + " "):
                    tag, body = choice, body[len(marker) + 1 :]
                    break
        items.append([body])
        tags.append(tag)
    texts = ["\n".join(lines) for lines in items]
    if section.type == "list":
        return texts
    return [{"item": text, "can_change": tag} for text, tag in zip(texts, tags, strict=True)]


def worksheet_from_markdown(text: str) -> dict[str, Any]:
    """Read back what worksheet_to_markdown wrote, with every section present.

    Raises ValueError when the text is not a worksheet, or when it holds writing outside
    the sections, so a caller can fall back to plain editing without losing anything.
    """
    sheet = load_worksheet()
    by_heading = {s.heading: s for s in sheet.sections}
    starts: list[tuple[WorksheetSection, int, int]] = []  # section, heading start, body start
    offset = 0
    for line in text.split("\n"):  # only "\n": a "\r" or U+2028 inside an answer stays put
        section = by_heading.get(line)
        if section is not None and all(section is not s for s, _, _ in starts):
            starts.append((section, offset, offset + len(line) + 1))
        offset += len(line) + 1
    if not starts:
        raise ValueError("This entry is not a filled-in worksheet.")
    preamble = text[: starts[0][1]].split("\n")
    if any(line.strip() and not line.startswith("# ") for line in preamble):
        raise ValueError("This entry has writing before the first worksheet question.")
    answers: dict[str, Any] = {s.id: _empty(s) for s in sheet.sections}
    for index, (section, _, body_start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(text)
        chunk = text[body_start:end]
        chunk = chunk[1:] if chunk.startswith("\n") else chunk
        chunk = chunk[:-2] if chunk.endswith("\n\n") else chunk.removesuffix("\n")
        if section.type == "yes-no":
            answers[section.id] = chunk.strip() if chunk.strip() in YES_NO else ""
        else:
            answers[section.id] = chunk if section.type == "text" else _parse_items(section, chunk)
    return answers
