"""The query plan: what the shopper wants and what to retrieve for it, decided before generation.

The planner (``graph.planner``) fills it in; retrieval, the composer, the router and the
renderer read it. It is streamed to clients as the ``plan`` event.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from graph.safety import RegulatedTopic
from store.alert_views import Condition as AlertCondition
from store.search import SearchFilters

Intent = Literal[
    "search",  # find or recommend products
    "compare",
    "product_question",  # a question about one product's facts (size, compatibility...)
    "review_summary",  # what customers say
    "price_history",
    "deals",
    "price_alert",
    "cart_action",
    "account_memory",  # remember / forget a preference
    "store_policy",  # returns, shipping, warranty
    "chit_chat",
    "out_of_scope",
]
INTENTS: tuple[Intent, ...] = Intent.__args__  # type: ignore[attr-defined]

Source = Literal["catalog", "product", "reviews", "questions", "offers", "price_history", "deals"]
"""Where retrieval looks: catalog search, product details, reviews, community Q&A, live
offers, price history, current deals."""

Sort = Literal["relevance", "rating", "price_low", "price_high", "reviews"]
RefKind = Literal["page", "ordinal", "pronoun", "name", "superlative", "id", "variant"]
PolicyTopic = Literal["returns", "shipping", "warranty", "payment"]
Decider = Literal["rules", "classifier", "model"]
CartOp = Literal["add", "remove", "view", "checkout"]


class Slots(BaseModel):
    """Values pulled out of the message."""

    min_price: float | None = None
    max_price: float | None = None
    brand: str | None = None
    category: str | None = Field(default=None, description="A catalog category name.")
    features: list[str] = Field(
        default_factory=list, description="Wanted qualities in the shopper's words ('quiet')."
    )
    quantity: int | None = Field(default=None, description="How many units (cart actions).")
    variant: str | None = Field(default=None, description="A colour, size or model asked for.")
    aspect: str | None = Field(default=None, description="Review aspect ('battery', 'noise').")
    window_days: int | None = Field(default=None, description="Price-history window.")
    target_price: float | None = Field(default=None, description="Alert / auto-buy price.")
    sort: Sort = "relevance"
    count: int | None = Field(default=None, description="How many products ('the two best').")
    cart_op: CartOp | None = Field(
        default=None, description="What a cart message asks: add, remove, view, checkout."
    )
    alert_condition: AlertCondition | None = Field(
        default=None,
        description="What a price alert waits for; None: nothing the store can watch ('$20 off').",
    )
    drop_percent: float | None = Field(
        default=None, description="drop_by_percent alert: the drop asked for; None: any drop."
    )
    auto_buy_quantity: int | None = Field(
        default=None, description="Units to buy when an alert fires; None: no auto-buy asked."
    )
    spend_cap: float | None = Field(
        default=None, description="The most one auto-buy order may cost, as the shopper said."
    )


class ProductRef(BaseModel):
    """A product the message points at, resolved to a catalog id."""

    mention: str = Field(description="The words that pointed at it ('the second one').")
    product_id: str
    kind: RefKind


class Plan(BaseModel):
    """The planner's decision for one turn."""

    intent: Intent
    also: list[Intent] = Field(default_factory=list, description="Secondary intents.")
    confidence: float = Field(ge=0, le=1)
    decided_by: Decider
    query: str = Field(description="Search text: the message without prices and filler.")
    slots: Slots = Field(default_factory=Slots)
    products: list[ProductRef] = Field(
        default_factory=list, description="Products the message refers to, resolved."
    )
    sources: list[Source] = Field(default_factory=list)
    filters: SearchFilters = Field(default_factory=SearchFilters)
    policy_topic: PolicyTopic | None = None
    regulated_topic: RegulatedTopic | None = Field(
        default=None,
        description="The regulated topic (medical, legal, unsafe) an out-of-scope message is "
        "about: its refusal names it.",
    )
    unresolved: str | None = Field(
        default=None,
        description="A reference the planner could not resolve ('the Sony' with no Sony).",
    )
    prefer_brands: list[str] = Field(
        default_factory=list, description="Brands ranked first (the account's memory)."
    )
    avoid_brands: list[str] = Field(
        default_factory=list, description="Brands left out (the account's memory)."
    )
    personalized: list[str] = Field(
        default_factory=list,
        description="How the account's memory changed this plan ('your budget is $100').",
    )

    @property
    def product_ids(self) -> list[str]:
        """Ids of the referenced products, in mention order, without repeats."""
        return list(dict.fromkeys(ref.product_id for ref in self.products))


class ShownProduct(BaseModel):
    """A product the shopper has seen in this conversation (for "the second one", "it")."""

    id: str
    title: str
    brand: str | None = None
    category: str = ""
    price: float | None = None
    rating: float | None = None


class Conversation(BaseModel):
    """What the planner knows of the conversation so far."""

    page_product: ShownProduct | None = Field(
        default=None, description="The product page the shopper is on, if any."
    )
    shown: list[ShownProduct] = Field(
        default_factory=list, description="Products of the last answer, in display order."
    )
    focus: str | None = Field(
        default=None, description="Id of the product the last turn was about, if one."
    )
    last_intent: Intent | None = None
