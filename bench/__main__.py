"""Runs the benchmark sections and reports their figures.

python -m bench                      every section, printed
python -m bench http lookups         some sections
python -m bench --write docs/benchmarks.md   (`make bench`) and write the report there
                                     (a run of every section updates README's figures too;
                                     a run of some replaces theirs in the report)
"""

from __future__ import annotations

import argparse
import importlib
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

import cli  # noqa: F401 - its warning filters, for this process and every server it starts
from bench import report
from bench.machine import ROOT, BusyMeter, commit, machine
from bench.measure import RUNS

# Each module has `main() -> None`, reporting its own section.
SECTIONS = ["http", "writes", "lookups", "messages", "elasticsearch", "search"]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("sections", nargs="*", help=f"any of {', '.join(SECTIONS)} (all)")
    parser.add_argument("--write", type=Path, help="write the report (Markdown) to this file")
    args = parser.parse_args()
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    started, when = time.monotonic(), datetime.now(UTC)
    load: list[list[str]] = []
    measured, failed = [], []
    for name in args.sections or SECTIONS:
        with BusyMeter() as meter:
            try:
                importlib.import_module(f"bench.{name}").main()
            except Exception:
                # The sections measured so far are still written; this one keeps its
                # last report, and the run ends non-zero.
                traceback.print_exc()
                failed.append(name)
                continue
        measured.append(name)
        busy = meter.result
        load.append([name, f"{busy.seconds / 60:.1f}", busy.describe()])
        if busy.busy:
            report.text(f"*Measured while the machine was busy: {busy.describe()}.*")
    report.summary()
    minutes = (time.monotonic() - started) / 60
    report.section("Load while measuring", LOAD_TEXT)
    report.table(["section", "minutes", "CPU taken by others"], load, numeric_from=1)
    if args.write and measured:
        sections = measured
        document = _document(when, minutes, sections)
        if sections != SECTIONS and args.write.exists():
            # Some sections: the others stay as the last whole run measured them.
            document = report.merged(args.write.read_text(), document)
        args.write.write_text(document)
        print(f"\nwrote {args.write}")
        if sections == SECTIONS:  # the README quotes the figures of a whole run only
            readme = ROOT / "README.md"
            block = report.headline(f"{when:%Y-%m-%d}", "make bench")
            readme.write_text(report.replace_headline(readme.read_text(), block))
            print(f"updated the figures in {readme.name}")
    if failed:
        raise SystemExit(f"sections that failed (not written): {', '.join(failed)}")


LOAD_TEXT = (
    "The machine is shared. For each section, the CPU time that processes outside the "
    "bench took (all CPU time in /proc/stat minus that of the bench and every process it "
    "started), as a mean number of cores, and the load averages before and after. A "
    "section marked **busy** ran while others took more than a quarter of a core; its "
    "figures are medians of interleaved runs, so a burst falls on all servers alike, "
    "but read its absolute figures with that in mind (the ratios hold better). RabbitMQ, "
    "which the messages section uses, counts as another process."
)


def _document(when: datetime, minutes: float, sections: list[str]) -> str:
    facts = "\n".join(f"- {name}: {value}" for name, value in machine().items())
    command = "make bench" if sections == SECTIONS else f"python -m bench {' '.join(sections)}"
    header = f"""# Benchmarks

Written by `{command}` (`bench/`); every figure here comes from that run: do not
edit by hand, run it again. It took {minutes:.0f} minutes.

- date: {when:%Y-%m-%d %H:%M} UTC
- commit: {commit()}
{facts}
- runs: each figure is the median of {RUNS} runs, lowest and highest in brackets
"""
    return header + "\n".join(report.LINES).rstrip() + "\n"


if __name__ == "__main__":
    main()
