"""Runs every benchmark section in turn and prints its figures."""

from __future__ import annotations

import importlib
import sys

import cli  # noqa: F401 - its warning filters, for this process and every server it starts
from bench.report import print_table

# Each module has `main() -> None` printing its own section; helpers add theirs here.
SECTIONS = ["bench.http", "bench.lookups", "bench.messages", "bench.elasticsearch"]


def main() -> None:
    wanted = sys.argv[1:] or SECTIONS
    for name in wanted:
        module = importlib.import_module(name if name.startswith("bench.") else f"bench.{name}")
        module.main()
    print_table()


if __name__ == "__main__":
    main()
