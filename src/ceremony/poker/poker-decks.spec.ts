import { cardsOf, pointsOf, statsOf, TSHIRT_POINTS } from './poker-decks';

describe('poker decks', () => {
  it('has the documented cards', () => {
    expect(cardsOf('fibonacci', [])).toEqual([
      '0',
      '1',
      '2',
      '3',
      '5',
      '8',
      '13',
      '21',
      '34',
      '55',
      '89',
      '?',
    ]);
    expect(cardsOf('modified_fibonacci', [])).toContain('½');
    expect(cardsOf('modified_fibonacci', [])).toContain('☕');
    expect(cardsOf('tshirt', [])).toEqual(['XS', 'S', 'M', 'L', 'XL', 'XXL', '?']);
    expect(cardsOf('powers_of_two', [])).toEqual(['0', '1', '2', '4', '8', '16', '32', '64', '?']);
    expect(cardsOf('team', [0, 0.5, 1, 2, 3])).toEqual(['0', '0.5', '1', '2', '3', '?']);
  });

  it('gives points to numbers, ½ and T-shirt sizes, none to ? and ☕', () => {
    expect(pointsOf('13')).toBe(13);
    expect(pointsOf('0.5')).toBe(0.5);
    expect(pointsOf('½')).toBe(0.5);
    expect(pointsOf('XL')).toBe(TSHIRT_POINTS.XL);
    expect(pointsOf('?')).toBeNull();
    expect(pointsOf('☕')).toBeNull();
  });

  it('computes min, max, median and consensus', () => {
    expect(statsOf(['3', '5', '8'])).toEqual({
      min: 3,
      max: 8,
      median: 5,
      consensus: false,
      votes: 3,
    });
    expect(statsOf(['2', '3', '5', '8']).median).toBe(4);
    expect(statsOf(['5', '5']).consensus).toBe(true);
    expect(statsOf(['5', '?'])).toMatchObject({ min: 5, max: 5, median: 5, consensus: false });
    expect(statsOf([])).toEqual({ min: null, max: null, median: null, consensus: false, votes: 0 });
    expect(statsOf(['?', '?'])).toMatchObject({ median: null, consensus: true });
  });
});
