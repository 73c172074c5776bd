import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { RuntimeConfig } from '../config/runtime-config';
import { AccessPolicy, TeamAccess } from '../identity/access/access.policy';
import { roleMayDo, type TeamAction } from '../identity/access/permissions';
import type { Actor } from '../identity/actor';
import { RetroRepository, RetroRow } from './retro.repository';

export interface RetroContext {
  teamId: string;
  access: TeamAccess;
}

/** AccessPolicy first; a retrospective of a team the actor cannot see is a 404 for it. */
@Injectable()
export class RetroAccess {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly repo: RetroRepository,
  ) {}

  team(actor: Actor, teamId: string, action: TeamAction): Promise<TeamAccess> {
    return this.policy.requireTeamPermission(actor, teamId, action);
  }

  async retro(actor: Actor, retroId: string, action: TeamAction): Promise<RetroContext> {
    const teamId = await this.repo.teamOfRetro(retroId);
    if (!teamId) throw new NotFoundError('Retrospective', retroId);
    try {
      return { teamId, access: await this.policy.requireTeamPermission(actor, teamId, action) };
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('Retrospective', retroId);
      throw error;
    }
  }

  /** The retrospective, locked for this transaction: changes to one retro happen one at a time. */
  async locked(m: EntityManager, teamId: string, retroId: string): Promise<RetroRow> {
    const row = await this.repo.retro(teamId, retroId, m, true);
    if (!row) throw new NotFoundError('Retrospective', retroId);
    return row;
  }

  /** Its facilitator, or anyone whose role runs retrospectives (a scrum master taking over). */
  requireFacilitator(actor: Actor, access: TeamAccess, retro: RetroRow): void {
    if (actor.userId === retro.facilitator_id) return;
    if (access.role && roleMayDo(access.role, 'retro.facilitate')) return;
    throw new ForbiddenError(
      'not-facilitator',
      'Only the facilitator of this retrospective (or a scrum master) may do this',
    );
  }
}

/**
 * Who wrote an anonymous card is kept only as an HMAC of (retrospective, user) under a key
 * derived from the server secret: the author is recognised when they edit their card, while
 * the table alone does not say who wrote what (a member list is short, so a plain hash of the
 * user id would be trivially reversed). Rotating the secret makes anonymous cards nobody's.
 */
@Injectable()
export class RetroAuthors {
  private readonly key: Buffer;

  constructor(config: RuntimeConfig) {
    this.key = createHmac('sha256', config.jwtSecret).update('ritmo:retro-card-author').digest();
  }

  keyOf(retroId: string, userId: string): string {
    return createHmac('sha256', this.key).update(`${retroId}:${userId}`).digest('base64url');
  }

  /** Stored author columns for a new card. */
  columns(
    retro: Pick<RetroRow, 'id' | 'anonymous'>,
    userId: string,
  ): { authorId: string | null; authorKey: string | null } {
    return retro.anonymous
      ? { authorId: null, authorKey: this.keyOf(retro.id, userId) }
      : { authorId: userId, authorKey: null };
  }

  owns(
    retro: Pick<RetroRow, 'id'>,
    card: { author_id: string | null; author_key: string | null },
    userId: string,
  ): boolean {
    if (card.author_id !== null) return card.author_id === userId;
    return card.author_key !== null && card.author_key === this.keyOf(retro.id, userId);
  }
}
