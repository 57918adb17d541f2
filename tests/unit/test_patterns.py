"""Every regular expression of the code and the spec, against hostile text, under a time limit.

Python's `re` backtracks: a pattern such as `\\s*\\(?\\s*x` takes cubic time on a run of
spaces, with the GIL held, so one crafted title could freeze a process (issue 18). Here
each pattern is found by itself (module-level compiled patterns of `api/` and
`services/`, and every `pattern` of `spec/openapi.yaml`) and each meets inputs made from
its own vocabulary: runs of a character, of a word, of a word with a separator, after
prefixes that take the pattern deep before it fails. None may take more than 10 ms on an
input of `LONGEST` characters, the longest text that can reach a pattern (see
CONTRIBUTING.md, "Regular expressions").

A pattern written inside a function call (`re.sub(r"...", ...)`) would escape this
search, so that is refused too.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.dedup import LONGEST_MATCHED

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("api", "services")
LONGEST = LONGEST_MATCHED
"""The longest outside text a pattern reads: a user's is at most 300 characters (the
spec's `maxLength` of a title), and `plain` cuts any other to 1,000."""
LIMIT_SECONDS = 0.010

# Text that commonly makes a backtracking engine try again and again.
ALPHABET = " \t\u3000\u00a0-\u2013.,;:!?&+x_'\"/\\|()[]{}<>=@#%*~a1Z\uff08\uff09【】「」『』"
COMPOSED = (" (", "( ", "- ", " -", "a ", "a-", "a.", "a:", "1 ", ". ", ", ", "a=")
PREFIXES = ("", "(", "a ", " - ", "http://", "a:")
FUNCTIONS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall"}
FUNCTIONS |= {"finditer", "escape", "purge", "template"}


def _modules() -> Iterator[Any]:
    for package in PACKAGES:
        yield importlib.import_module(package)
        for module in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
            yield importlib.import_module(module.name)


def _found(value: Any, name: str) -> Iterator[tuple[str, re.Pattern[Any]]]:
    if isinstance(value, re.Pattern):
        yield name, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _found(inner, f"{name}[{key!r}]")
    elif isinstance(value, list | tuple | frozenset | set):
        for number, inner in enumerate(value):
            yield from _found(inner, f"{name}[{number}]")


def code_patterns() -> list[tuple[str, re.Pattern[Any]]]:
    """Every compiled pattern held at module level in `api/` and `services/`, once."""
    seen: dict[tuple[Any, int], tuple[str, re.Pattern[Any]]] = {}
    for module in _modules():
        for name, value in vars(module).items():
            for label, pattern in _found(value, f"{module.__name__}.{name}"):
                seen.setdefault((pattern.pattern, pattern.flags), (label, pattern))
    return sorted(seen.values(), key=lambda pair: pair[0])


def spec_patterns() -> list[tuple[str, re.Pattern[Any]]]:
    """Every `pattern` of the spec, compiled as the validator does (`re.search`)."""
    spec = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
    found: dict[str, str] = {}

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.setdefault(node["pattern"], where)
            for key, inner in node.items():
                walk(inner, f"{where}/{key}")
        elif isinstance(node, list):
            for number, inner in enumerate(node):
                walk(inner, f"{where}/{number}")

    walk(spec, "spec")
    return [(f"{where}: {source}", re.compile(source)) for source, where in found.items()]


PATTERNS = code_patterns() + spec_patterns()


def _units(pattern: re.Pattern[Any]) -> list[str]:
    """What to repeat: characters and words of the pattern's own source, a common
    alphabet, and a few pairs."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode()
    words = sorted(set(re.findall(r"[A-Za-z]{2,}", source)) - {"x21", "x7e", "x00", "x1f"})
    chars = set(ALPHABET) | {char for char in source if not char.isalnum() and char != "\\"}
    return [*sorted(chars), *COMPOSED, *words, *(word + " " for word in words)]


def hostile(pattern: re.Pattern[Any], length: int) -> Iterator[str]:
    """Inputs of about `length` characters that pump some part of the pattern: a unit
    repeated after a prefix that takes the pattern deep, ending well or with a character
    nothing accepts (a failing end is where backtracking starts)."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode()
    words = re.findall(r"[A-Za-z]{2,}", source)[:4]
    for unit in _units(pattern):
        for prefix in (*PREFIXES, *(word + " " for word in words)):
            body = prefix + unit * max(1, (length - len(prefix)) // len(unit))
            yield body
            yield body + "\x00"
    yield "(" * (length // 2) + ")" * (length // 2)  # nesting
    yield "(a" * (length // 2)


def _slowest(pattern: re.Pattern[Any], text: Any) -> float:
    """The time of the slowest way the code uses a pattern (a search tries every start).
    This thread's CPU time: other processes sharing the machine do not count."""
    durations = []
    for use in (pattern.search, pattern.findall, pattern.fullmatch):
        started = time.thread_time()
        use(text)
        durations.append(time.thread_time() - started)
    return max(durations)


def _seconds(pattern: re.Pattern[Any], text: str) -> float:
    data: Any = text if isinstance(pattern.pattern, str) else text.encode("utf-8", "replace")
    took = _slowest(pattern, data)
    if took > LIMIT_SECONDS:  # the machine may have been busy: the best of three decides
        took = min(took, *(_slowest(pattern, data) for _ in range(2)))
    return took


def _too_slow(pattern: re.Pattern[Any], texts: list[str]) -> dict[str, float]:
    timed = {text: _seconds(pattern, text) for text in texts}
    return {
        f"{text[:30]!r}... ({len(text)} chars)": round(took * 1000, 1)
        for text, took in timed.items()
        if took > LIMIT_SECONDS
    }


@pytest.mark.parametrize("pattern", [p for _, p in PATTERNS], ids=[n for n, _ in PATTERNS])
def test_no_pattern_backtracks_on_hostile_text(pattern: re.Pattern[Any]) -> None:
    # Short first: a pattern that backtracks shows it there in milliseconds, where the
    # longest input could take it minutes.
    for length in (LONGEST // 4, LONGEST):
        slow = _too_slow(pattern, list(hostile(pattern, length)))
        assert not slow, f"milliseconds on hostile input: {slow}"


def test_the_harness_catches_a_pattern_that_backtracks() -> None:
    """The guest marker as it was (issue 18): cubic on a run of spaces."""
    cubic = re.compile(r"\s*[\(\[]?\s*\b(?:feat\.?|ft\.?|featuring)\s+", re.IGNORECASE)
    assert any(_seconds(cubic, text) > LIMIT_SECONDS for text in hostile(cubic, 250))


def test_the_search_finds_the_patterns_of_every_kind_of_place() -> None:
    names = {name for name, _ in PATTERNS}
    assert "services.links.matching.names._CERTAIN" in names  # a module's constant
    assert any(
        name.startswith("services.links.matching.versions.TAKES[") for name in names
    )  # a table
    assert any("HttpUrl" in name for name in names)  # the spec
    assert len(PATTERNS) > 40


def _inline_patterns(path: Path) -> Iterator[str]:
    """`re.<function>(...)` calls outside a module-level assignment (hidden from the search)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_level = {
        id(node)
        for statement in tree.body
        if isinstance(statement, ast.Assign | ast.AnnAssign)
        for node in ast.walk(statement)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in FUNCTIONS
            and not (node.func.attr in {"compile", "escape"} and id(node) in module_level)
        ):
            yield f"{path.relative_to(ROOT)}:{node.lineno}: re.{node.func.attr}"


def test_every_pattern_is_a_module_level_compiled_constant() -> None:
    inline = [
        found
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        for found in _inline_patterns(path)
    ]
    assert not inline, "compile these once at module level, where the search finds them"
