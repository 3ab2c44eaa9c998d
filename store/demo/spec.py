"""The shape of a demo category: the data tables that the generator interprets.

A category is data, not code: its attributes and their ranges, which attribute drives
which review aspect, which bullet features and community questions it gets. Attribute
values are written in the units a retailer would use ("dB", "min", "mm"); the record
models normalize them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

AttributeValue = float | bool | str
"""A raw attribute value as generated, before unit normalization."""

Operator = Literal["<=", ">=", "<", ">", "==", "in"]


@dataclass(frozen=True)
class Condition:
    """A test on one attribute, e.g. ``Condition("noise", "<=", 70)``."""

    attr: str
    op: Operator
    value: float | bool | str | tuple[str, ...]


@dataclass(frozen=True)
class NumberAttr:
    """A numeric attribute drawn between ``low`` and ``high``."""

    name: str
    low: float
    high: float
    unit: str | None
    step: float = 1.0
    """Values are rounded to a multiple of this."""
    tier_weight: float = 0.0
    """How strongly the price tier pulls the value up (positive) or down (negative)."""
    values: tuple[float, ...] = ()
    """When given, the value is one of these (e.g. RAM sizes) instead of a range."""


@dataclass(frozen=True)
class FlagAttr:
    """A yes/no attribute, true with probability ``p_true`` (higher for pricier items)."""

    name: str
    p_true: float
    tier_weight: float = 0.0


@dataclass(frozen=True)
class ChoiceAttr:
    """An attribute that takes one of a few labels."""

    name: str
    options: tuple[str, ...]


AttrSpec = NumberAttr | FlagAttr | ChoiceAttr


@dataclass(frozen=True)
class AspectRule:
    """Maps an attribute to a review-aspect score: -1 at ``bad``, +1 at ``good``.

    Flags count as 1 (true) or 0 (false).
    """

    aspect: str
    attr: str
    bad: float
    good: float


@dataclass(frozen=True)
class FeatureRule:
    """A bullet feature stated when ``when`` holds; ``{value}`` is the attribute."""

    when: Condition
    text: str


@dataclass(frozen=True)
class FactQuestion:
    """A community question answered from one attribute.

    ``yes`` answers are used when the attribute is true (or for numbers and labels,
    formatted with ``{value}``); ``no`` answers when a flag is false.
    """

    attr: str
    questions: tuple[str, ...]
    yes: tuple[str, ...]
    no: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompatRule:
    """The product works with ``device`` when every condition holds."""

    device: str
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class CategorySpec:
    """Everything the generator needs to invent products of one category."""

    key: str
    """Short name, also the key of category-specific review phrases."""
    prefix: str
    """Product id prefix, e.g. ``BLND`` for ``BLND-00042``."""
    path: tuple[str, ...]
    weight: float
    """Relative share of the catalog."""
    brands: tuple[str, ...]
    series: tuple[str, ...]
    nouns: tuple[str, ...]
    title_patterns: tuple[str, ...]
    """Formatted with ``brand``, ``series``, ``noun`` and the raw attribute values."""
    description: str
    price: tuple[float, float]
    attributes: tuple[AttrSpec, ...]
    aspect_rules: tuple[AspectRule, ...] = ()
    latent_aspects: tuple[str, ...] = ("durability", "value", "ease of use")
    """Aspects reviewers judge from the product's hidden quality rather than specs."""
    features: tuple[FeatureRule, ...] = ()
    questions: tuple[FactQuestion, ...] = ()
    colors: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    compatibility: tuple[CompatRule, ...] = ()
    compat_decoys: tuple[str, ...] = ()
    """Devices shoppers ask about that some products do not support."""
    return_windows: tuple[int, ...] = (30,)
    warranty_months: tuple[int, ...] = (12,)
