"""The HQ JSON API, version 1 (FastAPI). See docs/sync.md for the protocol.

    GET  /api/v1/health         no auth: is this Safeland HQ, and its clock
    POST /api/v1/enroll         one-time code -> device id and token
    POST /api/v1/batches        push a batch of signed reports (gzip welcome)
    GET  /api/v1/sites          pull the sites of the device's unit changed since a cursor
    GET  /api/v1/reviews        pull HQ's review decisions on the device's reports since a cursor
    GET  /api/v1/openapi.json   this API, described

Every error is a JSON body {"error": {"code": ..., "message": ...}}. Requests are capped on the
wire and after decompression (hq/web.py). Handlers are plain functions run in FastAPI's thread
pool; each opens its own session.
"""

import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from safeland_core.jsonfile import text_problem
from safeland_core.protocol import (
    API_PREFIX,
    BAD_TEXT,
    ENROLLMENT_FORMAT,
    MAX_PULL_LIMIT,
    MAX_REFERENCE,
    SERVICE,
    Batch,
    BatchAnswer,
    Enrollment,
    EnrollRequest,
    ErrorAnswer,
    Health,
    PullPage,
    utc_iso,
)

from . import devices, pages, push, review, sites
from .db import HQDatabase
from .web import (
    BodyLimit,
    DecodingRoute,
    api_error,
    error_response,
    install_handlers,
    on_exception,
    validation_handler,
)

log = logging.getLogger("safeland.hq.api")

# Batches applied at once in one worker process. Since the checks got cheaper (0.1 ms a record),
# most of a batch's time is spent waiting for PostgreSQL (a dozen round trips and two COPYs):
# with 8 at once those waits overlap (200 laptops x 100 reports: 4 at once gave 590-600
# reports/s, 8 gave 700-740, same minutes, docs/performance.md). Each holds a pooled connection
# (pool 10 + 20, shared with the pages and pulls), so not many more. A push's token is checked
# in its batch's transaction (push.apply_pushed), so a waiting push holds no connection.
# The rest wait their turn here.
APPLY_AT_ONCE = 8
ANSWER_GZIP_MIN = 1000  # bytes: below this gzip's header costs more than it saves

ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorAnswer}
                                           for code in (400, 401, 403, 409, 413, 415, 422, 503)}


def create_app(db: HQDatabase, share_out: bool = False) -> FastAPI:
    """HQ's app on `db`. `share_out`: one of several worker processes on one listening socket
    (`serve --workers N`): a push answered while more batches wait in this worker than it
    applies at once closes its connection (`Connection: close`), so the device's next batch
    comes on a new connection, taken by whichever worker is free to accept it. A device keeps
    its connection from batch to batch, and the kernel hands a connection to whichever worker
    accepts first: without this, the split of the first connections held for a whole sync
    (50 laptops x 1,000 reports: one worker 3.36 s of CPU, the other 1.13 s, the busy one
    setting the pace, docs/performance.md)."""
    app = FastAPI(title="Safeland HQ", version="1", docs_url=None, redoc_url=None,
                  openapi_url=f"{API_PREFIX}/openapi.json",
                  description="Receives daily reports from enrolled devices; hands them their "
                              "unit's sites. Protocol: docs/sync.md.")
    install_handlers(app)
    on_exception(app, RequestValidationError, _push_refusal_first(db))  # in place of web's
    app.add_middleware(BodyLimit)
    # Answers go back gzip-compressed when the client accepts it (httpx does, and so does every
    # browser): a 500-report batch answer is about 60 KB as JSON and under 15 KB gzipped, and
    # on a slow link the answer, not the upload, would set the pace. Level 6: most of 9's
    # saving for a third of its CPU. The outermost middleware, so error bodies are compressed too.
    app.add_middleware(GZipMiddleware, minimum_size=ANSWER_GZIP_MIN, compresslevel=6)
    bearer = HTTPBearer(auto_error=False, description="the device token from enrollment")

    def device(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> devices.DeviceInfo:
        token = _token(creds)
        found = devices.authenticate(db, token)
        if found is None:
            raise _token_invalid()
        return found

    async def push_token(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str:
        """The push's token, checked in the batch's own transaction (push.apply_pushed), not
        here: what `device` answers without the database (no token, or one no device can hold)
        it answers the same, and on the event loop (no thread of the pool for it)."""
        token = _token(creds)
        if not token or len(token) > devices.MAX_TOKEN:
            raise _token_invalid()
        return token

    applying = threading.BoundedSemaphore(APPLY_AT_ONCE)
    pushes = _Counter()  # pushes in this worker, applying or waiting their turn
    Device = Annotated[devices.DeviceInfo, Depends(device)]  # noqa: N806 - a type alias, named as one
    PushToken = Annotated[str, Depends(push_token)]  # noqa: N806 - a type alias, named as one
    router = APIRouter(prefix=API_PREFIX, route_class=DecodingRoute, responses=ERRORS)

    @router.get("/health", response_model=Health)
    def health() -> Health:
        return Health(service=SERVICE, api="v1", status="ok", time=utc_iso())

    @router.post("/enroll", response_model=Enrollment)
    def enroll(body: EnrollRequest) -> Enrollment:
        try:
            info, token = devices.enroll(db, body.code)
        except devices.EnrollmentRefused as exc:
            raise api_error(403, exc.code, exc.message) from None
        return Enrollment(format=ENROLLMENT_FORMAT, device_id=info.id, token=token,
                          operator=info.operator, unit=info.unit, name=info.name, hq_time=utc_iso())

    # exclude_none: an applied record's answer carries no `code: null, reason: null` (the
    # client's models default them to None), a third of each result's bytes.
    @router.post("/batches", response_model=BatchAnswer, response_model_exclude_none=True)
    def push_batch(batch: Batch, token: PushToken, response: Response,
                   idempotency_key: Annotated[str | None, Header(max_length=64)] = None) -> BatchAnswer:
        with pushes:
            answer = apply(batch, token, idempotency_key)
            if share_out and pushes.value > APPLY_AT_ONCE:
                response.headers["Connection"] = "close"
        return answer

    def apply(batch: Batch, token: str, idempotency_key: str | None) -> BatchAnswer:
        if idempotency_key is not None and idempotency_key != batch.batch_id:
            # An unknown or revoked token is told so before anything about the batch (push_token).
            if devices.authenticate(db, token) is None:
                raise _token_invalid()
            raise api_error(400, "idempotency_key_mismatch",
                            "the Idempotency-Key header differs from the batch's batch_id")
        label = f"device {batch.device_id[:8]}"
        for attempt in range(3):
            try:
                with applying:
                    answer, repeated, dev = push.apply_pushed(db, token, batch)
                label = dev.label
                break
            except IntegrityError:
                # Another copy of this batch won a race the row lock should have prevented;
                # the next attempt finds its stored answer.
                log.warning("%s: batch %s raced with another copy (attempt %d)", label,
                            batch.batch_id[:12], attempt + 1)
                if attempt == 2:
                    raise
            except push.TokenInvalid:
                raise _token_invalid() from None
            except push.PushRefused as exc:
                log.info("%s: batch %s refused whole: %s", label, batch.batch_id[:12], exc.code)
                raise api_error(exc.status, exc.code, exc.message, extra=exc.extra) from None
        if repeated:
            log.info("%s re-sent batch %s: answered as before", label, batch.batch_id[:12])
        return answer

    @router.get("/sites", response_model=PullPage)
    def pull_sites(dev: Device,
                   cursor: Annotated[str | None, Query(max_length=200)] = None,
                   limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 200,
                   reference: Annotated[list[str] | None, Query(
                       description="fetch these sites of the unit again (sites the device "
                                   "skipped); the cursor is given back unchanged")] = None) -> PullPage:
        if reference and (len(reference) > sites.MAX_REFERENCES
                          or any(len(r) > MAX_REFERENCE for r in reference)):
            raise api_error(400, "bad_request", f"at most {sites.MAX_REFERENCES} references of "
                            f"up to {MAX_REFERENCE} characters")
        for text in [*(reference or ()), cursor or ""]:
            if problem := text_problem(text):  # a NUL never reaches PostgreSQL
                raise api_error(400, BAD_TEXT, f"a reference or cursor {problem}")
        try:
            return sites.pull_page(db, dev, cursor, limit, reference)
        except ValueError:
            raise api_error(400, "bad_cursor", "this cursor was not written by this HQ") from None

    @router.get("/reviews", response_model=review.ReviewPage)
    def pull_reviews(dev: Device,
                     cursor: Annotated[str | None, Query(max_length=200)] = None,
                     limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 200) -> review.ReviewPage:
        """HQ's review decisions on the reports this device sent, after the cursor (docs/sync.md)."""
        try:
            return review.feed_page(db, dev, cursor, limit)
        except ValueError:
            raise api_error(400, "bad_cursor", "this cursor was not written by this HQ") from None

    app.include_router(router)
    pages.install(app, db)  # the officers' web pages, outside /api/v1 (hq/pages/)
    return app


def _token(creds: HTTPAuthorizationCredentials | None) -> str:
    if creds is None:
        raise api_error(401, "unauthorized", "This request needs the device's token.",
                        {"WWW-Authenticate": "Bearer"})
    return creds.credentials


def _token_invalid() -> HTTPException:
    return api_error(401, *push.TOKEN_INVALID, {"WWW-Authenticate": "Bearer"})


def _push_refusal_first(db: HQDatabase) -> Callable[[Request, RequestValidationError],
                                                     Awaitable[Response]]:
    """The 422 of a push whose body or headers break the protocol, unless its token is unknown or
    revoked: that is answered first (401), as when the token was checked before the body. The
    database is asked only on this error path."""
    async def handle(request: Request, exc: RequestValidationError) -> Response:
        if request.method == "POST" and request.url.path == f"{API_PREFIX}/batches":
            scheme, token = get_authorization_scheme_param(request.headers.get("Authorization"))
            if scheme.lower() == "bearer" and await run_in_threadpool(
                    devices.authenticate, db, token) is None:
                return error_response(401, *push.TOKEN_INVALID, {"WWW-Authenticate": "Bearer"})
        return await validation_handler(request, exc)

    return handle


def app_from_environment() -> FastAPI:
    """The app of one worker process of `safeland-hq serve --workers N` (uvicorn's factory):
    its own database engine and pool, from the URL the parent put in SAFELAND_HQ_DATABASE_URL,
    already migrated by the parent."""
    from .db import default_url, open_hq

    if not logging.getLogger().handlers:  # a fresh process: the parent's set-up is not here
        logging.basicConfig(level="INFO", format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        logging.getLogger("alembic").setLevel(logging.WARNING)
    return create_app(open_hq(default_url(), migrate=False), share_out=True)


class _Counter:
    """How many threads are inside `with counter:` (a context manager), safe across threads."""

    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def __enter__(self) -> None:
        with self._lock:
            self.value += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self.value -= 1
