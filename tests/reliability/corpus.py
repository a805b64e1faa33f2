"""Hand-written article templates, varied by actors and dates: a corpus of any size for the crash
and concurrency tests."""

from __future__ import annotations

import itertools
from pathlib import Path

PAIRS = [
    ("Belarus", "Russia"), ("Poland", "Lithuania"), ("Japan", "China"), ("Turkey", "Greece"),
    ("India", "Pakistan"), ("France", "Germany"), ("Ukraine", "Moldova"), ("Egypt", "Israel"),
    ("Kazakhstan", "Uzbekistan"), ("Brazil", "Argentina"), ("Kenya", "Ethiopia"), ("Iran", "Iraq"),
]  # fmt: skip
TEMPLATES = [
    "{a} and {b} signed a trade agreement in the capital on {day} {month}. The foreign minister of "
    "{a} said the deal would cut tariffs. {b} welcomed the accord and promised to open its market.",
    "{a} accused {b} of violating the border on {day} {month}. Officials in {b} rejected the "
    "accusation. The government of {a} threatened to impose sanctions if the incursions continued.",
    "The president of {a} visited {b} on {day} {month} for talks on energy and security. Both "
    "governments agreed to hold regular consultations. {b} offered {a} a loan for a new power plant.",
    "Troops from {a} shelled positions held by {b} forces on {day} {month}, military sources said. "
    "{b} condemned the attack and demanded an apology. The United Nations urged both sides to talks.",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def write_corpus(folder: Path, n: int, *, year: int = 2024) -> list[Path]:
    """`n` distinct articles as .txt files in `folder` (created), each with a sidecar date."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    combos = itertools.cycle(itertools.product(PAIRS, TEMPLATES, MONTHS))
    for i in range(n):
        (a, b), template, month = next(combos)
        day = 1 + i % 28
        text = template.format(a=a, b=b, day=day, month=month)
        text += f"\nThis is dispatch number {i} from the regional desk.\n"
        path = folder / f"article_{i:04d}.txt"
        path.write_text(f"Report {i}: {a} and {b}\n\n{text}", encoding="utf-8")
        month_number = MONTHS.index(month) * 2 + 1
        path.with_name(path.name + ".meta.json").write_text(
            f'{{"published": "{year}-{month_number:02d}-{day:02d}"}}', encoding="utf-8"
        )
        paths.append(path)
    return paths
