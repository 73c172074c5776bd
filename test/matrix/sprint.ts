import { randomBytes } from 'node:crypto';
import { MatrixContext, MatrixRow, route, teamAction } from './matrix';

type Json = Record<string, unknown>;

/** Fixtures go through the API as the team's scrum master (or developer for items). */
async function api(
  c: MatrixContext,
  as: 'scrum_master' | 'developer',
  method: string,
  path: string,
  body?: unknown,
): Promise<Json> {
  const res = await fetch(`${c.t.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      authorization: `Bearer ${c.userOf(as)?.token ?? ''}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`fixture ${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Json) : {};
}

const team = (c: MatrixContext) => `/api/v1/teams/${c.team.id}`;
const name = (prefix: string) => `${prefix} ${randomBytes(3).toString('hex')}`;

async function freshSprint(c: MatrixContext): Promise<{ id: string; version: number }> {
  const sprint = await api(c, 'scrum_master', 'POST', `${team(c)}/sprints`, {
    name: name('Ciclo'),
    startDate: '2026-11-30',
    endDate: '2026-12-11',
  });
  return { id: sprint.id as string, version: sprint.version as number };
}

/** One active sprint at a time: complete whatever is active first. */
async function noActiveSprint(c: MatrixContext): Promise<void> {
  const active = await c.t.db.query<{ id: string }[]>(
    `SELECT id FROM sprints WHERE team_id = $1 AND state = 'active'`,
    [c.team.id],
  );
  for (const { id } of active)
    await api(c, 'scrum_master', 'POST', `/api/v1/sprints/${id}/complete`, {
      carryOverTo: 'bottom',
    });
}

async function activeSprint(c: MatrixContext): Promise<string> {
  await noActiveSprint(c);
  const sprint = await freshSprint(c);
  await api(c, 'scrum_master', 'POST', `/api/v1/sprints/${sprint.id}/start`);
  return sprint.id;
}

const started = new WeakMap<MatrixContext, Promise<string>>();
/** A sprint that has been started (later rows may complete it: its reports stay readable). */
function sharedSprint(c: MatrixContext): Promise<string> {
  let sprint = started.get(c);
  if (!sprint) {
    sprint = activeSprint(c);
    started.set(c, sprint);
  }
  return sprint;
}

async function freshItem(c: MatrixContext): Promise<string> {
  const item = await api(c, 'developer', 'POST', `${team(c)}/backlog-items`, {
    type: 'story',
    title: name('Pratica'),
  });
  return item.id as string;
}

async function freshStatus(c: MatrixContext): Promise<{ id: string; version: number }> {
  const status = await api(c, 'scrum_master', 'POST', `${team(c)}/workflow/statuses`, {
    name: name('Colonna'),
    category: 'in_progress',
  });
  return { id: status.id as string, version: status.version as number };
}

async function someStatus(c: MatrixContext): Promise<string> {
  const workflow = await api(c, 'scrum_master', 'GET', `${team(c)}/workflow`);
  return ((workflow.statuses as { id: string }[])[0] ?? { id: '' }).id;
}

/** The calendar's current version: each accepted PUT moves it on. */
async function calendarVersion(c: MatrixContext): Promise<number> {
  const calendar = await api(c, 'scrum_master', 'GET', `${team(c)}/working-calendar`);
  return calendar.version as number;
}

const sprintRead = (suffix: string, op: string): MatrixRow =>
  route(`GET /api/v1/sprints/{sprintId}${op}`, teamAction('team.read', 200), async (c) => ({
    path: `/api/v1/sprints/${await sharedSprint(c)}${suffix}`,
  }));

export const SPRINT_ROWS: MatrixRow[] = [
  route('POST /api/v1/teams/{teamId}/sprints', teamAction('sprint.manage', 201), (c) => ({
    path: `${team(c)}/sprints`,
    body: {
      name: name('Ciclo'),
      goal: 'Prenotazioni online',
      startDate: '2026-11-30',
      endDate: '2026-12-11',
    },
  })),
  route('GET /api/v1/teams/{teamId}/sprints', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/sprints`,
  })),
  route('GET /api/v1/sprints/{sprintId}', teamAction('team.read', 200), async (c) => ({
    path: `/api/v1/sprints/${(await freshSprint(c)).id}`,
  })),
  route('PATCH /api/v1/sprints/{sprintId}', teamAction('sprint.manage', 200), async (c) => {
    const sprint = await freshSprint(c);
    return {
      path: `/api/v1/sprints/${sprint.id}`,
      body: { name: name('Ciclo'), goal: 'Meno code allo sportello' },
      headers: { 'If-Match': `"${sprint.version}"` },
    };
  }),
  route('POST /api/v1/sprints/{sprintId}/items', teamAction('sprint.manage', 200), async (c) => ({
    path: `/api/v1/sprints/${(await freshSprint(c)).id}/items`,
    body: { ids: [await freshItem(c)] },
  })),
  route('DELETE /api/v1/sprints/{sprintId}/items', teamAction('sprint.manage', 200), async (c) => {
    const sprint = await freshSprint(c);
    const item = await freshItem(c);
    await api(c, 'scrum_master', 'POST', `/api/v1/sprints/${sprint.id}/items`, { ids: [item] });
    return { path: `/api/v1/sprints/${sprint.id}/items`, body: { ids: [item] } };
  }),
  route('POST /api/v1/sprints/{sprintId}/start', teamAction('sprint.manage', 200), async (c) => {
    await noActiveSprint(c);
    return { path: `/api/v1/sprints/${(await freshSprint(c)).id}/start` };
  }),
  route(
    'POST /api/v1/sprints/{sprintId}/complete',
    teamAction('sprint.manage', 200),
    async (c) => ({
      path: `/api/v1/sprints/${await activeSprint(c)}/complete`,
      body: { carryOverTo: 'top' },
    }),
  ),
  route('PUT /api/v1/sprints/{sprintId}/capacity', teamAction('sprint.manage', 200), async (c) => ({
    path: `/api/v1/sprints/${(await freshSprint(c)).id}/capacity`,
    body: { members: [{ userId: c.userOf('developer')?.id, daysOff: 1, focusFactor: 0.8 }] },
  })),
  route('GET /api/v1/sprints/{sprintId}/planning', teamAction('team.read', 200), async (c) => ({
    path: `/api/v1/sprints/${(await freshSprint(c)).id}/planning`,
  })),
  sprintRead('/burndown', '/burndown'),
  sprintRead('/burnup', '/burnup'),
  sprintRead('/burndown.svg', '/burndown.svg'),
  sprintRead('/burnup.svg', '/burnup.svg'),
  sprintRead('/burndown.csv', '/burndown.csv'),
  sprintRead('/burnup.csv', '/burnup.csv'),
  sprintRead('/report', '/report'),
  sprintRead('/report.html', '/report.html'),
  route('GET /api/v1/teams/{teamId}/velocity', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/velocity`,
  })),
  route('GET /api/v1/teams/{teamId}/velocity.svg', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/velocity.svg`,
  })),
  route('GET /api/v1/teams/{teamId}/cumulative-flow', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/cumulative-flow`,
  })),
  route('GET /api/v1/teams/{teamId}/cumulative-flow.svg', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/cumulative-flow.svg`,
  })),
  route('GET /api/v1/teams/{teamId}/velocity.csv', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/velocity.csv`,
  })),
  route('GET /api/v1/teams/{teamId}/cumulative-flow.csv', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/cumulative-flow.csv`,
  })),
  route('GET /api/v1/teams/{teamId}/flow-times', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/flow-times`,
  })),
  route('GET /api/v1/teams/{teamId}/aging-wip', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/aging-wip`,
  })),
  route('GET /api/v1/teams/{teamId}/aging-wip.svg', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/aging-wip.svg`,
  })),
  route('GET /api/v1/teams/{teamId}/aging-wip.csv', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/aging-wip.csv`,
  })),
  route('GET /api/v1/teams/{teamId}/cycle-time.svg', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/cycle-time.svg`,
  })),
  route('GET /api/v1/teams/{teamId}/cycle-time.csv', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/cycle-time.csv`,
  })),
  route('GET /api/v1/teams/{teamId}/lead-time.svg', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/lead-time.svg`,
  })),
  route('GET /api/v1/teams/{teamId}/lead-time.csv', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/lead-time.csv`,
  })),
  route('GET /api/v1/teams/{teamId}/workflow', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/workflow`,
  })),
  route('PUT /api/v1/teams/{teamId}/workflow', teamAction('sprint.manage', 200), (c) => ({
    path: `${team(c)}/workflow`,
    body: { wipMode: 'enforce' },
  })),
  route('POST /api/v1/teams/{teamId}/workflow/statuses', teamAction('sprint.manage', 201), (c) => ({
    path: `${team(c)}/workflow/statuses`,
    body: { name: name('Verifica'), category: 'in_progress', wipLimit: 5 },
  })),
  route(
    'PATCH /api/v1/teams/{teamId}/workflow/statuses/{statusId}',
    teamAction('sprint.manage', 200),
    async (c) => {
      const status = await freshStatus(c);
      return {
        path: `${team(c)}/workflow/statuses/${status.id}`,
        body: { wipLimit: 3 },
        headers: { 'If-Match': `"${status.version}"` },
      };
    },
  ),
  route(
    'DELETE /api/v1/teams/{teamId}/workflow/statuses/{statusId}',
    teamAction('sprint.manage', 204),
    async (c) => {
      const status = await freshStatus(c);
      return {
        path: `${team(c)}/workflow/statuses/${status.id}`,
        headers: { 'If-Match': `"${status.version}"` },
      };
    },
  ),
  route('GET /api/v1/teams/{teamId}/board', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/board`,
  })),
  route('POST /api/v1/teams/{teamId}/board/moves', teamAction('board.move', 200), async (c) => ({
    path: `${team(c)}/board/moves`,
    body: { itemId: await freshItem(c), statusId: await someStatus(c) },
  })),
  route('GET /api/v1/teams/{teamId}/forecast', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/forecast?items=10`,
  })),
  route('GET /api/v1/teams/{teamId}/working-calendar', teamAction('team.read', 200), (c) => ({
    path: `${team(c)}/working-calendar`,
  })),
  route(
    'PUT /api/v1/teams/{teamId}/working-calendar',
    teamAction('team.update', 200),
    async (c) => ({
      path: `${team(c)}/working-calendar`,
      body: { closures: [{ date: '2026-12-07', name: 'Ponte' }] },
      headers: { 'If-Match': `"${await calendarVersion(c)}"` },
    }),
  ),
  route(
    'PUT /api/v1/teams/{teamId}/working-calendar/absences',
    teamAction('sprint.manage', 200),
    async (c) => ({
      path: `${team(c)}/working-calendar/absences`,
      body: { absences: [] },
      headers: { 'If-Match': `"${await calendarVersion(c)}"` },
    }),
  ),
];
