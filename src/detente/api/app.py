"""`detente serve`: the REST API under /api and the dashboard at /, one process, read-only unless
`--allow-ingest`. Every handler is one library call (detente.operations), as in the CLI."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import tempfile
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import replace
from importlib import resources
from multiprocessing import get_context
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente._version import __version__
from detente.api.params import (
    CODE,
    CODES,
    PERIOD,
    After,
    AppSettings,
    AppStore,
    Code,
    Filters,
    Limit,
    Offset,
    PartialDate,
    calendar_date,
    upper,
)
from detente.api.security import DOCS_PATH, BodyLimit, SecurityHeaders, token_matches
from detente.config import Settings
from detente.errors import ConfigError, DetenteError, StoreBusyError, StoreError, ValidationError
from detente.library import EVENT_COLUMNS, IngestSummary, Keeper, Store
from detente.validation import partial_date

UPLOAD_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.get("", summary="What the API serves")
    def index(request: Request) -> dict[str, Any]:
        return {
            "name": "detente",
            "version": __version__,
            "endpoints": sorted(request.app.openapi()["paths"]),
            "docs": "/api/docs",
        }

    @router.get("/overview", summary="Counts, timeline, top dyads and actors")
    def get_overview(store: AppStore) -> dict[str, Any]:
        return store.overview()

    @router.get("/documents", summary="Stored documents (metadata), oldest first")
    def get_documents(store: AppStore, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        total, rows = store.documents_page(limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "documents": rows}

    @router.get("/documents/{doc_id}", summary="One document with its events and actor spans")
    def get_document(doc_id: str, store: AppStore) -> dict[str, Any]:
        found = store.document(doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return found

    @router.get("/events", summary="Coded events, filtered and paginated")
    def get_events(
        store: AppStore,
        filters: Filters,
        limit: Limit = 50,
        offset: Offset = 0,
        after: After = None,
    ) -> dict[str, Any]:
        page = store.events_page(filters, limit=limit, offset=offset, after=after or None)
        return {
            "total": page.total,
            "limit": limit,
            "offset": offset,
            "after": after or None,
            "next": page.next,
            "events": page.rows,
        }

    @router.get("/events.csv", summary="Every filtered event as CSV", response_class=Response)
    def get_events_csv(store: AppStore, filters: Filters) -> StreamingResponse:
        rows = store.iter_events(filters)
        first = next(rows, None)  # opens the store now, so a missing store is an error, not a 200
        return StreamingResponse(
            _csv_lines(first, rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="events.csv"'},
        )

    @router.get("/merged-events", summary="One row per real event across documents")
    def get_merged(
        store: AppStore, filters: Filters, limit: Limit = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        total, rows = store.merged_page(filters, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "merged_events": rows}

    @router.get("/actors", summary="Every actor in the events, most active first")
    def get_actors(store: AppStore) -> dict[str, Any]:
        return {"actors": list(store.actors())}

    @router.get("/actors/{code}", summary="One actor: counts, partners, series, brokerage")
    def get_actor(code: Annotated[str, PathParam(pattern=CODE)], store: AppStore) -> dict[str, Any]:
        found = store.actor(code.upper())
        if found is None:
            raise HTTPException(404, f"no events with actor {code.upper()!r}")
        return found

    @router.get("/dyads", summary="Events per period and directed dyad, by quad class")
    def get_dyads(
        store: AppStore,
        actor: Code = None,
        pair: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,16},[A-Za-z0-9]{2,16}$")] = None,
        by: Annotated[str, Query(pattern=PERIOD)] = "month",
    ) -> dict[str, Any]:
        both = tuple(pair.upper().split(",")) if pair else None
        rows = store.dyads(actor=upper(actor), pair=(both[0], both[1]) if both else None, by=by)
        return {"by": by, "dyads": list(rows)}

    @router.get("/multivector", summary="A state's multi-vector index between two poles")
    def get_multivector(
        store: AppStore,
        state: Annotated[str, Query(pattern=CODE)],
        by: Annotated[str, Query(pattern=PERIOD)] = "year",
        pole_a: Annotated[str | None, Query(pattern=CODES, description="Default: RUS.")] = None,
        pole_b: Annotated[
            str | None, Query(pattern=CODES, description="Default: the West.")
        ] = None,
    ) -> dict[str, Any]:
        rows = store.multivector(
            state.upper(),
            by=by,
            pole_a=pole_a.upper().split(",") if pole_a else None,
            pole_b=pole_b.upper().split(",") if pole_b else None,
        )
        return {"state": state.upper(), "by": by, "rows": list(rows)}

    @router.get("/network", summary="Centrality and brokers")
    def get_network(
        store: AppStore, since: PartialDate = None, until: PartialDate = None
    ) -> dict[str, Any]:
        found = store.network(
            since=calendar_date("since", since), until=calendar_date("until", until)
        )
        return {"actors": list(found), "brokers": found.meta["brokers"]}

    return router


def _csv_lines(first: dict[str, Any] | None, rest: Iterator[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(EVENT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    if first is not None:
        writer.writerow(first)
    for n, row in enumerate(rest, 1):
        writer.writerow(row)
        if n % 1000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _ingest_files(paths: list[str], settings: Settings, date: str | None) -> IngestSummary:
    """Runs in the ingest process: the server itself never opens the store for writing."""
    return Store(replace(settings, workers=1)).ingest(paths, date=date)


def ingest_router(token: str) -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.post("/ingest", summary="Upload articles to code and store (needs the token)")
    async def post_ingest(
        request: Request,
        settings: AppSettings,
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        if not token_matches(authorization, token):
            raise HTTPException(
                401, "a valid bearer token is required", {"WWW-Authenticate": "Bearer"}
            )
        form = await request.form(max_files=100, max_fields=10)
        uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        if not uploads:
            raise HTTPException(422, "send one or more files in the multipart field 'files'")
        field = form.get("date")
        if field is not None and not isinstance(field, str):
            raise HTTPException(422, "date: YYYY[-MM[-DD]]")
        date = partial_date(field, "date")
        with tempfile.TemporaryDirectory(prefix="detente-upload-") as tmp:
            names: dict[str, str] = {}
            for i, upload in enumerate(uploads):
                original = Path(upload.filename or "upload.txt").name
                path = Path(tmp) / f"{i:03d}_{UPLOAD_NAME.sub('_', original)[-120:]}"
                path.write_bytes(await upload.read())
                names[str(path)] = original
            pool: ProcessPoolExecutor = request.app.state.ingest_pool
            summary = await asyncio.wrap_future(
                pool.submit(_ingest_files, list(names), settings, date)
            )
        return {
            "added": summary.added,
            "updated": summary.updated,
            "skipped": summary.skipped,
            "not_coded": summary.not_coded,
            "failed": len(summary.failures),
            "failures": [
                {
                    "file": names.get(f.path, Path(f.path).name),
                    "line": f.line,
                    "code": f.code,
                    "message": f.message.replace(tmp, ""),
                }
                for f in summary.failures
            ],
        }

    return router


def docs_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get(DOCS_PATH)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="detente API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon.png",
        )

    return router


def _error(
    request: Request, status: int, detail: Any, headers: dict[str, str] | None = None
) -> Response:
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    from detente.web.pages import error_page

    return error_page(request, status, detail, headers)


def create_app(
    settings: Settings,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    cors_origins: tuple[str, ...] = (),
) -> FastAPI:
    """The application `detente serve` runs. With `allow_ingest`, POST /api/ingest stores
    uploaded articles for callers that present `token`."""
    if allow_ingest and not token:
        raise ConfigError("--allow-ingest needs a token: set DETENTE_TOKEN")
    from detente.web.pages import pages_router

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if allow_ingest:
            app.state.ingest_pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"))
        watcher = asyncio.create_task(_let_writers_in(app.state.keeper))
        yield
        watcher.cancel()
        app.state.keeper.release()
        if allow_ingest:
            app.state.ingest_pool.shutdown(cancel_futures=True)

    app = FastAPI(
        title="detente",
        version=__version__,
        description="Political events coded from news articles: who did what to whom, when, with evidence.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.keeper = Store(settings).keeper()
    app.include_router(api_router())
    if allow_ingest and token:
        app.include_router(ingest_router(token))
    app.include_router(docs_router())
    app.include_router(pages_router())
    app.mount("/static/swagger", StaticFiles(directory=str(_swagger_assets())), name="swagger")
    app.mount("/static", StaticFiles(packages=[("detente.web", "static")]), name="static")

    @app.exception_handler(StoreBusyError)
    async def busy(request: Request, exc: StoreBusyError) -> Response:
        return _error(request, 503, str(exc), {"Retry-After": "2"})

    @app.exception_handler(StoreError)
    async def no_store(request: Request, exc: StoreError) -> Response:
        return _error(request, 503, str(exc))

    @app.exception_handler(DetenteError)
    async def bad_request(request: Request, exc: DetenteError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(ValidationError)
    async def bad_value(request: Request, exc: ValidationError) -> Response:
        return _error(request, 422, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, exc.detail, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"parameter": ".".join(str(p) for p in e["loc"][1:]), "problem": e["msg"]}
            for e in exc.errors()
        ]
        return _error(request, 422, problems)

    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET"],
            allow_headers=[],
        )
    app.add_middleware(SecurityHeaders)
    return app


async def _let_writers_in(keeper: Keeper, every: float = 0.1) -> None:
    """Let the store go as soon as a writer announces itself, even when no request comes."""
    while True:
        if keeper.writer_waiting():
            keeper.release()
        await asyncio.sleep(every)


def _swagger_assets() -> Path:
    """Swagger UI's files from the `fastapi-offline` package: the default page loads a CDN."""
    return Path(str(resources.files("fastapi_offline") / "static"))
