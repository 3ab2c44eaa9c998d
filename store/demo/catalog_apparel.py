"""Demo categories for apparel and travel: shoes, jackets, t-shirts, backpacks, luggage."""

from __future__ import annotations

from store.demo.spec import (
    AspectRule,
    CategorySpec,
    ChoiceAttr,
    Condition,
    FactQuestion,
    FeatureRule,
    FlagAttr,
    NumberAttr,
)

_CLOTHING_SIZES = ("XS", "S", "M", "L", "XL", "XXL")

RUNNING_SHOES = CategorySpec(
    key="shoes",
    prefix="SHOE",
    path=("Clothing, Shoes & Jewelry", "Shoes", "Running Shoes"),
    weight=1.3,
    brands=("Stridely", "Pacer & Co", "Trailhawk", "Runova"),
    series=("Glide", "Tempo", "Cloudstep", "Trail", "Daily"),
    nouns=("Running Shoes", "Road Running Shoe", "Trail Running Shoes"),
    title_patterns=("{brand} {series} {gender} {noun}",),
    description=(
        "The {brand} {series} weighs {weight:g} kg with a {drop:.0f} mm drop and "
        "{cushioning} cushioning."
    ),
    price=(39.0, 220.0),
    attributes=(
        NumberAttr("weight", 0.19, 0.34, "kg", 0.01, tier_weight=-0.4),
        NumberAttr("drop", 0, 12, "mm", 1),
        ChoiceAttr("cushioning", ("light", "moderate", "max")),
        ChoiceAttr("gender", ("Men's", "Women's")),
        FlagAttr("waterproof", 0.2),
    ),
    aspect_rules=(AspectRule("size & weight", "weight", 0.33, 0.21),),
    latent_aspects=("comfort", "durability", "value"),
    features=(
        FeatureRule(Condition("weight", "<=", 0.25), "Lightweight: {value:g} kg"),
        FeatureRule(Condition("drop", ">=", 0), "{value:.0f} mm heel-to-toe drop"),
        FeatureRule(Condition("cushioning", "==", "max"), "Max-cushion foam midsole"),
        FeatureRule(Condition("waterproof", "==", True), "Waterproof membrane upper"),
    ),
    questions=(
        FactQuestion("drop", ("What is the heel drop?",), ("It's a {value:.0f} mm drop.",)),
        FactQuestion(
            "waterproof",
            ("Are these waterproof?",),
            ("Yes, they have a waterproof membrane.",),
            ("No, the mesh lets water in.",),
        ),
    ),
    colors=("Black", "White", "Grey", "Blue"),
    sizes=("6", "6.5", "7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "12", "13"),
    return_windows=(30, 90),
    warranty_months=(6, 12),
)

JACKETS = CategorySpec(
    key="jackets",
    prefix="JCKT",
    path=("Clothing, Shoes & Jewelry", "Outerwear", "Jackets"),
    weight=1.0,
    brands=("Northridge", "Alpenfold", "Drizzle & Co", "Trailhawk"),
    series=("Rain Shell", "Puffer", "Softshell", "Parka"),
    nouns=("Jacket", "Hooded Jacket"),
    title_patterns=("{brand} {series} {gender} {noun}",),
    description="The {brand} {series} is {material} and weighs {weight:g} kg.",
    price=(35.0, 380.0),
    attributes=(
        FlagAttr("waterproof", 0.55, tier_weight=0.6),
        NumberAttr("weight", 0.25, 1.4, "kg", 0.05),
        ChoiceAttr("material", ("nylon", "recycled polyester", "down-filled nylon")),
        ChoiceAttr("gender", ("Men's", "Women's")),
    ),
    aspect_rules=(AspectRule("performance", "waterproof", 0, 1),),
    latent_aspects=("durability", "value", "comfort"),
    features=(
        FeatureRule(Condition("waterproof", "==", True), "Fully waterproof with taped seams"),
        FeatureRule(Condition("waterproof", "==", False), "Water-resistant finish"),
        FeatureRule(Condition("weight", "<=", 0.5), "Packs into its own pocket"),
    ),
    questions=(
        FactQuestion(
            "waterproof",
            ("Is it waterproof or just water resistant?",),
            ("Fully waterproof, it kept me dry in a downpour.",),
            ("Only water resistant; fine for drizzle, not heavy rain.",),
        ),
    ),
    colors=("Black", "Navy", "Olive", "Red"),
    sizes=_CLOTHING_SIZES,
    return_windows=(30, 90),
    warranty_months=(12, 24),
)

TSHIRTS = CategorySpec(
    key="tshirts",
    prefix="TSHT",
    path=("Clothing, Shoes & Jewelry", "Tops & Tees", "T-Shirts"),
    weight=0.9,
    brands=("Basicly", "Cotton & Co", "Loomwell"),
    series=("Essential", "Crew", "Heavyweight", "Performance"),
    nouns=("T-Shirt", "Crew Neck Tee"),
    title_patterns=("{brand} {series} {gender} {noun}, {fabric}",),
    description="A {fabric} tee with a {fabric_weight:.0f} gsm knit.",
    price=(8.0, 45.0),
    attributes=(
        ChoiceAttr("fabric", ("100% cotton", "cotton blend", "polyester")),
        NumberAttr("fabric_weight", 120, 240, "gsm", 10, tier_weight=0.6),
        ChoiceAttr("gender", ("Men's", "Women's", "Unisex")),
        FlagAttr("preshrunk", 0.5, tier_weight=0.5),
    ),
    aspect_rules=(AspectRule("durability", "preshrunk", 0, 1),),
    latent_aspects=("comfort", "value"),
    features=(
        FeatureRule(Condition("fabric", "in", ("100% cotton", "cotton blend")), "Soft {value}"),
        FeatureRule(Condition("preshrunk", "==", True), "Pre-shrunk to keep its size"),
        FeatureRule(Condition("fabric_weight", ">=", 180), "Heavyweight {value:.0f} gsm"),
    ),
    questions=(
        FactQuestion(
            "preshrunk",
            ("Does it shrink in the dryer?",),
            ("It's pre-shrunk; mine kept its size.",),
            ("It is not pre-shrunk, expect it to shrink a little.",),
        ),
    ),
    colors=("White", "Black", "Heather Grey", "Navy", "Forest Green"),
    sizes=_CLOTHING_SIZES,
    return_windows=(30, 90),
    warranty_months=(0,),
)

BACKPACKS = CategorySpec(
    key="backpacks",
    prefix="BPCK",
    path=("Luggage & Travel Gear", "Backpacks", "Laptop Backpacks"),
    weight=0.9,
    brands=("Packwell", "Trailcup", "Nomadic Line"),
    series=("Commuter", "Trek", "Daypack", "Carry-On"),
    nouns=("Laptop Backpack", "Travel Backpack"),
    title_patterns=('{brand} {series} {noun}, {capacity:.0f}L, Fits {laptop_size:.0f}" Laptop',),
    description="{capacity:.0f} L with a padded sleeve for {laptop_size:.0f}-inch laptops.",
    price=(25.0, 260.0),
    attributes=(
        NumberAttr("capacity", 15, 45, "L", 1),
        NumberAttr("laptop_size", 13, 17, "in", 1),
        NumberAttr("weight", 0.5, 1.8, "kg", 0.05),
        FlagAttr("water_resistant", 0.6, tier_weight=0.5),
    ),
    aspect_rules=(AspectRule("size & weight", "weight", 1.7, 0.7),),
    latent_aspects=("comfort", "durability", "value"),
    features=(
        FeatureRule(Condition("capacity", ">=", 15), "{value:.0f} L main compartment"),
        FeatureRule(Condition("laptop_size", ">=", 13), 'Padded sleeve fits {value:.0f}" laptops'),
        FeatureRule(Condition("water_resistant", "==", True), "Water-resistant fabric"),
    ),
    questions=(
        FactQuestion(
            "laptop_size",
            ("Will a 16 inch laptop fit?",),
            ("The sleeve fits laptops up to {value:.0f} inches.",),
        ),
    ),
    colors=("Black", "Charcoal", "Navy"),
    return_windows=(30, 90),
    warranty_months=(12, 1200),
)

LUGGAGE = CategorySpec(
    key="luggage",
    prefix="LUGG",
    path=("Luggage & Travel Gear", "Luggage", "Suitcases"),
    weight=0.7,
    brands=("Nomadic Line", "Packwell", "Globetrot"),
    series=("Carry-On", "Medium Checked", "Large Checked"),
    nouns=("Hardside Spinner Suitcase", "Softside Luggage"),
    title_patterns=("{brand} {series} {noun}, {capacity:.0f}L",),
    description="A {capacity:.0f} L {series} case that weighs {weight:g} kg empty.",
    price=(59.0, 480.0),
    attributes=(
        NumberAttr("capacity", 35, 110, "L", 5),
        NumberAttr("weight", 2.2, 5.5, "kg", 0.1, tier_weight=-0.5),
        FlagAttr("tsa_lock", 0.7, tier_weight=0.4),
    ),
    aspect_rules=(AspectRule("size & weight", "weight", 5.2, 2.5),),
    latent_aspects=("durability", "ease of use", "value"),
    features=(
        FeatureRule(Condition("capacity", ">=", 35), "{value:.0f} L packing space"),
        FeatureRule(Condition("weight", "<=", 3.0), "Featherlight {value:g} kg shell"),
        FeatureRule(Condition("tsa_lock", "==", True), "Built-in TSA-approved lock"),
    ),
    questions=(
        FactQuestion("capacity", ("Is it carry-on size?",), ("It holds {value:.0f} liters.",)),
        FactQuestion(
            "tsa_lock",
            ("Does it have a TSA lock?",),
            ("Yes, built in.",),
            ("No, you'd need your own lock.",),
        ),
    ),
    colors=("Black", "Silver", "Teal"),
    return_windows=(30, 90),
    warranty_months=(60, 120),
)
