"""Which cart operation a cart message asks for: add, remove, view or check out."""

from __future__ import annotations

import re

from graph.plan import CartOp

_CHECKOUT = re.compile(
    r"\b(check ?out|place (the|my|an) order|order (it|them|everything) now|"
    r"buy (everything|it all|all of (it|them))( in (my|the) (cart|basket))?|"
    r"buy what'?s in (my|the) (cart|basket)|pay for (my|the) (cart|basket|order))\b"
)
_REMOVE = re.compile(r"\b(remove|delete|take out|drop)\b|\bout of (my|the) (cart|basket)\b")
_VIEW = re.compile(
    r"\b(what'?s|what is|show( me)?|view|see|open)\b[\w\s]*\b(cart|basket)\b|"
    r"^\s*(my )?(cart|basket)\s*\??\s*$"
)
_ADD = re.compile(r"\b(add|put|throw|get me|i'?ll take|buy)\b")


def cart_operation(message: str) -> CartOp:
    """The cart operation of a message the planner filed as ``cart_action``."""
    text = message.lower()
    if _CHECKOUT.search(text):
        return "checkout"
    if _REMOVE.search(text):
        return "remove"
    if _ADD.search(text):
        return "add"
    if _VIEW.search(text):
        return "view"
    return "add"
