"""Starting servers as production does, loading them with wrk, and reading their memory.

Every recindex process starts as `python -m cli serve` (or the variant in
`bench/variants.py`, served the same way), configured by its environment; the bare
baselines (`bench/baselines.py`) are served by uvicorn directly. A server is ready
when its ready path answers 200: `/ready` for recindex.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tools.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
"""Runs of every figure (its median is reported); `BENCH_RUNS` for quicker trials."""
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
"""Seconds of each wrk run."""
CONNECTIONS = 32
WRK = f"wrk -t2 -c{CONNECTIONS} -d{SECONDS}s --latency"


@dataclass
class Server:
    """A serving process and its workers."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    started_in_seconds: float

    def rss_per_worker_mb(self) -> float:
        """Resident memory of the largest serving process (a worker, or the one process)."""
        return max(rss_mb(pid) for pid in self.worker_pids())

    def worker_pids(self) -> list[int]:
        # uvicorn's supervisor spawns its workers with multiprocessing's `spawn`.
        workers = [pid for pid in _children(self.process.pid) if "spawn_main" in _cmdline(pid)]
        return workers or [self.process.pid]


RECINDEX = [sys.executable, "-m", "cli", "serve"]
FLASK_VARIANT = [sys.executable, "-m", "bench.variants"]


def uvicorn_command(factory: str) -> list[str]:
    return [sys.executable, "-m", "uvicorn", "--factory", factory, "--no-access-log",
            "--log-level", "warning"]  # fmt: skip


@contextmanager
def serving(
    name: str, command: list[str], env: dict[str, str], ready_path: str = "/ready"
) -> Iterator[Server]:
    """`command --host 127.0.0.1 --port P` with `env` over this environment, until its
    `ready_path` answers 200; its output goes to a log file (production logs at INFO)."""
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"recindex-bench-{name.replace(' ', '-')}-{port}.log"
    started = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=output,
            stderr=output,
        )
    url = f"http://127.0.0.1:{port}"
    failed = True
    try:
        _wait_until_ready(url + ready_path, process, log)
        yield Server(name, url, process, time.perf_counter() - started)
        failed = False
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if failed:
            print(f"{name}: its output is in {log}", file=sys.stderr)
        else:
            log.unlink(missing_ok=True)


def start_to_ready(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning the server to its `/ready` answering 200."""
    with serving("start", command, env) as server:
        return server.started_in_seconds


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p99_ms: float
    not_modified: int = 0
    requests: int = 0


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


# Counts the answers that were 304 across wrk's threads (wrk's Lua API).
_COUNT_304 = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_modified = 0 end
function response(status, headers, body)
  if status == 304 then not_modified = not_modified + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("not_modified") end
  io.write(string.format("not modified: %d\\n", total))
end
"""


def wrk(
    url: str,
    seconds: int = SECONDS,
    script: str | None = None,
    headers: dict[str, str] | None = None,
) -> Load:
    """Load `url` with `CONNECTIONS` connections (a Lua `script`, e.g. to POST a body; or
    `headers`, when the answers that were 304 are counted) and read the figures."""
    options: list[str] = []
    counting = Path()
    if script:
        options += ["-s", script]
    elif headers:
        counting = Path(tempfile.mkstemp(suffix=".lua")[1])
        counting.write_text(_COUNT_304)
        options += ["-s", str(counting)]
    for name, value in (headers or {}).items():
        options += ["-H", f"{name}: {value}"]
    command = [ensure_wrk(), "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", *options, url]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        if counting != Path():
            counting.unlink()
    output = done.stdout
    if done.returncode or "Non-2xx" in output or "Socket errors" in output:
        raise RuntimeError(f"wrk saw errors for {url}:\n{output}{done.stderr}")
    rate = float(_found(r"Requests/sec:\s+([\d.]+)", output))
    requests = int(_found(r"(\d+) requests in", output))
    value, unit = re.findall(r"\s99%\s+([\d.]+)(us|ms|s)\b", output)[0]
    p99_ms = float(value) / 1000 if unit == "us" else float(value) * (1000 if unit == "s" else 1)
    not_modified = int(_found(r"not modified: (\d+)", output)) if headers else 0
    return Load(rate, p99_ms, not_modified, requests)


def _found(pattern: str, output: str) -> str:
    match = re.search(pattern, output)
    if not match:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    return match.group(1)


def _wait_until_ready(
    url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.01)
    raise RuntimeError(f"{url} did not answer 200 in {timeout} s:\n{log.read_text()}")


def _children(pid: int) -> list[int]:
    try:
        children: list[int] = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            children += [int(child) for child in (task / "children").read_text().split()]
        return children
    except OSError:
        return []


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used (user and system), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
