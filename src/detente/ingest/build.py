"""From raw text and metadata to a `Document`: cleaning, identity, date and language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from detente.errors import E_EMPTY, E_TOO_LARGE, InputError
from detente.ingest.clean import (
    clean_text,
    content_id,
    guess_title,
    infer_date,
    normalise_published,
)
from detente.types import Document

# Below this many letters, language identification is a guess: such texts are taken as English.
MIN_LETTERS_FOR_LANGUAGE = 40
# langid's normalised probability below which a non-English verdict is not trusted.
MIN_LANGUAGE_CONFIDENCE = 0.9
# The languages told apart. Restricting langid to widely written languages keeps it from calling
# table-like English wire items Nigerian Pidgin (seen on Reuters-21578 with the full label set).
LANGUAGES = [
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "sv",
    "da",
    "no",
    "fi",
    "pl",
    "cs",
    "sk",
    "sl",
    "hr",
    "sr",
    "bg",
    "ru",
    "uk",
    "be",
    "lt",
    "lv",
    "et",
    "hu",
    "ro",
    "el",
    "tr",
    "ar",
    "fa",
    "he",
    "ur",
    "hi",
    "bn",
    "zh",
    "ja",
    "ko",
    "vi",
    "th",
    "id",
    "ms",
    "tl",
    "sw",
    "ka",
    "hy",
    "az",
    "kk",
    "uz",
    "my",
]


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a reader knows about an article besides its text."""

    doc_id: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Metadata:
        def text(key: str) -> str | None:
            value = data.get(key)
            return str(value).strip() or None if value is not None else None

        return cls(
            doc_id=text("id"),
            title=text("title"),
            published=text("published"),
            source=text("source"),
            url=text("url"),
        )


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(LANGUAGES)
    return identifier


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; "en" when the text is too short to tell."""
    if sum(ch.isalpha() for ch in text[:2000]) < MIN_LETTERS_FOR_LANGUAGE:
        return "en"
    lang, prob = _language_identifier().classify(text[:5000])
    return str(lang) if prob >= MIN_LANGUAGE_CONFIDENCE else "en"


def make_document(
    raw: str,
    meta: Metadata,
    *,
    path: str,
    line: int | None = None,
    default_date: str | None = None,
    max_chars: int,
) -> Document:
    """Clean `raw` and settle id, title, date and language. Raises InputError when nothing is left."""
    if len(raw) > max_chars:
        raise InputError(
            f"document of {len(raw):,} characters is over the limit of {max_chars:,}",
            path=path,
            line=line,
            code=E_TOO_LARGE,
        )
    text = clean_text(raw)
    if not text:
        raise InputError("no text left after cleaning", path=path, line=line, code=E_EMPTY)
    published = normalise_published(meta.published) or normalise_published(default_date)
    inferred = published is None
    if inferred:
        published = infer_date(text)
    return Document(
        doc_id=meta.doc_id or content_id(text),
        text=text,
        raw_text=raw,
        title=meta.title or guess_title(text),
        published=published,
        published_inferred=inferred and published is not None,
        source=meta.source,
        url=meta.url,
        path=f"{path}:{line}" if line is not None else path,
        language=detect_language(text),
    )
