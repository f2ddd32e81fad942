#!/usr/bin/env bash
# Every benchmark, one after the other; each prints its table and writes it
# to bench/results/. Copy the figures into BENCHMARKS.md.
# Needs: pip install -e '.[bench]' (rouge-score, sumy) and ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python}
"$py" bench/cleaner.py
"$py" bench/summaries.py
"$py" bench/corpus_index.py --articles 10000 --queries 200   # also makes the 10k corpus
"$py" bench/build_speed.py --repeat 5
