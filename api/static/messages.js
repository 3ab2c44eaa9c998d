// The conversation log: the shopper's messages and the assistant's streamed turns.
import { renderComponent } from "./components.js";
import { el, hidden } from "./dom.js";

const CARD_KINDS = new Set(["product_card", "deal"]);

/** The shopper's message (with the product it is about, if any). */
export function userMessage(text, about) {
  return el("div", { class: "message message--user", "data-testid": "message", "data-role": "user" },
    hidden("You: "),
    about ? el("p", { class: "message-about" }, `About: ${about}`) : null,
    el("p", { class: "message-text" }, text));
}

function fallbackNote(fallbacks, model) {
  const failed = fallbacks.map((a) => `${a.model} (${a.failure})`).join(", ");
  return model ? `${failed} could not answer; ${model} answered instead.`
    : `${failed} could not answer.`;
}

/** One assistant turn: text and components in the order they stream in. */
export class AssistantTurn {
  constructor(log, ctx) {
    this.ctx = ctx;
    this.text = null;
    this.failed = false;
    this.body = el("div", { class: "message-body" });
    this.meta = el("p", { class: "message-meta", "data-testid": "message-meta" });
    this.node = el("div", {
      class: "message message--assistant", "data-testid": "message", "data-role": "assistant",
      "aria-busy": "true",
    }, hidden("Assistant: "), this.body, this.meta);
    this.typing = el("span", { class: "typing", "aria-hidden": "true" });
    this.body.append(this.typing);
    log.append(this.node);
  }

  appendText(text) {
    if (!this.text) {
      this.text = el("p", { class: "message-text" });
      this.body.insertBefore(this.text, this.typing);
    }
    this.text.append(text);
  }

  addComponent(component) {
    const node = renderComponent(component, this.ctx);
    if (!node) return;
    this.text = null;
    let parent = this.body;
    if (CARD_KINDS.has(component.kind)) {
      const previous = this.typing.previousElementSibling;
      parent = previous && previous.classList.contains("cards") ? previous
        : this.body.insertBefore(el("div", { class: "cards" }), this.typing);
      parent.append(node);
      return;
    }
    this.body.insertBefore(node, this.typing);
  }

  /** A discreet note when models failed before the one that answers. */
  noteFallbacks(fallbacks, model) {
    if (!fallbacks || !fallbacks.length) return;
    this.meta.replaceChildren(el("span", { class: "fallback", "data-testid": "fallback-note" },
      fallbackNote(fallbacks, model)));
  }

  error(message, code) {
    this.failed = true;
    this.node.dataset.state = "error";
    this.body.insertBefore(el("div", { class: "error", role: "alert", "data-testid": "error" },
      el("strong", {}, "Sorry: "), message,
      code ? el("span", { class: "muted" }, ` (${code})`) : null), this.typing);
  }

  end(event) {
    if (!this.meta.childElementCount) this.noteFallbacks(event.fallbacks, event.model);
    if (event.model) this.node.dataset.model = event.model;
  }

  finish() {
    this.typing.remove();
    this.node.setAttribute("aria-busy", "false");
    if (!this.body.childElementCount) this.body.append(el("p", { class: "muted" }, "(no answer)"));
  }
}
