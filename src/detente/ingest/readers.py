"""Readers: bytes of one input in, `Document`s (or `Failure`s) out. Dispatch is by file name."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from detente.errors import (
    E_BINARY,
    E_DECODE,
    E_JSON,
    E_TOO_LARGE,
    E_UNSUPPORTED,
    InputError,
)
from detente.ingest.build import Metadata, make_document
from detente.ingest.clean import split_articles
from detente.types import Document, Failure

SIDECAR_SUFFIX = ".meta.json"
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
DOCX_SUFFIXES = (".docx",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + DOCX_SUFFIXES + JSONL_SUFFIXES


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What every reader needs besides the bytes."""

    default_date: str | None
    max_chars: int
    max_decompressed_bytes: int


def kind_of(name: str) -> str | None:
    """'text', 'html', 'docx' or 'jsonl' by file name; None for anything else."""
    lower = name.lower()
    for kind, suffixes in (
        ("jsonl", JSONL_SUFFIXES),
        ("text", TEXT_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("docx", DOCX_SUFFIXES),
    ):
        if lower.endswith(suffixes):
            return kind
    return None


def decode(data: bytes, *, path: str) -> str:
    """UTF-8 (a BOM is dropped) or BOM-marked UTF-16; refuses NUL bytes and anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise InputError("binary content (NUL bytes), not text", path=path, code=E_BINARY)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte {e.start}: {e.reason})", path=path, line=line, code=E_DECODE
        ) from e


def _sidecar(path: Path) -> list[Metadata]:
    """Metadata beside a file: NAME.meta.json holds an object, or {"articles": [objects...]}."""
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    if not side.is_file():
        return []
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(f"bad sidecar {side.name}: {e}", path=str(side), code=E_JSON) from e
    if not isinstance(data, dict):
        raise InputError("sidecar must hold a JSON object", path=str(side), code=E_JSON)
    shared = {k: v for k, v in data.items() if k != "articles"}
    articles = data.get("articles") or [{}]
    return [Metadata.from_mapping({**shared, **item}) for item in articles]


def _text_articles(
    text: str, metas: list[Metadata], opts: ReadOptions, path: str
) -> Iterator[Document]:
    for i, article in enumerate(split_articles(text) or [text]):
        yield make_document(
            article,
            _article_meta(metas, i),
            path=path,
            default_date=opts.default_date,
            max_chars=opts.max_chars,
        )


def _article_meta(metas: list[Metadata], index: int) -> Metadata:
    """The sidecar entry of the index-th article; a single entry covers all but id and title."""
    if index < len(metas):
        return metas[index]
    return replace(metas[0], doc_id=None, title=None) if len(metas) == 1 else Metadata()


def read_text(
    data: bytes, path: str, metas: list[Metadata], opts: ReadOptions
) -> Iterator[Document]:
    """.txt and .md: one article, or several each closed by a `Source link` line."""
    yield from _text_articles(decode(data, path=path), metas, opts, path)


def read_html(
    data: bytes, path: str, metas: list[Metadata], opts: ReadOptions
) -> Iterator[Document]:
    """.html: the main text and metadata, extracted by trafilatura."""
    import trafilatura

    html = decode(data, path=path)
    extracted = trafilatura.extract(
        html, output_format="json", with_metadata=True, include_comments=False
    )
    if not extracted:
        raise InputError("no main text found in the HTML", path=path, code="E005")
    found: dict[str, Any] = json.loads(extracted)
    page = Metadata(
        title=found.get("title"),
        published=found.get("date"),
        source=found.get("sitename") or found.get("hostname"),
        url=found.get("url") or found.get("source"),
    )
    meta = _merge(metas[0] if metas else Metadata(), page)
    yield make_document(
        found.get("text") or "",
        meta,
        path=path,
        default_date=opts.default_date,
        max_chars=opts.max_chars,
    )


def _merge(first: Metadata, second: Metadata) -> Metadata:
    """Each field from `first` when set, else from `second`."""
    return Metadata(
        doc_id=first.doc_id or second.doc_id,
        title=first.title or second.title,
        published=first.published or second.published,
        source=first.source or second.source,
        url=first.url or second.url,
    )


def read_docx(
    data: bytes, path: str, metas: list[Metadata], opts: ReadOptions
) -> Iterator[Document]:
    """.docx: paragraph text with python-docx; the core title property when set."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError, OSError) as e:
        raise InputError(f"not a readable .docx file ({e})", path=path, code=E_DECODE) from e
    except Exception as e:  # zipfile.BadZipFile and lxml errors surface under several names
        raise InputError(f"not a readable .docx file ({e})", path=path, code=E_DECODE) from e
    text = "\n\n".join(p.text for p in document.paragraphs)
    title = document.core_properties.title or None
    meta = _merge(metas[0] if metas else Metadata(), Metadata(title=title))
    yield from _text_articles(text, [meta], opts, path)


def _json_line(line: str, number: int, path: str) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except ValueError as e:
        raise InputError(f"malformed JSON ({e})", path=path, line=number, code=E_JSON) from e
    if not isinstance(item, dict):
        raise InputError("a line must hold a JSON object", path=path, line=number, code=E_JSON)
    if not isinstance(item.get("text"), str):
        raise InputError('no "text" string', path=path, line=number, code=E_JSON)
    if not isinstance(item.get("id"), str | int) or isinstance(item.get("id"), bool):
        raise InputError('no "id" (a string or an integer)', path=path, line=number, code=E_JSON)
    return item


def read_jsonl_lines(
    lines: Iterable[str], path: str, opts: ReadOptions
) -> Iterator[Document | Failure]:
    """One article per line; a bad line becomes a Failure and the next lines are still read."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = _json_line(line, number, path)
            yield make_document(
                item["text"],
                Metadata.from_mapping(item),
                path=path,
                line=number,
                default_date=opts.default_date,
                max_chars=opts.max_chars,
            )
        except InputError as e:
            yield Failure(path=path, line=number, code=e.code, message=e.reason)


class _LimitedReader(io.RawIOBase):
    """A byte stream that raises once more than `limit` bytes have been read from it."""

    def __init__(self, raw: IO[bytes] | gzip.GzipFile, limit: int, path: str) -> None:
        self.raw, self.limit, self.path, self.count = raw, limit, path, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self.raw.read(len(buffer))
        self.count += len(chunk)
        if self.count > self.limit:
            raise InputError(
                f"decompresses to more than {self.limit:,} bytes", path=self.path, code=E_TOO_LARGE
            )
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _text_lines(stream: IO[bytes], path: str) -> Iterator[str]:
    for number, raw in enumerate(stream, start=1):
        if b"\x00" in raw:
            raise InputError(
                "binary content (NUL bytes), not text", path=path, line=number, code=E_BINARY
            )
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as e:
            raise InputError(
                f"not UTF-8 text ({e.reason})", path=path, line=number, code=E_DECODE
            ) from e


def read_jsonl_file(path: Path, opts: ReadOptions) -> Iterator[Document | Failure]:
    """.jsonl or .jsonl.gz, streamed line by line: the corpus is never held in memory."""
    name = str(path)
    with path.open("rb") as handle:
        if name.lower().endswith(".gz"):
            limited = io.BufferedReader(
                _LimitedReader(gzip.GzipFile(fileobj=handle), opts.max_decompressed_bytes, name)
            )
            try:
                yield from read_jsonl_lines(_text_lines(limited, name), name, opts)
            except (OSError, EOFError, gzip.BadGzipFile) as e:
                raise InputError(f"broken gzip stream ({e})", path=name, code=E_DECODE) from e
        else:
            yield from read_jsonl_lines(_text_lines(handle, name), name, opts)


Reader = Callable[[bytes, str, list[Metadata], ReadOptions], Iterator[Document]]
READERS: dict[str, Reader] = {"text": read_text, "html": read_html, "docx": read_docx}


def read_file(path: Path, opts: ReadOptions) -> Iterator[Document | Failure]:
    """Every document in one file; raises InputError when the file as a whole cannot be read."""
    kind = kind_of(path.name)
    if kind is None:
        raise InputError(
            f"unsupported file type (detente reads {', '.join(SUPPORTED)})",
            path=str(path),
            code=E_UNSUPPORTED,
        )
    if kind == "jsonl":
        yield from read_jsonl_file(path, opts)
        return
    if path.stat().st_size > opts.max_chars * 4:
        raise InputError("file is over the document size limit", path=str(path), code=E_TOO_LARGE)
    yield from READERS[kind](path.read_bytes(), str(path), _sidecar(path), opts)


def read_stdin(data: bytes, opts: ReadOptions) -> Iterator[Document | Failure]:
    """Standard input: JSON Lines when its first line is a JSON object, plain text otherwise."""
    text = decode(data, path="<stdin>")
    if text.lstrip().startswith("{"):
        yield from read_jsonl_lines(text.splitlines(), "<stdin>", opts)
    else:
        yield from _text_articles(text, [], opts, "<stdin>")
