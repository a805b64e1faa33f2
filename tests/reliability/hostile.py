"""Hostile inputs of every kind the reliability issue names, written to a folder. Shared by the
tests and by `bench/reliability.py` (the fuzz run)."""

from __future__ import annotations

import gzip
import json
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

GOOD = (
    "Poland and Lithuania signed a defence agreement in Vilnius on 3 March 2024, officials said.\n"
)


def unicode_soup(rng: random.Random, n: int) -> str:
    """Any code point but surrogates and NUL: controls, combining marks, right-to-left, emoji."""
    pools = [
        (0x1, 0x7F), (0x80, 0x2FF), (0x300, 0x36F), (0x590, 0x6FF), (0x200B, 0x202E),
        (0x4E00, 0x4FFF), (0x1F300, 0x1F6FF), (0xE000, 0xE0FF), (0xFFF0, 0xFFFF), (0x10000, 0x10FFFF),
    ]  # fmt: skip
    chars = []
    for _ in range(n):
        low, high = rng.choice(pools)
        chars.append(chr(rng.randint(low, high)))
    return "".join(chars)


def _gzip_bomb(path: Path, expanded: int) -> None:
    """One JSON line whose text expands to `expanded` bytes (a few KB compressed)."""
    with gzip.open(path, "wb", compresslevel=9) as handle:
        handle.write(b'{"id": 1, "text": "')
        chunk = b"a" * 1024 * 1024
        for _ in range(expanded // len(chunk)):
            handle.write(chunk)
        handle.write(b'"}\n')


def _wrong_shapes() -> str:
    lines = [
        "[1, 2, 3]", "42", '"just a string"', "null", '{"text": 17}', '{"title": "no text"}',
        '{"text": ["a", "list"]}', '{"text": "unterminated', "{}", '{"text": ""}',
        '{"text": "' + "\\u0000" * 10 + '"}', '{"text": "ok but date", "published": "2024-99-99"}',
        json.dumps({"id": 1, "text": GOOD, "published": {"nested": True}}),
        json.dumps({"id": "two", "text": GOOD.replace("Vilnius", "Kaunas")}),
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def write_hostile(folder: Path, rng: random.Random, *, huge_line_mb: int = 50) -> list[Path]:
    """One file of each hostile kind (and random ones); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    makers: dict[str, Callable[[Path], None]] = {
        "unicode.txt": lambda p: p.write_text(unicode_soup(rng, 5000), encoding="utf-8"),
        "controls.txt": lambda p: p.write_text(
            "".join(chr(rng.randint(1, 31)) for _ in range(3000)) + GOOD.replace("Vilnius", "Riga"),
            encoding="utf-8",
        ),
        "huge-line.txt": lambda p: p.write_bytes(b"word " * (huge_line_mb * 1024 * 1024 // 5)),
        "huge-line.jsonl": lambda p: p.write_text(
            '{"id": 1, "text": "'
            + "word " * (huge_line_mb * 1024 * 1024 // 5)
            + '"}\n'
            + json.dumps({"id": 2, "text": GOOD.replace("Vilnius", "Gdansk")})
            + "\n",
            encoding="utf-8",
        ),
        "binary.txt": lambda p: p.write_bytes(rng.randbytes(20_000)),
        "empty.txt": lambda p: p.write_bytes(b""),
        "blank.md": lambda p: p.write_text(" \n\t\n" * 100, encoding="utf-8"),
        "latin1.txt": lambda p: p.write_bytes("Café déjà vu à Genève.".encode("latin-1")),
        "utf16.txt": lambda p: p.write_bytes(GOOD.replace("Vilnius", "Tallinn").encode("utf-16")),
        "nested.html": lambda p: p.write_text(
            "<html><body>"
            + "<div>" * 50_000
            + GOOD.replace("Vilnius", "Kaunas")
            + "</div>" * 50_000
            + "</body></html>",
            encoding="utf-8",
        ),
        "unclosed.html": lambda p: p.write_text(
            "<p>" * 20_000 + GOOD.replace("Vilnius", "Klaipeda"), encoding="utf-8"
        ),
        "script-only.html": lambda p: p.write_text(
            "<html><script>alert(1)</script></html>", encoding="utf-8"
        ),
        "bomb.jsonl.gz": lambda p: _gzip_bomb(p, 30 * 1024 * 1024),
        "truncated.jsonl.gz": lambda p: p.write_bytes(gzip.compress(GOOD.encode() * 50)[:60]),
        "shapes.jsonl": lambda p: p.write_text(_wrong_shapes(), encoding="utf-8"),
        "not-a-zip.docx": lambda p: p.write_bytes(rng.randbytes(4000)),
        "empty-zip.docx": lambda p: zipfile.ZipFile(p, "w").close(),
        "random-soup.md": lambda p: p.write_text(unicode_soup(rng, 20_000), encoding="utf-8"),
        "good.txt": lambda p: p.write_text(GOOD, encoding="utf-8"),
    }
    paths = []
    for name, make in makers.items():
        path = folder / name
        make(path)
        paths.append(path)
    return paths
