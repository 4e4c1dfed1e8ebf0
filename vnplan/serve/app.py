"""The review app: a JSON API over the output folder, and the two pages that use it.

    GET   /api/documents                                 the queue (what needs a person first)
    GET   /api/documents/{name}                          the document JSON, its version, the view
    PATCH /api/documents/{name}/rows/{index}             {"field", "value", "version"}: edit a cell
    PATCH /api/documents/{name}/totals                   {"field", "value", "version"}: the grand total
    POST  /api/documents/{name}/rows/{index}/verify      {"verified": true|false, "version"}
    POST  /api/documents/{name}/findings/{index}/decide  {"accept": true|false, "version"}
    POST  /api/documents/{name}/sign-off                 {"signed": true|false, "version"}
    GET   /api/documents/{name}/pages                    page sizes (and a text source's lines)
    GET   /api/documents/{name}/pages/{number}/image     one page image, rendered on demand

Every write answers with the updated document (as GET does) and its new version, or with
``{"error": ...}``: 400 a malformed edit (nothing changed), 404 no such document, 409 a stale
version (someone else saved first; nothing changed), 403 a cross-site request, 415 not JSON.
The version also travels as the ``ETag`` header, and ``If-Match`` may carry it instead of the body.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from vnplan import reviewing
from vnplan.cells_by_name import canonical, editable_fields, grid_fields
from vnplan.normalize.hierarchy import parent_positions
from vnplan.normalize.reconcile import SumCheck, Tree, printed_totals, sum_overview
from vnplan.schemas import PlanDocument
from vnplan.serve.pages import page_image, page_infos, warm
from vnplan.serve.store import DocumentStore, NotFound, StaleVersion, version_of

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]


class SameOriginWrites:
    """Writes are taken only from the app's own pages (or from tools that are no browser page):
    a request another site's page makes from the reviewer's browser carries that site's Origin
    (and ``Sec-Fetch-Site: cross-site``) and is refused before it reaches a route. Writes must be
    JSON, which a plain HTML form cannot send."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            headers = Headers(scope=scope)
            origin = headers.get("origin")
            site = headers.get("sec-fetch-site")
            if site in ("cross-site", "same-site") or (origin and urlsplit(origin).netloc != headers.get("host")):
                message = f"cross-site request refused: {origin or site} may not change documents here"
                await JSONResponse({"error": message}, status_code=403)(scope, receive, send)
                return
            if headers.get("content-type", "").split(";")[0].strip() != "application/json":
                message = "send the change as JSON (Content-Type: application/json)"
                await JSONResponse({"error": message}, status_code=415)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _static(name: str) -> str:
    return resources.files("vnplan.serve").joinpath("static", name).read_text(encoding="utf-8")


def create_app(store: DocumentStore, *, reviewer: str, allowed_hosts: list[str] | None = None) -> Starlette:
    """The app over ``store``; every act is recorded as done by ``reviewer``."""

    def error(message: str, status: int) -> JSONResponse:
        return JSONResponse({"error": message}, status_code=status)

    def document_response(name: str, document: PlanDocument, stored: bytes) -> Response:
        """The document JSON goes out as stored (a 100-page document is not serialised again)."""
        version = version_of(stored)
        head = {"name": name, "version": version, "reviewer": reviewer, "view": document_view(document)}
        body = json.dumps(head, ensure_ascii=False)[:-1].encode("utf-8") + b', "document": ' + stored + b"}"
        return Response(body, media_type="application/json", headers={"ETag": f'"{version}"'})

    # Plain functions (not coroutines) where files are read or pages rendered: Starlette runs them
    # in its thread pool, so that a page image being rendered does not hold up the other requests.
    def queue(request: Request) -> JSONResponse:
        return JSONResponse({"folder": str(store.out), "reviewer": reviewer,
                             "documents": [asdict(s) for s in store.summaries()]})  # fmt: skip

    def get_document(request: Request) -> Response:
        name = request.path_params["name"]
        try:
            document, stored = store.read_with_text(name)
        except NotFound as missing:
            return error(str(missing), 404)
        except ValidationError as invalid:
            return error(f"{name}.json is not a vnplan document ({invalid.error_count()} schema errors): "
                         f"run vnplan validate on it", 422)  # fmt: skip
        warm(document)
        return document_response(name, document, stored)

    def write(act: Callable[[PlanDocument, dict[str, Any]], PlanDocument]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            name = request.path_params["name"]
            try:
                body = await request.json()
            except (ValueError, UnicodeDecodeError):
                return error("the request body is not valid JSON", 400)
            if not isinstance(body, dict):
                return error("send a JSON object", 400)
            version = body.get("version") or request.headers.get("if-match", "").strip('"')
            if not version:
                return error('give the version you edited ("version" from GET, or an If-Match header)', 400)
            try:
                document, stored = await run_in_threadpool(
                    store.update, name, str(version), lambda doc: act(doc, {**body, **request.path_params})
                )
            except NotFound as missing:
                return error(str(missing), 404)
            except StaleVersion as stale:
                return JSONResponse({"error": str(stale), "version": stale.current}, status_code=409)
            except reviewing.EditRefused as refused:
                return error(str(refused), 400)
            except ValidationError as invalid:
                return error(f"{name}.json is not a vnplan document ({invalid.error_count()} schema errors)", 422)
            return document_response(name, document, stored)

        return endpoint

    def edit_row(doc: PlanDocument, body: dict[str, Any]) -> PlanDocument:
        _refuse_if_signed(doc)
        return reviewing.edit_row(doc, body["index"], _field(body), body.get("value"), by=reviewer)

    def edit_total(doc: PlanDocument, body: dict[str, Any]) -> PlanDocument:
        _refuse_if_signed(doc)
        return reviewing.edit_total(doc, _field(body), body.get("value"), by=reviewer)

    def verify(doc: PlanDocument, body: dict[str, Any]) -> PlanDocument:
        return reviewing.verify_row(doc, body["index"], _flag(body, "verified"), by=reviewer)

    def decide(doc: PlanDocument, body: dict[str, Any]) -> PlanDocument:
        _refuse_if_signed(doc)
        return reviewing.decide(doc, body["index"], _flag(body, "accept"), by=reviewer)

    def sign(doc: PlanDocument, body: dict[str, Any]) -> PlanDocument:
        return reviewing.sign_off(doc, _flag(body, "signed"), by=reviewer)

    def pages(request: Request) -> Response:
        try:
            document, _ = store.read(request.path_params["name"])
        except (NotFound, ValidationError) as missing:
            return error(str(missing), 404)
        infos, note = page_infos(document)
        return JSONResponse({"note": note, "pages": [info.as_json() for info in infos]})

    def image(request: Request) -> Response:
        try:
            document, _ = store.read(request.path_params["name"])
            data, media = page_image(document, request.path_params["number"])
        except (NotFound, ValidationError, LookupError) as missing:
            return error(str(missing), 404)
        return Response(data, media_type=media, headers={"Cache-Control": "private, max-age=3600"})

    def queue_page(request: Request) -> HTMLResponse:
        return HTMLResponse(_static("queue.html"))

    def document_page(request: Request) -> Response:
        try:
            store.path(request.path_params["name"])
        except NotFound as missing:
            return HTMLResponse(f"<p>{missing}</p>", status_code=404)
        return HTMLResponse(_static("document.html"))

    def asset(request: Request) -> Response:
        name = request.path_params["asset"]
        media = {"app.js": "text/javascript", "app.css": "text/css"}.get(name)
        if media is None:  # only these two files: nothing else of the package (or the disk) is served
            return error("not found", 404)
        return Response(_static(name), media_type=f"{media}; charset=utf-8")

    routes = [
        Route("/", queue_page),
        Route("/documents/{name}", document_page),
        Route("/static/{asset}", asset),
        Route("/api/documents", queue),
        Route("/api/documents/{name}", get_document),
        Route("/api/documents/{name}/rows/{index:int}", write(edit_row), methods=["PATCH"]),
        Route("/api/documents/{name}/totals", write(edit_total), methods=["PATCH"]),
        Route("/api/documents/{name}/rows/{index:int}/verify", write(verify), methods=["POST"]),
        Route("/api/documents/{name}/findings/{index:int}/decide", write(decide), methods=["POST"]),
        Route("/api/documents/{name}/sign-off", write(sign), methods=["POST"]),
        Route("/api/documents/{name}/pages", pages),
        Route("/api/documents/{name}/pages/{number:int}/image", image),
    ]
    middleware = [
        # A page of another site that resolves its own name to 127.0.0.1 (DNS rebinding) sends its
        # own Host: only the loopback names are answered unless --host opened the app up.
        Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_HOSTS),
        Middleware(SameOriginWrites),
    ]
    return Starlette(routes=routes, middleware=middleware)


def _field(body: dict[str, Any]) -> str:
    field = body.get("field")
    if not isinstance(field, str):
        raise reviewing.EditRefused('give the "field" to change, e.g. "total_vnd"')
    return field


def _flag(body: dict[str, Any], key: str) -> bool:
    value = body.get(key, True)
    if not isinstance(value, bool):
        raise reviewing.EditRefused(f'"{key}" must be true or false')
    return value


def _refuse_if_signed(document: PlanDocument) -> None:
    signed = document.review.signed_off
    if signed is not None:
        raise reviewing.EditRefused(
            f"signed off by {signed.by} at {signed.at.isoformat()}: withdraw the sign-off before changing the data"
        )


def sum_rows(document: PlanDocument) -> list[SumCheck]:
    """Each subtotal and the grand total against the sum of their parts, in the grid's money cells."""
    rows = document.items
    names = [name for name, _ in grid_fields(document)]
    totals = printed_totals(document.totals, document.total_amounts)
    return sum_overview(rows, totals, Tree.from_parents(parent_positions(rows)), names)


def document_view(document: PlanDocument) -> dict[str, Any]:
    """What the page shows beside the document (computed, not stored)."""
    proposals = {}
    for index, finding in enumerate(document.findings):
        proposal = reviewing.proposal_of(document, finding)
        if proposal is not None:
            proposals[str(index)] = {**asdict(proposal), "decided": reviewing.decided(document, proposal),
                                     "repair": finding.code == reviewing.REPAIRED,
                                     "cell": canonical(document, proposal.field)}  # fmt: skip
    return {
        "finding_rows": reviewing.finding_rows(document, document.findings),
        "proposals": proposals,
        "sums": [asdict(check) | {"difference": check.difference} for check in sum_rows(document)],
        "editable": editable_fields(document),
        # money cells of a row in the table's order, and the grid name of each finding's field
        "money": [{"field": name, "label": label} for name, label in grid_fields(document)],
        "finding_fields": [canonical(document, f.field) if f.field else None for f in document.findings],
    }
