"""What retrieval found for one turn: the only facts an answer may be built from."""

from __future__ import annotations

from pydantic import BaseModel, Field

from store.views import PriceHistory, Product, ProductSummary, Question
from tools.reviews import AspectReport, ReviewSnippet


class Evidence(BaseModel):
    """Retrieved facts, by product id. Ids here are the only ones an answer may render."""

    products: list[ProductSummary] = Field(
        default_factory=list, description="The products this answer is about, in order."
    )
    details: dict[str, Product] = Field(default_factory=dict)
    aspects: dict[str, list[AspectReport]] = Field(default_factory=dict)
    review_quotes: dict[str, list[ReviewSnippet]] = Field(default_factory=dict)
    questions: dict[str, list[Question]] = Field(default_factory=dict)
    histories: dict[str, PriceHistory] = Field(default_factory=dict)
    deals: list[ProductSummary] = Field(default_factory=list)
    personal: list[str] = Field(
        default_factory=list,
        description="How the account's memory changed the products ('you avoid Oster').",
    )

    def retrieved_ids(self) -> set[str]:
        """Every product id retrieval returned this turn."""
        ids = {p.id for p in self.products} | {p.id for p in self.deals}
        for by_id in (self.details, self.aspects, self.questions, self.histories):
            ids.update(by_id)
        return ids

    def summary(self, product_id: str) -> ProductSummary | None:
        """The search result or deal for ``product_id``, if retrieval returned one."""
        for product in (*self.products, *self.deals):
            if product.id == product_id:
                return product
        return None
