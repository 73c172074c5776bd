import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { DataSource } from 'typeorm';
import { query } from '../database/sql';
import { RitmoSocket, teamsOf } from './socket-state';

export const SWEEP_INTERVAL_MS = 2_000;

/**
 * Access changes must bite on open sockets too (within seconds, not at the next reconnect):
 * every sweep drops sockets whose credential expired or was revoked (API token, ended session),
 * and subscriptions to
 * teams the user may no longer read. One query per sweep for all local sockets.
 */
@Injectable()
export class AccessSweeper implements OnModuleDestroy {
  private readonly logger = new Logger('AccessSweeper');
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  start(namespace: Namespace, onRevoked: (socket: RitmoSocket, teamId: string) => void): void {
    this.timer = setInterval(() => {
      this.sweep(namespace, onRevoked).catch((error: unknown) =>
        this.logger.warn(`Sweep failed: ${String(error)}`),
      );
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(
    namespace: Namespace,
    onRevoked: (socket: RitmoSocket, teamId: string) => void,
  ): Promise<void> {
    const sockets = [...namespace.sockets.values()] as RitmoSocket[];
    const now = Date.now() / 1000;
    const live: RitmoSocket[] = [];
    for (const socket of sockets) {
      const actor = socket.data.actor;
      if (actor && actor.expiresAt !== null && actor.expiresAt <= now) {
        socket.emit('session.expired', { reason: 'credential expired' });
        socket.disconnect(true);
      } else if (actor) live.push(socket);
    }
    const tokenIds = [
      ...new Set(live.map((s) => s.data.actor.tokenId).filter((id): id is string => !!id)),
    ];
    // Only what was subscribed when the sweep started: a subscription made meanwhile is not judged.
    const checked = new Map(live.map((s) => [s, teamsOf(s)]));
    const pairs = live.flatMap((s) =>
      (checked.get(s) ?? []).map((teamId) => [s.data.actor.userId, teamId]),
    );
    const sessionIds = [
      ...new Set(live.map((s) => s.data.actor.sessionId).filter((id): id is string => !!id)),
    ];
    if (tokenIds.length === 0 && pairs.length === 0 && sessionIds.length === 0) return;
    const [activeTokens, openSessions, readable] = await Promise.all([
      query<{ id: string }>(
        this.dataSource,
        `SELECT id FROM api_tokens WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL
           AND (expires_at IS NULL OR expires_at > now())`,
        [tokenIds],
      ),
      query<{ family_id: string }>(
        this.dataSource,
        `SELECT DISTINCT family_id FROM refresh_tokens
          WHERE family_id = ANY($1::uuid[]) AND revoked_at IS NULL`,
        [sessionIds],
      ),
      query<{ user_id: string; team_id: string }>(
        this.dataSource,
        `SELECT p.user_id, p.team_id FROM unnest($1::uuid[], $2::uuid[]) AS p(user_id, team_id)
           JOIN teams t ON t.id = p.team_id
           JOIN users u ON u.id = p.user_id
          WHERE u.is_instance_admin
             OR EXISTS (SELECT 1 FROM team_members tm WHERE tm.team_id = p.team_id AND tm.user_id = p.user_id)
             OR EXISTS (SELECT 1 FROM workspace_members wm WHERE wm.workspace_id = t.workspace_id
                          AND wm.user_id = p.user_id AND wm.role = 'admin')`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      ),
    ]);
    const active = new Set(activeTokens.map((r) => r.id));
    const open = new Set(openSessions.map((r) => r.family_id));
    const allowed = new Set(readable.map((r) => `${r.user_id}|${r.team_id}`));
    for (const socket of live) {
      const { actor, subscriptions, teamRooms } = socket.data;
      if (actor.tokenId && !active.has(actor.tokenId)) {
        socket.emit('session.expired', { reason: 'API token revoked or expired' });
        socket.disconnect(true);
        continue;
      }
      if (actor.sessionId && !open.has(actor.sessionId)) {
        socket.emit('session.expired', { reason: 'session ended' });
        socket.disconnect(true);
        continue;
      }
      for (const teamId of checked.get(socket) ?? []) {
        const holds = subscriptions.has(teamId) || teamRooms?.has(teamId);
        if (holds && !allowed.has(`${actor.userId}|${teamId}`)) onRevoked(socket, teamId);
      }
    }
  }
}
