/**
 * Decks and the arithmetic of a reveal. Pure: unit-tested in poker-decks.spec.ts.
 *
 * Cards are strings as players see them. A card has points when it maps to a number (T-shirt
 * sizes through TSHIRT_POINTS); `?` and `☕` have none: they count as votes, never as values,
 * and cannot be accepted as an estimate.
 */
export const DECKS = [
  'fibonacci',
  'modified_fibonacci',
  'tshirt',
  'powers_of_two',
  'team',
] as const;
export type Deck = (typeof DECKS)[number];

/** How T-shirt sizes become story points when a size is accepted (written to the item). */
export const TSHIRT_POINTS: Record<string, number> = {
  XS: 1,
  S: 2,
  M: 3,
  L: 5,
  XL: 8,
  XXL: 13,
};

const FIXED: Record<Exclude<Deck, 'team'>, string[]> = {
  fibonacci: ['0', '1', '2', '3', '5', '8', '13', '21', '34', '55', '89', '?'],
  modified_fibonacci: ['0', '½', '1', '2', '3', '5', '8', '13', '20', '40', '100', '?', '☕'],
  tshirt: [...Object.keys(TSHIRT_POINTS), '?'],
  powers_of_two: ['0', '1', '2', '4', '8', '16', '32', '64', '?'],
};

/** The cards of a deck; `team` is the team's point scale plus `?`. */
export function cardsOf(deck: Deck, pointScale: number[]): string[] {
  if (deck === 'team') return [...pointScale.map(String), '?'];
  return [...FIXED[deck]];
}

/** The points a card stands for, or null for `?` / `☕`. */
export function pointsOf(card: string): number | null {
  if (card === '½') return 0.5;
  if (card in TSHIRT_POINTS) return TSHIRT_POINTS[card];
  if (/^\d+(\.\d+)?$/.test(card)) return Number(card);
  return null;
}

export interface RoundStats {
  /** Over the cards with points; null when no vote has points. */
  min: number | null;
  max: number | null;
  median: number | null;
  /** Every vote is the same card (and there is at least one). */
  consensus: boolean;
  votes: number;
}

export function statsOf(cards: string[]): RoundStats {
  const points = cards
    .map(pointsOf)
    .filter((p): p is number => p !== null)
    .sort((a, b) => a - b);
  const mid = Math.floor(points.length / 2);
  const median =
    points.length === 0
      ? null
      : points.length % 2 === 1
        ? points[mid]
        : (points[mid - 1] + points[mid]) / 2;
  return {
    min: points.length ? points[0] : null,
    max: points.length ? points[points.length - 1] : null,
    median,
    consensus: cards.length > 0 && cards.every((card) => card === cards[0]),
    votes: cards.length,
  };
}
