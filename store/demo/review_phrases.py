"""What demo reviewers say: sentences per aspect and polarity, plus titles and fillers.

Keys are an aspect ("noise") or a category-specific override ("blenders:noise"). Fit has
three keys, one per way a size can be off: "fit", "fit small", "fit large". Sentences may
name the product's raw attributes (``{noise:.0f}``) only under category-specific keys.
Every sentence must be read with its stated aspect and polarity by ``store.aspects``; a
unit test holds that line.
"""

from __future__ import annotations

Bank = tuple[tuple[str, ...], tuple[str, ...]]
"""(positive sentences, negative sentences)."""

PHRASES: dict[str, Bank] = {
    "noise": (
        (
            "Surprisingly quiet, which I love.",
            "Much quieter than my old one.",
            "Not loud at all, which I love.",
        ),
        (
            "Very loud, sounds like a jet engine.",
            "Way too loud for early mornings.",
            "It's really noisy, the whole house knows when it's running.",
        ),
    ),
    "blenders:noise": (
        (
            "Surprisingly quiet, I can run it while the baby sleeps.",
            "Measured about {noise:.0f} dB on my phone, really quiet for a blender.",
            "So much quieter than our old blender.",
            "Quiet enough to make breakfast at 6am without bothering anyone.",
        ),
        (
            "Very loud, sounds like a jet engine.",
            "It's so loud my dog leaves the kitchen.",
            "Loud enough that I wear earplugs.",
            "Around {noise:.0f} dB on my meter, painfully loud.",
        ),
    ),
    "vacuums:noise": (
        (
            "Quiet enough that it doesn't scare the cat.",
            "Runs quietly, I can vacuum while the kids nap.",
        ),
        ("Loud, my dog hides every time I turn it on.", "The whine is loud and high pitched."),
    ),
    "toothbrushes:noise": (
        ("Quiet enough not to bother my partner in the morning.",),
        ("Louder than my old brush, kind of an annoying buzz.",),
    ),
    "laptops:noise": (
        ("The fan stays quiet even on video calls.",),
        ("The fan gets loud and annoying on video calls.",),
    ),
    "coffee:noise": (
        ("Quiet for an espresso machine, it doesn't bother anyone.",),
        ("The pump is loud enough to wake the house.",),
    ),
    "noise cancelling": (
        (
            "The noise cancelling blocks out engine drone on flights.",
            "ANC is excellent, the office chatter just disappears.",
            "Noise cancelling is great on the train.",
        ),
        (
            "Noise cancelling is disappointing on flights.",
            "Passive isolation only, they don't block out the engine drone.",
            "The noise cancelling is weak, I can still hear people talking.",
        ),
    ),
    "cleaning": (
        (
            "Cleanup is a breeze.",
            "Easy to clean, everything goes in the dishwasher.",
            "Cleaning takes seconds.",
        ),
        (
            "A pain to clean, food gets stuck everywhere.",
            "Hard to clean, too many crevices.",
            "Hand wash only, and gunk builds up in the corners.",
        ),
    ),
    "blenders:cleaning": (
        (
            "Cleanup is a breeze, the jar and blades go straight in the dishwasher.",
            "The jar rinses clean in seconds.",
            "Easy to clean, I just pop it in the dishwasher.",
        ),
        (
            "A pain to clean, food gets stuck under the blades.",
            "Hand wash only, and gunk builds up around the blades.",
            "Hard to clean, the blade assembly has too many crevices.",
        ),
    ),
    "bottles:cleaning": (
        ("Dishwasher safe, so cleaning is easy.",),
        ("Not dishwasher safe, so scrubbing it out is a chore.",),
    ),
    "knives:cleaning": (
        ("Dishwasher safe, which is rare and great.",),
        ("Hand wash only, which is a small chore.",),
    ),
    "battery": (
        ("Battery lasts forever.", "Battery life is excellent."),
        ("Battery life is disappointing.", "I have to charge it every night."),
    ),
    "headphones:battery": (
        (
            "Battery lasts all week on my commute.",
            "Easily {battery_life:.0f} hours on a charge, the battery lasts through long flights.",
            "Battery life is amazing, I charge them maybe twice a month.",
        ),
        (
            "Battery barely lasts a flight.",
            "Battery only lasts a few hours, I charge them constantly.",
        ),
    ),
    "earbuds:battery": (
        ("Battery life is great, the case gives me days of listening.",),
        ("The buds need a charge after a couple of hours, battery is disappointing.",),
    ),
    "speakers:battery": (
        ("Battery lasts all weekend at the campsite.",),
        ("Battery dies halfway through a party.",),
    ),
    "vacuums:battery": (
        ("Battery lasts long enough to do the whole house.",),
        ("Battery dies before I finish the living room.",),
    ),
    "smartwatches:battery": (
        ("I charge it once a week, the battery is fantastic.",),
        ("Battery dies by dinner time, I have to charge it every night.",),
    ),
    "laptops:battery": (
        ("Battery easily lasts a full workday.",),
        ("Battery life is poor, I am always hunting for an outlet.",),
    ),
    "toothbrushes:battery": (
        ("The battery lasts weeks between charges.",),
        ("Battery dies quickly, I charge it constantly.",),
    ),
    "fit": (
        ("Fits true to size.", "Ordered my usual size and it fits perfectly."),
        ("A bit tight across the top in my usual size.",),
    ),
    "fit small": (
        ("Ordered a half size up like other reviews said and they fit perfectly.",),
        (
            "Runs small, order a half size up.",
            "Way too tight in my normal size.",
            "Runs small, I had to exchange for a bigger one.",
        ),
    ),
    "fit large": (
        ("They run a bit large, so I sized down and the fit is perfect.",),
        ("Runs large, order a size down.", "Way too big in my usual size, loose everywhere."),
    ),
    "comfort": (
        ("Very comfortable, I wear it for hours.", "Comfortable right out of the box."),
        ("Uncomfortable after an hour.", "It pinches after a while."),
    ),
    "headphones:comfort": (
        (
            "Comfortable enough to wear for a whole long haul flight.",
            "The ear cushions are soft and comfortable, no clamping at all.",
        ),
        (
            "They clamp hard and my ears get sore after an hour.",
            "Uncomfortable on long flights, the pads get sweaty.",
        ),
    ),
    "shoes:comfort": (
        ("Super comfortable on long runs, the cushioning is plush.",),
        ("The insole gave me blisters on my first run.", "Uncomfortable on anything over 5k."),
    ),
    "chairs:comfort": (
        (
            "Comfortable for 8 hour workdays, my back no longer aches.",
            "The lumbar support is comfortable and easy to adjust.",
        ),
        ("The seat is hard and my back is sore by lunch.", "Uncomfortable after an hour."),
    ),
    "sound": (
        ("Sound quality is excellent with deep bass.", "Crisp highs and punchy bass."),
        ("Sound is tinny and the bass is muddy.", "Music sounds flat and muffled."),
    ),
    "speakers:sound": (
        (
            "Gets loud enough to fill the backyard and the bass is punchy.",
            "Sound is rich and clear, even at full volume.",
        ),
        ("Distorts at high volume and the bass is weak.", "Sound is thin and tinny."),
    ),
    "tvs:sound": (
        ("Sound is surprisingly good for TV speakers.",),
        ("The built in speakers sound thin, get a soundbar.",),
    ),
    "screen": (
        ("The screen is bright and sharp.", "Picture quality is gorgeous, deep blacks."),
        ("The screen is dim and washed out in a sunny room.", "Lots of glare on the screen."),
    ),
    "performance": (
        ("Works great and feels powerful.",),
        ("Performance is weak and disappointing.",),
    ),
    "blenders:performance": (
        (
            "Crushes ice in seconds and makes silky smoothies.",
            "Powerful motor, no chunks left in my smoothies.",
        ),
        ("Struggles with frozen fruit and leaves chunks.", "Weak motor, it stalls on ice."),
    ),
    "coffee:performance": (
        ("Heats up fast and pulls great espresso shots.",),
        ("Takes forever to heat up and the coffee is lukewarm.",),
    ),
    "air_fryers:performance": (
        ("Fries come out crispy and cook evenly.",),
        ("Cooks unevenly, half the fries stay soggy.",),
    ),
    "vacuums:performance": (
        ("Strong suction, picks up pet hair on carpet with ease.",),
        ("Suction is weak on carpet.",),
    ),
    "knives:performance": (
        ("Razor sharp out of the box.",),
        ("Went dull after a month.",),
    ),
    "chargers:performance": (
        ("Charges my phone fast.", "Fast charging works great."),
        ("Charging speed is slow, nowhere near the advertised wattage.",),
    ),
    "laptops:performance": (
        ("Snappy performance, handles dozens of tabs without lag.",),
        ("Sluggish with more than a few tabs open.",),
    ),
    "tablets:performance": (
        ("Performance is smooth, apps open fast.",),
        ("Laggy when switching apps.",),
    ),
    "jackets:performance": (
        ("Kept me dry in a downpour, truly waterproof.",),
        ("Leaked at the shoulders in steady rain.", "Not waterproof, I got soaked."),
    ),
    "bottles:performance": (
        ("Still had ice after a day in a hot car, impressive.",),
        ("Ice melts by lunch, the insulation is weak.",),
    ),
    "smartwatches:performance": (
        ("Heart rate tracking is accurate.",),
        ("GPS tracking is inaccurate on my runs.",),
    ),
    "toothbrushes:performance": (
        ("Powerful vibrations, my teeth feel smooth after every brush.",),
        ("The vibration feels weak compared to my old one.",),
    ),
    "durability": (
        ("Still going strong after a year of daily use.", "Feels sturdy and well made."),
        ("Broke after two months.", "Feels flimsy and cheaply made."),
    ),
    "tshirts:durability": (
        ("Held up to dozens of laundry cycles without fading.",),
        ("Shrank badly after the first dryer cycle.",),
    ),
    "chargers:durability": (
        ("Braided cable is holding up great.",),
        ("The cable frayed near the connector within weeks.",),
    ),
    "knives:durability": (
        ("No chips or rust after a year, very durable steel.",),
        ("The blade started to rust within weeks.",),
    ),
    "ease of use": (
        (
            "Easy to use right out of the box.",
            "Setup took two minutes and the controls are intuitive.",
        ),
        ("The controls are confusing.", "Setup was frustrating and the manual didn't help."),
    ),
    "toys:ease of use": (
        ("The instructions are easy to follow, my kid built it on her own.",),
        ("Instructions are confusing and two bags were mislabeled.",),
    ),
    "luggage:ease of use": (
        ("The wheels glide smoothly and it is easy to steer through airports.",),
        ("The wheels wobble and it is hard to steer.",),
    ),
    "chairs:ease of use": (
        ("Assembly was easy, about 15 minutes.",),
        ("Assembly was frustrating, the holes didn't line up.",),
    ),
    "value": (
        ("Great value for the price.", "Worth every penny."),
        ("Overpriced for what you get.", "Not worth the money."),
    ),
    "size & weight": (
        ("Compact and lightweight.", "Light enough to carry around all day."),
        ("Heavy and bulky.", "Bulky, it takes up a lot of room."),
    ),
    "blenders:size & weight": (
        ("Compact enough to leave out on the counter.",),
        ("Heavy and takes up a lot of counter space.",),
    ),
    "shoes:size & weight": (
        ("Incredibly light on the feet.",),
        ("They feel heavy and clunky on runs.",),
    ),
    "luggage:size & weight": (
        ("Light enough to lift into the overhead bin easily.",),
        ("Heavy even when empty, which eats into the airline weight limit.",),
    ),
    "speakers:size & weight": (
        ("Compact and portable, I take it everywhere.",),
        ("Too heavy to carry to the beach.",),
    ),
}

TITLES: dict[str, Bank] = {
    "noise": (("Quiet!", "Whisper quiet"), ("Way too loud", "So noisy")),
    "noise cancelling": (("Great noise cancelling",), ("Weak noise cancelling",)),
    "cleaning": (("Easy to clean",), ("Hard to clean",)),
    "battery": (("Amazing battery life",), ("Battery life is poor",)),
    "fit": (("Perfect fit",), ("Didn't fit right",)),
    "comfort": (("So comfortable",), ("Uncomfortable",)),
    "sound": (("Great sound",), ("Tinny sound",)),
    "screen": (("Gorgeous screen",), ("Dim screen",)),
    "ease of use": (("Easy to use",), ("Confusing",)),
    "performance": (("Works great",), ("Poor performance",)),
    "durability": (("Sturdy and durable",), ("Broke quickly",)),
    "size & weight": (("Nice and compact",), ("Heavy",)),
    "value": (("Great value",), ("Overpriced",)),
}
"""Short titles for a review whose main point is one aspect."""

GENERIC_TITLES: dict[str, tuple[str, ...]] = {
    "positive": ("Love it", "Five stars", "Exactly what I needed", "Would buy again"),
    "mixed": ("It's okay", "Mixed feelings", "Decent, with caveats"),
    "negative": ("Disappointed", "Returned it", "Not for me"),
}

FILLERS: dict[str, tuple[str, ...]] = {
    "positive": (
        "Would buy again.",
        "Arrived quickly and well packaged.",
        "Highly recommend.",
        "Bought this as a gift and they loved it.",
        "Exactly as described.",
    ),
    "mixed": (
        "Replaced an older model.",
        "I have had it for about three months now.",
        "Bought it on sale.",
        "It does the job.",
    ),
    "negative": (
        "Returning it.",
        "Not what I expected.",
        "Customer support never replied.",
    ),
}
"""Sentences with no aspect in them, keyed by the review's overall tone."""
