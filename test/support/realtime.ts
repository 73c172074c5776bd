import { setTimeout as sleep } from 'node:timers/promises';
import { RealtimeClient } from '../../src/client/realtime-client';
import type { EventEnvelope } from '../../src/events/event-catalogue';

export interface TestClient {
  client: RealtimeClient;
  events: EventEnvelope[];
  raw: unknown[];
}

/** A reference client that records every event it applied and every raw frame it received. */
export async function connectClient(url: string, token: string): Promise<TestClient> {
  const events: EventEnvelope[] = [];
  const raw: unknown[] = [];
  const client = new RealtimeClient(url, token, { onEvent: (event) => events.push(event) });
  client.socket.onAny((name: string, ...args: unknown[]) => raw.push([name, ...args]));
  await client.connected();
  return { client, events, raw };
}

export async function waitFor(
  condition: () => boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}
