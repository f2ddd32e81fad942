"""The learned line classifier of the text-dump cleaner: gradient-boosted trees in JSON.

``bench/train_cleaner.py`` trains scikit-learn's histogram gradient boosting on
dumps of real pages and writes the trees to ``cleaner_model.json`` beside this
module. Scoring needs only numpy: every tree is walked for all lines at once.
Nothing is downloaded; the file ships inside the package.

A model may have two stages: the second sees, besides a line's own features,
the first stage's scores of the lines around it (stacking), which lets the
page's structure decide what a line alone cannot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

import numpy as np

MODEL_FILE = "cleaner_model.json"
_CHUNK = 4096
STACK_OFFSETS = (-4, -3, -2, -1, 1, 2, 3, 4)
STACK_FEATURES = (
    "score",
    *(f"score@{o:+d}" for o in STACK_OFFSETS),
    "score_window5",
    "score_window15",
    "score_before",
    "score_after",
)


@dataclass(frozen=True)
class Trees:
    """One boosted-tree ensemble, as flat arrays (trees × nodes)."""

    baseline: float
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    leaf: np.ndarray
    depth: int

    @classmethod
    def from_json(cls, data: dict) -> Trees:
        trees = data["trees"]
        width = max(len(t["feature"]) for t in trees)

        def pad(key: str, dtype: type, fill: float = 0) -> np.ndarray:
            out = np.full((len(trees), width), fill, dtype=dtype)
            for k, t in enumerate(trees):
                out[k, : len(t[key])] = t[key]
            return out

        return cls(
            baseline=float(data["baseline"]),
            feature=pad("feature", np.int32),
            threshold=pad("threshold", np.float64),
            left=pad("left", np.int32),
            right=pad("right", np.int32),
            value=pad("value", np.float64),
            leaf=pad("leaf", np.bool_, 1),
            depth=int(data["depth"]),
        )

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The summed leaf values (log-odds) for every row of ``x``.

        Every (tree, row) pair walks down from its root; only the pairs not yet
        at a leaf take the next step, so the work is the sum of the paths'
        lengths, not trees × rows × the deepest tree.
        """
        if x.shape[0] > _CHUNK:  # bound the (trees × rows) work arrays on huge dumps
            return np.concatenate(
                [self.raw(x[k : k + _CHUNK]) for k in range(0, x.shape[0], _CHUNK)]
            )
        n_trees, width = self.feature.shape
        n_rows, n_feat = x.shape
        flat = self._flat
        xs = np.ascontiguousarray(x).ravel()
        # node: the flat id of each pair's current node (trees × rows, row-major)
        node = np.repeat(np.arange(n_trees, dtype=np.intp) * width, n_rows)
        offset = np.tile(np.arange(n_rows, dtype=np.intp) * n_feat, n_trees)
        todo = np.flatnonzero(~flat.leaf[node])
        while todo.size:
            here = node[todo]
            left = xs[offset[todo] + flat.feature[here]] <= flat.threshold[here]
            there = np.where(left, flat.left[here], flat.right[here])
            node[todo] = there
            todo = todo[~flat.leaf[there]]
        return self.baseline + flat.value[node].reshape(n_trees, n_rows).sum(axis=0)

    @cached_property
    def _flat(self) -> _Flat:
        n_trees, width = self.feature.shape
        base = (np.arange(n_trees, dtype=np.intp) * width)[:, None]
        return _Flat(
            feature=self.feature.astype(np.intp).ravel(),
            threshold=self.threshold.ravel(),
            left=(self.left + base).ravel(),
            right=(self.right + base).ravel(),
            value=self.value.ravel(),
            leaf=self.leaf.ravel(),
        )


@dataclass(frozen=True)
class _Flat:
    """A :class:`Trees`' arrays as one row, children as flat node ids."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    leaf: np.ndarray


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def stack_features(score: np.ndarray) -> np.ndarray:
    """The second stage's view of the first stage's scores around each line."""
    n = len(score)
    cols = [score]
    for o in STACK_OFFSETS:
        shifted = np.full(n, -1.0)  # -1: no line there
        if abs(o) < n:
            if o < 0:
                shifted[-o:] = score[: n + o]
            else:
                shifted[: n - o] = score[o:]
        cols.append(shifted)
    csum = np.concatenate([[0.0], np.cumsum(score)])
    for k in (5, 15):
        lo = np.maximum(np.arange(n) - k, 0)
        hi = np.minimum(np.arange(n) + k, n - 1)
        cols.append((csum[hi + 1] - csum[lo]) / (hi - lo + 1))
    total = csum[-1] or 1.0
    cols.append(csum[:-1] / total)
    cols.append((total - csum[1:]) / total)
    return np.column_stack(cols)


@dataclass(frozen=True)
class LineModel:
    """Scores lines as article text (1) or clutter (0)."""

    features: tuple[str, ...]
    stages: tuple[Trees, ...]
    threshold: float
    info: dict

    @classmethod
    def from_json(cls, data: dict) -> LineModel:
        return cls(
            features=tuple(data["features"]),
            stages=tuple(Trees.from_json(s) for s in data["stages"]),
            threshold=float(data["threshold"]),
            info=dict(data.get("info", {})),
        )

    def scores(self, rows: list[list[float]]) -> np.ndarray:
        """The probability that each row's line is article text."""
        if not rows:
            return np.zeros(0)
        x = np.asarray(rows, dtype=np.float64)
        if x.shape[1] != len(self.features):
            raise ValueError(
                f"the cleaner model expects {len(self.features)} features, got {x.shape[1]}"
            )
        score = _sigmoid(self.stages[0].raw(x))
        for stage in self.stages[1:]:
            score = _sigmoid(stage.raw(np.hstack([x, stack_features(score)])))
        return score


@cache
def default_model() -> LineModel:
    """The model that ships with briefkit (read once)."""
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return LineModel.from_json(json.loads(text))


def export_hgb(estimator, depth_cap: int = 64) -> dict:
    """A fitted sklearn HistGradientBoostingClassifier as this module's JSON (training only)."""
    trees = []
    depth = 0
    for (predictor,) in estimator._predictors:
        nodes = predictor.nodes
        depth = max(depth, int(nodes["depth"].max()))
        trees.append(
            {
                "feature": [int(v) for v in nodes["feature_idx"]],
                "threshold": [float(v) for v in nodes["num_threshold"]],
                "left": [int(v) for v in nodes["left"]],
                "right": [int(v) for v in nodes["right"]],
                "value": [round(float(v), 7) for v in nodes["value"]],
                "leaf": [int(v) for v in nodes["is_leaf"]],
            }
        )
    baseline = float(np.ravel(estimator._baseline_prediction)[0])
    return {"baseline": baseline, "depth": min(depth, depth_cap), "trees": trees}
