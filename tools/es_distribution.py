"""Elastic's integration-test distribution of Elasticsearch: fetched, unpacked, and run
as a user that is not root.

Elastic publishes the distribution it runs its own integration tests on to Maven Central
(`org.elasticsearch.distribution.integ-test-zip:elasticsearch`). Maven fetches it once
into its local repository; it is unpacked once per version into a cache directory.
Elasticsearch refuses to run as root: as root, a node runs as the system user
`recindex-es` (created when missing).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

# The newest 8.x that resolves on Maven Central and runs on Java 17 here (9.x needs 21).
VERSION = "8.19.21"
ARTIFACT = "org.elasticsearch.distribution.integ-test-zip:elasticsearch:{version}:zip"
SERVICE_USER = "recindex-es"


class NodeError(RuntimeError):
    """The node could not be fetched, configured or started; the message says why."""


def cache_dir() -> Path:
    """Where distributions are unpacked: readable by the service user when we are root."""
    chosen = os.environ.get("RECINDEX_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if os.geteuid() == 0:
        return Path("/var/cache/recindex")
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "recindex"


def java_home() -> Path:
    """`ES_JAVA_HOME`, `JAVA_HOME`, or the JDK that `java` on the PATH belongs to."""
    for name in ("ES_JAVA_HOME", "JAVA_HOME"):
        if os.environ.get(name):
            return Path(os.environ[name])
    java = shutil.which("java")
    if java is None:
        raise NodeError("no Java: install OpenJDK 17 (apt-get install openjdk-17-jdk-headless)")
    return Path(java).resolve().parent.parent


def maven_zip(version: str) -> Path:
    """The distribution's zip in Maven's local repository, fetched when missing."""
    repository = Path(
        os.environ.get("MAVEN_REPO_LOCAL", Path.home() / ".m2" / "repository")
    ).expanduser()
    zip_path = (
        repository
        / "org/elasticsearch/distribution/integ-test-zip/elasticsearch"
        / version
        / f"elasticsearch-{version}.zip"
    )
    if zip_path.exists():
        return zip_path
    mvn = shutil.which("mvn")
    if mvn is None:
        raise NodeError("no Maven: install it (apt-get install maven) to fetch Elasticsearch")
    command = [
        mvn,
        "--batch-mode",
        "--quiet",
        f"-Dmaven.repo.local={repository}",
        "dependency:get",
        "-Dtransitive=false",
        f"-Dartifact={ARTIFACT.format(version=version)}",
    ]
    print(f"fetching Elasticsearch {version} with Maven", file=sys.stderr)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not zip_path.exists():
        raise NodeError(
            f"Maven could not fetch {ARTIFACT.format(version=version)}:\n"
            f"$ {' '.join(command)}\n{done.stdout}{done.stderr}"
        )
    return zip_path


def distribution(version: str = VERSION) -> Path:
    """The unpacked distribution (its home directory), unpacked once per version."""
    home = cache_dir() / f"elasticsearch-{version}"
    if (home / "bin" / "elasticsearch").exists():
        return home
    archive = maven_zip(version)
    cache_dir().mkdir(parents=True, exist_ok=True)
    cache_dir().chmod(0o755)
    # Unpacked beside its final place and renamed: concurrent starts never see half a tree.
    staging = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=cache_dir()))
    with zipfile.ZipFile(archive) as unpacked:
        for member in unpacked.infolist():
            target = Path(unpacked.extract(member, staging))
            mode = member.external_attr >> 16
            if mode:
                target.chmod(mode | 0o444 | (0o111 if mode & 0o100 else 0))
    staging.chmod(0o755)
    try:
        (staging / f"elasticsearch-{version}").rename(home)
    except OSError:
        if not (home / "bin" / "elasticsearch").exists():
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return home


def service_user() -> pwd.struct_passwd | None:
    """The user a node runs as: None (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                SERVICE_USER,
            ],
            check=True,
        )
        return pwd.getpwnam(SERVICE_USER)


def give_to(user: pwd.struct_passwd | None, *paths: Path) -> None:
    if user is None:
        return
    for path in paths:
        for root, dirs, files in os.walk(path):
            for name in [root, *(os.path.join(root, d) for d in dirs)]:
                os.chown(name, user.pw_uid, user.pw_gid)
            for name in files:
                os.chown(os.path.join(root, name), user.pw_uid, user.pw_gid)


def reachable_by(user: pwd.struct_passwd | None, directory: Path) -> bool:
    """Whether the service user can enter `directory` (e.g. not under root's 0700 home)."""
    if user is None:
        return True
    probe = subprocess.run(as_user(user, ["test", "-w", str(directory)]), check=False)
    return probe.returncode == 0


def as_user(user: pwd.struct_passwd | None, command: list[str]) -> list[str]:
    """`command` run as `user` (setpriv execs it: signals reach it directly)."""
    if user is None:
        return command
    return [
        "setpriv",
        f"--reuid={user.pw_uid}",
        f"--regid={user.pw_gid}",
        "--clear-groups",
        *command,
    ]
