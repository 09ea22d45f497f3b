"""Load generation against a `storyline serve` process: the server, the clients, open-loop phases, the table.

`Server` starts `storyline serve` on a free port and stops it by its own pid; its
CPU time and memory (the whole process tree, uvicorn's workers included) are read
from /proc, since psutil is not a dependency. `run_phase` drives an open-loop
load: request i is sent at t0 + i/rate whatever happened to the earlier ones, and
its latency counts from that scheduled time, so a stalled server shows as latency
instead of as fewer requests (no coordinated omission). Two clients: raw asyncio
streams with keep-alive (`RawClient`, the cheaper) and httpx.AsyncClient
(`HttpxClient`). `print_phases` prints the phases side by side.
"""
from __future__ import annotations

import asyncio
import json
import os
import resource
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

STORYLINE = Path(sys.executable).with_name("storyline")


# ---------------------------------------------------------------------------------------------------------------
# The server and its resource use, read from /proc (psutil is not a dependency).

class SetupError(Exception):
    """The run cannot happen (exit 2)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _proc_stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            data = handle.read()
    except OSError:
        return None
    return data[data.rindex(")") + 2:].split()  # fields from 3 (state) on; the name may hold spaces


def process_tree(root: int) -> list[int]:
    """The root and all its descendants (uvicorn's worker processes under --workers N)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _proc_stat(int(entry))
            if fields:
                children.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def cpu_seconds(root: int) -> float:
    """utime + stime of the process tree, in seconds."""
    total = 0
    for pid in process_tree(root):
        fields = _proc_stat(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / CLOCK_TICKS


def memory_mb(root: int) -> tuple[float, float]:
    """Resident memory now and the peak (VmHWM) of the process tree, in MB (summed over processes)."""
    rss = peak = 0
    for pid in process_tree(root):
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
                    elif line.startswith("VmHWM:"):
                        peak += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, peak / 1024


class Server:
    """`storyline serve` on a free port, its output in a log file, stopped (by its own pid) on exit."""

    def __init__(self, db: Path, workers: int, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        command = [str(STORYLINE), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(self.port)]
        if workers != 1:
            command += ["--workers", str(workers)]
        self.log = open(log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float = 90.0) -> dict:
        """Poll GET /api/health until it answers 200; its JSON body."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SetupError(f"storyline serve exited {self.process.returncode}: {self.log_tail()}")
            try:
                status, body = http_get_once("127.0.0.1", self.port, "/api/health", timeout=2.0)
                if status == 200:
                    return json.loads(body)
            except OSError:
                pass
            time.sleep(0.2)
        raise SetupError(f"storyline serve did not answer /api/health within {timeout:.0f} s: {self.log_tail()}")

    def log_tail(self) -> str:
        self.log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace").strip()[-2000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # uvicorn shuts its workers down on SIGTERM
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def http_get_once(host: str, port: int, path: str, timeout: float) -> tuple[int, bytes]:
    """One blocking GET on a fresh connection (readiness checks and warm-up)."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    if b"transfer-encoding: chunked" in head.lower():
        body = _dechunk(body)
    return status, body


def _dechunk(data: bytes) -> bytes:
    out, position = [], 0
    while True:
        end = data.index(b"\r\n", position)
        size = int(data[position:end].split(b";")[0], 16)
        if size == 0:
            return b"".join(out)
        out.append(data[end + 2:end + 2 + size])
        position = end + 2 + size + 2


# ---------------------------------------------------------------------------------------------------------------
# The load: open loop, latency from the scheduled send time.

class RawClient:
    """HTTP/1.1 GETs over a pool of keep-alive asyncio stream connections (opened as the load needs them)."""

    def __init__(self, host: str, port: int, max_connections: int):
        self.host, self.port = host, port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.slots = asyncio.Semaphore(max_connections)
        self.opened = 0

    async def get(self, path: str) -> tuple[int, int]:
        """Status and body size of one GET."""
        async with self.slots:
            while self.idle:
                reader, writer = self.idle.pop()
                if not reader.at_eof() and not writer.is_closing():
                    break
                writer.close()  # the server closed it while idle (uvicorn's keep-alive timeout is 5 s)
            else:
                reader, writer = await self._open()
                return await self._exchange(reader, writer, path)
            try:
                return await self._exchange(reader, writer, path)
            except (ConnectionError, asyncio.IncompleteReadError) as exc:
                # A reused connection the server closed just as we wrote to it: retry once on a new one, as HTTP
                # clients do; a partial response (bytes already read) is an error, not a retry.
                if isinstance(exc, asyncio.IncompleteReadError) and exc.partial:
                    raise
                return await self._exchange(*await self._open(), path)

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        self.opened += 1
        return await asyncio.open_connection(self.host, self.port)

    async def _exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> tuple[int, int]:
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length, chunked, close = None, False, False
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"transfer-encoding" and b"chunked" in value.lower():
                    chunked = True
                elif name == b"connection" and b"close" in value.lower():
                    close = True
            if chunked:
                size = 0
                while True:
                    chunk_size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    await reader.readexactly(chunk_size + 2)
                    size += chunk_size
                    if chunk_size == 0:
                        break
            elif length is not None:
                size = len(await reader.readexactly(length))
            else:
                size, close = len(await reader.read()), True
        except BaseException:
            writer.close()
            raise
        if close:
            writer.close()
        else:
            self.idle.append((reader, writer))
        return status, size

    async def close(self) -> None:
        for _, writer in self.idle:
            writer.close()
        self.idle.clear()


class HttpxClient:
    """The same GETs through httpx.AsyncClient's connection pool."""

    def __init__(self, host: str, port: int, max_connections: int):
        import httpx

        self.client = httpx.AsyncClient(base_url=f"http://{host}:{port}", timeout=None,
                                        limits=httpx.Limits(max_connections=max_connections,
                                                            max_keepalive_connections=max_connections))
        self.opened = 0  # not tracked by httpx

    async def get(self, path: str) -> tuple[int, int]:
        response = await self.client.get(path)
        return response.status_code, len(response.content)

    async def close(self) -> None:
        await self.client.aclose()


CLIENTS = {"raw": RawClient, "httpx": HttpxClient}


@dataclass
class PhaseResult:
    name: str
    path: str
    rate: float
    duration: float
    planned: int
    sent: int
    completed: int  # answered 200
    errors: int  # non-200 answers, exceptions, timeouts
    error_kinds: dict
    latencies_ms: list  # of the 200 answers, from the scheduled send time
    send_lag_ms: list  # how late the client started each request (its own lag; included in the latency)
    wall_seconds: float  # t0 to the last answer
    send_seconds: float  # t0 to the last send
    server_cpu_percent: float
    server_cpu_seconds: float
    server_rss_mb: float
    server_peak_mb: float
    client_cpu_percent: float
    mean_bytes: float
    connections: int

    def percentile(self, q: float) -> float:
        return percentile(self.latencies_ms, q)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


async def run_phase(name: str, paths: list[str], rate: float, duration: float, port: int, server_pid: int,
                    client_kind: str, timeout: float, max_connections: int) -> PhaseResult:
    """Send paths[i] at t0 + i/rate for `duration` seconds; wait for the stragglers up to `timeout`."""
    loop = asyncio.get_running_loop()
    client = CLIENTS[client_kind]("127.0.0.1", port, max_connections)
    planned = int(round(rate * duration))
    latencies, lags, sizes = [], [], []
    error_kinds: dict[str, int] = {}
    last_done = [0.0]

    async def one(i: int, scheduled: float) -> None:
        lags.append((loop.time() - scheduled) * 1000)
        try:
            status, size = await asyncio.wait_for(client.get(paths[i % len(paths)]), timeout)
        except asyncio.TimeoutError:
            error_kinds["timeout"] = error_kinds.get("timeout", 0) + 1
            return
        except Exception as exc:  # noqa: BLE001 - every failure is counted, by kind
            kind = type(exc).__name__
            error_kinds[kind] = error_kinds.get(kind, 0) + 1
            return
        finally:
            last_done[0] = loop.time()
        if status != 200:
            error_kinds[f"HTTP {status}"] = error_kinds.get(f"HTTP {status}", 0) + 1
            return
        latencies.append((loop.time() - scheduled) * 1000)
        sizes.append(size)

    cpu_before, usage_before = cpu_seconds(server_pid), resource.getrusage(resource.RUSAGE_SELF)
    t0 = loop.time() + 0.05
    tasks = []
    for i in range(planned):
        scheduled = t0 + i / rate
        delay = scheduled - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, scheduled)))
    send_end = loop.time()
    await asyncio.gather(*tasks)
    wall = max(last_done[0], send_end) - t0
    cpu_after, usage_after = cpu_seconds(server_pid), resource.getrusage(resource.RUSAGE_SELF)
    rss, peak = memory_mb(server_pid)
    await client.close()
    client_cpu = (usage_after.ru_utime + usage_after.ru_stime - usage_before.ru_utime - usage_before.ru_stime)
    errors = sum(error_kinds.values())
    return PhaseResult(
        name=name, path=paths[0] if len(set(paths)) == 1 else "/stories/{id}", rate=rate, duration=duration,
        planned=planned, sent=len(tasks), completed=len(latencies), errors=errors, error_kinds=error_kinds,
        latencies_ms=latencies, send_lag_ms=lags, wall_seconds=wall, send_seconds=send_end - t0,
        server_cpu_percent=100 * (cpu_after - cpu_before) / max(wall, 1e-9), server_cpu_seconds=cpu_after - cpu_before,
        server_rss_mb=rss, server_peak_mb=peak,
        client_cpu_percent=100 * client_cpu / max(wall, 1e-9),
        mean_bytes=sum(sizes) / len(sizes) if sizes else 0.0, connections=client.opened)


def warm_up(port: int, paths: list[str]) -> None:
    """A few requests, one at a time, before anything is measured (templates compile, connections open)."""
    for path in paths:
        http_get_once("127.0.0.1", port, path, timeout=30.0)


def print_phases(results: list[PhaseResult]) -> None:
    rows = [
        ("endpoint", lambda r: r.path),
        ("target rate (req/s) x s", lambda r: f"{r.rate:g} x {r.duration:g}"),
        ("requests planned", lambda r: f"{r.planned:,}"),
        ("requests sent", lambda r: f"{r.sent:,}"),
        ("completed (200)", lambda r: f"{r.completed:,}"),
        ("errors", lambda r: f"{r.errors:,}" + (f" {r.error_kinds}" if r.error_kinds else "")),
        ("achieved rate (req/s)", lambda r: f"{r.completed / max(r.wall_seconds, 1e-9):.1f}"),
        ("latency p50 (ms)", lambda r: f"{r.percentile(50):.1f}"),
        ("latency p95 (ms)", lambda r: f"{r.percentile(95):.1f}"),
        ("latency p99 (ms)", lambda r: f"{r.percentile(99):.1f}"),
        ("latency max (ms)", lambda r: f"{max(r.latencies_ms, default=float('nan')):.1f}"),
        ("client send lag p99 / max (ms)",
         lambda r: f"{percentile(r.send_lag_ms, 99):.1f} / {max(r.send_lag_ms, default=float('nan')):.1f}"),
        ("mean response (KB)", lambda r: f"{r.mean_bytes / 1024:.1f}"),
        ("connections opened", lambda r: f"{r.connections:,}" if r.connections else "-"),
        ("server CPU % (100 = one core)", lambda r: f"{r.server_cpu_percent:.0f}"),
        ("server RSS / peak (MB)", lambda r: f"{r.server_rss_mb:.0f} / {r.server_peak_mb:.0f}"),
        ("load generator CPU %", lambda r: f"{r.client_cpu_percent:.0f}"),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"{'':{width}}  " + "  ".join(f"{r.name:>24}" for r in results))
    for label, value in rows:
        print(f"{label:{width}}  " + "  ".join(f"{value(r):>24}" for r in results))

