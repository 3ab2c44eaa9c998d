"""The directive language: parsing, validation and round trips."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.directives import (
    TAG_NAMES,
    ActionTag,
    CompareTag,
    DealTag,
    Directive,
    LinkTag,
    PriceHistoryTag,
    ProductTag,
    ReviewsTag,
    directive_ids,
    format_directive,
    parse_directive,
)
from prompts import render_prompt


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<product id="P1"/>', ProductTag(id="P1")),
        (
            '<compare ids="P1,P2" attrs="noise_db,capacity_l"/>',
            CompareTag(ids=["P1", "P2"], attrs=["noise_db", "capacity_l"]),
        ),
        ('<compare ids="P1, P2"/>', CompareTag(ids=["P1", "P2"])),
        ('<reviews id="P1" aspect="battery"/>', ReviewsTag(id="P1", aspect="battery")),
        ('<reviews id="P1"/>', ReviewsTag(id="P1")),
        ('<price-history id="P1" days="30"/>', PriceHistoryTag(id="P1", days=30)),
        ('<price-history id="P1"/>', PriceHistoryTag(id="P1", days=90)),
        ('<deal id="P1"/>', DealTag(id="P1")),
        (
            '<action do="add_to_cart" id="P1" quantity="2"/>',
            ActionTag(do="add_to_cart", id="P1", quantity=2),
        ),
        ('<action do="add_to_cart" id="P1"/>', ActionTag(do="add_to_cart", id="P1", quantity=1)),
        (
            '<action do="set_alert" id="P1" price="80"/>',
            ActionTag(do="set_alert", id="P1", price=80.0),
        ),
        ('<action do="set_alert" id="P1"/>', ActionTag(do="set_alert", id="P1")),
        ('<link id="P1" label="manual"/>', LinkTag(id="P1", label="manual")),
        ('<link id="P1"/>', LinkTag(id="P1", label="product page")),
        # leniency: case, spacing, single quotes, a missing slash
        ("<PRODUCT ID='BL-QUIET' />", ProductTag(id="BL-QUIET")),
        ('<deal  id = "a.b:c/d-e_1">', DealTag(id="a.b:c/d-e_1")),
    ],
)
def test_parses_each_tag(text: str, expected: Directive) -> None:
    assert parse_directive(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '<widget id="P1"/>',  # unknown tag
        "<product/>",  # missing id
        '<product id=""/>',
        '<product id="P 1"/>',  # invalid id
        '<product id="P1" id="P2"/>',  # repeated attribute
        '<product id="P1" colour="red"/>',  # unknown attribute
        '<product tag="deal" id="P1"/>',
        "<product id=P1/>",  # unquoted
        '<product id="P1"',  # unterminated
        'product id="P1"/>',
        '<compare ids="P1"/>',  # fewer than two
        '<compare ids="P1,P1"/>',
        '<compare ids="A,B,C,D,E,F,G"/>',  # more than six
        '<price-history id="P1" days="6"/>',
        '<price-history id="P1" days="731"/>',
        '<price-history id="P1" days="ninety"/>',
        '<price-history id="P1" days="-30"/>',
        '<action do="buy" id="P1"/>',
        '<action do="add_to_cart" id="P1" quantity="0"/>',
        '<action do="add_to_cart" id="P1" quantity="1.5"/>',
        '<action do="add_to_cart" id="P1" price="80"/>',
        '<action do="set_alert" id="P1" quantity="1"/>',
        '<action do="set_alert" id="P1" price="$80"/>',
        '<action do="set_alert" id="P1" price="1e3"/>',
        '<action do="set_alert" id="P1" price="0"/>',
        '<reviews id="P1" aspect=""/>',
        '<link id="P1" label=""/>',
    ],
)
def test_rejects_malformed(text: str) -> None:
    assert parse_directive(text) is None


EXAMPLES: list[Directive] = [
    ProductTag(id="P1"),
    CompareTag(ids=["P1", "P2", "P3"], attrs=["noise", "battery life"]),
    ReviewsTag(id="P1", aspect="size & weight"),
    PriceHistoryTag(id="P1", days=365),
    DealTag(id="P1"),
    ActionTag(do="add_to_cart", id="P1", quantity=3),
    ActionTag(do="set_alert", id="P1", price=129.99),
    ActionTag(do="set_alert", id="P1"),
    LinkTag(id="P1", label="user manual"),
]


@pytest.mark.parametrize("directive", EXAMPLES, ids=lambda d: d.tag)
def test_format_round_trips(directive: Directive) -> None:
    text = format_directive(directive)
    assert text.startswith(f"<{directive.tag} ") and text.endswith("/>")
    assert parse_directive(text) == directive


def test_format_is_compact() -> None:
    assert format_directive(ProductTag(id="P1")) == '<product id="P1"/>'
    assert format_directive(CompareTag(ids=["A", "B"])) == '<compare ids="A,B"/>'
    assert (
        format_directive(ActionTag(do="set_alert", id="P1", price=80.0))
        == '<action do="set_alert" id="P1" price="80"/>'
    )


ids = st.from_regex(r"[A-Za-z0-9._:/-]{1,12}", fullmatch=True)
names = st.from_regex(r"[a-z][a-z _&]{0,10}[a-z]", fullmatch=True)
directives = st.one_of(
    st.builds(ProductTag, id=ids),
    st.builds(
        CompareTag,
        ids=st.lists(ids, min_size=2, max_size=6, unique=True),
        attrs=st.lists(names, max_size=4, unique=True),
    ),
    st.builds(ReviewsTag, id=ids, aspect=st.none() | names),
    st.builds(PriceHistoryTag, id=ids, days=st.integers(7, 730)),
    st.builds(DealTag, id=ids),
    st.builds(ActionTag, do=st.just("add_to_cart"), id=ids, quantity=st.integers(1, 99)),
    st.builds(
        ActionTag,
        do=st.just("set_alert"),
        id=ids,
        price=st.none() | st.integers(1, 10**6).map(lambda cents: cents / 100),
    ),
    st.builds(LinkTag, id=ids, label=names),
)


@settings(max_examples=200, deadline=None)
@given(directives)
def test_any_directive_round_trips(directive: Directive) -> None:
    assert parse_directive(format_directive(directive)) == directive


def test_directive_ids() -> None:
    assert directive_ids(CompareTag(ids=["A", "B"])) == ["A", "B"]
    assert directive_ids(ActionTag(do="add_to_cart", id="P1")) == ["P1"]
    assert {d.tag for d in EXAMPLES} == TAG_NAMES


def test_the_prompt_teaches_every_tag_in_its_canonical_form() -> None:
    text = render_prompt("directives")
    tags = re.findall(r"<[a-z-]+ [^<>]*/>", text)
    assert {tag.split()[0][1:] for tag in tags} == TAG_NAMES
    for tag in tags:
        directive = parse_directive(tag)
        assert directive is not None, tag
        assert format_directive(directive) == tag
