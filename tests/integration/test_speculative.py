"""Prompt-lookup speculative decoding on the real local model: same greedy output, no crash."""

from __future__ import annotations

from collections.abc import Iterator

import llama_cpp
import pytest

from graph.models.local import bundled_gguf
from graph.models.speculation import local_llama

SYSTEM = "You are the shopping assistant of an online store. Answer using only the product data."
VACUUMS = """Products found (robot vacuums):
- Tidybot Map+ Robot Vacuum and Mop, 3400Pa, 90 Min; price $329; suction 3400 Pa; battery 1.5 h
- Roverly S6 Pet Robot Vacuum, Self-Emptying; price $389; suction 2700 Pa; battery 2 h
- Cleanza Slim 2 Robot Vacuum, 2200Pa; price $179; suction 2200 Pa; battery 1.7 h
- Dustria Q8 Max Robot Vacuum with LiDAR; price $449; suction 4000 Pa; battery 3 h"""
HEADPHONES = """Products found (headphones):
- Sonavik Aria Wireless Over-Ear Headphones, ANC; price $199; battery 30 h; weight 250 g
- Auralis Studio Pro Bluetooth Headphones; price $249; battery 40 h; weight 290 g
- Sonavik Go On-Ear Headphones; price $79; battery 20 h; weight 180 g
- Bassline Travel ANC Headphones, Foldable; price $129; battery 35 h; weight 230 g"""
ASKS = [
    f"{VACUUMS}\n\nSummarize these robot vacuums: suction and battery for each.",
    f"{HEADPHONES}\n\nCompare these headphones for long flights.",
]


def chat_tokens(llm: llama_cpp.Llama, user: str) -> list[int]:
    """A system and a user message in SmolLM2's chat template (ChatML)."""
    prompt = (
        f"<|im_start|>system\n{SYSTEM}<|im_end|>\n<|im_start|>user\n{user}<|im_end|>\n"
        "<|im_start|>assistant\n"
    )
    return list(llm.tokenize(prompt.encode(), add_bos=False, special=True))


def greedy(llm: llama_cpp.Llama, prompt: list[int], max_tokens: int) -> list[int]:
    llm.reset()  # type: ignore[no-untyped-call]
    tokens: list[int] = []
    for token in llm.generate(prompt, temp=0.0, repeat_penalty=1.0):
        if token == llm.token_eos() or len(tokens) == max_tokens:
            break
        tokens.append(token)
    return tokens


@pytest.fixture(scope="module")
def models() -> Iterator[tuple[llama_cpp.Llama, llama_cpp.Llama]]:
    path = bundled_gguf()
    plain = local_llama(path, threads=2, context_tokens=1024, speculative=False)
    lookup = local_llama(path, threads=2, context_tokens=1024, speculative=True, draft_tokens=4)
    yield plain, lookup
    plain.close()
    lookup.close()


# Measured (bench.speculative): verifying drafts in a batch changes greedy output (6/8
# prompts, as early as the 4th token); logits_all alone does not. Strict: a fix will show.
@pytest.mark.xfail(strict=True, reason="llama-cpp-python 0.3.36: batched verification")
@pytest.mark.parametrize("ask", ASKS, ids=["vacuums", "headphones"])
def test_greedy_output_is_the_same_with_speculation(
    models: tuple[llama_cpp.Llama, llama_cpp.Llama], ask: str
) -> None:
    plain, lookup = models
    prompt = chat_tokens(plain, ask)
    expected = greedy(plain, prompt, 48)
    assert len(expected) >= 8
    assert greedy(lookup, prompt, 48) == expected


def test_sequences_past_512_tokens_do_not_crash(
    models: tuple[llama_cpp.Llama, llama_cpp.Llama],
) -> None:
    _, lookup = models
    listings = "\n\n".join([VACUUMS, HEADPHONES] * 2)
    prompt = chat_tokens(lookup, f"{listings}\n\nCompare them.")
    assert 512 < len(prompt) < 900
    assert len(greedy(lookup, prompt, 48)) > 0
