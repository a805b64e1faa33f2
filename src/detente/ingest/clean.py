"""Text cleaning and metadata inference: pure functions over strings."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import ftfy

# Debris that word processors and converters leave in exported text: "[bookmark: _GoBack]".
_DEBRIS = re.compile(r"\[(?:bookmark|image|footnote ref|comment)\s*:[^\]\n]*\]", re.IGNORECASE)
_SPACES = re.compile(r"[^\S\n]+")  # any white space but a newline
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_BLANK_LINES = re.compile(r"\n{3,}")

# The line that closes each article in a scraped multi-article file.
ARTICLE_SEPARATOR = re.compile(r"^[ \t]*Source link[ \t]*$", re.MULTILINE)
# A first line up to this long, with no sentence-final full stop, is taken as the title.
MAX_TITLE_CHARS = 150

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTH_RE = "|".join(_MONTHS)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\s*,?\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"(?<![\d-])(1[89]\d\d|20\d\d)(?![\d-])")


def clean_text(raw: str) -> str:
    """Repair mojibake, drop converter debris and control characters, normalise white space.

    Paragraph breaks survive (at most one blank line); spaces inside a line collapse to one.
    """
    text = ftfy.fix_text(raw, normalization="NFC", uncurl_quotes=False)
    text = _DEBRIS.sub("", text)
    text = _CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def content_id(text: str) -> str:
    """A stable document id from the clean text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def guess_title(text: str) -> str | None:
    """The first line, when it is short and does not end a sentence."""
    first = text.split("\n", 1)[0].strip()
    if not first or len(first) > MAX_TITLE_CHARS or first.endswith((".", "?", "!")):
        return None
    if "\n" not in text:  # a one-line document has no title apart from its text
        return None
    return first


def split_articles(text: str) -> list[str]:
    """Split a scraped file whose articles each end with a `Source link` line."""
    parts = [part.strip() for part in ARTICLE_SEPARATOR.split(text)]
    return [part for part in parts if part]


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_dates(text: str) -> list[date]:
    found: list[date | None] = []
    for d, m, y in _DAY_MONTH_YEAR.findall(text):
        found.append(_valid(int(y), _MONTHS[m.lower()], int(d)))
    for m, d, y in _MONTH_DAY_YEAR.findall(text):
        found.append(_valid(int(y), _MONTHS[m.lower()], int(d)))
    for y, m, d in _ISO_DATE.findall(text):
        found.append(_valid(int(y), int(m), int(d)))
    return [d for d in found if d is not None]


def infer_date(text: str, *, today: date | None = None) -> str | None:
    """The latest full date the text states, else its latest year; None when it states neither.

    Dates after `today` are ignored: they are plans and deadlines, not the time of writing.
    """
    limit = today or date.today()
    full = [d for d in _full_dates(text) if d <= limit]
    if full:
        return max(full).isoformat()
    years = [int(y) for y in _YEAR.findall(text) if int(y) <= limit.year]
    return str(max(years)) if years else None


_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def normalise_published(value: object) -> str | None:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD (a longer ISO timestamp keeps its date); else None."""
    if value is None:
        return None
    text = str(value).strip()[:10]
    match = _PUBLISHED.match(text)
    if not match:
        return None
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        return None
    if day and _valid(int(year), int(month), int(day)) is None:
        return None
    return text
