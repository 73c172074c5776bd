import { ConflictError } from '../common/errors/domain-error';
import { PHASES, type Phase } from './retro.events';

/** What each phase allows; everything else answers 409 naming the phase the retro is in. */
export const ALLOWED = {
  writeCards: ['collect'],
  groupCards: ['group'],
  vote: ['vote'],
  discuss: ['discuss'],
  edit: ['collect', 'group', 'vote', 'discuss'],
} as const satisfies Record<string, readonly Phase[]>;

export type PhaseActivity = keyof typeof ALLOWED;

const WHAT: Record<PhaseActivity, string> = {
  writeCards: 'Cards are written, edited and deleted only in the collect phase',
  groupCards: 'Cards are grouped only in the group phase',
  vote: 'Votes are cast only in the vote phase',
  discuss: 'Notes and action items are added only in the discuss phase',
  edit: 'A closed retrospective does not change',
};

export function requirePhase(phase: Phase, activity: PhaseActivity): void {
  if ((ALLOWED[activity] as readonly Phase[]).includes(phase)) return;
  throw new ConflictError(`retro-phase-${phase}`, `${WHAT[activity]}; it is in ${phase}`, {
    phase,
    allowedIn: ALLOWED[activity],
  });
}

/** Forward one step, or back one step; nothing after closed. */
export function checkTransition(from: Phase, to: Phase): void {
  const [i, j] = [PHASES.indexOf(from), PHASES.indexOf(to)];
  if (from === 'closed')
    throw new ConflictError('retro-phase-closed', 'A closed retrospective does not change', {
      phase: from,
    });
  if (j === i + 1 || j === i - 1) return;
  throw new ConflictError(
    `retro-phase-${from}`,
    `From ${from} the retrospective moves to ${[PHASES[i - 1], PHASES[i + 1]].filter(Boolean).join(' or ')}, not ${to}`,
    { phase: from, allowed: [PHASES[i - 1], PHASES[i + 1]].filter(Boolean) },
  );
}

/** Vote totals are secret until the vote phase ends. */
export const votesRevealed = (phase: Phase): boolean => phase === 'discuss' || phase === 'closed';
