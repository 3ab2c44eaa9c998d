// The web chat: wires the page to the HTTP API (POST /v1/chat, POST /v1/threads/{id}/resume,
// GET /v1/products/{id}, the notification stream) and keeps the conversation's state.
import { actionText } from "./components.js";
import { el } from "./dom.js";
import { AssistantTurn, userMessage } from "./messages.js";
import { watchNotifications } from "./notifications.js";
import { productDetails } from "./panel.js";
import { getJson, postStream, problemText, readEvents } from "./stream.js";

const $ = (id) => document.getElementById(id);
const ui = {
  log: $("messages"), form: $("composer"), input: $("message"), send: $("send"),
  suggestions: $("suggestions"), chip: $("context-chip"), chipTitle: $("context-title"),
  chipClear: $("context-clear"), panel: $("product-panel"), panelTitle: $("panel-title"),
  panelBody: $("panel-body"), panelClose: $("panel-close"), panelAsk: $("panel-ask"),
  dialog: $("confirm-dialog"), dialogTitle: $("confirm-title"), dialogText: $("confirm-text"),
  confirm: $("confirm-accept"), cancel: $("confirm-cancel"), reset: $("new-chat"),
  starters: $("starters"),
};

const state = {
  threadId: null, // from the first `metadata` event; sent with every later message
  context: null, // {id, title}: the product in the panel, sent as `product_id`
  busy: false,
  abort: null,
  proposal: null, // {action, view} (or {question}): what waits for the shopper's decision
  panelOpener: null,
};

const ctx = {
  openProduct: (id, title, opener) => openProduct(id, title, opener),
  proposeAction(action, view) {
    if (state.proposal) settleProposal("Replaced by a newer proposal");
    state.proposal = { action, view };
    view.button.addEventListener("click", () => {
      if (state.proposal && state.proposal.view === view && !state.busy) openDialog();
    });
  },
};

function setBusy(busy) {
  state.busy = busy;
  ui.send.disabled = busy;
  ui.log.setAttribute("aria-busy", String(busy));
  for (const chip of ui.suggestions.querySelectorAll("button")) chip.disabled = busy;
}

/** Whether the shopper is reading the end of the conversation (then it follows new text). */
function atEnd() {
  return ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 120;
}

function scrollToEnd() {
  ui.log.scrollTop = ui.log.scrollHeight;
}

function showSuggestions(questions) {
  ui.suggestions.replaceChildren(...questions.map((question) => el("button", {
    type: "button", class: "chip", "data-testid": "suggestion-chip",
    onclick: () => send(question),
  }, question)));
  ui.suggestions.hidden = !questions.length;
}

function clearSuggestions() {
  ui.suggestions.replaceChildren();
  ui.suggestions.hidden = true;
}

function handle(turn, event) {
  switch (event.type) {
    case "metadata":
      if (event.thread_id) state.threadId = event.thread_id;
      turn.noteFallbacks(event.fallbacks, event.model);
      break;
    case "plan":
      if (event.plan && event.plan.intent) turn.node.dataset.intent = event.plan.intent;
      break;
    case "token":
      turn.appendText(event.text);
      break;
    case "component":
      turn.addComponent(event.component);
      break;
    case "suggestions":
      showSuggestions(event.questions || []);
      break;
    case "interrupt":
      adoptInterrupt(event.value || {});
      break;
    case "error":
      turn.error(event.message, event.code);
      turn.noteFallbacks(event.fallbacks, null);
      break;
    case "end":
      turn.end(event);
      break;
    default:
      break; // an event type this page does not know yet
  }
}

/** Stream one turn into a new assistant message: true if it worked, null if aborted. */
async function runTurn(url, body) {
  const proposalBefore = state.proposal;
  clearSuggestions();
  ui.starters.remove();
  const turn = new AssistantTurn(ui.log, ctx);
  scrollToEnd();
  const abort = new AbortController();
  state.abort = abort;
  setBusy(true);
  try {
    const response = await postStream(url, body, abort.signal);
    if (!response.ok) turn.error(await problemText(response));
    else {
      for await (const event of readEvents(response)) {
        const follow = atEnd();
        handle(turn, event);
        if (follow) scrollToEnd();
      }
    }
  } catch (error) {
    if (error.name === "AbortError") return null;
    turn.error("The assistant could not be reached. Check your connection and try again.");
  } finally {
    const follow = atEnd();
    turn.finish();
    if (state.abort === abort) state.abort = null;
    setBusy(false);
    if (follow) scrollToEnd();
  }
  const proposed = state.proposal && state.proposal !== proposalBefore;
  if (!turn.failed && proposed && !ui.dialog.open) openDialog();
  return !turn.failed;
}

async function send(text) {
  const message = text.trim();
  if (!message || state.busy) return;
  const body = { message };
  if (state.threadId) body.thread_id = state.threadId;
  if (state.context) body.product_id = state.context.id;
  ui.log.append(userMessage(message, state.context && state.context.title));
  if (ui.input.value.trim() === message) setInput("");
  const ok = await runTurn("/v1/chat", body);
  if (ok === false && !ui.input.value.trim()) setInput(message); // keep it, to try again
}

function setInput(value) {
  ui.input.value = value;
  autosize();
}

function autosize() {
  ui.input.style.height = "auto";
  if (!ui.input.value) return; // the placeholder may wrap: keep one row
  ui.input.style.height = `${Math.min(ui.input.scrollHeight, 200)}px`;
}

// ---- the confirm dialog (an `action` component, answered with /resume) ----

/** The thread waits: keep the turn's `action` proposal, else take it from the interrupt. */
function adoptInterrupt(value) {
  if (state.proposal) return;
  const action = value.kind === "action" ? value : value.action || value.proposal;
  if (action && action.do) state.proposal = { action, view: null };
  else {
    const question = value.message || value.question || "The assistant waits for your answer.";
    state.proposal = { action: null, question: String(question), view: null };
  }
}

function openDialog() {
  const { action, question } = state.proposal;
  ui.dialogTitle.textContent = !action ? "Please confirm"
    : action.do === "add_to_cart" ? "Add to your cart?" : "Set a price alert?";
  ui.dialogText.textContent = action ? `${actionText(action)}.` : question;
  ui.confirm.textContent = !action ? "Confirm"
    : action.do === "add_to_cart" ? "Add to cart" : "Set alert";
  ui.dialog.showModal();
  ui.confirm.focus();
}

function settleProposal(status) {
  const view = state.proposal && state.proposal.view;
  if (view) {
    view.status.textContent = status;
    view.button.disabled = true;
    view.button.hidden = true;
  }
  state.proposal = null;
}

async function decide(decision) {
  ui.dialog.close();
  if (!state.proposal || state.busy) return;
  const proposal = state.proposal;
  const what = proposal.action ? actionText(proposal.action) : proposal.question;
  settleProposal(decision === "confirm" ? "Confirmed" : "Cancelled");
  ui.log.append(userMessage(decision === "confirm" ? `Confirm: ${what}` : `Cancel: ${what}`));
  if (!state.threadId) {
    const turn = new AssistantTurn(ui.log, ctx);
    turn.error("This conversation has no thread to answer; start a new one.");
    turn.finish();
    return;
  }
  const url = `/v1/threads/${encodeURIComponent(state.threadId)}/resume`;
  const ok = await runTurn(url, { decision });
  if (ok !== false) return;
  state.proposal = proposal; // let the shopper try again
  if (proposal.view) {
    proposal.view.status.textContent = "Needs your confirmation";
    proposal.view.button.disabled = false;
    proposal.view.button.hidden = false;
  }
}

// ---- the product panel, and the product context it gives the next messages ----

function setContext(context) {
  state.context = context;
  ui.chip.hidden = !context;
  ui.chipTitle.textContent = context ? context.title : "";
  ui.chipClear.setAttribute("aria-label", context ? `Stop asking about ${context.title}` : "");
}

async function openProduct(id, title, opener) {
  state.panelOpener = opener || null;
  setContext({ id, title });
  ui.panel.hidden = false;
  ui.panel.dataset.minimized = "false";
  ui.panel.dataset.productId = id;
  ui.panelTitle.textContent = title;
  ui.panelBody.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  ui.panelBody.setAttribute("aria-busy", "true");
  ui.panelTitle.focus();
  try {
    const response = await getJson(`/v1/products/${encodeURIComponent(id)}`);
    if (ui.panel.dataset.productId !== id) return; // another product was opened since
    if (!response.ok) throw new Error(await problemText(response));
    const product = await response.json();
    ui.panelTitle.textContent = product.title;
    if (state.context && state.context.id === id) setContext({ id, title: product.title });
    ui.panelBody.replaceChildren(...productDetails(product).filter(Boolean));
  } catch (error) {
    if (ui.panel.dataset.productId !== id) return;
    ui.panelBody.replaceChildren(el("p", { class: "error", role: "alert" },
      error.message || "The product could not be loaded."));
  } finally {
    ui.panelBody.setAttribute("aria-busy", "false");
  }
}

function closeProduct() {
  const wasOpen = !ui.panel.hidden;
  ui.panel.hidden = true;
  delete ui.panel.dataset.productId;
  setContext(null);
  if (!wasOpen) return;
  const opener = state.panelOpener;
  (opener && opener.isConnected ? opener : ui.input).focus();
}

function askAboutProduct() {
  ui.panel.dataset.minimized = "true"; // narrow screens: show the conversation again
  ui.input.focus();
}

function showPanel() {
  if (ui.panel.hidden) return;
  ui.panel.dataset.minimized = "false";
  ui.panelTitle.focus();
}

function newConversation() {
  state.abort?.abort();
  state.threadId = null;
  settleProposal("");
  closeProduct();
  clearSuggestions();
  ui.log.replaceChildren();
  ui.log.after(ui.starters);
  setInput("");
  ui.input.focus();
}

ui.form.addEventListener("submit", (event) => {
  event.preventDefault();
  send(ui.input.value);
});
ui.input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    ui.form.requestSubmit();
  }
});
ui.input.addEventListener("input", autosize);
ui.chipClear.addEventListener("click", () => { closeProduct(); ui.input.focus(); });
ui.chipTitle.addEventListener("click", showPanel);
ui.panelClose.addEventListener("click", closeProduct);
ui.panelAsk.addEventListener("click", askAboutProduct);
ui.panel.addEventListener("keydown", (event) => {
  if (event.key === "Escape") closeProduct();
});
ui.confirm.addEventListener("click", () => decide("confirm"));
ui.cancel.addEventListener("click", () => decide("cancel"));
ui.reset.addEventListener("click", newConversation);
for (const starter of document.querySelectorAll("[data-starter]")) {
  starter.addEventListener("click", () => send(starter.textContent));
}
watchNotifications($("notifications"), ctx.openProduct);
document.documentElement.dataset.ready = "true";
