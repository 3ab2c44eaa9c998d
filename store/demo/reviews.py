"""Demo reviews whose opinions follow the product's attributes.

A reviewer talks about one to three aspects, favouring those the product is clearly
good or bad at; each opinion is positive with a probability that follows the aspect's
score (a 62 dB blender is praised as quiet, an 88 dB one called a jet engine), and the
stars follow the opinions.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from store.demo.profile import Profile
from store.demo.review_phrases import FILLERS, GENERIC_TITLES, PHRASES, TITLES
from store.records import ReviewRecord

Opinion = tuple[str, bool]
"""(aspect, is_positive)."""


def _pick_aspects(rng: random.Random, profile: Profile) -> list[str]:
    """One to three aspects, favouring those the product is clearly good or bad at."""
    aspects = sorted(profile.aspect_scores)
    weights = [abs(profile.aspect_scores[a]) + 0.3 for a in aspects]
    draws = rng.choices(aspects, weights=weights, k=rng.choice((1, 2, 2, 3)))
    return list(dict.fromkeys(draws))  # a repeated draw just means fewer aspects


def _opinions(rng: random.Random, profile: Profile) -> list[Opinion]:
    scores = profile.aspect_scores
    return [
        (aspect, rng.random() < min(0.95, max(0.05, 0.5 + 0.45 * scores[aspect])))
        for aspect in _pick_aspects(rng, profile)
    ]


def _phrase_key(profile: Profile, aspect: str) -> str:
    if aspect == "fit":
        return {-1: "fit small", 0: "fit", 1: "fit large"}[profile.fit_bias]
    specific = f"{profile.spec.key}:{aspect}"
    return specific if specific in PHRASES else aspect


def _sentence(rng: random.Random, profile: Profile, opinion: Opinion) -> str:
    positive, negative = PHRASES[_phrase_key(profile, opinion[0])]
    return rng.choice(positive if opinion[1] else negative).format(**profile.attrs)


def _join(first: str, second: str) -> str:
    """Join a praise and a complaint into one mixed sentence."""
    keep = second.startswith(("I ", "I'")) or second[:2].isupper()  # "I", "ANC"
    head = second if keep else second[0].lower() + second[1:]
    return f"{first.rstrip('.')}, but {head}"


def _rating(rng: random.Random, opinions: Sequence[Opinion]) -> int:
    mood = sum(1 if good else -1 for _, good in opinions) / max(1, len(opinions))
    # Centred above 3 like real stores (most reviews are 4-5 stars); mood still decides.
    return min(5, max(1, round(3.6 + 1.7 * mood + rng.gauss(0, 0.6))))


def _tone(rating: int) -> str:
    return "positive" if rating >= 4 else "negative" if rating <= 2 else "mixed"


def _body(rng: random.Random, profile: Profile, opinions: list[Opinion], tone: str) -> str:
    sentences = [_sentence(rng, profile, opinion) for opinion in opinions]
    goods = [s for s, (_, good) in zip(sentences, opinions, strict=True) if good]
    bads = [s for s, (_, good) in zip(sentences, opinions, strict=True) if not good]
    if goods and bads and rng.random() < 0.6:
        sentences = [_join(goods[0], bads[0]), *goods[1:], *bads[1:]]
    if rng.random() < 0.5:
        sentences.insert(0, rng.choice(FILLERS[tone]))
    if rng.random() < 0.4:
        sentences.append(rng.choice(FILLERS[tone]))
    return " ".join(sentences)


def _title(rng: random.Random, opinions: list[Opinion], tone: str) -> str:
    leading = [(a, good) for a, good in opinions if good == (tone == "positive")]
    if leading and tone != "mixed" and rng.random() < 0.6:
        positive, negative = TITLES[leading[0][0]]
        return rng.choice(positive if leading[0][1] else negative)
    return rng.choice(GENERIC_TITLES[tone])


def review_count(rng: random.Random) -> int:
    """Most products have 5-15 reviews; some are new and have 0-4."""
    return rng.randint(5, 15) if rng.random() < 0.82 else rng.randint(0, 4)


def generate_reviews(rng: random.Random, profile: Profile, as_of: dt.date) -> list[ReviewRecord]:
    """Return the reviews of one product, dated within two years before ``as_of``."""
    reviews = []
    for number in range(1, review_count(rng) + 1):
        opinions = _opinions(rng, profile)
        rating = _rating(rng, opinions)
        tone = _tone(rating)
        reviews.append(
            ReviewRecord(
                id=f"{profile.id}-R{number:02d}",
                product_id=profile.id,
                rating=rating,
                title=_title(rng, opinions, tone),
                text=_body(rng, profile, opinions, tone),
                date=as_of - dt.timedelta(days=rng.randint(0, 730)),
                verified=rng.random() < 0.85,
                helpful_votes=min(999, int(rng.paretovariate(1.2)) - 1),
            )
        )
    return reviews
