import type { Page } from 'playwright-core';

/**
 * Everything a page receives that could carry a hidden value: the WebSocket frames (read
 * through Playwright's `websocket` event, as they arrive) and the JSON bodies of API answers.
 * Attach before the page loads, so the socket's first frame is caught too.
 */
export interface Traffic {
  frames: string[];
  /** JSON of every API answer whose path matches, parsed. */
  bodies(): Promise<unknown[]>;
  /** Forget what came so far: a check reads only what arrived after. */
  reset(): void;
}

export function recordTraffic(page: Page, api: RegExp): Traffic {
  let frames: string[] = [];
  let pending: Promise<unknown>[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => {
      frames.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString());
    }),
  );
  page.on('response', (response) => {
    if (!api.test(new URL(response.url()).pathname)) return;
    pending.push(response.json().catch(() => undefined));
  });
  return {
    get frames() {
      return frames;
    },
    bodies: () => Promise.all(pending),
    reset: () => {
      frames = [];
      pending = [];
    },
  };
}

/**
 * The JSON inside a socket.io frame, if any: engine.io and socket.io packet types, then the
 * namespace and an ack id when present (`42/realtime,["event",{…}]`, `43/realtime,7[{…}]`).
 */
export function framePayload(frame: string): unknown {
  const json = frame.replace(/^\d+(?:\/[^,[{]*,)?\d*/, '');
  if (!json.startsWith('[') && !json.startsWith('{')) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** Every value under a key of `keys`, anywhere in a JSON value. */
export function valuesUnder(value: unknown, keys: readonly string[], out: unknown[] = []) {
  if (Array.isArray(value)) for (const v of value) valuesUnder(v, keys, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (keys.includes(k) && (typeof v !== 'object' || v === null)) out.push(v);
      else valuesUnder(v, keys, out);
    }
  return out;
}

/**
 * The text and attribute values of the page, leaving out the parts that match `skip` (e.g. the
 * deck, which lists every card by design).
 */
export function pageText(page: Page, skip: string): Promise<string> {
  return page.evaluate((selector) => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of body.querySelectorAll(selector)) el.remove();
    const attrs = [...body.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].map((a) => a.value),
    );
    return `${body.textContent ?? ''}\n${attrs.join('\n')}`;
  }, skip);
}
