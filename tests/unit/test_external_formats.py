"""Tests for the external dataset readers (store/external)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from store.external import EXTERNAL_FORMATS, ExternalFormatError, read_epqa, read_toys_uk
from store.external.epqa import split_cqa
from store.external.epqa_attributes import parse_attribute_snippet
from store.external.toys_uk import features_from_description, shorten_title
from store.external.toys_uk_details import attributes_from_details
from store.external.toys_uk_reviews import parse_raw_review, parse_review_date
from store.records import ProductRecord, QuestionRecord, ReviewRecord
from store.units import Attribute

SHARED_DATA = Path(__file__).parents[2].parent / "shared" / "data"
TOYS_FILE = SHARED_DATA / "toys_uk" / "catalog.jsonl"
EPQA_FILE = SHARED_DATA / "epqa" / "products.jsonl"


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text(
        "\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows) + "\n",
        encoding="utf-8",
    )
    return path


def toy_row(**fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "product_id": "0375abc",
        "asin": "B000TEST01",
        "title": "Model Street Lights",
        "brand": "Generic",
        "price_gbp": 4.99,
        "average_rating": 4.5,
        "number_of_reviews": 2.0,
        "category_path": ["Hobbies", "Model Trains"],
        "description": "Product Description Lights for layouts.",
        "product_information": "Technical Details Item Weight998 g Manufacturer recommended "
        "age:36 months - 8 years Item model number0622100 Scale1:200 \xa0\xa0 "
        "Additional Information ASINB000TEST01 Shipping Weight18 g",
        "reviews": [{"title": "Good", "rating": 5.0, "date": "29 July 2015", "text": "Nice."}],
    }
    return {**row, **fields}


def records_by_key(records: list[tuple[int, Any]]) -> dict[tuple[str, str], tuple[int, Any]]:
    return {(record.type, record.id): (line, record) for line, record in records}


# --- always runs: synthetic files -------------------------------------------------------


def test_registry_names_both_readers() -> None:
    assert set(EXTERNAL_FORMATS) == {"toys_uk", "epqa"}
    assert EXTERNAL_FORMATS["toys_uk"] is read_toys_uk
    assert EXTERNAL_FORMATS["epqa"] is read_epqa


def test_toys_uk_synthetic_three_lines(tmp_path: Path) -> None:
    write_jsonl(
        tmp_path / "catalog.jsonl",
        [
            toy_row(),
            toy_row(
                asin=None,
                product_id="77cf787f",
                price_gbp=None,
                category_path="['Bags', 'Messenger Bags']",
                reviews="[{'title': 'Ok', 'rating': 3.0, 'date': '1 Sept. 2015', 'text': 'Fine'}]",
            ),
            toy_row(asin="B000TEST03", price_gbp="12.50", average_rating=None, reviews=[]),
        ],
    )
    records = records_by_key(list(read_toys_uk(tmp_path)))  # the folder holding the file
    assert [key for key in records if key[0] == "product"] == [
        ("product", "B000TEST01"),
        ("product", "77cf787f"),
        ("product", "B000TEST03"),
    ]
    line, first = records[("product", "B000TEST01")]
    assert line == 1
    assert first.offer is not None
    assert (first.offer.price, first.offer.currency, first.offer.stock) == (
        Decimal("4.99"),
        "GBP",
        None,
    )
    assert first.description == "Lights for layouts."
    assert first.attributes["weight"] == Attribute(value=0.998, unit="kg")
    assert first.attributes["min_age"] == Attribute(value=3.0, unit="years")
    assert first.attributes["model_number"] == Attribute(value="0622100")
    assert first.links[0].url == "https://www.amazon.co.uk/dp/B000TEST01"
    line, fallback = records[("product", "77cf787f")]
    assert (line, fallback.category, fallback.offer, fallback.links) == (
        2,
        ["Bags", "Messenger Bags"],
        None,
        [],
    )
    assert records[("review", "77cf787f-r1")][1].date == dt.date(2015, 9, 1)
    assert records[("product", "B000TEST03")][1].offer.price == Decimal("12.50")
    assert records[("review", "B000TEST01-r1")] == (
        1,
        ReviewRecord(
            id="B000TEST01-r1",
            product_id="B000TEST01",
            rating=5,
            title="Good",
            text="Nice.",
            date=dt.date(2015, 7, 29),
        ),
    )


def test_toys_uk_duplicate_asin_keeps_first_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = write_jsonl(tmp_path / "catalog.jsonl", [toy_row(), toy_row(title="Again")])
    with caplog.at_level(logging.WARNING):
        records = list(read_toys_uk(source))
    products = [record for _line, record in records if record.type == "product"]
    assert [product.title for product in products] == ["Model Street Lights"]
    assert "catalog.jsonl:2: duplicate id B000TEST01 (first on line 1)" in caplog.text


def test_epqa_synthetic_three_lines(tmp_path: Path) -> None:
    rows = [
        {
            "asin": "B00000J00M",
            "title": "Murder Mystery Party",
            "snippets": {
                "bullet": ["includes 8 character booklets"],
                "description": ["first part.", "second part."],
                "attribute": [
                    'item_part_number:  { value:"ler2629" }',
                    "item_package_weight:  { unit:kilograms, normalized_value:{ unit:pounds, "
                    "value:1.61 }, value:0.73 }",
                ],
                "review": ["played this game with props."],
                "cqa": ["yes. Question: is it fun? Question: really? ", " Question: any answer? "],
            },
        },
        {"asin": "B00000DMD2", "title": "Cash Register", "snippets": {"description": [None]}},
        {"asin": "B00000J3LY", "title": "Transfer Paper", "snippets": {}},
    ]
    records = records_by_key(list(read_epqa(write_jsonl(tmp_path / "products.jsonl", rows))))
    line, product = records[("product", "B00000J00M")]
    assert line == 1
    assert product.category == ["Imported", "ePQA"]
    assert product.offer is None
    assert product.description == "first part.\n\nsecond part."
    assert product.features == ["includes 8 character booklets"]
    assert product.attributes == {
        "item_part_number": Attribute(value="ler2629"),
        "item_package_weight": Attribute(value=0.73, unit="kg"),
    }
    review = records[("review", "B00000J00M-r1")][1]
    assert (review.rating, review.date, review.text) == (None, None, "played this game with props.")
    question = records[("question", "B00000J00M-q1")][1]
    assert question.question == "really?"
    assert [(a.text, a.votes) for a in question.answers] == [("yes. Question: is it fun?", 0)]
    assert records[("question", "B00000J00M-q2")][1].answers == []
    assert records[("product", "B00000DMD2")][0] == 2
    assert records[("product", "B00000DMD2")][1].description == ""


@pytest.mark.parametrize("reader", [read_toys_uk, read_epqa])
def test_corrupted_line_names_the_line(tmp_path: Path, reader: Any) -> None:
    good = toy_row() if reader is read_toys_uk else {"asin": "B1", "title": "T", "snippets": {}}
    source = write_jsonl(tmp_path / "data.jsonl", [good, '{"asin": "B2", "title": '])
    with pytest.raises(ExternalFormatError) as caught:
        list(reader(source))
    assert (caught.value.path, caught.value.line) == (source, 2)
    assert str(caught.value).startswith(f"{source}:2: not JSON")


def test_validation_error_names_the_field(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "catalog.jsonl", [toy_row(), toy_row(asin="B3", title=" ")])
    with pytest.raises(ExternalFormatError, match=r":2: product B3: title: String should"):
        list(read_toys_uk(source))


def test_unparseable_literal_is_an_error(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "catalog.jsonl", [toy_row(category_path="['Hobbies'")])
    with pytest.raises(ExternalFormatError, match=r":1: category_path: unparseable literal"):
        list(read_toys_uk(source))


def test_cqa_without_question_is_an_error(tmp_path: Path) -> None:
    row = {"asin": "B1", "title": "T", "snippets": {"cqa": ["just an answer"]}}
    with pytest.raises(ExternalFormatError, match=r":1: cqa B1-q1: no 'Question:' part"):
        list(read_epqa(write_jsonl(tmp_path / "products.jsonl", [row])))


def test_missing_dataset_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"toys_uk/catalog\.jsonl"):
        list(read_toys_uk(tmp_path))


# --- always runs: the pieces --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27 Dec. 2014", dt.date(2014, 12, 27)),
        ("29 July 2015", dt.date(2015, 7, 29)),
        ("1 Sept. 2015", dt.date(2015, 9, 1)),
        ("8 April 2015", dt.date(2015, 4, 8)),
        ("4 Dec. 201", None),
        ("31 Feb. 2015", None),
    ],
)
def test_parse_review_date(text: str, expected: dt.date | None) -> None:
    assert parse_review_date(text) == expected


def test_parse_raw_review_keeps_only_fragments_with_text() -> None:
    assert parse_raw_review("Five Stars // 5.0 // 9 Jan. 2016 // By\n  name\n o") is None
    assert parse_raw_review("and I absolu") is None
    assert parse_raw_review(
        "Poor // 1.0 // 4 Jan. 2014 // 6 of 6 people found the following review helpful // Bad."
    ) == {"title": "Poor", "rating": "1.0", "date": "4 Jan. 2014", "helpful_votes": 6,
          "text": "Bad."}  # fmt: skip
    kid = parse_raw_review("Fun // 4.0 // 4 Mar. 2010 // A Kid's Review\n on 4 Mar. 2010 // Yes")
    assert kid is not None
    assert kid["text"] == "Yes"


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        ("3 years and up", Attribute(value=3.0, unit="years")),
        ("36 months - 10 years", Attribute(value=3.0, unit="years")),
        ("4 - 8 years", Attribute(value=4.0, unit="years")),
        ("6 months and up", Attribute(value=0.5, unit="years")),
        ("5 - 3 years", None),
    ],
)
def test_min_age(age: str, expected: Attribute | None) -> None:
    details = f"Technical Details Manufacturer recommended age:{age} Item model number7"
    assert attributes_from_details(details).get("min_age") == expected


def test_details_split_glued_labels() -> None:
    details = (
        "Technical Details Item Weight1.2 Kg Product Dimensions40 x 29.8 x 8 cm "
        "Batteries Included?No Radio Control Number of Channels2 Colorblue"
    )
    assert attributes_from_details(details) == {
        "weight": Attribute(value=1.2, unit="kg"),
        "dimensions": Attribute(value="40 x 29.8 x 8 cm"),
        "batteries_included": Attribute(value=False),
        "color": Attribute(value="blue"),
    }


def test_features_only_from_marked_bullets() -> None:
    assert features_from_description("Plain prose. More prose.") == []
    assert features_from_description("Lead: • one • two") == ["one", "two"]
    assert features_from_description("* tall figure * licensed") == ["tall figure", "licensed"]
    assert features_from_description("Package: 1 * Trailer,4 * Mini cars") == []


def test_shorten_title() -> None:
    assert shorten_title("short") == "short"
    long = shorten_title("word " * 150)
    assert len(long) <= 500
    assert long.endswith("word…")


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        (
            'item_part_number:  { value:"ler2629" }',
            ("item_part_number", Attribute(value="ler2629")),
        ),
        ('part_number:  { value:"0622100" }', ("part_number", Attribute(value="0622100"))),
        ("includes_ac_adapter:  { value:false }", ("includes_ac_adapter", Attribute(value=False))),
        ("model_year:  { value:2010 }", ("model_year", Attribute(value=2010.0))),
        (
            "item_weight:  { unit:pounds, normalized_value:{ unit:pounds, value:1 }, value:0.98 }",
            ("item_weight", Attribute(value=0.444521, unit="kg")),
        ),
        (
            'material:  { value:"polycarbonate" }; { value:"silicone" }',
            ("material", Attribute(value="polycarbonate; silicone")),
        ),
        ('size:  { value:"9|" x 16|"" }', ("size", Attribute(value='9" x 16"'))),
        ("language:  { type:unknown, value:english }", ("language", Attribute(value="english"))),
        ("item_dimensions:  { width:{ unit:inches, value:5.25 } }", None),
        ("not an attribute", None),
    ],
)
def test_parse_attribute_snippet(snippet: str, expected: tuple[str, Attribute] | None) -> None:
    assert parse_attribute_snippet(snippet) == expected


def test_split_cqa_on_last_marker() -> None:
    assert split_cqa("a Question: b Question: c? ") == ("c?", "a Question: b")
    assert split_cqa("no marker") is None


# --- the real files in ../shared/data -----------------------------------------------------


@pytest.fixture(scope="module")
def toys_records() -> list[tuple[int, Any]]:
    if not TOYS_FILE.is_file():
        pytest.skip(f"shared data absent: {TOYS_FILE}")
    return list(read_toys_uk(SHARED_DATA))


@pytest.fixture(scope="module")
def epqa_records() -> list[tuple[int, Any]]:
    if not EPQA_FILE.is_file():
        pytest.skip(f"shared data absent: {EPQA_FILE}")
    return list(read_epqa(SHARED_DATA))


def raw_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(text) for text in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.shared_data
def test_toys_uk_maps_every_line(toys_records: list[tuple[int, Any]]) -> None:
    counts = Counter(record.type for _line, record in toys_records)
    # 863 lines, two repeating an earlier ASIN (lines 204 and 729) are skipped.
    assert counts == {"product": 861, "review": 1352}
    product_lines = {line for line, record in toys_records if record.type == "product"}
    assert product_lines == set(range(1, 864)) - {204, 729}
    ids = [(record.type, record.id) for _line, record in toys_records]
    assert len(ids) == len(set(ids))


@pytest.mark.shared_data
def test_toys_uk_prices_match_raw_file(toys_records: list[tuple[int, Any]]) -> None:
    raw = raw_lines(TOYS_FILE)
    for line, record in toys_records:
        if isinstance(record, ProductRecord):
            price = raw[line - 1]["price_gbp"]
            offer = record.offer
            assert (offer.price if offer else None) == (
                Decimal(str(price)).quantize(Decimal("0.01")) if price else None
            ), line


@pytest.mark.shared_data
def test_toys_uk_spot_check(toys_records: list[tuple[int, Any]]) -> None:
    records = records_by_key(toys_records)
    raw = next(row for row in raw_lines(TOYS_FILE) if row["asin"] == "B008PKAAZ2")
    line, product = records[("product", "B008PKAAZ2")]
    assert line == 1
    assert product.title == raw["title"]
    assert product.brand == "Generic"
    assert product.offer.price == Decimal("4.99")
    assert product.offer.currency == "GBP"
    assert product.category == raw["category_path"]
    assert product.category == [
        "Hobbies",
        "Model Trains & Railway Sets",
        "Lighting & Signal Engineering",
        "Lamps & Lighting",
    ]
    assert (product.rating, product.rating_count) == (5.0, 1)
    assert product.attributes == {"min_age": Attribute(value=3.0, unit="years")}
    review = records[("review", "B008PKAAZ2-r1")][1]
    assert (review.date, review.rating, review.title) == (dt.date(2014, 12, 27), 5, "Five Stars")
    assert review.text == raw["reviews"][0]["text"]
    train_driver = records[("product", "B002N55P6E")][1]
    assert train_driver.attributes["weight"] == Attribute(value=0.998, unit="kg")
    assert train_driver.attributes["model_number"] == Attribute(value="36200")
    assert train_driver.attributes["scale"] == Attribute(value="1:22.5")
    assert records[("review", "B002N55P6E-r1")][1].date == dt.date(2015, 7, 29)
    # A product without an ASIN falls back to its product_id (line 71).
    assert records[("product", "828c49a0af1c67af0f25f12762ba3b4e")][0] == 71


@pytest.mark.shared_data
def test_epqa_maps_every_line(epqa_records: list[tuple[int, Any]]) -> None:
    counts = Counter(record.type for _line, record in epqa_records)
    assert counts == {"product": 454, "review": 2147, "question": 885}
    ids = [(record.type, record.id) for _line, record in epqa_records]
    assert len(ids) == len(set(ids))
    raw = raw_lines(EPQA_FILE)
    for line, record in epqa_records:
        if isinstance(record, ProductRecord):
            source = raw[line - 1]
            assert (record.id, record.title) == (source["asin"], source["title"].strip())


@pytest.mark.shared_data
def test_epqa_spot_check(epqa_records: list[tuple[int, Any]]) -> None:
    records = records_by_key(epqa_records)
    line, register = records[("product", "B00000DMD2")]
    assert line == 1
    assert register.attributes == {
        "item_part_number": Attribute(value="ler2629"),
        "country_as_labeled": Attribute(value="cn"),
    }
    assert register.description == "start teaching early math skills and the value of money."
    assert register.offer is None
    party = records[("product", "B00000J00M")][1]
    assert party.attributes["item_package_weight"] == Attribute(value=0.73, unit="kg")
    question = records[("question", "B00000J00M-q1")][1]
    assert isinstance(question, QuestionRecord)
    assert (
        question.question == "are the props necessary to the game play or can we do without them?"
    )
    assert question.answers[0].text.startswith('no specific "props" are required')
    assert records[("review", "B00000J00M-r1")][1].text == (
        "played this game with minimal but fun props and had a great time."
    )
