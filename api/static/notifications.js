// The account's notifications as they arrive (GET /v1/notifications/stream), each shown as a
// small dismissible toast beside the conversation. EventSource sends the session cookie,
// and after a dropped connection it resumes with the Last-Event-ID it saw.
import { el, money } from "./dom.js";

const STREAM_URL = "/v1/notifications/stream";
const MAX_SHOWN = 4;

const HEADINGS = {
  alert: "Price alert",
  order_placed: "Auto-buy: order placed",
  order_skipped: "Auto-buy: no order placed",
};

function priceOf(amount, currency) {
  return typeof amount === "number" ? money(amount, currency) : null;
}

/** What the alert saw, in words. */
function alertText(payload, title) {
  const price = priceOf(payload.price, payload.currency);
  const at = price ? ` at ${price}` : "";
  switch (payload.condition) {
    case "price_at_most": {
      const target = priceOf(payload.target_price, payload.currency);
      return `${title} is now ${price || "on sale"}${target ? ` (your alert: ${target} or less)` : ""}.`;
    }
    case "drop_by_percent":
      return `${title} dropped${price ? ` to ${price}` : ""}, at least ${payload.drop_percent}% off.`;
    case "back_in_stock":
      return `${title} is back in stock${at}.`;
    case "deal_starts": {
      const label = payload.deal_label ? `${payload.deal_label}: ` : "A deal: ";
      const where = payload.category ? ` (in ${payload.category})` : "";
      return `${label}${title}${at}${where}.`;
    }
    default:
      return `${title}${at}.`;
  }
}

/** A notification's sentence, from its kind and payload (see docs/alerts.md). */
export function notificationText(note) {
  const payload = note.payload || {};
  const order = payload.order || {};
  const title = payload.title || payload.product_id || payload.category || "A product";
  if (note.kind === "order_placed") {
    const total = priceOf(order.total, order.currency);
    return `Ordered ${order.quantity || 1} × ${title}${total ? ` for ${total}` : ""}.`;
  }
  if (note.kind === "order_skipped") {
    return `${title}: no order was placed${order.reason ? ` (${order.reason})` : ""}.`;
  }
  return alertText(payload, title);
}

function markRead(id) {
  fetch(`/v1/notifications/${encodeURIComponent(id)}/read`, {
    method: "POST", credentials: "same-origin",
  }).catch(() => {}); // best effort: the inbox still lists it
}

function toast(note, openProduct) {
  const payload = note.payload || {};
  const node = el("div", {
    class: "toast", "data-testid": "notification", "data-kind": note.kind, "data-id": note.id,
  });
  const dismiss = () => { node.remove(); markRead(note.id); };
  const title = payload.title || payload.product_id;
  const view = payload.product_id ? el("button", {
    type: "button", class: "link-button", "data-testid": "notification-product",
    onclick: (event) => openProduct(payload.product_id, title, event.currentTarget),
  }, "View product") : null;
  node.append(
    el("div", { class: "toast-body" },
      el("p", { class: "toast-title" }, HEADINGS[note.kind] || "Notification"),
      el("p", { class: "toast-text", "data-testid": "notification-text" },
        notificationText(note)),
      view),
    el("button", {
      type: "button", class: "icon-button", "data-testid": "notification-dismiss",
      "aria-label": "Dismiss this notification", onclick: dismiss,
    }, "×"),
  );
  return node;
}

/**
 * Show the account's new notifications in `region` (openProduct(id, title, opener) opens the
 * product panel). Without a session the stream answers 401 and the page stays as it was.
 */
export function watchNotifications(region, openProduct) {
  if (!region || typeof EventSource === "undefined") return null;
  const shown = new Set();
  const source = new EventSource(STREAM_URL); // same origin: the session cookie goes along
  region.dataset.stream = "connecting";
  source.addEventListener("open", () => { region.dataset.stream = "open"; });
  source.addEventListener("error", () => {
    // CLOSED: refused (signed out, no such route); else the browser reconnects by itself.
    region.dataset.stream = source.readyState === EventSource.CLOSED ? "closed" : "connecting";
  });
  source.addEventListener("notification", (event) => {
    let note;
    try {
      note = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!note || !note.id || shown.has(note.id)) return;
    shown.add(note.id);
    region.append(toast(note, openProduct));
    while (region.children.length > MAX_SHOWN) region.firstElementChild.remove();
  });
  return source;
}
