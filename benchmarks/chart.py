"""Chart of build time against site size, from the JSON of ``benchmarks/run.py``.

Usage::

    python benchmarks/chart.py benchmarks/results.json --out benchmarks/build_time.svg

Needs matplotlib (a development tool only, not a dependency of liquidpy); without
it an ASCII chart is printed instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def series(report: dict[str, Any]) -> dict[str, list[tuple[int, float]]]:
    """Wall seconds by post count: liquidpy cold, warm and one-post incremental; Jekyll cold."""
    lines: dict[str, list[tuple[int, float]]] = {
        "liquidpy full (cold)": [], "liquidpy full (warm cache)": [],
        "liquidpy one-post incremental": [], "Jekyll full": [], "Jekyll one-post incremental": []}
    for size, entry in sorted(report["sizes"].items(), key=lambda kv: int(kv[0])):
        posts = int(size)
        lines["liquidpy full (cold)"].append((posts, entry["full"]["wall_s"]))
        lines["liquidpy full (warm cache)"].append((posts, entry["warm"]["wall_s"]))
        lines["liquidpy one-post incremental"].append((posts, entry["incr_post"]["wall_s"]))
        for name, field in (("Jekyll full", "full_s"), ("Jekyll one-post incremental", "incr_post_s")):
            jekyll = _jekyll(entry.get("side_by_side"), field)
            if jekyll is not None:
                lines[name].append((posts, jekyll))
    for posts, seconds in report.get("jekyll_reference", {}).items():
        lines["Jekyll full"].append((int(posts), float(seconds)))
    lines["Jekyll full"].sort()
    return {name: points for name, points in lines.items() if points}


def _jekyll(side_by_side: dict[str, Any] | None, field: str) -> float | None:
    if not side_by_side:
        return None
    for line in side_by_side.get("summary", []):
        if line.startswith("bench:") and "cmd=jekyll" in line:
            fields = dict(part.split("=", 1) for part in line.split()[1:] if "=" in part)
            return float(fields[field]) if field in fields else None
    return None


def ascii_chart(lines: dict[str, list[tuple[int, float]]], width: int = 50) -> str:
    """A bar per point, scaled to the slowest."""
    top = max(seconds for points in lines.values() for _, seconds in points)
    out = []
    for name, points in lines.items():
        out.append(name)
        for posts, seconds in points:
            bar = "#" * max(1, round(seconds / top * width))
            out.append(f"  {posts:>6} posts {seconds:8.1f} s {bar}")
    return "\n".join(out)


def svg_chart(lines: dict[str, list[tuple[int, float]]], out: Path, cores: Any) -> None:
    """Draw the chart with matplotlib (log-log axes)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4.5))
    for name, points in lines.items():
        xs, ys = zip(*points)
        axes.plot(xs, ys, marker="o", label=name, linestyle="--" if "Jekyll" in name else "-")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("posts")
    axes.set_ylabel("wall seconds")
    axes.set_title(f"Build time by site size ({cores} cores, shared machine)")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(out, metadata={"Date": None})


def main(argv: list[str] | None = None) -> int:
    """Draw the chart (or print it as text)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", help="JSON written by benchmarks/run.py")
    parser.add_argument("--out", default="benchmarks/build_time.svg")
    args = parser.parse_args(argv)
    report = json.loads(Path(args.results).read_text())
    lines = series(report)
    print(ascii_chart(lines))
    try:
        svg_chart(lines, Path(args.out), report.get("machine", {}).get("cores"))
    except ImportError:
        print("matplotlib is not installed: no SVG written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
