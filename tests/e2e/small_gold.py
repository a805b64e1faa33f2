"""A small gold file's stories, written by the tests themselves."""

from __future__ import annotations

import json
from pathlib import Path

STORIES = [
    (
        "Russian and Belarusian ministers met in Minsk on Monday. Russia criticised Ukraine "
        "for the shelling of its border towns.",
        [("RUS", "BLR", "040"), ("BLR", "RUS", "040"), ("RUS", "UKR", "111")],
    ),
    (
        "Ukrainian forces attacked Russian positions near the border. The Kremlin condemned "
        "the attack and accused Kyiv of escalating the war.",
        [("UKR", "RUS", "190"), ("RUS", "UKR", "111"), ("RUS", "UKR", "112")],
    ),
    (
        "The French president visited Berlin, where he met the German chancellor. "
        "France praised Germany for its support.",
        [
            ("FRA", "DEU", "042"),
            ("DEU", "FRA", "043"),
            ("FRA", "DEU", "040"),
            ("DEU", "FRA", "040"),
            ("FRA", "DEU", "051"),
        ],
    ),
    (
        "Japan criticised China over its naval drills. Chinese officials met Japanese "
        "diplomats in Beijing on Tuesday.",
        [("JPN", "CHN", "111"), ("CHN", "JPN", "040"), ("JPN", "CHN", "040")],
    ),
    (
        "The United States accused Iran of attacking a tanker. Iranian gunboats fired on the "
        "American ship in the Gulf.",
        [("USA", "IRN", "112"), ("IRN", "USA", "190")],
    ),
    (
        "Poland met Lithuania to discuss border security. Lithuania condemned Belarus for "
        "sending migrants across the border.",
        [("POL", "LTU", "040"), ("LTU", "POL", "040"), ("LTU", "BLR", "111")],
    ),
    ("The home side beat the visitors 3-1 in a thrilling match on Saturday.", []),
    (
        "Turkey hosted talks between Russia and Ukraine in Istanbul. Turkey criticised "
        "Greece over its military build-up.",
        [("RUS", "UKR", "040"), ("UKR", "RUS", "040"), ("TUR", "GRC", "111")],
    ),
]


def write_gold(path: Path) -> Path:
    lines = []
    for n, (text, events) in enumerate(STORIES):
        evidence = text.split(". ")[0]
        row = {
            "id": f"story-{n}",
            "published": "2024-03-04",
            "text": text,
            "events": [
                {"source": s, "target": t, "code": c, "evidence": evidence} for s, t, c in events
            ],
        }
        lines.append(json.dumps(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
