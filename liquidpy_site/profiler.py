"""``--profile``: time, count and output size per template, as Jekyll prints them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class _Entry:
    count: int = 0
    bytes: int = 0
    seconds: float = 0.0


class Profiler:
    """Collects one row per template (page, layout or include)."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}

    @contextmanager
    def measure(self, name: str) -> Iterator[list[str]]:
        """Time a render of ``name``; put the output in the yielded list to count its bytes."""
        output: list[str] = []
        started = time.perf_counter()
        try:
            yield output
        finally:
            entry = self.entries.setdefault(name, _Entry())
            entry.count += 1
            entry.seconds += time.perf_counter() - started
            entry.bytes += sum(len(part.encode("utf-8")) for part in output)

    def table(self, limit: int = 50) -> str:
        """The rows, slowest first, as a text table."""
        rows = sorted(self.entries.items(), key=lambda item: item[1].seconds, reverse=True)[:limit]
        width = max([len("Filename"), *(len(name) for name, _ in rows)])
        lines = [f"{'Filename':<{width}} | Count |      Bytes |  Time",
                 f"{'-' * width}-+-------+------------+------"]
        for name, entry in rows:
            lines.append(f"{name:<{width}} | {entry.count:>5} | {entry.bytes / 1024:>9.2f}K | "
                         f"{entry.seconds:.3f}")
        total = sum(e.seconds for e in self.entries.values())
        lines.append(f"{'-' * width}-+-------+------------+------")
        lines.append(f"{'TOTAL (templates overlap: includes count in their callers too)':<{width}}"
                     f" |       |            | {total:.3f}")
        return "\n".join(lines)
