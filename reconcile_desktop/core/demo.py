"""A deterministic, lived-in demo vault, and bulk journals for the benchmarks.

Everything is generated from a fixed seed relative to the vault clock's today, so the demo
always looks current and two runs give the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal.prompts import load_prompts
from reconcile_desktop.core.nocontact import day_counting as streaks
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.storage.models import CheckIn
from reconcile_desktop.core.storage.vault import Vault
from reconcile_desktop.core.sync import tracking

DEMO_DAYS = 120
TAGS = ("anger", "sleep", "friends", "work", "therapy", "gratitude", "missing them", "family")

_OPENINGS = (
    "Woke up early and lay there thinking about the last months.",
    "A quieter day than I expected.",
    "Had coffee with Sam, who listened more than I deserved.",
    "Work kept me busy, which helped until the evening.",
    "Went for the long walk by the river again.",
    "Therapy today. We talked about how I shut down when I feel criticised.",
    "Hard morning. A song in the shop brought everything back.",
    "Slept badly, but the day turned out gentler than the night.",
)
_MIDDLES = (
    "I noticed the old urge to explain myself before I had even heard the question.",
    "When I think about what they said at the end, I can see now that they had a point.",
    "I keep wanting to fix things by talking, when what is needed is for me to change.",
    "It is strange how much space there is in a day without checking my phone for them.",
    "I wrote down three times this week that I listened instead of defending. Small, but real.",
    "I snapped at my brother and then apologised properly, without a 'but'.",
    "Missing them came in waves today. I let it come and did not act on it.",
    "I am starting to understand how tiring my moods must have been to live with.",
)
_CLOSINGS = (
    "Tomorrow: one step, then the next.",
    "Whatever happens between us, I want to be someone who can stay calm.",
    "Going to bed early.",
    "Grateful for the friends who check in without asking for anything.",
    "Not fixed, but moving.",
    "I do not know how this ends, and I am learning to be all right with that.",
)
_LETTERS = (
    "I keep writing you messages in my head. Here is one I will not send: I am sorry for the "
    "nights I made everything about me. I am working on it, for real this time, and not to "
    "win you back.",
    "I wanted to text you today when I saw the place we used to go. I am writing it here instead. "
    "I hope you are sleeping well and that someone is making you laugh.",
    "If I could say one thing, it would be thank you for telling me the truth, even though it "
    "hurt.",
)
_WORDS = (
    "calm patience listening change steady small step apology honest morning walk breath friend "
    "therapy anger quiet letter space grief clarity trust repair kindness habit evening river "
    "question notice promise effort growth weather coffee work sleep music dinner message"
).split()


def _at(day: dt.date, hour: int, minute: int, vault: Vault) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), vault.clock.tzinfo()).astimezone(dt.UTC)


def fill_demo(vault: Vault, *, days: int = DEMO_DAYS, seed: int = 7) -> None:
    """About four months of believable data: entries of every kind, three change goals with
    slips and recoveries, and a no-contact period with one reset and many urges resisted."""
    rng = random.Random(seed)
    today = vault.clock.today()
    first = today - dt.timedelta(days=days)
    _demo_plan(vault, rng, first, today)
    _demo_no_contact(vault, rng, first, today)
    _demo_journal(vault, rng, first, today)


def _demo_journal(vault: Vault, rng: random.Random, first: dt.date, today: dt.date) -> None:
    prompts = [p for p in load_prompts() if p.kind == "prompted"]
    entries = []
    for n in range((today - first).days + 1):
        day = first + dt.timedelta(days=n)
        if rng.random() < 0.18 and day != today:
            continue  # some days nobody writes, and that is fine
        progress = n / max(1, (today - first).days)
        mood = max(1, min(5, round(2 + 2 * progress + rng.uniform(-1.2, 1.2))))
        tags = tuple(rng.sample(TAGS, rng.randint(0, 2)))
        kind, title, prompt_id, principle = "free", "", None, None
        body = " ".join((rng.choice(_OPENINGS), rng.choice(_MIDDLES), rng.choice(_CLOSINGS)))
        if n % 11 == 5:
            kind, title = "letter", "Unsent letter"
            body = rng.choice(_LETTERS)
        elif n % 3 == 1:
            p = rng.choice(prompts)
            kind, title, prompt_id, principle = "prompted", p.title, p.id, p.principle
            body = f"{rng.choice(_MIDDLES)} {rng.choice(_MIDDLES)}\n\n{rng.choice(_CLOSINGS)}"
        occurred = _at(day, rng.randint(7, 22), rng.randint(0, 59), vault)
        entries.append(
            journal.NewEntry(
                body=body,
                occurred_utc=occurred,
                local_date=day,
                tz=vault.clock.zone_name(),
                title=title,
                created_utc=occurred,
                mood=mood,
                principle=principle,
                kind=kind,
                prompt_id=prompt_id,
                tags=tags,
            )
        )
    worksheet_day = first + dt.timedelta(days=3)
    entries.append(
        journal.NewEntry(
            body=_worksheet_body(),
            occurred_utc=_at(worksheet_day, 20, 15, vault),
            local_date=worksheet_day,
            tz=vault.clock.zone_name(),
            title="Should I even try?",
            kind="worksheet",
            prompt_id="should-i-try",
            principle="accountability",
            tags=("reflection",),
        )
    )
    with vault.transaction() as s:
        journal.insert_entries(s, entries, vault.clock.now())


def _worksheet_body() -> str:
    from reconcile_desktop.core.journal.prompts import worksheet_to_markdown

    return worksheet_to_markdown(
        {
            "why-it-ended": "I stopped listening, and my temper made home feel unsafe to them.",
            "what-changed": "I am in therapy and I walk away when anger rises. It is early days.",
            "loved": ["Sunday breakfasts", "How we laughed at the same films", "Their honesty"],
            "disliked": [
                {"item": "We never talked about money", "can_change": "yes"},
                {"item": "My jealousy", "can_change": "yes"},
                {"item": "Living in different cities", "can_change": "unsure"},
            ],
            "someone-new": "Not as far as I know.",
            "trusted-views": "Sam thinks I should focus on myself for now. My therapist agrees.",
            "where-i-stand": "I want to change for my own sake first, and then see.",
        }
    )


_GOALS = (
    (
        "Stop raising my voice and slamming doors",
        "change",
        "I raised my voice and slammed doors. That frightened them. It has to stop completely, "
        "whatever happens between us.",
        (
            ("Walk away and breathe for ten minutes when I feel anger rising", "daily"),
            ("Name the feeling out loud before I say anything else", "daily"),
        ),
    ),
    (
        "Listen before I defend myself",
        "empathy",
        "I argued my side instead of hearing how lonely they felt.",
        (
            ("Ask one question before I give my side", "mon,wed,fri"),
            ("Write one thing from their point of view", "3/week"),
        ),
    ),
    (
        "Look after myself",
        "patience",
        "I leaned on them for everything. I want a life that holds me up on its own.",
        (("Thirty minutes outside", "daily"), ("Go to my therapy session", "tue")),
    ),
)


def _demo_plan(vault: Vault, rng: random.Random, first: dt.date, today: dt.date) -> None:
    rows = []
    for title, principle, why, commitments in _GOALS:
        must_stop = title == _GOALS[0][0]  # frightening someone is not for gradual reduction
        goal = plans.add_goal(
            vault,
            title,
            why=why,
            principle=principle,
            start=first,
            must_stop=must_stop,
            support_note="Anger programme on Mondays; therapist on Thursdays at 6"
            if must_stop
            else "",
        )
        for action, schedule in commitments:
            c = plans.add_commitment(vault, goal.id, action, schedule, start=first)
            (h,) = [h for h in plans.histories_for(vault) if h.id == c.id]
            rows += _demo_checkins(rng, h, first, today, rare_slips=must_stop)
    with vault.transaction() as s:
        s.add_all(rows)


def _demo_checkins(
    rng, history, first: dt.date, today: dt.date, *, rare_slips: bool = False
) -> list[CheckIn]:
    from reconcile_desktop.core.plans.progress import is_scheduled

    rows, slipping = [], 0
    total = max(1, (today - first).days)
    for n in range(total):  # today itself is left for the user to tick
        day = first + dt.timedelta(days=n)
        if history.schedules[0].kind != "per_week" and not is_scheduled(history, day):
            continue
        if history.schedules[0].kind == "per_week" and rng.random() > 0.5:
            continue
        if rng.random() < 0.04:
            continue  # not recorded
        p_kept = 0.97 if rare_slips else 0.55 + 0.35 * n / total
        if slipping:
            slipping -= 1
            state = "slipped"
        elif rng.random() < p_kept:
            state = "kept"
        else:
            # A bad patch, then a recovery; never a patch on something that must stop.
            state, slipping = "slipped", rng.choice((0, 0, 1)) * (not rare_slips)
        rows.append(
            CheckIn(
                commitment_id=history.id,
                day=day,
                state=state,
                recorded_utc=dt.datetime.combine(day, dt.time(21), dt.UTC),
            )
        )
    return rows


def _demo_no_contact(vault: Vault, rng: random.Random, first: dt.date, today: dt.date) -> None:
    start = max(first, today - dt.timedelta(days=70))
    nocontact.start_period(vault, target_days=60, start=_at(start, 9, 0, vault))
    reset = start + dt.timedelta(days=12)
    nocontact.log_event(
        vault,
        streaks.I_CONTACTED,
        when=_at(reset, 23, 10, vault),
        note="Sent a long message late at night. Starting again.",
    )
    nocontact.log_event(
        vault, streaks.LOOKED_SOCIAL, when=_at(reset + dt.timedelta(days=20), 22, 0, vault)
    )
    nocontact.log_event(
        vault,
        streaks.THEY_CONTACTED_IGNORED,
        when=_at(reset + dt.timedelta(days=8), 18, 30, vault),
    )
    day = start
    while day < today:
        if rng.random() < 0.35:
            nocontact.log_event(
                vault,
                streaks.URGE_RESISTED,
                when=_at(day, rng.randint(18, 23), 0, vault),
                intensity=rng.randint(1, 5),
                trigger=rng.choice(("a song", "weekend", "photo", "")),
            )
        day += dt.timedelta(days=1)


def bulk_entries(
    vault: Vault,
    count: int,
    *,
    seed: int = 11,
    words: tuple[int, int] = (300, 600),
    batch: int = 2000,
) -> None:
    """`count` entries of 300-600 words, spread back in time, for the benchmarks."""
    rng = random.Random(seed)
    now = vault.clock.now()
    tz = vault.clock.zone_name()
    for chunk in _chunks(count, batch):
        entries = []
        for i in chunk:
            occurred = now - dt.timedelta(hours=6 * i + rng.randint(0, 5))
            body = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(*words)))
            entries.append(
                journal.NewEntry(
                    body=f"{body} zq{i}",
                    occurred_utc=occurred,
                    tz=tz,
                    local_date=vault.clock.local_date_of(occurred),
                    title=f"Day {count - i}",
                    created_utc=occurred,
                    mood=rng.randint(1, 5),
                    tags=(rng.choice(TAGS),),
                )
            )
        with vault.transaction() as s, tracking.bulk(s, vault.hlc.stamp()):
            journal.insert_entries(s, entries, now)


def _chunks(count: int, size: int) -> Iterator[range]:
    for start in range(0, count, size):
        yield range(start, min(count, start + size))
