"""The demo store: deterministic, big enough, valid, and consistent with itself."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from itertools import islice

import pytest
from pydantic import TypeAdapter

from store.aspects import ReviewText, sentence_aspects, summarize_aspects
from store.demo import generate_demo
from store.demo.products import product_id
from store.demo.review_phrases import FILLERS, GENERIC_TITLES, PHRASES, TITLES
from store.records import (
    PricePointRecord,
    ProductRecord,
    QuestionRecord,
    Record,
    ReviewRecord,
)

AS_OF = dt.date(2025, 6, 1)
NOW = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)


class Store:
    """The default demo store, indexed the way the tests read it."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records
        self.products = {r.id: r for r in records if isinstance(r, ProductRecord)}
        self.points: dict[str, list[PricePointRecord]] = defaultdict(list)
        self.reviews: dict[str, list[ReviewRecord]] = defaultdict(list)
        self.questions: dict[str, list[QuestionRecord]] = defaultdict(list)
        self.all_reviews: list[ReviewRecord] = []
        for record in records:
            if isinstance(record, PricePointRecord):
                self.points[record.product_id].append(record)
            elif isinstance(record, ReviewRecord):
                self.reviews[record.product_id].append(record)
                self.all_reviews.append(record)
            elif isinstance(record, QuestionRecord):
                self.questions[record.product_id].append(record)

    def in_category(self, leaf: str) -> list[ProductRecord]:
        return [p for p in self.products.values() if p.category[-1] == leaf]


@pytest.fixture(scope="module")
def store() -> Store:
    return Store(list(generate_demo(as_of=AS_OF)))


def _attr(product: ProductRecord, name: str) -> float | bool | str:
    return product.attributes[name].value


def _num(product: ProductRecord, name: str) -> float:
    value = product.attributes[name].value
    assert isinstance(value, float), (product.id, name, value)
    return value


def _effective_price(product: ProductRecord) -> Decimal:
    offer = product.offer
    assert offer is not None
    if offer.deal and offer.deal.starts_at <= NOW < offer.deal.ends_at:
        return offer.deal.price
    return offer.price


def _as_texts(reviews: Iterable[ReviewRecord]) -> list[ReviewText]:
    return [ReviewText(r.id, r.text, r.title, r.rating, r.helpful_votes) for r in reviews]


def _positive_share(store: Store, products: list[ProductRecord], aspect: str) -> float:
    positive = negative = 0
    for product in products:
        for summary in summarize_aspects(_as_texts(store.reviews[product.id])):
            if summary.aspect == aspect:
                positive, negative = positive + summary.positive, negative + summary.negative
    assert positive + negative >= 20, f"too few {aspect} opinions to judge"
    return positive / (positive + negative)


def _dump(records: Iterable[Record]) -> list[str]:
    return [record.model_dump_json() for record in records]


def test_same_seed_gives_identical_records() -> None:
    first = _dump(generate_demo(seed=3, as_of=AS_OF, n_products=60))
    assert first == _dump(generate_demo(seed=3, as_of=AS_OF, n_products=60))
    assert first != _dump(generate_demo(seed=4, as_of=AS_OF, n_products=60))


def test_ids_scale_past_the_default_size() -> None:
    assert product_id("BLND", 42, 5) == "BLND-00042"
    head = list(islice(generate_demo(as_of=AS_OF, n_products=50_000), 400))
    ids = [r.id for r in head if isinstance(r, ProductRecord)]
    assert ids and all(re.fullmatch(r"[A-Z]{4}-\d{5}", i) for i in ids)


def test_counts(store: Store) -> None:
    assert len(store.products) == 2400
    per_category = Counter(tuple(p.category) for p in store.products.values())
    assert len(per_category) >= 15
    assert min(per_category.values()) >= 30
    assert all(len(path) == 3 for path in per_category)
    with_reviews = sum(len(store.reviews[pid]) >= 5 for pid in store.products)
    with_questions = sum(len(store.questions[pid]) >= 2 for pid in store.products)
    assert with_reviews / len(store.products) >= 0.75
    assert with_questions / len(store.products) >= 0.75
    assert any(not store.reviews[pid] for pid in store.products)  # some brand-new products


def test_ids_are_unique(store: Store) -> None:
    for kind in (ReviewRecord, QuestionRecord):
        ids = [r.id for r in store.records if isinstance(r, kind)]
        assert len(ids) == len(set(ids))
    skus = [v.sku for p in store.products.values() for v in p.variants]
    assert len(skus) == len(set(skus))


def test_records_round_trip_through_validation(store: Store) -> None:
    adapter: TypeAdapter[Record] = TypeAdapter(Record)
    sample: list[Record] = [*store.products.values(), *store.all_reviews[::7]]
    sample += [q for questions in store.questions.values() for q in questions]
    sample += [p for points in store.points.values() for p in points[::97]]
    for record in sample:
        assert adapter.validate_json(record.model_dump_json()) == record


def test_price_history_ends_at_the_effective_price(store: Store) -> None:
    for pid, product in store.products.items():
        points = store.points[pid]
        assert len(points) == 180
        assert points[-1].at == NOW
        assert points[0].at == NOW - dt.timedelta(days=179)
        assert points[-1].price == _effective_price(product)
        list_price = product.offer.list_price if product.offer else None
        if list_price is not None:
            assert product.offer is not None and product.offer.price < list_price


def test_prices_move_and_have_sales(store: Store) -> None:
    distinct = [len({p.price for p in store.points[pid]}) for pid in store.products]
    assert sum(d > 1 for d in distinct) / len(distinct) > 0.8


def test_deals_live_expired_and_future(store: Store) -> None:
    deals = [p.offer.deal for p in store.products.values() if p.offer and p.offer.deal]
    live = [d for d in deals if d.starts_at <= NOW < d.ends_at]
    assert 0.05 <= len(live) / len(store.products) <= 0.12
    assert any(d.ends_at <= NOW for d in deals)
    assert any(d.starts_at > NOW for d in deals)
    for product in store.products.values():
        offer = product.offer
        if offer and offer.deal:
            assert offer.deal.price < offer.price


def test_stock_and_policies(store: Store) -> None:
    offers = [p.offer for p in store.products.values() if p.offer]
    assert len(offers) == len(store.products)
    assert 0.03 < sum(o.stock == 0 for o in offers) / len(offers) < 0.2
    windows = {p.policies.return_window_days for p in store.products.values()}
    assert {15, 30, 90} <= windows


def test_reviews_are_dated_and_votes_are_skewed(store: Store) -> None:
    reviews = store.all_reviews
    assert all(r.date and AS_OF - dt.timedelta(days=731) <= r.date <= AS_OF for r in reviews)
    assert 0.7 < sum(r.verified for r in reviews) / len(reviews) < 0.95
    votes = sorted(r.helpful_votes for r in reviews)
    assert votes[len(votes) // 2] <= 1 and votes[-1] >= 50


def test_blender_features_state_only_true_claims(store: Store) -> None:
    for blender in store.in_category("Blenders"):
        quiet_claim = any(f.startswith("Quiet operation") for f in blender.features)
        assert quiet_claim == (_num(blender, "noise") <= 70)
        washable_claim = "Dishwasher-safe jar and blades" in blender.features
        assert washable_claim == _attr(blender, "dishwasher_safe")


def test_blender_noise_reviews_follow_decibels(store: Store) -> None:
    blenders = store.in_category("Blenders")
    quiet = [b for b in blenders if _num(b, "noise") <= 70]
    loud = [b for b in blenders if _num(b, "noise") >= 85]
    assert _positive_share(store, quiet, "noise") >= 0.75
    assert _positive_share(store, loud, "noise") <= 0.25


def test_cleaning_reviews_follow_dishwasher_safety(store: Store) -> None:
    blenders = store.in_category("Blenders")
    safe = [b for b in blenders if _attr(b, "dishwasher_safe") is True]
    unsafe = [b for b in blenders if _attr(b, "dishwasher_safe") is False]
    assert (
        _positive_share(store, safe, "cleaning") - _positive_share(store, unsafe, "cleaning") >= 0.5
    )


def test_headphone_battery_reviews_follow_battery_life(store: Store) -> None:
    headphones = store.in_category("Over-Ear Headphones")
    long_lived = [h for h in headphones if _num(h, "battery_life") >= 40]
    short_lived = [h for h in headphones if _num(h, "battery_life") <= 15]
    assert _positive_share(store, long_lived, "battery") >= 0.75
    assert _positive_share(store, short_lived, "battery") <= 0.3


def test_ratings_follow_review_sentiment(store: Store) -> None:
    by_mood: dict[str, list[int]] = defaultdict(list)
    reviews = store.all_reviews
    for review in reviews[::3]:
        polarities = set(sentence_aspects(review.text).values()) - {"neutral"}
        if len(polarities) == 1 and review.rating is not None:
            by_mood[polarities.pop()].append(review.rating)
    good, bad = by_mood["positive"], by_mood["negative"]
    assert sum(good) / len(good) - sum(bad) / len(bad) >= 1.5


def test_some_reviews_have_both_pros_and_cons(store: Store) -> None:
    reviews = store.all_reviews[:3000]
    mixed = [
        r
        for r in reviews
        if {"positive", "negative"}
        <= set(
            p
            for s in summarize_aspects(_as_texts([r]))
            for p in (["positive"] * s.positive + ["negative"] * s.negative)
        )
    ]
    assert len(mixed) / len(reviews) > 0.1


def test_shoe_fit_reviews_and_answers_agree(store: Store) -> None:
    shoes = store.in_category("Running Shoes")
    runs_small = 0
    for shoe in shoes:
        texts = " ".join(r.text for r in store.reviews[shoe.id])
        answers = " ".join(
            a.text for q in store.questions[shoe.id] if "size" in q.question for a in q.answers
        )
        assert not ("Runs small" in texts and ("Runs large" in texts or "runs large" in answers))
        assert not ("Runs large" in texts and "runs small" in answers)
        runs_small += "Runs small" in texts
        assert len({v.attributes["size"] for v in shoe.variants}) >= 8
    assert runs_small >= 5


def test_dishwasher_answers_agree_with_the_attribute(store: Store) -> None:
    checked = 0
    for pid, questions in store.questions.items():
        for question in questions:
            if "dishwasher" not in question.question.lower():
                continue
            safe = _attr(store.products[pid], "dishwasher_safe")
            for answer in question.answers:
                assert answer.text.startswith("Yes" if safe else "No"), (pid, answer.text)
            checked += 1
    assert checked >= 50


def test_battery_answers_quote_the_attribute(store: Store) -> None:
    checked = 0
    for product in store.in_category("Over-Ear Headphones"):
        hours = f"{_num(product, 'battery_life'):.0f} hours"
        for question in store.questions[product.id]:
            if "battery" in question.question:
                assert all(hours in a.text for a in question.answers)
                checked += 1
    assert checked >= 10


def test_compatibility_answers_agree_with_the_list(store: Store) -> None:
    checked = 0
    for pid, questions in store.questions.items():
        for question in questions:
            match = re.fullmatch(r"Does it work with (.+)\?", question.question)
            if match:
                works = match.group(1) in store.products[pid].compatibility
                assert all(a.text.startswith("Yes" if works else "No") for a in question.answers)
                checked += 1
    assert checked >= 50


def test_charger_compatibility_follows_connector_and_power(store: Store) -> None:
    chargers = store.in_category("Chargers & Cables")
    for charger in chargers:
        laptop_ready = _attr(charger, "connector") == "USB-C" and _num(charger, "power") >= 45
        assert ("USB-C laptops" in charger.compatibility) == laptop_ready
    with_iphone = sum("iPhone 15" in c.compatibility for c in chargers)
    assert 0 < with_iphone < len(chargers)


def test_return_window_answers_quote_the_policy(store: Store) -> None:
    checked = 0
    for pid, questions in store.questions.items():
        days = store.products[pid].policies.return_window_days
        for question in questions:
            if "return" in question.question.lower():
                assert all(f"{days}" in a.text for a in question.answers)
                checked += 1
    assert checked >= 100


def test_quiet_cheap_washable_blenders_exist_among_decoys(store: Store) -> None:
    blenders = store.in_category("Blenders")
    quiet = [b for b in blenders if _num(b, "noise") <= 70]
    cheap = [b for b in blenders if _effective_price(b) < 150]
    answers = [b for b in quiet if b in cheap and _attr(b, "dishwasher_safe") is True]
    assert len(answers) >= 5
    assert sum(b not in cheap for b in quiet) >= 3  # quiet but too expensive
    assert sum(_num(b, "noise") >= 80 for b in cheap) >= 3  # cheap but loud


def test_headphones_for_long_flights_exist(store: Store) -> None:
    fits = [
        h
        for h in store.in_category("Over-Ear Headphones")
        if _attr(h, "noise_cancelling") is True and _num(h, "battery_life") >= 30
    ]
    assert len(fits) >= 5
    comfortable = [h for h in fits if _num(h, "weight") <= 0.28]
    assert len(comfortable) >= 2
    assert _positive_share(store, fits, "noise cancelling") >= 0.75


def test_vacuums_are_comparable(store: Store) -> None:
    vacuums = store.in_category("Stick Vacuums") + store.in_category("Robot Vacuums")
    names = {frozenset(v.attributes) for v in vacuums}
    assert len(names) == 1
    assert {"suction", "battery_life", "noise", "bagless", "weight"} <= set(next(iter(names)))
    units = {v.attributes["battery_life"].unit for v in vacuums}
    assert units == {"h"}


def test_review_phrases_say_what_they_mean() -> None:
    values: defaultdict[str, float] = defaultdict(lambda: 42.0)
    for key, (positives, negatives) in PHRASES.items():
        aspect = "fit" if key.startswith("fit") else key.split(":")[-1]
        for polarity, sentences in (("positive", positives), ("negative", negatives)):
            for sentence in sentences:
                found = sentence_aspects(sentence.format_map(values))
                assert found.get(aspect) == polarity, (key, sentence, found)
                assert set(found.values()) == {polarity}, (key, sentence, found)
    for aspect, (positives, negatives) in TITLES.items():
        for polarity, titles in (("positive", positives), ("negative", negatives)):
            assert all(sentence_aspects(t).get(aspect) == polarity for t in titles)
    fillers = [s for group in (*FILLERS.values(), *GENERIC_TITLES.values()) for s in group]
    assert all(sentence_aspects(s) == {} for s in fillers)
