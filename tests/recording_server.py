"""A loopback HTTP server that records Messages API requests and answers like the API would.

Used by ``test_live_requests.py``: migrated fixture code runs with the real ``anthropic`` client pointed at
this server (``ANTHROPIC_BASE_URL``), and the tests assert on the JSON bodies it recorded.

Endpoints (``POST``; a ``?beta=true`` query is accepted and recorded, though SDK 2.12 does not send one for
``client.beta.*`` calls: it keeps that qualifier client-side):

- ``/v1/messages``: a ``Message`` (``anthropic/types/message.py``), or, when the body has ``"stream": true``
  (which ``messages.stream(...)`` also sends), the server-sent events of one text block: ``message_start``,
  ``content_block_start``, ``content_block_delta``, ``content_block_stop``, ``message_delta``,
  ``message_stop`` (``anthropic/types/raw_*_event.py``);
- ``/v1/messages/count_tokens``: a ``MessageTokensCount``;
- ``/v1/messages/batches``: a ``MessageBatch`` (``anthropic/types/messages/message_batch.py``) with every
  request still processing.

The reply text is ``"ok"``, except when the request asks for structured output
(``output_config.format`` of type ``json_schema``): then it is the smallest JSON document the schema
describes, so code that ``json.loads`` the reply keeps running. Anything else gets the API's 404 error body.

The server binds 127.0.0.1 on an ephemeral port, serves from a daemon thread, puts a timeout on every
socket read, and is stopped by :meth:`RecordingServer.stop` (the ``recording_server`` fixture's teardown), which
also ends open keep-alive connections, so nothing is served after the test.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

MESSAGES = "/v1/messages"
COUNT_TOKENS = "/v1/messages/count_tokens"
BATCHES = "/v1/messages/batches"
ENDPOINTS = (MESSAGES, COUNT_TOKENS, BATCHES)

REPLY_TEXT = "ok"
SOCKET_TIMEOUT = 10.0  # seconds a connection may sit idle or half-sent before the server drops it
MAX_BODY = 16 * 1024 * 1024
POLL_INTERVAL = 0.005  # how often serve_forever checks for shutdown(): bounds the teardown time


@dataclass
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str  # without the query string
    query: dict[str, list[str]]
    headers: dict[str, str]  # names lower-cased
    body: Any  # the parsed JSON body (None when there was none)
    raw: bytes = field(repr=False, default=b"")

    @property
    def beta(self) -> bool:
        """Whether the URL had ``?beta=true``. SDK 2.12 keeps that qualifier client-side and does not send it;
        a beta call shows only in its ``anthropic-beta`` header, when it has ``betas=``."""
        return self.query.get("beta") == ["true"]

    def betas(self) -> list[str]:
        """The ``anthropic-beta`` header as a list."""
        value = self.headers.get("anthropic-beta", "")
        return [item.strip() for item in value.split(",") if item.strip()]

    def message_bodies(self) -> list[dict[str, Any]]:
        """The Messages request(s) this request carries: the body, or each batch request's ``params``."""
        if not isinstance(self.body, dict):
            return []
        if self.path == BATCHES:
            return [r["params"] for r in self.body.get("requests", []) if isinstance(r, dict) and isinstance(r.get("params"), dict)]
        return [self.body]


def example_for_schema(schema: Any, defs: dict[str, Any] | None = None, depth: int = 0) -> Any:
    """A minimal JSON value that satisfies a (simple) JSON schema: required properties only."""
    if not isinstance(schema, dict) or depth > 20:
        return None
    defs = defs if defs is not None else {**schema.get("$defs", {}), **schema.get("definitions", {})}
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return example_for_schema(defs.get(name, {}), defs, depth + 1)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf", "allOf"):
        if schema.get(key):
            return example_for_schema(schema[key][0], defs, depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or (kind is None and "properties" in schema):
        properties = schema.get("properties", {})
        return {name: example_for_schema(properties.get(name, {}), defs, depth + 1) for name in schema.get("required", [])}
    if kind == "array":
        return [example_for_schema(schema.get("items", {}), defs, depth + 1) for _ in range(schema.get("minItems", 0))]
    if kind == "string":
        return REPLY_TEXT
    if kind in ("number", "integer"):
        return schema.get("minimum", 0)
    if kind == "boolean":
        return False
    return None


def reply_text(body: dict[str, Any]) -> str:
    output_config = body.get("output_config")
    fmt = output_config.get("format") if isinstance(output_config, dict) else None
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        return json.dumps(example_for_schema(fmt.get("schema", {})))
    return REPLY_TEXT


def message_response(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "msg_test",
        "type": "message",
        "role": "assistant",
        "model": body.get("model", "unknown"),
        "content": [{"type": "text", "text": reply_text(body)}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 1},
    }


def sse_events(body: dict[str, Any]) -> bytes:
    """The event stream of a one-text-block reply, in the API's shape."""
    start = message_response(body)
    start.update(content=[], stop_reason=None)
    start["usage"] = {"input_tokens": 1, "output_tokens": 0}
    events: list[tuple[str, dict[str, Any]]] = [
        ("message_start", {"type": "message_start", "message": start}),
        ("content_block_start", {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
        ("ping", {"type": "ping"}),
        (
            "content_block_delta",
            {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": reply_text(body)}},
        ),
        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
        (
            "message_delta",
            {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None}, "usage": {"output_tokens": 1}},
        ),
        ("message_stop", {"type": "message_stop"}),
    ]
    return "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events).encode("utf-8")


def batch_response(body: dict[str, Any]) -> dict[str, Any]:
    now = datetime.now(timezone.utc)
    count = len(body.get("requests", [])) if isinstance(body.get("requests"), list) else 0
    return {
        "id": "msgbatch_test",
        "type": "message_batch",
        "processing_status": "in_progress",
        "request_counts": {"processing": count, "succeeded": 0, "errored": 0, "canceled": 0, "expired": 0},
        "created_at": now.isoformat().replace("+00:00", "Z"),
        "expires_at": (now + timedelta(hours=24)).isoformat().replace("+00:00", "Z"),
        "ended_at": None,
        "archived_at": None,
        "cancel_initiated_at": None,
        "results_url": None,
    }


def error_body(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}}


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_TIMEOUT  # applied to the connection socket: a stalled client cannot pin a thread
    disable_nagle_algorithm = True  # TCP_NODELAY: no 40 ms delayed-ACK stall per response
    wbufsize = -1  # buffered: status line, headers and body leave in one write at flush()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest output clean

    def _send(self, status: int, payload: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("request-id", "req_test")
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()

    def _send_json(self, status: int, payload: Any) -> None:
        self._send(status, json.dumps(payload).encode("utf-8"), "application/json")

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            self._send_json(413, error_body("request_too_large", "request body too large"))
            return
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        recorded = RecordedRequest(
            method="POST",
            path=url.path,
            query=parse_qs(url.query),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=body,
            raw=raw,
        )
        self.server.record(recorded)
        if url.path not in ENDPOINTS:
            self._send_json(404, error_body("not_found_error", f"no route for POST {url.path}"))
        elif not isinstance(body, dict):
            self._send_json(400, error_body("invalid_request_error", "the body is not a JSON object"))
        elif url.path == COUNT_TOKENS:
            self._send_json(200, {"input_tokens": 1})
        elif url.path == BATCHES:
            self._send_json(200, batch_response(body))
        elif body.get("stream") is True:
            self._send(200, sse_events(body), "text/event-stream; charset=utf-8")
        else:
            self._send_json(200, message_response(body))

    def _not_found(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if 0 < length <= MAX_BODY else b""
        self.server.record(
            RecordedRequest(
                method=self.command,
                path=url.path,
                query=parse_qs(url.query),
                headers={name.lower(): value for name, value in self.headers.items()},
                body=None,
                raw=raw,
            )
        )
        self._send_json(404, error_body("not_found_error", f"no route for {self.command} {url.path}"))

    do_GET = do_PUT = do_PATCH = do_DELETE = _not_found


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a handler thread never outlives the test process
    allow_reuse_address = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[RecordedRequest] = []
        self.lock = threading.Lock()
        self.connections: set[socket.socket] = set()

    def record(self, request: RecordedRequest) -> None:
        with self.lock:
            self.requests.append(request)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """End every open keep-alive connection, so no handler thread serves after the server stops."""
        with self.lock:
            connections = list(self.connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class RecordingServer:
    """Start with :meth:`start` (or ``with RecordingServer() as server``); stop with :meth:`stop`."""

    def __init__(self) -> None:
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> RecordingServer:
        if self._server is not None:
            raise RuntimeError("already started")
        self._server = _Server()
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": POLL_INTERVAL}, name="recording-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is None:
            return
        server.shutdown()  # returns once serve_forever has left its loop: no new connections
        server.close_connections()  # and the open ones end: their handler threads see EOF and return
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> RecordingServer:  # noqa: PYI034 - start() returns self; Self needs 3.11
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        """The base URL to give the SDK (``base_url=`` or ``ANTHROPIC_BASE_URL``)."""
        if self._server is None:
            raise RuntimeError("not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        if self._server is None:
            return []
        with self._server.lock:
            return list(self._server.requests)

    def clear(self) -> None:
        if self._server is not None:
            with self._server.lock:
                self._server.requests.clear()

    def bodies(self) -> list[dict[str, Any]]:
        """Every Messages request body recorded so far (batch requests' ``params`` one by one)."""
        return [body for request in self.requests for body in request.message_bodies()]


def listens_on_loopback_only(server: RecordingServer) -> bool:
    """Whether the server's socket is bound to a loopback address (not 0.0.0.0)."""
    assert server._server is not None
    host = server._server.server_address[0]
    return socket.inet_aton(host)[0] == 127


@pytest.fixture
def recording_server() -> Iterator[RecordingServer]:
    """A running :class:`RecordingServer` for one test; shut down in teardown."""
    server = RecordingServer().start()
    try:
        yield server
    finally:
        server.stop()
