"""Demo categories for devices: smartwatches, laptops, tablets, TVs, phone chargers."""

from __future__ import annotations

from store.demo.spec import (
    AspectRule,
    CategorySpec,
    ChoiceAttr,
    CompatRule,
    Condition,
    FactQuestion,
    FeatureRule,
    FlagAttr,
    NumberAttr,
)

SMARTWATCHES = CategorySpec(
    key="smartwatches",
    prefix="WTCH",
    path=("Electronics", "Wearable Technology", "Smartwatches & Fitness Trackers"),
    weight=1.1,
    brands=("Pulsewise", "Stridely", "Orbita", "Kestrel Fit"),
    series=("Active", "Run", "Band", "Pro", "Lite"),
    nouns=("Smartwatch", "Fitness Tracker", "GPS Running Watch"),
    title_patterns=("{brand} {series} {noun}, {battery_days:.0f}-Day Battery, {platform}",),
    description=(
        "Track runs, sleep and heart rate with the {brand} {series}; the battery lasts up "
        "to {battery_days:.0f} days."
    ),
    price=(29.0, 499.0),
    attributes=(
        NumberAttr("battery_days", 1, 21, "days", 1, tier_weight=0.2),
        FlagAttr("gps", 0.6, tier_weight=0.8),
        FlagAttr("heart_rate", 0.92),
        NumberAttr("water_resistance", 30, 100, "m", 20, tier_weight=0.4),
        NumberAttr("weight", 0.025, 0.07, "kg", 0.001, tier_weight=0.3),
        ChoiceAttr("platform", ("iOS & Android", "iOS & Android", "Android only")),
    ),
    aspect_rules=(
        AspectRule("battery", "battery_days", 1, 12),
        AspectRule("comfort", "weight", 0.065, 0.03),
    ),
    latent_aspects=("screen", "performance", "ease of use", "value", "durability"),
    features=(
        FeatureRule(Condition("battery_days", ">=", 1), "Up to {value:.0f} days of battery"),
        FeatureRule(Condition("gps", "==", True), "Built-in GPS, no phone needed on runs"),
        FeatureRule(Condition("heart_rate", "==", True), "24/7 heart-rate and sleep tracking"),
        FeatureRule(Condition("water_resistance", ">=", 50), "Swim-proof to {value:.0f} m"),
    ),
    questions=(
        FactQuestion(
            "battery_days",
            ("How long does the battery last?", "How often do you need to charge it?"),
            ("About {value:.0f} days with normal use and notifications on.",),
        ),
        FactQuestion(
            "gps",
            ("Does it have built-in GPS?", "Can I leave my phone at home on runs?"),
            ("Yes, it has its own GPS.",),
            ("No, it uses your phone's GPS.",),
        ),
        FactQuestion(
            "platform",
            ("Which phones does it work with?",),
            ("It supports {value}.",),
        ),
    ),
    colors=("Black", "Rose Gold", "Silver", "Olive"),
    compatibility=(
        CompatRule("iPhone 15", (Condition("platform", "==", "iOS & Android"),)),
        CompatRule("Android phones", ()),
    ),
    compat_decoys=("iPhone 15",),
    return_windows=(30, 15),
    warranty_months=(12, 24),
)

LAPTOPS = CategorySpec(
    key="laptops",
    prefix="LAPT",
    path=("Electronics", "Computers", "Laptops"),
    weight=1.1,
    brands=("Corvana", "Lumetra", "Bytewise", "Northwind Computing"),
    series=("Air", "Pro", "Book", "Flex", "Creator"),
    nouns=("Laptop", "Thin & Light Laptop", "2-in-1 Laptop"),
    title_patterns=(
        '{brand} {series} {screen_size:g}" {noun}, {ram:.0f}GB RAM, {storage:.0f}GB SSD',
    ),
    description=(
        "A {screen_size:g}-inch {brand} {series} with {ram:.0f} GB of memory, "
        "{storage:.0f} GB of storage and up to {battery_life:.0f} hours of battery."
    ),
    price=(279.0, 2400.0),
    attributes=(
        NumberAttr("screen_size", 13, 16, "in", values=(13.3, 14, 15.6, 16)),
        NumberAttr("ram", 8, 32, "GB", tier_weight=0.9, values=(8, 16, 32)),
        NumberAttr("storage", 256, 2048, "GB", tier_weight=0.8, values=(256, 512, 1024, 2048)),
        NumberAttr("battery_life", 5, 20, "h", 1, tier_weight=0.5),
        NumberAttr("weight", 1.0, 2.5, "kg", 0.05, tier_weight=-0.5),
        ChoiceAttr("os", ("Windows 11", "Windows 11", "ChromeOS", "Linux")),
    ),
    aspect_rules=(
        AspectRule("performance", "ram", 8, 32),
        AspectRule("battery", "battery_life", 6, 16),
        AspectRule("size & weight", "weight", 2.3, 1.2),
    ),
    latent_aspects=("screen", "durability", "value", "noise"),
    features=(
        FeatureRule(Condition("ram", ">=", 8), "{value:.0f} GB RAM for smooth multitasking"),
        FeatureRule(Condition("battery_life", ">=", 10), "All-day battery, up to {value:.0f} h"),
        FeatureRule(Condition("weight", "<=", 1.4), "Just {value:g} kg"),
        FeatureRule(Condition("storage", ">=", 256), "{value:.0f} GB NVMe SSD"),
    ),
    questions=(
        FactQuestion(
            "battery_life",
            ("How long does the battery really last?",),
            ("I get around {value:.0f} hours of browsing and documents.",),
        ),
        FactQuestion(
            "ram",
            ("Can the RAM be upgraded?", "How much memory does it have?"),
            ("It ships with {value:.0f} GB, soldered to the board.",),
        ),
        FactQuestion("os", ("What operating system does it come with?",), ("{value}.",)),
    ),
    colors=("Space Grey", "Silver"),
    return_windows=(15, 30),
    warranty_months=(12, 24, 36),
)

TABLETS = CategorySpec(
    key="tablets",
    prefix="TABL",
    path=("Electronics", "Computers", "Tablets"),
    weight=0.9,
    brands=("Lumetra", "Corvana", "Slatewise"),
    series=("Tab", "Pad", "Slate", "Kids"),
    nouns=("Tablet", "Android Tablet"),
    title_patterns=("{brand} {series} {screen_size:g}-inch {noun}, {storage:.0f}GB",),
    description="A {screen_size:g}-inch {brand} {series} tablet with {storage:.0f} GB.",
    price=(69.0, 899.0),
    attributes=(
        NumberAttr("screen_size", 8, 13, "in", values=(8.7, 10.1, 11, 12.4)),
        NumberAttr("storage", 64, 512, "GB", tier_weight=0.8, values=(64, 128, 256, 512)),
        NumberAttr("battery_life", 7, 15, "h", 1, tier_weight=0.4),
        NumberAttr("weight", 0.3, 0.7, "kg", 0.01),
        FlagAttr("stylus_support", 0.45, tier_weight=0.7),
    ),
    aspect_rules=(
        AspectRule("battery", "battery_life", 7.5, 13),
        AspectRule("performance", "storage", 64, 512),
    ),
    latent_aspects=("screen", "value", "ease of use", "durability"),
    features=(
        FeatureRule(Condition("screen_size", ">=", 8), "{value:g}-inch full-HD display"),
        FeatureRule(Condition("battery_life", ">=", 7), "Up to {value:.0f} h of video"),
        FeatureRule(Condition("stylus_support", "==", True), "Works with a pressure-sensitive pen"),
    ),
    questions=(
        FactQuestion(
            "stylus_support",
            ("Does it support a stylus?",),
            ("Yes, pen input works well for notes.",),
            ("No, only a basic capacitive stylus works.",),
        ),
        FactQuestion(
            "battery_life",
            ("How long does the battery last?",),
            ("Around {value:.0f} hours of streaming.",),
        ),
    ),
    colors=("Grey", "Blue", "Pink"),
    return_windows=(15, 30),
    warranty_months=(12,),
)

TVS = CategorySpec(
    key="tvs",
    prefix="TVSN",
    path=("Electronics", "Television & Video", "Televisions"),
    weight=0.9,
    brands=("Vistaro", "Lumetra", "Brightline", "Panorra"),
    series=("QLED", "OLED", "4K Smart", "Cinema"),
    nouns=("4K UHD Smart TV", "Smart TV", "QLED TV"),
    title_patterns=("{brand} {screen_size:.0f}-Inch {series} {noun}, {refresh_rate:.0f}Hz",),
    description="A {screen_size:.0f}-inch {brand} {series} TV at {refresh_rate:.0f} Hz.",
    price=(149.0, 2800.0),
    attributes=(
        NumberAttr(
            "screen_size", 32, 85, "in", tier_weight=0.7, values=(32, 43, 50, 55, 65, 75, 85)
        ),
        NumberAttr("refresh_rate", 60, 120, "Hz", tier_weight=0.6, values=(60, 120)),
        NumberAttr("peak_brightness", 250, 1500, "nits", 50, tier_weight=0.8),
        FlagAttr("hdr", 0.75, tier_weight=0.6),
    ),
    aspect_rules=(AspectRule("screen", "peak_brightness", 300, 1000),),
    latent_aspects=("sound", "ease of use", "value"),
    features=(
        FeatureRule(Condition("refresh_rate", ">=", 120), "120 Hz panel for smooth sports"),
        FeatureRule(Condition("hdr", "==", True), "HDR10 and Dolby-style HDR support"),
        FeatureRule(Condition("peak_brightness", ">=", 250), "{value:.0f} nits peak brightness"),
    ),
    questions=(
        FactQuestion(
            "refresh_rate",
            ("Is it good for gaming?", "What is the refresh rate?"),
            ("The panel runs at {value:.0f} Hz.",),
        ),
        FactQuestion(
            "hdr",
            ("Does it support HDR?",),
            ("Yes, HDR10 is supported.",),
            ("No, it does not support HDR.",),
        ),
    ),
    return_windows=(30, 15),
    warranty_months=(12, 24),
)

CHARGERS = CategorySpec(
    key="chargers",
    prefix="CHRG",
    path=("Electronics", "Cell Phones & Accessories", "Chargers & Cables"),
    weight=1.0,
    brands=("Voltbay", "Chargely", "Amperion", "Nimbus Power"),
    series=("Nano", "GaN", "Duo", "Flex"),
    nouns=("Fast Charger", "Wall Charger", "Charging Cable", "Wireless Charging Pad"),
    title_patterns=("{brand} {series} {power:.0f}W {connector} {noun}",),
    description="Charge faster with {power:.0f} W over {connector} from {brand}.",
    price=(8.0, 79.0),
    attributes=(
        NumberAttr("power", 5, 100, "W", tier_weight=0.8, values=(5, 12, 20, 30, 45, 65, 100)),
        ChoiceAttr("connector", ("USB-C", "USB-C", "Lightning", "Qi wireless")),
        NumberAttr("cable_length", 0.5, 3, "m", 0.5),
    ),
    aspect_rules=(AspectRule("performance", "power", 10, 60),),
    latent_aspects=("durability", "value", "size & weight"),
    features=(
        FeatureRule(Condition("power", ">=", 5), "{value:.0f} W output"),
        FeatureRule(Condition("connector", "==", "USB-C"), "USB-C Power Delivery"),
        FeatureRule(Condition("cable_length", ">=", 0.5), "{value:g} m braided cable"),
    ),
    questions=(
        FactQuestion(
            "power", ("How many watts does it put out?",), ("It delivers up to {value:.0f} W.",)
        ),
    ),
    compatibility=(
        CompatRule("iPhone 15", (Condition("connector", "in", ("USB-C", "Qi wireless")),)),
        CompatRule("iPhone 14", (Condition("connector", "in", ("Lightning", "Qi wireless")),)),
        CompatRule("Samsung Galaxy S24", (Condition("connector", "in", ("USB-C", "Qi wireless")),)),
        CompatRule("Google Pixel 8", (Condition("connector", "in", ("USB-C", "Qi wireless")),)),
        CompatRule(
            "USB-C laptops",
            (Condition("connector", "==", "USB-C"), Condition("power", ">=", 45)),
        ),
        CompatRule("iPad Pro", (Condition("connector", "==", "USB-C"),)),
    ),
    compat_decoys=("iPhone 15", "iPhone 14", "USB-C laptops", "Samsung Galaxy S24"),
    return_windows=(30, 90),
    warranty_months=(12, 18, 24),
)
