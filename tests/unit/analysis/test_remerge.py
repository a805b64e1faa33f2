"""The incremental merge equals a merge of the whole store, whatever the sequence of writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.analysis.merge import Report, merge_reports, summary
from detente.analysis.remerge import remerge
from detente.store import Store, open_store
from detente.types import CodedDocument, Document, Event, EventMention, Sentence

TEXT = "Russia and Belarus signed a defence treaty. Officials met again in Minsk later."
WORDS = ("signed defence treaty", "officials met again", "army shelled border towns")


def event(doc_id: str, n: int, spec: tuple[str, str | None, str, int | None, int, str]) -> Event:
    source, target, code, day, words, precision = spec
    first = None if day is None else dt.date(2020, 1, 1) + dt.timedelta(days=day)
    date = (
        None
        if first is None
        else {"day": first.isoformat(), "month": first.isoformat()[:7]}.get(
            precision, str(first.year)
        )
    )
    mention = EventMention(0, 0, 10, 0, 6, f"{source} {WORDS[words]} {target}")
    return Event(
        doc_id=doc_id,
        event_id=f"{doc_id}-e{n}",
        source=source,
        source_sector=None,
        target=target,
        target_sector=None,
        code=code,
        root=code[:2],
        quad_class=1,
        goldstein=1.0,
        plover=None,
        date=date,
        date_precision=None if date is None else precision,
        date_source="text" if date else "none",
        trigger="signed",
        confidence=0.5,
        mentions=(mention,),
        lexicon_version="t",
        ontology_version="t",
    )


def document(doc_id: str, published: int, specs: list[Any]) -> CodedDocument:
    doc = Document(
        doc_id=doc_id,
        text=TEXT,
        raw_text=TEXT,
        published=(dt.date(2020, 1, 1) + dt.timedelta(days=published)).isoformat(),
    )
    events = tuple(event(doc_id, n, spec) for n, spec in enumerate(specs))
    sentence = Sentence(doc_id, 0, 0, len(TEXT), TEXT)
    return CodedDocument(document=doc, sentences=(sentence,), coded=True, events=events)


ACTOR = st.sampled_from(["RUS", "BLR", "USA"])
SPEC = st.tuples(
    ACTOR,
    st.one_of(st.none(), ACTOR),
    st.sampled_from(["040", "042", "057", "190"]),
    st.one_of(st.none(), st.integers(0, 30), st.integers(0, 1500)),
    st.integers(0, len(WORDS) - 1),
    st.sampled_from(["day", "day", "month", "year"]),
)
# A write: some documents (a new one, or a new version of one already stored; a version with no
# events removes what the document had), written together in one transaction.
WRITE = st.lists(
    st.tuples(
        st.sampled_from([f"d{i}" for i in range(6)]), st.integers(0, 30), st.lists(SPEC, max_size=4)
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda w: w[0],
)


def merged_state(store: Store) -> tuple[list[Any], list[Any]]:
    merged = store.con.execute("SELECT * FROM merged_events ORDER BY merged_id").fetchall()
    links = store.con.execute(
        "SELECT doc_id, event_id, merged_id FROM events ORDER BY doc_id, event_id"
    ).fetchall()
    return merged, links


def merged_from_scratch(store: Store) -> tuple[list[Any], list[Any]]:
    """The merge of every stored report at once, by merge.py alone."""
    rows = store.con.execute(
        "SELECT e.doc_id, e.event_id, e.source, e.target, e.root, e.code, e.date, e.date_start, "
        "e.date_precision, e.evidence, d.published FROM events e JOIN documents d USING (doc_id)"
    ).fetchall()
    groups = merge_reports(Report(*row) for row in rows)
    merged = sorted(tuple(summary(g).values()) for g in groups)
    links = sorted((r.doc_id, r.event_id, g.merged_id) for g in groups for r in g.reports)
    return merged, links


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=st.lists(WRITE, min_size=1, max_size=6), chunk=st.integers(1, 8))
def test_the_incremental_merge_equals_a_full_one(
    tmp_path: Path, writes: list[Any], chunk: int
) -> None:
    path = tmp_path / "s.duckdb"
    path.unlink(missing_ok=True)
    with open_store(str(path)) as store:
        for write in writes:
            store.write_many([document(doc_id, day, specs) for doc_id, day, specs in write])
            remerge(store.con, chunk_events=chunk)
            assert store.con.execute("SELECT count(*) FROM merge_pending").fetchone() == (0,)
            incremental = merged_state(store)
            assert incremental == merged_from_scratch(store)
        remerge(store.con, full=True, chunk_events=chunk)
        assert merged_state(store) == incremental


def test_a_merge_cut_short_is_finished_by_the_next(tmp_path: Path) -> None:
    spec = ("RUS", "BLR", "057", 3, 0, "day")
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.write_many([document("a", 3, [spec]), document("b", 4, [spec])])
        # no merge ran: the keys wait, and no merged event exists yet
        assert store.con.execute("SELECT count(*) FROM merge_pending").fetchone()[0] > 0
        assert merged_state(store)[0] == []
        assert remerge(store.con) == 1
        merged, links = merged_state(store)
        assert len(merged) == 1
        assert {m for _, _, m in links} == {merged[0][0]}
        assert remerge(store.con) == 0  # nothing pending: nothing done


def test_a_full_merge_drops_merged_events_with_no_reports_left(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.write_many([document("a", 3, [("RUS", "BLR", "057", 3, 0, "day")])])
        remerge(store.con)
        store.con.execute("DELETE FROM events")  # behind the merge's back
        assert len(merged_state(store)[0]) == 1
        remerge(store.con, full=True)
        assert merged_state(store) == ([], [])


def test_a_document_written_again_keeps_the_reports_that_joined_its_event_later(
    tmp_path: Path,
) -> None:
    first = ("RUS", "BLR", "057", 3, 0, "day")
    later = ("RUS", "BLR", "057", 10, 0, "day")  # a week on: joins the event of the first
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.write_many([document("a", 3, [first]), document("c", 10, [later])])
        remerge(store.con)
        store.write_many([document("a", 4, [first])])  # the same event, the document again
        remerge(store.con)
        (merged,) = merged_state(store)[0]
        assert merged[6:8] == (2, 2)  # n_docs, n_reports
        assert merged_state(store) == merged_from_scratch(store)


@pytest.mark.parametrize(
    "rewritten",
    [
        ("RUS", "BLR", "057", 1, 0, "day"),  # its date moves: the later report is too far now
        ("RUS", "BLR", "050", 5, 1, "day"),  # its code and words change within the root
        ("RUS", "BLR", "057", 5, 0, "year"),  # its precision changes
    ],
)
def test_a_first_report_rewritten_under_its_id_moves_the_reports_that_followed_it(
    tmp_path: Path, rewritten: tuple[str, str, str, int, int, str]
) -> None:
    seed = ("RUS", "BLR", "057", 5, 0, "month")
    later = ("RUS", "BLR", "057", 9, 0, "day")
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.write_many([document("a", 5, [seed]), document("c", 9, [later])])
        remerge(store.con)
        store.write_many([document("a", 5, [rewritten])])  # the same event id, another content
        remerge(store.con)
        assert merged_state(store) == merged_from_scratch(store)


def test_big_inserts_work_from_a_temporary_folder_with_a_quote_in_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    folder = tmp_path / "o'brien"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    many = [("RUS", "BLR", "057", n % 30, 0, "day") for n in range(250)]
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.write_many([document("a", 3, many)])  # 250 events: the bulk path
        assert store.con.execute("SELECT count(*) FROM events").fetchone() == (250,)
