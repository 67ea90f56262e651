"""Reading values as a person writes them: dates day first, labels or codes in any case."""

from __future__ import annotations

import datetime as dt
import re

from django.db import models

from redress.cases.kinds import Channel, Kind, Outcome
from redress.core.words import either

_SPACES = re.compile(r"\s+")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# A time after the date ("06/04/2021 14:30", "2021-04-06T14:30:00") says nothing we keep.
_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([+-]\d{2}:?\d{2}|Z)?$", re.IGNORECASE)
_WORDY_FORMATS = ("%d %B %Y", "%d %b %Y", "%A %d %B %Y")


def normal(text: object, *, keep_underscores: bool = False) -> str:
    """Lower case with single spaces; underscores and hyphens count as spaces unless kept."""
    value = str(text).strip().lower()
    if not keep_underscores:
        value = value.replace("_", " ").replace("-", " ")
    return _SPACES.sub(" ", value)


def parse_date(value: object) -> dt.date:
    """A date from a cell: a real date (spreadsheets), 2021-04-06, 06/04/2021 or 6/4/21 (UK,
    day first) or 6 April 2021. Raises ValueError saying what is accepted."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _TIME.sub("", str(value).strip())
    try:
        if match := _ISO_DATE.match(text):
            year, month, day = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        if match := _NUMERIC_DATE.match(text):
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        raise ValueError(f"{value} is not a real date.") from None
    for pattern in _WORDY_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        f"{value} is not a date Redress can read: write it as 2021-04-06, 06/04/2021 "
        "(day first) or 6 April 2021."
    )


class Vocabulary:
    """The values of a fixed list, found by code or label in any case, or by a common
    synonym, so ``Partially Upheld`` and ``partly_upheld`` both mean partly upheld."""

    def __init__(self, choices: type[models.TextChoices], synonyms: dict[str, str]) -> None:
        self.choices = choices
        self.words: dict[str, str] = {}
        for code, label in zip(choices.values, choices.labels, strict=True):
            self.words[normal(code)] = code
            self.words[normal(label)] = code
        for synonym, code in synonyms.items():
            self.words[normal(synonym)] = code

    def find(self, value: str) -> str | None:
        return self.words.get(normal(value))

    def spoken(self) -> str:
        return either(str(label) for label in self.choices.labels)


KINDS = Vocabulary(
    Kind,
    {
        "foi": Kind.FOI_REQUEST,
        "freedom of information": Kind.FOI_REQUEST,
        "freedom of information request": Kind.FOI_REQUEST,
        "eir": Kind.FOI_REQUEST,
        "eir request": Kind.FOI_REQUEST,
        "foi request": Kind.FOI_REQUEST,
        "mp enquiry": Kind.MEMBER_ENQUIRY,
        "councillor enquiry": Kind.MEMBER_ENQUIRY,
        "members enquiry": Kind.MEMBER_ENQUIRY,
        "compliments": Kind.COMPLIMENT,
        "complaints": Kind.COMPLAINT,
        "comments": Kind.COMMENT,
    },
)
CHANNELS = Vocabulary(
    Channel,
    {
        "online": Channel.WEB,
        "website": Channel.WEB,
        "web form": Channel.WEB,
        "e mail": Channel.EMAIL,
        "telephone": Channel.PHONE,
        "post": Channel.LETTER,
        "face to face": Channel.IN_PERSON,
        "social media": Channel.SOCIAL_MEDIA,
    },
)
OUTCOMES = Vocabulary(
    Outcome,
    {
        "partially upheld": Outcome.PARTLY_UPHELD,
        "partly justified": Outcome.PARTLY_UPHELD,
        "partially justified": Outcome.PARTLY_UPHELD,
        "upheld in part": Outcome.PARTLY_UPHELD,
        "justified": Outcome.UPHELD,
        "not justified": Outcome.NOT_UPHELD,
        "unjustified": Outcome.NOT_UPHELD,
        "resolved informally": Outcome.RESOLVED,
        "withdrawn by complainant": Outcome.WITHDRAWN,
    },
)
