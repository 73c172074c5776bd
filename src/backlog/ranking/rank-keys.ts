import { generateNKeysBetween } from 'fractional-indexing';

/**
 * Pure helpers around fractional rank keys (fractional-indexing's default alphabet: ASCII
 * letters and digits, so byte order — `COLLATE "C"` — is key order).
 */

/** Keys longer than this are rebalanced (the whole team list gets fresh short keys). */
export const MAX_KEY_LENGTH = 48;

const KEY = /^[0-9A-Za-z]{1,200}$/;

/** `n` distinct keys, ascending, strictly between `lower` and `upper` (null = open end). */
export function keysBetween(lower: string | null, upper: string | null, n: number): string[] {
  if (n === 0) return [];
  if (lower !== null && upper !== null && lower >= upper) {
    throw new Error(`keysBetween: ${lower} is not below ${upper}`);
  }
  return generateNKeysBetween(lower, upper, n);
}

/** Short, evenly spread keys for a whole list of `n` items (a rebalance). */
export function freshKeys(n: number): string[] {
  return generateNKeysBetween(null, null, n);
}

export function needsRebalance(keys: readonly string[]): boolean {
  return keys.some((key) => key.length > MAX_KEY_LENGTH);
}

export function isRankKey(value: string): boolean {
  return KEY.test(value);
}

/** The opaque `nextCursor`: base64url of the last rank key of the page. */
export function encodeCursor(rank: string): string {
  return Buffer.from(rank, 'utf8').toString('base64url');
}

/** The rank key in a cursor, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,300}$/.test(cursor)) return undefined;
  const rank = Buffer.from(cursor, 'base64url').toString('utf8');
  return isRankKey(rank) && encodeCursor(rank) === cursor ? rank : undefined;
}

/** True when `keys` are strictly ascending in byte order (so unique and total). */
export function strictlyAscending(keys: readonly string[]): boolean {
  return keys.every(
    (key, i) => i === 0 || Buffer.compare(Buffer.from(keys[i - 1]), Buffer.from(key)) < 0,
  );
}

/**
 * Moving `moved` (in that order) next to an anchor inside `order` (all ids, current order):
 * the resulting order. Used by tests as the model, and documents the semantics.
 */
export function applyMove(
  order: readonly string[],
  moved: readonly string[],
  where: { before: string } | { after: string } | { position: 'top' | 'bottom' },
): string[] {
  const movedSet = new Set(moved);
  const rest = order.filter((id) => !movedSet.has(id));
  let at: number;
  if ('position' in where) at = where.position === 'top' ? 0 : rest.length;
  else if ('before' in where) at = rest.indexOf(where.before);
  else at = rest.indexOf(where.after) + 1;
  if (at < 0 || ('after' in where && at === 0)) throw new Error('applyMove: unknown anchor');
  return [...rest.slice(0, at), ...moved, ...rest.slice(at)];
}
