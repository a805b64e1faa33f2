"""Event coding on hand-built parses, with the real lexicon and hand-made actor mentions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from detente.events.code import EventContext, code_doc
from detente.events.lexicon import load_lexicon
from detente.events.ontology import load_ontology
from detente.types import Mention
from tests.docs import make_doc


def mention(doc: Any, i: int, actor: str, sector: str | None = None) -> Mention:
    token = doc[i]
    return Mention("d", 0, token.idx, token.idx + len(token), token.text, actor, sector, "name", i)


def code(
    doc: Any, mentions: list[Mention], published: str | None = "2016-04"
) -> set[tuple[Any, ...]]:
    context = EventContext("d", published, load_lexicon(), load_ontology())
    return {(e.source, e.target, e.code) for e in code_doc(doc, mentions, context)}


def test_code_reciprocal_talks() -> None:
    doc = make_doc(
        [
            ("Russia", "Russia", "PROPN", "nsubj", 3),
            ("and", "and", "CCONJ", "cc", 0),
            ("Belarus", "Belarus", "PROPN", "conj", 0),
            ("held", "hold", "VERB", "ROOT", 3),
            ("talks", "talk", "NOUN", "dobj", 3),
            (".", ".", "PUNCT", "punct", 3),
        ]
    )
    found = code(doc, [mention(doc, 0, "RUS"), mention(doc, 2, "BLR")])
    assert found == {("RUS", "BLR", "046"), ("BLR", "RUS", "046")}


def test_code_sanctions_with_target_preposition() -> None:
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("imposed", "impose", "VERB", "ROOT", 1),
            ("sanctions", "sanction", "NOUN", "dobj", 1),
            ("on", "on", "ADP", "prep", 1),
            ("Belarus", "Belarus", "PROPN", "pobj", 3),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert code(doc, [mention(doc, 0, "POL"), mention(doc, 4, "BLR")]) == {("POL", "BLR", "163")}


def test_code_negated_event_is_dropped() -> None:
    doc = make_doc(
        [
            ("Russia", "Russia", "PROPN", "nsubj", 3),
            ("did", "do", "AUX", "aux", 3),
            ("not", "not", "PART", "neg", 3),
            ("attack", "attack", "VERB", "ROOT", 3),
            ("Ukraine", "Ukraine", "PROPN", "dobj", 3),
            (".", ".", "PUNCT", "punct", 3),
        ]
    )
    assert code(doc, [mention(doc, 0, "RUS"), mention(doc, 4, "UKR")]) == set()


def test_code_promise_wraps_the_release() -> None:
    doc = make_doc(
        [
            ("Belarus", "Belarus", "PROPN", "nsubj", 1),
            ("promised", "promise", "VERB", "ROOT", 1),
            ("to", "to", "PART", "aux", 3),
            ("free", "free", "VERB", "xcomp", 1),
            ("Lithuanian", "lithuanian", "ADJ", "amod", 5),
            ("prisoners", "prisoner", "NOUN", "dobj", 3),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "BLR"), mention(doc, 4, "LTU")])
    assert found == {("BLR", "LTU", "0353")}


def test_code_question_is_dropped() -> None:
    doc = make_doc(
        [
            ("Will", "will", "AUX", "aux", 2),
            ("Russia", "Russia", "PROPN", "nsubj", 2),
            ("attack", "attack", "VERB", "ROOT", 2),
            ("Ukraine", "Ukraine", "PROPN", "dobj", 2),
            ("?", "?", "PUNCT", "punct", 2),
        ]
    )
    assert code(doc, [mention(doc, 1, "RUS"), mention(doc, 3, "UKR")]) == set()


def test_code_same_event_twice_is_one_event_with_two_mentions() -> None:
    rows = [
        ("Russia", "Russia", "PROPN", "nsubj", 1),
        ("attacked", "attack", "VERB", "ROOT", 1),
        ("Ukraine", "Ukraine", "PROPN", "dobj", 1),
        ("on", "on", "ADP", "prep", 1),
        ("3", "3", "NUM", "nummod", 5),
        ("May", "May", "PROPN", "pobj", 3),
        (".", ".", "PUNCT", "punct", 1),
    ]
    doc = make_doc(
        rows + [(w, lemma, pos, dep, head + 7) for w, lemma, pos, dep, head in rows],
        ents=[(4, 6, "DATE"), (11, 13, "DATE")],
    )
    mentions = [
        mention(doc, i, actor) for i, actor in ((0, "RUS"), (2, "UKR"), (7, "RUS"), (9, "UKR"))
    ]
    context = EventContext("d", "2020-05", load_lexicon(), load_ontology())
    (event,) = code_doc(doc, mentions, context)
    assert (event.source, event.target, event.root, event.date) == (
        "RUS",
        "UKR",
        "19",
        "2020-05-03",
    )
    assert [m.sent_index for m in event.mentions] == [0, 1]


def test_code_reported_prescription_is_an_appeal() -> None:
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("said", "say", "VERB", "ROOT", 1),
            ("Belarus", "Belarus", "PROPN", "nsubj", 4),
            ("should", "should", "AUX", "aux", 4),
            ("free", "free", "VERB", "ccomp", 1),
            ("prisoners", "prisoner", "NOUN", "dobj", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "POL"), mention(doc, 2, "BLR")])
    assert found == {("POL", "BLR", "0253")}


def test_code_pact_named_by_two_modifiers_is_mutual() -> None:
    doc = make_doc(
        [
            ("The", "the", "DET", "det", 4),
            ("Franco", "Franco", "PROPN", "compound", 4),
            ("-", "-", "PUNCT", "punct", 3),
            ("Spanish", "spanish", "ADJ", "amod", 4),
            ("pact", "pact", "NOUN", "nsubj", 5),
            ("expired", "expire", "VERB", "ROOT", 5),
            (".", ".", "PUNCT", "punct", 5),
        ]
    )
    found = code(doc, [mention(doc, 1, "FRA"), mention(doc, 3, "ESP")])
    assert found == {("FRA", "ESP", "057"), ("ESP", "FRA", "057")}


def test_code_attribution_after_the_act_is_no_target() -> None:
    doc = make_doc(
        [
            ("Rebels", "rebel", "NOUN", "nsubj", 1),
            ("attacked", "attack", "VERB", "ccomp", 5),
            (",", ",", "PUNCT", "punct", 5),
            ("Thai", "thai", "ADJ", "amod", 4),
            ("police", "police", "NOUN", "nsubj", 5),
            ("said", "say", "VERB", "ROOT", 5),
            (".", ".", "PUNCT", "punct", 5),
        ]
    )
    found = code(doc, [mention(doc, 0, "MMR", "REB"), mention(doc, 4, "THA", "COP")])
    assert found == {("MMR", None, "190")}


def test_code_object_named_by_its_of_phrase_with_compound() -> None:
    doc = make_doc(
        [
            ("Washington", "Washington", "PROPN", "nsubj", 1),
            ("suspended", "suspend", "VERB", "ROOT", 1),
            ("part", "part", "NOUN", "dobj", 1),
            ("of", "of", "ADP", "prep", 2),
            ("an", "an", "DET", "det", 6),
            ("aid", "aid", "NOUN", "compound", 6),
            ("programme", "programme", "NOUN", "pobj", 3),
            ("for", "for", "ADP", "prep", 6),
            ("Bosnia", "Bosnia", "PROPN", "pobj", 7),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "USA"), mention(doc, 8, "BIH")])
    assert found == {("USA", "BIH", "162")}


def test_code_intent_to_harm_is_a_threat() -> None:
    # "Poland is prepared to impose sanctions on Belarus": a threat (1312), not an intent (03x).
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("is", "be", "AUX", "ROOT", 1),
            ("prepared", "prepared", "ADJ", "acomp", 1),
            ("to", "to", "PART", "aux", 4),
            ("impose", "impose", "VERB", "xcomp", 2),
            ("sanctions", "sanction", "NOUN", "dobj", 4),
            ("on", "on", "ADP", "prep", 4),
            ("Belarus", "Belarus", "PROPN", "pobj", 6),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert code(doc, [mention(doc, 0, "POL"), mention(doc, 7, "BLR")]) == {("POL", "BLR", "1312")}


def test_code_intent_to_cooperate_stays_intent() -> None:
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("is", "be", "AUX", "ROOT", 1),
            ("ready", "ready", "ADJ", "acomp", 1),
            ("to", "to", "PART", "aux", 4),
            ("meet", "meet", "VERB", "xcomp", 2),
            ("Belarus", "Belarus", "PROPN", "dobj", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert ("POL", "BLR", "036") in code(doc, [mention(doc, 0, "POL"), mention(doc, 5, "BLR")])


def test_code_noun_source_from_phrase() -> None:
    # "Belarus drew condemnation from the West": the West condemns Belarus.
    doc = make_doc(
        [
            ("Belarus", "Belarus", "PROPN", "nsubj", 1),
            ("drew", "draw", "VERB", "ROOT", 1),
            ("condemnation", "condemnation", "NOUN", "dobj", 1),
            ("from", "from", "ADP", "prep", 1),
            ("the", "the", "DET", "det", 5),
            ("West", "West", "PROPN", "pobj", 3),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert code(doc, [mention(doc, 0, "BLR"), mention(doc, 5, "WST")]) == {("WST", "BLR", "111")}


def test_code_noun_accusation_from_against() -> None:
    # "Russia noted accusations from Poland against Belarus": by Poland, not by Russia.
    doc = make_doc(
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("noted", "note", "VERB", "ROOT", 1),
            ("accusations", "accusation", "NOUN", "dobj", 1),
            ("from", "from", "ADP", "prep", 2),
            ("Poland", "Poland", "PROPN", "pobj", 3),
            ("against", "against", "ADP", "prep", 2),
            ("Belarus", "Belarus", "PROPN", "pobj", 5),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    mentions = [mention(doc, 0, "RUS"), mention(doc, 4, "POL"), mention(doc, 6, "BLR")]
    assert ("POL", "BLR", "112") in code(doc, mentions)


def test_code_act_announced_on_a_condition_is_a_threat() -> None:
    # "Poland will withdraw its troops unless Belarus agrees": a threat (130), not intent (0356).
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 2),
            ("will", "will", "AUX", "aux", 2),
            ("withdraw", "withdraw", "VERB", "ROOT", 2),
            ("its", "its", "PRON", "poss", 4),
            ("troops", "troop", "NOUN", "dobj", 2),
            ("unless", "unless", "SCONJ", "mark", 7),
            ("Belarus", "Belarus", "PROPN", "nsubj", 7),
            ("agrees", "agree", "VERB", "advcl", 2),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    found = code(doc, [mention(doc, 0, "POL"), mention(doc, 6, "BLR")])
    assert {c[:2] for s, t, c in found if (s, t) == ("POL", "BLR")} == {"13"}


def test_code_nationality_of_a_place_is_no_target() -> None:
    # "Russian troops attacked near the Polish border": Poland is where, not whom.
    doc = make_doc(
        [
            ("Russian", "russian", "ADJ", "amod", 1),
            ("troops", "troop", "NOUN", "nsubj", 2),
            ("attacked", "attack", "VERB", "ROOT", 2),
            ("near", "near", "ADP", "prep", 2),
            ("the", "the", "DET", "det", 6),
            ("Polish", "polish", "ADJ", "amod", 6),
            ("border", "border", "NOUN", "pobj", 3),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    polish = Mention("d", 0, doc[5].idx, doc[5].idx + 6, "Polish", "POL", None, "adjective", 5)
    assert code(doc, [mention(doc, 1, "RUS", "MIL"), polish]) == {("RUS", None, "190")}


def test_code_demand_of_an_act_named_by_a_noun() -> None:
    # "Poland demanded the withdrawal of Russian troops": a demand to de-escalate (1056).
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("demanded", "demand", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3),
            ("withdrawal", "withdrawal", "NOUN", "dobj", 1),
            ("of", "of", "ADP", "prep", 3),
            ("Russian", "russian", "ADJ", "amod", 6),
            ("troops", "troop", "NOUN", "pobj", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "POL"), mention(doc, 6, "RUS", "MIL")])
    assert found == {("POL", "RUS", "1056")}


def test_code_capacity_is_no_act() -> None:
    # "Poland is able to lift sanctions on Belarus": nothing was lifted.
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("is", "be", "AUX", "ROOT", 1),
            ("able", "able", "ADJ", "acomp", 1),
            ("to", "to", "PART", "aux", 4),
            ("lift", "lift", "VERB", "xcomp", 2),
            ("sanctions", "sanction", "NOUN", "dobj", 4),
            ("on", "on", "ADP", "prep", 5),
            ("Belarus", "Belarus", "PROPN", "pobj", 6),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert code(doc, [mention(doc, 0, "POL"), mention(doc, 7, "BLR")]) == set()


def test_code_place_named_by_direction_is_no_target() -> None:
    # "Russian ships attacked a rig east of Latvia": Latvia is where, not whom.
    doc = make_doc(
        [
            ("Russian", "russian", "ADJ", "amod", 1),
            ("ships", "ship", "NOUN", "nsubj", 2),
            ("attacked", "attack", "VERB", "ROOT", 2),
            ("a", "a", "DET", "det", 4),
            ("rig", "rig", "NOUN", "dobj", 2),
            ("east", "east", "ADV", "advmod", 2),
            ("of", "of", "ADP", "prep", 5),
            ("Latvia", "Latvia", "PROPN", "pobj", 6),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    assert code(doc, [mention(doc, 1, "RUS", "MIL"), mention(doc, 7, "LVA")]) == {
        ("RUS", None, "190")
    }


def test_code_support_for_an_act_of_another_branch() -> None:
    # "The Polish parliament backed the government's sanctions against Belarus": LEG -> GOV.
    doc = make_doc(
        [
            ("The", "the", "DET", "det", 2),
            ("Polish", "polish", "ADJ", "amod", 2),
            ("parliament", "parliament", "NOUN", "nsubj", 3),
            ("backed", "back", "VERB", "ROOT", 3),
            ("the", "the", "DET", "det", 5),
            ("government", "government", "NOUN", "poss", 7),
            ("'s", "'s", "PART", "case", 5),
            ("sanctions", "sanction", "NOUN", "dobj", 3),
            ("against", "against", "ADP", "prep", 7),
            ("Belarus", "Belarus", "PROPN", "pobj", 8),
            (".", ".", "PUNCT", "punct", 3),
        ]
    )
    mentions = [
        mention(doc, 2, "POL", "LEG"),
        mention(doc, 5, "POL", "GOV"),
        mention(doc, 9, "BLR"),
    ]
    assert ("POL", "POL", "051") in code(doc, mentions)


def test_code_scheduled_meeting_is_intent() -> None:
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("is", "be", "AUX", "ROOT", 1),
            ("due", "due", "ADJ", "acomp", 1),
            ("to", "to", "PART", "aux", 4),
            ("meet", "meet", "VERB", "xcomp", 2),
            ("Belarus", "Belarus", "PROPN", "dobj", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert ("POL", "BLR", "036") in code(doc, [mention(doc, 0, "POL"), mention(doc, 5, "BLR")])


def test_code_headline_with_a_noun_root_ends() -> None:
    """A sentence whose root is a noun: climbing to it must stop there (spaCy makes a new Token
    object on every access, so identity never tells that the root is its own head)."""
    import signal

    from detente.events.parties import is_aside

    doc = make_doc(
        [
            ("Talks", "talk", "NOUN", "ROOT", 0),
            ("with", "with", "ADP", "prep", 0),
            ("Iran", "Iran", "PROPN", "pobj", 1),
        ]
    )
    signal.alarm(5)  # a regression would loop for ever
    try:
        assert is_aside(doc[2], doc[0]) is False
    finally:
        signal.alarm(0)


def test_code_participle_clause_in_an_object_acts_on_its_own() -> None:
    # "Poland backed the Lithuanian motion condemning Russia": the motion condemns Russia.
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("backed", "back", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 4),
            ("Lithuanian", "lithuanian", "ADJ", "amod", 4),
            ("motion", "motion", "NOUN", "dobj", 1),
            ("condemning", "condemn", "VERB", "acl", 4),
            ("Russia", "Russia", "PROPN", "dobj", 5),
            (".", ".", "PUNCT", "punct", 1),
        ],
        tags={5: "VBG"},
    )
    mentions = [mention(doc, 0, "POL"), mention(doc, 3, "LTU"), mention(doc, 6, "RUS")]
    assert ("LTU", "RUS", "111") in code(doc, mentions)


def test_code_another_part_of_the_same_sector_is_a_target() -> None:
    # "The president met party leaders": both GOV of one state, two different phrases.
    doc = make_doc(
        [
            ("The", "the", "DET", "det", 1),
            ("president", "president", "NOUN", "nsubj", 2),
            ("met", "meet", "VERB", "ROOT", 2),
            ("party", "party", "NOUN", "compound", 4),
            ("leaders", "leader", "NOUN", "dobj", 2),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    president = replace(mention(doc, 1, "ITA", "GOV"), person="Francesco Cossiga")
    mentions = [president, mention(doc, 4, "ITA", "GOV")]
    assert ("ITA", "ITA", "040") in code(doc, mentions)
    # the very same phrase twice is not an event with itself
    alone = [mention(doc, 1, "ITA", "GOV")]
    assert all(target is None for _, target, _ in code(doc, alone))


def test_code_speaking_is_an_act_only_with_someone() -> None:
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("spoke", "speak", "VERB", "ROOT", 1),
            ("before", "before", "ADP", "prep", 1),
            ("the", "the", "DET", "det", 4),
            ("vote", "vote", "NOUN", "pobj", 2),
            (".", ".", "PUNCT", "punct", 1),
            ("Poland", "Poland", "PROPN", "nsubj", 7),
            ("spoke", "speak", "VERB", "ROOT", 7),
            ("with", "with", "ADP", "prep", 7),
            ("Belarus", "Belarus", "PROPN", "pobj", 8),
            (".", ".", "PUNCT", "punct", 7),
        ]
    )
    found = code(doc, [mention(doc, 0, "POL"), mention(doc, 6, "POL"), mention(doc, 9, "BLR")])
    assert ("POL", None, "040") not in found
    assert ("POL", "BLR", "040") in found


def test_code_coordinated_nationalities_of_one_group_are_two_actors() -> None:
    # "Russian and Belarusian troops held joint drills": each state's troops, cooperating.
    doc = make_doc(
        [
            ("Russian", "russian", "ADJ", "amod", 3),
            ("and", "and", "CCONJ", "cc", 0),
            ("Belarusian", "belarusian", "ADJ", "conj", 0),
            ("troops", "troop", "NOUN", "nsubj", 4),
            ("held", "hold", "VERB", "ROOT", 4),
            ("drills", "drill", "NOUN", "dobj", 4),
            (".", ".", "PUNCT", "punct", 4),
        ]
    )
    phrase = Mention("d", 0, 0, doc[3].idx + len(doc[3]), "", "RUS", "MIL", "sector", 3)
    adjective = Mention("d", 0, doc[2].idx, doc[2].idx + 10, "", "BLR", None, "adjective", 2)
    assert code(doc, [phrase, adjective]) == {("RUS", "BLR", "062"), ("BLR", "RUS", "062")}


def test_code_frame_of_the_head_word_beats_a_modifier() -> None:
    # "Poland launched ten days of war games": games, not a war.
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("launched", "launch", "VERB", "ROOT", 1),
            ("ten", "ten", "NUM", "nummod", 3),
            ("days", "day", "NOUN", "dobj", 1),
            ("of", "of", "ADP", "prep", 3),
            ("war", "war", "NOUN", "compound", 6),
            ("games", "game", "NOUN", "pobj", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert code(doc, [mention(doc, 0, "POL")]) == {("POL", None, "150")}


def test_code_participle_parsed_as_the_subject_gives_its_own_subject() -> None:
    # "The Red Cross operating in Iraq said Britain must leave": the Red Cross appeals.
    doc = make_doc(
        [
            ("Red", "Red", "PROPN", "compound", 1),
            ("Cross", "Cross", "PROPN", "nsubj", 2),
            ("operating", "operate", "VERB", "nsubj", 5),
            ("in", "in", "ADP", "prep", 2),
            ("Iraq", "Iraq", "PROPN", "pobj", 3),
            ("said", "say", "VERB", "ROOT", 5),
            ("Britain", "Britain", "PROPN", "nsubj", 8),
            ("must", "must", "AUX", "aux", 8),
            ("withdraw", "withdraw", "VERB", "ccomp", 5),
            (".", ".", "PUNCT", "punct", 5),
        ]
    )
    mentions = [mention(doc, 1, "IGO"), mention(doc, 4, "IRQ"), mention(doc, 6, "GBR")]
    found = code(doc, mentions)
    assert {s for s, t, c in found if c.startswith("02")} == {"IGO"}


def test_code_intention_to_visit_is_only_the_intent() -> None:
    # "Poland announced its plan to visit Belarus": an intent (036), no visit yet.
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("announced", "announce", "VERB", "ROOT", 1),
            ("its", "its", "PRON", "poss", 3),
            ("plan", "plan", "NOUN", "dobj", 1),
            ("to", "to", "PART", "aux", 5),
            ("visit", "visit", "VERB", "acl", 3),
            ("Belarus", "Belarus", "PROPN", "dobj", 5),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "POL"), mention(doc, 6, "BLR")])
    assert {c for _, _, c in found} == {"036"}


def test_code_trigger_noun_naming_what_talks_are_about_is_no_event() -> None:
    # "The Belarus ceasefire talks with Poland began": talks (046), not a ceasefire.
    doc = make_doc(
        [
            ("The", "the", "DET", "det", 3),
            ("Belarus", "Belarus", "PROPN", "compound", 2),
            ("ceasefire", "ceasefire", "NOUN", "compound", 3),
            ("talks", "talk", "NOUN", "nsubj", 6),
            ("with", "with", "ADP", "prep", 3),
            ("Poland", "Poland", "PROPN", "pobj", 4),
            ("began", "begin", "VERB", "ROOT", 6),
            (".", ".", "PUNCT", "punct", 6),
        ]
    )
    found = code(doc, [mention(doc, 1, "BLR"), mention(doc, 5, "POL")])
    assert {c for _, _, c in found} == {"046"}


def test_code_act_on_a_definite_noun_answers_the_last_act_before() -> None:
    # "Russia made an offer. Belarus declined the offer.": Belarus rejects Russia.
    doc = make_doc(
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("made", "make", "VERB", "ROOT", 1),
            ("an", "an", "DET", "det", 3),
            ("offer", "offer", "NOUN", "dobj", 1),
            (".", ".", "PUNCT", "punct", 1),
            ("Belarus", "Belarus", "PROPN", "nsubj", 6),
            ("declined", "decline", "VERB", "ROOT", 6),
            ("the", "the", "DET", "det", 8),
            ("offer", "offer", "NOUN", "dobj", 6),
            (".", ".", "PUNCT", "punct", 6),
        ]
    )
    found = code(doc, [mention(doc, 0, "RUS"), mention(doc, 5, "BLR")])
    assert {(s, t) for s, t, c in found if c.startswith("12")} == {("BLR", "RUS")}


def test_code_phone_call_hung_on_the_apposition_belongs_to_the_verb() -> None:
    # "Poland told Lukashenko, the Belarusian leader, in a phone call."
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("told", "tell", "VERB", "ROOT", 1),
            ("Lukashenko", "Lukashenko", "PROPN", "dobj", 1),
            (",", ",", "PUNCT", "punct", 2),
            ("the", "the", "DET", "det", 5),
            ("leader", "leader", "NOUN", "appos", 2),
            ("in", "in", "ADP", "prep", 5),
            ("a", "a", "DET", "det", 9),
            ("phone", "phone", "NOUN", "compound", 9),
            ("call", "call", "NOUN", "pobj", 6),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "POL"), mention(doc, 2, "BLR", "GOV")])
    assert ("POL", "BLR", "041") in found
    assert ("BLR", "POL", "041") in found


def test_code_noun_inside_nested_prepositions_takes_the_verb_subject() -> None:
    # "Belarus wrote Ukraine, in addition to accusations against Poland."
    doc = make_doc(
        [
            ("Belarus", "Belarus", "PROPN", "nsubj", 1),
            ("wrote", "write", "VERB", "ROOT", 1),
            ("Ukraine", "Ukraine", "PROPN", "dobj", 1),
            (",", ",", "PUNCT", "punct", 1),
            ("in", "in", "ADP", "prep", 1),
            ("addition", "addition", "NOUN", "pobj", 4),
            ("to", "to", "ADP", "prep", 5),
            ("accusations", "accusation", "NOUN", "pobj", 6),
            ("against", "against", "ADP", "prep", 7),
            ("Poland", "Poland", "PROPN", "pobj", 8),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "BLR"), mention(doc, 2, "UKR"), mention(doc, 9, "POL")])
    assert ("BLR", "POL", "112") in found


def test_code_ending_a_war_between_two_others_is_mediation_with_each() -> None:
    # "Turkey ended the fighting between Armenia and Azerbaijan."
    doc = make_doc(
        [
            ("Turkey", "Turkey", "PROPN", "nsubj", 1),
            ("ended", "end", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3),
            ("fighting", "fighting", "NOUN", "dobj", 1),
            ("between", "between", "ADP", "prep", 3),
            ("Armenia", "Armenia", "PROPN", "pobj", 4),
            ("and", "and", "CCONJ", "cc", 5),
            ("Azerbaijan", "Azerbaijan", "PROPN", "conj", 5),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    mentions = [mention(doc, 0, "TUR"), mention(doc, 5, "ARM"), mention(doc, 7, "AZE")]
    found = code(doc, mentions)
    assert {("TUR", "ARM", "045"), ("TUR", "AZE", "045")} <= found
    assert not any(s == "TUR" and c != "045" for s, _, c in found)


def test_code_release_with_no_one_named_frees_ones_own_people() -> None:
    # "The junta released thousands of convicts, Thai officials said." is no release to Thailand.
    doc = make_doc(
        [
            ("The", "the", "DET", "det", 1),
            ("junta", "junta", "NOUN", "nsubj", 2),
            ("released", "release", "VERB", "ccomp", 9),
            ("thousands", "thousand", "NOUN", "dobj", 2),
            ("of", "of", "ADP", "prep", 3),
            ("convicts", "convict", "NOUN", "pobj", 4),
            (",", ",", "PUNCT", "punct", 9),
            ("Thai", "thai", "ADJ", "amod", 8),
            ("officials", "official", "NOUN", "nsubj", 9),
            ("said", "say", "VERB", "ROOT", 9),
            (".", ".", "PUNCT", "punct", 9),
        ]
    )
    found = code(doc, [mention(doc, 1, "MMR", "GOV"), mention(doc, 8, "THA", "GOV")])
    assert ("MMR", "MMR", "0841") in found
    assert not any(t == "THA" for _, t, _ in found)


def test_code_sentence_target_prefers_a_named_actor_to_a_nationality_on_a_thing() -> None:
    # "Belarus sent food made from Russian grain for Ukrainian troops" ("for" hung on "made").
    doc = make_doc(
        [
            ("Belarus", "Belarus", "PROPN", "nsubj", 1),
            ("sent", "send", "VERB", "ROOT", 1),
            ("food", "food", "NOUN", "dobj", 1),
            ("made", "make", "VERB", "acl", 2),
            ("from", "from", "ADP", "prep", 3),
            ("Russian", "russian", "ADJ", "amod", 6),
            ("grain", "grain", "NOUN", "pobj", 4),
            ("for", "for", "ADP", "prep", 3),
            ("Ukrainian", "ukrainian", "ADJ", "amod", 9),
            ("troops", "troop", "NOUN", "pobj", 7),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    russian = Mention("d", 0, doc[5].idx, doc[5].idx + 7, "", "RUS", None, "adjective", 5)
    troops = Mention("d", 0, doc[8].idx, doc[9].idx + 6, "", "UKR", "MIL", "sector", 9)
    found = code(doc, [mention(doc, 0, "BLR"), russian, troops])
    assert ("BLR", "UKR", "073") in found
    assert ("BLR", "RUS", "073") not in found


def test_code_forced_to_back_down_yields_to_the_last_actor() -> None:
    # "Russia cut supplies. Belarus was forced to back down."
    doc = make_doc(
        [
            ("Russia", "Russia", "PROPN", "nsubj", 1),
            ("cut", "cut", "VERB", "ROOT", 1),
            ("supplies", "supply", "NOUN", "dobj", 1),
            (".", ".", "PUNCT", "punct", 1),
            ("Belarus", "Belarus", "PROPN", "nsubjpass", 6),
            ("was", "be", "AUX", "auxpass", 6),
            ("forced", "force", "VERB", "ROOT", 6),
            ("to", "to", "PART", "aux", 8),
            ("back", "back", "VERB", "xcomp", 6),
            ("down", "down", "ADP", "prt", 8),
            (".", ".", "PUNCT", "punct", 6),
        ]
    )
    found = code(doc, [mention(doc, 0, "RUS"), mention(doc, 4, "BLR")])
    assert ("BLR", "RUS", "080") in found


def person(doc: Any, i: int, actor: str, sector: str, name: str) -> Mention:
    token = doc[i]
    return Mention(
        "d", 0, token.idx, token.idx + len(token), token.text, actor, sector, "leader", i, name
    )


def test_code_person_meets_group_of_own_state() -> None:
    """A person and a group of one state and sector are two parties: a domestic meeting."""
    doc = make_doc(
        [
            ("Mattarella", "Mattarella", "PROPN", "nsubj", 1),
            ("met", "meet", "VERB", "ROOT", 1),
            ("party", "party", "NOUN", "compound", 3),
            ("leaders", "leader", "NOUN", "dobj", 1),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    mentions = [person(doc, 0, "ITA", "GOV", "Sergio Mattarella"), mention(doc, 3, "ITA", "GOV")]
    assert code(doc, mentions) == {("ITA", "ITA", "040")}


def test_code_same_person_is_no_target_of_itself() -> None:
    doc = make_doc(
        [
            ("Meloni", "Meloni", "PROPN", "nsubj", 1),
            ("met", "meet", "VERB", "ROOT", 1),
            ("Meloni", "Meloni", "PROPN", "dobj", 1),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    mentions = [
        person(doc, 0, "ITA", "GOV", "Giorgia Meloni"),
        person(doc, 2, "ITA", "GOV", "Giorgia Meloni"),
    ]
    assert ("ITA", "ITA", "040") not in code(doc, mentions)


def test_code_same_party_object_pronoun_is_another_person() -> None:
    from detente.events.parties import same_party

    doc = make_doc(
        [
            ("Scholz", "Scholz", "PROPN", "nsubj", 1),
            ("told", "tell", "VERB", "ROOT", 1),
            ("him", "he", "PRON", "dobj", 1),
            ("and", "and", "CCONJ", "cc", 1),
            ("his", "his", "PRON", "poss", 5),
            ("aides", "aide", "NOUN", "conj", 2),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    source = person(doc, 0, "DEU", "GOV", "Olaf Scholz")
    him = Mention("d", 0, doc[2].idx, doc[2].idx + 3, "him", "DEU", "GOV", "pronoun", 2)
    his = Mention("d", 0, doc[4].idx, doc[4].idx + 3, "his", "DEU", "GOV", "pronoun", 4)
    assert same_party(source, him, doc) is False
    assert same_party(source, his, doc) is True


def test_code_targetless_act_on_a_party_of_its_own_state() -> None:
    """With no target in the parse and no other state in the sentence, another part of the
    source's own state named there is the target ("rebels attacked near the army base")."""
    doc = make_doc(
        [
            ("Rebels", "rebel", "NOUN", "nsubj", 1),
            ("attacked", "attack", "VERB", "ROOT", 1),
            ("near", "near", "ADP", "prep", 1),
            ("an", "an", "DET", "det", 5),
            ("army", "army", "NOUN", "compound", 5),
            ("base", "base", "NOUN", "pobj", 2),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    mentions = [mention(doc, 0, "COL", "REB"), mention(doc, 4, "COL", "MIL")]
    assert code(doc, mentions) == {("COL", "COL", "190")}


def test_code_reduced_relative_reports_its_own_act() -> None:
    """A past participle on its object noun is an act of its own ("sanctions imposed on X"),
    even under a clause of capacity that blocks the main verb."""
    doc = make_doc(
        [
            ("Canada", "Canada", "PROPN", "nsubj", 1),
            ("is", "be", "AUX", "ROOT", 1),
            ("able", "able", "ADJ", "acomp", 1),
            ("to", "to", "PART", "aux", 4),
            ("lift", "lift", "VERB", "xcomp", 2),
            ("sanctions", "sanction", "NOUN", "dobj", 4),
            ("imposed", "impose", "VERB", "acl", 5),
            ("on", "on", "ADP", "prep", 6),
            ("Chile", "Chile", "PROPN", "pobj", 7),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    doc[6].tag_ = "VBN"
    assert code(doc, [mention(doc, 0, "CAN"), mention(doc, 8, "CHL")]) == {("CAN", "CHL", "163")}


def test_code_reduced_relative_on_a_noun_that_is_not_its_act() -> None:
    """ "a plan proposed by Peru": the participle names no act of its own on that noun."""
    doc = make_doc(
        [
            ("Chile", "Chile", "PROPN", "nsubj", 1),
            ("rejected", "reject", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3),
            ("plan", "plan", "NOUN", "dobj", 1),
            ("proposed", "propose", "VERB", "acl", 3),
            ("by", "by", "ADP", "agent", 4),
            ("Peru", "Peru", "PROPN", "pobj", 5),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    doc[4].tag_ = "VBN"
    found = code(doc, [mention(doc, 0, "CHL"), mention(doc, 6, "PER")])
    assert ("PER", "CHL", "030") not in found
    assert all(e[0] == "CHL" for e in found)


def test_code_noun_event_addressed_through_the_verbs_to_phrase() -> None:
    """ "X handed a note to Y in talks": the talks are with the verb's to-object."""
    doc = make_doc(
        [
            ("Peru", "Peru", "PROPN", "nsubj", 1),
            ("handed", "hand", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3),
            ("note", "note", "NOUN", "dobj", 1),
            ("to", "to", "ADP", "prep", 1),
            ("Chile", "Chile", "PROPN", "pobj", 4),
            ("in", "in", "ADP", "prep", 1),
            ("talks", "talk", "NOUN", "pobj", 6),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "PER"), mention(doc, 5, "CHL")])
    assert {("PER", "CHL", "046"), ("CHL", "PER", "046")} <= found


def test_code_verb_form_naming_an_activity_is_no_event() -> None:
    """ "watched shipping lanes": a gerund modifying a noun names no act."""
    doc = make_doc(
        [
            ("Peru", "Peru", "PROPN", "nsubj", 1),
            ("watched", "watch", "VERB", "ROOT", 1),
            ("shipping", "ship", "VERB", "compound", 3),
            ("lanes", "lane", "NOUN", "dobj", 1),
            ("to", "to", "ADP", "prep", 3),
            ("Chile", "Chile", "PROPN", "pobj", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "PER"), mention(doc, 5, "CHL")])
    assert all(not c.startswith("06") for _, _, c in found)


def test_code_protest_noun_with_no_target_is_at_its_own_government() -> None:
    doc = make_doc(
        [
            ("Protests", "protest", "NOUN", "nsubj", 3),
            ("by", "by", "ADP", "prep", 0),
            ("farmers", "farmer", "NOUN", "pobj", 1),
            ("spread", "spread", "VERB", "ROOT", 3),
            (".", ".", "PUNCT", "punct", 3),
        ]
    )
    assert code(doc, [mention(doc, 2, "PER", "CVL")]) == {("PER", "PER", "141")}


def test_code_clause_of_a_report_is_hearsay() -> None:
    """ "reports that Chile attacked Peru were false": the text does not assert the attack."""
    doc = make_doc(
        [
            ("Reports", "report", "NOUN", "nsubj", 5),
            ("that", "that", "SCONJ", "mark", 3),
            ("Chile", "Chile", "PROPN", "nsubj", 3),
            ("attacked", "attack", "VERB", "acl", 0),
            ("Peru", "Peru", "PROPN", "dobj", 3),
            ("were", "be", "AUX", "ROOT", 5),
            ("false", "false", "ADJ", "acomp", 5),
            (".", ".", "PUNCT", "punct", 5),
        ]
    )
    assert code(doc, [mention(doc, 2, "CHL"), mention(doc, 4, "PER")]) == set()


def test_code_trade_act_takes_no_target_from_the_sentence() -> None:
    """ "Peru sold copper, Chile said": commerce with no partner in the parse is no dyad."""
    doc = make_doc(
        [
            ("Peru", "Peru", "PROPN", "nsubj", 1),
            ("sold", "sell", "VERB", "ccomp", 5),
            ("copper", "copper", "NOUN", "dobj", 1),
            (",", ",", "PUNCT", "punct", 5),
            ("Chile", "Chile", "PROPN", "nsubj", 5),
            ("accepted", "accept", "VERB", "ROOT", 5),
            (".", ".", "PUNCT", "punct", 5),
        ]
    )
    found = code(doc, [mention(doc, 0, "PER"), mention(doc, 4, "CHL")])
    assert ("PER", "CHL", "061") not in found


def test_code_noun_act_under_a_wrapping_verb_takes_its_frame() -> None:
    """ "Peru is planning trade reprisals against Chile": an intent to harm is a threat."""
    doc = make_doc(
        [
            ("Peru", "Peru", "PROPN", "nsubj", 2),
            ("is", "be", "AUX", "aux", 2),
            ("planning", "plan", "VERB", "ROOT", 2),
            ("trade", "trade", "NOUN", "compound", 4),
            ("reprisals", "reprisal", "NOUN", "dobj", 2),
            ("against", "against", "ADP", "prep", 4),
            ("Chile", "Chile", "PROPN", "pobj", 5),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    assert code(doc, [mention(doc, 0, "PER"), mention(doc, 6, "CHL")]) == {("PER", "CHL", "1312")}


def test_code_own_possessive_pronoun_is_no_target() -> None:
    """ "the Peruvian president broke with its ally": "its" is Peru itself, whatever the sector."""
    doc = make_doc(
        [
            ("Fujimori", "Fujimori", "PROPN", "nsubj", 1),
            ("broke", "break", "VERB", "ROOT", 1),
            ("with", "with", "ADP", "prep", 1),
            ("its", "its", "PRON", "poss", 4),
            ("ally", "ally", "NOUN", "pobj", 2),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    its = Mention("d", 0, doc[3].idx, doc[3].idx + 3, "its", "PER", None, "pronoun", 3)
    found = code(doc, [person(doc, 0, "PER", "GOV", "Alberto Fujimori"), its])
    assert found == {("PER", None, "161")}


def test_code_press_is_no_target_from_the_sentence() -> None:
    """ "Peru threatened, officials told Reuters": the agency reports the act, it is no party."""
    doc = make_doc(
        [
            ("Peru", "Peru", "PROPN", "nsubj", 1),
            ("threatened", "threaten", "VERB", "ccomp", 4),
            (",", ",", "PUNCT", "punct", 4),
            ("officials", "official", "NOUN", "nsubj", 4),
            ("told", "tell", "VERB", "ROOT", 4),
            ("Reuters", "Reuters", "PROPN", "dative", 4),
            (".", ".", "PUNCT", "punct", 4),
        ]
    )
    found = code(doc, [mention(doc, 0, "PER"), mention(doc, 5, "GBR", "MED")])
    assert ("PER", "GBR", "130") not in found
    assert ("PER", None, "130") in found


def _code_with_sectors(doc: Any, mentions: list[Mention]) -> set[tuple[Any, ...]]:
    context = EventContext("d", "2016-04", load_lexicon(), load_ontology())
    return {
        (e.source, e.source_sector, e.target, e.target_sector, e.code)
        for e in code_doc(doc, mentions, context)
    }


def test_code_arrest_with_no_one_named_is_domestic() -> None:
    # "Kenyan police arrested dozens on Friday.": the state's own people (GUIDELINES section 1).
    doc = make_doc(
        [
            ("Kenyan", "kenyan", "ADJ", "amod", 1),
            ("police", "police", "NOUN", "nsubj", 2),
            ("arrested", "arrest", "VERB", "ROOT", 2),
            ("dozens", "dozen", "NOUN", "dobj", 2),
            ("on", "on", "ADP", "prep", 2),
            ("Friday", "Friday", "PROPN", "pobj", 4),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    found = _code_with_sectors(doc, [mention(doc, 1, "KEN", "COP")])
    assert found == {("KEN", "COP", "KEN", "CVL", "173")}


def test_code_protest_noun_is_aimed_at_own_government() -> None:
    # "Chilean students held demonstrations.": a nominal protest with no target.
    doc = make_doc(
        [
            ("Chilean", "chilean", "ADJ", "amod", 1),
            ("students", "student", "NOUN", "nsubj", 2),
            ("joined", "join", "VERB", "ROOT", 2),
            ("demonstrations", "demonstration", "NOUN", "dobj", 2),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    found = _code_with_sectors(doc, [mention(doc, 1, "CHL", "CVL")])
    assert found == {("CHL", "CVL", "CHL", "GOV", "141")}


def test_code_government_protest_is_not_domestic() -> None:
    # "The Chilean government protested.": at someone the text must name; no target is guessed.
    doc = make_doc(
        [
            ("The", "the", "DET", "det", 2),
            ("Chilean", "chilean", "ADJ", "amod", 2),
            ("government", "government", "NOUN", "nsubj", 3),
            ("protested", "protest", "VERB", "ROOT", 3),
            (".", ".", "PUNCT", "punct", 3),
        ]
    )
    found = _code_with_sectors(doc, [mention(doc, 2, "CHL", "GOV")])
    assert {t for _, _, t, _, _ in found} == {None}


def test_code_sentence_target_takes_the_actors_listed_with_it() -> None:
    # "Canada lifted restrictions on exports to Chile, Peru and Bolivia.": one event per state.
    doc = make_doc(
        [
            ("Canada", "Canada", "PROPN", "nsubj", 1),
            ("lifted", "lift", "VERB", "ROOT", 1),
            ("restrictions", "restriction", "NOUN", "dobj", 1),
            ("on", "on", "ADP", "prep", 2),
            ("exports", "export", "NOUN", "pobj", 3),
            ("to", "to", "ADP", "prep", 4),
            ("Chile", "Chile", "PROPN", "pobj", 5),
            (",", ",", "PUNCT", "punct", 6),
            ("Peru", "Peru", "PROPN", "conj", 6),
            ("and", "and", "CCONJ", "cc", 8),
            ("Bolivia", "Bolivia", "PROPN", "conj", 8),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    actors = [(0, "CAN"), (6, "CHL"), (8, "PER"), (10, "BOL")]
    found = code(doc, [mention(doc, i, a) for i, a in actors])
    assert {t for s, t, c in found if s == "CAN"} == {"CHL", "PER", "BOL"}


def test_code_in_protest_of_names_the_target() -> None:
    # "Chilean students continued a strike in protest of the government's ban.": the
    # strikers protest, the of-phrase is whom they protest against.
    doc = make_doc(
        [
            ("Chilean", "chilean", "ADJ", "amod", 1),
            ("students", "student", "NOUN", "nsubj", 2),
            ("continued", "continue", "VERB", "ROOT", 2),
            ("a", "a", "DET", "det", 4),
            ("strike", "strike", "NOUN", "dobj", 2),
            ("in", "in", "ADP", "prep", 4),
            ("protest", "protest", "NOUN", "pobj", 5),
            ("of", "of", "ADP", "prep", 6),
            ("the", "the", "DET", "det", 9),
            ("government", "government", "NOUN", "poss", 11),
            ("'s", "'s", "PART", "case", 9),
            ("ban", "ban", "NOUN", "pobj", 7),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    found = _code_with_sectors(doc, [mention(doc, 1, "CHL", "CVL"), mention(doc, 9, "CHL", "GOV")])
    assert {e for e in found if e[4].startswith("14")} == {("CHL", "CVL", "CHL", "GOV", "141")}


def _reported(subject: str, inner: str) -> Any:
    """ "<subject> announced <inner> must free prisoners." """
    return make_doc(
        [
            (subject, subject.lower(), "NOUN", "nsubj", 1),
            ("announced", "announce", "VERB", "ROOT", 1),
            (inner, inner.lower(), "NOUN", "nsubj", 4),
            ("must", "must", "AUX", "aux", 4),
            ("free", "free", "VERB", "ccomp", 1),
            ("prisoners", "prisoner", "NOUN", "dobj", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )


def test_code_reported_prescription_to_another_part_of_the_state() -> None:
    # "Rebels announced the government must free prisoners.": a domestic appeal.
    doc = _reported("Rebels", "government")
    found = code(doc, [mention(doc, 0, "COL", "REB"), mention(doc, 2, "COL", "GOV")])
    assert found == {("COL", "COL", "0253")}


def test_code_reported_prescription_to_itself_is_no_appeal() -> None:
    # "Bogota announced Colombia must free prisoners.": the same actor under two names.
    doc = _reported("Bogota", "Colombia")
    found = code(doc, [mention(doc, 0, "COL", "GOV"), mention(doc, 2, "COL")])
    assert not {e for e in found if e[2].startswith("02")}


def test_code_rejection_with_no_one_named_answers_own_government() -> None:
    # "Kenyan rebels rejected the plan.": no one else named; the rebels answer their government.
    doc = make_doc(
        [
            ("Kenyan", "kenyan", "ADJ", "amod", 1),
            ("rebels", "rebel", "NOUN", "nsubj", 2),
            ("rejected", "reject", "VERB", "ROOT", 2),
            ("the", "the", "DET", "det", 4),
            ("plan", "plan", "NOUN", "dobj", 2),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    found = _code_with_sectors(doc, [mention(doc, 1, "KEN", "REB")])
    assert {(s, ss, t, ts, c[:2]) for s, ss, t, ts, c in found} == {
        ("KEN", "REB", "KEN", "GOV", "12")
    }


def test_code_joint_exercises_by_two_states_are_cooperation_both_ways() -> None:
    # "Peruvian and Chilean warships launched exercises.": 062 each way, not two shows of force.
    doc = make_doc(
        [
            ("Peruvian", "peruvian", "ADJ", "amod", 3),
            ("and", "and", "CCONJ", "cc", 0),
            ("Chilean", "chilean", "ADJ", "conj", 0),
            ("warships", "warship", "NOUN", "nsubj", 4),
            ("launched", "launch", "VERB", "ROOT", 4),
            ("exercises", "exercise", "NOUN", "dobj", 4),
            (".", ".", "PUNCT", "punct", 4),
        ]
    )
    ships = Mention(
        "d",
        0,
        doc[0].idx,
        doc[3].idx + 8,
        "Peruvian and Chilean warships",
        "PER",
        "MIL",
        "sector",
        3,
    )
    chilean = Mention("d", 0, doc[2].idx, doc[2].idx + 7, "Chilean", "CHL", None, "adjective", 2)
    assert code(doc, [ships, chilean]) == {("PER", "CHL", "062"), ("CHL", "PER", "062")}


def test_code_acts_inside_an_urged_clause_are_not_reported() -> None:
    # "Chile urged Peru to cancel plans to sell arms to Bolivia.": one appeal; no sale happened.
    doc = make_doc(
        [
            ("Chile", "Chile", "PROPN", "nsubj", 1),
            ("urged", "urge", "VERB", "ROOT", 1),
            ("Peru", "Peru", "PROPN", "dobj", 1),
            ("to", "to", "PART", "aux", 4),
            ("cancel", "cancel", "VERB", "xcomp", 1),
            ("plans", "plan", "NOUN", "dobj", 4),
            ("to", "to", "PART", "aux", 7),
            ("sell", "sell", "VERB", "acl", 5),
            ("arms", "arm", "NOUN", "dobj", 7),
            ("to", "to", "ADP", "prep", 7),
            ("Bolivia", "Bolivia", "PROPN", "pobj", 9),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "CHL"), mention(doc, 2, "PER"), mention(doc, 10, "BOL")])
    assert {(s, t) for s, t, _ in found} == {("CHL", "PER")}


def test_code_acts_inside_a_reported_prescription_are_not_reported() -> None:
    # "Chile said Peru must cancel plans to sell arms to Bolivia.": one appeal, no sale.
    doc = make_doc(
        [
            ("Chile", "Chile", "PROPN", "nsubj", 1),
            ("said", "say", "VERB", "ROOT", 1),
            ("Peru", "Peru", "PROPN", "nsubj", 4),
            ("must", "must", "AUX", "aux", 4),
            ("cancel", "cancel", "VERB", "ccomp", 1),
            ("plans", "plan", "NOUN", "dobj", 4),
            ("to", "to", "PART", "aux", 7),
            ("sell", "sell", "VERB", "acl", 5),
            ("arms", "arm", "NOUN", "dobj", 7),
            ("to", "to", "ADP", "prep", 7),
            ("Bolivia", "Bolivia", "PROPN", "pobj", 9),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "CHL"), mention(doc, 2, "PER"), mention(doc, 10, "BOL")])
    assert {(s, t) for s, t, _ in found} == {("CHL", "PER")}


def test_code_own_troops_offered_are_no_target() -> None:
    # "Chile offered troops to a mission in Peru.": the troops are what is given, Peru the target.
    doc = make_doc(
        [
            ("Chile", "Chile", "PROPN", "nsubj", 1),
            ("offered", "offer", "VERB", "ROOT", 1),
            ("troops", "troop", "NOUN", "dobj", 1),
            ("to", "to", "ADP", "prep", 1),
            ("a", "a", "DET", "det", 5),
            ("mission", "mission", "NOUN", "pobj", 3),
            ("in", "in", "ADP", "prep", 5),
            ("Peru", "Peru", "PROPN", "pobj", 6),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(
        doc, [mention(doc, 0, "CHL"), mention(doc, 2, "CHL", "MIL"), mention(doc, 7, "PER")]
    )
    assert {t for s, t, _ in found if s == "CHL"} == {"PER"}


def test_code_hedged_and_merely_possible_acts_are_not_coded() -> None:
    # "Poland appears ready to attack Belarus." / "Poland can help by attacking Belarus."
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("appears", "appear", "VERB", "ROOT", 1),
            ("ready", "ready", "ADJ", "acomp", 1),
            ("to", "to", "PART", "aux", 4),
            ("attack", "attack", "VERB", "xcomp", 2),
            ("Belarus", "Belarus", "PROPN", "dobj", 4),
            (".", ".", "PUNCT", "punct", 1),
            ("Poland", "Poland", "PROPN", "nsubj", 9),
            ("can", "can", "AUX", "aux", 9),
            ("help", "help", "VERB", "ROOT", 9),
            ("by", "by", "ADP", "prep", 9),
            ("attacking", "attack", "VERB", "pcomp", 10),
            ("Belarus", "Belarus", "PROPN", "dobj", 11),
            (".", ".", "PUNCT", "punct", 9),
        ]
    )
    mentions = [
        mention(doc, 0, "POL"),
        mention(doc, 5, "BLR"),
        mention(doc, 7, "POL"),
        mention(doc, 12, "BLR"),
    ]
    assert code(doc, mentions) == set()


def test_code_act_a_prevention_keeps_from_happening_is_not_coded() -> None:
    # "Poland barred Belarus from joining NATO."
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("barred", "bar", "VERB", "ROOT", 1),
            ("Belarus", "Belarus", "PROPN", "dobj", 1),
            ("from", "from", "ADP", "prep", 1),
            ("attacking", "attack", "VERB", "pcomp", 3),
            ("Lithuania", "Lithuania", "PROPN", "dobj", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "POL"), mention(doc, 2, "BLR"), mention(doc, 5, "LTU")])
    assert not any(c.startswith("19") for _, _, c in found)


def test_code_participle_modifying_a_noun_is_no_act() -> None:
    # "Belarus faced declining support from Russia": no rejection by anyone.
    doc = make_doc(
        [
            ("Belarus", "Belarus", "PROPN", "nsubj", 1),
            ("faced", "face", "VERB", "ROOT", 1),
            ("declining", "decline", "VERB", "amod", 3),
            ("trade", "trade", "NOUN", "dobj", 1),
            ("with", "with", "ADP", "prep", 3),
            ("Russia", "Russia", "PROPN", "pobj", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "BLR"), mention(doc, 5, "RUS")])
    assert not any(c.startswith("12") for _, _, c in found)


def test_code_proposal_whose_content_a_copula_gives_is_an_offer_to_the_clause_subject() -> None:
    # "Russia's proposal was that Belarus host an airbase": an offer to Belarus, no hosting yet.
    doc = make_doc(
        [
            ("Russia", "Russia", "PROPN", "poss", 2),
            ("'s", "'s", "PART", "case", 0),
            ("proposal", "proposal", "NOUN", "nsubj", 3),
            ("was", "be", "AUX", "ROOT", 3),
            ("that", "that", "SCONJ", "mark", 6),
            ("Belarus", "Belarus", "PROPN", "nsubj", 6),
            ("host", "host", "VERB", "ccomp", 3),
            ("an", "an", "DET", "det", 8),
            ("airbase", "airbase", "NOUN", "dobj", 6),
            (".", ".", "PUNCT", "punct", 3),
        ]
    )
    found = code(doc, [mention(doc, 0, "RUS"), mention(doc, 5, "BLR")])
    assert {(s, t) for s, t, _ in found} == {("RUS", "BLR")}
    assert all(c.startswith("03") for _, _, c in found)


def test_code_what_an_actor_needs_to_do_is_not_done() -> None:
    # "Belarus needed to attack Russia."
    doc = make_doc(
        [
            ("Belarus", "Belarus", "PROPN", "nsubj", 1),
            ("needed", "need", "VERB", "ROOT", 1),
            ("to", "to", "PART", "aux", 3),
            ("attack", "attack", "VERB", "xcomp", 1),
            ("Russia", "Russia", "PROPN", "dobj", 3),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert code(doc, [mention(doc, 0, "BLR"), mention(doc, 4, "RUS")]) == set()


def test_code_organisation_session_held_in_a_state_is_a_visit_and_a_hosting() -> None:
    # "The NATO summit in Vilnius opened."
    doc = make_doc(
        [
            ("The", "the", "DET", "det", 2),
            ("NATO", "NATO", "PROPN", "compound", 2),
            ("summit", "summit", "NOUN", "nsubj", 5),
            ("in", "in", "ADP", "prep", 2),
            ("Vilnius", "Vilnius", "PROPN", "pobj", 3),
            ("opened", "open", "VERB", "ROOT", 5),
            (".", ".", "PUNCT", "punct", 5),
        ]
    )
    mentions = [mention(doc, 1, "NATO"), mention(doc, 4, "LTU")]
    context = EventContext("d", "2023-07", load_lexicon(), load_ontology(), frozenset({"LTU"}))
    found = {(e.source, e.target, e.code) for e in code_doc(doc, mentions, context)}
    assert found == {("NATO", "LTU", "042"), ("LTU", "NATO", "043")}


def test_code_a_body_that_met_with_no_one_named_met_no_one_else() -> None:
    # "The Chilean cabinet met today and praised Peru.": a praise of Peru, no meeting with it.
    doc = make_doc(
        [
            ("The", "the", "DET", "det", 2),
            ("Chilean", "chilean", "ADJ", "amod", 2),
            ("cabinet", "cabinet", "NOUN", "nsubj", 3),
            ("met", "meet", "VERB", "ROOT", 3),
            ("today", "today", "NOUN", "npadvmod", 3),
            ("and", "and", "CCONJ", "cc", 3),
            ("praised", "praise", "VERB", "conj", 3),
            ("Peru", "Peru", "PROPN", "dobj", 6),
            (".", ".", "PUNCT", "punct", 3),
        ]
    )
    found = code(doc, [mention(doc, 2, "CHL", "GOV"), mention(doc, 7, "PER")])
    assert {e for e in found if e[1] is not None} == {("CHL", "PER", "051")}


def test_code_a_meeting_that_is_the_purpose_of_a_visit_is_that_visit() -> None:
    # "Chile hosted the Peruvian president for talks.": one hosting, not also a meeting.
    doc = make_doc(
        [
            ("Chile", "Chile", "PROPN", "nsubj", 1),
            ("hosted", "host", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 4),
            ("Peruvian", "peruvian", "ADJ", "amod", 4),
            ("president", "president", "NOUN", "dobj", 1),
            ("for", "for", "ADP", "prep", 1),
            ("talks", "talk", "NOUN", "pobj", 5),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    found = code(doc, [mention(doc, 0, "CHL"), mention(doc, 4, "PER", "GOV")])
    assert {c for _, _, c in found} == {"043", "042"}


def test_code_a_warning_to_an_addressee_takes_its_act_from_the_of_phrase() -> None:
    # "Chile warned Peru of reprisals.": a threat of force (138), not a plain warning.
    doc = make_doc(
        [
            ("Chile", "Chile", "PROPN", "nsubj", 1),
            ("warned", "warn", "VERB", "ROOT", 1),
            ("Peru", "Peru", "PROPN", "dobj", 1),
            ("of", "of", "ADP", "prep", 1),
            ("reprisals", "reprisal", "NOUN", "pobj", 3),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    assert code(doc, [mention(doc, 0, "CHL"), mention(doc, 2, "PER")]) == {("CHL", "PER", "138")}


def test_code_an_attack_by_no_one_named_is_the_act_of_the_state_where_it_happened() -> None:
    # "Two Chilean soldiers were killed by a bomb in Lima.": Peru → Chile, a bomb is no attacker.
    doc = make_doc(
        [
            ("Two", "two", "NUM", "nummod", 2),
            ("Chilean", "chilean", "ADJ", "amod", 2),
            ("soldiers", "soldier", "NOUN", "nsubjpass", 4),
            ("were", "be", "AUX", "auxpass", 4),
            ("killed", "kill", "VERB", "ROOT", 4),
            ("by", "by", "ADP", "agent", 4),
            ("a", "a", "DET", "det", 7),
            ("bomb", "bomb", "NOUN", "pobj", 5),
            ("in", "in", "ADP", "prep", 4),
            ("Lima", "Lima", "PROPN", "pobj", 8),
            (".", ".", "PUNCT", "punct", 4),
        ]
    )
    mentions = [mention(doc, 2, "CHL", "MIL"), mention(doc, 9, "PER")]
    context = EventContext(
        "d", "2016-04", load_lexicon(), load_ontology(), frozenset({"PER", "CHL"})
    )
    found = {(e.source, e.target, e.code[:2]) for e in code_doc(doc, mentions, context)}
    assert {(s, t) for s, t, _ in found} == {("PER", "CHL")}


def test_code_troops_arriving_somewhere_make_no_visit() -> None:
    # "Chilean troops arrived in Peru.": a deployment, not a visit (042).
    doc = make_doc(
        [
            ("Chilean", "chilean", "ADJ", "amod", 1),
            ("troops", "troop", "NOUN", "nsubj", 2),
            ("arrived", "arrive", "VERB", "ROOT", 2),
            ("in", "in", "ADP", "prep", 2),
            ("Peru", "Peru", "PROPN", "pobj", 3),
            (".", ".", "PUNCT", "punct", 2),
        ]
    )
    found = code(doc, [mention(doc, 1, "CHL", "MIL"), mention(doc, 4, "PER")])
    assert not {c for _, _, c in found} & {"042", "043"}


def test_code_a_state_does_not_attack_its_own_government_or_forces() -> None:
    # "The Chilean president said Chilean warships shelled the island.": no Chilean target.
    doc = make_doc(
        [
            ("The", "the", "DET", "det", 2),
            ("Chilean", "chilean", "ADJ", "amod", 2),
            ("president", "president", "NOUN", "nsubj", 3),
            ("said", "say", "VERB", "ROOT", 3),
            ("Chilean", "chilean", "ADJ", "amod", 5),
            ("warships", "warship", "NOUN", "nsubj", 6),
            ("shelled", "shell", "VERB", "ccomp", 3),
            ("the", "the", "DET", "det", 8),
            ("island", "island", "NOUN", "dobj", 6),
            (".", ".", "PUNCT", "punct", 3),
        ]
    )
    found = code(doc, [mention(doc, 2, "CHL", "GOV"), mention(doc, 5, "CHL", "MIL")])
    assert not {e for e in found if e[1] == "CHL"}


def test_code_acts_charged_by_an_accusation_are_not_reported() -> None:
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("accused", "accuse", "VERB", "ROOT", 1),
            ("Belarus", "Belarus", "PROPN", "dobj", 1),
            ("of", "of", "ADP", "prep", 1),
            ("attacking", "attack", "VERB", "pcomp", 3),
            ("Lithuania", "Lithuania", "PROPN", "dobj", 4),
            (",", ",", "PUNCT", "punct", 1),
            ("threatening", "threaten", "VERB", "advcl", 1),
            ("Latvia", "Latvia", "PROPN", "dobj", 7),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    mentions = [
        mention(doc, 0, "POL"),
        mention(doc, 2, "BLR"),
        mention(doc, 5, "LTU"),
        mention(doc, 8, "LVA"),
    ]
    found = code(doc, mentions)
    assert ("POL", "BLR", "112") in found
    assert not any(c[:2] in ("13", "18", "19") for _, _, c in found)


def test_code_compound_actor_meets_itself_not_its_own_state() -> None:
    doc = make_doc(
        [
            ("Polish", "polish", "ADJ", "amod", 3),
            ("and", "and", "CCONJ", "cc", 0),
            ("Czech", "czech", "ADJ", "conj", 0),
            ("negotiators", "negotiator", "NOUN", "nsubj", 5),
            ("will", "will", "AUX", "aux", 5),
            ("hold", "hold", "VERB", "ccomp", 11),
            ("meetings", "meeting", "NOUN", "dobj", 5),
            ("over", "over", "ADP", "prep", 6),
            ("Polish", "polish", "ADJ", "amod", 9),
            ("tariffs", "tariff", "NOUN", "pobj", 7),
            (",", ",", "PUNCT", "punct", 11),
            ("officials", "official", "NOUN", "nsubj", 11),
            ("said", "say", "VERB", "ROOT", 11),
            (".", ".", "PUNCT", "punct", 11),
        ]
    )
    negotiators = replace(mention(doc, 3, "POL", "GOV"), start=doc[0].idx)
    czech = replace(mention(doc, 2, "CZE"), method="adjective")
    tariffs = replace(mention(doc, 8, "POL"), method="adjective")
    found = code(doc, [negotiators, czech, tariffs])
    assert ("POL", "POL", "036") not in found


def test_code_a_state_and_the_rebels_against_it_are_two_targets() -> None:
    doc = make_doc(
        [
            ("Poland", "Poland", "PROPN", "nsubj", 1),
            ("criticised", "criticise", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 4),
            ("Belarusian", "belarusian", "ADJ", "amod", 4),
            ("government", "government", "NOUN", "dobj", 1),
            ("and", "and", "CCONJ", "cc", 4),
            ("the", "the", "DET", "det", 7),
            ("rebels", "rebel", "NOUN", "conj", 4),
            (".", ".", "PUNCT", "punct", 1),
        ]
    )
    government = replace(mention(doc, 4, "BLR", "GOV"), start=doc[3].idx)
    rebels = mention(doc, 7, "BLR", "REB")
    context = EventContext("d", "2016-04", load_lexicon(), load_ontology())
    events = code_doc(doc, [mention(doc, 0, "POL"), government, rebels], context)
    found = sorted((e.source, e.target, e.target_sector, e.code) for e in events)
    assert found == [("POL", "BLR", "GOV", "111"), ("POL", "BLR", "REB", "111")]


def test_code_more_verbs_of_criticism_and_appeal() -> None:
    for lemma, expected in (("chide", "111"), ("vilify", "111"), ("beseech", "020")):
        doc = make_doc(
            [
                ("Poland", "Poland", "PROPN", "nsubj", 1),
                (lemma + "d", lemma, "VERB", "ROOT", 1),
                ("Belarus", "Belarus", "PROPN", "dobj", 1),
                (".", ".", "PUNCT", "punct", 1),
            ]
        )
        found = code(doc, [mention(doc, 0, "POL"), mention(doc, 2, "BLR")])
        assert found == {("POL", "BLR", expected)}
