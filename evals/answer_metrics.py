"""Scores of a written answer against reference answers: token F1 and embedding similarity.

Token F1 is SQuAD's: lower-cased words without punctuation and articles, overlap counted
with multiplicity. It rewards the reference's words and punishes padding, so a long
answer that contains the right sentence scores below that sentence alone. Embedding
similarity is the cosine of MiniLM sentence vectors (the store's embedding model), which
credits a paraphrase that shares few words. Against several references, the best counts.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Sequence

from store.embeddings import MiniLMEmbedder

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCTUATION = str.maketrans(dict.fromkeys(string.punctuation + "“”‘’", " "))


def answer_tokens(text: str) -> list[str]:
    """SQuAD normalization: lower case, no punctuation, no articles, split on spaces."""
    return _ARTICLES.sub(" ", text.lower().translate(_PUNCTUATION)).split()


def token_f1(prediction: str, reference: str) -> float:
    """Harmonic mean of token precision and recall; 1 when both are empty."""
    predicted, wanted = answer_tokens(prediction), answer_tokens(reference)
    if not predicted or not wanted:
        return float(predicted == wanted)
    common = sum((Counter(predicted) & Counter(wanted)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(predicted), common / len(wanted)
    return 2 * precision * recall / (precision + recall)


def best_token_f1(prediction: str, references: Sequence[str]) -> float:
    """Token F1 against the closest reference (0 without references)."""
    return max((token_f1(prediction, ref) for ref in references), default=0.0)


def best_similarity(embedder: MiniLMEmbedder, prediction: str, references: Sequence[str]) -> float:
    """Cosine similarity of the answer to the closest reference (0 for an empty answer)."""
    if not prediction.strip() or not references:
        return 0.0
    vectors = embedder.embed([prediction, *references])
    return float(max(vectors[1:] @ vectors[0]))
