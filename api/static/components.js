// One renderer per component kind (graph/components.py); figures come from the store.
import { priceHistoryFigure } from "./chart.js";
import { el, hidden, label, money, safeUrl, shortDate, stars, stockText } from "./dom.js";

function priceLine(price, currency, was) {
  const struck = was !== null && was !== undefined && price !== null && was > price;
  const off = struck ? Math.round((1 - price / was) * 100) : 0;
  return el("p", { class: "price-line" },
    el("span", { class: "price", "data-testid": "price" }, money(price, currency)),
    struck ? el("s", { class: "list-price", "data-testid": "list-price" },
      hidden("was "), money(was, currency)) : null,
    off > 0 ? el("span", { class: "saving" }, `−${off}%`) : null);
}

function storeLink(url, label) {
  const href = safeUrl(url);
  if (!href) return null;
  return el("a", { class: "store-link", href, target: "_blank", rel: "noopener noreferrer" },
    label, hidden(" (opens in a new tab)"));
}

/** A product with its live offer; clicking it opens the product panel. */
export function productCard(card, ctx, was = card.list_price) {
  const open = el("button", {
    type: "button", class: "card-title", "data-testid": "product-open",
    "aria-controls": "product-panel",
  }, card.title);
  const stock = stockText(card.in_stock, card.stock);
  const node = el("article", {
    class: "card", "data-testid": "product-card", "data-product-id": card.id,
  },
  el("p", { class: "card-top" },
    card.deal_label ? el("span", { class: "badge badge--deal" }, card.deal_label) : null,
    card.brand ? el("span", { class: "brand" }, card.brand) : null),
  el("h3", { class: "card-heading" }, open),
  priceLine(card.price, card.currency, was),
  stars(card.rating, card.rating_count),
  el("p", { class: `stock ${card.in_stock ? "stock--in" : "stock--out"}` }, stock),
  storeLink(card.url, "View in store"));
  node.addEventListener("click", (event) => {
    if (event.target.closest("a")) return;
    ctx.openProduct(card.id, card.title, open);
  });
  return node;
}

function dealCard(deal, ctx) {
  const ends = deal.ends_at ? ` · ends ${shortDate(deal.ends_at)}` : "";
  return el("div", { class: "deal" },
    el("p", { class: "deal-head" }, el("strong", {}, deal.label),
      ` · save ${money(deal.saving, deal.card.currency)}${ends}`),
    productCard(deal.card, ctx, Math.max(deal.regular_price, deal.card.list_price ?? 0)));
}

function comparisonTable(comparison, ctx) {
  const cards = comparison.products;
  const row = (name, cells) => el("tr", {}, el("th", { scope: "row" }, name), cells);
  const rows = [
    row("Price", cards.map((c) => el("td", {}, priceLine(c.price, c.currency, c.list_price)))),
    row("Rating", cards.map((c) => el("td", {}, stars(c.rating, c.rating_count)))),
    row("Availability", cards.map((c) => el("td", {}, stockText(c.in_stock, c.stock)))),
    ...comparison.attributes.map((a) => row(
      label(a.name) + (a.unit ? ` (${a.unit})` : ""),
      a.values.map((v) => el("td", {}, v === null || v === undefined ? "—" : String(v))),
    )),
  ];
  const heads = cards.map((c) => el("th", { scope: "col" }, el("button", {
    type: "button", class: "link-button", "aria-controls": "product-panel",
    onclick: (event) => ctx.openProduct(c.id, c.title, event.currentTarget),
  }, c.title)));
  const names = cards.map((c) => c.title).join(", ");
  return el("div", { class: "table-scroll", role: "region", tabindex: "0",
    "aria-label": `Comparison of ${names}` },
  el("table", { class: "comparison", "data-testid": "comparison-table" },
    el("caption", { class: "visually-hidden" }, `Comparison of ${names}`),
    el("thead", {}, el("tr", {}, el("td", {}), heads)),
    el("tbody", {}, rows)));
}

function quoteText(quote) {
  return typeof quote === "string" ? quote : (quote && quote.sentence) || "";
}

function aspectItem(aspect) {
  const share = aspect.mentions ? Math.round((aspect.positive / aspect.mentions) * 100) : 0;
  const bar = el("span", { class: "bar-fill" });
  bar.style.width = `${share}%`;
  return el("li", { class: "aspect", "data-testid": "aspect" },
    el("p", { class: "aspect-head" },
      el("strong", {}, label(aspect.aspect)),
      el("span", { class: "muted" },
        ` ${aspect.positive} positive · ${aspect.negative} negative`
        + ` of ${aspect.mentions} ${aspect.mentions === 1 ? "mention" : "mentions"}`)),
    el("span", { class: "bar", "aria-hidden": "true" }, bar),
    (aspect.quotes || []).slice(0, 2).map(quoteText).filter(Boolean)
      .map((q) => el("blockquote", { class: "quote" }, `“${q}”`)));
}

/** Pros (aspects reviewers like) and cons (more negative than positive). */
export function prosAndCons(aspects) {
  const cons = aspects.filter((a) => a.negative > a.positive);
  const pros = aspects.filter((a) => a.negative <= a.positive);
  const column = (name, items, cls) => items.length ? el("div", { class: cls },
    el("h4", {}, name), el("ul", { class: "aspects" }, items.map(aspectItem))) : null;
  if (!aspects.length) return el("p", { class: "muted" }, "No reviews say much yet.");
  return el("div", { class: "pros-cons" },
    column("Pros", pros, "pros"), column("Cons", cons, "cons"));
}

function reviewSummary(summary) {
  const about = summary.aspect ? ` about ${summary.aspect.replaceAll("_", " ")}` : "";
  return el("section", { class: "reviews" },
    el("h3", {}, `What customers say${about}: ${summary.title}`),
    el("p", { class: "muted" }, `From ${summary.review_count.toLocaleString()} reviews`),
    prosAndCons(summary.aspects));
}

/** The action in words: "add 1 × X to your cart", "alert you when X drops below $50". */
export function actionText(action) {
  if (action.do === "add_to_cart") {
    const at = action.price !== null && action.price !== undefined
      ? ` at ${money(action.price, action.currency)}` : "";
    return `Add ${action.quantity || 1} × ${action.title} to your cart${at}`;
  }
  const when = {
    back_in_stock: " is back in stock",
    deal_starts: " goes on a deal",
    drop_by_percent: ` drops by ${action.drop_percent}% or more`,
  }[action.condition];
  if (when) return `Alert you when ${action.title}${when}`;
  const below = action.target_price
    ? ` drops to ${money(action.target_price, action.currency)} or less`
    : " drops in price";
  return `Alert you when ${action.title}${below}`;
}

function actionProposal(action, ctx) {
  const status = el("p", { class: "proposal-status", "data-testid": "action-status" },
    "Needs your confirmation");
  const button = el("button", {
    type: "button", class: "button", "data-testid": "action-review", "aria-haspopup": "dialog",
  }, "Review…");
  const node = el("div", { class: "proposal" },
    el("p", {}, el("strong", {}, "Proposed: "), actionText(action)), status, button);
  ctx.proposeAction(action, { node, status, button });
  return node;
}

function productLink(link) {
  return el("p", { class: "link" },
    storeLink(link.url, link.label) || el("span", {}, link.label));
}

const RENDERERS = {
  product_card: productCard,
  deal: dealCard,
  comparison: comparisonTable,
  review_summary: reviewSummary,
  price_history: (chart) => priceHistoryFigure(chart, chart.title),
  action: actionProposal,
  link: productLink,
};

/** The component's node (null for a kind this page does not know). */
export function renderComponent(component, ctx) {
  const render = RENDERERS[component && component.kind];
  if (!render) return null;
  return el("div", {
    class: `component component--${component.kind}`,
    "data-testid": "component", "data-kind": component.kind,
  }, render(component, ctx));
}
