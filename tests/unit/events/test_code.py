"""Event coding on hand-built parses, with the real lexicon and hand-made actor mentions."""

from __future__ import annotations

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

    from detente.events.code import _aside

    doc = make_doc(
        [
            ("Talks", "talk", "NOUN", "ROOT", 0),
            ("with", "with", "ADP", "prep", 0),
            ("Iran", "Iran", "PROPN", "pobj", 1),
        ]
    )
    signal.alarm(5)  # a regression would loop for ever
    try:
        assert _aside(doc[2], doc[0]) is False
    finally:
        signal.alarm(0)


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
