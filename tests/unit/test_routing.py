"""The router's policy, its breakers and the fallback loop, without a graph."""

from __future__ import annotations

import pytest

from graph.fallback import AnswerFailedError, ModelUnavailableError, answer_with_fallbacks
from graph.generation import ModelError, ModelOutputError, ModelTimeoutError
from graph.models import ModelSpec
from graph.models.breaker import CircuitBreakers
from graph.plan import INTENTS
from graph.routing import (
    NEEDS,
    Attempt,
    ModelNotAllowedError,
    choose_route,
    planning_model,
)

LOCAL = ModelSpec("local", "embedded", embedded=True)
NOVA = ModelSpec(
    "nova", "fast cloud", frozenset({"planning", "directives"}), latency="fast", cost="low"
)
SONNET = ModelSpec(
    "claude-sonnet",
    "capable cloud",
    frozenset({"planning", "directives", "tool_arguments", "long_answers"}),
    latency="medium",
    cost="high",
)
NEURON = ModelSpec("neuron-custom", "custom", frozenset({"directives"}), cost="low")
SLOW = ModelSpec("big", "slow", frozenset({"directives", "long_answers"}), latency="slow")
ALL = [LOCAL, SONNET, NOVA, NEURON]


def chain(intent: str = "search", **options: object) -> list[str]:
    return choose_route(intent, ALL, default="local", **options).chain  # type: ignore[arg-type]


def test_every_intent_has_needs() -> None:
    assert set(NEEDS) == set(INTENTS)


def test_with_only_the_embedded_model_everything_goes_to_it() -> None:
    for intent in INTENTS:
        route = choose_route(intent, [LOCAL], default="local")
        assert route.chain == ["local"]


def test_layout_goes_to_the_cheapest_model_trusted_with_it_and_ends_with_the_embedded() -> None:
    # nova and neuron-custom are both low cost and fast: the file's order breaks the tie
    assert chain("search") == ["nova", "neuron-custom", "local"]
    assert chain("deals", max_attempts=2) == ["nova", "local"]


def test_long_comparisons_go_to_the_model_trusted_with_more_of_the_needs() -> None:
    route = choose_route("compare", ALL, default="local")
    assert route.chain[0] == "claude-sonnet"
    assert route.chain[-1] == "local"
    assert route.needs == ["directives", "long_answers"]
    assert "claude-sonnet is trusted with directives, long_answers" in route.reason


def test_chit_chat_needs_nothing_and_takes_the_default_model() -> None:
    route = choose_route("chit_chat", ALL, default="local")
    assert route.chain[0] == "local"
    assert route.budget == "fast"
    assert "the default model" in route.reason


def test_quick_intents_leave_out_slower_models() -> None:
    assert "claude-sonnet" not in chain("chit_chat")
    assert "claude-sonnet" in chain("compare")


def test_the_latency_budget_excludes_slow_models_unless_nothing_else_is_left() -> None:
    models = [LOCAL, SLOW]
    assert choose_route("compare", models, default="local").chain == ["local"]
    assert choose_route("compare", models, default="local", budget="slow").chain == [
        "big",
        "local",
    ]
    assert choose_route("compare", [SLOW], default="big").chain == ["big"]


def test_a_requested_model_goes_first_then_the_policy() -> None:
    route = choose_route("search", ALL, default="local", requested="neuron-custom")
    assert route.chain == ["neuron-custom", "nova", "local"]
    assert route.reason == "neuron-custom was asked for"
    # even over the latency budget
    requested = choose_route("chit_chat", [LOCAL, SLOW], default="local", requested="big")
    assert requested.chain == ["big", "local"]


def test_the_account_limits_the_models_and_refuses_others_by_name() -> None:
    assert chain("compare", allowed=["local", "nova"]) == ["nova", "local"]
    with pytest.raises(ModelNotAllowedError, match="'claude-sonnet' is not available"):
        chain("compare", allowed=["local"], requested="claude-sonnet")
    with pytest.raises(ModelNotAllowedError, match="none of the enabled models"):
        chain("compare", allowed=[])


def test_open_breakers_are_passed_over_and_said_so() -> None:
    route = choose_route("search", ALL, default="local", available=lambda n: n != "nova")
    assert route.chain == ["neuron-custom", "claude-sonnet", "local"]
    assert route.passed_over == ["nova"]


def test_when_every_breaker_is_open_the_chain_is_tried_anyway() -> None:
    route = choose_route("search", [NOVA, LOCAL], default="local", available=lambda n: False)
    assert route.chain == ["nova", "local"]
    assert route.passed_over == ["nova", "local"]


def test_a_chain_without_an_embedded_model_is_what_the_file_allows() -> None:
    assert choose_route("search", [NOVA, NEURON], default="nova").chain == [
        "nova",
        "neuron-custom",
    ]


def test_the_planning_model() -> None:
    assert planning_model(ALL, default="local") == "nova"  # fast and cheap
    assert planning_model(ALL, default="local", requested="local") == "local"
    assert planning_model([LOCAL], default="local") == "local"
    no_nova = planning_model(ALL, default="local", available=lambda n: n != "nova")
    assert no_nova == "claude-sonnet"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_breaker_opens_after_failures_in_a_row_and_half_opens_after_the_cooldown() -> None:
    clock = Clock()
    breakers = CircuitBreakers(failures=2, cooldown_s=10, clock=clock)
    breakers.failed("x")
    assert breakers.state("x") == "closed"
    breakers.succeeded("x")  # a success resets the count
    breakers.failed("x")
    assert breakers.allows("x")
    breakers.failed("x")
    assert breakers.state("x") == "open" and not breakers.allows("x")
    assert breakers.allows("y")  # one breaker per model
    clock.now = 9.9
    assert not breakers.allows("x")
    clock.now = 10
    assert breakers.state("x") == "half_open" and breakers.allows("x")
    breakers.failed("x")  # the trial failed: open for another cooldown
    assert breakers.state("x") == "open"
    clock.now = 20
    breakers.succeeded("x")
    assert breakers.state("x") == "closed"


class Writer:
    """Fails the models in ``failures`` with the given errors; records what it tried."""

    def __init__(self, failures: dict[str, ModelError], *, shows_before_failing: bool = False):
        self.failures = failures
        self.tried: list[str] = []
        self.shown = False
        self.shows_before_failing = shows_before_failing

    async def __call__(self, name: str) -> None:
        self.tried.append(name)
        if name in self.failures:
            self.shown = self.shows_before_failing
            raise self.failures[name]
        self.shown = True


async def test_fallback_goes_down_the_chain_and_announces_each_takeover() -> None:
    breakers = CircuitBreakers(failures=1)
    writer = Writer({"a": ModelTimeoutError("slow"), "b": ModelUnavailableError("no file")})
    announced: list[tuple[str, list[Attempt]]] = []
    model, failed = await answer_with_fallbacks(
        ["a", "b", "c"],
        writer,
        breakers=breakers,
        started=lambda: writer.shown,
        announce=lambda name, attempts: announced.append((name, attempts)),
    )
    assert model == "c"
    assert [(a.model, a.failure) for a in failed] == [("a", "timeout"), ("b", "unavailable")]
    assert [name for name, _ in announced] == ["b", "c"]
    assert len(announced[1][1]) == 2
    assert not breakers.allows("a") and not breakers.allows("b") and breakers.allows("c")


async def test_bad_output_falls_back_without_tripping_the_breaker() -> None:
    breakers = CircuitBreakers(failures=1)
    writer = Writer({"a": ModelOutputError("empty")})
    model, failed = await answer_with_fallbacks(
        ["a", "b"], writer, breakers=breakers, started=lambda: writer.shown, announce=print
    )
    assert model == "b" and failed == [Attempt(model="a", failure="bad_output")]
    assert breakers.allows("a")


async def test_no_fallback_once_the_shopper_saw_part_of_the_answer() -> None:
    writer = Writer({"a": ModelError("reset")}, shows_before_failing=True)
    with pytest.raises(AnswerFailedError) as failed:
        await answer_with_fallbacks(
            ["a", "b"],
            writer,
            breakers=CircuitBreakers(),
            started=lambda: writer.shown,
            announce=print,
        )
    assert writer.tried == ["a"]
    assert failed.value.attempts == [Attempt(model="a", failure="failed")]


async def test_an_exhausted_chain_reports_every_attempt() -> None:
    writer = Writer({"a": ModelError("down"), "b": ModelTimeoutError("slow")})
    with pytest.raises(AnswerFailedError) as failed:
        await answer_with_fallbacks(
            ["a", "b"],
            writer,
            breakers=CircuitBreakers(),
            started=lambda: writer.shown,
            announce=print,
        )
    assert failed.value.timed_out
    assert "a (failed), b (timeout)" in str(failed.value)
