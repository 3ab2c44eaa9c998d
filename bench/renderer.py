"""Streaming renderer throughput: a long answer fed in 1-, 4- and 16-character chunks and whole.

The answer is realistic model output: prose with directives (``<product id="X"/>``,
``<compare>``, ``<reviews>``, ``<price-history>``, ``<action>``, ``<link>``), one naming an
unknown id, prices the shopper wrote and prices the guard must replace, ``<b>`` markup and
stray ``<`` ("weighs < 2 kg", "<3", "if a <b then"). For each chunking, prints the median
over ``--repeat`` runs of feeding every chunk to a fresh ``StreamRenderer`` and closing it,
as characters per second and microseconds per chunk, beside the baseline measured in the
same run: appending the same chunks to a ``str`` (the least any consumer of the stream
does), so "x baseline" is what parsing costs. Four characters is about one model token;
for scale, the local model writes a token every ~7 ms (~142 tokens/s).

    python -m bench.renderer [--sections 12] [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial

from graph.renderer import Dropped, Found, RenderOutput, StreamRenderer, Text

SECTION = (
    'For a quiet kitchen the {name} is the pick: <product id="{id}"/> It runs at 62 dB, '
    "weighs < 2 kg and costs $129.99 today, down from $150 (reviewers <3 it). Against the "
    '{other}: <compare ids="{id},{other_id}" attrs="noise,capacity"/> the {name} is '
    "quieter but holds 1.2 L, not 1.5 L; if a <b then it is the smaller one. What owners "
    'say about the noise: <reviews id="{id}" aspect="noise"/> and its price over 90 '
    'days: <price-history id="{id}" days="90"/> <b>Tip:</b> set an alert at $110 '
    '<action do="set_alert" id="{id}" price="110"/>, skip <product id="GONE-{n}"/> '
    'and read the <link id="{id}" label="manual"/> before you buy.\n\n'
)
ALLOWED_AMOUNTS = (150.0, 110.0)
"""The amounts the shopper wrote ("under $150", "alert me at $110")."""
CHUNK_SIZES = (1, 4, 16)
MODEL_TOKEN_US = 1e6 / 142
"""The local model's time per generated token (``offline-models.md``: ~142 tokens/s)."""


def answer(sections: int) -> tuple[str, list[str]]:
    """The answer text and the product ids retrieval returned for it."""
    ids = [f"BLND-{n:05d}" for n in range(sections + 1)]
    text = "".join(
        SECTION.format(
            name=f"Blendova Quiet {n}",
            id=ids[n],
            other=f"Kitchora {n + 1}",
            other_id=ids[n + 1],
            n=n,
        )
        for n in range(sections)
    )
    return text, ids


def chunked(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] if size else [text]


def render(chunks: Sequence[str], ids: Sequence[str]) -> list[RenderOutput]:
    renderer = StreamRenderer(ids, allowed_amounts=ALLOWED_AMOUNTS)
    outputs = [item for chunk in chunks for item in renderer.feed(chunk)]
    return outputs + renderer.close()


def concatenate(chunks: Sequence[str]) -> str:
    out = ""
    for chunk in chunks:
        out += chunk
    return out


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    run()  # warm up
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def summary(outputs: Sequence[RenderOutput]) -> tuple[str, Counter[str]]:
    """The shown text (directives as markers) and counts by kind, to compare splits."""
    counts: Counter[str] = Counter()
    shown = []
    for item in outputs:
        if isinstance(item, Text):
            shown.append(item.text)
        elif isinstance(item, Found):
            counts[f"found {item.directive.tag}"] += 1
            shown.append(f"[{item.directive.tag}]")
        elif isinstance(item, Dropped):
            counts[f"dropped {item.reason}"] += 1
    return "".join(shown), counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sections", type=int, default=12, help="Answer length, in sections.")
    parser.add_argument("--repeat", type=int, default=15, help="Timed runs per chunking.")
    args = parser.parse_args()
    text, ids = answer(args.sections)
    reference = summary(render([text], ids))
    print(f"renderer: an answer of {len(text):,} characters, {args.repeat} runs per chunking")
    print("what it renders to:", ", ".join(f"{k} {v}" for k, v in sorted(reference[1].items())))
    print(
        f"\n{'chunks of':<10} {'chunks':>7} {'baseline us/chunk':>18} {'renderer us/chunk':>18}"
        f" {'renderer chars/s':>17} {'x baseline':>11}"
    )
    same, token_us = True, 0.0
    for size in (*CHUNK_SIZES, 0):
        chunks = chunked(text, size)
        same = same and summary(render(chunks, ids)) == reference
        base = median_seconds(partial(concatenate, chunks), args.repeat)
        ours = median_seconds(partial(render, chunks, ids), args.repeat)
        per_chunk = [seconds * 1e6 / len(chunks) for seconds in (base, ours)]
        ratio = f"{ours / base:>10.0f}x" if size else f"{'n/a':>11}"  # one append: no baseline
        print(
            f"{size or 'whole':<10} {len(chunks):>7} {per_chunk[0]:>18.2f} {per_chunk[1]:>18.2f}"
            f" {len(text) / ours:>17,.0f} {ratio}"
        )
        if size == 4:
            token_us = per_chunk[1]
    print(f"same outputs for every split (adjacent text merged): {'yes' if same else 'NO'}")
    print(
        f"at 4 characters a chunk (about a token) the renderer adds {token_us:.1f} us a token:"
        f" {token_us / MODEL_TOKEN_US:.2%} of the local model's ~{MODEL_TOKEN_US / 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
