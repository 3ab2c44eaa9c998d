"""Demo categories for the kitchen: blenders, coffee machines, air fryers, knives."""

from __future__ import annotations

from store.demo.spec import (
    AspectRule,
    CategorySpec,
    Condition,
    FactQuestion,
    FeatureRule,
    FlagAttr,
    NumberAttr,
)

_DISHWASHER_Q = FactQuestion(
    "dishwasher_safe",
    ("Is the jar dishwasher safe?", "Can I put the container in the dishwasher?"),
    (
        "Yes, the jar and blade assembly go in the top rack.",
        "Yes. I run mine through the dishwasher every day and it comes out spotless.",
    ),
    (
        "No, the manual says hand wash only.",
        "No, it is hand wash only. A drop of soap and a quick blend with warm water helps.",
    ),
)

BLENDERS = CategorySpec(
    key="blenders",
    prefix="BLND",
    path=("Home & Kitchen", "Kitchen Appliances", "Blenders"),
    weight=1.7,
    brands=("Blendova", "Kitchora", "Quillmix", "Tessaro", "Arden & Finch", "Norvik Home"),
    series=("ProBlend", "Silk", "Vortex", "QuietPro", "Pulse", "Everyday"),
    nouns=("Countertop Blender", "Blender", "Smoothie Blender", "High-Speed Blender"),
    title_patterns=(
        "{brand} {series} {noun}, {power:.0f}W, {jar_capacity:g}L Jar",
        "{brand} {noun} {series} with {jar_capacity:g} L Pitcher, {power:.0f} W",
    ),
    description=(
        "The {brand} {series} blends smoothies, soups and frozen drinks with a "
        "{power:.0f} W motor and a {jar_capacity:g} L jar."
    ),
    price=(35.0, 320.0),
    attributes=(
        NumberAttr("noise", 58, 92, "dB", 1, tier_weight=-0.25),
        NumberAttr("power", 500, 1600, "W", 50, tier_weight=0.6),
        NumberAttr("jar_capacity", 0.6, 2.0, "L", 0.1, tier_weight=0.3),
        FlagAttr("dishwasher_safe", 0.68),
        NumberAttr("weight", 2.2, 6.5, "kg", 0.1, tier_weight=0.3),
        NumberAttr("speeds", 2, 10, None, 1, tier_weight=0.5),
    ),
    aspect_rules=(
        AspectRule("noise", "noise", 88, 62),
        AspectRule("cleaning", "dishwasher_safe", 0, 1),
        AspectRule("performance", "power", 600, 1500),
        AspectRule("size & weight", "weight", 6.0, 2.5),
    ),
    features=(
        FeatureRule(Condition("noise", "<=", 70), "Quiet operation at {value:.0f} dB"),
        FeatureRule(Condition("dishwasher_safe", "==", True), "Dishwasher-safe jar and blades"),
        FeatureRule(Condition("power", ">=", 1000), "{value:.0f} W motor crushes ice in seconds"),
        FeatureRule(Condition("power", "<=", 950), "{value:.0f} W motor for smoothies and shakes"),
        FeatureRule(Condition("jar_capacity", ">=", 0.6), "{value:g} L BPA-free jar"),
        FeatureRule(Condition("speeds", ">=", 2), "{value:.0f} speeds plus pulse"),
    ),
    questions=(
        _DISHWASHER_Q,
        FactQuestion(
            "noise",
            ("How loud is it?", "Is it quiet enough to use early in the morning?"),
            (
                "The spec sheet says about {value:.0f} dB at full speed.",
                "It measures around {value:.0f} dB on high.",
            ),
        ),
        FactQuestion(
            "power",
            ("Can it crush ice?", "How powerful is the motor?"),
            ("It has a {value:.0f} W motor.", "The motor is rated at {value:.0f} watts."),
        ),
        FactQuestion(
            "jar_capacity",
            ("How big is the jar?",),
            ("The jar holds {value:g} liters.",),
        ),
    ),
    colors=("Black", "Silver", "White", "Red"),
    return_windows=(30, 30, 90, 15),
    warranty_months=(12, 24, 60, 84),
)

COFFEE_MACHINES = CategorySpec(
    key="coffee",
    prefix="COFF",
    path=("Home & Kitchen", "Kitchen Appliances", "Coffee & Espresso Machines"),
    weight=1.1,
    brands=("Crema Lane", "Brewhaus", "Morrow & Bean", "Kafeo", "Tessaro"),
    series=("Barista One", "Morning", "Duo", "Lungo", "Classic"),
    nouns=("Espresso Machine", "Drip Coffee Maker", "Coffee & Espresso Machine"),
    title_patterns=(
        "{brand} {series} {noun}, {pressure:.0f} Bar, {water_tank:g}L Tank",
        "{brand} {noun} {series} with Milk Frother",
    ),
    description=(
        "Pull café-style shots at home: the {brand} {series} builds {pressure:.0f} bar of "
        "pressure and holds {water_tank:g} L of water."
    ),
    price=(49.0, 899.0),
    attributes=(
        NumberAttr("pressure", 9, 20, "bar", 1, tier_weight=0.4),
        NumberAttr("water_tank", 0.8, 2.5, "L", 0.1, tier_weight=0.4),
        NumberAttr("heat_up_time", 25, 240, "s", 5, tier_weight=-0.6),
        NumberAttr("noise", 55, 80, "dB", 1, tier_weight=-0.3),
        FlagAttr("milk_frother", 0.6, tier_weight=0.4),
        FlagAttr("dishwasher_safe", 0.5),
        FlagAttr("built_in_grinder", 0.25, tier_weight=0.8),
    ),
    aspect_rules=(
        AspectRule("performance", "heat_up_time", 200, 40),
        AspectRule("noise", "noise", 78, 58),
        AspectRule("cleaning", "dishwasher_safe", 0, 1),
    ),
    features=(
        FeatureRule(Condition("pressure", ">=", 9), "{value:.0f}-bar pump for rich crema"),
        FeatureRule(Condition("heat_up_time", "<=", 60), "Ready to brew in {value:.0f} seconds"),
        FeatureRule(Condition("milk_frother", "==", True), "Steam wand froths milk for lattes"),
        FeatureRule(Condition("built_in_grinder", "==", True), "Built-in conical burr grinder"),
        FeatureRule(Condition("dishwasher_safe", "==", True), "Dishwasher-safe drip tray"),
        FeatureRule(Condition("water_tank", ">=", 0.8), "Removable {value:g} L water tank"),
    ),
    questions=(
        FactQuestion(
            "milk_frother",
            ("Does it have a milk frother?", "Can I make lattes with it?"),
            ("Yes, it has a steam wand that froths milk nicely.",),
            ("No, there is no frother; you would need a separate one.",),
        ),
        FactQuestion(
            "built_in_grinder",
            ("Does it grind beans?",),
            ("Yes, there's a built-in burr grinder.",),
            ("No, you need pre-ground coffee or a separate grinder.",),
        ),
        FactQuestion(
            "heat_up_time",
            ("How long does it take to heat up?",),
            ("About {value:.0f} seconds from cold in my kitchen.",),
        ),
        FactQuestion(
            "dishwasher_safe",
            ("Are the parts dishwasher safe?",),
            ("Yes, the drip tray and portafilter basket go in the dishwasher.",),
            ("No, everything is hand wash only.",),
        ),
    ),
    colors=("Black", "Stainless Steel", "Cream"),
    return_windows=(30, 30, 90),
    warranty_months=(12, 24),
)

AIR_FRYERS = CategorySpec(
    key="air_fryers",
    prefix="AIRF",
    path=("Home & Kitchen", "Kitchen Appliances", "Air Fryers"),
    weight=1.0,
    brands=("Crispwell", "Kitchora", "Fryday", "Hearth & Co", "Ovenly"),
    series=("Max", "Duo Basket", "Compact", "XL", "Smart"),
    nouns=("Air Fryer", "Air Fryer Oven", "Dual-Basket Air Fryer"),
    title_patterns=(
        "{brand} {series} {noun}, {capacity:g} Qt, {power:.0f}W",
        "{brand} {capacity:g}-Quart {noun} {series}",
    ),
    description=(
        "Crisp fries and wings with little oil: the {brand} {series} has a {capacity:g} qt "
        "basket and a {power:.0f} W heater."
    ),
    price=(45.0, 260.0),
    attributes=(
        NumberAttr("capacity", 2, 10, "qt", 0.5, tier_weight=0.5),
        NumberAttr("power", 1000, 1800, "W", 50, tier_weight=0.5),
        NumberAttr("noise", 50, 68, "dB", 1),
        FlagAttr("dishwasher_safe", 0.75),
        NumberAttr("max_temperature", 180, 230, "°C", 5, tier_weight=0.3),
        NumberAttr("weight", 3.0, 9.0, "kg", 0.1, tier_weight=0.4),
    ),
    aspect_rules=(
        AspectRule("cleaning", "dishwasher_safe", 0, 1),
        AspectRule("performance", "power", 1100, 1700),
        AspectRule("size & weight", "weight", 8.5, 3.5),
    ),
    features=(
        FeatureRule(Condition("capacity", ">=", 2), "{value:g}-quart basket"),
        FeatureRule(Condition("dishwasher_safe", "==", True), "Nonstick, dishwasher-safe basket"),
        FeatureRule(Condition("max_temperature", ">=", 180), "Cooks up to {value:.0f} °C"),
        FeatureRule(Condition("power", ">=", 1500), "{value:.0f} W for fast, even crisping"),
    ),
    questions=(
        FactQuestion(
            "dishwasher_safe",
            ("Is the basket dishwasher safe?",),
            ("Yes, the basket and crisper plate are dishwasher safe.",),
            ("No, hand wash the basket to protect the coating.",),
        ),
        FactQuestion(
            "capacity",
            ("How much food fits in it?", "Is it big enough for a family of four?"),
            ("The basket is {value:g} quarts.",),
        ),
    ),
    colors=("Black", "White", "Sage Green"),
    return_windows=(30, 90),
    warranty_months=(12, 24),
)

KNIVES = CategorySpec(
    key="knives",
    prefix="KNIF",
    path=("Home & Kitchen", "Cutlery & Knife Accessories", "Chef's Knives"),
    weight=0.8,
    brands=("Edgewright", "Hoshiba", "Ferro & Oak", "Kitchora"),
    series=("Pro", "Damascus", "Classic", "Santoku"),
    nouns=("Chef's Knife", "Chef Knife", "Kitchen Knife"),
    title_patterns=("{brand} {series} {blade_length:.0f}-inch {noun}",),
    description="This {blade_length:.0f}-inch {series} blade is hardened to {hardness:.0f} HRC.",
    price=(18.0, 240.0),
    attributes=(
        NumberAttr("blade_length", 6, 10, "in", 1),
        NumberAttr("hardness", 54, 62, "HRC", 1, tier_weight=0.7),
        NumberAttr("weight", 0.12, 0.32, "kg", 0.01),
        FlagAttr("dishwasher_safe", 0.15),
    ),
    aspect_rules=(
        AspectRule("performance", "hardness", 54, 61),
        AspectRule("durability", "hardness", 54, 60),
        AspectRule("cleaning", "dishwasher_safe", 0, 1),
    ),
    latent_aspects=("value", "comfort"),
    features=(
        FeatureRule(Condition("hardness", ">=", 58), "High-carbon steel, {value:.0f} HRC"),
        FeatureRule(Condition("blade_length", ">=", 6), "{value:.0f}-inch blade"),
        FeatureRule(Condition("dishwasher_safe", "==", False), "Hand wash to keep the edge"),
    ),
    questions=(
        FactQuestion(
            "dishwasher_safe",
            ("Can it go in the dishwasher?",),
            ("Yes, it is rated dishwasher safe, though hand washing keeps it sharper.",),
            ("No, hand wash only. The dishwasher will dull and spot it.",),
        ),
    ),
    return_windows=(30, 90),
    warranty_months=(12, 120, 1200),
)
