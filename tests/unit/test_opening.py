"""The opening gate: refusals and prompt echoes never reach the shopper."""

from __future__ import annotations

import pytest

from graph.opening import OpeningGate, acceptable_opening, words

FACTS = ["Hushmix 600 Quiet Blender", "Breezy Blend Compact"]
LEAD = 'Here are the best matches for "quiet blender".'


def run(chunks: list[str]) -> tuple[str, OpeningGate]:
    gate = OpeningGate(FACTS, LEAD)
    shown = "".join(gate.feed(chunk) for chunk in chunks) + gate.close()
    return shown, gate


def test_a_good_line_streams_after_the_first_words() -> None:
    line = "These quiet blenders are easy to clean and gentle on your ears."
    gate = OpeningGate(FACTS, LEAD)
    pieces = [gate.feed(piece) for piece in words(line)]
    assert pieces[:6] == [""] * 6  # held back while the first words are judged
    assert "".join(pieces) + gate.close() == line


def test_a_short_good_line_is_shown_at_the_end() -> None:
    assert run(["Great ", "picks!"])[0] == "Great picks!"


@pytest.mark.parametrize(
    "line",
    [
        "I'm sorry for the confusion, but as a shopping assistant I can't help.",
        "(Found: Hushmix 600 Quiet Blender; Breezy Blend Compact)",
        "Request: a quiet blender under 150",
    ],
)
def test_a_bad_start_is_replaced_by_the_lead(line: str) -> None:
    shown, gate = run(words(line))
    assert shown == LEAD and not gate.open


def test_a_line_that_turns_into_an_echo_is_cut() -> None:
    line = "Here are some lovely blenders for you today: Hushmix 600 Quiet Blender; Breezy"
    shown, gate = run(words(line))
    assert shown.startswith("Here are some lovely blenders") and ";" not in shown
    assert gate.stopped


def test_copying_two_product_names_is_an_echo() -> None:
    assert not acceptable_opening("Hushmix 600 Quiet Blender and Breezy Blend Compact.", FACTS)
    assert acceptable_opening("The Hushmix 600 Quiet Blender is a quiet pick.", FACTS)


def test_one_line_only_and_leading_newlines_are_skipped() -> None:
    shown, gate = run(["\n\n", "Lovely ", "picks.\nSecond line"])
    assert shown == "Lovely picks." and gate.finished
