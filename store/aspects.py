"""Extractive review aspects: what reviewers say about noise, battery, fit... without an LLM.

Each sentence is split into clauses; an aspect is mentioned when one of its cue phrases
(``store.aspect_lexicon.CUES``) occurs, and the clause's polarity comes from the aspect's
own polar words (quiet is good for noise), then general sentiment words, each flipped by a
negator a few tokens before it ("not loud", "isn't comfortable"). The star rating only
breaks ties. A review counts once per aspect, with the net polarity of its sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from store import aspect_lexicon as lex

Polarity = Literal["positive", "negative", "neutral"]

_PhraseIndex = dict[str, list[tuple[tuple[str, ...], str]]]
"""First token -> (phrase tokens, value) pairs, longest phrase first."""

_TOKEN = re.compile(r"[a-z]+|\d+(?:\.\d+)?|[,;:]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[a-z]{2}[.!?])(?=[a-z])|\n+")
_PUNCTUATION_BREAKS = frozenset({",", ";", ":"})


@dataclass(frozen=True)
class ReviewText:
    """The parts of a review that aspect extraction reads."""

    id: str
    text: str
    title: str = ""
    rating: int | None = None
    """Stars, 1 to 5, when known; only used to break ties."""
    helpful_votes: int = 0


@dataclass(frozen=True)
class AspectSnippet:
    """One sentence that supports an aspect summary."""

    review_id: str
    sentence: str
    polarity: Polarity


@dataclass(frozen=True)
class AspectSummary:
    """How many reviews mention an aspect, how they lean, and the best quotes."""

    aspect: str
    positive: int
    """Reviews whose sentences about the aspect are, on balance, positive."""
    negative: int
    """Reviews whose sentences about the aspect are, on balance, negative."""
    mentions: int
    """Reviews that mention the aspect at all (positive, negative or neutral)."""
    snippets: tuple[AspectSnippet, ...]
    """Supporting sentences, most helpful review first."""


@dataclass(frozen=True)
class Mention:
    """One sentence of one review that talks about an aspect."""

    aspect: str
    sentence: str
    polarity: Polarity


def split_sentences(text: str) -> list[str]:
    """Split review text into trimmed, non-empty sentences."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


def tokenize(text: str) -> list[str]:
    """Lower-case word, number and clause-punctuation tokens; apostrophes are dropped."""
    return _TOKEN.findall(text.lower().replace("'", "").replace("\u2019", ""))


def _build_index(entries: Iterable[tuple[str, str]]) -> _PhraseIndex:
    index: _PhraseIndex = {}
    for phrase, value in entries:
        words = tuple(tokenize(phrase))
        index.setdefault(words[0], []).append((words, value))
    for candidates in index.values():
        candidates.sort(key=lambda item: -len(item[0]))
    return index


@cache
def _cue_index() -> _PhraseIndex:
    return _build_index(
        (phrase, aspect) for aspect in lex.ASPECTS for phrase in lex.CUES.get(aspect, ())
    )


@cache
def _query_index() -> _PhraseIndex:
    pairs = [(p, a) for a in lex.ASPECTS for p in lex.CUES.get(a, ())]
    pairs += [(p, a) for a in lex.ASPECTS for p in lex.QUERY_CUES.get(a, ())]
    return _build_index(pairs)


@cache
def _polar_index(aspect: str) -> _PhraseIndex:
    # The aspect's own words override the general ones ("quiet" is bad for a speaker).
    words = {**lex.GENERAL_POLARITY, **lex.ASPECT_POLARITY.get(aspect, {})}
    return _build_index((phrase, str(value)) for phrase, value in words.items())


def _matches(tokens: Sequence[str], index: _PhraseIndex) -> list[tuple[int, str]]:
    """Return (position, value) of non-overlapping phrases, longest match first."""
    found: list[tuple[int, str]] = []
    position = 0
    while position < len(tokens):
        step = 1
        for words, value in index.get(tokens[position], ()):
            if tuple(tokens[position : position + len(words)]) == words:
                found.append((position, value))
                step = len(words)
                break
        position += step
    return found


def _clauses(tokens: Sequence[str]) -> list[list[str]]:
    clauses: list[list[str]] = [[]]
    for token in tokens:
        if token in _PUNCTUATION_BREAKS or token in lex.CLAUSE_BREAKS:
            clauses.append([])
        else:
            clauses[-1].append(token)
    return [clause for clause in clauses if clause]


def _clause_aspects(clause: Sequence[str], about_sound: bool) -> set[str]:
    cues = [(aspect, clause[pos]) for pos, aspect in _matches(clause, _cue_index())]
    aspects = {aspect for aspect, _ in cues}
    noise_words = {word for aspect, word in cues if aspect == "noise"}
    if about_sound and noise_words and noise_words <= lex.AMBIGUOUS_NOISE_CUES:
        # "loud" next to "music" or "bass" is about volume, not an annoying product.
        aspects.discard("noise")
        aspects.add("sound")
    return aspects


def _is_negated(clause: Sequence[str], position: int) -> tuple[bool, bool]:
    """Return (negated, limited) for the polar word at ``position``."""
    window = clause[max(0, position - lex.NEGATION_WINDOW) : position]
    return any(w in lex.NEGATORS for w in window), any(w in lex.LIMITERS for w in window)


def clause_score(clause: Sequence[str], aspect: str | None) -> int:
    """Sum the polar words of ``clause`` as read for ``aspect`` (None: general words)."""
    index = _polar_index(aspect) if aspect else _polar_index("")
    score = 0
    for position, raw in _matches(clause, index):
        value = int(raw)
        anchor = position
        if position > 0 and clause[position - 1] == "too":
            # "too loud", "too quiet": too much of anything is a complaint.
            value, anchor = -1, position - 1
        negated, limited = _is_negated(clause, anchor)
        if negated or (limited and value > 0):
            value = -value
        score += value
    return score


def _polarity(score: int) -> Polarity:
    return "positive" if score > 0 else "negative" if score < 0 else "neutral"


def sentence_aspects(sentence: str, rating: int | None = None) -> dict[str, Polarity]:
    """Return each aspect ``sentence`` mentions with its polarity.

    Args:
        sentence: One sentence of review text.
        rating: The review's stars; breaks ties when the words are neutral.
    """
    clauses = _clauses(tokenize(sentence))
    about_sound = any(
        aspect == "sound" for clause in clauses for _, aspect in _matches(clause, _cue_index())
    )
    scores: dict[str, int] = {}
    for clause in clauses:
        for aspect in _clause_aspects(clause, about_sound):
            scores[aspect] = scores.get(aspect, 0) + clause_score(clause, aspect)
    result: dict[str, Polarity] = {}
    for aspect in sorted(scores, key=lex.ASPECTS.index):
        score = scores[aspect] or sum(clause_score(c, None) for c in clauses)
        if score == 0 and rating is not None:
            score = 1 if rating >= 4 else -1 if rating <= 2 else 0
        result[aspect] = _polarity(score)
    return result


def review_mentions(review: ReviewText) -> list[Mention]:
    """Return every (aspect, sentence, polarity) in a review's text.

    The title is used only for aspects the text itself never mentions.
    """
    mentions = [
        Mention(aspect, sentence, polarity)
        for sentence in split_sentences(review.text)
        for aspect, polarity in sentence_aspects(sentence, review.rating).items()
    ]
    seen = {m.aspect for m in mentions}
    if review.title.strip():
        title = review.title.strip()
        for aspect, polarity in sentence_aspects(title, review.rating).items():
            if aspect not in seen:
                mentions.append(Mention(aspect, title, polarity))
    return mentions


def _net(mentions: Iterable[Mention]) -> Polarity:
    score = sum(
        1 if m.polarity == "positive" else -1 if m.polarity == "negative" else 0 for m in mentions
    )
    return _polarity(score)


def _pick_snippets(
    candidates: list[tuple[ReviewText, Mention]], limit: int
) -> tuple[AspectSnippet, ...]:
    """Pick the most helpful quotes, keeping one of each polarity when both exist."""
    ranked = sorted(
        candidates,
        key=lambda pair: (pair[1].polarity == "neutral", -pair[0].helpful_votes, pair[0].id),
    )
    chosen = ranked[:limit]
    for wanted in ("positive", "negative"):
        if limit >= 2 and all(m.polarity != wanted for _, m in chosen):
            best = next((pair for pair in ranked if pair[1].polarity == wanted), None)
            if best is not None:
                chosen[-1] = best
                chosen.sort(key=lambda pair: (-pair[0].helpful_votes, pair[0].id))
    return tuple(AspectSnippet(r.id, m.sentence, m.polarity) for r, m in chosen)


def summarize_aspects(
    reviews: Sequence[ReviewText], *, max_snippets: int = 3
) -> list[AspectSummary]:
    """Count, per aspect, the reviews for and against it, with supporting quotes.

    Args:
        reviews: The reviews of one product.
        max_snippets: How many supporting sentences to keep per aspect.

    Returns:
        One summary per mentioned aspect, most mentioned first.
    """
    by_aspect: dict[str, list[tuple[ReviewText, list[Mention]]]] = {}
    for review in reviews:
        grouped: dict[str, list[Mention]] = {}
        for mention in review_mentions(review):
            grouped.setdefault(mention.aspect, []).append(mention)
        for aspect, mentions in grouped.items():
            by_aspect.setdefault(aspect, []).append((review, mentions))
    summaries = []
    for aspect, entries in by_aspect.items():
        nets = [_net(mentions) for _, mentions in entries]
        candidates = [(review, m) for review, mentions in entries for m in mentions[:1]]
        summaries.append(
            AspectSummary(
                aspect=aspect,
                positive=nets.count("positive"),
                negative=nets.count("negative"),
                mentions=len(entries),
                snippets=_pick_snippets(candidates, max_snippets),
            )
        )
    summaries.sort(key=lambda s: (-s.mentions, lex.ASPECTS.index(s.aspect)))
    return summaries


def search_reviews_by_aspect(
    reviews: Sequence[ReviewText], aspect: str
) -> list[tuple[ReviewText, str, Polarity]]:
    """Return the sentences about ``aspect``, most helpful review first."""
    found = [
        (review, mention.sentence, mention.polarity)
        for review in reviews
        for mention in review_mentions(review)
        if mention.aspect == aspect
    ]
    found.sort(key=lambda item: (-item[0].helpful_votes, item[0].id))
    return found


def aspect_for_query(text: str) -> str | None:
    """Map a shopper's words ("is it loud?") to the aspect they ask about, if any."""
    counts: dict[str, int] = {}
    for _, aspect in _matches(tokenize(text), _query_index()):
        counts[aspect] = counts.get(aspect, 0) + 1
    if not counts:
        return None
    return min(counts, key=lambda aspect: (-counts[aspect], lex.ASPECTS.index(aspect)))
