from __future__ import annotations

import gzip
import json
from pathlib import Path

import docx
import pytest

from detente.errors import (
    E_BINARY,
    E_DECODE,
    E_EMPTY,
    E_JSON,
    E_MISSING,
    E_TOO_LARGE,
    E_UNSUPPORTED,
)
from detente.ingest import ReadOptions, read_inputs
from detente.types import Document, Failure

OPTS = ReadOptions(default_date=None, max_chars=100_000, max_decompressed_bytes=1_000_000)
BODY = "Belarus and Poland held talks in Warsaw on trade. The ministers met for two hours."


def read(*paths: Path | str, opts: ReadOptions = OPTS) -> list[Document | Failure]:
    return list(read_inputs([str(p) for p in paths], opts))


def only_documents(items: list[Document | Failure]) -> list[Document]:
    assert all(isinstance(i, Document) for i in items), items
    return [i for i in items if isinstance(i, Document)]


def test_readers_txt_title_and_inferred_date(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"Talks in Warsaw\n{BODY} They met on 4 May 2019.", encoding="utf-8")
    (doc,) = only_documents(read(path))
    assert doc.title == "Talks in Warsaw"
    assert doc.published == "2019-05-04"
    assert doc.published_inferred is True
    assert doc.language == "en"
    assert doc.text.startswith("Talks in Warsaw\nBelarus")


def test_readers_md_and_default_date(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"# Heading\n\n{BODY}", encoding="utf-8")
    opts = ReadOptions(default_date="2020-01-02", max_chars=100_000, max_decompressed_bytes=10**6)
    (doc,) = only_documents(read(path, opts=opts))
    assert doc.published == "2020-01-02"
    assert doc.published_inferred is False


def test_readers_undated_document_stays_undated(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    (doc,) = only_documents(read(path))
    assert doc.published is None
    assert doc.published_inferred is False


def test_readers_html_main_text_and_metadata(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>{BODY} Paragraph {i} adds detail about the visit.</p>" for i in range(4)
    )
    html = (
        "<html><head><title>Warsaw talks | Example News</title>"
        '<meta property="og:title" content="Warsaw talks">'
        '<meta name="date" content="2021-03-04"></head>'
        f"<body><nav><a href='/'>Home</a> Menu</nav><article>{paragraphs}</article>"
        "<footer>Copyright footer text</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (doc,) = only_documents(read(path))
    assert "Belarus and Poland held talks" in doc.text
    assert "Copyright footer" not in doc.text
    assert doc.title == "Warsaw talks"
    assert doc.published == "2021-03-04"
    assert doc.published_inferred is False


def test_readers_docx_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "A docx article"
    document.add_paragraph(BODY)
    document.add_paragraph("Second paragraph [bookmark: _GoBack]about sanctions.")
    path = tmp_path / "a.docx"
    document.save(str(path))
    (doc,) = only_documents(read(path))
    assert doc.title == "A docx article"
    assert doc.text == f"{BODY}\n\nSecond paragraph about sanctions."


def jsonl_lines() -> list[str]:
    return [
        json.dumps(
            {"id": "a1", "text": BODY, "title": "T", "published": "2019-05", "url": "u", "x": 1}
        ),
        json.dumps({"id": 7, "text": "Russia criticised the European Union for new sanctions."}),
    ]


def test_readers_jsonl_ids_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(jsonl_lines()) + "\n\n", encoding="utf-8")
    first, second = only_documents(read(path))
    assert (first.doc_id, first.title, first.published, first.url) == ("a1", "T", "2019-05", "u")
    assert second.doc_id == "7"
    assert first.path == f"{path}:1"


def test_readers_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(jsonl_lines()))
    assert [d.doc_id for d in only_documents(read(path))] == ["a1", "7"]


def test_readers_jsonl_bad_lines_reported_and_rest_read(tmp_path: Path) -> None:
    lines = [
        jsonl_lines()[0],
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "no-text"}),
        json.dumps({"text": "no id"}),
        json.dumps({"id": "blank", "text": "   "}),
        jsonl_lines()[1],
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read(path)
    failures = [i for i in items if isinstance(i, Failure)]
    assert [(f.line, f.code) for f in failures] == [
        (2, E_JSON),
        (3, E_JSON),
        (4, E_JSON),
        (5, E_JSON),
        (6, E_EMPTY),
    ]
    assert all(f.path == str(path) for f in failures)
    assert f"{path}:2" in str(failures[0])
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["a1", "7"]


def test_readers_gzip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    line = json.dumps({"id": "x", "text": "a " * 1000}) + "\n"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(line * 2000)
    opts = ReadOptions(default_date=None, max_chars=100_000, max_decompressed_bytes=50_000)
    items = read(path, opts=opts)
    assert isinstance(items[-1], Failure)
    assert items[-1].code == E_TOO_LARGE


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.pdf", b"%PDF-1.4", E_UNSUPPORTED),
        ("a.txt", b"text\x00with NUL", E_BINARY),
        ("a.html", b"\x00\x01\x02", E_BINARY),
        ("a.jsonl", b'{"id": "1", "text": "x\x00"}', E_BINARY),
        ("a.txt", b"caf\xe9 latin-1", E_DECODE),
        ("a.txt", b"   \n\n  ", E_EMPTY),
        ("a.txt", b"", E_EMPTY),
        ("a.docx", b"not a zip file", E_DECODE),
    ],
)
def test_readers_bad_file_is_a_failure_naming_it(
    tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (failure,) = read(path)
    assert isinstance(failure, Failure)
    assert failure.code == code
    assert failure.path == str(path)


def test_readers_missing_path(tmp_path: Path) -> None:
    (failure,) = read(tmp_path / "nope.txt")
    assert isinstance(failure, Failure)
    assert failure.code == E_MISSING


def test_readers_folder_recursive_sorted_skips_sidecars_and_hidden(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Second document about Russia.", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("Third document about Ukraine.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First document about Belarus.", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text('{"published": "2016-04"}', encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    docs = only_documents(read(tmp_path))
    assert [d.text.split()[0] for d in docs] == ["First", "Second", "Third"]
    assert docs[0].published == "2016-04"


def test_readers_multi_article_file_and_sidecar_list(tmp_path: Path) -> None:
    path = tmp_path / "scraped.txt"
    path.write_text(
        "Headline one\nFirst body text.\nSource link\nHeadline two\nSecond body text.\nSource link\n",
        encoding="utf-8",
    )
    (tmp_path / "scraped.txt.meta.json").write_text(
        json.dumps({"published": "2025-11", "articles": [{"title": "One"}, {"title": "Two"}]}),
        encoding="utf-8",
    )
    first, second = only_documents(read(path))
    assert (first.title, second.title) == ("One", "Two")
    assert first.published == second.published == "2025-11"
    assert first.doc_id != second.doc_id
    assert "Source link" not in first.text + second.text


def test_readers_non_english_is_marked(tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_text(
        "Der Bundeskanzler traf sich heute in Berlin mit dem französischen Präsidenten, "
        "um über die Lage in der Ukraine zu sprechen.",
        encoding="utf-8",
    )
    (doc,) = only_documents(read(path))
    assert doc.language == "de"


def test_readers_document_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    opts = ReadOptions(default_date=None, max_chars=100, max_decompressed_bytes=10**6)
    (failure,) = read(path, opts=opts)
    assert isinstance(failure, Failure)
    assert failure.code == E_TOO_LARGE
