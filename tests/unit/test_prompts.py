"""Prompt files: each renders with exactly the variables the code passes."""

from __future__ import annotations

import pytest

from prompts import PromptError, placeholders, prompt_names, render_prompt

# What the code passes to each prompt that takes variables; every other prompt takes none.
VARIABLES = {
    "answer": {"directives", "policy", "plan", "data"},
    "opening_request": {"message", "facts"},
    "unresolved_reference": {"mention"},
    "not_available": {"title"},
    "lead_search": {"query"},
    "because_you_prefer": {"reasons"},
    "memory_kept": {"facts"},
    "memory_noted": {"facts"},
    "memory_recall": {"facts"},
    "memory_forgot": {"facts"},
    "memory_forgot_all": {"count"},
    "planner_fallback": None,  # checked by the planner's own tests
}
PROMPTS = prompt_names()


@pytest.mark.parametrize("name", PROMPTS)
def test_prompt_takes_the_variables_the_code_passes(name: str) -> None:
    expected = VARIABLES.get(name, set())
    if expected is None:
        return
    assert placeholders(name) == expected
    text = render_prompt(name, **{v: f"<{v}>" for v in expected})
    assert "<!--" not in text and text.strip()


def test_a_missing_variable_fails_loudly() -> None:
    with pytest.raises(PromptError, match="missing"):
        render_prompt("opening_search", message="x")
    with pytest.raises(PromptError, match="not in the file"):
        render_prompt("no_results", extra="x")
    with pytest.raises(PromptError, match="no prompt file"):
        render_prompt("does_not_exist")
