"""A simulated browser session speaking Streamlit's own WebSocket protocol (not AppTest).

What the browser does (streamlit/static index.js, streamlit/web/server/starlette/):
- GET the page's URL (which sets the `_streamlit_xsrf` cookie, and a balancer's sticky
  cookie), then `_stcore/health` and `_stcore/host-config`;
- open `ws(s)://host/_stcore/stream` with the subprotocols `streamlit`, the XSRF cookie's
  value (or `PLACEHOLDER_AUTH_TOKEN`) and, on a reconnection, the last session id, sending
  its cookies and its Origin;
- send binary `BackMsg`s: `rerun_script` carries a `ClientState` (query string, page script
  hash, or on the first run the page name from the URL path, widget states, the hashes of
  the cached messages, context info); receive binary `ForwardMsg`s until `script_finished`.
Large elements the client said it holds come back as `ref_hash` messages: kept hashes are
sent with each rerun, as the browser's message cache does.
"""

from __future__ import annotations

import asyncio
import http.client
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from google.protobuf.message import DecodeError
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException
from websockets.typing import Origin, Subprotocol

XSRF_COOKIE = "_streamlit_xsrf"
RUN_TIMEOUT_S = 60.0
# What a dropped or refused connection raises: counted as the run's error, never a crash.
TRANSPORT_ERRORS = (OSError, WebSocketException, TimeoutError, DecodeError)
CONTEXT = {"timezone": "Europe/Paris", "timezone_offset": -60, "locale": "fr-FR",
           "is_embedded": False, "color_scheme": "light"}


@dataclass
class RunResult:
    """One rerun: seconds from the request to `script_finished`, bytes received, an error or None."""

    seconds: float
    bytes: int
    error: str | None = None
    payload: bytes = b""


@dataclass
class _Run:
    started: float
    done: asyncio.Future
    received: int = 0
    error: str | None = None
    keep: bool = False
    chunks: list[bytes] = field(default_factory=list)


def http_get(base_url: str, path: str, cookies: dict[str, str]) -> tuple[int, dict[str, str], dict]:
    """GET `path` like the browser; return the status, cookies set and response headers."""
    parts = urlsplit(base_url)
    con = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
        con.request("GET", parts.path.rstrip("/") + path, headers=headers)
        response = con.getresponse()
        response.read()
        set_cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                set_cookies[key.strip()] = val.strip()
        return response.status, set_cookies, {k.lower(): v for k, v in response.getheaders()}
    finally:
        con.close()


class Session:
    """One browser tab: `open()` loads a URL, `rerun()` asks for a new view and times it."""

    def __init__(self, base_url: str, cookies: dict[str, str] | None = None):
        self.base_url = base_url.rstrip("/")
        self.cookies = dict(cookies or {})
        self.page_hashes: dict[str, str] = {}  # url path → page script hash
        self.session_id = ""
        # The balancer's X-Observatory-Replica header, when there is one: page GET, WebSocket.
        self.served_by = ""
        self.socket_served_by = ""
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._run: _Run | None = None
        self._cached: set[str] = set()
        self._page_hash = ""

    async def open(self, path: str, query: str = "", keep_payload: bool = False) -> RunResult:
        """Load `path?query` as a pasted link: page GET, then the WebSocket and the first run."""
        url = path + (f"?{query}" if query else "")
        status, set_cookies, headers = await asyncio.to_thread(
            http_get, self.base_url, url, self.cookies)
        self.cookies.update(set_cookies)
        self.served_by = headers.get("x-observatory-replica", "")
        if status != 200:
            return RunResult(0.0, 0, f"GET {url}: HTTP {status}")
        for probe in ("/_stcore/health", "/_stcore/host-config"):
            await asyncio.to_thread(http_get, self.base_url, probe, self.cookies)
        await self._connect()
        return await self._send_rerun(query, page_name=path.strip("/"), keep_payload=keep_payload)

    async def reconnect(self) -> None:
        """Drop the WebSocket and open it again with the last session id, as the browser does."""
        await self._close_socket()
        await self._connect()

    async def rerun(self, path: str, query: str, keep_payload: bool = False) -> RunResult:
        """Navigate to `path?query` inside the app (page script hash and a new query string)."""
        page_hash = self.page_hashes.get(path.strip("/"))
        if page_hash is None:
            return RunResult(0.0, 0, f"page {path} unknown to the app")
        return await self._send_rerun(query, page_hash=page_hash, keep_payload=keep_payload)

    @property
    def connected(self) -> bool:
        """False once the server closed or dropped the WebSocket."""
        return self._reader is not None and not self._reader.done()

    async def close(self) -> None:
        await self._close_socket()

    async def _connect(self) -> None:
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        tokens = [self.cookies.get(XSRF_COOKIE) or "PLACEHOLDER_AUTH_TOKEN"]
        if self.session_id:
            tokens.append(self.session_id)
        self._ws = await connect(
            f"{scheme}://{parts.netloc}{parts.path}/_stcore/stream",
            origin=Origin(self.base_url), subprotocols=[Subprotocol("streamlit"),
                                                        *map(Subprotocol, tokens)],
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())},
            max_size=None, open_timeout=30, ping_interval=None)
        self.socket_served_by = self._ws.response.headers.get("X-Observatory-Replica", "")
        self._reader = asyncio.create_task(self._read())

    async def _close_socket(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, *TRANSPORT_ERRORS):
                pass
        self._ws = self._reader = None

    async def _send_rerun(self, query: str, page_hash: str = "", page_name: str = "",
                          keep_payload: bool = False) -> RunResult:
        if self._ws is None:
            return RunResult(0.0, 0, "not connected")
        message = BackMsg()
        state = message.rerun_script
        state.query_string = query
        state.page_script_hash = page_hash
        state.page_name = page_name
        state.widget_states.SetInParent()
        state.cached_message_hashes.extend(sorted(self._cached))
        for name, value in CONTEXT.items():
            setattr(state.context_info, name, value)
        state.context_info.url = f"{self.base_url}/{page_name}" + (f"?{query}" if query else "")
        loop = asyncio.get_running_loop()
        run = _Run(time.perf_counter(), loop.create_future(), keep=keep_payload)
        self._run = run
        try:
            await self._ws.send(message.SerializeToString())
            await asyncio.wait_for(asyncio.shield(run.done), RUN_TIMEOUT_S)
        except TimeoutError:
            run.error = f"no script_finished within {RUN_TIMEOUT_S:.0f} s"
        except TRANSPORT_ERRORS as error:  # a dropped connection is one error of this run
            run.error = run.error or f"{type(error).__name__}: {error}"
        finally:
            self._run = None
        seconds = time.perf_counter() - run.started
        return RunResult(seconds, run.received, run.error, b"".join(run.chunks))

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                self._handle(data)
        except TRANSPORT_ERRORS as error:
            if self._run is not None and not self._run.done.done():
                self._run.error = f"connection lost: {type(error).__name__}"
                self._run.done.set_result(None)
            return
        if self._run is not None and not self._run.done.done():
            self._run.error = "connection closed by the server"
            self._run.done.set_result(None)

    def _handle(self, data: bytes) -> None:
        message = ForwardMsg()
        message.ParseFromString(data)
        run = self._run
        if run is not None:
            run.received += len(data)
            if run.keep:
                run.chunks.append(data)
        kind = message.WhichOneof("type")
        if message.metadata.cacheable and message.hash:
            self._cached.add(message.hash)
        if kind == "new_session":
            self.session_id = message.new_session.initialize.session_id or self.session_id
            self._remember_pages(message.new_session.app_pages)
        elif kind == "navigation":
            self._remember_pages(message.navigation.app_pages)
        elif kind == "delta" and run is not None:
            element = message.delta.new_element
            if message.delta.WhichOneof("type") == "new_element" and \
                    element.WhichOneof("type") == "exception":
                run.error = run.error or f"exception: {element.exception.type}: {element.exception.message[:200]}"
        elif kind == "page_not_found" and run is not None:
            run.error = run.error or "page not found"
        elif kind == "script_finished" and run is not None and not run.done.done():
            if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return  # the script asked for a rerun (st.rerun): the view is the next run's
            if message.script_finished not in (ForwardMsg.FINISHED_SUCCESSFULLY,
                                               ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                run.error = run.error or f"script_finished {message.script_finished}"
            run.done.set_result(None)

    def _remember_pages(self, pages) -> None:
        for page in pages:
            self.page_hashes[page.url_pathname] = page.page_script_hash
            if page.is_default:
                self.page_hashes[""] = page.page_script_hash
