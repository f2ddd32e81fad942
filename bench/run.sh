#!/usr/bin/env bash
# Every benchmark, one after the other; each prints its table and writes it
# to bench/results/. Copy the figures into BENCHMARKS.md.
# Needs: pip install -e '.[bench,train]' (rouge-score, sumy; the dump makers and
# scikit-learn for the cleaner's cross-validation) and ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python}
"$py" bench/cleaner.py
"$py" bench/cleaner.py --speed
"$py" bench/cleaner.py --clean-articles
"$py" bench/train_cleaner.py cv        # grouped by site; writes bench/results/cleaner_cv.md
"$py" bench/html_path.py
"$py" bench/summaries.py
"$py" bench/corpus_index.py --articles 10000 --queries 200   # also makes the 10k corpus
"$py" bench/build_speed.py --repeat 5
