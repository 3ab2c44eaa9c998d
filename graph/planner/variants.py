"""Variant words: a colour, a size, a capacity ("the blue one", "size 10", "XL", "128GB")."""

from __future__ import annotations

import re

COLOURS = (
    "black|white|silver|grey|gray|red|blue|navy|green|olive|pink|purple|violet|yellow|orange|"
    "beige|brown|gold|teal|charcoal|cream|khaki|tan|burgundy|maroon|graphite|ivory|lavender|"
    "mint|coral|turquoise|copper|bronze|rose gold|space gray|space grey|midnight|stainless"
)
_SHADE = r"(?:(?:light|dark|pale|bright|matte|navy|sky|forest|jet|off)[ -])?"
_COLOUR = re.compile(rf"\b{_SHADE}(?:{COLOURS})\b(?! friday| noise| tea| juice)", re.IGNORECASE)
_LETTER_SIZE = r"xxs|xs|s|m|l|xl|xxl|xxxl|[2-5]xl|small|medium|large|x-large|xx-large"
_SIZE = re.compile(
    rf"\bsize\s+(?:\d{{1,2}}(?:\.5)?|{_LETTER_SIZE})\b"
    rf"|\bin (?:a |an )?(?:{_LETTER_SIZE})\b(?! (?:room|kitchen|space|apartment|house))",
    re.IGNORECASE,
)
_UPPER_SIZE = re.compile(r"\b(?:XXS|XS|XL|XXL|XXXL|[2-5]XL)\b")
_CAPACITY = re.compile(
    r"\b\d{2,4}\s?(?:gb|tb)\b|\b\d{2,3}(?:\"|\s?-?inch\b|\s?in\b(?= (?:tv|screen|model|one)))",
    re.IGNORECASE,
)


def find_variant(message: str) -> tuple[str | None, list[tuple[int, int]]]:
    """The variant words asked for, joined with ", ", and their spans."""
    matches: list[re.Match[str]] = []
    for pattern in (_COLOUR, _SIZE, _UPPER_SIZE, _CAPACITY):
        for match in pattern.finditer(message):
            if not any(match.start() < m.end() and m.start() < match.end() for m in matches):
                matches.append(match)
    if not matches:
        return None, []
    matches.sort(key=lambda m: m.start())
    parts = [re.sub(r"^in (?:an? )?", "", m.group(), flags=re.IGNORECASE) for m in matches]
    return ", ".join(dict.fromkeys(parts)), [m.span() for m in matches]
