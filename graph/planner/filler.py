"""Word lists: the words that carry no product meaning, and multi-word wanted qualities.

Data only; ``graph.planner.slots`` and ``graph.planner.sources`` read it. Words are written
as ``graph.planner.text.tokenize`` sees them ("i'm" -> "im").
"""

from __future__ import annotations

_GRAMMAR = """
a an the some any all and or but so of to in on at by for from with without about into as
is are was were be been being am do does did doing have has had having can could would
should will shall may might must wont cant dont doesnt isnt arent didnt wouldnt shouldnt
i im ive id ill me my mine myself we us our you your yours it its itself this that these
those they them their theirs he she his her what which who whom whose how where when why
there here then than if also too very really just quite pretty bit kind sort type lot lots
not no yes ok okay oh um uh maybe perhaps probably actually please pls plz thanks thank
hi hello hey
"""
_SHOPPING = """
show find get give tell recommend recommendation recommendations suggest suggestion
suggestions search searching look looking see need needs want wanted wanna like love
prefer would something anything thing things stuff product products item items option
options model models one ones choice choices pick picks list good great nice best better
top buy buying purchase purchasing shop shopping shopper help new know let any other else
price prices priced cost costs costing pay paying spend spending budget dollar dollars buck
bucks usd money cheap cheaper cheapest expensive affordable under over below above less
more most least around between compare comparing comparison vs versus difference
differences deal deals sale sales discount discounts offer offers cart basket add remove
available availability store shop site currently now today right go going got getting
use using used work works working make makes made gift someone
"""
FILLER: frozenset[str] = frozenset((_GRAMMAR + _SHOPPING).split())
"""Words dropped from the search text and never reported as wanted features."""

FEATURE_PHRASES: tuple[str, ...] = (
    "easy to clean",
    "easy to use",
    "easy to assemble",
    "noise cancelling",
    "noise canceling",
    "dishwasher safe",
    "long battery life",
    "battery life",
    "true to size",
    "machine washable",
    "water resistant",
    "fast charging",
    "wireless charging",
    "wide fit",
    "non stick",
    "stainless steel",
    "lumbar support",
    "memory foam",
    "bpa free",
    "self cleaning",
    "energy efficient",
    "low noise",
    "high capacity",
    "built in grinder",
    "large capacity",
    "long lasting",
)
"""Qualities of more than one word, reported whole ("easy to clean", not "easy", "clean")."""
