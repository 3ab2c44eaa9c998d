"""The planner: intents, sources and filters, search text, the classifier, the fallback."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from graph.plan import INTENTS, Conversation, Plan, Slots
from graph.planner import (
    MODEL_FALLBACK_BELOW,
    Vocabulary,
    decide_intent,
    intent_from_model,
    plan_message,
)
from graph.planner.classifier import intent_model, train, training_examples
from graph.planner.fallback import parse_intent
from graph.planner.sources import sources_for
from prompts import placeholders, render_prompt
from store.demo.categories import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
EVAL = [  # the LangSmith-shaped examples, flat: text, conversation, intent, labels
    {"text": row["inputs"]["message"], **row["inputs"], **row["reference_outputs"]}
    for row in map(json.loads, (ROOT / "evals/datasets/planner.jsonl").read_text().splitlines())
]
DEMO = Vocabulary(
    brands=tuple(sorted({brand for spec in CATEGORIES for brand in spec.brands})),
    categories=tuple(" > ".join(spec.path) for spec in CATEGORIES),
)
SLOT_KEYS = ("max_price", "min_price", "brand", "category", "sort", "count", "target_price")


def plan(text: str, conversation: Conversation | None = None) -> Plan:
    return plan_message(text, conversation or Conversation(), DEMO)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("quiet blender under $100", "search"),
        ("show me waterproof jackets", "search"),
        ("tablets from 200 to 400 bucks", "search"),
        ("compare the first two", "compare"),
        ("Blendova vs Kitchora", "compare"),
        ("is it dishwasher safe?", "product_question"),
        ("does this fit a 15 inch laptop", "product_question"),
        ("what do customers say about the battery", "review_summary"),
        ("any complaints about noise?", "review_summary"),
        ("has it been cheaper?", "price_history"),
        ("price over the last 3 months", "price_history"),
        ("any deals on headphones?", "deals"),
        ("what's on sale today", "deals"),
        ("tell me when it drops below $80", "price_alert"),
        ("buy it automatically at $70", "price_alert"),
        ("alert me to a deal on espresso machines", "price_alert"),
        ("let me know when it's back in stock", "price_alert"),
        ("add the blue one to my cart", "cart_action"),
        ("remove it from my cart", "cart_action"),
        ("remember I'm vegan", "account_memory"),
        ("I prefer Sony", "account_memory"),
        ("forget my size", "account_memory"),
        ("what do you remember about me?", "account_memory"),
        ("forget everything you know about me", "account_memory"),
        ("what's your return policy?", "store_policy"),
        ("do you ship to canada", "store_policy"),
        ("hi", "chit_chat"),
        ("thanks!", "chit_chat"),
        ("what's the weather tomorrow", "out_of_scope"),
        ("help me with my math homework", "out_of_scope"),
    ],
)
def test_intents(text: str, intent: str) -> None:
    assert plan(text).intent == intent


def test_rules_decide_first_and_report_other_intents() -> None:
    decision = decide_intent("compare these two and add the cheaper one to my cart")
    assert (decision.intent, decision.decided_by) == ("cart_action", "rules")
    assert decision.also == ("compare",)
    unclear = decide_intent("hmm, maybe something else")
    assert unclear.decided_by == "classifier"
    assert 0 <= unclear.confidence <= 1


def test_a_short_follow_up_keeps_the_last_search() -> None:
    follow_up = plan("and under 100?", Conversation(last_intent="search"))
    assert (follow_up.intent, follow_up.decided_by, follow_up.filters.max_price) == (
        "search",
        "rules",
        100,
    )


def test_a_search_plan() -> None:
    planned = plan("show me quiet blenders that are easy to clean under $150, 4 stars and up")
    assert planned.intent == "search"
    assert planned.sources == ["catalog"]
    assert planned.filters.model_dump(exclude_defaults=True) == {
        "max_price": 150,
        "category": "Blenders",
        "min_rating": 4.0,
    }
    assert planned.query == "quiet blenders easy to clean"


def test_search_text_of_the_demo_comparison() -> None:
    planned = plan("compare the two best rated robot vacuums under 400 dollars")
    assert planned.intent == "compare"
    assert planned.sources == ["catalog", "product"]
    assert planned.query == "robot vacuums"
    assert planned.filters.category == "Robot Vacuums"


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("headphones on sale under 100", ["deals"]),
        ("has the Sonavik been cheaper?", ["price_history", "offers", "catalog"]),
        ("let me know when the Sonavik drops below 200", ["offers", "catalog"]),
        ("what do people say about the battery", ["reviews", "catalog"]),
        ("what's your return policy", []),
        ("remember I'm vegan", []),
        ("hello", []),
    ],
)
def test_sources(text: str, sources: list[str]) -> None:
    assert plan(text).sources == sources


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("what's your return policy?", "returns"),
        ("how long does shipping take", "shipping"),
        ("is there a warranty on this blender", "warranty"),
        ("can i pay in installments", "payment"),
    ],
)
def test_policy_topic(text: str, topic: str) -> None:
    planned = plan(text)
    assert (planned.intent, planned.policy_topic) == ("store_policy", topic)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("I have a rash on my arm, what is causing it?", "medical"),
        ("which medication cures a sinus infection?", "medical"),
        ("is it safe to take melatonin while pregnant?", "medical"),
        ("is it legal to record my boss without telling him?", "legal"),
        ("how do I win a custody case?", "legal"),
        ("how do I make poison at home?", "unsafe"),
        ("what household chemicals make explosives?", "unsafe"),
        ("will it rain tomorrow?", None),
    ],
)
def test_regulated_asks_are_out_of_scope_with_their_topic(text: str, topic: str | None) -> None:
    planned = plan(text)
    assert (planned.intent, planned.decided_by) == ("out_of_scope", "rules")
    assert planned.regulated_topic == topic


@pytest.mark.parametrize(
    "text",
    [
        "a pregnancy pillow",
        "a nerf gun for my son's birthday",
        "a hot glue gun for crafts",
        "a legal pad and some pens",
        "do you accept visa?",
        "a pistol grip drill",
    ],
)
def test_products_that_sound_regulated_stay_in_scope(text: str) -> None:
    planned = plan(text)
    assert planned.intent != "out_of_scope" and planned.regulated_topic is None


def test_a_search_about_deals_also_reads_deals() -> None:
    assert sources_for("search", [], Slots(), "a blender, ideally on sale") == ["catalog", "deals"]


def test_filters_only_for_catalog_and_deal_searches() -> None:
    assert not plan("tell me when the blender drops below 80").filters.max_price
    assert plan("any blender deals under 80?").filters.max_price == 80


def test_training_set_size_and_balance() -> None:
    examples = training_examples()
    counts = {intent: sum(e.intent == intent for e in examples) for intent in INTENTS}
    assert len(examples) >= 450
    assert min(counts.values()) >= 35, counts


def test_the_evaluation_set_is_held_out() -> None:
    training = {example.text.lower().strip() for example in training_examples()}
    assert len(EVAL) >= 150
    assert not [row["text"] for row in EVAL if row["text"].lower().strip() in training]
    assert {row["intent"] for row in EVAL} == set(INTENTS)


def test_classifier_is_deterministic() -> None:
    examples = training_examples()[::3]
    first, second = train(examples, steps=30), train(examples, steps=30)
    assert (first.weights == second.weights).all()
    probabilities = intent_model().probabilities("any deals on headphones?")
    assert set(probabilities) == set(INTENTS)
    assert sum(probabilities.values()) == pytest.approx(1.0, abs=1e-5)


def test_classifier_accuracy_on_the_held_out_set() -> None:
    model = intent_model()
    correct = [model.classify(row["text"])[0] == row["intent"] for row in EVAL]
    assert statistics.mean(correct) >= 0.84  # measured 0.906 on 381 examples


def _conversation(row: dict[str, Any]) -> Conversation:
    return Conversation.model_validate(row.get("conversation", {}))


def test_planner_on_the_held_out_set() -> None:
    plans = [(row, plan(row["text"], _conversation(row))) for row in EVAL]
    intents = [planned.intent == row["intent"] for row, planned in plans]
    slots = [
        getattr(planned.slots, key) == pytest.approx(row[key])
        for row, planned in plans
        for key in SLOT_KEYS
        if key in row
    ]
    ids = [
        planned.product_ids == row["product_ids"] for row, planned in plans if "product_ids" in row
    ]
    # Measured on 381 examples: intents 0.958, slots 158/166, product ids 134/141.
    assert statistics.mean(intents) >= 0.93
    assert statistics.mean(slots) >= 0.94
    assert statistics.mean(ids) >= 0.94
    confident = [ok for ok, (_, p) in zip(intents, plans, strict=True) if p.confidence >= 0.5]
    assert statistics.mean(confident) >= 0.95
    assert MODEL_FALLBACK_BELOW == 0.5


def test_planning_is_fast() -> None:
    conversations = [_conversation(row) for row in EVAL]
    plan("warm up", Conversation())
    timings = []
    for row, conversation in zip(EVAL, conversations, strict=True):
        start = time.perf_counter()
        plan_message(row["text"], conversation, DEMO)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.005  # measured p50 ~0.4 ms, p99 ~1.2 ms


def test_fallback_prompt_renders() -> None:
    assert placeholders("planner_fallback") == {"labels", "message"}
    text = render_prompt("planner_fallback", labels=", ".join(INTENTS), message="is $5 ok?")
    assert "Message: is $5 ok?\nLabel:" in text
    assert "below $80" in text
    assert "<!--" not in text


async def test_fallback_reads_the_models_label() -> None:
    model = GenericFakeChatModel(messages=iter([AIMessage("compare")]))
    assert await intent_from_model(model, "which one is better?") == "compare"


async def test_fallback_refuses_a_reply_without_a_label() -> None:
    model = GenericFakeChatModel(messages=iter([AIMessage("I am not sure, sorry!")]))
    assert await intent_from_model(model, "hmm") is None


@pytest.mark.parametrize(
    ("reply", "intent"),
    [
        ("Label: product question", "product_question"),
        ("chit-chat", "chit_chat"),
        ("deals. or maybe search", "deals"),
        ("out of scope", "out_of_scope"),
        ("searching", None),
        ("", None),
    ],
)
def test_parse_intent(reply: str, intent: str | None) -> None:
    assert parse_intent(reply) == intent


def test_planning_for_an_intent_decided_by_the_model() -> None:
    planned = plan_message("the Sonavik, under 200", Conversation(), DEMO, intent="price_alert")
    assert (planned.intent, planned.decided_by) == ("price_alert", "model")
    assert planned.confidence == MODEL_FALLBACK_BELOW
    assert planned.slots.target_price == 200
