from __future__ import annotations

import pytest

from detente.errors import DataError
from detente.events.lexicon import Frame, Modal, Trigger, load_lexicon
from detente.events.ontology import load_ontology


@pytest.mark.parametrize(
    ("code", "root", "quad", "goldstein", "plover"),
    [
        ("042", "04", 1, 1.9, "CONSULT"),
        ("0841", "08", 2, 7.0, "RETREAT"),
        ("081", "08", 2, 5.0, "CONCEDE"),
        ("163", "16", 4, -8.0, "COERCE"),
        ("010", "01", 1, 0.0, None),
        ("020", "02", 1, 3.0, "REQUEST"),
        ("190", "19", 4, -10.0, "ASSAULT"),
    ],
)
def test_ontology_derived_fields(
    code: str, root: str, quad: int, goldstein: float, plover: str | None
) -> None:
    entry = load_ontology().get(code)
    assert (entry.root, entry.quad_class, entry.goldstein) == (root, quad, goldstein)
    if plover is not None:
        assert entry.plover == plover


def test_ontology_every_root_and_unknown_code() -> None:
    ontology = load_ontology()
    assert {f"{i:02d}" for i in range(1, 21)} <= set(ontology.codes)
    with pytest.raises(DataError):
        ontology.get("99")


def test_lexicon_frames_pick_the_first_match() -> None:
    trigger = Trigger(
        lemma="impose",
        code=None,
        frames=(
            Frame("163", objects=frozenset({"sanction"})),
            Frame("1723", objects=frozenset({"curfew"})),
        ),
        target_preps=("on",),
    )
    assert trigger.code_for({"sanction"}, set(), set()) == ("163", ("on",), True)
    assert trigger.code_for({"curfew"}, set(), set())[0] == "1723"  # type: ignore[index]
    assert trigger.code_for({"tax"}, set(), set()) is None


def test_lexicon_frame_with_no_code_says_no_event() -> None:
    trigger = Trigger(
        lemma="yield",
        code="080",
        frames=(Frame(None, objects=frozenset({"result"})),),
        target_preps=("to",),
    )
    assert trigger.code_for({"result"}, set(), set()) is None
    assert trigger.code_for(set(), {"to"}, set()) == ("080", ("to",), False)
    # and the shipped lexicon says so for "the talks yielded no results"
    shipped = load_lexicon().verbs["yield"]
    assert shipped.code_for({"result"}, set(), set()) is None


def test_lexicon_frame_heads_beat_modifiers() -> None:
    trigger = load_lexicon().verbs["launch"]
    found = trigger.code_for({"war", "game"}, set(), set(), frozenset({"game"}))
    assert found is not None
    assert found[0] == "150"


@pytest.mark.parametrize(
    ("embedded", "code"),
    [("0841", "0353"), ("046", "036"), ("062", "0312"), (None, "030"), ("190", "030")],
)
def test_lexicon_modal_maps_by_longest_prefix(embedded: str | None, code: str) -> None:
    intent = load_lexicon().modals["intent"]
    assert isinstance(intent, Modal)
    assert intent.apply(embedded) == code


def test_lexicon_covers_every_root() -> None:
    lexicon = load_lexicon()
    codes = {t.code for t in (*lexicon.verbs.values(), *lexicon.nouns.values()) if t.code}
    codes |= {
        f.code
        for t in (*lexicon.verbs.values(), *lexicon.nouns.values())
        for f in t.frames
        if f.code
    }
    assert {c[:2] for c in codes} >= {f"{i:02d}" for i in range(1, 21)}
    assert lexicon.converse["042"] == "043"


def test_word_lists_come_from_the_data_file() -> None:
    from detente.events.lexicon import word_list

    assert "border" in word_list("place_nouns")
    assert "say" in word_list("attribution_verbs")
    with pytest.raises(DataError, match="no list named"):
        word_list("no_such_list")
