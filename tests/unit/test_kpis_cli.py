"""``shopgraph kpis`` end to end: events in the store, measures out, usage errors exit 2."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from graph.services import Services
from memory.thread_events import ThreadEvents
from shopgraph.cli import app
from store.catalog import Catalog
from store.ingest import ingest_paths
from tests.api_client import api_client, chat, new_key, parse_sse
from tests.conftest import NOW

runner = CliRunner()

JAR = {
    "type": "product",
    "id": "BL-JAR",
    "title": "Hushmix Spare 1.5 L Blender Jar",
    "brand": "Hushmix",
    "category": ["Home & Kitchen", "Kitchen Appliances", "Blender Accessories"],
    "description": "A spare jar with blades for the Hushmix 600.",
    "offer": {"price": 24.99, "currency": "USD", "stock": 30, "shipping_days": 2},
}
"""An accessory of the fixture blenders (its leaf names 'accessories')."""


@pytest.fixture
def store(loaded: Catalog, tmp_path: Path) -> Catalog:
    """The fixture catalog with one accessory added."""
    feed = tmp_path / "accessory.jsonl"
    feed.write_text(json.dumps(JAR) + "\n")
    ingest_paths(loaded, [feed])
    return loaded


def seconds(n: float) -> dt.datetime:
    return NOW + dt.timedelta(seconds=n)


def kpis_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["kpis", "--json", *args])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_the_measures_of_a_day_as_json_and_as_a_table(store: Catalog) -> None:
    log = ThreadEvents(store.engine)
    log.record("t-attach", "acct_ann", "question", seconds(0))
    log.record("t-attach", "acct_ann", "add_to_cart", seconds(30), "BL-QUIET", 1)
    log.record("t-attach", "acct_ann", "add_to_cart", seconds(45), "BL-JAR", 1)
    log.record("t-attach", "acct_ann", "order", seconds(80), quantity=2)
    log.record("t-single", "acct_bob", "question", seconds(10))
    log.record("t-single", "acct_bob", "add_to_cart", seconds(100), "HP-ANC", 1)
    log.record("t-browse", "acct_cid", "question", seconds(20))
    log.record("t-yesterday", "acct_cid", "question", NOW - dt.timedelta(days=1))

    day = kpis_json("--since", "2026-11-22", "--until", "2026-11-22")
    assert day["since"] == "2026-11-22T00:00:00" and day["until"] == "2026-11-23T00:00:00"
    assert (day["sessions"], day["sessions_adding_to_cart"]) == (3, 2)
    assert day["add_to_cart_share"] == pytest.approx(2 / 3)
    assert day["seconds_to_add_median"] == 60  # of 30 and 90
    assert day["seconds_to_add_p90"] == pytest.approx(84)
    assert (day["sessions_with_primary"], day["sessions_attaching_accessory"]) == (2, 1)
    assert day["accessory_attachment_rate"] == 0.5
    assert day["sessions_ordering"] == 1
    assert kpis_json()["sessions"] == 4  # no window: every event

    result = runner.invoke(app, ["kpis", "--since", "2026-11-22T00:00+01:00"])
    assert result.exit_code == 0, result.output
    table = result.stdout
    assert "window: 2026-11-21 23:00:00 to now (UTC)" in table
    assert value(table, "sessions") == "3"
    assert value(table, "sessions adding to cart") == "2 (66.7%)"  # yesterday's is out
    assert value(table, "time to first add, median") == "1 min 00 s"
    assert value(table, "time to first add, p90") == "1 min 24 s"
    assert value(table, "sessions adding a primary") == "2"
    assert value(table, "and an accessory of it") == "1"
    assert value(table, "accessory attachment rate") == "50.0%"
    assert value(table, "sessions ordering") == "1"


def value(table: str, measure: str) -> str:
    """The value cell of the table's row for ``measure``."""
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip("│ ").split("│")]
        if cells[0] == measure:
            return cells[1]
    raise AssertionError(f"no row {measure!r} in\n{table}")


def test_an_empty_window_prints_zeros_and_dashes(store: Catalog) -> None:
    empty = kpis_json("--until", "2026-01-01T00:00")
    assert empty["sessions"] == empty["sessions_adding_to_cart"] == 0
    assert empty["add_to_cart_share"] is None
    assert empty["seconds_to_add_median"] is None
    assert empty["accessory_attachment_rate"] is None
    result = runner.invoke(app, ["kpis"])
    assert result.exit_code == 0, result.output
    assert value(result.stdout, "sessions") == "0"
    assert value(result.stdout, "sessions adding to cart") == "0 (-)"
    assert value(result.stdout, "time to first add, median") == "-"
    assert value(result.stdout, "accessory attachment rate") == "-"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "yesterday"], "--since 'yesterday' is not an ISO date or time"),
        (["--until", "2026-13-01"], "--until '2026-13-01' is not an ISO date or time"),
        (
            ["--since", "2026-11-23", "--until", "2026-11-22"],
            "--since 2026-11-23 is not before --until 2026-11-22",
        ),
        (
            ["--since", "2026-11-22T12:00", "--until", "2026-11-22T12:00"],
            "the window is empty",
        ),
    ],
)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_bad_dates_exit_2_naming_the_problem(
    store_env: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["kpis", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_chat_that_adds_to_the_cart_is_counted(store: Catalog) -> None:
    with api_client(store) as client:
        ann = new_key(store, "ann")
        first = chat(client, ann, message="add 1 to my cart", product_id="BL-JAR")
        thread = first[0]["thread_id"]
        assert [e["type"] for e in first][-2:] == ["interrupt", "end"]
        assert "Added to your cart." in confirm(client, ann, thread)
        chat(client, ann, message="quiet blenders under 200 dollars", thread_id=thread)
        cheaper = chat(client, ann, message="add the cheaper one to my cart", thread_id=thread)
        assert cheaper[-2]["value"]["product_id"] == "BL-LOUD"
        assert "Added to your cart." in confirm(client, ann, thread)
        chat(client, ann, message="is it dishwasher safe?", product_id="BL-QUIET")  # browsing
        assert client.get("/v1/cart", headers=ann).json()["item_count"] == 2
    recorded = [
        (e.kind, e.product_id, e.quantity)
        for e in ThreadEvents(store.engine).between()
        if e.thread_id == thread
    ]
    assert recorded == [
        ("question", None, None),
        ("add_to_cart", "BL-JAR", 1),
        ("question", None, None),
        ("question", None, None),
        ("add_to_cart", "BL-LOUD", 1),
    ]
    measured = kpis_json("--since", "2026-11-22")
    assert (measured["sessions"], measured["sessions_adding_to_cart"]) == (2, 1)
    assert measured["seconds_to_add_median"] == 0  # the tests' clock stands still
    assert measured["sessions_with_primary"] == measured["sessions_attaching_accessory"] == 1
    assert measured["accessory_attachment_rate"] == 1.0


def confirm(client: TestClient, headers: dict[str, str], thread: str) -> str:
    """The text the shopper reads after confirming the thread's proposal."""
    response = client.post(
        f"/v1/threads/{thread}/resume", json={"decision": "confirm"}, headers=headers
    )
    assert response.status_code == 200, response.text
    return "".join(e["text"] for e in parse_sse(response.text) if e["type"] == "token")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_failure_to_record_is_logged_and_the_turn_goes_on(
    store: Catalog, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(self: Services) -> ThreadEvents:
        raise OSError("disk full")

    monkeypatch.setattr(Services, "thread_events", broken)
    with api_client(store) as client:
        ann = new_key(store, "ann")
        first = chat(client, ann, message="add 1 to my cart", product_id="BL-JAR")
        assert "Added to your cart." in confirm(client, ann, first[0]["thread_id"])
        assert client.get("/v1/cart", headers=ann).json()["item_count"] == 1
    failures = [r.getMessage() for r in caplog.records if r.name == "graph.thread_log"]
    assert any("could not record 'question'" in message for message in failures)
    assert any("could not record 'add_to_cart'" in message for message in failures)
    assert ThreadEvents(store.engine).between() == []
