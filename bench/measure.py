"""Starting servers the same way and loading them with wrk; memory and start-up time."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    """A uvicorn process serving `factory` with `workers` worker processes."""

    url: str
    pid: int
    started_in_seconds: float

    def rss_per_worker_mb(self) -> float:
        """Resident memory of each serving process (the workers, or the one process)."""
        children = _children(self.pid)
        pids = children or [self.pid]
        sizes = [rss_mb(pid) for pid in pids]
        return max(sizes)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(
    factory: str, env: dict[str, str], workers: int = 1, ready_path: str = "/recommendations/x"
) -> Iterator[Server]:
    port = free_port()
    command = [
        sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1",
        "--port", str(port), "--workers", str(workers), "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(url + ready_path, process)
        yield Server(url=url, pid=process.pid, started_in_seconds=time.perf_counter() - started)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Load:
    requests_per_second: float
    p99_ms: float


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
        if not shutil.which("wrk"):
            subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
            subprocess.run(
                ["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True
            )
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("make bench needs wrk: apt-get install wrk")
    return found


def wrk(
    url: str, seconds: int = 5, connections: int = 32, threads: int = 2, script: str | None = None
) -> Load:
    """Load `url` (with a Lua `script`, e.g. to POST a body) and read the figures."""
    options = ["-s", script] if script else []
    output = subprocess.run(
        [
            ensure_wrk(),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            *options,
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"\s99%\s+([\d.]+)(us|ms|s)\b", output)
    assert p99, output
    value, unit = float(p99.group(1)), p99.group(2)
    p99_ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    if "Non-2xx" in output:
        raise RuntimeError(f"wrk saw errors for {url}:\n{output}")
    return Load(requests_per_second=rate, p99_ms=p99_ms)


def _wait_until_answering(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.01)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task")
        children: list[int] = []
        for task in tasks.iterdir():
            text = (task / "children").read_text().split()
            children += [int(child) for child in text]
        # uvicorn's multiprocess supervisor also runs a resource tracker; keep the workers.
        return [
            child
            for child in children
            if "uvicorn" in _cmdline(child) or "spawn" in _cmdline(child)
        ]
    except OSError:
        return []


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
