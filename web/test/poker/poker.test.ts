import { describe, expect, it } from 'vitest';
import type { PokerSession } from '../../src/api/poker';
import { acceptable, pointsOf, suggestedCard } from '../../src/features/poker/Controls';
import { typeKey } from '../../src/features/poker/keys';
import { applyVoteCast } from '../../src/live/poker-reducers';

const FIBONACCI = ['0', '1', '2', '3', '5', '8', '13', '21', '34', '55', '89', '?'];

function typed(cards: string[], keys: string) {
  let buffer = '';
  const picks: (string | null)[] = [];
  let pending: string | null = null;
  for (const key of keys) {
    const next = typeKey(cards, buffer, key);
    buffer = next.buffer;
    pending = next.pending;
    picks.push(next.pick);
  }
  return { picks, pending };
}

describe('typing a card', () => {
  it('picks a value no longer card starts with at once', () => {
    expect(typed(FIBONACCI, '0').picks).toEqual(['0']);
    expect(typed(FIBONACCI, '?').picks).toEqual(['?']);
  });
  it('waits on a prefix, and picks the longer value when it is typed', () => {
    expect(typed(FIBONACCI, '1')).toEqual({ picks: [null], pending: '1' });
    expect(typed(FIBONACCI, '13').picks).toEqual([null, '13']);
    expect(typed(FIBONACCI, '55').picks).toEqual([null, '55']);
  });
  it('starts over when the typed value leads nowhere', () => {
    // "1" then "0": no card "10", so "0" alone.
    expect(typed(FIBONACCI, '10').picks).toEqual([null, '0']);
    expect(typed(FIBONACCI, 'x').picks).toEqual([null]);
  });
  it('reads t-shirt sizes as typed letters', () => {
    expect(typed(['XS', 'S', 'M', 'L', 'XL', 'XXL'], 'M').picks).toEqual(['M']);
    expect(typed(['XS', 'S', 'M', 'L', 'XL', 'XXL'], 'XXL').picks).toEqual([null, null, 'XXL']);
  });
});

function round(votes: string[], median: number | null): NonNullable<PokerSession['currentRound']> {
  return {
    itemId: 'i',
    round: 1,
    state: 'revealed',
    myCard: null,
    votes: votes.map((card, n) => ({ userId: `u${n}`, card })),
    stats: { min: null, max: null, median, consensus: false, votes: votes.length },
  };
}

describe('accepting', () => {
  it('offers only cards with points on the team scale', () => {
    expect(acceptable(FIBONACCI, [0, 1, 2, 3, 5, 8, 13, 21])).toEqual([
      '0',
      '1',
      '2',
      '3',
      '5',
      '8',
      '13',
      '21',
    ]);
    expect(acceptable(['XS', 'M', 'XXL', '?'], [1, 2, 3, 5, 8])).toEqual(['XS', 'M']);
    expect([pointsOf('½'), pointsOf('☕'), pointsOf('XL')]).toEqual([0.5, null, 8]);
  });
  it('suggests the most voted card, a tie going to the one nearest the median', () => {
    const allowed = acceptable(FIBONACCI, [0, 1, 2, 3, 5, 8, 13, 21]);
    expect(suggestedCard(round(['5', '8', '5'], 5), allowed)).toBe('5');
    expect(suggestedCard(round(['3', '8', '13'], 8), allowed)).toBe('8');
    expect(suggestedCard(round(['34', '55', '?'], 44.5), allowed)).toBe('');
  });
});

describe('poker.vote_cast in the cache', () => {
  const session = {
    currentRound: { itemId: 'i', round: 2, state: 'voting', votes: [], myCard: null, stats: null },
  } as unknown as PokerSession;
  const data = {
    sessionId: 's',
    itemId: 'i',
    round: 2,
    userId: 'u',
    replaced: false,
    votedCount: 1,
  };

  it('adds who voted, with no card, once', () => {
    const next = applyVoteCast(session, data);
    expect(next?.currentRound?.votes).toEqual([{ userId: 'u', card: null }]);
    expect(applyVoteCast(next, { ...data, replaced: true })).toBe(next);
  });
  it('ignores a vote of another round', () => {
    expect(applyVoteCast(session, { ...data, round: 1 })).toBe(session);
  });
});
