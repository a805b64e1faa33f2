"""The REST API on a temporary store: every endpoint, its filters, and its answers to bad requests."""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.api import create_app
from detente.config import Settings
from detente.errors import ConfigError
from detente.operations import EventFilter, list_events

pytestmark = pytest.mark.slow
EVENT_FIELDS = {
    "doc_id", "event_id", "source", "source_sector", "target", "target_sector", "code", "root",
    "quad_class", "goldstein", "plover", "date", "date_precision", "date_source", "trigger",
    "evidence", "start", "end", "confidence", "n_mentions", "lexicon_version", "model_version",
    "prefilter_version", "merged_id",
}  # fmt: skip


@pytest.fixture(scope="module")
def client(web_settings: Settings) -> TestClient:
    return TestClient(create_app(web_settings))


def test_index_lists_every_endpoint(client: TestClient) -> None:
    body = client.get("/api").json()
    for path in ("/api/events", "/api/events.csv", "/api/documents/{doc_id}", "/api/network"):
        assert path in body["endpoints"]


def test_overview_counts_what_is_stored(client: TestClient, web_settings: Settings) -> None:
    body = client.get("/api/overview").json()
    events = list_events(settings=web_settings)
    assert body["documents"] == 5
    assert body["events"] == len(events) > 50
    assert sum(row["events"] for row in body["timeline"]) == len(events)
    top = body["top_dyads"][0]
    assert top["events"] == max(d["events"] for d in body["top_dyads"])
    assert top["cooperation"] + top["conflict"] == top["events"]


def test_events_have_the_fields_of_events_jsonl(client: TestClient, web_settings: Settings) -> None:
    body = client.get("/api/events", params={"actor": "BLR", "limit": 1000}).json()
    expected = list_events(settings=web_settings, filters=EventFilter(actor="BLR"))
    assert body["total"] == len(expected) == len(body["events"])
    assert body["events"] == expected
    assert set(body["events"][0]) == EVENT_FIELDS
    assert all("BLR" in (e["source"], e["target"]) for e in body["events"])


def test_filters_match_the_cli_filters(client: TestClient, web_settings: Settings) -> None:
    params = {"source": "rus", "root": "4", "since": "2016", "until": "2025-12-31"}
    body = client.get("/api/events", params=params).json()
    expected = list_events(
        settings=web_settings,
        filters=EventFilter(source="RUS", root="04", since="2016", until="2025-12-31"),
    )
    assert [e["event_id"] for e in body["events"]] == [e["event_id"] for e in expected]
    assert all(e["source"] == "RUS" and e["root"] == "04" for e in body["events"])


def test_pages_cover_the_whole_list_once(client: TestClient) -> None:
    total = client.get("/api/events", params={"limit": 1}).json()["total"]
    seen = []
    for offset in range(0, total, 7):
        seen += client.get("/api/events", params={"limit": 7, "offset": offset}).json()["events"]
    assert len(seen) == total
    assert len({(e["doc_id"], e["event_id"]) for e in seen}) == total


def test_search_needs_every_word_and_phrase(client: TestClient) -> None:
    hits = client.get("/api/events", params={"q": '"host talks" minsk'}).json()["events"]
    assert hits
    for e in hits:
        assert "host talks" in e["evidence"].lower()
        assert "minsk" in e["evidence"].lower()
    none = client.get("/api/events", params={"q": '"host talks" zanzibar'}).json()
    assert none == {
        "total": 0,
        "limit": 50,
        "offset": 0,
        "after": None,
        "next": None,
        "events": [],
    }
    literal = client.get("/api/events", params={"q": "100%_"}).json()
    assert literal["total"] == 0  # % and _ are text, not patterns


def test_csv_export_has_every_filtered_event(client: TestClient) -> None:
    total = client.get("/api/events", params={"actor": "RUS"}).json()["total"]
    response = client.get("/api/events.csv", params={"actor": "RUS"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total
    assert set(rows[0]) == EVENT_FIELDS


def test_document_spans_point_into_its_text(client: TestClient) -> None:
    docs = client.get("/api/documents").json()
    assert docs["total"] == 5
    doc_id = max(docs["documents"], key=lambda d: d["events"])["doc_id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    text = doc["text"]
    sentences = {s["sent_index"]: s for s in doc["sentences"]}
    assert doc["events"]
    assert doc["mentions"]
    for e in doc["events"]:
        sentence = sentences[e["sent_index"]]
        assert text[sentence["start_char"] : sentence["end_char"]] == e["evidence"]
        assert sentence["start_char"] <= e["start"] < e["end"] <= sentence["end_char"]
        for report in e["reports"]:
            assert text[report["trigger_start"] : report["trigger_end"]]
    for m in doc["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]


def test_actor_endpoints(client: TestClient) -> None:
    actors = client.get("/api/actors").json()["actors"]
    assert actors[0]["events"] >= actors[-1]["events"]
    blr = client.get("/api/actors/blr").json()
    assert blr["actor"] == "BLR"
    assert blr["name"] == "Belarus"
    assert sum(p["events"] for p in blr["partners"]) <= blr["events"]
    assert any(b["broker"] == "BLR" for b in blr["brokers"])
    dyads = client.get("/api/dyads", params={"pair": "BLR,RUS", "by": "year"}).json()["dyads"]
    assert dyads
    assert all({d["source"], d["target"]} == {"BLR", "RUS"} for d in dyads)
    index = client.get("/api/multivector", params={"state": "BLR"}).json()
    assert index["rows"]
    assert all(-1 <= r["index"] <= 1 for r in index["rows"])
    network = client.get("/api/network", params={"since": "2016"}).json()
    assert network["actors"]
    assert "brokers" in network
    merged = client.get("/api/merged-events", params={"limit": 3}).json()
    assert len(merged["merged_events"]) == 3
    assert merged["total"] >= 3


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/events?root=21", 422),
        ("/api/events?root=ab", 422),
        ("/api/events?since=2024-13", 422),
        ("/api/events?until=2016-02-30", 422),
        ("/api/events?since=yesterday", 422),
        ("/api/events?limit=0", 422),
        ("/api/events?limit=5000", 422),
        ("/api/events?offset=-1", 422),
        ("/api/events?limit=ten", 422),
        ("/api/events?actor=%3Cscript%3E", 422),
        ("/api/events?q=" + "x" * 201, 422),
        ("/api/events.csv?since=2016-99", 422),
        ("/api/dyads?by=decade", 422),
        ("/api/dyads?pair=BLR", 422),
        ("/api/multivector", 422),
        ("/api/multivector?state=BLR&pole_a=RUS;DROP", 422),
        ("/api/network?until=20161", 422),
        ("/api/documents?offset=x", 422),
        ("/api/documents/no-such-document", 404),
        ("/api/actors/ZZZ", 404),
        ("/api/actors/%2E%2E", 422),
        ("/api/nothing-here", 404),
        ("POST /api/ingest", 404),  # read-only unless --allow-ingest
        ("POST /api/events", 405),
    ],
)
def test_bad_requests_get_a_clear_4xx(client: TestClient, url: str, status: int) -> None:
    method, _, path = url.rpartition(" ")
    response = client.request(method or "GET", path, headers={"content-length": "0"})
    assert response.status_code == status, response.text
    assert response.json()["detail"]


def test_a_missing_store_is_a_503_not_a_500(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(db=str(tmp_path / "none.duckdb"))))
    response = client.get("/api/events")
    assert response.status_code == 503
    assert "no store" in response.json()["detail"]


def test_security_headers_and_no_cors_by_default(client: TestClient) -> None:
    response = client.get("/api/overview", headers={"Origin": "http://evil.example"})
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "access-control-allow-origin" not in response.headers
    assert "server" not in response.headers


def test_cors_only_for_configured_origins(web_settings: Settings) -> None:
    client = TestClient(create_app(web_settings, cors_origins=("http://localhost:3000",)))
    ok = client.get("/api/overview", headers={"Origin": "http://localhost:3000"})
    assert ok.headers["access-control-allow-origin"] == "http://localhost:3000"
    other = client.get("/api/overview", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_ingest_needs_a_configured_token(web_settings: Settings) -> None:
    with pytest.raises(ConfigError, match="DETENTE_TOKEN"):
        create_app(web_settings, allow_ingest=True, token=None)


def test_upload_checks_token_and_size_and_reports_each_file(
    web_settings: Settings, tmp_path: Path
) -> None:
    own = replace(web_settings, db=str(tmp_path / "upload.duckdb"), max_upload_bytes=20_000)
    app = create_app(own, allow_ingest=True, token="s3cret-token")  # noqa: S106 (a test token)
    article = b"Poland and Lithuania signed a defence agreement in Vilnius on Tuesday.\n"
    files = [
        ("files", ("news.txt", article, "text/plain")),
        ("files", ("../../etc/passwd.bin", b"\x00\x01binary", "application/octet-stream")),
    ]
    with TestClient(app) as client:
        assert client.post("/api/ingest", files=files).status_code == 401
        wrong = client.post("/api/ingest", files=files, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        big = [("files", ("big.txt", b"x" * 30_000, "text/plain"))]
        auth = {"Authorization": "Bearer s3cret-token"}
        assert client.post("/api/ingest", files=big, headers=auth).status_code == 413
        assert client.post("/api/ingest", data={"x": "1"}, headers=auth).status_code == 422
        no_day = client.post("/api/ingest", files=files, data={"date": "2025-02-30"}, headers=auth)
        assert no_day.status_code == 422
        assert "not a day of the calendar" in no_day.text
        body = client.post(
            "/api/ingest", files=files, data={"date": "2025-11-18"}, headers=auth
        ).json()
        assert body["added"] == 1
        assert body["failed"] == 1
        failure = body["failures"][0]
        assert failure["file"] == "passwd.bin"
        assert failure["code"] == "E002"
        assert str(tmp_path) not in failure["message"]
        docs = client.get("/api/documents").json()["documents"]
        assert [d["published"] for d in docs] == ["2025-11-18"]
        again = client.post("/api/ingest", files=files[:1], headers=auth).json()
        assert again["added"] == 0
        assert again["skipped"] == 1


def test_merged_events_are_paged_like_the_cli_lists_them(
    client: TestClient, web_settings: Settings
) -> None:
    from detente.operations import list_merged_events

    everything = list_merged_events(settings=web_settings, filters=EventFilter(actor="BLR"))
    body = client.get("/api/merged-events", params={"actor": "BLR", "limit": 4, "offset": 2}).json()
    assert body["total"] == len(everything)
    assert body["merged_events"] == everything[2:6]


def test_pages_give_the_same_rows_as_the_list(web_settings: Settings) -> None:
    from detente.operations import page_events

    everything = list_events(settings=web_settings, filters=EventFilter(actor="BLR"))
    total, rows = page_events(
        settings=web_settings, filters=EventFilter(actor="BLR"), limit=7, offset=6
    )
    assert total == len(everything)
    assert rows == everything[6:13]


def test_values_the_library_refuses_are_a_422_naming_the_parameter(client: TestClient) -> None:
    for path, params, name in [
        ("/api/multivector", {"state": "ZZZ"}, "actor"),
        ("/api/network", {"since": "2020-02-30"}, "since"),
        ("/api/events", {"until": "2025-13-01"}, "until"),
    ]:
        response = client.get(path, params=params)
        assert response.status_code == 422, (path, response.text)
        assert name in response.text
        assert "Traceback" not in response.text


def test_cursor_pages_cover_the_list_as_offsets_do(client: TestClient) -> None:
    for params in ({}, {"actor": "BLR"}, {"since": "2020", "root": "04"}):
        everything = client.get("/api/events", params={**params, "limit": 1000}).json()
        seen, after = [], None
        while True:
            query = {**params, "limit": 7, **({"after": after} if after else {})}
            page = client.get("/api/events", params=query).json()
            seen += [e["event_id"] + e["doc_id"] for e in page["events"]]
            assert page["total"] == everything["total"]
            after = page["next"]
            if after is None:
                break
        assert seen == [e["event_id"] + e["doc_id"] for e in everything["events"]]
    assert client.get("/api/events", params={"after": "not-a-cursor"}).status_code == 422


def test_the_dashboard_pages_events_by_cursor(client: TestClient) -> None:
    first = client.get("/events", headers={"accept": "text/html"}).text
    link = re.search(r'rel="next" href="/events\?([^"]+)"', first)
    assert link, "a next-page link"
    query = html.unescape(link.group(1))
    assert "after=k" in query
    assert "offset=" in query
    second = client.get(f"/events?{query}", headers={"accept": "text/html"})
    assert second.status_code == 200
    assert 'rel="prev"' in second.text
