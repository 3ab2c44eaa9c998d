"""Demo categories for the home: vacuums, office chairs, toothbrushes, bottles, toys."""

from __future__ import annotations

from store.demo.spec import (
    AspectRule,
    AttrSpec,
    CategorySpec,
    Condition,
    FactQuestion,
    FeatureRule,
    FlagAttr,
    NumberAttr,
)

# Stick and robot vacuums share attribute names so that shoppers can compare them.
_VACUUM_FEATURES = (
    FeatureRule(Condition("suction", ">=", 1000), "{value:.0f} Pa suction"),
    FeatureRule(Condition("battery_life", ">=", 10), "Up to {value:.0f} minutes per charge"),
    FeatureRule(Condition("noise", "<=", 66), "Quiet {value:.0f} dB mode"),
    FeatureRule(Condition("bagless", "==", True), "Bagless, one-touch bin emptying"),
    FeatureRule(Condition("bin_capacity", ">=", 0.1), "{value:g} L dust bin"),
)
_VACUUM_QUESTIONS = (
    FactQuestion(
        "battery_life",
        ("How long does the battery last?", "Can it do a whole house on one charge?"),
        ("About {value:.0f} minutes on normal power, less on max.",),
    ),
    FactQuestion(
        "bagless",
        ("Does it need bags?", "Is it bagless?"),
        ("It's bagless, you just empty the bin.",),
        ("Yes, it uses disposable bags.",),
    ),
    FactQuestion(
        "noise",
        ("Is it loud?", "Will it scare my dog?"),
        ("It's rated around {value:.0f} dB.",),
    ),
)


def _vacuum_attributes(
    suction: tuple[float, float], runtime: tuple[float, float], noise: tuple[float, float]
) -> tuple[AttrSpec, ...]:
    return (
        NumberAttr("suction", suction[0], suction[1], "Pa", 100, tier_weight=0.7),
        NumberAttr("battery_life", runtime[0], runtime[1], "min", 5, tier_weight=0.5),
        NumberAttr("noise", noise[0], noise[1], "dB", 1, tier_weight=-0.3),
        FlagAttr("bagless", 0.85),
        NumberAttr("bin_capacity", 0.2, 0.8, "L", 0.05),
        NumberAttr("weight", 1.2, 4.0, "kg", 0.1, tier_weight=-0.2),
    )


STICK_VACUUMS = CategorySpec(
    key="vacuums",
    prefix="VSTK",
    path=("Home & Kitchen", "Vacuums & Floor Care", "Stick Vacuums"),
    weight=1.1,
    brands=("Dustwell", "Sweepa", "Cyclonix", "Hearth & Co"),
    series=("V-Lite", "Pet Pro", "Max", "Slim"),
    nouns=("Cordless Stick Vacuum", "Cordless Vacuum Cleaner"),
    title_patterns=("{brand} {series} {noun}, {suction:.0f}Pa, {battery_life:.0f} Min Runtime",),
    description=(
        "The {brand} {series} pulls {suction:.0f} Pa of suction and runs "
        "{battery_life:.0f} minutes per charge."
    ),
    price=(79.0, 650.0),
    attributes=_vacuum_attributes((8000, 26000), (20, 75), (64, 84)),
    aspect_rules=(
        AspectRule("battery", "battery_life", 25, 60),
        AspectRule("noise", "noise", 80, 66),
        AspectRule("performance", "suction", 9000, 22000),
        AspectRule("size & weight", "weight", 3.6, 1.6),
    ),
    features=_VACUUM_FEATURES,
    questions=_VACUUM_QUESTIONS,
    colors=("Grey", "Purple", "Blue"),
    return_windows=(30, 90),
    warranty_months=(12, 24),
)

ROBOT_VACUUMS = CategorySpec(
    key="vacuums",
    prefix="VRBT",
    path=("Home & Kitchen", "Vacuums & Floor Care", "Robot Vacuums"),
    weight=0.9,
    brands=("Dustwell", "Roverly", "Cyclonix", "Tidybot"),
    series=("S5", "Map+", "Edge", "Auto-Empty"),
    nouns=("Robot Vacuum", "Robot Vacuum and Mop"),
    title_patterns=("{brand} {series} {noun}, {suction:.0f}Pa, {battery_life:.0f} Min",),
    description=(
        "The {brand} {series} maps your home, pulls {suction:.0f} Pa and cleans for "
        "{battery_life:.0f} minutes."
    ),
    price=(119.0, 1100.0),
    attributes=_vacuum_attributes((1500, 8000), (70, 180), (55, 72)),
    aspect_rules=(
        AspectRule("battery", "battery_life", 80, 160),
        AspectRule("noise", "noise", 70, 57),
        AspectRule("performance", "suction", 2000, 6500),
    ),
    features=_VACUUM_FEATURES,
    questions=_VACUUM_QUESTIONS,
    colors=("Black", "White"),
    return_windows=(30, 90),
    warranty_months=(12,),
)

OFFICE_CHAIRS = CategorySpec(
    key="chairs",
    prefix="CHAR",
    path=("Office Products", "Office Furniture", "Office Chairs"),
    weight=0.9,
    brands=("Sitwell", "Posturo", "Ergonest", "Ferro & Oak"),
    series=("Mesh Pro", "Executive", "Task", "Gaming"),
    nouns=("Ergonomic Office Chair", "Desk Chair", "Office Chair"),
    title_patterns=("{brand} {series} {noun} with Adjustable Arms",),
    description="The {brand} {series} supports up to {max_load:.0f} kg.",
    price=(89.0, 1200.0),
    attributes=(
        FlagAttr("lumbar_support", 0.7, tier_weight=0.6),
        NumberAttr("max_load", 100, 180, "kg", 10, tier_weight=0.5),
        FlagAttr("adjustable_armrests", 0.75, tier_weight=0.5),
        NumberAttr("weight", 12, 25, "kg", 0.5),
    ),
    aspect_rules=(AspectRule("comfort", "lumbar_support", 0, 1),),
    latent_aspects=("durability", "value", "ease of use", "comfort"),
    features=(
        FeatureRule(Condition("lumbar_support", "==", True), "Adjustable lumbar support"),
        FeatureRule(Condition("max_load", ">=", 100), "Supports up to {value:.0f} kg"),
        FeatureRule(Condition("adjustable_armrests", "==", True), "4D adjustable armrests"),
    ),
    questions=(
        FactQuestion(
            "lumbar_support",
            ("Does it have lumbar support?",),
            ("Yes, the lumbar pad adjusts up and down.",),
            ("No, there is no separate lumbar support.",),
        ),
        FactQuestion(
            "max_load", ("What is the weight limit?",), ("It is rated for {value:.0f} kg.",)
        ),
    ),
    colors=("Black", "Grey"),
    return_windows=(30, 90),
    warranty_months=(12, 60, 144),
)

TOOTHBRUSHES = CategorySpec(
    key="toothbrushes",
    prefix="TBRS",
    path=("Health & Household", "Oral Care", "Electric Toothbrushes"),
    weight=0.8,
    brands=("Brightsmile", "Dentiva", "Orabell"),
    series=("Sonic 3", "Clean Pro", "Travel", "Kids"),
    nouns=("Electric Toothbrush", "Sonic Toothbrush"),
    title_patterns=("{brand} {series} {noun}, {modes:.0f} Modes, {battery_days:.0f}-Day Battery",),
    description="{modes:.0f} brushing modes and {battery_days:.0f} days per charge.",
    price=(19.0, 230.0),
    attributes=(
        NumberAttr("battery_days", 10, 60, "days", 5, tier_weight=0.4),
        NumberAttr("modes", 1, 6, None, 1, tier_weight=0.6),
        NumberAttr("noise", 45, 70, "dB", 1),
        FlagAttr("pressure_sensor", 0.5, tier_weight=0.8),
    ),
    aspect_rules=(
        AspectRule("battery", "battery_days", 12, 45),
        AspectRule("noise", "noise", 68, 50),
    ),
    latent_aspects=("performance", "durability", "value"),
    features=(
        FeatureRule(Condition("battery_days", ">=", 10), "{value:.0f} days per charge"),
        FeatureRule(Condition("pressure_sensor", "==", True), "Pressure sensor protects gums"),
        FeatureRule(Condition("modes", ">=", 2), "{value:.0f} cleaning modes"),
    ),
    questions=(
        FactQuestion(
            "battery_days",
            ("How long does a charge last?",),
            ("About {value:.0f} days brushing twice a day.",),
        ),
        FactQuestion(
            "pressure_sensor",
            ("Does it warn you when you press too hard?",),
            ("Yes, a light comes on when you press too hard.",),
            ("No, it has no pressure sensor.",),
        ),
    ),
    colors=("White", "Black", "Pink"),
    return_windows=(30,),
    warranty_months=(24,),
)

WATER_BOTTLES = CategorySpec(
    key="bottles",
    prefix="BOTL",
    path=("Sports & Outdoors", "Hydration", "Water Bottles"),
    weight=0.9,
    brands=("Hydrova", "Trailcup", "Coldkeep"),
    series=("Summit", "Daily", "Kids", "Flip"),
    nouns=("Insulated Water Bottle", "Stainless Steel Bottle"),
    title_patterns=("{brand} {series} {noun}, {capacity:.0f} ml",),
    description="Keeps drinks cold for {cold_hours:.0f} hours in {capacity:.0f} ml.",
    price=(9.0, 55.0),
    attributes=(
        NumberAttr("capacity", 350, 1200, "ml", 50),
        NumberAttr("cold_hours", 6, 36, "h", 2, tier_weight=0.6),
        FlagAttr("dishwasher_safe", 0.55),
        FlagAttr("leakproof", 0.8, tier_weight=0.4),
        NumberAttr("weight", 0.2, 0.6, "kg", 0.01),
    ),
    aspect_rules=(
        AspectRule("cleaning", "dishwasher_safe", 0, 1),
        AspectRule("performance", "cold_hours", 8, 28),
    ),
    latent_aspects=("durability", "value"),
    features=(
        FeatureRule(Condition("cold_hours", ">=", 6), "Keeps drinks cold for {value:.0f} h"),
        FeatureRule(Condition("dishwasher_safe", "==", True), "Dishwasher safe"),
        FeatureRule(Condition("leakproof", "==", True), "Leakproof lid"),
    ),
    questions=(
        FactQuestion(
            "dishwasher_safe",
            ("Is it dishwasher safe?",),
            ("Yes, top rack, lid included.",),
            ("No, hand wash only.",),
        ),
        FactQuestion(
            "leakproof",
            ("Does it leak in a bag?",),
            ("No leaks at all, the lid seals tight.",),
            ("It can leak if tipped over, it isn't leakproof.",),
        ),
    ),
    colors=("Black", "White", "Sky Blue", "Sage", "Coral"),
    return_windows=(30, 90),
    warranty_months=(12, 1200),
)

BUILDING_SETS = CategorySpec(
    key="toys",
    prefix="TOYS",
    path=("Toys & Games", "Building Toys", "Building Sets"),
    weight=1.0,
    brands=("Brickory", "Blockwell", "Buildabit"),
    series=("City", "Space", "Castle", "Technic-style", "Friends"),
    nouns=("Building Set", "Building Kit"),
    title_patterns=("{brand} {series} {noun}, {pieces:.0f} Pieces, Ages {min_age:.0f}+",),
    description="{pieces:.0f} pieces for builders aged {min_age:.0f} and up.",
    price=(9.0, 350.0),
    attributes=(
        NumberAttr("pieces", 80, 3500, None, 10, tier_weight=0.9),
        NumberAttr("min_age", 4, 16, "years", 1, tier_weight=0.5),
        NumberAttr("max_age", 99, 99, "years", 1),
        NumberAttr("build_time", 0.5, 12, "h", 0.5, tier_weight=0.8),
    ),
    aspect_rules=(),
    latent_aspects=("ease of use", "value", "durability"),
    features=(
        FeatureRule(Condition("pieces", ">=", 80), "{value:.0f} pieces"),
        FeatureRule(Condition("min_age", ">=", 4), "For ages {value:.0f}+"),
        FeatureRule(Condition("build_time", ">=", 0.5), "About {value:g} hours to build"),
    ),
    questions=(
        FactQuestion(
            "min_age",
            ("What age is it for?", "Is it OK for a 6 year old?"),
            ("The box says ages {value:.0f} and up.",),
        ),
        FactQuestion("pieces", ("How many pieces?",), ("{value:.0f} pieces.",)),
    ),
    return_windows=(30, 90),
    warranty_months=(0,),
)
