import { randomBytes } from 'node:crypto';
import { TeamRole } from '../../src/identity/access/permissions';
import { AuthService } from '../../src/identity/auth/auth.service';
import { SessionTokensService } from '../../src/identity/auth/session-tokens.service';
import { InvitationsService } from '../../src/identity/invitations/invitations.service';
import { TeamsService } from '../../src/identity/teams/teams.service';
import { WorkspacesService } from '../../src/identity/workspaces/workspaces.service';
import { TransactionService } from '../../src/database/transaction.service';
import { Actor } from '../../src/identity/actor';
import { TestApp } from './test-app';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  token: string;
  refreshToken: string;
  actor: Actor;
}

export interface TestTeam {
  id: string;
  workspaceId: string;
  admin: TestUser;
}

const TOWNS = ['Baiso', 'Casalgrande', 'Castellarano', 'Rubiera', 'Scandiano', 'Viano'];
const OFFICES = ['Ufficio Tributi', 'Servizi Scolastici', 'Anagrafe', 'Servizio Informatico'];

/** One-line builders of users, workspaces, teams and members, through the real services. */
export class Factory {
  private counter = 0;

  constructor(private readonly t: TestApp) {}

  private get<T>(type: new (...args: never[]) => T): T {
    return this.t.ritmo.app.get(type);
  }

  async user(options: { displayName?: string; admin?: boolean } = {}): Promise<TestUser> {
    const n = ++this.counter;
    const suffix = randomBytes(4).toString('hex');
    const email = `utente.${n}.${suffix}@comune.example`;
    const password = `Sportello-${suffix}-Tresinaro!`;
    const displayName = options.displayName ?? `${OFFICES[n % OFFICES.length]} ${n}`;
    const row = await this.get(AuthService).createUser(
      email,
      displayName,
      password,
      'password',
      options.admin ?? false,
    );
    const pair = await this.get(TransactionService).run((m) =>
      this.get(SessionTokensService).issue(m, row),
    );
    const actor = await this.get(SessionTokensService).verifyAccess(pair.accessToken);
    return {
      id: row.id,
      email,
      password,
      displayName,
      token: pair.accessToken,
      refreshToken: pair.refreshToken,
      actor,
    };
  }

  /** A workspace (a town) with its admin and one team in it. */
  async team(options: { process?: 'scrum' | 'kanban'; admin?: TestUser } = {}): Promise<TestTeam> {
    const admin = options.admin ?? (await this.user());
    const workspace = await this.get(WorkspacesService).create(admin.actor, {
      name: `Comune di ${TOWNS[this.counter % TOWNS.length]}`,
    });
    const team = await this.get(TeamsService).create(admin.actor, workspace.id, {
      name: OFFICES[this.counter % OFFICES.length],
      process: options.process ?? 'scrum',
    });
    return { id: team.id, workspaceId: workspace.id, admin };
  }

  /** A new user who joined the team with the role, through an accepted invitation. */
  async member(team: TestTeam, role: TeamRole, user?: TestUser): Promise<TestUser> {
    const member = user ?? (await this.user());
    const invitation = await this.get(InvitationsService).invite(team.admin.actor, team.id, {
      email: member.email,
      role,
    });
    await this.get(InvitationsService).accept(member.actor, { token: invitation.token });
    return member;
  }
}
