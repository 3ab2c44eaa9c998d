"""The offline embedding model: real vectors, no download."""

from __future__ import annotations

import numpy as np

from store.catalog import shared_embedder


def test_vectors_are_unit_length_and_meaningful() -> None:
    vectors = shared_embedder().embed(
        ["a quiet blender", "a blender that makes little noise", "running shoes for trails"]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_batching_and_order_do_not_change_vectors() -> None:
    texts = [f"product number {i} " + "word " * (i % 7) for i in range(70)]
    together = shared_embedder().embed(texts)
    alone = shared_embedder().embed(texts[5:6])
    assert np.allclose(together[5], alone[0], atol=1e-4)
    assert shared_embedder().embed([]).shape == (0, 384)
