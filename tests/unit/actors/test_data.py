from __future__ import annotations

from pathlib import Path

import pytest

from detente.actors.data import Person, Role, load_actor_data, merge, parse_actor_file
from detente.errors import DataError

USER_FILE = """
version: "9999.1.0"
states:
  BLR:
    names: [Belarus, Lukashenkia]
    adjectives: [Belarusian]
people:
  - name: Ivan Testovich
    aliases: [Testovich]
    roles:
      - {actor: BLR, sector: MIL, start: "2020-01-01", end: null}
groups:
  - names: [Example Front]
    actor: UKR
    sector: REB
    end: "2021-08-14"
  - names: [Example Front]
    actor: UKR
    sector: GOV
    start: "2021-08-15"
sectors:
  MED:
    titles: [chief blogger]
    nouns: [blogosphere]
"""


def person(*roles: Role) -> Person:
    return Person(name="P", aliases=(), roles=roles)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2018-06-01", ("USA", "GOV")),
        ("2023-06-01", ("USA", "ELI")),
        ("2025-06-01", ("USA", "GOV")),
        ("2010-01-01", ("USA", None)),
        (None, ("USA", "GOV")),
    ],
)
def test_data_role_depends_on_date(day: str | None, expected: tuple[str, str | None]) -> None:
    trump = person(
        Role("USA", "GOV", "2017-01-20", "2021-01-20"), Role("USA", "GOV", "2025-01-20", None)
    )
    assert trump.role_on(day) == expected


def test_data_user_file_wins_and_merges_dated_groups(tmp_path: Path) -> None:
    builtin = parse_actor_file("states:\n  BLR:\n    names: [Belarus]\n", "builtin")
    user = parse_actor_file(USER_FILE, "user.yaml")
    data = merge([builtin, user])
    assert data.entity("BLR") is not None
    assert "Lukashenkia" in data.entity("BLR").names  # type: ignore[union-attr]
    front = next(p for p in data.people if p.name == "Example Front")
    assert front.role_on("2020-01-01") == ("UKR", "REB")
    assert front.role_on("2022-01-01") == ("UKR", "GOV")
    assert data.titles["chief blogger"] == "MED"
    assert data.version == "9999.1.0"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("states: [1, 2]", "must be a mapping"),
        ("states:\n  blr: {names: [x]}\n", "bad actor code"),
        ("people:\n  - name: X\n    roles: [{actor: BLR, sector: XXX}]\n", "bad sector"),
        ("people:\n  - name: X\n    roles: [{actor: BLR, start: 2020}]\n", "bad date"),
        ("people:\n  - name: X\n", "no roles"),
        ("states: {BLR: {names: [1, 2]}}", "list of strings"),
        (": : :", "not valid YAML"),
    ],
)
def test_data_bad_files_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        parse_actor_file(text, "bad.yaml")


def test_data_builtin_files_cover_the_guidelines() -> None:
    data = load_actor_data()
    codes = {e.code for e in data.entities}
    for code in (
        "BLR",
        "RUS",
        "UKR",
        "USA",
        "MMR",
        "PSE",
        "NATO",
        "EU",
        "OSCE",
        "IGO",
        "WST",
        "EUR",
    ):
        assert code in codes
    states = [e for e in data.entities if e.kind == "state"]
    assert len(states) >= 249
    names = {n for p in data.people for n in (p.name, *p.aliases)}
    assert {"Lukashenko", "Lukashenka", "Zelensky", "Zelenskyy", "Trump", "Putin"} <= names
    for sector in (
        "GOV",
        "MIL",
        "LEG",
        "JUD",
        "SPY",
        "COP",
        "OPP",
        "REB",
        "MED",
        "BUS",
        "CVL",
        "HRI",
        "ELI",
    ):
        assert sector in set(data.titles.values()) | set(data.nouns.values()), sector


def test_data_user_actor_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    data = load_actor_data((str(path),))
    assert any(p.name == "Ivan Testovich" for p in data.people)
    with pytest.raises(DataError, match="cannot read"):
        load_actor_data((str(tmp_path / "missing.yaml"),))


def test_data_builtin_national_bodies_and_women() -> None:
    data = load_actor_data()
    roles = {n: p.role_on("1987-04-15") for p in data.people for n in (p.name, *p.aliases)}
    assert roles["MITI"] == ("JPN", "GOV")
    assert roles["Bundesbank"] == ("DEU", "GOV")
    assert {"mrs", "queen", "margaret"} <= data.female_names
