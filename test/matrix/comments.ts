import { randomBytes } from 'node:crypto';
import type { TestUser } from '../support/factories';
import { ActorName, MatrixContext, MatrixRow, route, teamAction } from './matrix';

/** A POST of the target team as `user`, answering the created body. */
async function created<T>(
  c: MatrixContext,
  user: TestUser | undefined,
  path: string,
  body: object,
) {
  const res = await fetch(`${c.t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user?.token ?? ''}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`fixture ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const freshItem = (c: MatrixContext) =>
  created<{ id: string }>(c, c.userOf('developer'), `/api/v1/teams/${c.team.id}/backlog-items`, {
    title: `Pratica ${randomBytes(3).toString('hex')}`,
  });

const freshImpediment = (c: MatrixContext) =>
  created<{ id: string }>(c, c.userOf('developer'), `/api/v1/teams/${c.team.id}/impediments`, {
    title: 'Il server del protocollo è fermo',
  });

/**
 * A comment written by the caller when the caller may comment (only its author edits or
 * deletes it), by the developer otherwise: so each actor meets the refusal of its own role.
 */
async function freshComment(c: MatrixContext, actor: ActorName) {
  const mayComment = ['stakeholder', 'developer', 'scrum_master', 'product_owner'].includes(actor);
  const author = mayComment ? c.userOf(actor) : c.userOf('developer');
  const item = await freshItem(c);
  return created<{ id: string; version: number }>(
    c,
    author,
    `/api/v1/backlog-items/${item.id}/comments`,
    { body: 'Sentito l’ufficio legale: si può procedere.' },
  );
}

export const COMMENT_ROWS: MatrixRow[] = [
  route('GET /api/v1/backlog-items/{itemId}/comments', teamAction('team.read', 200), async (c) => ({
    path: `/api/v1/backlog-items/${(await freshItem(c)).id}/comments`,
  })),
  route(
    'POST /api/v1/backlog-items/{itemId}/comments',
    teamAction('backlog.comment', 201),
    async (c) => ({
      path: `/api/v1/backlog-items/${(await freshItem(c)).id}/comments`,
      body: { body: 'Il **modulo B** è pronto.' },
    }),
  ),
  route(
    'GET /api/v1/impediments/{impedimentId}/comments',
    teamAction('team.read', 200),
    async (c) => ({ path: `/api/v1/impediments/${(await freshImpediment(c)).id}/comments` }),
  ),
  route(
    'POST /api/v1/impediments/{impedimentId}/comments',
    teamAction('backlog.comment', 201),
    async (c) => ({
      path: `/api/v1/impediments/${(await freshImpediment(c)).id}/comments`,
      body: { body: 'Ho aperto una segnalazione al fornitore.' },
    }),
  ),
  route('GET /api/v1/comments/{commentId}', teamAction('team.read', 200), async (c, actor) => ({
    path: `/api/v1/comments/${(await freshComment(c, actor)).id}`,
  })),
  route(
    'PATCH /api/v1/comments/{commentId}',
    teamAction('backlog.comment', 200),
    async (c, actor) => {
      const comment = await freshComment(c, actor);
      return {
        path: `/api/v1/comments/${comment.id}`,
        body: { body: 'Corretto: si procede lunedì.' },
        headers: { 'If-Match': `"${comment.version}"` },
      };
    },
  ),
  route(
    'DELETE /api/v1/comments/{commentId}',
    teamAction('backlog.comment', 204),
    async (c, actor) => {
      const comment = await freshComment(c, actor);
      return {
        path: `/api/v1/comments/${comment.id}`,
        headers: { 'If-Match': `"${comment.version}"` },
      };
    },
  ),
  route(
    'GET /api/v1/comments/{commentId}/revisions',
    teamAction('team.read', 200),
    async (c, actor) => ({
      path: `/api/v1/comments/${(await freshComment(c, actor)).id}/revisions`,
    }),
  ),
];
