import { PresenceTable } from './presence-table';

const T = 'team-1';

describe('PresenceTable', () => {
  it('counts people, not connections, and a re-subscribing socket once', () => {
    const table = new PresenceTable();
    expect(table.join(T, 's1', 'u1', 'Anna')).toBe(true);
    expect(table.join(T, 's1', 'u1', 'Anna')).toBe(false);
    table.join(T, 's2', 'u1', 'Anna');
    table.join(T, 's3', 'u2', 'Bruno');
    expect(table.members(T)).toEqual([
      { userId: 'u1', displayName: 'Anna', connections: 2 },
      { userId: 'u2', displayName: 'Bruno', connections: 1 },
    ]);
    expect(table.diff(T)).toEqual({
      joined: [
        { userId: 'u1', displayName: 'Anna', connections: 2 },
        { userId: 'u2', displayName: 'Bruno', connections: 1 },
      ],
      left: [],
    });
    table.leave(T, 's1');
    expect(table.diff(T)).toEqual({ joined: [], left: [] });
    table.leave(T, 's2');
    expect(table.diff(T)).toEqual({ joined: [], left: ['u1'] });
    expect(table.leave(T, 's2')).toBe(false);
  });

  it('merges what other instances say, and forgets an instance that left or went silent', () => {
    const table = new PresenceTable();
    // Nobody here listens to the team: another instance's list is not kept.
    expect(
      table.setRemote('b', T, [{ userId: 'u9', displayName: 'Zeno', connections: 1 }], 0),
    ).toBe(false);
    table.join(T, 's1', 'u1', 'Anna');
    table.diff(T);
    table.setRemote('b', T, [{ userId: 'u2', displayName: 'Bruno', connections: 1 }], 100);
    table.setRemote('c', T, [{ userId: 'u1', displayName: 'Anna', connections: 3 }], 200);
    expect(table.diff(T)).toEqual({
      joined: [{ userId: 'u2', displayName: 'Bruno', connections: 1 }],
      left: [],
    });
    expect(table.members(T).find((m) => m.userId === 'u1')?.connections).toBe(4);
    expect(table.dropInstances((_, seenAt) => seenAt < 150)).toEqual([T]);
    expect(table.diff(T)).toEqual({ joined: [], left: ['u2'] });
    // An empty list: that instance has nobody in the team any more.
    table.setRemote('c', T, [], 300);
    expect(table.members(T)).toEqual([{ userId: 'u1', displayName: 'Anna', connections: 1 }]);
  });

  it('forgets a team once its last local socket left', () => {
    const table = new PresenceTable();
    table.join(T, 's1', 'u1', 'Anna');
    table.setRemote('b', T, [{ userId: 'u2', displayName: 'Bruno', connections: 1 }], 0);
    table.diff(T);
    table.leave(T, 's1');
    expect(table.diff(T)).toEqual({ joined: [], left: [] });
    expect(table.localTeams()).toEqual([]);
    expect(table.join(T, 's2', 'u1', 'Anna')).toBe(true);
    expect(table.members(T)).toEqual([{ userId: 'u1', displayName: 'Anna', connections: 1 }]);
  });
});
