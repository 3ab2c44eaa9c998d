"""The web chat page in a real browser (Debian's Chromium driven by Playwright).

The page talks to ``tests/web_server.py``'s stand-in API (canned turns built from the real
event models). Every assertion about what the page sent is made on the requests the
browser made, so the ``base_url`` fixture can serve the real ``api.app.create_app`` instead.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    Locator,
    Page,
    Request,
    Route,
    ViewportSize,
    expect,
    sync_playwright,
)

from api.app import create_app
from api.settings import ApiSettings
from graph.events import EVENTS
from graph.services import Services
from graph.settings import AssistantSettings
from memory.accounts import AccountStore
from store.alert_worker import evaluate_alerts
from store.alerts import AlertBook
from store.catalog import Catalog
from tests.alert_support import load_offers, offer
from tests.conftest import NOW
from tests.fakes import fake_registry
from tests.served import served
from tests.web_server import ChatBody, StandIn, stand_in_app

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
ASSISTANT_DONE = '[data-testid="message"][data-role="assistant"][aria-busy="false"]'
STEP_LINE = re.compile(r"^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+){3}$")
"""The chart's line through 4 prices: a start, then 3 steps."""


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """Where the page and its API are served (swap the app here for the real one)."""
    with served(stand_in_app()) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the web page test needs Debian's Chromium "
            "(`apt-get install -y chromium`; `make` installs it). Never `playwright install`."
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@dataclass
class Traffic:
    """What the page asked the server, and anything it tried to load from elsewhere."""

    base_url: str
    api: list[Request] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def bodies(self, path: str) -> list[Any]:
        """The JSON bodies POSTed to ``path``, in order."""
        url = self.base_url + path
        return [r.post_data_json for r in self.api if r.method == "POST" and r.url == url]

    def gets(self, path: str) -> list[str]:
        return [r.url for r in self.api if r.method == "GET" and r.url == self.base_url + path]


@dataclass
class Chat:
    page: Page
    traffic: Traffic


def _open_chat(browser: Browser, base_url: str, viewport: ViewportSize) -> Iterator[Chat]:
    context = browser.new_context(locale="en-US", timezone_id="UTC", viewport=viewport)
    traffic = Traffic(base_url)

    def guard(route: Route) -> None:
        if route.request.url.startswith(base_url + "/"):
            route.continue_()
        else:
            traffic.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("request", lambda r: traffic.api.append(r) if "/v1/" in r.url else None)
    page.on("pageerror", lambda error: traffic.errors.append(str(error)))
    page.goto(base_url + "/")
    expect(page.locator("html[data-ready=true]")).to_be_attached()
    yield Chat(page, traffic)
    context.close()
    assert traffic.outside == [], "the page loaded something from outside its server"
    assert traffic.errors == [], "the page raised JavaScript errors"


@pytest.fixture
def chat(browser: Browser, base_url: str) -> Iterator[Chat]:
    yield from _open_chat(browser, base_url, {"width": 1280, "height": 860})


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Chat]:
    yield from _open_chat(browser, base_url, {"width": 390, "height": 844})


def wait_for_turns(page: Page, count: int) -> None:
    """Wait until ``count`` assistant turns have finished streaming."""
    expect(page.locator(ASSISTANT_DONE)).to_have_count(count)


def send(page: Page, text: str, *, with_enter: bool = False) -> None:
    """Type ``text``, send it, and wait for the answer to finish."""
    before = page.locator(ASSISTANT_DONE).count()
    box = page.get_by_test_id("message-input")
    box.fill(text)
    if with_enter:
        box.press("Enter")
    else:
        page.get_by_test_id("send-button").click()
    wait_for_turns(page, before + 1)


def last_answer(page: Page) -> Locator:
    return page.locator(ASSISTANT_DONE).last


def test_a_message_streams_text_cards_and_suggestions(chat: Chat) -> None:
    page = chat.page
    send(page, "quiet headphones under $200", with_enter=True)

    answer = last_answer(page)
    expect(answer).to_contain_text("Here are three headphones for a quiet commute:")
    expect(answer).to_contain_text("The Aurora is the best value today.")
    expect(page.get_by_test_id("message-input")).to_have_value("")
    cards = answer.get_by_test_id("product-card")
    expect(cards).to_have_count(3)
    expect(answer.locator('[data-testid=component][data-kind="product_card"]')).to_have_count(2)
    expect(answer.locator('[data-testid=component][data-kind="deal"]')).to_have_count(1)
    aurora = cards.nth(0)
    expect(aurora.get_by_test_id("price")).to_have_text("$149.99")
    expect(aurora.get_by_test_id("list-price")).to_have_text("was $199.99")
    expect(aurora.get_by_role("img")).to_have_accessible_name("Rated 4.4 out of 5 (1,287 ratings)")
    expect(cards.nth(1)).to_contain_text("Out of stock")
    expect(cards.nth(2)).to_contain_text("Black Friday")
    expect(cards.nth(2)).to_contain_text("Only 3 left")
    expect(answer.get_by_test_id("fallback-note")).to_have_text(
        "nova (timeout) could not answer; local answered instead."
    )
    chips = page.get_by_test_id("suggestion-chip")
    expect(chips).to_have_text(["Compare the first two", "Is the Basso comfortable?"])

    assert chat.traffic.bodies("/v1/chat") == [{"message": "quiet headphones under $200"}]


def test_a_suggestion_chip_asks_it_in_the_same_thread(chat: Chat) -> None:
    page = chat.page
    send(page, "quiet headphones")
    page.get_by_test_id("suggestion-chip").first.click()
    wait_for_turns(page, 2)

    answer = last_answer(page)
    table = answer.get_by_test_id("comparison-table")
    expect(table.locator("thead th")).to_have_text(["Aurora ANC Headphones", "Cirrus Over-Ear"])
    expect(table.locator("tbody th")).to_have_text(
        ["Price", "Rating", "Availability", "Noise cancelling", "Battery life (h)", "Weight (kg)"]
    )
    expect(table.locator("tbody tr").last.locator("td")).to_have_text(["0.25", "—"])
    chart = answer.locator('[data-kind="price_history"] svg[data-testid="price-chart"]')
    expect(chart).to_have_attribute("data-points", "4")
    expect(chart.locator("path.line")).to_have_attribute("d", STEP_LINE)
    expect(answer.locator('[data-kind="price_history"]')).to_contain_text("Lowest$139.99")
    expect(page.get_by_test_id("message").filter(has_text="Compare the first two")).to_have_count(1)

    assert chat.traffic.bodies("/v1/chat")[1] == {
        "message": "Compare the first two",
        "thread_id": "thread-1",
    }

    page.get_by_test_id("new-chat").click()
    expect(page.get_by_test_id("message")).to_have_count(0)
    send(page, "blenders")
    assert chat.traffic.bodies("/v1/chat")[2] == {"message": "blenders"}


def test_the_product_panel_gives_the_next_messages_product_context(chat: Chat) -> None:
    page = chat.page
    send(page, "quiet headphones")
    last_answer(page).get_by_test_id("product-card").first.click()

    panel = page.get_by_test_id("product-panel")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading", level=2)).to_have_text("Aurora ANC Headphones")
    expect(panel.get_by_test_id("panel-price")).to_have_text("$149.99")
    expect(panel.get_by_test_id("price-chart")).to_have_attribute("data-points", "4")
    expect(panel).to_contain_text("Silent on the train.")
    expect(panel).to_contain_text("Battery life30 h")
    chip = page.get_by_test_id("context-chip")
    expect(chip).to_contain_text("Asking about: Aurora ANC Headphones")
    assert chat.traffic.gets("/v1/products/p-aurora") != []

    send(page, "what do customers say about the noise?")
    review = last_answer(page).locator('[data-testid=component][data-kind="review_summary"]')
    expect(review).to_contain_text("What customers say about noise: Aurora ANC Headphones")
    expect(review.locator(".pros")).to_contain_text("31 positive · 9 negative of 40 mentions")
    expect(review.locator(".cons")).to_contain_text("Comfort 3 positive")
    assert chat.traffic.bodies("/v1/chat")[1] == {
        "message": "what do customers say about the noise?",
        "thread_id": "thread-1",
        "product_id": "p-aurora",
    }

    page.get_by_test_id("context-clear").click()
    expect(chip).to_be_hidden()
    expect(panel).to_be_hidden()
    send(page, "more headphones")
    assert "product_id" not in chat.traffic.bodies("/v1/chat")[2]


def test_actions_wait_for_the_confirm_dialog(chat: Chat) -> None:
    page = chat.page
    send(page, "add the Aurora to my cart")
    dialog = page.get_by_test_id("confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Add 1 × Aurora ANC Headphones to your cart at $149.99.")
    assert chat.traffic.bodies("/v1/threads/thread-1/resume") == []

    dialog.get_by_test_id("confirm-accept").click()
    wait_for_turns(page, 2)
    expect(dialog).to_be_hidden()
    expect(last_answer(page)).to_have_text(
        "Assistant: Added 1 × Aurora ANC Headphones to your cart."
    )
    expect(page.get_by_test_id("action-status")).to_have_text("Confirmed")
    assert chat.traffic.bodies("/v1/threads/thread-1/resume") == [{"decision": "confirm"}]

    send(page, "set an alert for the Cirrus")
    expect(dialog).to_contain_text("Alert you when Cirrus Over-Ear drops to $200.00 or less.")
    dialog.get_by_test_id("confirm-cancel").click()
    wait_for_turns(page, 4)
    expect(last_answer(page)).to_contain_text("OK, no alert was set.")
    expect(page.get_by_test_id("action-status").last).to_have_text("Cancelled")
    assert chat.traffic.bodies("/v1/threads/thread-1/resume")[1] == {"decision": "cancel"}

    send(page, "checkout please")  # an interrupt without an action component
    expect(dialog).to_contain_text("Place your order for $149.99?")
    dialog.get_by_test_id("confirm-accept").click()
    wait_for_turns(page, 6)
    expect(last_answer(page)).to_contain_text("Order placed.")
    assert chat.traffic.bodies("/v1/threads/thread-1/resume")[2] == {"decision": "confirm"}


def test_errors_show_in_the_conversation_and_keep_the_message(chat: Chat) -> None:
    page = chat.page
    box = page.get_by_test_id("message-input")
    send(page, "please fail")
    error = last_answer(page).get_by_test_id("error")
    expect(error).to_have_text(
        "Sorry: The assistant could not answer just now. Please try again. (model_failed)"
    )
    expect(error).to_have_attribute("role", "alert")
    expect(box).to_have_value("please fail")

    send(page, "reject this one")
    expect(last_answer(page).get_by_test_id("error")).to_have_text(
        "Sorry: the message is too long (at most 4000 characters)"
    )
    expect(box).to_have_value("reject this one")

    page.context.clear_cookies()
    send(page, "hello")
    expect(last_answer(page).get_by_test_id("error")).to_have_text(
        "Sorry: Your session has ended: reload the page to start again."
    )


def test_server_text_is_shown_as_text_never_as_html(chat: Chat) -> None:
    page = chat.page
    send(page, "markup please")
    answer = last_answer(page)
    expect(answer).to_contain_text("<img src=x onerror=")
    expect(answer.get_by_test_id("product-card")).to_contain_text("<script>window.__xss='card'")
    expect(answer).to_contain_text("<i>manual</i>")
    assert page.locator("main img, main script, main b, main i").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.evaluate("window.__xss") is None


def test_small_screens_show_the_panel_over_the_conversation(phone: Chat) -> None:
    page = phone.page
    send(page, "quiet headphones")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    last_answer(page).get_by_test_id("product-open").first.click()
    panel = page.get_by_test_id("product-panel")
    expect(panel.get_by_test_id("panel-price")).to_have_text("$149.99")
    box = panel.bounding_box()
    assert box is not None and box["width"] == 390

    panel.get_by_test_id("panel-ask").click()
    expect(panel).to_be_hidden()
    expect(page.get_by_test_id("message-input")).to_be_focused()
    expect(page.get_by_test_id("context-chip")).to_be_visible()
    send(page, "is it loud?")
    assert phone.traffic.bodies("/v1/chat")[1]["product_id"] == "p-aurora"


def test_the_page_renders_something_to_see(chat: Chat, tmp_path: Path) -> None:
    page = chat.page
    send(page, "quiet headphones")
    page.get_by_test_id("suggestion-chip").first.click()
    wait_for_turns(page, 2)
    shot = tmp_path / "chat.png"
    page.screenshot(path=str(shot))

    width, height, pixels = png_rgb(shot.read_bytes())
    assert (width, height) == (1280, 860)
    assert pixels[5 * width + 5] == (255, 255, 255), "the header is not white"
    assert pixels[400 * width + 5] == (246, 247, 249), "style.css's background is missing"
    background = max(set(pixels[::97]), key=pixels[::97].count)
    drawn = sum(1 for p in pixels if p != background) / len(pixels)
    assert len(set(pixels)) > 50, "the screenshot has almost no colours"
    assert drawn > 0.03, f"only {drawn:.1%} of the screenshot differs from its background"
    assert luminance_spread(pixels) > 10


def png_rgb(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and RGB pixels of an 8-bit, non-interlaced PNG (standard library only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, compressed = 8, b""
    width = height = channels = 0
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        chunk = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and interlace == 0 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            compressed += chunk
        position += 12 + length
    raw = zlib.decompress(compressed)
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, ...]] = []
    for y in range(height):
        start = y * (stride + 1)
        line = unfilter(
            raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels
        )
        pixels.extend(tuple(line[x : x + 3]) for x in range(0, stride, channels))
        previous = line
    return width, height, pixels


def unfilter(kind: int, line: bytearray, previous: bytearray, step: int) -> bytearray:
    """Undo one scanline's PNG filter (None, Sub, Up, Average, Paeth)."""
    if kind == 2:
        return bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
    for i in range(len(line)):
        left = line[i - step] if i >= step else 0
        up = previous[i]
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            corner = previous[i - step] if i >= step else 0
            guess = left + up - corner
            far_left, far_up = abs(guess - left), abs(guess - up)
            if far_left <= far_up and far_left <= abs(guess - corner):
                line[i] = (line[i] + left) & 0xFF
            elif far_up <= abs(guess - corner):
                line[i] = (line[i] + up) & 0xFF
            else:
                line[i] = (line[i] + corner) & 0xFF
    return line


def luminance_spread(pixels: list[tuple[int, ...]]) -> float:
    """Standard deviation of the pixels' luminance (0-255)."""
    values = [0.299 * r + 0.587 * g + 0.114 * b for r, g, b in pixels[::7]]
    mean = sum(values) / len(values)
    return float((sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5)


def test_the_stand_in_streams_real_event_json() -> None:
    """The frames the page parses are the real events' JSON (a guard on the stand-in)."""
    events = StandIn().turn(ChatBody(message="quiet headphones"))
    assert [e.type for e in events][:2] == ["metadata", "plan"] and events[-1].type == "end"
    for event in events:
        assert EVENTS.validate_json(event.model_dump_json()) == event
    assert json.loads(events[0].model_dump_json())["thread_id"] == "thread-1"


# --- the real app: create_app over the fixture catalog, with a fake model -------------------


@pytest.fixture
def real_chat(browser: Browser, loaded: Catalog) -> Iterator[Chat]:
    assistant = AssistantSettings(default_model="fake", first_token_timeout_s=5)
    services = Services.for_catalog(loaded, fake_registry(), assistant)
    with served(create_app(ApiSettings(), services)) as url:
        yield from _open_chat(browser, url, {"width": 1280, "height": 860})


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_real_app_end_to_end(real_chat: Chat, tmp_path: Path) -> None:
    page = real_chat.page
    send(page, "a quiet blender under $150")
    answer = last_answer(page)
    expect(answer).to_contain_text("Here are some good picks for you.")
    card = answer.get_by_test_id("product-card").first
    expect(card).to_contain_text("Hushmix 600 Quiet Blender")
    expect(card.get_by_test_id("price")).to_have_text("$129.99")  # live, from the store

    card.get_by_test_id("product-open").click()
    panel = page.get_by_test_id("product-panel")
    expect(panel).to_contain_text("Hushmix 600 Quiet Blender")
    expect(panel.get_by_test_id("panel-price")).to_contain_text("$129.99")
    expect(page.get_by_test_id("context-chip")).to_contain_text("Hushmix 600 Quiet Blender")
    send(page, "what do customers say about the noise?")
    expect(last_answer(page).locator('[data-kind="review_summary"]')).to_have_count(1)

    first, second = real_chat.traffic.bodies("/v1/chat")
    assert first == {"message": "a quiet blender under $150"}
    assert second["product_id"] == "BL-QUIET" and second["thread_id"]
    assert real_chat.traffic.gets("/v1/products/BL-QUIET")

    shot = tmp_path / "real.png"
    page.screenshot(path=str(shot))
    _, _, pixels = png_rgb(shot.read_bytes())
    assert len(set(pixels)) > 50 and luminance_spread(pixels) > 10


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_notification_shows_while_the_page_is_open(
    real_chat: Chat, loaded: Catalog, tmp_path: Path
) -> None:
    page = real_chat.page
    send(page, "a quiet blender under $150")
    expect(page.get_by_test_id("notifications")).to_have_attribute("data-stream", "open")
    demo = AccountStore(loaded.engine).demo_account()  # the page's session is the demo's
    book = AlertBook(loaded.engine, loaded)
    book.create(demo.id, product_id="BL-QUIET", condition="price_at_most", target=100)
    load_offers(loaded, tmp_path, offer("BL-QUIET", 99))
    assert evaluate_alerts(loaded.engine, now=NOW).fired == 1  # as `shopgraph worker` does

    toast = page.get_by_test_id("notification")
    expect(toast).to_have_count(1)  # the stream looks in the inbox every 2 s
    expect(toast.get_by_test_id("notification-text")).to_have_text(
        "Hushmix 600 Quiet Blender is now $99.00 (your alert: $100.00 or less)."
    )
    expect(page.get_by_test_id("message")).to_have_count(2)  # the conversation is as it was
    toast.get_by_test_id("notification-product").click()
    expect(page.get_by_test_id("product-panel")).to_contain_text("Hushmix 600 Quiet Blender")
    with page.expect_response(lambda r: r.url.endswith("/read")) as marked:
        toast.get_by_test_id("notification-dismiss").click()  # dismissed: read
    expect(toast).to_have_count(0)
    assert marked.value.status == 200
    assert book.inbox.list(demo.id, unread_only=True) == []
