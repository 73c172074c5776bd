import {
  applyMove,
  decodeCursor,
  encodeCursor,
  freshKeys,
  keysBetween,
  MAX_KEY_LENGTH,
  needsRebalance,
  strictlyAscending,
} from './rank-keys';

describe('rank keys', () => {
  it('generates ascending keys strictly between the bounds, or at the open ends', () => {
    const [a, b] = freshKeys(2);
    const middle = keysBetween(a, b, 5);
    expect(strictlyAscending([a, ...middle, b])).toBe(true);
    const top = keysBetween(null, a, 3);
    expect(strictlyAscending([...top, a])).toBe(true);
    const bottom = keysBetween(b, null, 3);
    expect(strictlyAscending([b, ...bottom])).toBe(true);
    expect(keysBetween(a, b, 0)).toEqual([]);
  });

  it('refuses bounds in the wrong order', () => {
    const [a, b] = freshKeys(2);
    expect(() => keysBetween(b, a, 1)).toThrow(/not below/);
    expect(() => keysBetween(a, a, 1)).toThrow(/not below/);
  });

  it('compares in byte order, as COLLATE "C" does (uppercase before lowercase)', () => {
    expect(strictlyAscending(['a0', 'a0V', 'a1'])).toBe(true);
    expect(strictlyAscending(['aZ', 'a_'])).toBe(true);
    expect(strictlyAscending(['a1', 'a1'])).toBe(false);
    expect(strictlyAscending(['Zz', 'a0'])).toBe(true);
  });

  it('grows keys when always inserting at the same spot, until a rebalance is due', () => {
    const [low, first] = freshKeys(2);
    let high = first;
    let steps = 0;
    while (!needsRebalance([high])) {
      high = keysBetween(low, high, 1)[0];
      steps++;
    }
    expect(high.length).toBe(MAX_KEY_LENGTH + 1);
    expect(steps).toBeGreaterThan(100);
    expect(needsRebalance(freshKeys(10_000))).toBe(false);
    expect(strictlyAscending(freshKeys(10_000))).toBe(true);
  });

  it('round-trips cursors and rejects anything that is not one', () => {
    const key = keysBetween('a0', 'a1', 1)[0];
    expect(decodeCursor(encodeCursor(key))).toBe(key);
    for (const bad of [
      '',
      'not a cursor',
      '!!!!',
      encodeCursor('a0 OR 1=1'),
      'YTA=',
      'x'.repeat(400),
    ]) {
      expect(decodeCursor(bad)).toBeUndefined();
    }
  });

  it('models moves: before, after, top, bottom, keeping the given order', () => {
    const order = ['a', 'b', 'c', 'd', 'e'];
    expect(applyMove(order, ['e', 'a'], { before: 'c' })).toEqual(['b', 'e', 'a', 'c', 'd']);
    expect(applyMove(order, ['a'], { after: 'e' })).toEqual(['b', 'c', 'd', 'e', 'a']);
    expect(applyMove(order, ['d', 'b'], { position: 'top' })).toEqual(['d', 'b', 'a', 'c', 'e']);
    expect(applyMove(order, ['a', 'b'], { position: 'bottom' })).toEqual(['c', 'd', 'e', 'a', 'b']);
    expect(() => applyMove(order, ['a'], { after: 'zz' })).toThrow(/anchor/);
  });
});
