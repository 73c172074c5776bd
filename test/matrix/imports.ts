import { MatrixContext, MatrixRow, route, teamAction } from './matrix';

const imports = (c: MatrixContext) => `/api/v1/teams/${c.team.id}/imports`;
const CSV = Buffer.from('Titolo;Stima\nRimborso TARI;3\n', 'utf8');
const finished = new Map<string, Promise<string>>();

/**
 * One finished import of the target team, made once by its scrum master. It is awaited to its
 * end, so that no event of the background job lands between a refused call's two fingerprints.
 */
function finishedImport(c: MatrixContext): Promise<string> {
  let job = finished.get(c.team.id);
  if (!job) {
    job = (async () => {
      const authorization = `Bearer ${c.userOf('scrum_master')?.token ?? ''}`;
      const form = new FormData();
      form.append('file', new Blob([CSV], { type: 'text/csv' }), 'pratiche.csv');
      const res = await fetch(`${c.t.url}${imports(c)}`, {
        method: 'POST',
        headers: { authorization },
        body: form,
      });
      if (res.status !== 202) throw new Error(`fixture import: ${res.status} ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      for (;;) {
        const poll = await fetch(`${c.t.url}${imports(c)}/${id}`, { headers: { authorization } });
        const body = (await poll.json()) as { state: string };
        if (body.state === 'completed' || body.state === 'failed') return id;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    finished.set(c.team.id, job);
  }
  return job;
}

export const IMPORT_ROWS: MatrixRow[] = [
  route('GET /api/v1/teams/{teamId}/export', teamAction('team.read', 200), (c) => ({
    path: `/api/v1/teams/${c.team.id}/export`,
  })),
  // A dry run: the permission is checked before the file is read, and nothing is written.
  route('POST /api/v1/teams/{teamId}/imports', teamAction('backlog.rank', 200), (c) => ({
    path: imports(c),
    multipart: { fields: { dryRun: 'true' }, file: { name: 'pratiche.csv', content: CSV } },
  })),
  route(
    'GET /api/v1/teams/{teamId}/imports/{importId}',
    teamAction('team.read', 200),
    async (c) => ({
      path: `${imports(c)}/${await finishedImport(c)}`,
    }),
  ),
];
