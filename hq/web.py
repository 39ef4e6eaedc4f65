"""HTTP plumbing under the API: JSON error bodies for every failure, request size caps, and
bounded gzip decompression. Nothing here knows about reports or devices."""
from __future__ import annotations

import logging
import zlib
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi import exceptions as fastapi_exceptions
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, StatementError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from safeland_core.jsonfile import BadJSON, loads
from safeland_core.protocol import BAD_TEXT, MAX_JSON_BYTES, MAX_WIRE_BYTES, safe_text

log = logging.getLogger("safeland.hq.web")

DRAIN_LIMIT = 64_000_000  # beyond this an oversized body is cut off, not read to the end
# Bodies above this are decompressed and parsed in the thread pool, not on the event loop: a
# 500-report batch takes a few milliseconds of each, which would hold up every other request
# the worker is serving (health checks, pages, other laptops' uploads).
OFF_LOOP_BYTES = 16_384

DEFAULT_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 411: "length_required",
    413: "too_large", 415: "unsupported_media", 422: "invalid", 429: "too_many_requests",
    500: "internal", 503: "unavailable",
}


def api_error(status: int, code: str, message: str, headers: dict[str, str] | None = None,
              extra: dict[str, Any] | None = None) -> HTTPException:
    """An error answer; `extra` adds fields beside code and message (e.g. seq_conflict's
    highest_seq)."""
    # FastAPI's HTTPException (a Starlette one, caught by the same handler) lets detail be a dict.
    return fastapi_exceptions.HTTPException(
        status, detail={**(extra or {}), "code": code, "message": message}, headers=headers)


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None,
                   extra: dict[str, Any] | None = None) -> JSONResponse:
    return JSONResponse({"error": {**(extra or {}), "code": code, "message": message}},
                        status_code=status, headers=headers)


async def http_exception_handler(_request: Request, exc: HTTPException) -> JSONResponse:
    detail: Any = exc.detail
    extra = None
    if isinstance(detail, dict) and "code" in detail:
        code, message = str(detail["code"]), str(detail.get("message", ""))
        extra = {k: v for k, v in detail.items() if k not in ("code", "message")}
    else:
        code = DEFAULT_CODES.get(exc.status_code, "error")
        message = detail if isinstance(detail, str) and detail else code.replace("_", " ")
    return error_response(exc.status_code, code, message, getattr(exc, "headers", None), extra)


async def validation_handler(_request: Request, exc: RequestValidationError) -> JSONResponse:
    parts = []
    errors = exc.errors()
    for err in errors[:10]:
        loc = ".".join(safe_text(str(p), 80) for p in err.get("loc", ()))
        parts.append(safe_text(f"{loc}: {err.get('msg', 'invalid')}", 300))
    # A string with a NUL or a lone surrogate has its own code, so a client can tell it apart.
    # (pydantic's own `string_unicode` is a lone surrogate in a plain str field.)
    code = BAD_TEXT if any(err.get("type") in (BAD_TEXT, "string_unicode") for err in errors) \
        else "invalid_request"
    return error_response(422, code, "; ".join(parts) or "the request is not valid")


async def data_handler(_request: Request, exc: StatementError) -> JSONResponse:
    """The database refused a value (a NUL in a text column, a number out of range...). Input is
    checked before it gets this far (protocol.record_problem, the JSON bounds); this is the net
    under those checks, so a value the checks missed is a 4xx with a message, never a 500."""
    log.error("the database refused a value: %s", safe_text(str(exc).splitlines()[0], 300))
    return error_response(422, "unstorable", "HQ's database cannot store a value in this "
                          "request (it has been logged); correct the record and send it again.")


async def busy_handler(_request: Request, exc: OperationalError) -> JSONResponse:
    log.warning("database unavailable: %s", str(exc).splitlines()[0][:300])
    return error_response(503, "unavailable", "HQ's database is busy or unreachable; try again shortly.",
                          {"Retry-After": "5"})


async def conflict_handler(_request: Request, exc: IntegrityError) -> JSONResponse:
    log.warning("integrity conflict: %s", str(exc).splitlines()[0][:300])
    return error_response(409, "conflict", "the request conflicted with another one; send it again.",
                          {"Retry-After": "1"})


async def internal_handler(_request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error", exc_info=exc)
    return error_response(500, "internal", "HQ hit an unexpected error; it has been logged.")


_E = TypeVar("_E", bound=Exception)


def on_exception(app: Starlette, exc_class: type[_E],
                 handler: Callable[[Request, _E], Awaitable[Response]]) -> None:
    """Register `handler` for `exc_class`. Starlette types every handler as taking any
    Exception, though it only passes one an instance of the class it is registered for; this
    wrapper checks that, so a handler may take its own class."""
    async def handle(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, exc_class):  # Starlette never does this
            raise exc
        return await handler(request, exc)

    app.add_exception_handler(exc_class, handle)


def install_handlers(app: Starlette) -> None:
    on_exception(app, HTTPException, http_exception_handler)
    on_exception(app, RequestValidationError, validation_handler)
    on_exception(app, OperationalError, busy_handler)
    on_exception(app, IntegrityError, conflict_handler)
    on_exception(app, DataError, data_handler)
    app.add_exception_handler(Exception, internal_handler)


class BodyLimit:
    """Pure ASGI middleware: refuse request bodies above `limit` bytes as they arrive on the wire
    (whatever Content-Length claims), before anything buffers them."""

    def __init__(self, app: ASGIApp, limit: int = MAX_WIRE_BYTES):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.limit
                except ValueError:
                    too_big = False
                    await error_response(400, "bad_request", "bad Content-Length")(scope, receive, send)
                    return
                if too_big:
                    await self._refuse(scope, receive, send)
                    return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    if message.get("more_body", False):
                        await self._drain(receive)
                    raise api_error(413, "too_large", f"the request body is over {self.limit} bytes")
            return message

        await self.app(scope, counted, send)

    async def _drain(self, receive: Receive) -> None:
        """Read and drop the rest of an oversized body (bounded), so the client, still sending,
        reads our 413 instead of a connection reset. Nothing is kept in memory."""
        drained = 0
        while drained < DRAIN_LIMIT:
            message = await receive()
            if message["type"] != "http.request":
                return
            drained += len(message.get("body", b""))
            if not message.get("more_body", False):
                return

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._drain(receive)
        await error_response(413, "too_large", f"the request body is over {self.limit} bytes",
                             {"Connection": "close"})(scope, receive, send)


def gunzip_capped(data: bytes, limit: int = MAX_JSON_BYTES) -> bytes:
    """Decompress gzip without ever holding more than `limit` bytes of output: a bomb (a few KB
    that inflate to gigabytes) is refused after `limit` bytes, not after filling the memory."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    chunk = data
    try:
        while chunk:
            out += d.decompress(chunk, limit + 1 - len(out))
            if len(out) > limit:
                raise api_error(413, "too_large_decompressed",
                                f"the request body inflates to more than {limit} bytes")
            chunk = d.unconsumed_tail
        out += d.flush(limit + 1 - len(out))
    except zlib.error:
        raise api_error(400, "bad_encoding", "the body is not valid gzip") from None
    if len(out) > limit:
        raise api_error(413, "too_large_decompressed",
                        f"the request body inflates to more than {limit} bytes")
    if not d.eof:
        raise api_error(400, "bad_encoding", "the gzip body is truncated")
    return bytes(out)


def _gunzip_and_parse(raw: bytes) -> tuple[bytes, Any, BaseException | None]:
    """A large gzip body decompressed and parsed in one trip to the thread pool (the push's
    body: two trips, each a thread woken and the interpreter's lock handed over twice, cost
    about as much as the parse itself). Returns (body, parsed JSON, the exception `loads`
    raised instead, kept for DecodingRequest.json to raise); gunzip_capped's own refusals are
    raised here, as DecodingRequest.body raised them."""
    body = gunzip_capped(raw)
    if len(body) <= OFF_LOOP_BYTES:
        return body, None, None
    try:
        return body, loads(body), None
    except Exception as exc:  # noqa: BLE001 - raised by DecodingRequest.json, where it was raised
        return body, None, exc


class DecodingRequest(Request):
    """A request whose body is decompressed (gzip, bounded) before FastAPI parses it."""

    async def body(self) -> bytes:
        if not hasattr(self, "_decoded"):
            raw = await super().body()
            encoding = self.headers.get("content-encoding", "identity").strip().lower()
            if encoding == "gzip":
                if len(raw) > OFF_LOOP_BYTES // 4:
                    self._decoded, parsed, error = await run_in_threadpool(_gunzip_and_parse, raw)
                    if len(self._decoded) > OFF_LOOP_BYTES:
                        self._parsed = (parsed, error)
                else:
                    self._decoded = gunzip_capped(raw)
            elif encoding in ("", "identity"):
                self._decoded = raw
            else:
                raise api_error(415, "unsupported_encoding",
                                f"Content-Encoding {encoding[:40]!r} is not supported; use gzip")
            self._body = self._decoded
        return self._decoded

    async def json(self) -> Any:  # any JSON value
        """The body decoded, its shape bounded before pydantic or anything else walks it:
        nesting (`too_deep`), integer size (`number_too_large`), NaN/Infinity (`not_a_number`).
        Text that is not JSON stays FastAPI's `invalid_request`. A large gzip body was parsed
        already, beside its decompression (_gunzip_and_parse)."""
        if not hasattr(self, "_json"):
            body = await self.body()
            try:
                if hasattr(self, "_parsed"):
                    parsed, error = self._parsed
                    if error is not None:
                        raise error
                    self._json = parsed
                else:
                    self._json = (await run_in_threadpool(loads, body)
                                  if len(body) > OFF_LOOP_BYTES else loads(body))
            except BadJSON as exc:
                if exc.code == "bad_encoding":
                    raise api_error(400, "bad_encoding", "the request body is not UTF-8") from None
                if exc.code == "not_json":
                    raise api_error(422, "invalid_request",
                                    f"the request body is not JSON: {exc.message}") from None
                raise api_error(422, exc.code,
                                f"the request body is out of bounds: {exc.message}") from None
        return self._json


class DecodingRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def decoding_handler(request: Request) -> Response:
            return await handler(DecodingRequest(request.scope, request.receive))

        return decoding_handler
