import { Replay, type LoggedEvent } from './replay';

/** Where a replay puts the items a completion carried: per item since destinations exist. */
describe('replay of sprint.completed', () => {
  const event = (seq: number, type: string, data: unknown): LoggedEvent => ({
    seq,
    type,
    occurredAt: new Date('2026-03-02T09:00:00Z'),
    actorId: 'u1',
    data,
  });
  const scope = (ids: string[]) => ids.map((itemId) => ({ itemId, estimate: 1, category: 'todo' }));

  function replayed(completed: Record<string, unknown>) {
    const replay = new Replay();
    replay.apply(event(1, 'sprint.items_added', { sprintId: 'S1', items: scope(['a', 'b', 'c']) }));
    replay.apply(
      event(2, 'sprint.completed', {
        sprint: { id: 'S1' },
        carriedOver: scope(['a', 'b', 'c']),
        ...completed,
      }),
    );
    return ['a', 'b', 'c'].map((id) => replay.items.get(id)?.sprintId);
  }

  it('sends each item where its destination says', () => {
    expect(
      replayed({
        carryTo: 'sprint',
        nextSprintId: 'S2',
        destinations: [
          { itemId: 'a', to: 'sprint', sprintId: 'S2', rank: null },
          { itemId: 'b', to: 'top', sprintId: null, rank: 'a0' },
          { itemId: 'c', to: 'sprint', sprintId: 'S3', rank: null },
        ],
      }),
    ).toEqual(['S2', null, 'S3']);
  });

  it('reads an event written before destinations: all to nextSprintId', () => {
    expect(replayed({ carryTo: 'sprint', nextSprintId: 'S2' })).toEqual(['S2', 'S2', 'S2']);
  });
});
