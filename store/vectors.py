"""The dense index: product embeddings in chromadb, kept in step with the database.

The database is the source of truth. ``sync`` compares each product's content hash with the
one stored beside its vector and re-embeds only what changed, so ingest updates the index
incrementally and a crash between the two is repaired by the next sync.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from store.documents import dense_text
from store.embeddings import MODEL_NAME, MiniLMEmbedder

COLLECTION = "products"
EXACT_LIMIT = 4096
"""Filtered searches over at most this many products score every one of them exactly."""


def _register_embedding_function(embedder: MiniLMEmbedder) -> Any:
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

    class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
        """chromadb face of the offline MiniLM embedder."""

        def __init__(self) -> None:
            self._embedder = embedder

        def __call__(self, input: Documents) -> Embeddings:
            return list(self._embedder.embed(list(input)))

        @staticmethod
        def name() -> str:
            return f"shopgraph-{MODEL_NAME}"

        def get_config(self) -> dict[str, Any]:
            return {}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> MiniLMEmbeddingFunction:
            return MiniLMEmbeddingFunction()

        def default_space(self) -> Any:
            return "cosine"

    return MiniLMEmbeddingFunction()


class VectorIndex:
    """Products' dense vectors in a chromadb collection under ``folder``."""

    def __init__(self, folder: Path, embedder: MiniLMEmbedder) -> None:
        import chromadb
        from chromadb.config import Settings

        folder.mkdir(parents=True, exist_ok=True)
        self._embedder = embedder
        client = chromadb.PersistentClient(
            path=str(folder), settings=Settings(anonymized_telemetry=False, allow_reset=False)
        )
        self._collection = client.get_or_create_collection(
            COLLECTION,
            embedding_function=_register_embedding_function(embedder),
            configuration={"hnsw": {"space": "cosine"}},
        )

    @property
    def generation(self) -> int:
        """The catalog generation this index was last synced to (0 if never)."""
        return int((self._collection.metadata or {}).get("generation", 0))

    def count(self) -> int:
        """Number of vectors in the index."""
        return int(self._collection.count())

    def sync(
        self,
        generation: int,
        hashes: Mapping[str, str],
        load_rows: Callable[[Sequence[str]], Sequence[Mapping[str, Any]]],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Bring the index to ``hashes`` (product id -> content hash); returns vectors written."""
        if generation == self.generation and self.count() == len(hashes):
            return 0
        stored = self._collection.get(include=["metadatas"])
        indexed = {
            pid: (meta or {}).get("content_hash")
            for pid, meta in zip(stored["ids"], stored["metadatas"] or [], strict=False)
        }
        stale = sorted(pid for pid, digest in hashes.items() if indexed.get(pid) != digest)
        gone = [pid for pid in indexed if pid not in hashes]
        if gone:
            self._collection.delete(ids=gone)
        for start in range(0, len(stale), 256):
            rows = load_rows(stale[start : start + 256])
            vectors = self._embedder.embed([dense_text(row) for row in rows])
            self._collection.upsert(
                ids=[row["id"] for row in rows],
                embeddings=vectors,
                metadatas=[{"content_hash": row["content_hash"]} for row in rows],
            )
            if progress:
                progress(len(rows))
        self._collection.modify(metadata={"generation": generation})
        return len(stale)

    def rank(
        self, query: str, *, allowed: Sequence[str] | None, limit: int
    ) -> list[tuple[str, float]]:
        """Product ids by cosine similarity to ``query``, restricted to ``allowed`` if given."""
        if self.count() == 0 or (allowed is not None and not allowed):
            return []
        vector = self._embedder.embed([query])[0]
        if allowed is not None and len(allowed) <= EXACT_LIMIT:
            return self._rank_exact(vector, allowed, limit)
        wanted = limit if allowed is None else min(self.count(), limit * 8)
        found = self._collection.query(
            query_embeddings=[vector], n_results=min(wanted, self.count())
        )
        permitted = None if allowed is None else set(allowed)
        pairs = zip(found["ids"][0], (found["distances"] or [[]])[0], strict=True)
        ranked = [
            (pid, 1.0 - float(d)) for pid, d in pairs if permitted is None or pid in permitted
        ]
        return ranked[:limit]

    def _rank_exact(
        self, vector: np.ndarray[Any, Any], allowed: Sequence[str], limit: int
    ) -> list[tuple[str, float]]:
        got = self._collection.get(ids=list(allowed), include=["embeddings"])
        if not got["ids"]:
            return []
        matrix = np.asarray(got["embeddings"], dtype=np.float32)
        scores = matrix @ vector
        order = np.argsort(-scores)[:limit]
        return [(got["ids"][i], float(scores[i])) for i in order]
