/**
 * Typing a card's value picks it: "8" picks 8; "1" then "3" picks 13. While what was typed is
 * also the start of a longer card ("1" of "13"), the pick waits a moment for the next key, so
 * one value is sent, not two.
 */
export interface KeyPick {
  /** The card to pick now, if any. */
  pick: string | null;
  /** What is kept for the next key. */
  buffer: string;
  /** A card to pick if no other key follows (the buffer is exact and a prefix). */
  pending: string | null;
}

export function typeKey(cards: readonly string[], buffer: string, key: string): KeyPick {
  for (const typed of [buffer + key, key]) {
    const longer = cards.some((c) => c.length > typed.length && c.startsWith(typed));
    const exact = cards.includes(typed) ? typed : null;
    if (exact && !longer) return { pick: exact, buffer: '', pending: null };
    if (longer) return { pick: null, buffer: typed, pending: exact };
  }
  return { pick: null, buffer: '', pending: null };
}

/** Keys that never pick a card: typing in a field, or a shortcut of the browser. */
export function ignoresKey(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return true;
  const target = event.target as HTMLElement | null;
  return Boolean(target?.closest('input, textarea, select, [contenteditable=true]'));
}
