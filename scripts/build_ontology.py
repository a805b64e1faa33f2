"""Build detente's ontology table from the shared CAMEO, Goldstein and PLOVER files.

    python scripts/build_ontology.py ../shared/ontology > src/detente/data/ontology/cameo.tsv

One row per CAMEO code: code, name, Goldstein value, PLOVER type, quad class. The PLOVER type is the
most specific row of CAMEO2PLOVER-2021.txt for the code (4 digits, else 3, else 2); a 2-digit root
with two rows (08) is the first (CONCEDE); 01 has no type; 02 is REQUEST.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

VERSION = "2026.11.0"
LABEL = re.compile(r"^LABEL:\s*(\d{2,4})=\s*(.+?)\s*$")
PLOVER_ROW = re.compile(r"^(\d{2,4}):\s*([A-Z]+)")


def quad_class(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def main(folder: Path) -> None:
    names: dict[str, str] = {}
    for line in (folder / "CAMEO_codefile_0.7b5_with_ICEWS_labels.txt").read_text().splitlines():
        match = LABEL.match(line)
        if match:  # a later label of the same code corrects an earlier one
            names[match.group(1)] = match.group(2)
    for line in (folder / "CAMEO_codefile_0.7b5_with_ICEWS_labels.txt").read_text().splitlines():
        root = re.match(r"^//(\d{2})[:=]\s*(.+)$", line)
        if root:
            names.setdefault(root.group(1), root.group(2).strip().capitalize())
    goldstein: dict[str, str] = {}
    for line in (folder / "CAMEO.goldsteinscale.txt").read_text().splitlines()[1:]:
        code, value = line.split("\t")
        goldstein[code.strip()] = value.strip()
    plover: dict[str, str] = {}
    for line in (folder / "CAMEO2PLOVER-2021.txt").read_text().splitlines():
        match = PLOVER_ROW.match(line)
        if match:
            plover.setdefault(match.group(1), match.group(2))
    plover["02"] = "REQUEST"
    print(f"# version: {VERSION}")
    print("code\tname\tgoldstein\tplover\tquad_class")
    for code in sorted(names, key=lambda c: (c[:2], c)):
        value = next(goldstein[c] for c in (code, code[:3], code[:2]) if c in goldstein)
        kind = next((plover[c] for c in (code, code[:3], code[:2]) if c in plover), "")
        print(f"{code}\t{names[code]}\t{value}\t{kind}\t{quad_class(code)}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/ontology"))
