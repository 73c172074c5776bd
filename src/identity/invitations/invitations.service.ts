import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ConflictError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  UnauthorizedError,
  ValidationFailedError,
} from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import { EventLog } from '../../events/event-log';
import { Vocabulary } from '../../i18n/vocabulary.service';
import { MailOutbox } from '../../mail/mail-outbox';
import { MailTemplates } from '../../mail/templates/mail-templates';
import { AccessPolicy, requireScope } from '../access/access.policy';
import { Actor } from '../actor';
import { AuthService, NewUser } from '../auth/auth.service';
import { INVITATION_TOKEN_PREFIX, newSecret, sha256 } from '../auth/secrets';
import { SessionTokensService } from '../auth/session-tokens.service';
import { TeamsRepository } from '../teams/teams.repository';
import { toUserDto } from '../users/user.mapper';
import { normaliseEmail, UsersRepository } from '../users/users.repository';
import { WorkspacesRepository } from '../workspaces/workspaces.repository';
import {
  AcceptInvitationDto,
  CreateInvitationDto,
  InvitationAcceptedDto,
  InvitationCreatedDto,
  InvitationDto,
  InvitationPreviewDto,
} from './dto/invitation.dto';
import {
  InvitationPreviewRow,
  InvitationRow,
  InvitationsRepository,
} from './invitations.repository';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

function toDto(row: InvitationRow): InvitationDto {
  return {
    id: row.id,
    teamId: row.team_id,
    email: row.email,
    role: row.role,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}

@Injectable()
export class InvitationsService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly invitations: InvitationsRepository,
    private readonly teams: TeamsRepository,
    private readonly workspaces: WorkspacesRepository,
    private readonly users: UsersRepository,
    private readonly auth: AuthService,
    private readonly sessions: SessionTokensService,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly vocabulary: Vocabulary,
  ) {}

  async invite(
    actor: Actor,
    teamId: string,
    dto: CreateInvitationDto,
  ): Promise<InvitationCreatedDto> {
    await this.access.requireTeamPermission(actor, teamId, 'team.manage_members');
    const { secret, hash } = newSecret(INVITATION_TOKEN_PREFIX);
    return this.tx.run(async (m) => {
      const created = await this.invitations.insert(m, {
        teamId,
        email: normaliseEmail(dto.email),
        role: dto.role,
        hash,
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      });
      // Every team member reads the log, but only those who manage members see the pending
      // list: the event says that someone was invited, in which role, not who.
      await this.events.append(m, {
        teamId,
        type: 'team.invitation_created',
        actorId: actor.userId,
        data: {
          invitationId: created.id,
          role: created.role,
          expiresAt: created.expires_at.toISOString(),
        },
      });
      await this.sendLink(m, created, secret, hash);
      return { ...toDto(created), token: secret };
    });
  }

  /**
   * Sends the invitation again with a new token (the old link stops working: only hashes are
   * kept, so the old token cannot be sent again) and a new week of validity. Also for an
   * invitation that expired unused.
   */
  async resend(actor: Actor, teamId: string, id: string): Promise<InvitationCreatedDto> {
    await this.access.requireTeamPermission(actor, teamId, 'team.manage_members');
    const { secret, hash } = newSecret(INVITATION_TOKEN_PREFIX);
    return this.tx.run(async (m) => {
      const rotated = await this.invitations.rotate(
        m,
        teamId,
        id,
        hash,
        new Date(Date.now() + INVITATION_TTL_MS),
      );
      if (!rotated) throw new NotFoundError('Invitation', id);
      await this.events.append(m, {
        teamId,
        type: 'team.invitation_resent',
        actorId: actor.userId,
        data: { invitationId: rotated.id, expiresAt: rotated.expires_at.toISOString() },
      });
      await this.sendLink(m, rotated, secret, hash);
      return { ...toDto(rotated), token: secret };
    });
  }

  /** The email with the link, in the invitee's language (their account's, else the team's). */
  private async sendLink(
    m: EntityManager,
    invitation: InvitationRow,
    token: string,
    hash: string,
  ): Promise<void> {
    const context = await this.invitations.mailContext(m, invitation.id);
    const lang = context.recipient_locale ?? context.team_locale;
    const content = this.templates.invitation(lang, {
      inviterName: context.inviter_name,
      teamName: context.team_name,
      workspaceName: context.workspace_name,
      process: context.process,
      role: invitation.role,
      token,
      expiresAt: invitation.expires_at,
      timezone: context.timezone,
      terms: await this.vocabulary.terms(invitation.team_id, lang, m),
    });
    await this.outbox.enqueue(m, {
      // One message per token: a retried request sends it once, a resend (new token) again.
      key: `invitation:${invitation.id}:${hash.slice(0, 16)}`,
      to: invitation.email,
      userId: context.recipient_user_id,
      workspaceId: invitation.workspace_id,
      locale: lang,
      kind: 'invitation',
      ...content,
    });
  }

  async pending(actor: Actor, teamId: string): Promise<InvitationDto[]> {
    await this.access.requireTeamPermission(actor, teamId, 'team.manage_members');
    return (await this.invitations.pending(teamId)).map(toDto);
  }

  async revoke(actor: Actor, teamId: string, id: string): Promise<void> {
    await this.access.requireTeamPermission(actor, teamId, 'team.manage_members');
    await this.tx.run(async (m) => {
      if (!(await this.invitations.revoke(m, teamId, id)))
        throw new NotFoundError('Invitation', id);
      await this.events.append(m, {
        teamId,
        type: 'team.invitation_revoked',
        actorId: actor.userId,
        data: { invitationId: id },
      });
    });
  }

  /** Public: the token is the credential. A used, revoked or expired one answers 410. */
  async preview(token: string): Promise<InvitationPreviewDto> {
    const found: InvitationPreviewRow = usable(await this.invitations.preview(sha256(token)));
    return {
      email: found.email,
      role: found.role,
      teamName: found.team_name,
      workspaceName: found.workspace_name,
      inviterName: found.inviter_name,
      accountExists: found.account_exists,
      expiresAt: found.expires_at.toISOString(),
    };
  }

  /**
   * Logged in: the invitation must be for the caller's email. Not logged in: the invitee has no
   * account yet and creates one here (the only way in when self-registration is off).
   */
  async accept(actor: Actor | undefined, dto: AcceptInvitationDto): Promise<InvitationAcceptedDto> {
    // The route is public, so the guard leaves scopes to us: joining a team is a write.
    if (actor) requireScope(actor, true);
    let newUser: NewUser | undefined;
    if (!actor) {
      const preview = usable(await this.invitations.findByHash(sha256(dto.token)));
      if (await this.users.findByEmail(preview.email)) {
        throw new UnauthorizedError(
          'login-required',
          'An account with this email exists: log in, then accept',
        );
      }
      if (!dto.displayName || !dto.password) {
        throw new ValidationFailedError(
          [
            !dto.displayName && {
              field: 'displayName',
              message: 'is required to create your account',
            },
            !dto.password && { field: 'password', message: 'is required to create your account' },
          ].filter((e): e is { field: string; message: string } => Boolean(e)),
        );
      }
      newUser = await this.auth.prepareUser(
        preview.email,
        dto.displayName,
        dto.password,
        'password',
      );
    }
    // One transaction for the new account and its joining: a retry replays both or neither.
    return this.tx.run(async (m) => {
      const invitation = await this.usable(m, dto.token);
      const userId = newUser
        ? (await this.auth.insertUser(m, newUser)).id
        : (actor as Actor).userId;
      const user = await this.users.findById(userId, m);
      if (!user) throw new NotFoundError('User', userId);
      if (user.email !== invitation.email) {
        throw new ForbiddenError(
          'invitation-email-mismatch',
          'This invitation was sent to another email address',
        );
      }
      await this.workspaces.addMember(m, invitation.workspace_id, user.id, 'member');
      if (!(await this.teams.addMember(m, invitation.team_id, user.id, invitation.role))) {
        throw new ConflictError('already-member', 'You are already a member of this team');
      }
      await this.invitations.markAccepted(m, invitation.id, user.id);
      await this.events.append(m, {
        teamId: invitation.team_id,
        type: 'team.member_added',
        actorId: user.id,
        data: { userId: user.id, displayName: user.display_name, role: invitation.role },
      });
      return {
        teamId: invitation.team_id,
        role: invitation.role,
        user: toUserDto(user),
        ...(newUser ? { session: await this.sessions.issue(m, user) } : {}),
      };
    });
  }

  private async usable(m: EntityManager, token: string): Promise<InvitationRow> {
    return usable(await this.invitations.findByHashForUpdate(m, sha256(token)));
  }
}

function usable<T extends InvitationRow>(invitation: T | undefined): T {
  if (!invitation) throw new NotFoundError('Invitation');
  if (
    invitation.accepted_at ||
    invitation.revoked_at ||
    invitation.expires_at.getTime() <= Date.now()
  ) {
    throw new GoneError(
      'invitation-used-or-expired',
      'This invitation was already used, revoked or has expired',
    );
  }
  return invitation;
}
