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
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Query
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.exc import IntegrityError

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
from .web import BodyLimit, DecodingRoute, api_error, install_handlers

log = logging.getLogger("safeland.hq.api")

# Batches applied at once in one worker process. Since the checks got cheaper (0.1 ms a record),
# most of a batch's time is spent waiting for PostgreSQL (a dozen round trips and two COPYs):
# with 8 at once those waits overlap (200 laptops x 100 reports: 4 at once gave 590-600
# reports/s, 8 gave 700-740, same minutes, docs/performance.md). Each holds a pooled connection
# (pool 10 + 20, shared with the token look-ups of waiting requests), so not many more.
# The rest wait their turn here.
APPLY_AT_ONCE = 8
ANSWER_GZIP_MIN = 1000  # bytes: below this gzip's header costs more than it saves

ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorAnswer}
                                           for code in (400, 401, 403, 409, 413, 415, 422, 503)}


def create_app(db: HQDatabase) -> FastAPI:
    app = FastAPI(title="Safeland HQ", version="1", docs_url=None, redoc_url=None,
                  openapi_url=f"{API_PREFIX}/openapi.json",
                  description="Receives daily reports from enrolled devices; hands them their "
                              "unit's sites. Protocol: docs/sync.md.")
    install_handlers(app)
    app.add_middleware(BodyLimit)
    # Answers go back gzip-compressed when the client accepts it (httpx does, and so does every
    # browser): a 500-report batch answer is about 60 KB as JSON and under 15 KB gzipped, and
    # on a slow link the answer, not the upload, would set the pace. Level 6: most of 9's
    # saving for a third of its CPU. The outermost middleware, so error bodies are compressed too.
    app.add_middleware(GZipMiddleware, minimum_size=ANSWER_GZIP_MIN, compresslevel=6)
    bearer = HTTPBearer(auto_error=False, description="the device token from enrollment")

    def device(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> devices.DeviceInfo:
        if creds is None:
            raise api_error(401, "unauthorized", "This request needs the device's token.",
                            {"WWW-Authenticate": "Bearer"})
        found = devices.authenticate(db, creds.credentials)
        if found is None:
            raise api_error(401, "token_invalid", "This device's token is not valid at HQ "
                            "(unknown or revoked): ask HQ to enrol the device again.",
                            {"WWW-Authenticate": "Bearer"})
        return found

    applying = threading.BoundedSemaphore(APPLY_AT_ONCE)
    Device = Annotated[devices.DeviceInfo, Depends(device)]  # noqa: N806 - a type alias, named as one
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
    def push_batch(batch: Batch, dev: Device,
                   idempotency_key: Annotated[str | None, Header(max_length=64)] = None) -> BatchAnswer:
        if idempotency_key is not None and idempotency_key != batch.batch_id:
            raise api_error(400, "idempotency_key_mismatch",
                            "the Idempotency-Key header differs from the batch's batch_id")
        for attempt in range(3):
            try:
                with applying:
                    answer, repeated = push.apply_batch(db, dev, batch)
                break
            except IntegrityError:
                # Another copy of this batch won a race the row lock should have prevented;
                # the next attempt finds its stored answer.
                log.warning("%s: batch %s raced with another copy (attempt %d)", dev.label,
                            batch.batch_id[:12], attempt + 1)
                if attempt == 2:
                    raise
            except push.PushRefused as exc:
                log.info("%s: batch %s refused whole: %s", dev.label, batch.batch_id[:12], exc.code)
                raise api_error(exc.status, exc.code, exc.message, extra=exc.extra) from None
        if repeated:
            log.info("%s re-sent batch %s: answered as before", dev.label, batch.batch_id[:12])
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


def app_from_environment() -> FastAPI:
    """The app of one worker process of `safeland-hq serve --workers N` (uvicorn's factory):
    its own database engine and pool, from the URL the parent put in SAFELAND_HQ_DATABASE_URL,
    already migrated by the parent."""
    from .db import default_url, open_hq

    if not logging.getLogger().handlers:  # a fresh process: the parent's set-up is not here
        logging.basicConfig(level="INFO", format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        logging.getLogger("alembic").setLevel(logging.WARNING)
    return create_app(open_hq(default_url(), migrate=False))
