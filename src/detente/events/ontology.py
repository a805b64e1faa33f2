"""The CAMEO ontology as data: each code's name, Goldstein value, PLOVER type and quad class.

Built from shared/ontology by scripts/build_ontology.py into detente/data/ontology/cameo.tsv.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from detente.errors import DataError

ONTOLOGY_FILE = ("detente.data.ontology", "cameo.tsv")
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    goldstein: float
    plover: str | None
    quad_class: int

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class Ontology:
    version: str
    codes: dict[str, Code]

    def get(self, code: str) -> Code:
        """The code's entry; an unknown sub-code falls back to its nearest known parent."""
        for prefix in (code, code[:3], code[:2]):
            if prefix in self.codes:
                found = self.codes[prefix]
                return (
                    found
                    if prefix == code
                    else Code(code, found.name, found.goldstein, found.plover, found.quad_class)
                )
        raise DataError(f"unknown CAMEO code {code!r}")

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self.codes


def parse_ontology(text: str) -> Ontology:
    version = "unversioned"
    codes: dict[str, Code] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("# version:"):
            version = line.split(":", 1)[1].strip()
            continue
        if not line.strip() or line.startswith(("#", "code\t")):
            continue
        parts = line.split("\t")
        if len(parts) != 5:
            raise DataError(f"cameo.tsv:{number}: expected 5 tab-separated fields")
        code, name, goldstein, plover, quad = parts
        codes[code] = Code(code, name, float(goldstein), plover or None, int(quad))
    return Ontology(version=version, codes=codes)


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    package, name = ONTOLOGY_FILE
    return parse_ontology(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
