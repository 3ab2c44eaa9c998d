"""A small intent classifier: softmax regression over n-grams, trained on ``training.jsonl``.

Trained on first use (well under a second) and kept for the process; training is full-batch
and starts from zeros, so the same data always gives the same model. The L2 penalty keeps
the probabilities modest, so a low top probability means the message is really unclear.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from graph.plan import INTENTS, Intent
from graph.planner.ngrams import ngram_features
from graph.planner.sparse import Matrix, SparseDesign


@dataclass(frozen=True)
class Example:
    """A labelled message."""

    text: str
    intent: Intent


@dataclass(frozen=True)
class IntentModel:
    """Weights of the trained classifier."""

    columns: dict[str, int]
    weights: Matrix
    """Features x intents."""
    bias: Matrix

    def probabilities(self, text: str) -> dict[Intent, float]:
        """The probability of each intent for ``text``."""
        rows = sorted({self.columns[f] for f in ngram_features(text) if f in self.columns})
        logits = self.bias.copy()
        if rows:
            logits += self.weights[rows].sum(axis=0) / np.sqrt(len(rows))
        exp = np.exp(logits - logits.max())
        return dict(zip(INTENTS, (exp / exp.sum()).tolist(), strict=True))

    def classify(self, text: str) -> tuple[Intent, float]:
        """The likeliest intent of ``text`` and its probability."""
        probabilities = self.probabilities(text)
        best = max(probabilities, key=probabilities.__getitem__)
        return best, probabilities[best]


@cache
def training_examples() -> tuple[Example, ...]:
    """The labelled set kept next to this module."""
    text = resources.files("graph.planner").joinpath("training.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return tuple(Example(row["text"], row["intent"]) for row in rows)


def _design(examples: Sequence[Example]) -> tuple[dict[str, int], SparseDesign]:
    """Feature columns (seen at least twice, or a whole word) and the normalized design."""
    seen = [set(ngram_features(example.text)) for example in examples]
    counts = Counter(feature for features in seen for feature in features)
    kept = sorted(f for f, n in counts.items() if n >= 2 or not f.startswith("c:"))
    columns = {feature: index for index, feature in enumerate(kept)}
    bias = len(columns)  # a last column that every row has
    triples: list[tuple[int, int, float]] = []
    for row, features in enumerate(seen):
        indices = sorted(columns[f] for f in features if f in columns)
        weight = 1.0 / np.sqrt(max(len(indices), 1))
        triples += [(row, index, weight) for index in indices] + [(row, bias, 1.0)]
    rows, cols, values = zip(*triples, strict=True)
    return columns, SparseDesign(list(rows), list(cols), list(values))


def train(
    examples: Sequence[Example], *, steps: int = 150, rate: float = 0.2, l2: float = 3e-4
) -> IntentModel:
    """Fit softmax regression with Adam on the whole set at each step."""
    columns, design = _design(examples)
    targets = np.zeros((len(examples), len(INTENTS)), dtype=np.float32)
    targets[np.arange(len(examples)), [INTENTS.index(e.intent) for e in examples]] = 1.0
    params = np.zeros((design.width, len(INTENTS)), dtype=np.float32)
    moment: Matrix = np.zeros_like(params)
    second: Matrix = np.zeros_like(params)
    for step in range(1, steps + 1):
        logits = design.times(params)
        probs = np.exp(logits - logits.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        grad = design.transposed_times((probs - targets) / len(examples)) + l2 * params
        moment = 0.9 * moment + 0.1 * grad
        second = 0.999 * second + 0.001 * grad**2
        params -= rate * (moment / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return IntentModel(columns, params[:-1], params[-1])


@cache
def intent_model() -> IntentModel:
    """The classifier trained on the packaged set (trained once, on first use)."""
    return train(training_examples())
