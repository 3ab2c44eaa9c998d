// The HTTP API: POST a turn and read its server-sent events with fetch (EventSource cannot
// POST). sse-starlette ends lines with CRLF, so frames are split on /\r?\n\r?\n/.

const FRAME_END = /\r?\n\r?\n/;

/** One SSE frame as {type, ...data}, or null for pings (comment lines) and bad frames. */
export function parseFrame(frame) {
  let name = "message";
  const data = [];
  for (const line of frame.split(/\r?\n/)) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") name = value;
    else if (field === "data") data.push(value);
  }
  if (!data.length) return null;
  try {
    const payload = JSON.parse(data.join("\n"));
    return { ...payload, type: payload.type || name };
  } catch {
    return null;
  }
}

/** The events of a streaming response, as they arrive. */
export async function* readEvents(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const frames = buffer.split(FRAME_END);
    buffer = frames.pop();
    for (const frame of frames) {
      const event = parseFrame(frame);
      if (event) yield event;
    }
  }
  const last = parseFrame(buffer);
  if (last) yield last;
}

/** Why a request was refused: the JSON body's `detail` (a string or FastAPI's list). */
export async function problemText(response) {
  if (response.status === 401) return "Your session has ended: reload the page to start again.";
  let detail = null;
  try {
    detail = (await response.json()).detail;
  } catch {
    // not JSON: fall through to the status line
  }
  if (typeof detail === "string" && detail) return detail;
  if (Array.isArray(detail) && detail.length) {
    return detail.map((item) => (item && item.msg) || String(item)).join("; ");
  }
  return `The server answered ${response.status} ${response.statusText}`.trim();
}

/** POST JSON and expect an event stream back. */
export function postStream(url, body, signal) {
  return fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal,
  });
}

/** GET JSON. */
export function getJson(url, signal) {
  return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, signal });
}
