"""What ran the bench: the machine, the commit, and how busy other processes kept it."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TICKS = os.sysconf("SC_CLK_TCK")
BUSY_CORES = 0.25
"""Mean cores used by other processes above which a section's figures are marked busy."""


def commit() -> str:
    """The commit measured, and whether the tree held changes beside it."""
    head = _git("log", "-1", "--format=%h %s")
    changed = _git("status", "--porcelain", "--untracked-files=no")
    return f"{head} (with uncommitted changes)" if changed else head


def machine() -> dict[str, str]:
    cpu = _first("/proc/cpuinfo", "model name").split(":", 1)[-1].strip() or platform.machine()
    memory_kb = int(_first("/proc/meminfo", "MemTotal").split()[1] or 0)
    release = _first("/etc/os-release", "PRETTY_NAME=").split("=", 1)[-1].strip('"')
    return {
        "CPU": f"{os.cpu_count()} cores, {cpu}",
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "OS": f"{release or platform.system()}, Linux {platform.release()}",
    }


def loadavg() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


@dataclass
class Busy:
    """How much CPU processes outside the bench's own tree used over a stretch of time."""

    seconds: float
    other_cores: float
    load_before: str
    load_after: str

    @property
    def busy(self) -> bool:
        return self.other_cores > BUSY_CORES

    def describe(self) -> str:
        text = (
            f"other processes used {self.other_cores:.2f} of {os.cpu_count()} cores on average; "
            f"load average {self.load_before} before, {self.load_after} after"
        )
        return f"**busy**: {text}" if self.busy else text


class BusyMeter:
    """Total CPU time (/proc/stat) minus the bench's own (this process, its descendants
    alive or reaped): what other processes took while the bench measured."""

    def __enter__(self) -> BusyMeter:
        self._load = loadavg()
        self._started = time.monotonic()
        self._busy, self._ours = _busy_ticks(), _our_ticks()
        return self

    def __exit__(self, *_: object) -> None:
        seconds = time.monotonic() - self._started
        others = (_busy_ticks() - self._busy) - (_our_ticks() - self._ours)
        self.result = Busy(seconds, max(others, 0) / _TICKS / seconds, self._load, loadavg())


def _busy_ticks() -> int:
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields[:8]) - idle


def _our_ticks() -> int:
    """CPU ticks of this process and every descendant (reaped ones count in their parent)."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        ticks[pid] = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    ours = {os.getpid()}
    grew = True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in ours} - ours
        grew = bool(found)
        ours |= found
    return sum(ticks.get(pid, 0) for pid in ours)


def _first(path: str, prefix: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line
    except OSError:
        pass
    return ""


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip()
