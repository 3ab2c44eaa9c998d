"""A demo product's hidden truth: its raw attributes and how reviewers will judge it.

Everything the shopper later sees (features, reviews, answers) is derived from one
``Profile``, which is how the generated store stays consistent with itself.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from store.demo.spec import (
    AspectRule,
    AttributeValue,
    AttrSpec,
    CategorySpec,
    ChoiceAttr,
    Condition,
    FlagAttr,
)

FitBias = int
"""-1: runs small, 0: true to size, +1: runs large."""


@dataclass(frozen=True)
class Profile:
    """One product's generated facts."""

    id: str
    spec: CategorySpec
    tier: float
    """Price tier in [0, 1]: 0 is the cheapest of the category, 1 the priciest."""
    attrs: dict[str, AttributeValue]
    """Raw attribute values in the units of the spec."""
    aspect_scores: dict[str, float]
    """What reviewers think of each aspect, from -1 (hate it) to +1 (love it)."""
    fit_bias: FitBias


def _clip(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return min(high, max(low, value))


def _draw_attr(rng: random.Random, spec: AttrSpec, tier: float) -> AttributeValue:
    if isinstance(spec, ChoiceAttr):
        return rng.choice(spec.options)
    if isinstance(spec, FlagAttr):
        return rng.random() < _clip(spec.p_true + spec.tier_weight * (tier - 0.5))
    pull = tier if spec.tier_weight >= 0 else 1.0 - tier
    weight = abs(spec.tier_weight)
    mix = _clip((1.0 - weight) * rng.random() + weight * pull)
    if spec.values:
        return float(spec.values[min(int(mix * len(spec.values)), len(spec.values) - 1)])
    raw = spec.low + (spec.high - spec.low) * mix
    return round(round(raw / spec.step) * spec.step, 4)


def holds(condition: Condition, attrs: dict[str, AttributeValue]) -> bool:
    """Return whether ``condition`` is true of the raw attributes."""
    value = attrs.get(condition.attr)
    if value is None:
        return False
    expected = condition.value
    if condition.op == "==":
        return value == expected
    if condition.op == "in":
        return isinstance(expected, tuple) and value in expected
    if isinstance(value, str) or not isinstance(expected, int | float):
        return False
    number = float(value)
    if condition.op == "<=":
        return number <= expected
    if condition.op == ">=":
        return number >= expected
    return number < expected if condition.op == "<" else number > expected


def _rule_score(rule: AspectRule, attrs: dict[str, AttributeValue]) -> float | None:
    value = attrs.get(rule.attr)
    if value is None or isinstance(value, str):
        return None
    position = (float(value) - rule.bad) / (rule.good - rule.bad)
    return _clip(-1.0 + 2.0 * position, -1.0, 1.0)


def _aspect_scores(
    rng: random.Random, spec: CategorySpec, attrs: dict[str, AttributeValue], tier: float
) -> dict[str, float]:
    quality = _clip(rng.gauss(0.3, 0.45), -1.0, 1.0)
    found: dict[str, list[float]] = {}
    for rule in spec.aspect_rules:
        score = _rule_score(rule, attrs)
        if score is not None:
            found.setdefault(rule.aspect, []).append(score)
    for aspect in spec.latent_aspects:
        if aspect == "value":
            # Cheap products that work get credit for value; pricey ones must earn it.
            latent = 0.6 * quality + 0.8 * (0.5 - tier) + rng.gauss(0, 0.2)
        else:
            latent = quality + rng.gauss(0, 0.3)
        found.setdefault(aspect, []).append(_clip(latent, -1.0, 1.0))
    return {aspect: sum(scores) / len(scores) for aspect, scores in found.items()}


def draw_profile(rng: random.Random, spec: CategorySpec, product_id: str) -> Profile:
    """Invent one product of category ``spec``."""
    tier = rng.random() ** 1.3  # more cheap products than premium ones, as in real shops
    attrs = {attr.name: _draw_attr(rng, attr, tier) for attr in spec.attributes}
    scores = _aspect_scores(rng, spec, attrs, tier)
    fit_bias = 0
    if spec.sizes:
        fit_bias = rng.choices((-1, 0, 1), weights=(0.3, 0.5, 0.2))[0]
        scores["fit"] = 0.8 if fit_bias == 0 else -0.7
    return Profile(product_id, spec, tier, attrs, scores, fit_bias)
