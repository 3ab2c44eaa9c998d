"""Price alerts need an alert cue: a search the classifier calls an alert keeps its bound."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from graph.plan import INTENTS, Conversation, Intent, Plan
from graph.planner import Vocabulary, decide_intent, intent_from_model, plan_message
from graph.planner.rules import has_alert_cue
from store.demo.categories import CATEGORIES

DEMO = Vocabulary(
    brands=tuple(sorted({brand for spec in CATEGORIES for brand in spec.brands})),
    categories=tuple(" > ".join(spec.path) for spec in CATEGORIES),
)


def plan(text: str) -> Plan:
    return plan_message(text, Conversation(), DEMO)


class AlertMinded:
    """A classifier that always says "price_alert", a little more than "search"."""

    def probabilities(self, text: str) -> dict[Intent, float]:
        rest = (1.0 - 0.3 - 0.2) / (len(INTENTS) - 2)
        chances: dict[Intent, float] = dict.fromkeys(INTENTS, rest)
        return chances | {"price_alert": 0.3, "search": 0.2}


@pytest.mark.parametrize(
    "text",
    [
        "tell me when it drops below $80",
        "let me know if the sony goes under 200",
        "auto-buy it at $70",
        "buy it automatically at $70",
        "notify me when this goes on sale",
        "ping me if it dips under 40",
        "keep an eye on the price for me",
        "watch this blender for me",
        "track the price on these headphones",
        "i want to know when it gets discounted",
        "grab it for me if it goes to 59 dollars",
        "if it drops below $60 just buy it for me",
        "set an alert for under $30",
    ],
)
def test_alert_cues(text: str) -> None:
    assert has_alert_cue(text)


@pytest.mark.parametrize(
    "text",
    [
        "laundry bag up to 50 dollars",
        "<$50 desk lamp",
        "$50-$100 yoga mat",
        "eye drops under 20",
        "a watch for kids under 50",
        "tell me about the sonavik",
        "a monitor from 150 to 250 dollars",
    ],
)
def test_no_alert_cue(text: str) -> None:
    assert not has_alert_cue(text)


def test_the_classifiers_alert_without_a_cue_is_a_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("graph.planner.planner.intent_model", AlertMinded)
    search = decide_intent("laundry bag up to 50 dollars")
    assert (search.intent, search.decided_by) == ("search", "classifier")
    assert search.confidence == pytest.approx(0.2 / 0.7, abs=1e-4)  # sure of it given no alert
    alert = decide_intent("watch this one and buy it at 60")
    assert (alert.intent, alert.confidence) == ("price_alert", 0.3)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("laundry bag up to 50 dollars", None, 50),
        ("cake mix bundle up to 50 dollars", None, 50),
        ("<$50 desk lamp", None, 50),
        ("$50-$100 yoga mat", 50, 100),
        ("a monitor from 150 to 250 dollars", 150, 250),
        ("twin bed less then 380", None, 380),
    ],
)
def test_a_search_the_classifier_took_for_an_alert_keeps_its_bound(
    text: str, low: float | None, high: float | None
) -> None:
    planned = plan(text)
    assert planned.intent == "search"
    assert (planned.slots.min_price, planned.slots.max_price) == (low, high)
    assert planned.slots.target_price is None
    assert planned.filters.max_price == high


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("tell me when it drops below $80", 80),
        ("let me know if the sony goes under 200", 200),
        ("auto-buy it at $70", 70),
    ],
)
def test_real_alerts_stay_alerts(text: str, target: float) -> None:
    planned = plan(text)
    assert planned.intent == "price_alert"
    assert planned.slots.target_price == target
    assert (planned.slots.min_price, planned.slots.max_price) == (None, None)


@pytest.mark.parametrize(
    ("text", "intent"),
    [("laundry bag up to 50 dollars", "search"), ("ping me when it drops below 40", "price_alert")],
)
async def test_the_models_alert_needs_a_cue_too(text: str, intent: Intent) -> None:
    model = GenericFakeChatModel(messages=iter([AIMessage("price_alert")]))
    assert await intent_from_model(model, text) == intent
