"""Turn a demo product's profile into its catalog record: title, features, variants."""

from __future__ import annotations

import random
import re

from store.demo.profile import Profile, holds
from store.demo.spec import AttributeValue, CategorySpec, NumberAttr
from store.records import Link, OfferFields, Policies, ProductRecord, Variant
from store.units import Attribute, normalize_attribute

STORE_URL = "https://demo.shopgraph.example"


def product_id(prefix: str, number: int, width: int) -> str:
    """Return an id like ``BLND-00042``."""
    return f"{prefix}-{number:0{width}d}"


def _attributes(spec: CategorySpec, attrs: dict[str, AttributeValue]) -> dict[str, Attribute]:
    """Normalize the raw values, as a feed loader would ("45 min" becomes 0.75 h)."""
    units = {a.name: a.unit for a in spec.attributes if isinstance(a, NumberAttr)}
    return {
        name: normalize_attribute(name, {"value": value, "unit": units[name]})
        if units.get(name)
        else normalize_attribute(name, value)
        for name, value in attrs.items()
    }


def features(profile: Profile) -> list[str]:
    """Bullet features that are true of the product's attributes."""
    return [
        rule.text.format(value=profile.attrs[rule.when.attr])
        for rule in profile.spec.features
        if holds(rule.when, profile.attrs)
    ]


def compatibility(profile: Profile) -> list[str]:
    """Devices the product works with, per the category's compatibility rules."""
    return [
        rule.device
        for rule in profile.spec.compatibility
        if all(holds(condition, profile.attrs) for condition in rule.conditions)
    ]


def _slug(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "-", label).strip("-").upper()


def _variants(rng: random.Random, profile: Profile) -> list[Variant]:
    spec = profile.spec
    colors = (
        rng.sample(spec.colors, k=rng.randint(1, min(3, len(spec.colors)))) if spec.colors else []
    )
    sizes = list(spec.sizes)
    if len(sizes) > 8:  # shoes: most models skip the extreme sizes
        start = rng.randint(0, 2)
        sizes = sizes[start : len(sizes) - rng.randint(0, 2)]
    if len(colors) <= 1 and not sizes:
        return []
    variants = []
    for color in colors or [""]:
        for size in sizes or [""]:
            labels = {k: v for k, v in (("color", color), ("size", size)) if v}
            sku = "-".join([profile.id, *(_slug(v) for v in labels.values())])
            variants.append(Variant(sku=sku, attributes=labels, in_stock=rng.random() > 0.12))
    return variants


def _policy_sentence(policies: Policies) -> str:
    months = policies.warranty_months or 0
    warranty = (
        "a lifetime warranty"
        if months >= 1200
        else f"a {months}-month warranty"
        if months
        else "no manufacturer warranty"
    )
    return f"Ships with {warranty} and a {policies.return_window_days}-day return window."


def _title_values(profile: Profile, brand: str, series: str, noun: str) -> dict[str, object]:
    return {"brand": brand, "series": series, "noun": noun, **profile.attrs}


def build_product(rng: random.Random, profile: Profile, offer: OfferFields) -> ProductRecord:
    """Return the catalog record of ``profile`` with its inline ``offer``."""
    spec = profile.spec
    brand, series = rng.choice(spec.brands), rng.choice(spec.series)
    values = _title_values(profile, brand, series, rng.choice(spec.nouns))
    bullets = features(profile)
    policies = Policies(
        return_window_days=rng.choice(spec.return_windows),
        warranty_months=rng.choice(spec.warranty_months),
    )
    description = f"{spec.description.format(**values)} {_policy_sentence(policies)}"
    return ProductRecord(
        id=profile.id,
        title=rng.choice(spec.title_patterns).format(**values),
        brand=brand,
        category=list(spec.path),
        description=description,
        features=bullets,
        attributes=_attributes(spec, profile.attrs),
        variants=_variants(rng, profile),
        compatibility=compatibility(profile),
        links=[
            Link(rel="product_page", url=f"{STORE_URL}/p/{profile.id}"),
            Link(rel="image", url=f"{STORE_URL}/img/{profile.id}.jpg"),
        ],
        policies=policies,
        offer=offer,
    )
