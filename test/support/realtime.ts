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

interface PresenceFrameMember {
  userId: string;
  displayName: string;
  connections: number;
}

/** Who a client sees in a team, from its raw frames: the snapshot, then the deltas after it. */
export function presenceSeen(raw: unknown[], teamId: string): string[] {
  let members = new Map<string, PresenceFrameMember>();
  for (const frame of raw as [string, Record<string, unknown>][]) {
    if (frame[1]?.teamId !== teamId) continue;
    if (frame[0] === 'presence.changed') {
      const list = frame[1].members as PresenceFrameMember[];
      members = new Map(list.map((m) => [m.userId, m]));
    } else if (frame[0] === 'presence.delta') {
      for (const m of frame[1].joined as PresenceFrameMember[]) members.set(m.userId, m);
      for (const id of frame[1].left as string[]) members.delete(id);
    }
  }
  return [...members.keys()].sort();
}

/** The `presence.delta` frames a client received for a team. */
export function presenceDeltas(
  raw: unknown[],
  teamId: string,
): { joined: string[]; left: string[] }[] {
  return (raw as [string, { teamId: string; joined: { userId: string }[]; left: string[] }][])
    .filter((f) => f[0] === 'presence.delta' && f[1].teamId === teamId)
    .map((f) => ({ joined: f[1].joined.map((m) => m.userId), left: f[1].left }));
}
