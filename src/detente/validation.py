"""Checks of the values users give, in one place for every face: the CLI answers a
ValidationError with exit status 2 naming the option, the REST API with 422."""

from __future__ import annotations

import datetime as dt
import re

from detente.errors import ValidationError

PARTIAL_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
# An actor code: a state (BLR), an organisation (NATO), a group of the user's files.
ACTOR_CODE = re.compile(r"[A-Za-z][A-Za-z0-9]{1,15}")
PERIODS = ("day", "week", "month", "year")


def actor_code(value: str | None, option: str) -> str | None:
    """An actor code (letters and digits, 2 to 16, a letter first), upper-cased; None for none."""
    if not value:
        return None
    if not ACTOR_CODE.fullmatch(value):
        raise ValidationError(option, f"{value!r} is not an actor code (such as BLR or NATO)")
    return value.upper()


def partial_date(value: str | None, option: str) -> str | None:
    """A date of the form YYYY, YYYY-MM or YYYY-MM-DD that is also a day of the calendar
    ("2025-13-01" and "2020-02-30" are not); None or "" stand for no date."""
    if not value:
        return None
    if not PARTIAL_DATE.fullmatch(value):
        raise ValidationError(
            option, f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
        )
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError as e:
        raise ValidationError(option, f"{value!r} is not a day of the calendar ({e})") from None
    return value


def probability(value: object, option: str) -> float | None:
    """A number from 0 to 1 (not NaN); None for none."""
    if value is None or value == "":
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError(option, f"{value!r} is not a number from 0 to 1") from None
    if not 0 <= number <= 1:  # NaN fails both
        raise ValidationError(option, f"{value!r} is not a number from 0 to 1")
    return number


def period(value: str, option: str = "by") -> str:
    """One of day, week, month, year."""
    if value not in PERIODS:
        raise ValidationError(option, f"{value!r} is not one of {', '.join(PERIODS)}")
    return value
