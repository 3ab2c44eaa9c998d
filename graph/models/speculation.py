"""Building the local model's ``llama_cpp.Llama``, with or without prompt-lookup drafting.

Prompt-lookup decoding drafts the next tokens by finding the last few generated tokens
earlier in the sequence (the prompt, mostly) and copying what followed them; the model
then checks the whole draft in one batch and keeps the prefix it agrees with. In theory
greedy output is unchanged; here it is not (below). ``python -m bench.speculative``
measures speed and output.
"""

from __future__ import annotations

from pathlib import Path

import llama_cpp
from llama_cpp.llama_speculative import LlamaPromptLookupDecoding


def local_llama(
    path: Path,
    *,
    threads: int,
    context_tokens: int,
    speculative: bool,
    draft_tokens: int = 10,
    max_ngram: int = 2,
) -> llama_cpp.Llama:
    """The model at ``path`` with the app's settings, optionally with prompt-lookup drafts.

    When it pays and when not (SmolLM2-135M Q4_1, llama-cpp-python 0.3.36, 2 cores,
    ``python -m bench.speculative``: 8 grounded prompts of 267-366 tokens, greedy, 128
    tokens, 3 rounds): not here. Decoding ran at 0.62x plain tokens/s with 4 drafted
    tokens (29% of drafts accepted) and 0.42x with 10 (15%), in the same run; time to
    first token was 1.2x, because ``logits_all`` makes prompt reading keep logits for
    every token (and allocates ``n_ctx`` x 49,152 floats, 400 MB at 2,048). Greedy
    output also changed: identical on only 2/8 prompts, diverging as early as the 4th
    token (``logits_all`` alone changes nothing; verifying drafts in a batch does). It
    may pay where one step is memory-bound and a batch costs about one token's time
    (bigger models, a GPU) on long verbatim copies; measure there, and accept that
    greedy output is not reproduced exactly.

    Args:
        path: The GGUF file.
        threads: CPU threads for llama.cpp.
        context_tokens: The context window (``n_ctx``).
        speculative: Draft tokens by prompt lookup and verify them in one batch.
        draft_tokens: Tokens drafted per step (``num_pred_tokens``).
        max_ngram: Longest n-gram of the latest tokens looked up in the sequence.

    Returns:
        The loaded model. With ``speculative``, ``logits_all=True``: without it,
        llama-cpp-python 0.3.36 sizes its logits buffer by ``n_batch`` and crashes on
        sequences past 512 tokens.
    """
    draft = (
        LlamaPromptLookupDecoding(num_pred_tokens=draft_tokens, max_ngram_size=max_ngram)
        if speculative
        else None
    )
    return llama_cpp.Llama(
        model_path=str(path),
        n_ctx=context_tokens,
        n_batch=512,
        n_threads=threads,
        seed=0,
        verbose=False,
        logits_all=speculative,
        draft_model=draft,
    )
