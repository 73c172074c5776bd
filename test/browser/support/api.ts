import { randomBytes } from 'node:crypto';

export interface ApiUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  accessToken: string;
  refreshToken: string;
}

/** Calls the API as a person would (JSON in, JSON out); throws on any refusal. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON, as supertest gives the e2e tests
export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  const body = (text ? JSON.parse(text) : undefined) as T;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return { status: res.status, body, headers: res.headers };
}

let counter = 0;

/** A new account through self-registration, signed in. */
export async function createUser(base: string, displayName?: string): Promise<ApiUser> {
  const n = ++counter;
  const suffix = randomBytes(4).toString('hex');
  const email = `persona.${n}.${suffix}@comune.example`;
  const password = `Sportello-${suffix}-Tresinaro!`;
  const name = displayName ?? `Persona ${n}`;
  const { body: user } = await call(base, 'POST', '/api/v1/auth/register', {
    body: { email, displayName: name, password },
  });
  const { body: pair } = await call(base, 'POST', '/api/v1/auth/login', {
    body: { email, password },
  });
  return {
    id: user.id,
    email,
    password,
    displayName: name,
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
  };
}

export interface ApiTeam {
  id: string;
  workspaceId: string;
  name: string;
}

export async function createTeam(
  base: string,
  owner: ApiUser,
  names: { workspace?: string; team?: string } = {},
): Promise<ApiTeam> {
  const { body: workspace } = await call(base, 'POST', '/api/v1/workspaces', {
    token: owner.accessToken,
    body: { name: names.workspace ?? 'Comune di Scandiano' },
  });
  const { body: team } = await call(base, 'POST', `/api/v1/workspaces/${workspace.id}/teams`, {
    token: owner.accessToken,
    body: { name: names.team ?? 'Ufficio Tributi' },
  });
  const created = { id: team.id, workspaceId: workspace.id, name: team.name };
  // A workspace admin manages the team without being in it: join as its product owner.
  await addMember(base, created, owner, owner, 'product_owner');
  return created;
}

/** Invites `user` into the team with `role` and accepts as them. */
export async function addMember(
  base: string,
  team: ApiTeam,
  inviter: ApiUser,
  user: ApiUser,
  role: TeamRole,
): Promise<void> {
  const { body: invitation } = await call(base, 'POST', `/api/v1/teams/${team.id}/invitations`, {
    token: inviter.accessToken,
    body: { email: user.email, role },
  });
  await call(base, 'POST', '/api/v1/invitations/accept', {
    token: user.accessToken,
    body: { token: invitation.token },
  });
}

export type TeamRole = 'product_owner' | 'scrum_master' | 'developer' | 'stakeholder';

/**
 * A team created by its product owner (`owner`, a display name) with each of `members` joined
 * in its role, in order: the users come back in the same order.
 */
export async function seedTeam(
  base: string,
  owner: string,
  members: [displayName: string, role: TeamRole][],
): Promise<{ team: ApiTeam; po: ApiUser; members: ApiUser[] }> {
  const po = await createUser(base, owner);
  const users: ApiUser[] = [];
  for (const [name] of members) users.push(await createUser(base, name));
  const team = await createTeam(base, po);
  for (const [i, [, role]] of members.entries()) await addMember(base, team, po, users[i], role);
  return { team, po, members: users };
}
