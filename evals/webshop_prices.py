"""Price slots on WebShop's shopping texts: stated ceilings read, sizes never read as prices.

``instructions.jsonl`` (../shared/data/webshop) holds 9,633 human-written instructions and
the search queries humans typed for 1,281 of them. No instruction states a price (read by
hand: the 173 that carry a price word, "$", "under", "up to" or a decimal number next to a
number are sizes, "fair price", "show me the price"); 108 of the search queries do ("up to
40 dollars", "less than $60", "price lower than 40.00 dollars"). Those are labelled by hand
in ``evals/datasets/webshop_prices.jsonl`` by ``idx`` and ``query`` (the texts stay in the
shared folder); every other text states no price and must get no price slot. Each distinct
text is scored once, stated prices first, so ``--limit`` keeps some of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from evals.dataset import Dataset, DatasetError, examples_from, load_dataset

LABELS_NAME = "webshop_prices.jsonl"


def webshop_texts(path: Path) -> Iterator[tuple[str, str, str]]:
    """Every text of the file as (key, kind, text): "idx" instructions, "idx/k" queries."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            yield str(row["idx"]), "instruction", row["instruction"]
            for k, query in enumerate(row.get("human_search_queries") or []):
                yield f"{row['idx']}/{k}", "human_query", query


def webshop_price_dataset(path: Path, labels: Path) -> Dataset:
    """The texts of ``path`` as examples; ``labels`` names the ones that state a price.

    A label whose text is not in ``path`` is refused: the labels were made for this file.
    """
    texts = list(webshop_texts(path))
    by_key = {key: text for key, _, text in texts}
    stated: dict[str, dict[str, Any]] = {}
    for example in load_dataset(labels).examples:
        key = f"{example.inputs['idx']}/{example.inputs['query']}"
        if key not in by_key:
            raise DatasetError(f"{labels}: {example.id} names no text of {path}")
        stated[by_key[key]] = {"states_price": True, **example.reference_outputs}
    priced: list[dict[str, Any]] = []
    plain: list[dict[str, Any]] = []
    seen: set[str] = set()
    for key, kind, text in texts:
        if text in seen:
            continue
        seen.add(text)
        reference = stated.get(text, {"states_price": False})
        row = {
            "id": f"webshop-{key}",
            "inputs": {"message": text},
            "reference_outputs": reference,
            "metadata": {"kind": "stated_price" if text in stated else kind, "key": key},
        }
        (priced if text in stated else plain).append(row)
    return examples_from([*priced, *plain], "webshop_prices")
