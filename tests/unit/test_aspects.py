"""Extractive review aspects: cues, polarity with negation, summaries, query mapping."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from store import aspect_lexicon
from store.aspects import (
    ReviewText,
    aspect_for_query,
    search_reviews_by_aspect,
    sentence_aspects,
    split_sentences,
    summarize_aspects,
    tokenize,
)

EPQA_PRODUCTS = Path("/work/shared/data/epqa/products.jsonl")


@pytest.mark.parametrize(
    ("sentence", "aspect", "polarity"),
    [
        ("Surprisingly quiet, I can run it while the baby sleeps.", "noise", "positive"),
        ("Very loud, sounds like a jet engine.", "noise", "negative"),
        ("It is not loud at all.", "noise", "positive"),
        ("Not very quiet, to be honest.", "noise", "negative"),
        ("Not too loud.", "noise", "positive"),
        ("The seat isn't comfortable.", "comfort", "negative"),
        ("The seat isn\u2019t comfortable.", "comfort", "negative"),
        ("Never uncomfortable, even after hours.", "comfort", "positive"),
        ("Cleanup is a breeze.", "cleaning", "positive"),
        ("A pain to clean.", "cleaning", "negative"),
        ("Battery lasts all week.", "battery", "positive"),
        ("Battery barely lasts a flight.", "battery", "negative"),
        ("The battery only lasts 3 hours.", "battery", "negative"),
        ("Runs small, order a half size up.", "fit", "negative"),
        ("Fits true to size.", "fit", "positive"),
        ("The noise cancelling blocks out engine drone.", "noise cancelling", "positive"),
        ("Gets loud enough to fill the backyard with music.", "sound", "positive"),
        ("Too quiet for parties, the bass is weak.", "sound", "negative"),
        ("Not worth the money.", "value", "negative"),
        ("Broke after two months.", "durability", "negative"),
        ("My screen has never broke with this cover.", "durability", "positive"),
    ],
)
def test_sentence_polarity(sentence: str, aspect: str, polarity: str) -> None:
    assert sentence_aspects(sentence).get(aspect) == polarity


def test_loud_music_is_not_a_noise_complaint() -> None:
    assert "noise" not in sentence_aspects("Gets loud enough to fill the backyard with music.")


def test_contrast_splits_a_sentence_into_a_pro_and_a_con() -> None:
    assert sentence_aspects("Quiet but hard to clean.") == {
        "noise": "positive",
        "cleaning": "negative",
    }


def test_rating_only_breaks_ties() -> None:
    neutral = "I charge it on Sundays."
    assert sentence_aspects(neutral, rating=5) == {"battery": "positive"}
    assert sentence_aspects(neutral, rating=1) == {"battery": "negative"}
    assert sentence_aspects(neutral, rating=3) == {"battery": "neutral"}
    # Words beat stars: a 5-star review can still say the battery is bad.
    assert sentence_aspects("Battery dies fast.", rating=5) == {"battery": "negative"}


def test_sentences_without_cues_have_no_aspects() -> None:
    assert sentence_aspects("Arrived two days early and was a gift for my sister.") == {}


def test_split_sentences_handles_missing_spaces() -> None:
    assert split_sentences("Great blender.it is quiet! Would buy again") == [
        "Great blender.",
        "it is quiet!",
        "Would buy again",
    ]


def test_tokenize_drops_apostrophes_so_contractions_negate() -> None:
    assert tokenize("Doesn't fit, isn't it?") == ["doesnt", "fit", ",", "isnt", "it"]
    assert "doesnt" in aspect_lexicon.NEGATORS


def _reviews() -> list[ReviewText]:
    return [
        ReviewText("r1", "Surprisingly quiet. Cleanup is a breeze.", "Love it", 5, 3),
        ReviewText("r2", "Whisper quiet, I love it.", "", 5, 40),
        ReviewText("r3", "Way too loud for early mornings.", "Loud", 2, 7),
        ReviewText("r4", "Quiet enough, but a pain to clean.", "", 3, 0),
        ReviewText("r5", "Would buy again.", "Way too loud", 2, 1),
    ]


def test_summary_counts_reviews_once_per_aspect_and_sorts_by_mentions() -> None:
    summaries = summarize_aspects(_reviews())
    assert [s.aspect for s in summaries] == ["noise", "cleaning"]
    noise = summaries[0]
    assert (noise.mentions, noise.positive, noise.negative) == (5, 3, 2)
    cleaning = summaries[1]
    assert (cleaning.mentions, cleaning.positive, cleaning.negative) == (2, 1, 1)


def test_title_counts_only_when_the_text_is_silent() -> None:
    noise = summarize_aspects([ReviewText("r", "Too loud.", "Quiet!", 2, 0)])[0]
    assert (noise.positive, noise.negative) == (0, 1)
    titled = summarize_aspects([ReviewText("r", "Would buy again.", "Quiet!", 5, 0)])[0]
    assert titled.snippets[0].sentence == "Quiet!"


def test_snippets_are_most_helpful_first_and_keep_both_sides() -> None:
    noise = summarize_aspects(_reviews(), max_snippets=2)[0]
    assert [s.review_id for s in noise.snippets] == ["r2", "r3"]
    assert {s.polarity for s in noise.snippets} == {"positive", "negative"}
    three = summarize_aspects(_reviews(), max_snippets=3)[0]
    assert three.snippets[0].review_id == "r2"
    assert len(three.snippets) == 3


def test_search_reviews_by_aspect_returns_sentences_most_helpful_first() -> None:
    found = search_reviews_by_aspect(_reviews(), "cleaning")
    assert [(review.id, polarity) for review, _, polarity in found] == [
        ("r1", "positive"),
        ("r4", "negative"),
    ]
    assert found[0][1] == "Cleanup is a breeze."


@pytest.mark.parametrize(
    ("query", "aspect"),
    [
        ("what do people say about the battery?", "battery"),
        ("how long does the battery last", "battery"),
        ("is it loud?", "noise"),
        ("Is it easy to clean?", "cleaning"),
        ("Does it run true to size?", "fit"),
        ("how heavy is it", "size & weight"),
        ("is it worth the money", "value"),
        ("will it hold up", "durability"),
        ("how is the sound quality", "sound"),
        ("are they comfortable on long flights", "comfort"),
        ("does the noise cancelling work on planes", "noise cancelling"),
        ("hello there", None),
    ],
)
def test_aspect_for_query(query: str, aspect: str | None) -> None:
    assert aspect_for_query(query) == aspect


def _real_review_sentences() -> list[str]:
    if not EPQA_PRODUCTS.exists():
        pytest.skip(f"real review sample not available at {EPQA_PRODUCTS}")
    with EPQA_PRODUCTS.open(encoding="utf-8") as lines:
        return [
            sentence
            for line in lines
            for sentence in json.loads(line).get("snippets", {}).get("review", [])
        ]


def _negated(sentence: str) -> bool:
    return any(token in aspect_lexicon.NEGATORS for token in tokenize(sentence))


# (pattern a shopper's sentence matches, aspect, expected polarity, required accuracy)
_REAL_GROUPS = [
    (r"\b(comfortable|comfy)\b", "comfort", "positive", 0.85),
    (r"easy to (use|assemble|install|put together|set up)", "ease of use", "positive", 0.85),
    (r"\b(durable|sturdy)\b", "durability", "positive", 0.85),
    (r"\b(great|good) (value|price)\b", "value", "positive", 0.85),
    (r"\b(too|so|very|extremely) (loud|noisy)\b", "noise", "negative", 0.6),
]


def test_reasonable_on_real_amazon_review_sentences() -> None:
    sentences = _real_review_sentences()
    checked = 0
    for pattern, aspect, polarity, accuracy in _REAL_GROUPS:
        matching = [
            s
            for s in sentences
            if re.search(pattern, s.lower()) and "uncomfortable" not in s and not _negated(s)
        ]
        if len(matching) < 3:
            continue
        right = sum(sentence_aspects(s).get(aspect) == polarity for s in matching)
        assert right / len(matching) >= accuracy, (pattern, right, len(matching))
        checked += 1
    assert checked >= 3
    # Coverage: many real sentences are about some aspect, but not every sentence.
    share = sum(bool(sentence_aspects(s)) for s in sentences) / len(sentences)
    assert 0.15 <= share <= 0.7
