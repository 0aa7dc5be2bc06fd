"""What a person holds: codes, study under way, and equivalents agreed with a manager.

Study under way is a qualification a person is working towards and the month it is due.
Everywhere a person's study is written down (``--quals``, a profile's ``studying:``, a
staff list's studying column) it reads ``ILM5@2027-06``: a code or name, ``@``, then the
year and month the course is due to finish. A profile may also give it as a mapping,
``{code: ILM5, due: 2027-06}``.

Study counts as held from the first day of the month it is due, so what a person holds
depends on the day asked about (``as_of``, today unless given): before then it is study
under way, a date in a plan, never a gap to fund.

An agreed equivalent is a code the person's manager agreed they meet with something else
("SVQ 3, agreed 2025-03" for L3TSM): it counts as held, and outputs say how it is met.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from careermap.errors import UsageError
from careermap.lookup import parse_quals, resolver_for, split_quals
from careermap.models import Catalogue

STUDY_FORM = "CODE@YYYY-MM, such as ILM5@2027-06"


@dataclass(frozen=True, order=True)
class StudyItem:
    """A qualification under way: its code and the month it is due (its first day)."""

    due: date
    code: str

    @property
    def month(self) -> str:
        """The due month as written: ``2027-06``."""
        return month_text(self.due)

    def __str__(self) -> str:
        return f"{self.code}@{self.month}"


@dataclass(frozen=True, order=True)
class Agreed:
    """A code met by an equivalent the person's manager agreed, and the note saying what
    and when (``SVQ 3 Health and Social Care, agreed 2025-03``)."""

    code: str
    note: str


@dataclass(frozen=True)
class Holdings:
    """What a person holds on a given day, and what they are still studying then."""

    held: frozenset[str]
    """Codes held: study due by ``as_of`` and agreed equivalents included."""
    studying: tuple[StudyItem, ...] = ()
    """Study still under way on ``as_of``, soonest due first."""
    as_of: date = field(default_factory=date.today)
    agreed: tuple[Agreed, ...] = ()
    """Codes held through an agreed equivalent, in the order given."""

    @classmethod
    def on(
        cls,
        as_of: date,
        held: Iterable[str],
        studying: Iterable[StudyItem] = (),
        agreed: Iterable[Agreed] = (),
    ) -> Holdings:
        """Holdings on ``as_of``: study due by then counts as held, and study of a code
        already held is dropped (a second course of the same code adds nothing). An agreed
        equivalent counts as held."""
        agreed = tuple(agreed)
        codes = set(held) | {item.code for item in agreed}
        pending: dict[str, StudyItem] = {}
        for item in sorted(studying):
            if item.due <= as_of:
                codes.add(item.code)
            elif item.code not in pending:  # the soonest course of a code is the one that counts
                pending[item.code] = item
        under_way = tuple(item for item in pending.values() if item.code not in codes)
        return cls(frozenset(codes), under_way, as_of, agreed)

    def agreed_note(self, code: str) -> str | None:
        """How ``code`` is met when an agreed equivalent meets it; None otherwise."""
        return next((item.note for item in self.agreed if item.code == code), None)

    def months_until(self, item: StudyItem) -> int:
        """Whole months from ``as_of``'s month to the month ``item`` is due."""
        return max(0, months_between(self.as_of, item.due))

    def months_due(self) -> dict[str, int]:
        """Each code under way and the months until it is due, as plans take them."""
        return {item.code: self.months_until(item) for item in self.studying}


def month_text(day: date) -> str:
    """``day``'s month as every output writes a month: ``2027-06``."""
    return f"{day.year:04d}-{day.month:02d}"


def months_between(start: date, end: date) -> int:
    """Calendar months from ``start``'s month to ``end``'s (negative when earlier)."""
    return (end.year - start.year) * 12 + end.month - start.month


def add_months(start: date, months: int) -> date:
    """The first day of the month ``months`` after ``start``'s."""
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def month_due(text: str) -> date | None:
    """``2027-06`` as the first day of that month; None when it is not a month written
    so (ASCII digits: the form staff lists and profiles share)."""
    found = _MONTH.fullmatch(text.strip())
    if found is None:
        return None
    year, month = int(found[1]), int(found[2])
    return date(year, month, 1) if 1 <= month <= 12 and year > 0 else None


def split_study(item: str) -> tuple[str, date | None] | None:
    """``ILM5@2027-06`` as its name and due month (None when the month is not one); None
    when ``item`` has no ``@`` (it is a plain holding)."""
    name, at, when = item.rpartition("@")
    if not at:
        return None
    return name.strip(), month_due(when)


def parse_holdings(
    catalogue: Catalogue, texts: Iterable[str]
) -> tuple[frozenset[str], tuple[StudyItem, ...]]:
    """The codes and the study a repeatable ``--quals`` option gives: each value a list
    separated by ``,`` or ``;``, each item a code or name, or ``NAME@YYYY-MM`` for study
    under way."""
    plain: list[str] = []
    study: list[StudyItem] = []
    resolver = resolver_for(catalogue)
    for text in texts:
        items = split_quals(text)
        if not items:
            parse_quals(catalogue, text)  # says what an empty list should hold
        for item in items:
            parsed = split_study(item)
            if parsed is None:
                plain.append(item)
                continue
            name, due = parsed
            if due is None:
                raise UsageError(f"'{item}' is not study under way; write it as {STUDY_FORM}")
            study.append(StudyItem(due, next(iter(resolver.resolve([name])))))
    codes = resolver.resolve(plain) if plain else frozenset()
    return codes, tuple(study)
