"""Feed parsing and validation: every bad record is located by file, line and field."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from store.feeds import read_feed
from store.records import OfferRecord, ProductRecord
from tests.conftest import FIXTURES

PRODUCT = '{"type": "product", "id": "P1", "title": "Thing", "category": ["A"]}'


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_fixture_catalog_parses_without_errors() -> None:
    parsed = read_feed(FIXTURES / "catalog.jsonl")
    assert parsed.errors == []
    products = [i.record for i in parsed.items if isinstance(i.record, ProductRecord)]
    assert len(products) == 6
    quiet = next(p for p in products if p.id == "BL-QUIET")
    assert quiet.attributes["noise"].value == 62 and quiet.attributes["noise"].unit == "dB"
    assert quiet.attributes["dishwasher_safe"].value is True
    loud = next(p for p in products if p.id == "BL-LOUD")
    assert loud.attributes["power"].value == 1500 and loud.attributes["power"].unit == "W"


def test_csv_offers_with_dotted_deal_columns() -> None:
    parsed = read_feed(FIXTURES / "offers.csv")
    assert parsed.errors == []
    offers = [i.record for i in parsed.items]
    assert all(isinstance(o, OfferRecord) for o in offers)
    vac = offers[2]
    assert isinstance(vac, OfferRecord) and vac.deal is not None
    assert vac.deal.price == Decimal("249.00") and vac.deal.label == "Weekend deal"
    assert [i.line for i in parsed.items] == [2, 3, 4]


def test_csv_products_with_attribute_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "p.csv",
        "type,id,title,brand,category,features,attr.noise,attr.weight,offer.price,offer.currency\n"
        'product,C1,"Blender, quiet",Acme,Kitchen > Blenders,Quiet|Easy clean,'
        "60 dB,3 lb,99.5,EUR\n",
    )
    parsed = read_feed(path)
    assert parsed.errors == []
    record = parsed.items[0].record
    assert isinstance(record, ProductRecord)
    assert record.title == "Blender, quiet"
    assert record.category == ["Kitchen", "Blenders"]
    assert record.features == ["Quiet", "Easy clean"]
    assert record.attributes["weight"].unit == "kg"
    assert record.attributes["weight"].value == pytest.approx(1.360777, rel=1e-5)
    assert record.offer is not None and record.offer.currency == "EUR"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PRODUCT + "\n{not json\n", "bad.jsonl:2: malformed JSON"),
        (
            '{"type": "product", "id": "P1", "category": ["A"]}',
            "bad.jsonl:1: title: Field required",
        ),
        (
            PRODUCT[:-1] + ', "offer": {"price": -5}}',
            "bad.jsonl:1: offer.price: Input should be greater than 0",
        ),
        (
            PRODUCT[:-1] + ', "offer": {"price": "cheap"}}',
            "bad.jsonl:1: offer.price: Input should be a valid decimal",
        ),
        (
            PRODUCT[:-1] + ', "offer": {"price": 5, "currency": "XYZ"}}',
            "bad.jsonl:1: offer.currency: unknown currency 'XYZ'",
        ),
        ('{"id": "P1", "title": "x", "category": ["A"]}', "bad.jsonl:1: type: missing"),
        ('{"type": "gadget", "id": "P1"}', "bad.jsonl:1: type: unknown record type 'gadget'"),
        ("[1, 2]", "bad.jsonl:1: expected a JSON object"),
        (
            PRODUCT[:-1] + ', "colour": "red"}',
            "bad.jsonl:1: colour: Extra inputs are not permitted",
        ),
        (
            '{"type": "review", "id": "R1", "product_id": "P1", "rating": 6, "text": "x"}',
            "bad.jsonl:1: rating: Input should be less than or equal to 5",
        ),
        ("", "bad.jsonl:1: empty file"),
        ("\n  \n", "bad.jsonl:1: empty file"),
    ],
)
def test_bad_jsonl_records_are_located(tmp_path: Path, content: str, expected: str) -> None:
    parsed = read_feed(write(tmp_path, "bad.jsonl", content))
    messages = [str(e).replace(str(tmp_path) + "/", "") for e in parsed.errors]
    assert any(m.startswith(expected) for m in messages), messages


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "bad.jsonl", (PRODUCT + "\n").encode() + b'{"type": "product", "title": "\xff"}\n'
    )
    parsed = read_feed(path)
    assert parsed.items == []
    assert len(parsed.errors) == 1
    assert str(parsed.errors[0]).startswith(f"{path}:2: invalid UTF-8")


def test_csv_problems(tmp_path: Path) -> None:
    no_type = read_feed(write(tmp_path, "a.csv", "id,title\nP1,x\n"))
    assert "needs a 'type' column" in str(no_type.errors[0])
    extra = read_feed(write(tmp_path, "b.csv", "type,id,title,category\nproduct,P1,x,A,surplus\n"))
    assert str(extra.errors[0]).endswith("b.csv:2: more cells than header columns")
    price = read_feed(
        write(tmp_path, "c.csv", "type,product_id,price\noffer,P1,-1\noffer,P2,abc\n")
    )
    assert [(e.line, e.field) for e in price.errors] == [(2, "price"), (3, "price")]


def test_unknown_suffix(tmp_path: Path) -> None:
    parsed = read_feed(write(tmp_path, "feed.xml", "<x/>"))
    assert "unknown format" in str(parsed.errors[0])


def test_deal_window_must_be_ordered(tmp_path: Path) -> None:
    line = PRODUCT[:-1] + (
        ', "offer": {"price": 5, "deal": {"price": 4, '
        '"starts_at": "2026-02-01T00:00:00Z", "ends_at": "2026-01-01T00:00:00Z"}}}'
    )
    parsed = read_feed(write(tmp_path, "d.jsonl", line))
    assert "deal ends_at must be after starts_at" in str(parsed.errors[0])
