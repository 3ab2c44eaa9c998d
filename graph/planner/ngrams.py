"""The classifier's features: word unigrams and bigrams, and character n-grams for typos.

Digits and prices are folded into placeholder words ("under $80" and "under $120" read
alike), so the model learns that a price is present, not which price.
"""

from __future__ import annotations

import re
from itertools import pairwise

_MONEY = re.compile(r"[$£€]\s?\d[\d,.]*k?|\d[\d,.]*\s?(?:dollars?|bucks|usd)\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[a-z_]+(?:'[a-z]+)?|[?!]")


def normalize(text: str) -> list[str]:
    """Lower-case words with prices read as ``_money_`` and other numbers as ``_num_``."""
    text = text.lower().replace("\u2019", "'")
    text = _NUMBER.sub(" _num_ ", _MONEY.sub(" _money_ ", text))
    return [word.replace("'", "") for word in _WORD.findall(text)]


def ngram_features(text: str) -> list[str]:
    """Feature names of ``text``: ``w:`` words, ``b:`` word pairs, ``c:`` character 4-grams."""
    words = normalize(text)
    features = [f"w:{word}" for word in words]
    padded = ["<s>", *words, "</s>"]
    features += [f"b:{a}_{b}" for a, b in pairwise(padded)]
    for word in words:
        if len(word) > 3 and not word.startswith("_"):
            marked = f" {word} "
            features += [f"c:{marked[i : i + 4]}" for i in range(len(marked) - 3)]
    return features
