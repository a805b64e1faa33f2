"""The exceptions detente raises. Every message carries a code (E001…).

DetenteError
├── InputError          a file or line that cannot be read (carries path and line)
├── DataError           a broken data file (actors, lexicon, ontology)
├── StoreError          the DuckDB store
│   └── StoreBusyError  another process holds the store for writing
├── ConfigError         a bad setting
├── ValidationError     a bad option or query value (names the option)
├── MissingExtraError   an optional dependency is not installed
│   └── MissingJavaError  no Java runtime for the spark engine
└── BatchError          a batch run or its output folder
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base of every error detente raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputError(DetenteError):
    """An input that cannot be read."""

    code = "E001"

    def __init__(
        self, message: str, *, path: str, line: int | None = None, code: str = "E001"
    ) -> None:
        self.code = code
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.reason = message


class DataError(DetenteError):
    code = "E010"


class StoreError(DetenteError):
    code = "E020"


class StoreBusyError(StoreError):
    code = "E021"


class ConfigError(DetenteError):
    code = "E030"


class ValidationError(DetenteError):
    """A value a user gave (an option, a query parameter) that cannot be used; `option` names it.
    The CLI answers it with exit status 2, the REST API with 422."""

    code = "E031"

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        super().__init__(f"{option}: {message}")
        self.reason = message


class MissingExtraError(DetenteError):
    code = "E040"


class MissingJavaError(MissingExtraError):
    code = "E041"


class BatchError(DetenteError):
    """`detente batch` cannot write its output, or `detente load` cannot read it."""

    code = "E042"


# Input error codes, one per kind of bad input.
E_UNSUPPORTED = "E002"  # a file type detente does not read
E_BINARY = "E003"  # NUL bytes in what claims to be text
E_DECODE = "E004"  # not valid UTF-8 (nor a known legacy encoding)
E_EMPTY = "E005"  # nothing left after cleaning
E_JSON = "E006"  # a malformed JSON line, or one of the wrong shape
E_MISSING = "E007"  # the path does not exist
E_TOO_LARGE = "E008"  # over a size limit
E_UNREADABLE = "E009"  # a reader failed on this input in a way it did not foresee
E_CODING = "E011"  # parsing or coding failed on this document; it was not stored
E_RECORD = "E012"  # an event record of another layout (detente import) that cannot be used
