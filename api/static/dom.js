// Small DOM helpers. Server text only ever reaches the page as text nodes or attributes,
// never as HTML (no innerHTML anywhere).

const SVG_NS = "http://www.w3.org/2000/svg";

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function setAttributes(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else node.setAttribute(key, value === true ? "" : String(value));
  }
  return node;
}

/** An HTML element: el("p", {class: "x", "data-testid": "y"}, "text", child). */
export function el(tag, attrs = {}, ...children) {
  return append(setAttributes(document.createElement(tag), attrs), children);
}

/** An SVG element, same calling convention as `el`. */
export function svg(tag, attrs = {}, ...children) {
  return append(setAttributes(document.createElementNS(SVG_NS, tag), attrs), children);
}

/** A price as the store reports it: "$149.99", or "149.99 XYZ" for an unknown currency. */
export function money(amount, currency) {
  if (amount === null || amount === undefined) return "no price";
  if (currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(amount);
    } catch {
      return `${Number(amount).toFixed(2)} ${currency}`;
    }
  }
  return Number(amount).toFixed(2);
}

/** "Nov 22" (with the year when it is not this year's). */
export function shortDate(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const sameYear = date.getFullYear() === new Date().getFullYear();
  const options = sameYear
    ? { month: "short", day: "numeric" }
    : { month: "short", day: "numeric", year: "numeric" };
  return new Intl.DateTimeFormat(undefined, options).format(date);
}

/** The URL if it is http(s) (absolute or relative to the page), else null. */
export function safeUrl(url) {
  if (typeof url !== "string" || !url) return null;
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Stars filled to the rating, with the figures for screen readers and as a tooltip. */
export function stars(rating, count) {
  if (rating === null || rating === undefined) {
    return el("span", { class: "rating rating--none" }, "No ratings yet");
  }
  const reviews = `${Number(count || 0).toLocaleString()} ${count === 1 ? "rating" : "ratings"}`;
  const label = `Rated ${Number(rating).toFixed(1)} out of 5 (${reviews})`;
  const fill = el("span", { class: "stars-fill" });
  fill.style.width = `${Math.max(0, Math.min(100, (rating / 5) * 100))}%`;
  return el(
    "span",
    { class: "rating", title: label },
    el("span", { class: "stars", role: "img", "aria-label": label }, fill),
    el("span", { class: "rating-figures", "aria-hidden": "true" },
      `${Number(rating).toFixed(1)} (${Number(count || 0).toLocaleString()})`),
  );
}

/** How many are left, in words. */
export function stockText(inStock, stock) {
  if (!inStock) return "Out of stock";
  if (typeof stock === "number" && stock <= 5) return `Only ${stock} left`;
  return "In stock";
}

/** An attribute or aspect name for people: "battery_life" -> "Battery life". */
export function label(name) {
  const words = String(name).replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Text that only screen readers read. */
export function hidden(text) {
  return el("span", { class: "visually-hidden" }, text);
}
