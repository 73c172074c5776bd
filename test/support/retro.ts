import request from 'supertest';
import type { EventEnvelope } from '../../src/events/event-catalogue';
import { connectClient, TestClient } from './realtime';
import { TestApp } from './test-app';
import { TestUser } from './factories';

type Body = Record<string, unknown>;

/** Authorised requests for the retrospective e2e files. */
export function retroApi(t: TestApp) {
  const send = (
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    user: TestUser,
    path: string,
    body?: unknown,
    ifMatch?: number,
  ) => {
    let req = request(t.url)[method](`/api/v1${path}`).set('Authorization', `Bearer ${user.token}`);
    if (ifMatch !== undefined) req = req.set('If-Match', `"${ifMatch}"`);
    return body === undefined ? req : req.send(body as object);
  };
  return {
    get: (u: TestUser, path: string) => send('get', u, path),
    post: (u: TestUser, path: string, body: unknown = {}) => send('post', u, path, body),
    put: (u: TestUser, path: string, body: unknown) => send('put', u, path, body),
    patch: (u: TestUser, path: string, body: unknown, v: number) => send('patch', u, path, body, v),
    del: (u: TestUser, path: string, v?: number) => send('delete', u, path, undefined, v),
    phase: (u: TestUser, retroId: string, phase: string) =>
      send('post', u, `/retrospectives/${retroId}/phase`, { phase }),
  };
}

/** A socket client that also keeps every engine.io packet as received on the wire. */
export interface WireClient extends TestClient {
  frames: string[];
  retro(type?: string): EventEnvelope[];
}

export async function wireClient(url: string, user: TestUser, teamId: string): Promise<WireClient> {
  const client = await connectClient(url, user.token);
  const frames: string[] = [];
  const engine = client.client.socket.io.engine;
  engine.on('packet', (packet: { type: string; data?: unknown }) =>
    frames.push(`${packet.type}:${typeof packet.data === 'string' ? packet.data : ''}`),
  );
  await client.client.subscribe(teamId);
  return {
    ...client,
    frames,
    retro: (type?: string) =>
      client.events.filter((e) => (type ? e.type === type : e.type.startsWith('retro.'))),
  };
}

/** Rows of every retrospective table and the team's event counter: a refusal changes none. */
export async function retroFingerprint(t: TestApp, teamId: string): Promise<Body> {
  const [row] = await t.db.query<Body[]>(
    `SELECT (SELECT count(*) FROM retrospectives WHERE team_id = $1)::int AS retros,
            (SELECT count(*) FROM retro_cards WHERE team_id = $1)::int AS cards,
            (SELECT string_agg(id || ':' || version || ':' || text || ':' || coalesce(group_id::text, '-'), ',' ORDER BY id)
               FROM retro_cards WHERE team_id = $1) AS card_state,
            (SELECT count(*) FROM retro_groups WHERE team_id = $1)::int AS groups,
            (SELECT coalesce(sum(v.count), 0) FROM retro_votes v
               JOIN retrospectives r ON r.id = v.retro_id WHERE r.team_id = $1)::int AS votes,
            (SELECT count(*) FROM retro_notes WHERE team_id = $1)::int AS notes,
            (SELECT count(*) FROM retro_action_items WHERE team_id = $1)::int AS actions,
            (SELECT string_agg(phase || ':' || version, ',' ORDER BY id) FROM retrospectives
               WHERE team_id = $1) AS phases,
            (SELECT count(*) FROM backlog_items WHERE team_id = $1)::int AS items,
            (SELECT event_seq FROM teams WHERE id = $1)::int AS seq`,
    [teamId],
  );
  return row;
}
