"""A real Elasticsearch 8 node (or a small cluster) on this machine, for development and tests.

Every node gets its own data and config directories, so nodes never share state; the
distribution itself comes from `tools.es_distribution`.

`python -m tools.es_node run` is `make elasticsearch`: one node in the foreground until
SIGTERM. Tests and the bench use `Node`, `running_node` and `Cluster` directly.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tools.es_distribution import (
    SERVICE_USER,
    VERSION,
    NodeError,
    as_user,
    distribution,
    give_to,
    java_home,
    reachable_by,
    service_user,
)
from tools.ports import free_port

HEAP = "512m"
START_TIMEOUT_SECONDS = 120.0
# Several JVMs starting at once share the machine's cores.
CLUSTER_START_TIMEOUT_SECONDS = 300.0


@dataclass
class Node:
    """One Elasticsearch node: its own data, logs and config under `data_dir`."""

    data_dir: Path
    http_port: int = field(default_factory=free_port)
    transport_port: int = field(default_factory=free_port)
    # Where the other nodes reach this one, when not `transport_port` (a proxy in between).
    publish_transport_port: int | None = None
    name: str = "recindex-dev"
    cluster_name: str = "recindex-dev"
    # Empty: a single-node cluster. Otherwise every node's `name` and transport address.
    peers: Sequence[tuple[str, int]] = ()
    settings: dict[str, str] = field(default_factory=dict)
    # Files to place in the config directory (certificates), and file-realm superusers:
    # what a node with security on needs (`settings` then turns it on).
    config_files: dict[str, bytes] = field(default_factory=dict)
    superusers: dict[str, str] = field(default_factory=dict)
    version: str = VERSION
    quiet: bool = True
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def command(self) -> tuple[list[str], dict[str, str]]:
        """The command line and environment that start this node."""
        home = distribution(self.version)
        user = service_user()
        config = self.data_dir / "config"
        data = self.data_dir / "data"
        logs = self.data_dir / "logs"
        if not config.exists():
            shutil.copytree(home / "config", config)
            (config / "jvm.options.d" / "recindex.options").write_text(
                "\n".join(
                    [
                        f"-Xms{HEAP}",
                        f"-Xmx{HEAP}",
                        # The stock GC log goes to a file under the read-only home.
                        "-Xlog:disable",
                        "-Xlog:all=warning:stderr",
                        f"-XX:ErrorFile={logs}/hs_err_pid%p.log",
                        f"-XX:HeapDumpPath={logs}",
                    ]
                )
                + "\n"
            )
            self._secure(home, config)
        data.mkdir(parents=True, exist_ok=True)
        logs.mkdir(parents=True, exist_ok=True)
        give_to(user, self.data_dir)
        if not reachable_by(user, self.data_dir):
            raise NodeError(
                f"{SERVICE_USER} cannot write {self.data_dir} (a parent directory is private): "
                "choose a data directory elsewhere, e.g. ES_DATA_DIR=/var/tmp/recindex-es"
            )
        options = {
            "cluster.name": self.cluster_name,
            "node.name": self.name,
            "network.host": "127.0.0.1",
            "http.port": str(self.http_port),
            "transport.port": str(self.transport_port),
            "transport.publish_port": str(self.publish_transport_port or self.transport_port),
            "path.data": str(data),
            "path.logs": str(logs),
            "xpack.security.enabled": "false",
            # A nearly full disk must not make shards unassignable in tests.
            "cluster.routing.allocation.disk.threshold_enabled": "false",
            **self._discovery(),
            **self.settings,
        }
        command = [str(home / "bin" / "elasticsearch")]
        for name, value in options.items():
            command += ["-E", f"{name}={value}"]
        command = as_user(user, command)
        environment = {
            **os.environ,
            "ES_JAVA_HOME": str(java_home()),
            "ES_PATH_CONF": str(config),
            "ES_TMPDIR": str(self.data_dir / "tmp"),
        }
        environment.pop("ES_JAVA_OPTS", None)  # the heap is set in recindex.options
        (self.data_dir / "tmp").mkdir(exist_ok=True)
        give_to(user, self.data_dir / "tmp")
        return command, environment

    def _secure(self, home: Path, config: Path) -> None:
        for name, content in self.config_files.items():
            (config / name).parent.mkdir(parents=True, exist_ok=True)
            (config / name).write_bytes(content)
        for name, password in self.superusers.items():
            users = str(home / "bin" / "elasticsearch-users")
            subprocess.run(
                [users, "useradd", name, "-p", password, "-r", "superuser"],
                env={**os.environ, "ES_JAVA_HOME": str(java_home()), "ES_PATH_CONF": str(config)},
                check=True,
                capture_output=True,
            )

    def _discovery(self) -> dict[str, str]:
        if not self.peers:
            return {"discovery.type": "single-node"}
        return {
            "discovery.seed_hosts": ",".join(f"127.0.0.1:{port}" for _, port in self.peers),
            "cluster.initial_master_nodes": ",".join(name for name, _ in self.peers),
        }

    def start(self) -> Node:
        """Start the node in the background (its output in `logs/console.log`)."""
        command, environment = self.command()
        output = open(self.data_dir / "logs" / "console.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            command,
            env=environment,
            cwd=self.data_dir,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a test's ^C does not reach it; `stop` does
        )
        output.close()
        return self

    def wait_until_ready(
        self,
        timeout: float = START_TIMEOUT_SECONDS,
        status: str = "yellow",
        url: str | None = None,
        ca: Path | None = None,
        user: tuple[str, str] | None = None,
    ) -> None:
        """Return when the cluster answers with at least `status`; `NodeError` otherwise.
        A node with security on is asked at its https `url`, trusting `ca`, as `user`."""
        deadline = time.monotonic() + timeout
        health_url = f"{url or self.url}/_cluster/health?wait_for_status={status}&timeout=1s"
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise NodeError(f"Elasticsearch exited ({self.process.returncode}):\n{self.tail()}")
            with contextlib.suppress(OSError, ValueError):
                if not _get_json(health_url, ca, user).get("timed_out"):
                    return
            time.sleep(0.5)
        raise NodeError(f"Elasticsearch did not start within {timeout:.0f} s:\n{self.tail()}")

    def stop(self, timeout: float = 60.0) -> None:
        """A clean stop (SIGTERM), then SIGKILL if it does not end in time."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """What a crash does: SIGKILL to the node and its launcher. Returns once every
        process of the node is gone (its connections closed), not only the launcher."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(30)
            deadline = time.monotonic() + 30
            with contextlib.suppress(ProcessLookupError):
                while time.monotonic() < deadline:
                    os.killpg(self.process.pid, 0)  # raises once the group is empty
                    time.sleep(0.01)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def tail(self, lines: int = 30) -> str:
        log = self.data_dir / "logs" / "console.log"
        if not log.exists():
            return "(no output)"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _get_json(
    url: str, ca: Path | None = None, user: tuple[str, str] | None = None
) -> dict[str, object]:
    request = urllib.request.Request(url)
    if user is not None:
        token = base64.b64encode(f"{user[0]}:{user[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    context = ssl.create_default_context(cafile=str(ca)) if ca else None
    with urllib.request.urlopen(request, timeout=5, context=context) as answer:
        return json.loads(answer.read())  # type: ignore[no-any-return]


def private_dir(prefix: str) -> Path:
    """A fresh directory the service user can reach (pytest's are private to root)."""
    base = Path(os.environ.get("RECINDEX_ES_TMP", tempfile.gettempdir()))
    directory = Path(tempfile.mkdtemp(prefix=prefix, dir=base))
    directory.chmod(0o755)  # mkdtemp's is private to us: the service user must enter it
    return directory


@contextlib.contextmanager
def running_node(**options: object) -> Iterator[Node]:
    """A fresh single node for the duration of the block, its directory removed after."""
    directory = private_dir("recindex-es-")
    node = Node(data_dir=directory, **options)  # type: ignore[arg-type]
    try:
        node.start().wait_until_ready()
        yield node
    finally:
        node.stop()
        shutil.rmtree(directory, ignore_errors=True)


@dataclass
class Cluster:
    """Several nodes that form one cluster (every node master-eligible and data)."""

    nodes: list[Node]

    @classmethod
    def of(cls, size: int, base: Path, name: str = "recindex-cluster") -> Cluster:
        names = [f"{name}-{i}" for i in range(size)]
        ports = [free_port() for _ in names]
        peers = list(zip(names, ports, strict=True))
        return cls(
            [
                Node(
                    data_dir=base / node_name,
                    transport_port=port,
                    name=node_name,
                    cluster_name=name,
                    peers=peers,
                )
                for node_name, port in peers
            ]
        )

    @property
    def urls(self) -> list[str]:
        return [node.url for node in self.nodes]

    def start(self, status: str = "green") -> Cluster:
        for node in self.nodes:
            node.data_dir.mkdir(parents=True, exist_ok=True)
            node.start()
        for node in self.nodes:
            node.wait_until_ready(CLUSTER_START_TIMEOUT_SECONDS, status=status)
        return self

    def revive(self) -> Cluster:
        """Start again, on its own data, each node that was killed; do not wait."""
        for node in self.nodes:
            if not node.running:
                node.start()
        return self

    def heal(self, status: str = "green") -> Cluster:
        """Every node running and answering again (a drill's damage undone for the next)."""
        self.revive()
        for node in self.nodes:
            node.wait_until_ready(CLUSTER_START_TIMEOUT_SECONDS, status=status)
        return self

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()


def run(args: argparse.Namespace) -> int:
    """`make elasticsearch`: one node in the foreground until SIGTERM or ^C."""
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    node = Node(data_dir=data_dir, http_port=args.port, transport_port=free_port())
    try:
        command, environment = node.command()
    except NodeError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Elasticsearch {VERSION} on {node.url}, data in {data_dir}", file=sys.stderr)
    # exec: SIGTERM reaches Elasticsearch's launcher itself, which stops the node cleanly.
    os.execvpe(command[0], command, environment)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.es_node", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="one node in the foreground (make elasticsearch)")
    run_parser.add_argument("--port", type=int, default=int(os.environ.get("ES_PORT", "9200")))
    run_parser.add_argument(
        "--data-dir", default=os.environ.get("ES_DATA_DIR", "var/elasticsearch")
    )
    commands.add_parser("fetch", help="fetch and unpack the distribution, print its home")
    args = parser.parse_args(argv)
    if args.command == "fetch":
        try:
            print(distribution())
        except NodeError as error:
            print(error, file=sys.stderr)
            return 1
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
