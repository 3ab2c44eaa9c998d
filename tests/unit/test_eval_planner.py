"""The planner suite's evaluators, target and datasets; answerability of suggestions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from evals.answerability import answerability, content_words
from evals.dataset import DatasetError, Example, load_dataset
from evals.planner_evaluators import (
    LABELLED,
    confident_intent_accuracy,
    intent_accuracy,
    no_false_price,
    reference_accuracy,
    same,
    slot_accuracy,
    stated_price,
)
from evals.planner_target import demo_vocabulary, plan_outputs, plan_target
from evals.suite import DATASETS, EvalContext, SuiteSkipped
from evals.suites.planner import labelled_set, webshop_path
from evals.suites.suggestions import suggestion_answerability
from evals.webshop_prices import webshop_price_dataset
from graph.evidence import Evidence
from graph.plan import INTENTS, Conversation, Plan, ProductRef, Slots
from store.views import PriceHistory, PricePoint, Product, ProductSummary, Question
from tools.reviews import AspectReport


def example(reference: dict[str, Any], **inputs: Any) -> Example:
    return Example("e1", inputs or {"message": "m"}, reference, {})


def by_key(scores: list[Any]) -> dict[str, float | None]:
    return {s.key: s.score for s in scores}


# -- the planner's evaluators ----------------------------------------------------------


def test_same_compares_numbers_loosely_and_booleans_strictly() -> None:
    assert same(150.0, 150)
    assert not same(150.5, 150)
    assert same(None, None)
    assert not same(None, 0)
    assert not same(True, 1)
    assert same(["a", "b"], ["a", "b"])


def test_intent_accuracy() -> None:
    assert intent_accuracy({"intent": "search"}, example({"intent": "search"})).score == 1.0
    missed = intent_accuracy({"intent": "deals"}, example({"intent": "search"}))
    assert missed.score == 0.0
    assert missed.comment == "got 'deals', want 'search'"


def test_confident_intent_accuracy_leaves_out_plans_the_model_would_see() -> None:
    reference = example({"intent": "search"})
    unsure = confident_intent_accuracy({"intent": "deals", "confidence": 0.3}, reference)
    sure = confident_intent_accuracy({"intent": "search", "confidence": 0.9}, reference)
    assert (unsure.key, unsure.score) == ("intent_confident", None)
    assert sure.score == 1.0


def test_slots_are_judged_only_where_labelled_and_null_is_a_label() -> None:
    reference = example({"intent": "search", "max_price": None, "category": "Blenders"})
    outputs = {"max_price": 4.0, "category": "Blenders", "brand": "Kitchora"}
    scores = by_key(slot_accuracy(outputs, reference))
    assert scores["slot:max_price"] == 0.0  # "4 ounce" read as a price
    assert scores["slot:category"] == 1.0
    assert scores["slot:brand"] is None  # not labelled: not judged
    assert {key for key in scores if key.startswith("slot:")} == {f"slot:{k}" for k in LABELLED}
    pooled = [s.score for s in slot_accuracy(outputs, reference) if s.key == "slots"]
    assert pooled == [0.0, 1.0]


def test_references_must_match_in_order() -> None:
    reference = example({"intent": "compare", "product_ids": ["A", "B"]})
    assert reference_accuracy({"product_ids": ["A", "B"]}, reference).score == 1.0
    assert reference_accuracy({"product_ids": ["B", "A"]}, reference).score == 0.0
    assert reference_accuracy({"product_ids": []}, example({"intent": "search"})).score is None


def test_price_evaluators_split_stated_prices_from_the_rest() -> None:
    stated = example({"states_price": True, "min_price": None, "max_price": 40.0})
    plain = example({"states_price": False})
    assert stated_price({"max_price": 40, "min_price": None}, stated).score == 1.0
    assert stated_price({"max_price": None, "target_price": 40}, stated).score == 0.0
    assert stated_price({}, plain).score is None
    assert no_false_price({"max_price": 4.0}, plain).score == 0.0
    assert no_false_price({"target_price": 60.0}, plain).score == 0.0
    assert no_false_price({"min_price": None, "max_price": None}, plain).score == 1.0
    assert no_false_price({}, stated).score is None


# -- the target --------------------------------------------------------------------------


def test_plan_outputs_are_flat() -> None:
    outputs = plan_outputs("quiet blender under 150", Conversation(), demo_vocabulary())
    assert (outputs["intent"], outputs["max_price"], outputs["category"]) == (
        "search",
        150,
        "Blenders",
    )
    assert set(LABELLED) <= set(outputs)
    assert outputs["unresolved"] is False


async def test_plan_target_reads_the_conversation() -> None:
    shown = {"id": "BLND-00002", "title": "Blendova ProBlend Blender", "category": "Blenders"}
    inputs = {"message": "add it to my cart", "conversation": {"shown": [shown]}}
    outputs = await plan_target(inputs, EvalContext())
    assert (outputs["intent"], outputs["cart_op"], outputs["product_ids"]) == (
        "cart_action",
        "add",
        ["BLND-00002"],
    )
    memory = await plan_target({"message": "what do you remember about me?"}, EvalContext())
    assert memory["memory_ask"] == "recall"


# -- the datasets ------------------------------------------------------------------------


def test_the_labelled_set_covers_every_intent_with_known_labels() -> None:
    dataset = load_dataset(DATASETS / "planner.jsonl")
    assert len(dataset.examples) >= 300
    counts = {i: sum(e.reference_outputs["intent"] == i for e in dataset.examples) for i in INTENTS}
    assert min(counts.values()) >= 20, counts
    known = {"intent", "product_ids", *LABELLED}
    for item in dataset.examples:
        assert set(item.reference_outputs) <= known, item.id  # a typo would never be judged
        assert item.metadata["intent"] == item.reference_outputs["intent"], item.id
        conversation = Conversation.model_validate(item.inputs.get("conversation") or {})
        assert item.metadata["multi_turn"] == (conversation != Conversation()), item.id
    multi = [e for e in dataset.examples if e.metadata["multi_turn"]]
    assert len(multi) >= 100


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def test_webshop_prices_are_scored_once_per_text_stated_first(tmp_path: Path) -> None:
    instructions = write_jsonl(
        tmp_path / "instructions.jsonl",
        [
            {"idx": 1, "instruction": "bacon - 4 ounce (pack of 2)", "human_search_queries": []},
            {
                "idx": 2,
                "instruction": "a laundry bag",
                "human_search_queries": ["laundry bag up to 50 dollars", "a laundry bag"],
            },
        ],
    )
    labels = write_jsonl(
        tmp_path / "labels.jsonl",
        [{"inputs": {"idx": 2, "query": 0}, "reference_outputs": {"max_price": 50.0}}],
    )
    dataset = webshop_price_dataset(instructions, labels)
    assert [e.inputs["message"] for e in dataset.examples] == [
        "laundry bag up to 50 dollars",
        "bacon - 4 ounce (pack of 2)",
        "a laundry bag",
    ]
    assert [e.metadata["kind"] for e in dataset.examples] == [
        "stated_price",
        "instruction",
        "instruction",
    ]
    assert dataset.examples[0].reference_outputs == {"states_price": True, "max_price": 50.0}
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"inputs": {"idx": 9, "query": 0}}])
    with pytest.raises(DatasetError, match="names no text"):
        webshop_price_dataset(instructions, bad)


def test_data_option_picks_the_labelled_set_or_the_webshop_folder(tmp_path: Path) -> None:
    own = write_jsonl(
        tmp_path / "mine.jsonl",
        [{"inputs": {"message": "hi"}, "reference_outputs": {"intent": "chit_chat"}}],
    )
    assert len(labelled_set(EvalContext(data=own)).examples) == 1
    with pytest.raises(SuiteSkipped, match="labelled set"):
        webshop_path(EvalContext(data=own))
    folder = tmp_path / "webshop"
    folder.mkdir()
    write_jsonl(folder / "instructions.jsonl", [])
    assert webshop_path(EvalContext(data=folder)) == folder / "instructions.jsonl"
    assert webshop_path(EvalContext(data=tmp_path)) == folder / "instructions.jsonl"
    assert len(labelled_set(EvalContext(data=tmp_path)).examples) >= 300
    with pytest.raises(SuiteSkipped, match="absent"):
        webshop_path(EvalContext(data=tmp_path / "nowhere"))


# -- answerability of suggestions --------------------------------------------------------


def summary(pid: str, price: float | None = 99.0) -> ProductSummary:
    return ProductSummary(
        id=pid,
        title=f"Kitchora {pid} Blender",
        brand="Kitchora",
        category="Blenders",
        price=price,
        currency="USD",
        rating=4.2,
        rating_count=12,
        in_stock=True,
    )


def details(pid: str, **attributes: Any) -> Product:
    return Product(
        id=pid,
        title=f"Kitchora {pid} Blender",
        brand="Kitchora",
        category="Blenders",
        description="",
        features=[],
        attributes=attributes,
        variants=[],
        compatibility=[],
        links=[],
        return_window_days=30,
        warranty_months=12,
        rating=4.2,
        rating_count=12,
        offer=None,
    )


def plan(intent: str, ids: tuple[str, ...] = (), **fields: Any) -> Plan:
    slots = Slots(**fields.pop("slots", {}))
    refs = [ProductRef(mention="it", product_id=pid, kind="pronoun") for pid in ids]
    return Plan(
        intent=intent,
        confidence=0.9,
        decided_by="rules",
        query="",
        slots=slots,
        products=refs,
        **fields,
    )


def test_content_words_leave_out_stop_words_and_the_products_name() -> None:
    words = content_words("Is the Kitchora jar dishwasher safe?", ["Kitchora X1 Blender"])
    assert words == {"jar", "dishwasher", "safe"}


def test_questions_the_store_does_not_take_are_not_answerable() -> None:
    assert not answerability("hi", plan("chit_chat"), Evidence()).answerable
    unresolved = plan("review_summary", unresolved="the Sony")
    assert "unresolved" in answerability("q", unresolved, Evidence()).reason
    stray = answerability("q", plan("price_history", ("B",)), Evidence(), subject=["A"])
    assert not stray.answerable


def test_a_product_question_needs_an_attribute_or_an_answered_question() -> None:
    asked = plan("product_question", ("A",))
    evidence = Evidence(products=[summary("A")], details={"A": details("A", jar_capacity=1.5)})
    assert answerability("What is the jar capacity of it?", asked, evidence).answerable
    assert not answerability("Is the jar dishwasher safe?", asked, evidence).answerable
    answered = Question(
        id="Q1",
        product_id="A",
        question="Is the jar dishwasher safe?",
        answers=[{"text": "Yes, top rack."}],
        votes=1,
    )
    evidence.questions["A"] = [answered]
    verdict = answerability("Is the jar dishwasher safe?", asked, evidence)
    assert verdict.answerable and "community answer" in verdict.reason
    evidence.questions["A"] = [answered.model_copy(update={"answers": []})]
    assert not answerability("Is the jar dishwasher safe?", asked, evidence).answerable


def test_each_intent_needs_its_evidence() -> None:
    product = [summary("A"), summary("B")]
    reviews = {"A": [AspectReport(aspect="noise", mentions=3, positive=1, negative=2, quotes=[])]}
    history = PriceHistory(
        product_id="A",
        currency="USD",
        points=[PricePoint(at=dt.datetime(2026, 1, d), price=90.0 + d) for d in (1, 2)],
        current=92.0,
        lowest=91.0,
        highest=92.0,
        average=91.5,
    )
    compared = Evidence(products=product, details={"A": details("A"), "B": details("B")})
    assert answerability("Compare", plan("compare", ("A", "B")), compared).answerable
    assert not answerability(
        "Compare", plan("compare", ("A",)), Evidence(products=product[:1])
    ).answerable
    noise = plan("review_summary", ("A",), slots={"aspect": "noise"})
    battery = plan("review_summary", ("A",), slots={"aspect": "battery"})
    assert answerability("q", noise, Evidence(aspects=reviews)).answerable
    assert not answerability("q", battery, Evidence(aspects=reviews)).answerable
    assert answerability(
        "q", plan("price_history", ("A",)), Evidence(histories={"A": history})
    ).answerable
    assert not answerability("q", plan("deals"), Evidence()).answerable
    assert answerability("q", plan("search"), Evidence(products=product)).answerable
    assert answerability("q", plan("cart_action", slots={"cart_op": "view"}), Evidence()).answerable
    assert not answerability(
        "q", plan("cart_action", slots={"cart_op": "add"}), Evidence()
    ).answerable
    assert answerability("q", plan("store_policy", policy_topic="returns"), Evidence()).answerable


def test_alerts_need_something_the_store_can_watch() -> None:
    found = Evidence(products=[summary("A")])
    drop = plan("price_alert", ("A",), slots={"alert_condition": "drop_by_percent"})
    assert answerability("q", drop, found).answerable
    assert not answerability("q", plan("price_alert", ("A",)), found).answerable  # "$20 off"
    deal = plan("price_alert", slots={"alert_condition": "deal_starts", "category": "Blenders"})
    assert answerability("q", deal, Evidence()).answerable
    nothing = plan("price_alert", slots={"alert_condition": "price_at_most"})
    assert not answerability("q", nothing, Evidence()).answerable


def test_suggestion_scores_count_each_suggestion_and_the_turn() -> None:
    empty = suggestion_answerability({"suggestions": []}, example({}))
    assert by_key(empty) == {"suggested": 0.0}
    judged = {
        "question": "Has it been cheaper recently?",
        "plan": plan("price_history", ("A",)).model_dump(mode="json"),
        "evidence": Evidence().model_dump(mode="json"),
    }
    scores = suggestion_answerability({"suggestions": [judged], "subject": ["A"]}, example({}))
    assert by_key(scores) == {
        "suggested": 1.0,
        "answerable": 0.0,
        "answerable:price_history": 0.0,
    }
    assert "no price history" in (scores[1].comment or "")
