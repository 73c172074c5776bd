import { ConflictError } from '../common/errors/domain-error';
import { checkTransition, requirePhase, votesRevealed } from './retro-phases';
import { PHASES } from './retro.events';

describe('retrospective phases', () => {
  it('moves forward or back one step, never from closed', () => {
    const allowed: string[] = [];
    const refusals: unknown[] = [];
    for (const from of PHASES)
      for (const to of PHASES) {
        try {
          checkTransition(from, to);
          allowed.push(`${from}>${to}`);
        } catch (error) {
          refusals.push(error);
        }
      }
    expect(refusals.every((e) => e instanceof ConflictError)).toBe(true);
    expect(allowed.sort()).toEqual(
      [
        'collect>group',
        'group>collect',
        'group>vote',
        'vote>group',
        'vote>discuss',
        'discuss>vote',
        'discuss>closed',
      ].sort(),
    );
  });

  it('names the current phase in the problem type', () => {
    expect(() => requirePhase('vote', 'writeCards')).toThrow(
      expect.objectContaining({ code: 'retro-phase-vote' }),
    );
    expect(() => requirePhase('collect', 'writeCards')).not.toThrow();
  });

  it('reveals vote totals only after the vote phase', () => {
    expect(PHASES.filter(votesRevealed)).toEqual(['discuss', 'closed']);
  });
});
