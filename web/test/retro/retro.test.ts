import { describe, expect, it } from 'vitest';
import type { Retro } from '../../src/api/retro';
import { groupTitle } from '../../src/features/retro/context';

const retro = {
  cards: [
    { id: 'a', text: 'Sportello anagrafe aperto anche il sabato mattina' },
    { id: 'b', text: 'Modulo unico' },
  ],
} as unknown as Retro;
const group = (title: string, cardIds: string[]) =>
  ({ id: 'g', title, cardIds, votes: null, version: 1 }) as Retro['groups'][number];

describe('a group’s title', () => {
  it('is its own when it has one', () => {
    expect(groupTitle(retro, group('Orari', ['a']))).toBe('Orari');
  });
  it('is its first card’s text, shortened, when the server made it for a lone card', () => {
    expect(groupTitle(retro, group('', ['b']))).toBe('Modulo unico');
    expect(groupTitle(retro, group('', ['a']))).toBe('Sportello anagrafe aperto anche il sabat…');
  });
});
