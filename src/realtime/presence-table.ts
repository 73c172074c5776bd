export interface PresenceMember {
  userId: string;
  displayName: string;
  connections: number;
}

interface LocalSocket {
  userId: string;
  displayName: string;
}

interface RemoteView {
  members: Map<string, PresenceMember>;
  seenAt: number;
}

/**
 * Who is connected to which team, as one instance knows it: its own sockets, counted as they
 * subscribe and go, and what each other instance last said about its own. No question to the
 * other instances on a change — that was fetchSockets() per subscribe and per disconnect, and
 * 2,000 sockets cost about 683,000 frames and 10 s of CPU per connect/disconnect cycle.
 * Pure bookkeeping; PresenceService moves it between instances and to the sockets.
 */
export class PresenceTable {
  /** team → socket id → who (idempotent: a socket re-subscribes on every catch-up). */
  private readonly sockets = new Map<string, Map<string, LocalSocket>>();
  /** team → user → this instance's connections. */
  private readonly local = new Map<string, Map<string, PresenceMember>>();
  /** team → instance → its members. Kept only for teams with local sockets. */
  private readonly remote = new Map<string, Map<string, RemoteView>>();
  /** team → the user ids the local sockets were last told about. */
  private readonly announced = new Map<string, Set<string>>();

  /** True when the team had no local socket before (ask the others who is there). */
  join(teamId: string, socketId: string, userId: string, displayName: string): boolean {
    const first = !this.sockets.has(teamId);
    const ofTeam = this.sockets.get(teamId) ?? new Map<string, LocalSocket>();
    this.sockets.set(teamId, ofTeam);
    if (ofTeam.has(socketId)) return first;
    ofTeam.set(socketId, { userId, displayName });
    const users = this.local.get(teamId) ?? new Map<string, PresenceMember>();
    this.local.set(teamId, users);
    const member = users.get(userId) ?? { userId, displayName, connections: 0 };
    member.connections += 1;
    users.set(userId, member);
    return first;
  }

  /** False when the socket was not present in the team. */
  leave(teamId: string, socketId: string): boolean {
    const ofTeam = this.sockets.get(teamId);
    const who = ofTeam?.get(socketId);
    if (!ofTeam || !who) return false;
    ofTeam.delete(socketId);
    const users = this.local.get(teamId)!;
    const member = users.get(who.userId)!;
    member.connections -= 1;
    if (member.connections === 0) users.delete(who.userId);
    if (ofTeam.size === 0) {
      this.sockets.delete(teamId);
      this.local.delete(teamId);
    }
    return true;
  }

  hasLocal(teamId: string): boolean {
    return this.sockets.has(teamId);
  }

  localTeams(): string[] {
    return [...this.sockets.keys()];
  }

  localMembers(teamId: string): PresenceMember[] {
    return [...(this.local.get(teamId)?.values() ?? [])].map((m) => ({ ...m }));
  }

  /** What another instance says it holds of a team (its whole list, so a lost message heals). */
  setRemote(instance: string, teamId: string, members: PresenceMember[], now: number): boolean {
    if (!this.hasLocal(teamId)) return false;
    const views = this.remote.get(teamId) ?? new Map<string, RemoteView>();
    this.remote.set(teamId, views);
    if (members.length === 0) views.delete(instance);
    else views.set(instance, { members: new Map(members.map((m) => [m.userId, m])), seenAt: now });
    return true;
  }

  /** An instance that left, or has not refreshed since `before`: the teams it was in. */
  dropInstances(match: (instance: string, seenAt: number) => boolean): string[] {
    const touched: string[] = [];
    for (const [teamId, views] of this.remote) {
      for (const [instance, view] of views) {
        if (!match(instance, view.seenAt)) continue;
        views.delete(instance);
        touched.push(teamId);
      }
    }
    return [...new Set(touched)];
  }

  /** Everyone connected to the team on any instance, by display name. */
  members(teamId: string): PresenceMember[] {
    const all = new Map<string, PresenceMember>();
    const views = [
      this.local.get(teamId),
      ...[...(this.remote.get(teamId)?.values() ?? [])].map((v) => v.members),
    ];
    for (const view of views) {
      for (const m of view?.values() ?? []) {
        const seen = all.get(m.userId);
        if (seen) seen.connections += m.connections;
        else all.set(m.userId, { ...m });
      }
    }
    return [...all.values()].sort(
      (a, b) => a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId),
    );
  }

  /**
   * Who joined and who left the team since the last call (people, not connections). A team
   * with no local socket left is forgotten: nobody here is listening.
   */
  diff(teamId: string): { joined: PresenceMember[]; left: string[] } {
    if (!this.hasLocal(teamId)) {
      this.announced.delete(teamId);
      this.remote.delete(teamId);
      return { joined: [], left: [] };
    }
    const before = this.announced.get(teamId) ?? new Set<string>();
    const now = this.members(teamId);
    const ids = new Set(now.map((m) => m.userId));
    this.announced.set(teamId, ids);
    return {
      joined: now.filter((m) => !before.has(m.userId)),
      left: [...before].filter((id) => !ids.has(id)),
    };
  }
}
