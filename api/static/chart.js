// A price-history line chart as inline SVG, and its figures as a description list.
import { el, money, shortDate, svg } from "./dom.js";

const W = 320;
const H = 150;
const PAD = { left: 56, right: 10, top: 12, bottom: 24 };

function pointsOf(raw) {
  return (raw || [])
    .map((p) => ({ t: new Date(p.at ?? p.date).getTime(), price: Number(p.price) }))
    .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.price))
    .sort((a, b) => a.t - b.t);
}

function scales(points) {
  const prices = points.map((p) => p.price);
  let low = Math.min(...prices);
  let high = Math.max(...prices);
  if (high - low < 0.01) {
    low -= 1;
    high += 1;
  }
  const t0 = points[0].t;
  const span = Math.max(1, points[points.length - 1].t - t0);
  const x = (t) => PAD.left + ((t - t0) / span) * (W - PAD.left - PAD.right);
  const y = (v) => PAD.top + ((high - v) / (high - low)) * (H - PAD.top - PAD.bottom);
  return { x, y, low: Math.min(...prices), high: Math.max(...prices) };
}

/** The price as a step line: a price holds until the next point. */
function stepPath(points, x, y) {
  let d = `M${x(points[0].t).toFixed(1)},${y(points[0].price).toFixed(1)}`;
  for (const p of points.slice(1)) d += `H${x(p.t).toFixed(1)}V${y(p.price).toFixed(1)}`;
  if (points.length === 1) d += `H${(W - PAD.right).toFixed(1)}`;
  return d;
}

function guide(y, label, className) {
  return svg("g", { class: className },
    svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y }),
    svg("text", { x: PAD.left - 6, y: y + 4, "text-anchor": "end" }, label));
}

/** An inline SVG chart of `points` ({at or date, price}); `label` describes it. */
export function priceChart(rawPoints, currency, label) {
  const points = pointsOf(rawPoints);
  if (!points.length) return el("p", { class: "muted" }, "No price history yet.");
  const { x, y, low, high } = scales(points);
  const path = stepPath(points, x, y);
  const last = points[points.length - 1];
  const bottom = H - PAD.bottom;
  return svg("svg", {
    class: "price-chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label,
    "data-testid": "price-chart", "data-points": points.length,
  },
  svg("title", {}, label),
  guide(y(high), money(high, currency), "guide guide--high"),
  low !== high ? guide(y(low), money(low, currency), "guide guide--low") : null,
  svg("path", { class: "area", d: `${path}V${bottom}H${x(points[0].t).toFixed(1)}Z` }),
  svg("path", { class: "line", d: path }),
  svg("circle", { class: "now", cx: points.length === 1 ? W - PAD.right : x(last.t),
    cy: y(last.price), r: 3.5 }),
  svg("text", { class: "axis", x: PAD.left, y: H - 6, "text-anchor": "start" },
    shortDate(points[0].t)),
  svg("text", { class: "axis", x: W - PAD.right, y: H - 6, "text-anchor": "end" },
    shortDate(last.t)));
}

/** Now / lowest / highest / average, as the store computed them. */
export function priceFigures(history, currency) {
  const rows = [
    ["Now", history.current],
    ["Lowest", history.lowest],
    ["Highest", history.highest],
    ["Average", history.average],
  ].filter(([, value]) => value !== null && value !== undefined);
  return el("dl", { class: "figures" },
    rows.map(([name, value]) => el("div", { class: `figure figure--${name.toLowerCase()}` },
      el("dt", {}, name), el("dd", {}, money(value, currency)))));
}

/** A chart with its figures (and a caption naming the product, unless `caption` is false). */
export function priceHistoryFigure(history, title, { caption = true } = {}) {
  const currency = history.currency;
  const days = history.days ? ` over ${history.days} days` : "";
  const label = `Price of ${title}${days}: now ${money(history.current, currency)}, `
    + `lowest ${money(history.lowest, currency)}, highest ${money(history.highest, currency)}`;
  return el("figure", { class: "price-history" },
    caption ? el("figcaption", {}, el("strong", {}, title), ` · price${days || " history"}`)
      : null,
    priceChart(history.points, currency, label),
    priceFigures(history, currency));
}
