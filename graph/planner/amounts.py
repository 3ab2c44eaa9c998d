"""Amounts of money as shoppers write them: "$1,299.99", "1.5k", "40 bucks", "USD 90".

``MONEY`` is the regex of one amount; it refuses a number followed by a unit ("10 lbs",
"4 stars", "65 inch", "30 ounces") or by the rest of a size ("8 by 10", "50” x 40”",
"8+256"), since neither is a price.
"""

from __future__ import annotations

import re

_UNIT_WORDS = (
    r"lbs?|kgs?|kilos?|kilograms?|g|gr|grams?|mg|milligrams?|oz|ounces?|fl|inch(?:es)?|in|cm|"
    r"mm|m|centimet(?:er|re)s?|millimet(?:er|re)s?|met(?:er|re)s?|db|w|watts?|v|volts?|gb|tb|"
    r"mb|gigs?|gigabytes?|terabytes?|megabytes?|mah|hours?|hrs?|h|minutes?|mins?|seconds?|"
    r"secs?|l|liters?|litres?|ml|milliliters?|millilitres?|qt|quarts?|gal|gallons?|years?|"
    r"yrs?|months?|days?|weeks?|people|persons?|cups?|speeds?|stars?|pounds?|feet|ft|foot|"
    r"yards?|yds?|mph|rpm|pieces?|pcs|packs?|packets?|count|ct|reviews?|ratings?|times?|"
    r"items?|kw|hz|p|percent|ones"
)
_NUMBER_WORD = r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|"
_NUMBER_WORD += r"fifty|sixty|seventy|eighty|ninety|hundred)"
_NOT_MONEY_AFTER = rf"%|x\b|[x×*+]\s?\d|by\s+{_NUMBER_WORD}|\+?\s?(?:{_UNIT_WORDS})\b"
"""What may follow a number that is not money: a unit, or the rest of a size."""
CURRENCY_WORD = r"(?:dollars?|bucks|usd|euros?|eur|gbp|quid|cad|aud)"
"""A currency named in words; longer names first, so "euros" is not read as "eur"."""
_CURRENCY_PREFIX = r"(?:[$£€]|\b(?:usd|us\$|eur|gbp|cad|aud)(?=\s?\d))"
_WORD_AMOUNT = (
    r"\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine)\s+(?:hundred|thousand|grand)"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
)
MONEY = (
    rf"(?:{_CURRENCY_PREFIX}\s?)?"
    rf"(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s?k\b)?|{_WORD_AMOUNT})"
    rf"(?:\s?{CURRENCY_WORD}\b|\s?[$£€](?!\s?\d))?(?![”″\"'’])(?![\s-]?(?:{_NOT_MONEY_AFTER}))"
    r"(?![\d.,]*\d)(?![^\W\d_])"
)
_CURRENCY = re.compile(rf"[$£€,\s]|\bus\$|{CURRENCY_WORD}", re.IGNORECASE)
_MARKER = re.compile(rf"[$£€]|(?<![^\W\d_]){CURRENCY_WORD}(?![^\W\d_])", re.IGNORECASE)
_THOUSANDS = re.compile(r"\dk\b", re.IGNORECASE)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_SMALL |= {"seven": 7, "eight": 8, "nine": 9, "twenty": 20, "thirty": 30, "forty": 40}
_SMALL |= {"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALE = {"hundred": 100, "thousand": 1000, "grand": 1000}


def amount(text: str) -> float | None:
    """The amount written in ``text`` ("$1,299.99", "1.5k", "40 bucks", "a hundred")."""
    cleaned = _CURRENCY.sub(" ", text.lower()).split()
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
    """Whether ``text`` shows it is money: a currency sign or word (or "1k" if ``thousands``).

    A currency word counts only as a word of its own ("40 bucks", "usd90"), never inside
    another ("Starbucks", "liquid").
    """
    return bool(_MARKER.search(text) or (thousands and _THOUSANDS.search(text)))
