"""The dashboard's pages on a temporary store: each renders, links its JSON twin, escapes text."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from detente.api import create_app
from detente.config import Settings

pytestmark = pytest.mark.slow
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def client(web_settings: Settings) -> TestClient:
    return TestClient(create_app(web_settings))


@pytest.mark.parametrize(
    ("page", "twin"),
    [
        ("/", "/api/overview"),
        ("/events?actor=BLR", "/api/events?actor=BLR&amp;limit=50"),
        ("/actors", "/api/actors"),
        ("/actors/BLR", "/api/actors/BLR"),
        ("/documents", "/api/documents?limit=50"),
    ],
)
def test_every_page_has_its_json_twin(client: TestClient, page: str, twin: str) -> None:
    response = client.get(page, headers=HTML)
    assert response.status_code == 200
    assert f'href="{twin}"' in response.text
    json_url = twin.replace("&amp;", "&")
    assert client.get(json_url).status_code == 200


def test_event_table_filters_and_links_to_the_evidence(client: TestClient) -> None:
    text = client.get("/events", params={"actor": "MMR"}, headers=HTML).text
    total = client.get("/api/events", params={"actor": "MMR"}).json()["total"]
    rows = re.findall(r'<a class="event" href="(/documents/[^"]+)"', text)
    assert len(rows) == min(total, 50) > 0
    document = client.get(rows[0].replace("&amp;", "&"), headers=HTML).text
    assert 'class="selected-event"' in document
    assert '<mark class="evidence' in document
    assert "selected" in document


def test_event_table_filters_by_confidence(client: TestClient) -> None:
    everything = client.get("/api/events", params={"min_confidence": ""}).json()["total"]
    confident = client.get("/api/events", params={"min_confidence": "0.3"}).json()["total"]
    assert everything > confident
    page = client.get("/events", params={"min_confidence": "0.3", "q": ""}, headers=HTML)
    assert page.status_code == 200
    assert len(re.findall(r'<a class="event" href=', page.text)) == min(confident, 50)
    assert 'name="min_confidence" value="0.3"' in page.text
    assert client.get("/api/events", params={"min_confidence": "1.5"}).status_code == 422


def test_article_text_is_escaped_everywhere(client: TestClient) -> None:
    docs = client.get("/api/documents").json()["documents"]
    doc_id = next(d["doc_id"] for d in docs if d["path"].endswith("hostile.txt"))
    for url in (f"/documents/{doc_id}", "/events?q=host+talks", "/documents"):
        page = client.get(url, headers=HTML).text
        assert "<script>" not in page
        assert "<b>offer</b>" not in page
    assert "&lt;script&gt;" in client.get(f"/documents/{doc_id}", headers=HTML).text


def test_search_box_text_comes_back_escaped(client: TestClient) -> None:
    page = client.get("/events", params={"q": '"><script>x()</script>'}, headers=HTML).text
    assert "<script>x()" not in page
    assert "&#34;&gt;&lt;script&gt;" in page or "&quot;&gt;&lt;script&gt;" in page


def test_bad_filters_give_an_html_error_page(client: TestClient) -> None:
    response = client.get("/events", params={"since": "2016-02-30"}, headers=HTML)
    assert response.status_code == 422
    assert "since" in response.text
    assert "<html" in response.text
    assert client.get("/documents/nope", headers=HTML).status_code == 404


def test_openapi_page_is_served_from_local_assets(client: TestClient) -> None:
    page = client.get("/api/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/openapi.json").json()["paths"]["/api/events"]
