"""Prompt-lookup speculative decoding on the local model: decoding speed, first token, output.

Grounded answers copy product names and attributes from the prompt, which is where
prompt-lookup drafting (``llama_cpp``'s ``LlamaPromptLookupDecoding``) could pay. Each
setting is its own ``Llama`` built by ``graph.models.speculation.local_llama`` (the app's
settings: n_batch 512, seed 0, ``--threads``, ``--context``): plain, then prompt lookup
with each ``--draft`` count of drafted tokens. Eight grounded prompts (a system prompt and
a user message listing 4-6 products with attributes, asking for a summary or comparison),
in SmolLM2's chat template, are decoded greedily (temperature 0, repeat penalty 1.0, up to
``--max-tokens``) from a cold KV cache every time, so prompt reading is always counted.

One warm-up round is not counted; then ``--rounds`` rounds rotate which setting goes first
per prompt. Prints, per setting: time to first token p50, decoding tokens/s p50 (tokens
after the first over the time after it), the ratio to plain in the same run, the share of
drafted tokens the model accepted, and whether greedy token ids equal plain's on every
prompt; then per-prompt medians.

    python -m bench.speculative [--rounds 3] [--draft 4 10] [--max-tokens 128]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import llama_cpp
import numpy as np
import numpy.typing as npt
from llama_cpp.llama_chat_format import Jinja2ChatFormatter
from llama_cpp.llama_speculative import LlamaDraftModel

from bench.common import percentile
from graph.models.local import bundled_gguf
from graph.models.speculation import local_llama

SYSTEM = (
    "You are the shopping assistant of an online store. Answer using only the product data"
    " the shopper's message gives. Name products exactly as listed."
)
PRODUCTS = {
    "robot vacuums": [
        "Tidybot Map+ Robot Vacuum and Mop, 3400Pa, 90 Min; price $329; suction 3400 Pa;"
        " battery 1.5 h; noise 69 dB; rating 4.4 (812 reviews)",
        "Roverly S6 Pet Robot Vacuum, Self-Emptying; price $389; suction 2700 Pa; battery"
        " 2 h; noise 64 dB; rating 4.6 (1,204 reviews)",
        "Cleanza Slim 2 Robot Vacuum, 2200Pa; price $179; suction 2200 Pa; battery 1.7 h;"
        " noise 66 dB; rating 4.1 (356 reviews)",
        "Dustria Q8 Max Robot Vacuum with LiDAR; price $449; suction 4000 Pa; battery 3 h;"
        " noise 71 dB; rating 4.5 (2,310 reviews)",
        "Tidybot Lite Robot Vacuum; price $149; suction 1800 Pa; battery 1.2 h; noise 62 dB;"
        " rating 3.9 (198 reviews)",
    ],
    "headphones": [
        "Sonavik Aria Wireless Over-Ear Headphones, ANC; price $199; battery 30 h; weight"
        " 250 g; noise cancelling yes; rating 4.5 (1,020 reviews)",
        "Auralis Studio Pro Bluetooth Headphones; price $249; battery 40 h; weight 290 g;"
        " noise cancelling yes; rating 4.7 (640 reviews)",
        "Sonavik Go On-Ear Headphones; price $79; battery 20 h; weight 180 g; noise"
        " cancelling no; rating 4.0 (311 reviews)",
        "Bassline Travel ANC Headphones, Foldable; price $129; battery 35 h; weight 230 g;"
        " noise cancelling yes; rating 4.2 (487 reviews)",
    ],
    "blenders": [
        "Blendova Quiet Pro Blender, 1200 W; price $139; noise 72 dB; jar 1.8 l; speeds 6;"
        " rating 4.4 (530 reviews)",
        "Vortexa Power Blender, 1500 W; price $119; noise 88 dB; jar 2 l; speeds 10; rating"
        " 4.3 (905 reviews)",
        "Blendova Mini Personal Blender, 400 W; price $39; noise 78 dB; jar 0.6 l; speeds 2;"
        " rating 4.1 (1,412 reviews)",
        "Kitchara Silent Blender with Sound Shield; price $149; noise 68 dB; jar 1.5 l;"
        " speeds 8; rating 4.6 (221 reviews)",
        "Mixwell Classic Blender, 700 W; price $59; noise 84 dB; jar 1.25 l; speeds 3;"
        " rating 3.8 (176 reviews)",
        "Vortexa Compact Blender, 900 W; price $89; noise 80 dB; jar 1.2 l; speeds 5;"
        " rating 4.0 (342 reviews)",
    ],
    "espresso machines": [
        "Kafeo Barista Touch Espresso Machine, 15 Bar; price $399; pressure 15 bar; water"
        " tank 1.8 l; grinder built-in; rating 4.5 (760 reviews)",
        "Kafeo Piccolo Espresso Maker; price $149; pressure 15 bar; water tank 1 l; grinder"
        " none; rating 4.1 (1,133 reviews)",
        "Crematic Duo Espresso and Cappuccino Machine, 20 Bar; price $279; pressure 20 bar;"
        " water tank 1.5 l; grinder none; rating 4.3 (402 reviews)",
        "Brewster Pro Espresso Machine with Grinder; price $549; pressure 15 bar; water tank"
        " 2.5 l; grinder built-in; rating 4.7 (288 reviews)",
    ],
}
ASKS = {
    "robot vacuums": [
        "Which of these robot vacuums is best for pet hair under $400? Compare them.",
        "Summarize these robot vacuums: suction, battery and noise for each.",
    ],
    "headphones": [
        "Compare these headphones for long flights: battery, weight and noise cancelling.",
        "Summarize these headphones and say which is the best value.",
    ],
    "blenders": [
        "I want a quiet blender under $150. Compare the options by noise and price.",
        "Summarize these blenders: power, noise and jar size for each.",
    ],
    "espresso machines": [
        "Compare these espresso machines: which ones have a built-in grinder?",
        "Summarize these espresso machines for a beginner, with prices.",
    ],
}


def grounded_messages() -> list[list[dict[str, str]]]:
    """The chat messages of each benchmark prompt: system, then products and a question."""
    prompts = []
    for category, asks in ASKS.items():
        listing = "\n".join(f"- {product}" for product in PRODUCTS[category])
        for ask in asks:
            user = f"Products found for the shopper ({category}):\n{listing}\n\n{ask}"
            prompts.append(
                [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]
            )
    return prompts


def chat_tokens(llm: llama_cpp.Llama, messages: list[dict[str, str]]) -> list[int]:
    """``messages`` in the model file's chat template, as ``create_chat_completion`` sends them."""
    formatter = Jinja2ChatFormatter(
        template=str(llm.metadata["tokenizer.chat_template"]),
        eos_token=llm.detokenize([llm.token_eos()], special=True).decode(),
        bos_token=llm.detokenize([llm.token_bos()], special=True).decode(),
    )
    prompt = formatter(messages=messages).prompt  # type: ignore[arg-type]
    return list(llm.tokenize(prompt.encode(), add_bos=False, special=True))


class CountingDraft(LlamaDraftModel):
    """A draft model that counts the steps it drafted for and the tokens it proposed."""

    def __init__(self, inner: LlamaDraftModel) -> None:
        self.inner = inner
        self.steps = 0
        self.drafted = 0

    def __call__(self, input_ids: npt.NDArray[np.intc], /, **kwargs: Any) -> npt.NDArray[np.intc]:
        """The inner model's draft for ``input_ids``, counted."""
        draft = self.inner(input_ids, **kwargs)
        self.steps += 1
        self.drafted += len(draft)
        return draft


@dataclass(frozen=True)
class Run:
    """One greedy generation from a cold cache."""

    first_token: float
    """Seconds from the call to the first generated token (reading the prompt)."""
    decode_rate: float
    """Tokens after the first, per second after the first."""
    tokens: tuple[int, ...]
    accepted: int = 0
    """Drafted tokens the model kept."""
    drafted: int = 0


def generate(llm: llama_cpp.Llama, prompt: list[int], max_tokens: int) -> Run:
    """Decode greedily from an empty KV cache, stopping at end of turn or ``max_tokens``."""
    draft = llm.draft_model if isinstance(llm.draft_model, CountingDraft) else None
    steps0, drafted0 = (draft.steps, draft.drafted) if draft else (0, 0)
    llm.reset()  # type: ignore[no-untyped-call]  # a cold cache: prompt reading counts
    started = time.perf_counter()
    first = 0.0
    tokens: list[int] = []
    yielded = 0
    for token in llm.generate(prompt, temp=0.0, repeat_penalty=1.0):
        yielded += 1
        if yielded == 1:
            first = time.perf_counter()
        if token == llm.token_eos():
            break
        tokens.append(token)
        if len(tokens) == max_tokens:
            break
    ended = time.perf_counter()
    rate = (len(tokens) - 1) / (ended - first) if len(tokens) > 1 else 0.0
    if draft is None:
        return Run(first - started, rate, tuple(tokens))
    steps, drafted = draft.steps - steps0, draft.drafted - drafted0
    # The prompt's step yields one token; each verifying step one plus the drafts it kept.
    accepted = max(0, yielded - 1 - steps)
    return Run(first - started, rate, tuple(tokens), accepted, drafted)


def build_settings(args: argparse.Namespace) -> dict[str, llama_cpp.Llama]:
    path = bundled_gguf()
    common = {"threads": args.threads, "context_tokens": args.context}
    settings = {"plain": local_llama(path, speculative=False, **common)}
    for n in args.draft:
        llm = local_llama(
            path, speculative=True, draft_tokens=n, max_ngram=args.max_ngram, **common
        )
        assert llm.draft_model is not None
        llm.draft_model = CountingDraft(llm.draft_model)
        settings[f"lookup, {n} drafted"] = llm
    return settings


def run_rounds(
    settings: dict[str, llama_cpp.Llama], prompts: Sequence[list[int]], args: argparse.Namespace
) -> dict[str, dict[int, list[Run]]]:
    """Runs by setting, then by prompt index; the warm-up round is left out."""
    runs: dict[str, dict[int, list[Run]]] = {name: defaultdict(list) for name in settings}
    names = list(settings)
    for round_ in range(args.rounds + 1):
        started = time.perf_counter()
        for n, prompt in enumerate(prompts):
            shift = (round_ + n) % len(names)
            for name in names[shift:] + names[:shift]:
                run = generate(settings[name], prompt, args.max_tokens)
                if round_:
                    runs[name][n].append(run)
        label = f"round {round_}" if round_ else "warm-up"
        print(f"{label}: {time.perf_counter() - started:.0f} s")
    return runs


def _p50(values: Sequence[float]) -> float:
    return percentile(values, 50)


def print_summary(runs: dict[str, dict[int, list[Run]]], n_prompts: int) -> None:
    plain = [r for rs in runs["plain"].values() for r in rs]
    plain_rate, plain_first = (
        _p50([r.decode_rate for r in plain]),
        _p50([r.first_token for r in plain]),
    )
    print(
        f"\n{'setting':<20} {'runs':>5} {'first tok p50 s':>16} {'x plain':>8}"
        f" {'tok/s p50':>10} {'x plain':>8} {'accepted':>9} {'tokens p50':>11}"
    )
    for name, by_prompt in runs.items():
        rs = [r for r_list in by_prompt.values() for r in r_list]
        first, rate = _p50([r.first_token for r in rs]), _p50([r.decode_rate for r in rs])
        drafted = sum(r.drafted for r in rs)
        accepted = f"{sum(r.accepted for r in rs) / drafted:.0%}" if drafted else "-"
        length = statistics.median(len(r.tokens) for r in rs)
        print(
            f"{name:<20} {len(rs):>5} {first:>16.3f} {first / plain_first:>8.2f}"
            f" {rate:>10.1f} {rate / plain_rate:>8.2f} {accepted:>9} {length:>11.0f}"
        )
    for name, by_prompt in runs.items():
        if name == "plain":
            continue
        same = sum(
            all(r.tokens == p.tokens for r, p in zip(by_prompt[n], runs["plain"][n], strict=True))
            for n in range(n_prompts)
        )
        verdict = "yes" if same == n_prompts else "no"
        print(f"identical greedy output ({name}): {verdict} ({same}/{n_prompts} prompts)")


def print_per_prompt(runs: dict[str, dict[int, list[Run]]], lengths: Sequence[int]) -> None:
    names = list(runs)
    print(f"\nper prompt (medians): tok/s, first token s for {' | '.join(names)}")
    for n, length in enumerate(lengths):
        cells = [
            f"{_p50([r.decode_rate for r in runs[name][n]]):6.1f}"
            f" {_p50([r.first_token for r in runs[name][n]]):5.3f}"
            for name in names
        ]
        print(f"  prompt {n + 1} ({length} tokens): {' | '.join(cells)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=3, help="Timed rounds after a warm-up.")
    parser.add_argument("--draft", type=int, nargs="+", default=[4, 10], help="Drafted tokens.")
    parser.add_argument("--max-ngram", type=int, default=2, help="Longest n-gram looked up.")
    parser.add_argument("--max-tokens", type=int, default=128, help="Tokens per answer.")
    parser.add_argument("--threads", type=int, default=2, help="llama.cpp threads.")
    parser.add_argument("--context", type=int, default=2048, help="Context window (n_ctx).")
    args = parser.parse_args()
    settings = build_settings(args)
    prompts = [chat_tokens(settings["plain"], m) for m in grounded_messages()]
    lengths = [len(p) for p in prompts]
    print(
        f"speculative: {len(prompts)} prompts ({min(lengths)}-{max(lengths)} tokens)"
        f" x {args.rounds} rounds x {len(settings)} settings, {args.threads} threads,"
        f" up to {args.max_tokens} tokens, greedy"
    )
    runs = run_rounds(settings, prompts, args)
    print_summary(runs, len(prompts))
    print_per_prompt(runs, lengths)


if __name__ == "__main__":
    main()
