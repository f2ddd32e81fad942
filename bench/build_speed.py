"""Benchmark: how fast briefkit builds, as ratios measured in one run.

Run from the repository root (after `pip install -e .`)::

    .venv/bin/python bench/build_speed.py [--repeat 5] [--big-corpus bench/.corpus/project/seeds]

Measures, each in fresh processes (machines are noisy, so each figure is the
median of ``--repeat`` runs and compared with a baseline taken in the same run):

1. ``briefkit --help``, whole process;
2. one brief x one audience in a cold process vs. WeasyPrint alone rendering
   the same HTML (saved by ``--format both``) in a fresh process;
3. a no-op ``briefkit build`` of all examples vs. a full (``--force``) build;
4. ``-j 2`` vs ``-j 1`` on the example briefs (8 PDFs);
5. a brief whose queries search the 10,000-article corpus (made by
   ``bench/corpus_index.py``) vs. the same brief on the five seeds, and the
   peak memory of that build.

Prints a markdown table and writes it to ``bench/results/build_speed.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BRIEFKIT = str(BIN / "briefkit")
RESULTS = ROOT / "bench" / "results" / "build_speed.md"

QUERY_BRIEF = """\
title: Sanctions, prisoners and exiles
date: 2024-06-30
audiences: [policymakers]
key_messages:
  - Searches over the whole archive pick the passages.
sections:
  - heading: Political prisoners
    excerpts:
      - query: political prisoners sanctions Lukashenka
        top: 2
  - heading: Exiles
    excerpts:
      - query: Belarusian opposition in exile cooperation
        top: 2
    summary: {auto: true, query: opposition in exile, sentences: 2}
"""


def timed(cmd: list[str], *, cwd: Path | None = None, env: dict | None = None) -> tuple[float, int]:
    """Wall time of a command and the peak RSS (KB) of its process tree's largest child."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    import resource

    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak


def median(cmd, repeat, **kw) -> float:
    return statistics.median(timed(cmd, **kw)[0] for _ in range(repeat))


def copy_project(dest: Path) -> Path:
    for name in ("seeds", "briefings", "config", "assets"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name)
    return dest


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--big-corpus", type=Path, default=ROOT / "bench" / ".corpus" / "project" / "seeds"
    )
    args = ap.parse_args()
    rows: list[tuple[str, str, str, str]] = []
    tmp = Path(tempfile.mkdtemp(prefix="briefkit-bench-"))
    try:
        # 1. --help
        t_help = median([BRIEFKIT, "--help"], args.repeat)
        rows.append(
            (
                "`briefkit --help`, whole process",
                f"{t_help * 1000:.0f} ms",
                "< 300 ms",
                "met" if t_help < 0.3 else "MISSED",
            )
        )

        # 2. one brief x one audience, cold, vs WeasyPrint alone
        proj = copy_project(tmp / "one")
        one = [
            BRIEFKIT,
            "-C",
            str(proj),
            "build",
            "different-baskets",
            "-a",
            "policymakers",
            "--force",
            "-j",
            "1",
        ]
        timed([*one, "--format", "both"])  # warm the index/cache files and save the HTML
        html = proj / "out/different-baskets/different-baskets-policymakers.html"
        wp_script = (
            "import sys, weasyprint; "
            "weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2], pdf_variant='pdf/ua-1', pdf_tags=True)"
        )
        t_one = median(one, args.repeat)
        t_wp = median(
            [sys.executable, "-c", wp_script, str(html), str(tmp / "wp.pdf")], args.repeat
        )
        ratio = t_one / t_wp
        rows.append(
            (
                "one brief x one audience (cold) vs WeasyPrint alone, same HTML",
                f"{t_one:.2f} s vs {t_wp:.2f} s = {ratio:.2f}x",
                "<= 1.3x",
                "met" if ratio <= 1.3 else "MISSED",
            )
        )

        # 3. no-op build vs full build
        proj = copy_project(tmp / "noop")
        full_cmd = [BRIEFKIT, "-C", str(proj), "build", "--force"]
        noop_cmd = [BRIEFKIT, "-C", str(proj), "build"]
        t_full = median(full_cmd, max(2, args.repeat // 2))
        t_noop = median(noop_cmd, args.repeat)
        r = t_noop / t_full
        rows.append(
            (
                "no-op `briefkit build` vs full build (8 PDFs)",
                f"{t_noop:.2f} s vs {t_full:.2f} s = {r:.2f}x",
                "<= 0.15x and < 0.5 s",
                "met" if r <= 0.15 and t_noop < 0.5 else "MISSED",
            )
        )

        # 4. -j 2 vs -j 1
        j1 = median(
            [BRIEFKIT, "-C", str(proj), "build", "--force", "-j", "1"], max(2, args.repeat // 2)
        )
        j2 = median(
            [BRIEFKIT, "-C", str(proj), "build", "--force", "-j", "2"], max(2, args.repeat // 2)
        )
        speedup = j1 / j2
        rows.append(
            (
                "`-j 2` vs `-j 1`, 8 PDFs, 2 cores",
                f"{j1:.2f} s / {j2:.2f} s = {speedup:.2f}x faster",
                ">= 1.6x",
                "met" if speedup >= 1.6 else "MISSED",
            )
        )

        # 5. queries over the 10k corpus vs the five seeds, and peak memory
        if args.big_corpus.is_dir():
            small = copy_project(tmp / "small")
            for p in (small / "briefings").glob("*.yaml"):
                p.unlink()
            (small / "briefings" / "archive.yaml").write_text(QUERY_BRIEF)
            # The big corpus is the project bench/corpus_index.py made and indexed;
            # give it the same config, assets and brief (seeds must stay inside the
            # project: briefkit refuses a seeds folder linked from elsewhere).
            big = args.big_corpus.resolve().parent
            for name in ("config", "briefings", "assets"):
                shutil.rmtree(big / name, ignore_errors=True)
                shutil.copytree(small / name, big / name)
            cmd_small = [BRIEFKIT, "-C", str(small), "build", "--force", "-j", "1"]
            cmd_big = [BRIEFKIT, "-C", str(big), "build", "--force", "-j", "1"]
            timed(cmd_small)
            timed(cmd_big)  # first index of the big corpus happens here, not in the timing
            t_small = median(cmd_small, args.repeat)
            big_times = []
            peak_kb = 0
            for _ in range(args.repeat):
                code = (
                    "import resource, subprocess, sys, time; t=time.perf_counter(); "
                    "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
                    "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
                )
                out = subprocess.run(
                    [sys.executable, "-c", code, *cmd_big],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.split()
                big_times.append(float(out[0]))
                peak_kb = max(peak_kb, int(out[1]))
            t_big = statistics.median(big_times)
            r = t_big / t_small
            rows.append(
                (
                    "brief with queries over 10,000 articles vs same brief on 5 seeds",
                    f"{t_big:.2f} s vs {t_small:.2f} s = {r:.2f}x",
                    "<= 1.5x",
                    "met" if r <= 1.5 else "MISSED",
                )
            )
            rows.append(
                (
                    "peak memory of that build (largest process)",
                    f"{peak_kb / 1024:.0f} MB",
                    "< 1 GB",
                    "met" if peak_kb < 1024 * 1024 else "MISSED",
                )
            )
        else:
            rows.append(
                (
                    "brief with queries over 10,000 articles",
                    "not run: make the corpus with bench/corpus_index.py",
                    "<= 1.5x",
                    "-",
                )
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    lines = [
        "# Build speed",
        "",
        f"Command: `.venv/bin/python bench/build_speed.py --repeat {args.repeat}` "
        f"(median of runs; {os.cpu_count()} cores).",
        "",
        "| what | measured | target | |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
        "",
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
