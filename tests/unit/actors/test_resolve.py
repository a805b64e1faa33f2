from __future__ import annotations

import pytest

from detente.actors.data import merge, parse_actor_file
from detente.actors.gazetteer import build_gazetteer
from detente.actors.resolve import resolve_mentions
from tests.docs import make_doc

ACTORS = """
states:
  BLR: {names: [Belarus, Minsk], adjectives: [Belarusian], demonyms: [Belarusians]}
  RUS: {names: [Russia, Moscow, Kremlin], adjectives: [Russian]}
  USA: {names: [US, United States], adjectives: [American]}
people:
  - name: Alexander Lukashenko
    aliases: [Lukashenko]
    roles: [{actor: BLR, sector: GOV, start: "1994-07-20", end: null}]
sectors:
  GOV: {titles: [envoy, president, foreign minister], nouns: [diplomats, government, opposition]}
  MIL: {titles: [], nouns: [troops]}
  OPP: {titles: [], nouns: [opposition]}
"""


def resolve(doc, day="2016-04-15"):  # type: ignore[no-untyped-def]
    data = merge([parse_actor_file(ACTORS, "test")])
    gazetteer = build_gazetteer(data, str.split)
    states = frozenset(e.code for e in data.entities)
    return resolve_mentions(doc, doc_id="d", day=day, gazetteer=gazetteer, state_codes=states)


def test_resolve_adjective_and_sector_noun() -> None:
    doc = make_doc(
        [
            ("Belarusian", "belarusian", "ADJ", "amod", 1),
            ("diplomats", "diplomat", "NOUN", "nsubj", 2),
            ("criticised", "criticise", "VERB", "ROOT", 2),
            ("Russia", "Russia", "PROPN", "dobj", 2),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    found = [(m.text, m.actor, m.sector, m.method) for m in resolve(doc)]
    assert found == [
        ("Belarusian diplomats", "BLR", "GOV", "sector"),
        ("Russia", "RUS", None, "name"),
    ]


def test_resolve_title_then_surname_then_pronoun() -> None:
    doc = make_doc(
        [
            ("US", "US", "PROPN", "compound", 3),
            ("envoy", "envoy", "NOUN", "compound", 3),
            ("John", "John", "PROPN", "compound", 3),
            ("Smith", "Smith", "PROPN", "nsubj", 4),
            ("met", "meet", "VERB", "ROOT", 4),
            ("Lukashenko", "Lukashenko", "PROPN", "dobj", 4),
            (".", ".", "PUNCT", "punct", 4),
            ("Smith", "Smith", "PROPN", "nsubj", 8),
            ("praised", "praise", "VERB", "ROOT", 8),
            ("him", "he", "PRON", "dobj", 8),
            (".", ".", "PUNCT", "punct", 8),
        ],
        ents=[(2, 4, "PERSON"), (5, 6, "PERSON"), (7, 8, "PERSON")],
    )
    found = [(m.text, m.actor, m.sector, m.method) for m in resolve(doc)]
    assert found == [
        ("US envoy John Smith", "USA", "GOV", "title"),
        ("Lukashenko", "BLR", "GOV", "leader"),
        ("Smith", "USA", "GOV", "surname"),
        ("him", "USA", "GOV", "pronoun"),
    ]


def test_resolve_context_for_a_bare_group_noun() -> None:
    doc = make_doc(
        [
            ("Minsk", "Minsk", "PROPN", "nsubj", 1),
            ("arrested", "arrest", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3),
            ("opposition", "opposition", "NOUN", "dobj", 1),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = [(m.text, m.actor, m.sector, m.method) for m in resolve(doc)]
    assert found == [("Minsk", "BLR", None, "name"), ("opposition", "BLR", "OPP", "context")]


@pytest.mark.parametrize(
    ("day", "sector"), [("2016-04-15", "GOV"), (None, "GOV"), ("1990-01-01", None)]
)
def test_resolve_leader_depends_on_date(day: str | None, sector: str | None) -> None:
    doc = make_doc(
        [("Lukashenko", "Lukashenko", "PROPN", "ROOT", 0), (".", ".", "PUNCT", "punct", 0)]
    )
    (mention,) = resolve(doc, day)
    assert (mention.actor, mention.sector) == ("BLR", sector)


def test_resolve_possessive_phrase() -> None:
    doc = make_doc(
        [
            ("Russia", "Russia", "PROPN", "poss", 2),
            ("'s", "'s", "PART", "case", 0),
            ("troops", "troop", "NOUN", "ROOT", 2),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    (mention,) = resolve(doc)
    assert (mention.text, mention.actor, mention.sector) == ("Russia's troops", "RUS", "MIL")


def test_resolve_namesake_with_a_title_of_another_state() -> None:
    doc = make_doc(
        [
            ("US", "US", "PROPN", "compound", 2),
            ("envoy", "envoy", "NOUN", "compound", 2),
            ("Lukashenko", "Lukashenko", "PROPN", "nsubj", 3),
            ("spoke", "speak", "VERB", "ROOT", 3),
            (".", ".", "PUNCT", "punct", 3),
        ]
    )
    found = [(m.actor, m.sector, m.method) for m in resolve(doc)]
    assert found == [("USA", "GOV", "title")]


def test_resolve_ethnic_group_lives_in_another_state() -> None:
    # "Russian troops detained ethnic Belarusians in Russia": Russian civilians, not Belarus.
    doc = make_doc(
        [
            ("Russian", "russian", "ADJ", "amod", 1),
            ("troops", "troop", "NOUN", "nsubj", 2),
            ("detained", "detain", "VERB", "ROOT", 2),
            ("ethnic", "ethnic", "ADJ", "amod", 4),
            ("Belarusians", "Belarusians", "PROPN", "dobj", 2),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    found = [(m.text, m.actor, m.sector, m.method) for m in resolve(doc)]
    assert found == [
        ("Russian troops", "RUS", "MIL", "sector"),
        ("ethnic Belarusians", "RUS", "CVL", "context"),
    ]


def test_resolve_group_pronoun_skips_a_possessor_outside_the_subject() -> None:
    # "Russia attacked Belarus's border. It ...": "It" is Russia, not Belarus.
    doc = make_doc(
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("attacked", "attack", "VERB", "ROOT", 1),
            ("Belarus", "Belarus", "PROPN", "poss", 4),
            ("'s", "'s", "PART", "case", 2),
            ("border", "border", "NOUN", "dobj", 1),
            (".", ".", "PUNCT", "punct", 1),
            ("It", "it", "PRON", "nsubj", 7),
            ("withdrew", "withdraw", "VERB", "ROOT", 7),
            (".", ".", "PUNCT", "punct", 7),
        ]
    )
    found = [(m.text, m.actor) for m in resolve(doc)]
    assert found[-1] == ("It", "RUS")


def test_resolve_group_noun_owned_by_a_pronoun_is_the_referent_state() -> None:
    # Russia is the state most mentioned, but "his opponents" are Lukashenko's.
    doc = make_doc(
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("warned", "warn", "VERB", "ROOT", 1),
            ("Moscow", "Moscow", "PROPN", "dobj", 1),
            ("and", "and", "CCONJ", "cc", 2),
            ("the", "the", "DET", "det", 5),
            ("Kremlin", "Kremlin", "PROPN", "conj", 2),
            (".", ".", "PUNCT", "punct", 1),
            ("Lukashenko", "Lukashenko", "PROPN", "nsubj", 8),
            ("freed", "free", "VERB", "ROOT", 8),
            ("his", "his", "PRON", "poss", 10),
            ("opposition", "opposition", "NOUN", "dobj", 8),
            (".", ".", "PUNCT", "punct", 8),
        ],
        ents=[(7, 8, "PERSON")],
    )
    found = {m.text: (m.actor, m.sector) for m in resolve(doc)}
    assert found["his opposition"] == ("BLR", "OPP")


def test_resolve_context_noun_with_its_own_nationality() -> None:
    # "Russia cut gas to the Belarusian republic.": the republic named is Belarus, not the
    # state in context.
    doc = make_doc(
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("cut", "cut", "VERB", "ROOT", 1),
            ("gas", "gas", "NOUN", "dobj", 1),
            ("to", "to", "ADP", "prep", 1),
            ("the", "the", "DET", "det", 6),
            ("Belarusian", "belarusian", "ADJ", "amod", 6),
            ("republic", "republic", "NOUN", "pobj", 3),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    data = merge([parse_actor_file(ACTORS, "test")])
    gazetteer = build_gazetteer(data, str.split)
    states = frozenset(e.code for e in data.entities)
    found = resolve_mentions(
        doc,
        doc_id="d",
        day="2016-04-15",
        gazetteer=gazetteer,
        state_codes=states,
        context_nouns=frozenset({"republic"}),
    )
    assert [(m.actor, m.method) for m in found if m.text.endswith("republic")] == [("BLR", "name")]


def test_resolve_state_name_of_a_currency_is_no_actor() -> None:
    # "Belarus paid 50 US dollars.": "US" names the currency, not the United States.
    doc = make_doc(
        [
            ("Belarus", "Belarus", "PROPN", "nsubj", 1),
            ("paid", "pay", "VERB", "ROOT", 1),
            ("50", "50", "NUM", "nummod", 4),
            ("US", "US", "PROPN", "compound", 4),
            ("dollars", "dollar", "NOUN", "dobj", 1),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert [m.actor for m in resolve(doc)] == ["BLR"]


def test_resolve_she_refers_to_the_last_woman_named() -> None:
    # "US envoy Mrs Jones met Lukashenko. Lukashenko praised her.": her is the envoy.
    doc = make_doc(
        [
            ("US", "US", "PROPN", "compound", 3),
            ("envoy", "envoy", "NOUN", "compound", 3),
            ("Mrs", "Mrs", "PROPN", "compound", 3),
            ("Jones", "Jones", "PROPN", "nsubj", 4),
            ("met", "meet", "VERB", "ROOT", 4),
            ("Lukashenko", "Lukashenko", "PROPN", "dobj", 4),
            (".", ".", "PUNCT", "punct", 4),
            ("Lukashenko", "Lukashenko", "PROPN", "nsubj", 8),
            ("praised", "praise", "VERB", "ROOT", 8),
            ("her", "she", "PRON", "dobj", 8),
            (".", ".", "PUNCT", "punct", 8),
        ],
        ents=[(2, 4, "PERSON"), (5, 6, "PERSON"), (7, 8, "PERSON")],
    )
    data = merge([parse_actor_file(ACTORS + "female_names: [mrs]\n", "test")])
    found = resolve_mentions(
        doc,
        doc_id="d",
        day="2016-04-15",
        gazetteer=build_gazetteer(data, str.split),
        state_codes=frozenset(e.code for e in data.entities),
        female_names=data.female_names,
    )
    assert [(m.text, m.actor) for m in found if m.method == "pronoun"] == [("her", "USA")]


def test_resolve_group_of_no_one_state_is_not_the_state_in_context() -> None:
    doc = make_doc(
        [
            ("Minsk", "Minsk", "PROPN", "nsubj", 1),
            ("invited", "invite", "VERB", "ROOT", 1),
            ("foreign", "foreign", "ADJ", "amod", 3),
            ("diplomats", "diplomat", "NOUN", "dobj", 1),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert [(m.text, m.actor) for m in resolve(doc)] == [("Minsk", "BLR")]


def test_resolve_title_that_holds_an_unbound_word_still_resolves() -> None:
    # "foreign" inside the title "foreign minister" does not unbind it
    doc = make_doc(
        [
            ("Minsk", "Minsk", "PROPN", "nsubj", 1),
            ("thanked", "thank", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 4),
            ("foreign", "foreign", "ADJ", "amod", 4),
            ("minister", "minister", "NOUN", "dobj", 1),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert [(m.actor, m.sector) for m in resolve(doc)] == [("BLR", None), ("BLR", "GOV")]


def test_resolve_opposition_to_something_is_a_stance() -> None:
    doc = make_doc(
        [
            ("Minsk", "Minsk", "PROPN", "nsubj", 1),
            ("kept", "keep", "VERB", "ROOT", 1),
            ("its", "its", "PRON", "poss", 3),
            ("opposition", "opposition", "NOUN", "dobj", 1),
            ("to", "to", "ADP", "prep", 1),
            ("the", "the", "DET", "det", 6),
            ("plan", "plan", "NOUN", "pobj", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = [(m.text, m.actor, m.sector) for m in resolve(doc)]
    assert ("opposition", "BLR", "OPP") not in found
    assert not any(sector == "OPP" for _, _, sector in found)
