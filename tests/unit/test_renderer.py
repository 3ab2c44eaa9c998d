"""The streaming renderer: text, directives, dropping, broken markup and the price guard."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.directives import CompareTag, ProductTag, format_directive
from graph.fragment_guard import FRAGMENT
from graph.link_guard import LINK
from graph.price_guard import MONEY, amounts, mentioned_amounts, parse_amount
from graph.renderer import (
    MAX_TAG,
    PRICE_PLACEHOLDER,
    Dropped,
    Found,
    RenderOutput,
    StreamRenderer,
    Text,
)

ALLOWED = ("P1", "P2", "P3")
P = PRICE_PLACEHOLDER


def merged(outputs: list[RenderOutput]) -> list[RenderOutput]:
    result: list[RenderOutput] = []
    for item in outputs:
        if isinstance(item, Text) and result and isinstance(result[-1], Text):
            result[-1] = Text(result[-1].text + item.text)
        else:
            result.append(item)
    return result


def render(
    chunks: list[str], *, amounts: tuple[float, ...] = (), ids: tuple[str, ...] = ALLOWED
) -> tuple[list[RenderOutput], Counter[str]]:
    renderer = StreamRenderer(ids, allowed_amounts=amounts)
    outputs = [item for chunk in chunks for item in renderer.feed(chunk)]
    outputs += renderer.close()
    assert all(not isinstance(o, Text) or o.text for o in outputs), "empty Text"
    return merged(outputs), renderer.dropped


def text_of(outputs: list[RenderOutput]) -> str:
    return "".join(o.text for o in outputs if isinstance(o, Text))


def by_char(text: str) -> list[str]:
    return list(text)


# -- text and tags ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "weighs < 2 kg",
        "a<b",
        "a<b. And c <d, e",
        "<3 it",
        "x <= y and y >= z",
        "<- back",
        "<<",
        "a < b > c",
        "if a <b then c",
        "ends with <",
    ],
)
def test_a_less_than_sign_in_prose_is_text(text: str) -> None:
    assert render([text]) == ([Text(text)], Counter())
    assert render(by_char(text)) == ([Text(text)], Counter())


def test_text_passes_through_before_the_stream_ends() -> None:
    renderer = StreamRenderer(ALLOWED)
    assert renderer.feed("Here are two quiet ") == [Text("Here are two quiet ")]
    assert renderer.feed("blenders: <prod") == [Text("blenders: ")]
    assert renderer.feed('uct id="P1"/') == []
    assert renderer.feed("> Enjoy") == [Found(ProductTag(id="P1")), Text(" ")]
    assert renderer.close() == [Text("Enjoy")]


def test_a_directive_split_anywhere_is_found() -> None:
    tag = '<compare ids="P1,P2" attrs="noise"/>'
    outputs, dropped = render(["See ", *by_char(tag), " ok"])
    assert outputs == [
        Text("See "),
        Found(CompareTag(ids=["P1", "P2"], attrs=["noise"])),
        Text(" ok"),
    ]
    assert not dropped


def test_unknown_ids_are_never_rendered() -> None:
    outputs, dropped = render(['A <product id="P9"/> B <deal id="P1"/>'])
    assert outputs[:3] == [Text("A "), Dropped('<product id="P9"/>', "unknown_id"), Text(" B ")]
    assert dropped == Counter(unknown_id=1)


def test_a_comparison_keeps_its_known_ids_when_two_remain() -> None:
    outputs, dropped = render(['<compare ids="P1,P9,P2"/>', '<compare ids="P1,P9"/>'])
    assert outputs == [
        Dropped('<compare ids="P1,P9,P2"/>', "unknown_id"),
        Found(CompareTag(ids=["P1", "P2"])),
        Dropped('<compare ids="P1,P9"/>', "unknown_id"),
    ]
    assert dropped == Counter(unknown_id=2)


def test_a_malformed_directive_is_removed() -> None:
    outputs, dropped = render(['Look: <product id="P1" colour="red"/>!'])
    assert outputs == [
        Text("Look: "),
        Dropped('<product id="P1" colour="red"/>', "malformed"),
        Text("!"),
    ]
    assert dropped == Counter(malformed=1)


def test_other_markup_is_stripped() -> None:
    outputs, dropped = render(["<b>Quiet</b> and <script>x()</script><!-- note -->"])
    assert text_of(outputs) == "Quiet and x()"
    assert dropped == Counter(unknown_tag=5)


def test_a_closing_directive_tag_is_stripped() -> None:
    outputs, _ = render(['<link id="P1" label="manual">the manual</link>'])
    assert [type(o) for o in outputs] == [Found, Text, Dropped]
    assert text_of(outputs) == "the manual"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('A <product id="P1"', "A "),  # open at close
        ('A <product id="P1" <deal id="P2"/> B', "A  B"),  # another tag starts
        ('A <product id="P1 and more\nB', "A \nB"),  # quote runs into a new line
        ("A </b", "A "),
        ("A <b x='1'", "A "),
    ],
)
def test_a_broken_tag_is_removed_unseen(text: str, shown: str) -> None:
    for chunks in ([text], by_char(text)):
        outputs, dropped = render(chunks)
        assert text_of(outputs) == shown
        assert dropped["malformed"] == 1


def test_a_tag_longer_than_the_cap_is_removed() -> None:
    text = '<product id="P1" ' + "x" * MAX_TAG + " tail"
    outputs, dropped = render([text])
    assert text_of(outputs) == text[MAX_TAG:]
    assert dropped == Counter(malformed=1)
    assert render(by_char(text)) == (outputs, dropped)
    closed = text[: MAX_TAG - 1] + "/>"  # 401 characters: too long as well
    assert render([closed])[1] == Counter(malformed=1)


# -- price guard -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "money",
    [
        "$129.99",
        "$ 129",
        "US$ 40",
        "USD 40",
        "40 USD",
        "£30",
        "€ 25",
        "30€",
        "129 dollars",
        "30 bucks",
        "99 cents",
        "$1,299.99",
        "1.299,99 €",
        "$1.2k",
        "$100-150",
        "$100 to $150",
        "100 to 150 euros",
    ],
)
def test_typed_amounts_are_replaced(money: str) -> None:
    text = f"It costs {money} today."
    expected = ([Text("It costs "), Dropped(money, "price"), Text(f"{P} today.")], Counter(price=1))
    assert render([text]) == expected
    assert render(by_char(text)) == expected


@pytest.mark.parametrize("text", ["600 W", "weighs 5 pounds", "2 kids", "model 1500", "Top 10"])
def test_numbers_that_are_not_money_stay(text: str) -> None:
    assert render([text]) == ([Text(text)], Counter())


def test_amounts_the_shopper_wrote_may_be_echoed() -> None:
    text = "Under $150 (150 dollars), not $129.99."
    outputs, dropped = render(by_char(text), amounts=(150,))
    assert text_of(outputs) == f"Under $150 (150 dollars), not {P}."
    assert dropped == Counter(price=1)


def test_an_alert_price_must_be_the_shoppers() -> None:
    tag = '<action do="set_alert" id="P1" price="80"/>'
    assert render([tag])[1] == Counter(unknown_amount=1)
    assert isinstance(render([tag], amounts=(80,))[0][0], Found)


def test_amount_parsing() -> None:
    assert parse_amount("1,299.99") == 1299.99
    assert parse_amount("1.299,99") == 1299.99
    assert parse_amount("25,50") == 25.5
    assert parse_amount("1,299") == 1299
    assert parse_amount("1.2k") == 1200
    assert amounts("99 cents") == [0.99]
    assert mentioned_amounts("under $150 for 2 kids") == {150.0, 2.0}


# -- directive fragments and links ----------------------------------------------------


def test_a_directive_that_lost_its_opening_is_removed() -> None:
    text = 'Or see product id="P1"/> for details.'
    expected = (
        [Text("Or see product "), Dropped('id="P1"/> ', "malformed"), Text("for details.")],
        Counter(malformed=1),
    )
    assert render([text]) == expected
    assert render(by_char(text)) == expected


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('A compare ids="P1,P2" attrs="noise" B', "A compare B"),
        ("A action do=add_to_cart id=P1 quantity=10/> B", "A action B"),
        ("A /> B", "A B"),
        ('A id="P1" B', "A B"),
    ],
)
def test_attribute_soup_is_removed(text: str, shown: str) -> None:
    for chunks in ([text], by_char(text)):
        outputs, dropped = render(chunks)
        assert text_of(outputs) == shown
        assert dropped == Counter(malformed=1)


@pytest.mark.parametrize("text", ["x = 5 and y=6", "a/b and c > d", "1/2 > 1/3", "size=M fits"])
def test_prose_with_signs_stays(text: str) -> None:
    assert render([text]) == ([Text(text)], Counter())
    assert render(by_char(text)) == ([Text(text)], Counter())


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Buy at https://cheap-deals.example/login today.", "Buy at today."),
        ("Order at http://cheap-deals.example/checkout.", "Order at ."),
        ("Go to www.cheap-deals.example now", "Go to now"),
        ("Write to help@cheap-deals.example", "Write to "),
        ("Try cheap-deals.example/checkout?x=1 or CHEAP.EXAMPLE", "Try or "),
    ],
)
def test_links_are_removed_even_split_anywhere(text: str, shown: str) -> None:
    for chunks in ([text], by_char(text), [text[:20], text[20:]]):
        outputs, dropped = render(chunks)
        assert text_of(outputs) == shown
        assert dropped["link"] == shown.count(" or ") + 1


@pytest.mark.parametrize(
    "text", ["Its page is /products/P1.", "It's quiet.It works, e.g. daily", "1.5 L, 2.4GHz, v2.0"]
)
def test_store_paths_and_dotted_prose_stay(text: str) -> None:
    assert render([text]) == ([Text(text)], Counter())


# -- any split of the same stream ------------------------------------------------------

WORDS = ["quiet", "blender", "costs", "about", "to", "-", "and", "the", "USD", "dollars"]
PIECES = [
    *WORDS,
    " ",
    "  ",
    "\n",
    ". ",
    ", ",
    "$129.99",
    "$150",
    "150 dollars",
    "$ 40",
    "30 bucks",
    "£30",
    "€ 25",
    "99 cents",
    "600 W",
    "1,299",
    "< 2 kg",
    "a<b",
    "<3",
    "<",
    "</",
    "<b>",
    "</b>",
    "<script>",
    "<!-- x -->",
    "<b then",
    '<product id="P1"',
    'id="P2"/>',
    '"',
    "/>",
    ">",
    '<product id="P9"/>',
    '<compare ids="P1,P9,P2"/>',
    '<reviews id="P1" aspect="battery>',
    '<action do="set_alert" id="P1" price="150"/>',
    '<action do="set_alert" id="P1" price="99"/>',
    "<price-history id='P2' days='5'/>",
    'product id="P1"',
    "id=P1/>",
    "quantity=",
    "=",
    "'",
    "/",
    "https://cheap-deals.example/login",
    "www.x.example",
    "bob@x.example",
    "x.example",
    "/products/P1",
]
directives = st.builds(
    format_directive,
    st.one_of(
        st.builds(ProductTag, id=st.sampled_from([*ALLOWED, "P9"])),
        st.builds(CompareTag, ids=st.lists(st.sampled_from(ALLOWED), min_size=2, unique=True)),
    ),
)
streams = st.lists(st.one_of(st.sampled_from(PIECES), directives, st.text(max_size=8)), max_size=25)
COMPLETE_TAG = re.compile(r"<[A-Za-z/!][\w!:-]*(?:[\s/][^<>]*)?>")
DIRECTIVE_START = re.compile(r"<(?:product|compare|reviews|price-history|deal|action|link)\b")


@settings(max_examples=200, deadline=None)
@given(streams, st.data())
def test_any_split_gives_the_same_outputs(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), max_size=len(text) + 1)))
    chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    whole = render([text], amounts=(150,))
    assert render(chunks, amounts=(150,)) == whole
    assert render(by_char(text), amounts=(150,)) == whole


@settings(max_examples=200, deadline=None)
@given(streams)
def test_no_markup_or_typed_price_reaches_the_shopper(pieces: list[str]) -> None:
    outputs, dropped = render(["".join(pieces)], amounts=(150,))
    assert sum(isinstance(o, Dropped) for o in outputs) == dropped.total()
    for output in outputs:
        if isinstance(output, Text):
            assert not COMPLETE_TAG.search(output.text)
            assert not DIRECTIVE_START.search(output.text)
            assert not FRAGMENT.search(output.text)
            assert not LINK.search(output.text)
            for money in MONEY.finditer(output.text):
                assert set(amounts(money.group())) <= {150.0}
        elif isinstance(output, Found):
            assert set(ALLOWED).issuperset(getattr(output.directive, "ids", []))


def test_closing_tags_without_a_name_are_markup() -> None:
    for chunks in (["</>"], ["<", "/>"], ["</", "/>"], ["a <", "/", "/ x> b"]):
        renderer = StreamRenderer(ALLOWED)
        outputs = [o for c in chunks for o in renderer.feed(c)] + renderer.close()
        assert all("</" not in o.text for o in outputs if isinstance(o, Text))
        assert renderer.dropped["unknown_tag"] == 1
