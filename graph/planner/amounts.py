"""Amounts of money as shoppers write them: "$1,299.99", "1.5k", "40 bucks", "a hundred".

``MONEY`` is the regex of one amount; it refuses a number followed by a unit ("10 lbs",
"4 stars", "65 inch"), since that is not a price.
"""

from __future__ import annotations

import re

_UNITS = (
    r"%|x\b|\+?\s?(?:lbs?|kgs?|g|oz|inch(?:es)?|in|cm|mm|m|db|w|watts?|v|volts?|gb|tb|mb|mah|"
    r"hours?|hrs?|h|minutes?|mins?|seconds?|secs?|l|liters?|litres?|ml|qt|quarts?|years?|yrs?|"
    r"months?|days?|weeks?|people|persons?|cups?|speeds?|stars?|pounds?|feet|ft|foot|mph|rpm|"
    r"pieces?|pcs|pack|count|ct|reviews?|ratings?|times?|items?|inches|kw|hz|p|percent|ones)\b"
)
CURRENCY_WORD = r"(?:dollars?|bucks|usd|eur|euros?|gbp|quid)"
_WORD_AMOUNT = (
    r"(?:a|one|two|three|four|five|six|seven|eight|nine)\s+(?:hundred|thousand|grand)"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
MONEY = (
    rf"(?:[$£€]\s?)?(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s?k\b)?|{_WORD_AMOUNT})"
    rf"(?:\s?{CURRENCY_WORD}\b)?(?!\s?(?:{_UNITS}))(?![\d.,]*\d)(?![^\W\d_])"
)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_SMALL |= {"seven": 7, "eight": 8, "nine": 9, "twenty": 20, "thirty": 30, "forty": 40}
_SMALL |= {"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALE = {"hundred": 100, "thousand": 1000, "grand": 1000}


def amount(text: str) -> float | None:
    """The amount written in ``text`` ("$1,299.99", "1.5k", "40 bucks", "a hundred")."""
    cleaned = re.sub(rf"[$£€,\s]|{CURRENCY_WORD}", " ", text.lower()).split()
    if not cleaned:
        return None
    if cleaned[0][0].isdigit() or cleaned[0].startswith("."):
        joined = "".join(cleaned)
        scale = 1000.0 if joined.endswith("k") else 1.0
        try:
            return float(joined.rstrip("k")) * scale
        except ValueError:
            return None
    value = _SMALL.get(cleaned[0])
    if value is not None and len(cleaned) > 1 and cleaned[1] in _SCALE:
        value *= _SCALE[cleaned[1]]
    return None if value is None else float(value)


def has_money_marker(text: str, *, thousands: bool = True) -> bool:
    """Whether ``text`` shows it is money: a currency sign or word (or "1k" if ``thousands``)."""
    marker = rf"[$£€]|{CURRENCY_WORD}" + (r"|\dk\b" if thousands else "")
    return bool(re.search(marker, text, re.IGNORECASE))
