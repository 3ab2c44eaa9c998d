"""Retrieved text (reviews, questions, answers) cleaned before a shopper reads it.

Shoppers' reviews and Q&A are data, and anyone can write them, so what is shown of them
carries nothing the store would not say itself: markup and directive fragments are
removed (nothing in them is rendered or followed), links become ``[link]`` (an address
in a review is spam or phishing, and the store links to its products itself), and money
amounts become ``[price]`` (the store's live prices are the only prices a shopper reads;
"I paid [price] less than elsewhere" keeps the reviewer's point). Every place that
quotes retrieved text uses ``clean_retrieved``: the composer's quotes
(``graph.safety.quote_data``), the review-summary component, suggested questions.
"""

from __future__ import annotations

import re

from graph.fragment_guard import FRAGMENT
from graph.link_guard import LINK
from graph.price_guard import MONEY

LINK_MARK = "[link]"
PRICE_MARK = "[price]"

_TAG = re.compile(r"<[^<>]{0,400}>")
_STRAY = re.compile("[<>]")
_SPACE = re.compile(r"\s+")


def clean_retrieved(text: str) -> str:
    """``text`` without markup, links or money amounts, on one line."""
    text = _STRAY.sub("", FRAGMENT.sub("", _TAG.sub("", text)))
    text = MONEY.sub(PRICE_MARK, LINK.sub(LINK_MARK, text))
    return _SPACE.sub(" ", text).strip()


def is_plain(text: str) -> bool:
    """Whether ``text`` has nothing to clean (spacing aside): fit to be offered as is."""
    return clean_retrieved(text) == _SPACE.sub(" ", text).strip()
