"""The dashboard's pages. Each is rendered on the server from the same library calls as its JSON
twin under /api (linked from the page), with charts as inline SVG and no script."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from detente.api.params import CODE, After, AppStore, Filters, Offset
from detente.web import charts
from detente.web.highlight import document_spans, render

PAGE = 50
templates = Jinja2Templates(
    env=Environment(
        loader=PackageLoader("detente.web", "templates"),
        autoescape=select_autoescape(default=True),
    )
)


def _roots() -> list[tuple[str, str]]:
    """The 20 CAMEO roots with their names, for the event filter."""
    from detente.events.ontology import load_ontology

    codes = load_ontology().codes
    return [(c, codes[c].name) for c in sorted(codes) if len(c) == 2]


def _query(request: Request, **changes: Any) -> str:
    """The request's query string with some parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return urlencode(params)


def _page(request: Request, name: str, json_url: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request, name, {"json_url": json_url, "path": request.url.path, **context}
    )


def error_page(
    request: Request, status: int, detail: Any, headers: dict[str, str] | None = None
) -> Response:
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "detail": detail, "json_url": None, "path": request.url.path},
        status_code=status,
        headers=headers,
    )


def pages_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def overview_page(request: Request, store: AppStore) -> HTMLResponse:
        data = store.overview()
        return _page(
            request,
            "overview.html",
            "/api/overview",
            data=data,
            timeline=Markup(charts.timeline(data["timeline"])),  # noqa: S704 (built from escaped parts)
        )

    @router.get("/events", response_class=HTMLResponse)
    def events_list(
        request: Request,
        store: AppStore,
        filters: Filters,
        offset: Offset = 0,
        after: After = None,
    ) -> HTMLResponse:
        # The next page is asked for by its cursor (as fast deep in the list as at its head);
        # the offset rides along to number the rows.
        found = store.events_page(filters, limit=PAGE, offset=offset, after=after or None)
        total, rows = found.total, found.rows
        query = _query(request, offset=None, after=None)
        return _page(
            request,
            "events.html",
            f"/api/events?{_query(request, limit=PAGE)}",
            filters=filters,
            roots=_roots(),
            events=rows,
            total=total,
            offset=offset,
            page=PAGE,
            csv_url=f"/api/events.csv?{query}",
            previous=_query(request, offset=max(0, offset - PAGE), after=None) if offset else None,
            next=_query(request, offset=offset + PAGE, after=found.next) if found.next else None,
        )

    @router.get("/actors", response_class=HTMLResponse)
    def actors_page(request: Request, store: AppStore) -> HTMLResponse:
        return _page(request, "actors.html", "/api/actors", actors=store.actors().rows)

    @router.get("/actors/{code}", response_class=HTMLResponse)
    def actor_page(
        request: Request, code: Annotated[str, PathParam(pattern=CODE)], store: AppStore
    ) -> HTMLResponse:
        code = code.upper()
        data = store.actor(code)
        if data is None:
            raise HTTPException(404, f"no events with actor {code!r}")
        leaning = list(store.multivector(code, by="year"))
        months: dict[str, dict[str, Any]] = {}
        for row in data["series"]:
            month = months.setdefault(row["period"], {"period": row["period"], "events": 0})
            for key, _, _ in charts.QUADS:
                month[key] = month.get(key, 0) + row[key]
            month["events"] += row["events"]
        return _page(
            request,
            "actor.html",
            f"/api/actors/{code}",
            actor=data,
            leaning=leaning,
            timeline=Markup(charts.timeline(list(months.values()))),  # noqa: S704 (escaped parts)
            leaning_chart=Markup(charts.leaning(leaning)),  # noqa: S704 (escaped parts)
            network_chart=Markup(charts.ego_network(code, data["partners"])),  # noqa: S704
        )

    @router.get("/documents", response_class=HTMLResponse)
    def documents_page(request: Request, store: AppStore, offset: Offset = 0) -> HTMLResponse:
        total, rows = store.documents_page(limit=PAGE, offset=offset)
        return _page(
            request,
            "documents.html",
            f"/api/documents?{_query(request, limit=PAGE)}",
            documents=rows,
            total=total,
            offset=offset,
            page=PAGE,
            previous=_query(request, offset=max(0, offset - PAGE)) if offset else None,
            next=_query(request, offset=offset + PAGE) if offset + PAGE < total else None,
        )

    @router.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(
        request: Request,
        doc_id: str,
        store: AppStore,
        event: Annotated[str | None, Query(max_length=64)] = None,
    ) -> HTMLResponse:
        data = store.document(doc_id)
        if data is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        spans = document_spans(data["sentences"], data["events"], data["mentions"], event)
        selected = next((e for e in data["events"] if e["event_id"] == event), None)
        return _page(
            request,
            "document.html",
            f"/api/documents/{doc_id}",
            doc=data,
            selected=selected,
            body=Markup(render(data["text"], spans)),  # noqa: S704 (render escapes all text)
        )

    return router
