"""What every response of the server carries and every request is held to.

Article text is untrusted: pages are rendered with autoescaping, and a strict
Content-Security-Policy forbids inline script and any origin but our own, so even
markup that slipped through could not run. Bodies are size-bounded before they are
read, and errors reach clients as one line, never a stack trace.
"""
from __future__ import annotations

import logging

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
MAX_BODY_BYTES = 6_000_000  # one article of the readers' 5 MB bound, plus its JSON envelope

log = logging.getLogger("storyline.web")


class SecurityMiddleware:
    """ASGI middleware: security headers on every response, request bodies bounded in size."""

    def __init__(self, app, max_body: int = MAX_BODY_BYTES):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            return await _plain(send, 413, f"request body over {self.max_body:,} bytes")
        seen = 0

        async def bounded_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge()
            return message

        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        try:
            await self.app(scope, bounded_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await _plain(send, 413, f"request body over {self.max_body:,} bytes")
        except Exception:  # the last line of defence: log it here, tell the client nothing of it
            log.exception("unhandled error for %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await _plain(send, 500, "internal error")


class BodyTooLarge(Exception):
    pass


async def _plain(send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
