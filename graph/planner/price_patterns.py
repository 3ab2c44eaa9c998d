"""The price phrases' patterns, in the order they claim their spans.

Data only; ``graph.planner.prices`` runs them. Order matters: a range before its halves,
"won't cost more than 25" (a ceiling) before "more than 25" (a floor).
"""

from __future__ import annotations

import re

from graph.planner.amounts import CURRENCY_WORD, MONEY

_M = rf"({MONEY})"
_N = rf"(?<![\w.])(?<!\d,){_M}"
"""An amount that starts a phrase: never the end of a word or number ("s22 plus", "b75+")."""
_THAN = r"th[ae]n"  # "less then 30" is a common slip for "less than 30"
_MAX_BEFORE = (
    rf"under|below|beneath|less {_THAN}|lower {_THAN}|cheaper {_THAN}|no more {_THAN}|"
    rf"not more {_THAN}|no higher {_THAN}|not over|nothing (?:over|above|more {_THAN})|at most|"
    r"up to|max(?:imum)?\.?|within|budget(?: is| of|:)?|"
    rf"(?:spend|pay)(?:ing)?(?: more {_THAN}| over| above| up to)?|<=?|≤"
)
_MAX_AFTER = r"or less|or under|or below|or cheaper|max(?:imum)?|tops|at most|and under|budget"
_MIN_BEFORE = (
    rf"over|above|more {_THAN}|at least|min(?:imum)?\.?|starting at|from|greater {_THAN}|"
    rf"higher {_THAN}|upwards of|>=?|≥"
)
_MIN_AFTER = r"or more|and up|and above|or higher"
_DO_NOT = (
    r"(?:won|doesn|don|isn|aren|wouldn|shouldn|can|mustn)['’]?t|will not|does not|do not|"
    r"is not|are not|would not|should not|must not|cannot|can not"
)
_NEGATED = (
    rf"(?<![\w-])(?:(?:{_DO_NOT})\s+(?:(?!(?:but|and|or)\b)[\w'’]+\s+){{0,4}}?"
    r"|(?:not|never|no|nothing)\s+(?:(?:cost(?:ing)?|be)\s+)?)"
)
"""A negation, and up to four words of its clause after a verb's ("won't cost", "don't
want it to cost"): a ceiling when "more than" follows, a floor when "less than" does."""
_TARGET = r"(?:at|for|to|reach(?:es)?|hits?|hit)"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("range", rf"\b(?:between|from)\s+(?:about\s+)?{_M}\s*(?:and|to|-|–)\s*{_M}"),
        ("dash", rf"{_N}\s*(?:-|–|to)\s*{_M}"),
        ("around", rf"(?:\b(?:around|about|approximately|approx\.?|roughly|close to)\s+|~\s?){_M}"),
        ("around", rf"{_N}(?:\s?-?ish\b|\s+or so\b)"),
        ("max", rf"{_NEGATED}(?:(?:more|higher|greater) {_THAN}|over|above|exceed\w*)\s*{_M}"),
        ("min", rf"{_NEGATED}(?:(?:less|lower|cheaper) {_THAN}|under|below)\s*{_M}"),
        ("max", rf"(?:(?<![\w-])(?:{_MAX_BEFORE}))\s*(?:of\s+|{_THAN}\s+)?{_M}"),
        ("max", rf"{_N}\s*(?:{_MAX_AFTER})\b"),
        ("min", rf"(?:(?<![\w-])(?:{_MIN_BEFORE}))\s*{_M}"),
        ("min", rf"{_N}\s*(?:{_MIN_AFTER})(?:\s|$|\b)"),
        ("plus", rf"{_N}\s*(?:plus\b|\+)(?:\s?{CURRENCY_WORD}\b)?"),
        ("target", rf"\b{_TARGET}\s+{_M}"),
        ("lone", _N),
    )
)
"""(kind, pattern): "plus" is a floor only with a currency ("$50+", not "spf 50+")."""
