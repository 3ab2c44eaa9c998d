"""Demo community questions, answered truthfully from the product's own data.

Answers come from the attribute a question is about, the product's policies, its
compatibility list or its fit; several answers to one question always agree.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from functools import partial

from store.demo.profile import Profile
from store.demo.spec import FactQuestion
from store.records import Answer, ProductRecord, QuestionRecord

QA = tuple[str, list[str]]
"""A question and the true answers it may get."""

_SHORT_YES = ("Yes, it does.", "Yes.", "Yes, mine does.")
_SHORT_NO = ("No, it doesn't.", "No.", "Nope, unfortunately not.")
_FIT_ANSWERS = {
    -1: ["It runs small, I'd order a half size up.", "Runs a bit small; size up."],
    0: ["Yes, true to size. Order your usual size.", "True to size for me."],
    1: ["It runs large, I'd size down.", "Runs big; order one size smaller."],
}


def _fact_qa(rng: random.Random, profile: Profile, fact: FactQuestion) -> QA:
    value = profile.attrs[fact.attr]
    question = rng.choice(fact.questions)
    if value is True:
        return question, [*fact.yes, *_SHORT_YES]
    if value is False:
        return question, [*fact.no, *_SHORT_NO]
    return question, [template.format(value=value) for template in fact.yes]


def _warranty_text(months: int) -> str:
    if months == 0:
        return "There is no manufacturer warranty beyond the return window."
    if months >= 1200:
        return "It has a lifetime warranty."
    if months >= 24 and months % 12 == 0:
        return f"It comes with a {months // 12}-year warranty."
    return f"It comes with a {months}-month warranty."


def _return_qa(rng: random.Random, days: int) -> QA:
    if rng.random() < 0.5:
        return "What is the return window?", [
            f"You can return it within {days} days of delivery.",
            f"It's {days} days from delivery.",
        ]
    return "Can I return it if I don't like it?", [
        f"You can return it within {days} days of delivery.",
        f"Yes, there's a {days}-day return window.",
    ]


def _warranty_qa(rng: random.Random, months: int) -> QA:
    return rng.choice(("What's the warranty?", "Is there a warranty?")), [_warranty_text(months)]


def _compat_qa(rng: random.Random, profile: Profile, product: ProductRecord) -> QA:
    spec = profile.spec
    device = rng.choice([rule.device for rule in spec.compatibility] + list(spec.compat_decoys))
    question = f"Does it work with {device}?"
    if device in product.compatibility:
        return question, [f"Yes, I use it with my {device} every day.", "Yes, works great."]
    return question, [f"No, it is not compatible with {device}.", "No, it won't work with that."]


def _fit_qa(rng: random.Random, profile: Profile) -> QA:
    question = rng.choice(("Does it run true to size?", "What size should I order?"))
    return question, _FIT_ANSWERS[profile.fit_bias]


def _candidates(profile: Profile, product: ProductRecord) -> list[Callable[[random.Random], QA]]:
    """Every question this product could be asked, each a function of the generator."""
    found: list[Callable[[random.Random], QA]] = [
        partial(_fact_qa, profile=profile, fact=fact) for fact in profile.spec.questions
    ]
    if product.policies.return_window_days is not None:
        found.append(partial(_return_qa, days=product.policies.return_window_days))
    if product.policies.warranty_months is not None:
        found.append(partial(_warranty_qa, months=product.policies.warranty_months))
    if profile.spec.compatibility:
        found.append(partial(_compat_qa, profile=profile, product=product))
    if profile.spec.sizes:
        found.append(partial(_fit_qa, profile=profile))
    return found


def _answers(rng: random.Random, truths: list[str]) -> list[Answer]:
    count = min(rng.randint(1, 3), len(truths))
    texts = [truths[0], *rng.sample(truths[1:], k=count - 1)]
    seller_first = rng.random() < 0.3
    return [
        Answer(
            text=text,
            votes=min(500, int(rng.paretovariate(1.1)) - 1),
            by_seller=seller_first and index == 0,
        )
        for index, text in enumerate(texts)
    ]


def generate_questions(
    rng: random.Random, profile: Profile, product: ProductRecord, as_of: dt.date
) -> list[QuestionRecord]:
    """Return a product's questions: most products get 2-5, a few 0-1."""
    pool = _candidates(profile, product)
    count = rng.randint(2, 5) if rng.random() < 0.88 else rng.randint(0, 1)
    questions = []
    for number, ask in enumerate(rng.sample(pool, k=min(count, len(pool))), start=1):
        text, truths = ask(rng)
        questions.append(
            QuestionRecord(
                id=f"{profile.id}-Q{number}",
                product_id=profile.id,
                question=text,
                answers=_answers(rng, truths),
                votes=min(500, int(rng.paretovariate(1.3)) - 1),
                date=as_of - dt.timedelta(days=rng.randint(0, 700)),
            )
        )
    return questions
