from __future__ import annotations

from datetime import date

import pytest

from detente.ingest.clean import (
    clean_text,
    content_id,
    guess_title,
    infer_date,
    normalise_published,
    split_articles,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Minsk [bookmark: _GoBack]hosted talks.", "Minsk hosted talks."),
        ("Belarus\u00a0and\u00a0Russia", "Belarus and Russia"),
        ("Lukashenkoâ€™s visit", "Lukashenko’s visit"),
        ("a  b\t\tc  \n\n\n\nd", "a b c\n\nd"),
        ("line one\r\nline two", "line one\nline two"),
        ("zero\u200bwidth\x07bell", "zerowidthbell"),
    ],
)
def test_clean_text_removes_debris(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_clean_content_id_is_stable_and_text_dependent() -> None:
    assert content_id("Minsk hosted talks.") == content_id("Minsk hosted talks.")
    assert content_id("Minsk hosted talks.") != content_id("Kyiv hosted talks.")
    assert len(content_id("x")) == 16


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Short headline\nBody text follows here.", "Short headline"),
        ("A sentence that ends.\nBody.", None),
        ("Only one line", None),
        ("x" * 200 + "\nBody.", None),
    ],
)
def test_clean_guess_title(text: str, title: str | None) -> None:
    assert guess_title(text) == title


def test_clean_split_articles_on_source_link_lines() -> None:
    text = "First article.\nSource link\n\nSecond article.\n  Source link  \n"
    assert split_articles(text) == ["First article.", "Second article."]
    assert split_articles("No separator here.") == ["No separator here."]
    assert split_articles("The Source link line must stand alone.") == [
        "The Source link line must stand alone."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Met on 3 April 2016 and again on 5 May 2016.", "2016-05-05"),
        ("Signed on March 12, 2015, in Minsk.", "2015-03-12"),
        ("Dated 2014-02-30 (invalid) and 2013-01-02.", "2013-01-02"),
        ("In 1994 and then in 2006 things changed.", "2006"),
        ("West-2017 exercises, planned since 2015.", "2015"),
        ("No dates at all.", None),
        ("Planned for 1 January 2099.", None),
    ],
)
def test_clean_infer_date(text: str, expected: str | None) -> None:
    assert infer_date(text, today=date(2026, 11, 23)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016", "2016"),
        ("2016-04", "2016-04"),
        ("2016-04-10", "2016-04-10"),
        ("2016-04-10T12:00:00Z", "2016-04-10"),
        (2016, "2016"),
        ("2016-13", None),
        ("2016-02-30", None),
        ("April 2016", None),
        (None, None),
    ],
)
def test_clean_normalise_published(value: object, expected: str | None) -> None:
    assert normalise_published(value) == expected
