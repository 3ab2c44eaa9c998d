"""Building the local model's ``llama_cpp.Llama``, with or without prompt-lookup drafting.

Prompt-lookup decoding drafts the next tokens by finding the last few generated tokens
earlier in the sequence (the prompt, mostly) and copying what followed them; the model
then checks the whole draft in one batch and keeps the prefix it agrees with. Greedy
output is unchanged; only speed can differ. ``python -m bench.speculative`` measures it.
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
    ``python -m bench.speculative``, greedy, 8 grounded prompts of 250-420 tokens): it
    does not pay here. Checking a batch of drafted tokens costs several times one
    token's step, and answers copy from the prompt in short runs, so too few drafts are
    accepted; decoding ran at 0.71x (4 drafted tokens) and 0.46x (10) of plain tokens/s
    in the same run. ``logits_all`` (required, below) also makes reading the prompt
    compute and copy logits for every prompt token: time to first token 1.26-1.35x, and
    an ``n_ctx`` x 49,152 float array (400 MB at 2,048 tokens). Greedy output was
    identical with and without it (8/8 prompts). It can pay where one step is
    memory-bound and a batch costs about as much as one token: bigger models, more
    cores or a GPU, and long verbatim copies. Measure there before turning it on.

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
