"""Ingest: paths in, `Document`s out (and a `Failure` for each input that cannot be read)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from detente.errors import E_MISSING, E_UNREADABLE, InputError
from detente.ingest.readers import SIDECAR_SUFFIX, ReadOptions, read_file, read_stdin
from detente.types import Document, Failure

__all__ = ["ReadOptions", "expand_paths", "read_inputs", "read_item", "unique_documents"]


def _is_input(path: Path) -> bool:
    return not path.name.startswith(".") and not path.name.endswith(SIDECAR_SUFFIX)


def expand_paths(paths: Iterable[str]) -> Iterator[Path | Failure | str]:
    """Files as given, folders walked recursively in sorted order (hidden files and sidecars
    skipped), "-" passed through for standard input, and a Failure for a path that does not exist."""
    for name in paths:
        if name == "-":
            yield name
            continue
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and _is_input(p))
        elif path.is_file():
            yield path
        else:
            yield Failure(path=name, code=E_MISSING, message="no such file or folder")


def _read_one(path: Path, opts: ReadOptions) -> Iterator[Document | Failure]:
    try:
        yield from read_file(path, opts)
    except InputError as e:
        yield Failure(path=e.path, line=e.line, code=e.code, message=e.reason)
    except OSError as e:
        yield Failure(path=str(path), code="E001", message=f"cannot read: {e.strerror or e}")
    except Exception as e:  # a parser library's surprise costs this file only
        yield Failure(
            path=str(path),
            code=E_UNREADABLE,
            message=f"could not be read ({type(e).__name__}: {str(e)[:200]})",
        )


def read_item(item: Path | Failure | str, opts: ReadOptions) -> Iterator[Document | Failure]:
    """The documents of one expanded input (a file, or "-" for standard input); a Failure
    passes through, and an input that cannot be read becomes one."""
    if isinstance(item, Failure):
        yield item
    elif isinstance(item, Path):
        yield from _read_one(item, opts)
    else:
        try:
            yield from read_stdin(sys.stdin.buffer.read(), opts)
        except InputError as e:
            yield Failure(path=e.path, line=e.line, code=e.code, message=e.reason)


def read_inputs(paths: Iterable[str], opts: ReadOptions) -> Iterator[Document | Failure]:
    """Every document of every input, in order; bad inputs become Failures and reading goes on."""
    for item in expand_paths(paths):
        yield from read_item(item, opts)


def unique_documents(
    items: Iterable[Document | Failure],
    *,
    on_failure: Callable[[Failure], None],
    on_repeat: Callable[[Document], None] | None = None,
) -> Iterator[Document]:
    """The documents read, in order. Failures go to `on_failure`; a document whose id came
    before goes to `on_repeat` and no further (when `on_repeat` is None, it goes through)."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Failure):
            on_failure(item)
        elif on_repeat is not None and item.doc_id in seen:
            on_repeat(item)
        else:
            seen.add(item.doc_id)
            yield item
