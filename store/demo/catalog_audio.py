"""Demo categories for audio: over-ear headphones, earbuds, bluetooth speakers."""

from __future__ import annotations

from store.demo.spec import (
    AspectRule,
    CategorySpec,
    CompatRule,
    Condition,
    FactQuestion,
    FeatureRule,
    FlagAttr,
    NumberAttr,
)

_BATTERY_Q = FactQuestion(
    "battery_life",
    ("How long does the battery last?", "What is the real battery life?"),
    (
        "I get about {value:.0f} hours per charge, close to the rated figure.",
        "Rated for {value:.0f} hours and that matches my use.",
    ),
)

_PHONES = (
    CompatRule("iPhone 15", ()),
    CompatRule("Android phones", ()),
    CompatRule("Windows laptops", ()),
)

OVER_EAR = CategorySpec(
    key="headphones",
    prefix="HDPH",
    path=("Electronics", "Headphones", "Over-Ear Headphones"),
    weight=1.4,
    brands=("Sonavik", "Auralis", "Hushwave", "Kestrel Audio", "Northtone"),
    series=("Voyager", "Studio", "Air", "Q", "Traveler"),
    nouns=("Over-Ear Headphones", "Headphones", "Studio Headphones"),
    title_patterns=(
        "{brand} {series} {noun}, {battery_life:.0f}H Playtime",
        "{brand} {series} {noun} with Mic",
    ),
    description=(
        "The {brand} {series} plays for up to {battery_life:.0f} hours and weighs {weight:g} kg."
    ),
    price=(25.0, 450.0),
    attributes=(
        FlagAttr("noise_cancelling", 0.55, tier_weight=0.8),
        NumberAttr("battery_life", 8, 60, "h", 1, tier_weight=0.4),
        NumberAttr("weight", 0.2, 0.38, "kg", 0.01, tier_weight=-0.3),
        FlagAttr("wireless", 0.93, tier_weight=0.1),
        NumberAttr("driver_size", 30, 50, "mm", 2, tier_weight=0.4),
    ),
    aspect_rules=(
        AspectRule("noise cancelling", "noise_cancelling", 0, 1),
        AspectRule("battery", "battery_life", 12, 40),
        AspectRule("comfort", "weight", 0.36, 0.24),
        AspectRule("sound", "driver_size", 30, 50),
    ),
    latent_aspects=("durability", "value", "comfort"),
    features=(
        FeatureRule(Condition("noise_cancelling", "==", True), "Active noise cancelling"),
        FeatureRule(Condition("battery_life", ">=", 30), "Up to {value:.0f} hours of playback"),
        FeatureRule(Condition("battery_life", "<", 30), "{value:.0f}-hour battery"),
        FeatureRule(Condition("weight", "<=", 0.26), "Lightweight at {value:g} kg"),
        FeatureRule(Condition("wireless", "==", True), "Bluetooth 5.3 with multipoint"),
        FeatureRule(Condition("driver_size", ">=", 40), "{value:.0f} mm dynamic drivers"),
    ),
    questions=(
        _BATTERY_Q,
        FactQuestion(
            "noise_cancelling",
            ("Do these have active noise cancelling?", "Are they good for blocking plane noise?"),
            ("Yes, they have ANC and it blocks out engine drone well.",),
            ("No, there is no active noise cancelling, only passive isolation.",),
        ),
        FactQuestion(
            "wireless",
            ("Are these wireless?",),
            ("Yes, they connect over Bluetooth.",),
            ("No, they are wired with a 3.5 mm cable.",),
        ),
    ),
    colors=("Black", "Silver", "Midnight Blue", "Sand"),
    compatibility=_PHONES,
    return_windows=(30, 30, 15),
    warranty_months=(12, 24),
)

EARBUDS = CategorySpec(
    key="earbuds",
    prefix="EARB",
    path=("Electronics", "Headphones", "In-Ear Headphones"),
    weight=1.1,
    brands=("Sonavik", "Pebblebud", "Auralis", "Kestrel Audio"),
    series=("Buds", "Pods Pro", "Sport", "Mini"),
    nouns=("True Wireless Earbuds", "Wireless Earbuds", "In-Ear Headphones"),
    title_patterns=("{brand} {series} {noun}, {battery_life:.0f}H Battery, IPX{water_rating:.0f}",),
    description=(
        "Pocketable {brand} {series} earbuds with {battery_life:.0f} hours per charge and "
        "an IPX{water_rating:.0f} rating."
    ),
    price=(15.0, 280.0),
    attributes=(
        FlagAttr("noise_cancelling", 0.5, tier_weight=0.8),
        NumberAttr("battery_life", 4, 11, "h", 0.5, tier_weight=0.4),
        NumberAttr("water_rating", 2, 7, None, 1, tier_weight=0.3),
        NumberAttr("weight", 0.004, 0.008, "kg", 0.001),
        FlagAttr("wireless_charging_case", 0.4, tier_weight=0.6),
    ),
    aspect_rules=(
        AspectRule("noise cancelling", "noise_cancelling", 0, 1),
        AspectRule("battery", "battery_life", 4.5, 9),
    ),
    latent_aspects=("sound", "comfort", "durability", "value"),
    features=(
        FeatureRule(Condition("noise_cancelling", "==", True), "Active noise cancelling"),
        FeatureRule(Condition("battery_life", ">=", 4), "{value:g} h per charge"),
        FeatureRule(Condition("water_rating", ">=", 4), "IPX{value:.0f} sweat resistant"),
        FeatureRule(Condition("wireless_charging_case", "==", True), "Wireless charging case"),
    ),
    questions=(
        _BATTERY_Q,
        FactQuestion(
            "water_rating",
            ("Can I wear them running in the rain?", "Are they waterproof?"),
            ("They are rated IPX{value:.0f}.",),
        ),
        FactQuestion(
            "wireless_charging_case",
            ("Does the case charge wirelessly?",),
            ("Yes, it works on any Qi pad.",),
            ("No, the case charges over USB-C only.",),
        ),
    ),
    colors=("Black", "White", "Navy"),
    compatibility=_PHONES,
    return_windows=(30, 15),
    warranty_months=(12,),
)

SPEAKERS = CategorySpec(
    key="speakers",
    prefix="SPKR",
    path=("Electronics", "Portable Audio & Video", "Bluetooth Speakers"),
    weight=1.0,
    brands=("Boomlet", "Northtone", "Sonavik", "Tidewave"),
    series=("Go", "Party", "Flip", "Rock", "Mini"),
    nouns=("Portable Bluetooth Speaker", "Waterproof Speaker", "Wireless Speaker"),
    title_patterns=("{brand} {series} {noun}, {output_power:.0f}W, {battery_life:.0f}H Play",),
    description=(
        "Take the {brand} {series} anywhere: {output_power:.0f} W of sound and "
        "{battery_life:.0f} hours of play."
    ),
    price=(19.0, 380.0),
    attributes=(
        NumberAttr("output_power", 5, 60, "W", 1, tier_weight=0.8),
        NumberAttr("battery_life", 6, 30, "h", 1, tier_weight=0.4),
        FlagAttr("waterproof", 0.6, tier_weight=0.4),
        NumberAttr("weight", 0.3, 2.5, "kg", 0.05, tier_weight=0.6),
    ),
    aspect_rules=(
        AspectRule("sound", "output_power", 6, 40),
        AspectRule("battery", "battery_life", 7, 22),
        AspectRule("size & weight", "weight", 2.2, 0.5),
    ),
    latent_aspects=("durability", "value"),
    features=(
        FeatureRule(Condition("output_power", ">=", 5), "{value:.0f} W room-filling sound"),
        FeatureRule(Condition("battery_life", ">=", 6), "{value:.0f} hours of playtime"),
        FeatureRule(Condition("waterproof", "==", True), "IP67 waterproof and dustproof"),
    ),
    questions=(
        _BATTERY_Q,
        FactQuestion(
            "waterproof",
            ("Is it waterproof?", "Can I use it by the pool?"),
            ("Yes, it is IP67; mine survived a dunk in the pool.",),
            ("No, it's only splash resistant, keep it away from the pool.",),
        ),
    ),
    colors=("Black", "Blue", "Red", "Teal"),
    compatibility=_PHONES,
    return_windows=(30,),
    warranty_months=(12, 24),
)
