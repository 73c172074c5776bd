import { JSDOM } from 'jsdom';
import request from 'supertest';
import { ApiTokensService } from '../src/identity/tokens/api-tokens.service';
import { backlogApi, BACKLOG_TEST_ENV, fieldsOf } from './support/backlog';
import { Factory, TestTeam, TestUser } from './support/factories';
import { connectClient, TestClient, waitFor } from './support/realtime';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

interface CommentBody {
  id: string;
  teamId: string;
  targetType: string;
  targetId: string;
  authorId: string;
  body: string;
  html: string;
  mentions: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  editedAt: string | null;
}

/** Elements and attributes in an HTML fragment that could run script, parsed as a browser would. */
function scriptable(html: string): string[] {
  const { document } = new JSDOM(`<body>${html}</body>`).window as unknown as {
    document: { body: { querySelectorAll(s: string): ArrayLike<DomElement> } };
  };
  const found: string[] = [];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'svg', 'object', 'embed', 'style', 'form', 'math'].includes(tag))
      found.push(tag);
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.startsWith('on') || attr.name === 'data-user-id')
        found.push(`${tag}[${attr.name}]`);
      if (/^\s*(javascript|data|vbscript):/i.test(attr.value)) found.push(attr.value);
    }
  }
  return found;
}

interface DomElement {
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
}

describe('comments on backlog items and impediments', () => {
  let t: TestApp;
  let f: Factory;
  let api: ReturnType<typeof backlogApi>;
  let team: TestTeam;
  let po: TestUser;
  let dev: TestUser;
  let stakeholder: TestUser;
  let receiver: WebhookReceiver;
  let client: TestClient | undefined;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        ...BACKLOG_TEST_ENV,
        WEBHOOK_ALLOW_PRIVATE: 'true',
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_POLL_MS: '50',
      },
    });
    f = new Factory(t);
    api = backlogApi(t);
    team = await f.team();
    po = await f.member(team, 'product_owner');
    dev = await f.member(team, 'developer');
    stakeholder = await f.member(team, 'stakeholder');
    receiver = await new WebhookReceiver().start();
  });
  afterEach(() => client?.client.close());
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  const item = async (title = 'Iscrizione al servizio mensa') =>
    (await api.items(dev, team, [title]))[0];
  const comment = async (user: TestUser, itemId: string, body: string) =>
    (await api.post(user, `/backlog-items/${itemId}/comments`, { body }).expect(201))
      .body as CommentBody;
  const rows = async (itemId: string) =>
    t.db.query<{ id: string; body: string; version: number; deleted_at: Date | null }[]>(
      `SELECT id, body, version, deleted_at FROM comments WHERE item_id = $1 ORDER BY created_at`,
      [itemId],
    );
  const counts = async () => {
    const [row] = await t.db.query<{ comments: number; revisions: number; events: number }[]>(
      `SELECT (SELECT count(*)::int FROM comments WHERE team_id = $1) AS comments,
              (SELECT count(*)::int FROM comment_revisions r JOIN comments c ON c.id = r.comment_id
                WHERE c.team_id = $1) AS revisions,
              (SELECT count(*)::int FROM events WHERE team_id = $1) AS events`,
      [team.id],
    );
    return row;
  };

  it('creates a comment: Markdown source and sanitized HTML, a row, a revision, comment.created to a socket', async () => {
    const target = await item();
    client = await connectClient(t.url, po.token);
    await client.client.subscribe(team.id);
    const seq = await api.lastSeq(team);

    const res = await api
      .post(stakeholder, `/backlog-items/${target.id}/comments`, {
        body: '\r\n\r\nPer i **genitori**: il modulo è [sul sito](https://comune.example/mensa).\r\n  ',
      })
      .expect(201);
    expect(res.headers.etag).toBe('"1"');
    const body = res.body as CommentBody;
    expect(body).toMatchObject({
      teamId: team.id,
      targetType: 'backlog_item',
      targetId: target.id,
      authorId: stakeholder.id,
      body: 'Per i **genitori**: il modulo è [sul sito](https://comune.example/mensa).',
      mentions: [],
      version: 1,
      editedAt: null,
    });
    expect(body.html).toBe(
      '<p>Per i <strong>genitori</strong>: il modulo è <a href="https://comune.example/mensa" ' +
        'target="_blank" rel="noopener noreferrer nofollow">sul sito</a>.</p>',
    );

    const [row] = await t.db.query(`SELECT * FROM comments WHERE id = $1`, [body.id]);
    expect(row).toMatchObject({
      team_id: team.id,
      item_id: target.id,
      impediment_id: null,
      author_id: stakeholder.id,
      body: body.body,
      body_html: body.html,
      version: 1,
      deleted_at: null,
    });
    const revisions = await t.db.query(
      `SELECT version, body, edited_by FROM comment_revisions WHERE comment_id = $1`,
      [body.id],
    );
    expect(revisions).toEqual([{ version: 1, body: body.body, edited_by: stakeholder.id }]);

    const events = await api.events(team, seq);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'comment.created', actor_id: stakeholder.id });
    expect(events[0].data).toEqual({ comment: body });
    await waitFor(() => client!.events.some((e) => e.type === 'comment.created'), 5_000, 'socket');
    const pushed = client.events.find((e) => e.type === 'comment.created')!;
    expect(pushed).toMatchObject({ seq: events[0].seq, teamId: team.id, data: { comment: body } });

    const got = await api.get(dev, `/comments/${body.id}`).expect(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.body).toEqual(body);
  });

  it('resolves @email of team members to user ids; anyone else stays text, whether or not a user', async () => {
    const target = await item();
    const other = await f.team();
    const outsider = await f.member(other, 'developer');
    const res = await api
      .post(dev, `/backlog-items/${target.id}/comments`, {
        body:
          `@${po.email.toUpperCase()} e @${stakeholder.email}: visto? Ne parlo con ` +
          `@${outsider.email} e @nessuno.qui@comune.example. Di nuovo @${po.email}. ` +
          `In codice: \`@${dev.email}\``,
      })
      .expect(201);
    const body = res.body as CommentBody;
    expect(body.mentions).toEqual([po.id, stakeholder.id]);
    expect(body.html).toContain(
      `<span class="ritmo-mention" data-user-id="${po.id}">@${po.displayName}</span>`,
    );
    expect(body.html).toContain(`@${outsider.email}`);
    expect(body.html).toContain('@nessuno.qui@comune.example');
    expect(body.html).not.toContain(outsider.id);
    expect(body.html).toContain(`<code>@${dev.email}</code>`);
    const [row] = await t.db.query(`SELECT mentions FROM comments WHERE id = $1`, [body.id]);
    expect(row.mentions).toEqual([po.id, stakeholder.id]);
  });

  it('edits with If-Match: new version, the old text kept as a revision, comment.updated, 412/428', async () => {
    const target = await item();
    const first = await comment(dev, target.id, 'Serve il modulo A');
    const seq = await api.lastSeq(team);
    const res = await api
      .patch(dev, `/comments/${first.id}`, { body: `Serve il modulo B, @${po.email}` }, 1)
      .expect(200);
    expect(res.headers.etag).toBe('"2"');
    const edited = res.body as CommentBody;
    expect(edited).toMatchObject({
      id: first.id,
      body: `Serve il modulo B, @${po.email}`,
      mentions: [po.id],
      version: 2,
      createdAt: first.createdAt,
    });
    expect(edited.editedAt).not.toBeNull();
    const events = await api.events(team, seq);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'comment.updated',
        actor_id: dev.id,
        data: {
          comment: edited,
          changes: [{ field: 'body', from: 'Serve il modulo A', to: edited.body }],
        },
      }),
    ]);
    const revisions = await api.get(po, `/comments/${first.id}/revisions`).expect(200);
    expect(revisions.body).toEqual([
      expect.objectContaining({
        version: 1,
        body: 'Serve il modulo A',
        mentions: [],
        editedBy: dev.id,
      }),
      expect.objectContaining({
        version: 2,
        body: edited.body,
        mentions: [po.id],
        html: edited.html,
      }),
    ]);

    // The same text again changes nothing; a stale or missing If-Match writes nothing.
    const same = await api.patch(dev, `/comments/${first.id}`, { body: edited.body }, 2);
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(2);
    const before = await counts();
    const stale = await api.patch(dev, `/comments/${first.id}`, { body: 'x' }, 1).expect(412);
    expect(stale.body.current).toMatchObject({ id: first.id, version: 2 });
    await api.patch(dev, `/comments/${first.id}`, { body: 'x' }).expect(428);
    await api.patch(dev, `/comments/${first.id}`, { body: 'x' }, 'tre').expect(400);
    await api.delete(dev, `/comments/${first.id}`, 1).expect(412);
    await api.delete(dev, `/comments/${first.id}`).expect(428);
    expect(await counts()).toEqual(before);
  });

  it('only the author edits or deletes; deleting keeps the row and its revisions, leaves the list', async () => {
    const target = await item();
    const mine = await comment(
      stakeholder,
      target.id,
      'Domanda dei genitori: e le diete speciali?',
    );
    const kept = await comment(dev, target.id, 'Risposta: sì, con certificato medico.');
    const before = await counts();
    const refused = await api
      .patch(po, `/comments/${mine.id}`, { body: 'Riscritto da altri' }, 1)
      .expect(403);
    expect(refused.body.type).toBe('urn:ritmo:problem:not-comment-author');
    await api.delete(po, `/comments/${mine.id}`, 1).expect(403);
    await api.delete(team.admin, `/comments/${mine.id}`, 1).expect(403);
    expect(await counts()).toEqual(before);

    const seq = await api.lastSeq(team);
    await api.delete(stakeholder, `/comments/${mine.id}`, 1).expect(204);
    const [row] = (await rows(target.id)).filter((r) => r.id === mine.id);
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect(row.version).toBe(2);
    expect((await counts()).revisions).toBe(before.revisions);
    const events = await api.events(team, seq);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'comment.deleted',
        actor_id: stakeholder.id,
        data: {
          commentId: mine.id,
          targetType: 'backlog_item',
          targetId: target.id,
          deletedAt: row.deleted_at!.toISOString(),
          version: 2,
        },
      }),
    ]);
    const list = await api.get(dev, `/backlog-items/${target.id}/comments`).expect(200);
    expect(list.body).toEqual({ items: [kept], nextCursor: null });
    await api.get(dev, `/comments/${mine.id}`).expect(404);
    await api.get(dev, `/comments/${mine.id}/revisions`).expect(404);
    await api.patch(stakeholder, `/comments/${mine.id}`, { body: 'ancora' }, 2).expect(404);
    await api.delete(stakeholder, `/comments/${mine.id}`, 2).expect(404);
  });

  it('shows comments in the item’s history, with the comment id', async () => {
    const target = await item('Rimborso retta pre-scuola');
    const first = await comment(dev, target.id, 'Prima versione');
    await api.patch(dev, `/comments/${first.id}`, { body: 'Seconda versione' }, 1).expect(200);
    await api.delete(dev, `/comments/${first.id}`, 2).expect(204);
    const elsewhere = await item('Altro elemento');
    await comment(dev, elsewhere.id, 'Su un altro elemento');
    const history = await api.get(stakeholder, `/backlog-items/${target.id}/history`).expect(200);
    expect(
      (history.body as { type: string; commentId?: string; changes: unknown[] }[]).map((e) => ({
        type: e.type,
        commentId: e.commentId,
        changes: e.changes,
      })),
    ).toEqual([
      { type: 'backlog_item.created', commentId: undefined, changes: expect.any(Array) },
      {
        type: 'comment.created',
        commentId: first.id,
        changes: [{ field: 'comment', from: null, to: 'Prima versione' }],
      },
      {
        type: 'comment.updated',
        commentId: first.id,
        changes: [{ field: 'comment', from: 'Prima versione', to: 'Seconda versione' }],
      },
      { type: 'comment.deleted', commentId: first.id, changes: [] },
    ]);
  });

  it('lists oldest first, page by page with a cursor; a forged cursor is a 400', async () => {
    const target = await item();
    const written: string[] = [];
    for (let i = 1; i <= 5; i++) written.push((await comment(dev, target.id, `Nota ${i}`)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await api.get(dev, `/backlog-items/${target.id}/comments?limit=2${query}`);
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as CommentBody[]).map((c) => c.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(written);
    const bad = await api.get(dev, `/backlog-items/${target.id}/comments?cursor=abc`).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['cursor']);
    await api.get(dev, `/backlog-items/${target.id}/comments?limit=0`).expect(400);
  });

  it('comments on impediments too', async () => {
    const impediment = await api
      .post(dev, `/teams/${team.id}/impediments`, { title: 'Il server del protocollo è fermo' })
      .expect(201);
    const seq = await api.lastSeq(team);
    const res = await api
      .post(stakeholder, `/impediments/${impediment.body.id}/comments`, {
        body: `Segnalato al fornitore, @${dev.email}`,
      })
      .expect(201);
    expect(res.body).toMatchObject({
      targetType: 'impediment',
      targetId: impediment.body.id,
      mentions: [dev.id],
    });
    const [row] = await t.db.query(`SELECT item_id, impediment_id FROM comments WHERE id = $1`, [
      res.body.id,
    ]);
    expect(row).toEqual({ item_id: null, impediment_id: impediment.body.id });
    expect((await api.events(team, seq)).map((e) => e.type)).toEqual(['comment.created']);
    const list = await api.get(po, `/impediments/${impediment.body.id}/comments`).expect(200);
    expect(list.body.items).toEqual([res.body]);
  });

  it('refuses read-only API tokens, archived items, other tenants (404), anonymous callers; writes nothing', async () => {
    const target = await item();
    const existing = await comment(dev, target.id, 'Esistente');
    const readToken = await t.ritmo.app
      .get(ApiTokensService)
      .create(dev.actor, { name: 'Cruscotto', scopes: ['read'] });
    const other = await f.team();
    const outsider = await f.member(other, 'scrum_master');
    const before = await counts();

    const byToken = await request(t.url)
      .post(`/api/v1/backlog-items/${target.id}/comments`)
      .set('Authorization', `Bearer ${readToken.token}`)
      .send({ body: 'Dal cruscotto' })
      .expect(403);
    expect(byToken.body.type).toBe('urn:ritmo:problem:insufficient-scope');
    await request(t.url)
      .patch(`/api/v1/comments/${existing.id}`)
      .set('Authorization', `Bearer ${readToken.token}`)
      .set('If-Match', '"1"')
      .send({ body: 'Dal cruscotto' })
      .expect(403);
    // Reading is fine with a read-only token.
    await request(t.url)
      .get(`/api/v1/backlog-items/${target.id}/comments`)
      .set('Authorization', `Bearer ${readToken.token}`)
      .expect(200);

    const hidden = await api
      .post(outsider, `/backlog-items/${target.id}/comments`, { body: 'Intruso' })
      .expect(404);
    expect(JSON.stringify(hidden.body)).not.toContain(team.id);
    await api.get(outsider, `/backlog-items/${target.id}/comments`).expect(404);
    const foreign = await api.get(outsider, `/comments/${existing.id}`).expect(404);
    expect(JSON.stringify(foreign.body)).not.toContain('Esistente');
    await api.get(outsider, `/comments/${existing.id}/revisions`).expect(404);
    await api.patch(outsider, `/comments/${existing.id}`, { body: 'x' }, 1).expect(404);
    await api.delete(outsider, `/comments/${existing.id}`, 1).expect(404);
    await api.post(dev, `/impediments/${target.id}/comments`, { body: 'x' }).expect(404);
    await api.get(dev, `/comments/not-a-uuid`).expect(404);
    await request(t.url)
      .post(`/api/v1/backlog-items/${target.id}/comments`)
      .send({ body: 'Anonimo' })
      .expect(401);
    expect(await counts()).toEqual(before);

    const archived = await item('Pratica archiviata');
    await api.delete(dev, `/backlog-items/${archived.id}`, 1).expect(204);
    const afterArchive = await counts();
    const refused = await api
      .post(dev, `/backlog-items/${archived.id}/comments`, { body: 'Troppo tardi' })
      .expect(409);
    expect(refused.body.type).toBe('urn:ritmo:problem:item-archived');
    expect(await counts()).toEqual(afterArchive);
  });

  it('refuses bad input with a 400 naming body, in Italian and English, and writes nothing', async () => {
    const target = await item();
    const existing = await comment(dev, target.id, 'Da correggere');
    const before = await counts();
    const cases: unknown[] = [
      {},
      { body: '' },
      { body: ' \n\t\n ' },
      { body: 'x'.repeat(10_001) },
      { body: 'NUL\u0000in mezzo' },
      { body: 'escape \u001b[31m rosso' },
      { body: 'C1 \u0085 next line' },
      { body: 42 },
      { body: ['lista'] },
      { body: null },
    ];
    for (const bad of cases) {
      const res = await api.post(dev, `/backlog-items/${target.id}/comments`, bad);
      expect({ bad, status: res.status, fields: fieldsOf(res.body) }).toEqual({
        bad,
        status: 400,
        fields: expect.arrayContaining(['body']),
      });
      const edit = await api.patch(dev, `/comments/${existing.id}`, bad, 1);
      expect({ bad, status: edit.status }).toEqual({ bad, status: 400 });
    }
    const unknown = await api
      .post(dev, `/backlog-items/${target.id}/comments`, { body: 'ok', authorId: po.id })
      .expect(400);
    expect(fieldsOf(unknown.body)).toEqual(['authorId']);
    const italian = await request(t.url)
      .post(`/api/v1/backlog-items/${target.id}/comments`)
      .set(api.as(dev))
      .set('Accept-Language', 'it')
      .send({ body: 'NUL\u0000' })
      .expect(400);
    expect(italian.body.errors).toEqual([
      { field: 'body', message: 'non può contenere caratteri di controllo' },
    ]);
    const english = await request(t.url)
      .post(`/api/v1/backlog-items/${target.id}/comments`)
      .set(api.as(dev))
      .set('Accept-Language', 'en')
      .send({ body: 'x'.repeat(10_001) })
      .expect(400);
    expect(english.body.errors[0].field).toBe('body');
    const notAuthorIt = await request(t.url)
      .patch(`/api/v1/comments/${existing.id}`)
      .set(api.as(po))
      .set('Accept-Language', 'it')
      .set('If-Match', '"1"')
      .send({ body: 'Di un altro' })
      .expect(403);
    expect(notAuthorIt.body.detail).toBe(
      'Solo chi ha scritto il commento può modificarlo o eliminarlo',
    );
    await request(t.url)
      .post(`/api/v1/backlog-items/${target.id}/comments`)
      .set(api.as(dev))
      .set('Content-Type', 'text/plain')
      .send('testo semplice')
      .expect(415);
    await request(t.url)
      .post(`/api/v1/backlog-items/${target.id}/comments`)
      .set(api.as(dev))
      .set('Content-Type', 'application/json')
      .send('{"body": "rotto')
      .expect(400);
    expect(await counts()).toEqual(before);

    // Characters are code points: 10,000 of them, tabs and emoji (zero-width joiners) are fine;
    // presentation selectors count too (a validator that skips them let a body past the limit).
    const long = `${'a'.repeat(9_985)}\tfamiglia 👨‍👩‍👧`;
    expect([...long]).toHaveLength(10_000);
    const ok = await comment(dev, target.id, long);
    expect(ok.body).toBe(long);
    const selectors = await api
      .post(dev, `/backlog-items/${target.id}/comments`, { body: `ok${'\ufe0f'.repeat(10_000)}` })
      .expect(400);
    expect(fieldsOf(selectors.body)).toEqual(['body']);
  });

  it('never lets HTML or script in the Markdown into the HTML', async () => {
    const target = await item();
    const attacks = [
      '<script>alert(document.cookie)</script>',
      'Ciao <img src=x onerror=alert(1)>',
      '[clicca](javascript:alert(1))',
      '[clicca](JAVASCRIPT:alert(1))',
      '[clicca](&#x6A;avascript:alert(1))',
      '![foto](javascript:alert(1))',
      '<a href="javascript:alert(1)">link</a>',
      '<iframe src="https://evil.example"></iframe>',
      '<svg onload=alert(1)>',
      '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
      '<details open ontoggle=alert(1)>',
      '<style>@import "https://evil.example/x.css"</style>',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<span class="ritmo-mention" data-user-id="00000000-0000-4000-8000-000000000000">@Sindaco</span>',
      '```html\n<script>alert(1)</script>\n```',
      '<<script>script>alert(1)<</script>/script>',
    ];
    for (const body of attacks) {
      const res = await comment(dev, target.id, body);
      expect({ body, found: scriptable(res.html) }).toEqual({ body, found: [] });
      expect(res.mentions).toEqual([]);
    }
    const shown = await comment(dev, target.id, 'Si scrive <b>così</b>');
    expect(shown.html).toBe('<p>Si scrive &lt;b&gt;così&lt;/b&gt;</p>');
  });

  it('answers an Idempotency-Key replay with the first comment, once', async () => {
    const target = await item();
    const before = await counts();
    const send = () =>
      request(t.url)
        .post(`/api/v1/backlog-items/${target.id}/comments`)
        .set(api.as(dev))
        .set('Idempotency-Key', `commento-${target.id}`)
        .send({ body: 'Una volta sola' });
    const first = await send().expect(201);
    const replay = await send().expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers.etag).toBe('"1"');
    expect(replay.body).toEqual(first.body);
    const after = await counts();
    expect(after.comments).toBe(before.comments + 1);
    expect(after.events).toBe(before.events + 1);
  });

  it('pushes comment.updated and comment.deleted to a subscribed socket, in order, with the versions', async () => {
    const target = await item();
    const first = await comment(po, target.id, 'Riunione con i genitori giovedì');
    client = await connectClient(t.url, stakeholder.token);
    await client.client.subscribe(team.id);
    const edited = await api
      .patch(po, `/comments/${first.id}`, { body: 'Riunione con i genitori venerdì' }, 1)
      .expect(200);
    await api.delete(po, `/comments/${first.id}`, 2).expect(204);
    await waitFor(
      () => client!.events.filter((e) => e.type.startsWith('comment.')).length >= 2,
      5_000,
      'two comment events',
    );
    const pushed = client.events.filter((e) => e.type.startsWith('comment.'));
    expect(pushed.map((e) => e.type)).toEqual(['comment.updated', 'comment.deleted']);
    expect(pushed[1].seq).toBe(pushed[0].seq + 1);
    expect(pushed[0]).toMatchObject({ actorId: po.id, data: { comment: edited.body } });
    expect(pushed[1].data).toMatchObject({ commentId: first.id, version: 3 });
  });

  it('two edits from the same version: one wins, the other gets 412; one revision more, one event', async () => {
    const target = await item();
    const first = await comment(dev, target.id, 'Versione di partenza');
    const seq = await api.lastSeq(team);
    const answers = await Promise.all(
      ['Prima modifica', 'Seconda modifica'].map((body) =>
        api.patch(dev, `/comments/${first.id}`, { body }, 1),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
    const revisions = await t.db.query(
      `SELECT version FROM comment_revisions WHERE comment_id = $1 ORDER BY version`,
      [first.id],
    );
    expect(revisions).toEqual([{ version: 1 }, { version: 2 }]);
    expect((await api.events(team, seq)).map((e) => e.type)).toEqual(['comment.updated']);
  });

  it('delivers comment.* to a webhook subscribed to comment.*', async () => {
    const sm = await f.member(team, 'scrum_master');
    await api
      .post(sm, `/teams/${team.id}/webhooks`, { url: receiver.url, events: ['comment.*'] })
      .expect(201);
    const target = await item();
    const first = await comment(dev, target.id, 'Per il webhook');
    await api
      .patch(dev, `/comments/${first.id}`, { body: 'Per il webhook, rivisto' }, 1)
      .expect(200);
    await api.delete(dev, `/comments/${first.id}`, 2).expect(204);
    await waitFor(() => receiver.succeeded().length >= 3, 10_000, 'three deliveries');
    const got = receiver.succeeded().map((r) => r.json);
    expect(got.map((e) => e.type)).toEqual([
      'comment.created',
      'comment.updated',
      'comment.deleted',
    ]);
    expect(got[0].data).toMatchObject({ comment: { id: first.id, body: 'Per il webhook' } });
    expect(got[2].data).toMatchObject({ commentId: first.id, targetId: target.id });
  });
});
