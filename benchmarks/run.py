"""Build-time benchmark suite: full, warm and incremental builds by site size.

For each size, a deterministic site is made with the shared ``make_site.py``
(see ``docs/performance.md``), then liquidpy builds it:

* ``full``: a cold build (no ``.liquidpy-cache``, empty destination);
* ``warm``: the same build again, with the persistent cache of the first;
* ``incr_post``: an ``--incremental`` build after one sentence is appended to
  one post (after a first ``--incremental`` build to record dependencies).

Each build runs as its own process; wall time, CPU time (user + system, the
worker processes included) and peak RSS come from ``os.wait4``. With
``--jekyll`` the shared ``bench.py`` also times liquidpy and Jekyll side by side
(alternating runs) for the sizes up to ``--jekyll-max``, and its summary is kept.

Usage::

    python benchmarks/run.py --sizes 1000,5000,20000 --out benchmarks/results.json
    python benchmarks/run.py --sizes 1000 --jekyll --runs 1

Not part of the test suite: a run takes minutes to hours.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_DEFAULT_BENCH = os.environ.get("LIQUIDPY_BENCH_DIR", "/work/shared/bench")
_DEFAULT_CMD = str(Path(sys.executable).with_name("liquidpy"))


def timed(argv: list[str], cwd: Path | None = None) -> dict[str, float]:
    """Run a command; its wall seconds, CPU seconds (children included) and peak RSS in MB."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{shlex.join(argv)} failed ({code}):\n{stderr[-2000:]}")
    return {"wall_s": round(wall, 3), "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def make_site(bench: Path, folder: Path, posts: int) -> Path:
    """Make (once) the benchmark site with ``posts`` posts."""
    site = folder / f"site-{posts}"
    if not (site / "_config.yml").exists():
        subprocess.run([sys.executable, str(bench / "make_site.py"), str(site), "--posts", str(posts),
                        "--force"], check=True, stdout=subprocess.DEVNULL)
    return site


def _build_argv(cmd: str, source: Path, dest: Path, *extra: str) -> list[str]:
    return [*shlex.split(cmd), "build", "-s", str(source), "-d", str(dest), "-q", *extra]


def _append_sentence(site: Path) -> None:
    post = sorted((site / "_posts").glob("*.md"))[len(list((site / "_posts").glob("*.md"))) // 2]
    with post.open("a", encoding="utf-8") as handle:
        handle.write(f"\nA sentence added at {time.time():.0f}.\n")


def measure_liquidpy(cmd: str, site: Path, work: Path, jobs: int | None) -> dict[str, Any]:
    """Full, warm and one-post incremental builds of a copy of ``site``."""
    source = work / "src"
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(site, source)
    dest = work / "dest"
    extra = ["--jobs", str(jobs)] if jobs else []
    shutil.rmtree(dest, ignore_errors=True)
    result: dict[str, Any] = {"full": timed(_build_argv(cmd, source, dest, *extra))}
    result["warm"] = timed(_build_argv(cmd, source, dest, *extra))
    timed(_build_argv(cmd, source, dest, "--incremental", *extra))
    _append_sentence(source)
    result["incr_post"] = timed(_build_argv(cmd, source, dest, "--incremental", *extra))
    shutil.rmtree(source, ignore_errors=True)
    shutil.rmtree(dest, ignore_errors=True)
    return result


def measure_side_by_side(bench: Path, cmd: str, site: Path, posts: int, runs: int,
                         work: Path) -> dict[str, Any]:
    """``bench.py --vs jekyll --warm`` on the site; its ``bench-vs`` line and JSON."""
    out = work / f"bench-vs-{posts}.json"
    argv = [sys.executable, str(bench / "bench.py"), "--cmd", cmd, "--vs", "jekyll",
            "--posts", str(posts), "--runs", str(runs), "--site", str(site), "--warm",
            "--workdir", str(work / "bench"), "--json", str(out)]
    completed = subprocess.run(argv, check=True, capture_output=True, text=True)
    lines = [line for line in completed.stdout.splitlines() if line.startswith(("bench:", "bench-vs:"))]
    return {"summary": lines, "ratios": _fields(next((l for l in lines if l.startswith("bench-vs:")), "")),
            "raw": json.loads(out.read_text()) if out.exists() else None}


def _fields(line: str) -> dict[str, str]:
    return dict(re.findall(r"(\w+)=(\S+)", line))


def main(argv: list[str] | None = None) -> int:
    """Run the suite and write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="post counts, comma separated")
    parser.add_argument("--cmd", default=_DEFAULT_CMD, help="the liquidpy command")
    parser.add_argument("--jobs", type=int, default=None, help="--jobs for liquidpy (default: its own)")
    parser.add_argument("--bench-dir", default=_DEFAULT_BENCH, help="folder of make_site.py and bench.py")
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "liquidpy-benchmarks"),
                        help="sites and builds go here")
    parser.add_argument("--jekyll", action="store_true", help="also time Jekyll side by side (bench.py)")
    parser.add_argument("--jekyll-max", type=int, default=5000, help="largest size timed with Jekyll")
    parser.add_argument("--runs", type=int, default=1, help="side-by-side runs per size")
    parser.add_argument("--out", default="benchmarks/results.json", help="JSON report")
    args = parser.parse_args(argv)
    bench, work = Path(args.bench_dir), Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "load_at_start": os.getloadavg()},
        "cmd": args.cmd, "jobs": args.jobs, "sizes": {},
    }
    for posts in (int(s) for s in args.sizes.split(",") if s.strip()):
        site = make_site(bench, work, posts)
        entry = measure_liquidpy(args.cmd, site, work / "build", args.jobs)
        entry["per_post_ms"] = {k: round(v["cpu_s"] * 1000 / posts, 3) for k, v in entry.items()}
        if args.jekyll and posts <= args.jekyll_max:
            entry["side_by_side"] = measure_side_by_side(bench, args.cmd, site, posts, args.runs, work)
        report["sizes"][str(posts)] = entry
        print(json.dumps({posts: {k: v for k, v in entry.items() if k != "side_by_side"}}), flush=True)
        Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    sizes = sorted(report["sizes"], key=int)
    if len(sizes) > 1:
        first, last = report["sizes"][sizes[0]], report["sizes"][sizes[-1]]
        report["per_post_growth"] = round(last["per_post_ms"]["full"] / first["per_post_ms"]["full"], 3)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
