// The product panel's content: GET /v1/products/{id} rendered as a product page.
import { priceHistoryFigure } from "./chart.js";
import { prosAndCons } from "./components.js";
import { el, hidden, label, money, safeUrl, shortDate, stars, stockText } from "./dom.js";

function attributeText(value) {
  if (value && typeof value === "object" && "value" in value) {
    return [attributeText(value.value), value.unit || ""].join(" ").trim();
  }
  if (value === true) return "yes";
  if (value === false) return "no";
  if (value === null || value === undefined) return "—";
  return String(value);
}

function offerBlock(offer) {
  if (!offer) return el("p", { class: "muted" }, "Not on sale right now.");
  const was = Math.max(offer.list_price ?? 0, offer.regular_price ?? 0);
  const shipping = offer.shipping_days !== null && offer.shipping_days !== undefined
    ? ` · ships in ${offer.shipping_days} ${offer.shipping_days === 1 ? "day" : "days"}` : "";
  const dealEnds = offer.deal_ends_at ? ` · ends ${shortDate(offer.deal_ends_at)}` : "";
  return el("div", { class: "offer" },
    offer.deal_label
      ? el("p", {}, el("span", { class: "badge badge--deal" }, offer.deal_label), dealEnds)
      : null,
    el("p", { class: "price-line price-line--large" },
      el("span", { class: "price", "data-testid": "panel-price" },
        money(offer.price, offer.currency)),
      was > offer.price
        ? el("s", { class: "list-price" }, hidden("was "), money(was, offer.currency)) : null),
    el("p", { class: `stock ${offer.in_stock ? "stock--in" : "stock--out"}` },
      stockText(offer.in_stock, offer.stock), shipping));
}

function section(title, ...content) {
  return el("section", { class: "panel-section" }, el("h3", {}, title), ...content);
}

function specifications(attributes) {
  const entries = Object.entries(attributes || {});
  if (!entries.length) return null;
  return section("Specifications", el("dl", { class: "specs" }, entries.map(([name, value]) =>
    el("div", {}, el("dt", {}, label(name)), el("dd", {}, attributeText(value))))));
}

function policies(product) {
  const lines = [];
  if (product.return_window_days) lines.push(`${product.return_window_days}-day returns`);
  if (product.warranty_months) lines.push(`${product.warranty_months}-month warranty`);
  return lines.length ? el("p", { class: "muted" }, lines.join(" · ")) : null;
}

function links(product) {
  const items = (product.links || [])
    .map((link) => [safeUrl(link.url), link.rel || link.label || "Link"])
    .filter(([href]) => href)
    .map(([href, label]) => el("li", {}, el("a", {
      href, target: "_blank", rel: "noopener noreferrer",
    }, label, hidden(" (opens in a new tab)"))));
  return items.length ? section("Links", el("ul", {}, items)) : null;
}

/** The panel body for one product (`ProductDetail`). */
export function productDetails(product) {
  const history = product.price_history;
  const features = product.features || [];
  return [
    el("p", { class: "muted" }, [product.brand, product.category].filter(Boolean).join(" · ")),
    offerBlock(product.offer),
    stars(product.rating, product.rating_count),
    policies(product),
    product.description ? el("p", { class: "description" }, product.description) : null,
    features.length ? section("Features", el("ul", {}, features.map((f) => el("li", {}, f))))
      : null,
    specifications(product.attributes),
    history
      ? section("Price history", priceHistoryFigure(history, product.title, { caption: false }))
      : null,
    section("What customers say", prosAndCons(product.aspects || [])),
    links(product),
  ];
}
