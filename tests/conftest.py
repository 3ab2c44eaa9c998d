"""Shared fixtures: isolated data homes, both database backends, offline settings."""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from store.catalog import Catalog

# Nothing in the test suite may reach beyond 127.0.0.1 (libraries phone home on their own).
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("LANGSMITH_TRACING", "false")

POSTGRES_URL = os.environ.get(
    "SHOPGRAPH_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _postgres_reachable() -> str | None:
    """None if PostgreSQL answers, else why not."""
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            pass
        import psycopg

        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return None
    except Exception as exc:  # any failure means: run without it, and say why
        return f"{type(exc).__name__}: {exc}"


_POSTGRES_PROBLEM = _postgres_reachable()


def pytest_report_header() -> list[str]:
    if _POSTGRES_PROBLEM is None:
        return [f"store tests: SQLite and PostgreSQL ({POSTGRES_URL})"]
    return [
        f"store tests: SQLite only; PostgreSQL not reachable at {POSTGRES_URL}"
        f" ({_POSTGRES_PROBLEM})"
    ]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    """Each store test runs on SQLite and, when reachable, on PostgreSQL (own schema)."""
    if request.param == "sqlite":
        yield None
        return
    if _POSTGRES_PROBLEM is not None:
        pytest.skip(f"PostgreSQL not reachable: {_POSTGRES_PROBLEM}")
    import psycopg

    schema = f"sg_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def store_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str | None) -> Path:
    """A fresh SHOPGRAPH_HOME (and database) in the environment; returns the home."""
    home = tmp_path / "home"
    monkeypatch.setenv("SHOPGRAPH_HOME", str(home))
    if database_url:
        monkeypatch.setenv("SHOPGRAPH_DATABASE_URL", database_url)
    else:
        monkeypatch.delenv("SHOPGRAPH_DATABASE_URL", raising=False)
    return home


NOW = dt.datetime(2026, 11, 22, 12, 0)
"""The tests' fixed clock (naive UTC)."""
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def catalog(store_env: Path) -> Iterator[Catalog]:
    """An empty catalog on a fresh home, with the clock fixed at ``NOW``."""
    from store.catalog import Catalog
    from store.config import StoreSettings

    opened = Catalog(StoreSettings(), clock=lambda: NOW)
    yield opened
    opened.close()


@pytest.fixture
def loaded(catalog: Catalog) -> Catalog:
    """The catalog with ``fixtures/catalog.jsonl`` loaded."""
    from store.ingest import ingest_paths

    ingest_paths(catalog, [FIXTURES / "catalog.jsonl"])
    return catalog
