"""Word lists behind review-aspect extraction: cues, polar words, negators.

Data only; ``store.aspects`` interprets it. Phrases are lower-case and written as the
tokenizer sees them: hyphens and punctuation become spaces, so "noise-cancelling" is
written "noise cancelling". A phrase may belong to one aspect's cues only; the longest
phrase wins, which is how "easy to clean" counts for cleaning and not for ease of use.
"""

from __future__ import annotations

ASPECTS: tuple[str, ...] = (
    "noise",
    "noise cancelling",
    "cleaning",
    "battery",
    "fit",
    "comfort",
    "sound",
    "screen",
    "ease of use",
    "performance",
    "durability",
    "size & weight",
    "value",
)
"""Every aspect name, in the order used to break ties."""

CUES: dict[str, tuple[str, ...]] = {
    "noise": (
        "noise", "noisy", "loud", "louder", "loudest", "loudly", "quiet", "quieter",
        "quietest", "quietly", "silent", "silently", "db", "decibel", "decibels", "whisper",
        "jet engine", "racket", "roar", "roars", "hum", "hums", "whine", "rattles",
        "audible", "earplugs", "ticking sound", "noise level", "wakes",
    ),
    "noise cancelling": (
        "noise cancelling", "noise canceling", "noise cancellation", "anc",
        "active noise", "blocks out", "drowns out", "engine drone",
    ),
    "cleaning": (
        "clean", "cleaning", "cleanup", "clean up", "cleans up", "easy to clean",
        "hard to clean", "wash", "washing", "hand wash", "dishwasher", "dishwasher safe",
        "rinse", "rinses", "scrub", "scrubbing", "wipe", "wipes", "wipe down", "gunk",
        "residue", "crevices", "grime",
    ),
    "battery": (
        "battery", "batteries", "battery life", "charge", "charges", "charging",
        "recharge", "recharging", "runtime", "run time", "on a single charge",
    ),
    "fit": (
        "fit", "fits", "fitting", "fitted", "true to size", "runs small", "runs large",
        "runs big", "run small", "run large", "size up", "size down", "half size",
        "usual size", "normal size", "sizing", "snug", "snugly", "loose", "baggy", "tight",
        "too tight", "too small", "too big", "toe box",
    ),
    "comfort": (
        "comfortable", "comfortably", "comfort", "comfy", "uncomfortable", "cushion",
        "cushioned", "cushioning", "padding", "padded", "ergonomic", "sore", "pinch",
        "pinches", "clamping", "clamp", "ache", "aches", "lumbar", "blisters",
    ),
    "sound": (
        "sound", "sound quality", "audio", "bass", "treble", "music", "vocals", "mids",
        "highs", "volume", "tinny", "muddy", "muffled", "distortion", "distorts",
    ),
    "screen": (
        "screen", "display", "picture", "picture quality", "brightness", "resolution",
        "glare", "hdr", "viewing angle", "viewing angles", "colors", "colours",
    ),
    "ease of use": (
        "easy to use", "easy to set up", "easy to assemble", "easy to install",
        "simple to use", "hard to use", "setup", "set up", "intuitive", "confusing",
        "instructions", "user friendly", "complicated", "app", "buttons", "controls",
        "learning curve", "assemble", "assembly", "install", "installation", "pair",
        "pairing", "paired", "to operate", "finicky", "wheels", "easy to follow",
    ),
    "performance": (
        "performance", "powerful", "power", "crush", "crushes", "crushed", "ice",
        "smoothie", "smoothies", "suction", "picks up", "pick up", "brews", "brewing",
        "espresso shots", "heats up", "lag", "laggy", "processor", "crispy", "blends",
        "blending", "chunks", "sharp", "dull", "edge", "tracking", "gps", "accurate",
        "accuracy", "works", "worked", "charges my", "fast charging", "speed", "speedy",
        "sluggish", "cooks", "evenly", "heat up", "charging speed", "vibration", "vibrations", "heart rate", "stalls", "bogs down", "waterproof",
        "water resistant", "warm", "warmth", "kept me dry", "leak", "leaks", "leaked",
        "leakproof", "cold for", "grip", "traction",
    ),
    "durability": (
        "durable", "durability", "sturdy", "flimsy", "broke", "broken", "breaks",
        "cracked", "cracks", "fell apart", "falls apart", "stopped working",
        "quit working", "build quality", "well made", "well built", "cheaply made",
        "holding up", "holds up", "held up", "rust", "rusted", "peeling", "wore out",
        "tore", "ripped", "snapped", "lasted", "still going strong", "months of use",
        "shrank", "shrinks", "pilling", "faded", "frayed", "frays", "scratches",
    ),
    "size & weight": (
        "heavy", "heavier", "lightweight", "light", "lighter", "weight", "weighs",
        "bulky", "compact", "footprint", "counter space", "portable", "size", "huge",
        "tiny", "massive", "takes up", "pocket", "carry", "carrying",
    ),
    "value": (
        "value", "price", "worth", "money", "bargain", "overpriced", "pricey",
        "expensive", "affordable", "for the price", "worth every penny", "bang for",
        "budget", "cost", "costs", "ripoff", "rip off", "steal", "price point",
    ),
}
"""Words that say a sentence is about an aspect."""

AMBIGUOUS_NOISE_CUES: frozenset[str] = frozenset(
    {"loud", "louder", "loudest", "loudly", "quiet", "quieter", "quietest", "volume"}
)
"""Noise cues that mean loudness of music when the same clause talks about sound."""

ASPECT_POLARITY: dict[str, dict[str, int]] = {
    "noise": {
        "quiet": 1, "quieter": 1, "quietest": 1, "quietly": 1, "silent": 1, "silently": 1,
        "whisper": 1, "low": 1, "loud": -1, "louder": -1, "loudest": -1, "loudly": -1,
        "noisy": -1, "noise": -1, "racket": -1, "roar": -1, "roars": -1, "jet engine": -1,
        "deafening": -1, "earplugs": -1, "whine": -1, "rattles": -1, "audible": -1,
        "wakes": -1, "hum": -1, "hums": -1, "tolerable": 1, "baby sleeps": 1,
    },
    "noise cancelling": {
        "blocks out": 1, "block out": 1, "drowns out": 1, "blocks": 1, "silences": 1, "cancels": 1,
        "effective": 1, "weak": -1, "hiss": -1, "leaks": -1,
    },
    "cleaning": {
        "easy": 1, "breeze": 1, "quick": 1, "rinses clean": 1, "dishwasher safe": 1,
        "top rack": 1, "seconds": 1, "hard": -1, "pain": -1, "gunk": -1, "residue": -1,
        "crevices": -1, "stuck": -1, "tedious": -1, "hand wash only": -1, "chore": -1,
    },
    "battery": {
        "lasts": 1, "lasted": 1, "forever": 1, "all week": 1, "all day": 1, "days": 1,
        "long": 1, "plenty": 1, "dies": -1, "died": -1, "drains": -1, "dead": -1,
        "short": -1, "constantly": -1, "minutes": -1, "every night": -1,
    },
    "fit": {
        "true to size": 1, "fits": 1, "fit": 1, "fitted": 1, "just right": 1, "snug": 1,
        "snugly": 1, "runs small": -1, "runs large": -1, "runs big": -1, "run small": -1,
        "run large": -1, "size up": -1, "size down": -1, "tight": -1, "loose": -1,
        "baggy": -1, "narrow": -1, "short": -1,
    },
    "comfort": {
        "comfortable": 1, "comfortably": 1, "comfy": 1, "soft": 1, "cushioned": 1,
        "plush": 1, "supportive": 1, "all day": 1, "hours": 1, "uncomfortable": -1,
        "sore": -1, "pinch": -1, "pinches": -1, "hurts": -1, "hurt": -1, "clamping": -1,
        "painful": -1, "stiff": -1, "sweaty": -1, "digs": -1, "ache": -1, "aches": -1,
        "blisters": -1,
    },
    "sound": {
        "crisp": 1, "clear": 1, "rich": 1, "full": 1, "punchy": 1, "deep": 1,
        "balanced": 1, "loud": 1, "louder": 1, "booming": 1, "fills": 1, "tinny": -1,
        "muddy": -1, "muffled": -1, "distorts": -1, "distortion": -1, "flat": -1,
        "thin": -1, "harsh": -1, "weak": -1, "quiet": -1,
    },
    "screen": {
        "bright": 1, "sharp": 1, "vivid": 1, "crisp": 1, "gorgeous": 1, "clear": 1,
        "deep blacks": 1, "dim": -1, "washed out": -1, "glare": -1, "blurry": -1,
        "reflective": -1, "grainy": -1,
    },
    "ease of use": {
        "easy": 1, "intuitive": 1, "simple": 1, "straightforward": 1, "breeze": 1,
        "seamless": 1, "seamlessly": 1, "user friendly": 1, "quick": 1, "confusing": -1,
        "complicated": -1, "difficult": -1, "hard": -1, "clunky": -1, "finicky": -1,
        "frustrating": -1, "tricky": -1,
    },
    "performance": {
        "powerful": 1, "fast": 1, "quick": 1, "crushes": 1, "pulverizes": 1, "smooth": 1,
        "strong": 1, "picks up": 1, "accurate": 1, "snappy": 1, "crispy": 1, "sharp": 1,
        "evenly": 1, "consistent": 1, "powers through": 1, "speedy": 1, "hot": 1,
        "weak": -1, "slow": -1, "struggles": -1, "chunks": -1, "lag": -1, "laggy": -1,
        "sluggish": -1, "dull": -1, "uneven": -1, "unevenly": -1, "overheats": -1,
        "inaccurate": -1, "stalls": -1, "bogs down": -1, "clogs": -1, "lukewarm": -1,
        "warm": 1, "kept me dry": 1, "waterproof": 1, "leakproof": 1, "dry": 1, "soaked": -1,
        "leak": -1, "leaks": -1, "leaked": -1, "grippy": 1, "slippery": -1,
    },
    "durability": {
        "durable": 1, "sturdy": 1, "solid": 1, "well made": 1, "well built": 1,
        "holding up": 1, "holds up": 1, "held up": 1, "still going strong": 1, "tough": 1,
        "lasted": 1, "broke": -1, "broken": -1, "breaks": -1, "cracked": -1, "cracks": -1,
        "flimsy": -1, "fell apart": -1, "falls apart": -1, "stopped working": -1,
        "quit working": -1, "rust": -1, "rusted": -1, "peeling": -1, "wore out": -1,
        "cheaply made": -1, "cheap": -1, "tore": -1, "ripped": -1, "snapped": -1,
        "shrank": -1, "shrinks": -1, "pilling": -1, "faded": -1, "frayed": -1, "frays": -1,
        "scratches": -1,
    },
    "size & weight": {
        "compact": 1, "lightweight": 1, "light": 1, "lighter": 1, "portable": 1,
        "slim": 1, "small": 1, "heavy": -1, "heavier": -1, "bulky": -1, "huge": -1,
        "massive": -1, "takes up": -1, "hogs": -1, "awkward": -1,
    },
    "value": {
        "worth": 1, "bargain": 1, "steal": 1, "affordable": 1, "reasonable": 1,
        "worth every penny": 1, "bang for": 1, "overpriced": -1, "pricey": -1,
        "expensive": -1, "waste": -1, "ripoff": -1, "rip off": -1, "too much": -1,
    },
}
"""Words whose polarity depends on the aspect (quiet is good for a blender's noise)."""

GENERAL_POLARITY: dict[str, int] = {
    **dict.fromkeys(
        (
            "good", "great", "excellent", "amazing", "awesome", "love", "loved", "loves",
            "perfect", "perfectly", "fantastic", "wonderful", "nice", "happy", "best",
            "superb", "impressive", "impressed", "pleased", "easy", "easily", "recommend",
            "fine", "decent", "reliable", "breeze", "effortless", "pleasant", "terrific",
            "outstanding", "brilliant", "ideal", "beautifully", "surprisingly good",
            "works great", "no complaints", "better", "plenty", "solid",
        ),
        1,
    ),
    **dict.fromkeys(
        (
            "bad", "poor", "poorly", "terrible", "awful", "horrible", "worst", "hate",
            "hated", "disappointed", "disappointing", "disappointment", "useless", "junk",
            "garbage", "annoying", "problem", "problems", "issue", "issues", "difficult",
            "hard", "waste", "fail", "failed", "fails", "returned", "returning",
            "unfortunately", "mediocre", "subpar", "weak", "struggle", "struggles",
            "defective", "complaint", "complaints", "wobbly", "tricky", "nightmare", "meh",
            "worse", "pain", "annoyingly", "awkward", "lacking", "complain",
        ),
        -1,
    ),
}
"""Sentiment words that mean the same whatever the aspect."""

NEGATORS: frozenset[str] = frozenset(
    {
        "not", "no", "never", "nothing", "none", "nor", "without", "hardly", "barely",
        "cannot", "cant", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent",
        "wont", "wouldnt", "couldnt", "shouldnt", "neither", "lack", "lacks", "hasnt",
        "havent", "hadnt", "aint",
    }
)
"""Words that flip the polarity of a polar word shortly after them."""

LIMITERS: frozenset[str] = frozenset({"only", "just", "merely"})
"""Words that turn praise into a complaint ("only lasts 3 hours") but not the reverse."""

NEGATION_WINDOW = 3
"""How many tokens before a polar word a negator may stand."""

CLAUSE_BREAKS: tuple[str, ...] = (
    "but", "however", "although", "though", "except", "yet", "whereas", "otherwise",
)
"""Words that start a new clause with its own sentiment."""

QUERY_CUES: dict[str, tuple[str, ...]] = {
    "noise": ("loud", "noisy", "quiet", "noise", "silent", "decibels", "db"),
    "noise cancelling": ("noise cancelling", "noise canceling", "anc", "block out"),
    "cleaning": ("clean", "wash", "dishwasher", "cleaning"),
    "battery": ("battery", "charge", "charging", "runtime", "recharge"),
    "fit": ("fit", "fits", "true to size", "run small", "run large", "sizing", "size up"),
    "comfort": ("comfortable", "comfort", "comfy", "hurt", "cushioning", "ergonomic"),
    "sound": ("sound", "bass", "audio", "music", "sound quality"),
    "screen": ("screen", "display", "picture", "bright", "brightness"),
    "ease of use": ("easy to use", "setup", "set up", "assemble", "install", "intuitive"),
    "performance": ("powerful", "performance", "fast", "suction", "crush", "power", "sharp"),
    "durability": ("durable", "last", "break", "sturdy", "hold up", "build quality"),
    "size & weight": ("heavy", "weight", "weigh", "big", "compact", "light", "bulky", "size"),
    "value": ("worth", "value", "money", "price", "overpriced"),
}
"""Words in a shopper's question that point at an aspect (added to ``CUES``)."""
