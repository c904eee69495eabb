"""The server's outer wall: read-only methods, no request bodies, short URLs, known hosts, security headers.

A plain ASGI middleware (cheaper per request than Starlette's BaseHTTPMiddleware). Every refusal is
a JSON error with a code, like every other error of the API.
"""

from __future__ import annotations

import json
from typing import Iterable

# The UI loads only its own files; nothing inline, nothing from elsewhere, never framed.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
]
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
READ_METHODS = {"GET", "HEAD"}
MAX_URL = 4096  # bytes of path plus query string


class Guard:
    def __init__(self, app, allowed_hosts: Iterable[str] = LOOPBACK_HOSTS, cors_origins: Iterable[str] = ()):
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts}
        self.any_host = "*" in self.allowed
        self.cors = {o.lower() for o in cors_origins}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        refusal = self._refuse(scope, headers)
        if refusal:
            status, code, message, hint = refusal
            return await _json_error(send, status, code, message, hint, self._extra(headers))
        extra = self._extra(headers)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS + extra if k not in have]
            await send(message)

        return await self.app(scope, receive, send_with_headers)

    def _refuse(self, scope, headers: dict) -> tuple | None:
        host = headers.get("host", "").lower()
        name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
        if not self.any_host and name not in self.allowed:
            return (400, "E413", f"Host {host!r} is not served here.",
                    "Open the UI through the address the server was started on (http://127.0.0.1:PORT/).")
        if scope["method"] not in READ_METHODS:
            return (405, "E411", f"{scope['method']} is not allowed: the HTTP API is read-only.",
                    "Use GET. To add articles, run `dateline run` while the server is stopped.")
        if len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") > MAX_URL:
            return (414, "E412", f"The URL is longer than {MAX_URL} bytes.", "Use fewer or shorter parameters.")
        if headers.get("content-length", "0") not in ("", "0") or "transfer-encoding" in headers:
            return (413, "E412", "Requests to this API carry no body.", "Send parameters in the query string.")
        return None

    def _extra(self, headers: dict) -> list[tuple[bytes, bytes]]:
        origin = headers.get("origin", "").lower()
        if origin and origin in self.cors:  # closed unless origins were given to create_app
            return [(b"access-control-allow-origin", origin.encode()), (b"vary", b"Origin")]
        return []


async def _json_error(send, status: int, code: str, message: str, hint: str, extra: list) -> None:
    body = json.dumps({"error": {"code": code, "message": message, "hint": hint}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"cache-control", b"no-store")] + SECURITY_HEADERS + extra})
    await send({"type": "http.response.body", "body": body})
