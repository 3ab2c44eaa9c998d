"""Webhooks never reach internal addresses: refused when set, and again when delivered."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from ipaddress import ip_address
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from store.alert_views import WebhookError
from store.alert_worker import evaluate_alerts
from store.alerts import AlertBook
from store.alerts_schema import webhook_deliveries, webhooks
from store.catalog import Catalog
from store.webhook_hosts import REFUSED_AT_DELIVERY, internal_kind, literal_address
from store.webhook_outbox import check_url
from store.webhooks import DeliveryReport, deliver_webhooks
from tests.alert_support import Clock, load_offers, offer, rows, webhook_receiver
from tests.api_client import api_client, new_key
from tests.conftest import NOW

ME = "acct_00000000000000aa"
ALLOW = "SHOPGRAPH_WEBHOOK_ALLOW_PRIVATE"


@pytest.fixture(autouse=True)
def _private_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default: private targets refused (whatever the developer's environment says)."""
    monkeypatch.delenv(ALLOW, raising=False)


@pytest.fixture
def client(loaded: Catalog) -> Iterator[TestClient]:
    with api_client(loaded) as client:
        yield client


@pytest.fixture
def book(loaded: Catalog) -> AlertBook:
    return AlertBook(loaded.engine, loaded, Clock())


def fake_dns(monkeypatch: pytest.MonkeyPatch, **answers: list[list[str]]) -> list[str]:
    """Answer ``getaddrinfo`` for the named hosts (one list per lookup, the last repeats).

    Other hosts (``127.0.0.1`` when httpx connects) go to the real resolver. Returns the
    names looked up, in order.
    """
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name not in answers:
            return real(host, port, *args, **kwargs)
        asked.append(name)
        turns = answers[name]
        found = turns.pop(0) if len(turns) > 1 else turns[0]
        if not found:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        family = {4: socket.AF_INET, 6: socket.AF_INET6}
        return [
            (family[ip_address(a).version], socket.SOCK_STREAM, 6, "", (a, port)) for a in found
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def fire(loaded: Catalog, book: AlertBook, tmp_path: Path) -> None:
    """Make one alert of ``ME`` fire at ``NOW``, queueing a delivery to its webhook."""
    book.create(ME, product_id="BL-QUIET", condition="price_at_most", target=100)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99))
    assert evaluate_alerts(book.engine, now=NOW).webhooks_queued == 1


def no_requests() -> httpx.Client:
    """A client that fails the test if anything is sent."""

    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"nothing should be sent, got {request.url}")

    return httpx.Client(transport=httpx.MockTransport(handler))


# -- when the URL is set -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://localhost:8080/h", "loopback"),
        ("http://LocalHost./h", "loopback"),
        ("https://admin.localhost/h", "loopback"),
        ("http://127.0.0.1:9/h", "loopback"),
        ("http://127.1/h", "loopback"),
        ("http://2130706433/h", "loopback"),
        ("http://0x7f.1/h", "loopback"),
        ("http://[::1]/h", "loopback"),
        ("http://[::ffff:127.0.0.1]/h", "loopback"),
        ("http://[::ffff:169.254.169.254]/h", "link-local"),
        ("http://10.1.2.3/h", "private"),
        ("http://172.16.0.9/h", "private"),
        ("http://192.168.1.1/h", "private"),
        ("http://[fd12:3456::1]/h", "private"),
        ("http://[64:ff9b::a00:1]/h", "private"),
        ("http://[2002:c0a8:101::1]/h", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fe80::1]/h", "link-local"),
        ("http://0.0.0.0/h", "unspecified"),
        ("http://[::]/h", "unspecified"),
        ("http://224.0.0.1/h", "multicast"),
        ("http://[ff02::1]/h", "multicast"),
        ("http://240.0.0.1/h", "reserved"),
        ("http://100.64.0.1/h", "shared"),
    ],
)
def test_an_internal_host_is_refused_when_set(
    loaded: Catalog, client: TestClient, url: str, kind: str
) -> None:
    refused = client.put("/v1/webhook", json={"url": url}, headers=new_key(loaded, "me"))
    assert refused.status_code == 422, refused.text
    assert f"must point at a public host, not a {kind} address" in refused.json()["detail"]
    assert rows(loaded.engine, webhooks) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.example.com/shopgraph",
        "http://93.184.216.34:8080/h",
        "https://[2606:4700:4700::1111]/h",
        "https://[::ffff:8.8.8.8]/h",
        "http://intranet.corp/h",  # a name: checked when delivered, not here (no DNS)
        "http://localhost.example.com/h",
    ],
)
def test_a_public_host_or_a_name_is_accepted_when_set(
    loaded: Catalog, client: TestClient, url: str
) -> None:
    made = client.put("/v1/webhook", json={"url": url}, headers=new_key(loaded, "me"))
    assert made.status_code == 200, made.text
    assert [row["url"] for row in rows(loaded.engine, webhooks)] == [url]


def test_the_setting_allows_private_hosts(
    loaded: Catalog, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ALLOW, "true")
    me = new_key(loaded, "me")
    for url in ("http://127.0.0.1:9/h", "http://localhost/h", "http://10.0.0.2/h"):
        assert client.put("/v1/webhook", json={"url": url}, headers=me).status_code == 200
    assert check_url("http://[::1]/h") == "http://[::1]/h"
    with pytest.raises(WebhookError, match="loopback"):  # an explicit choice beats it
        check_url("http://[::1]/h", allow_private=False)


def test_what_counts_as_internal() -> None:
    assert internal_kind(ip_address("8.8.8.8")) is None
    assert internal_kind(ip_address("2606:4700:4700::1111")) is None
    assert internal_kind(ip_address("::ffff:8.8.8.8")) is None
    assert internal_kind(ip_address("100.127.255.255")) == "shared"
    assert internal_kind(ip_address("100.128.0.0")) is None
    assert literal_address("2130706433") == ip_address("127.0.0.1")
    assert literal_address("hooks.example.com") is None
    assert literal_address("") is None


# -- when a delivery is sent --------------------------------------------------------------


def test_a_name_resolving_to_loopback_is_refused_and_nothing_is_sent(
    loaded: Catalog, book: AlertBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = fake_dns(monkeypatch, **{"hooks.test": [["127.0.0.1"]]})
    with webhook_receiver(200) as receiver:
        book.set_webhook(ME, receiver.url.replace("127.0.0.1", "hooks.test"))  # a name: taken
        fire(loaded, book, tmp_path)
        assert deliver_webhooks(book.engine, now=NOW) == DeliveryReport(failed=1, gave_up=1)
        later = NOW + dt.timedelta(hours=1)
        assert deliver_webhooks(book.engine, now=later) == DeliveryReport()  # not retried
    assert receiver.received == []
    assert asked == ["hooks.test"]
    [row] = rows(book.engine, webhook_deliveries)
    assert (row["attempts"], row["next_attempt_at"], row["delivered_at"]) == (1, None, None)
    assert row["last_error"] == REFUSED_AT_DELIVERY == "refused: host resolves to a private address"


def test_one_internal_address_among_public_ones_is_enough_to_refuse(
    loaded: Catalog, book: AlertBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dns(monkeypatch, **{"hooks.test": [["93.184.216.34", "10.0.0.7"]]})
    book.set_webhook(ME, "https://hooks.test/h")
    fire(loaded, book, tmp_path)
    report = deliver_webhooks(book.engine, now=NOW, client=no_requests())
    assert report == DeliveryReport(failed=1, gave_up=1)
    [row] = rows(book.engine, webhook_deliveries)
    assert row["last_error"] == REFUSED_AT_DELIVERY


def test_a_literal_set_while_allowed_is_refused_once_the_setting_is_off(
    loaded: Catalog, book: AlertBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ALLOW, "true")
    with webhook_receiver(200) as receiver:
        book.set_webhook(ME, receiver.url.replace("127.0.0.1", "[::ffff:127.0.0.1]"))
        monkeypatch.delenv(ALLOW)
        fire(loaded, book, tmp_path)
        assert deliver_webhooks(book.engine, now=NOW).gave_up == 1
    assert receiver.received == []


def test_with_the_setting_on_a_local_name_is_delivered_to_its_checked_address(
    loaded: Catalog, book: AlertBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ALLOW, "true")
    asked = fake_dns(monkeypatch, **{"hooks.test": [["127.0.0.1"]]})
    with webhook_receiver(200) as receiver:
        url = receiver.url.replace("127.0.0.1", "hooks.test")
        book.set_webhook(ME, url)
        fire(loaded, book, tmp_path)
        assert deliver_webhooks(book.engine, now=NOW) == DeliveryReport(delivered=1)
    [(headers, _body)] = receiver.received
    assert headers["host"] == httpx.URL(url).netloc.decode()  # the name, not the address
    assert asked == ["hooks.test"]  # resolved once: httpx connected to the address given


def test_the_request_goes_to_the_checked_address_not_a_later_dns_answer(
    loaded: Catalog, book: AlertBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a public answer at the check, then 127.0.0.1; only the first counts."""
    fake_dns(monkeypatch, **{"hooks.test": [["93.184.216.34"], ["127.0.0.1"]]})
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    book.set_webhook(ME, "https://hooks.test/h?x=1")
    fire(loaded, book, tmp_path)
    with httpx.Client(transport=httpx.MockTransport(handler)) as http:
        assert deliver_webhooks(book.engine, now=NOW, client=http).delivered == 1
    [request] = sent
    assert str(request.url) == "https://93.184.216.34/h?x=1"
    assert request.headers["host"] == "hooks.test"
    assert request.extensions["sni_hostname"] == "hooks.test"  # TLS checks the name's cert
    assert request.headers["connection"] == "close"


def test_a_name_that_does_not_resolve_is_retried(
    loaded: Catalog, book: AlertBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_answer: list[str] = []
    fake_dns(monkeypatch, **{"hooks.test": [no_answer]})
    book.set_webhook(ME, "https://hooks.test/h")
    fire(loaded, book, tmp_path)
    assert deliver_webhooks(book.engine, now=NOW, client=no_requests()) == DeliveryReport(failed=1)
    [row] = rows(book.engine, webhook_deliveries)
    assert row["last_error"].startswith("could not resolve the host")
    assert row["next_attempt_at"] == NOW + dt.timedelta(seconds=1)
