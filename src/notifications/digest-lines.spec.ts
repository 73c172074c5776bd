import type { EventRow } from '../events/event-log';
import enTerms from '../i18n/en/vocabulary.json';
import itTerms from '../i18n/it/vocabulary.json';
import { mergeTerms, type Terms } from '../i18n/vocabulary';
import { digestLine, type LineContext } from './digest-lines';
import { MAIL_TEXTS } from './notification-texts';

const TRIBUTI = 'a0000000-0000-4000-8000-000000000001';
const SCUOLA = 'a0000000-0000-4000-8000-000000000002';

/** Tributi renamed its Sprint and Retrospective; Scuola kept the defaults. */
function context(lang: 'it' | 'en'): LineContext {
  const defaults: Terms = lang === 'it' ? itTerms : enTerms;
  const renamed = mergeTerms(defaults, {
    sprint: 'Ciclo di lavoro',
    retrospective: 'Momento di confronto',
  });
  return {
    actor: () => 'Anna Ferri',
    itemTitle: () => undefined,
    terms: (teamId) => (teamId === TRIBUTI ? renamed : defaults),
  };
}

function event(teamId: string, type: string, data: object): EventRow {
  return {
    seq: '1',
    id: 'e',
    team_id: teamId,
    type: type as EventRow['type'],
    occurred_at: new Date('2026-12-10T09:00:00Z'),
    actor_id: null,
    data: data as EventRow['data'],
  };
}

describe('digest lines in the team’s own words', () => {
  const started = (teamId: string) =>
    event(teamId, 'sprint.started', { sprint: { name: 'Dicembre' } });
  const action = (teamId: string) =>
    event(teamId, 'retro.action_item_created', { actionItem: { text: 'Moduli online' } });

  it('names a renamed sprint and retrospective by the team’s words, in Italian and English', () => {
    expect(digestLine(started(TRIBUTI), 'it', context('it'))).toBe(
      'Inizio: Ciclo di lavoro «Dicembre»',
    );
    expect(digestLine(started(TRIBUTI), 'en', context('en'))).toBe(
      'Ciclo di lavoro “Dicembre” started',
    );
    expect(digestLine(action(TRIBUTI), 'it', context('it'))).toBe(
      'Nuova azione (Momento di confronto): «Moduli online»',
    );
  });

  it('uses the language’s defaults for a team that renamed nothing', () => {
    expect(digestLine(started(SCUOLA), 'it', context('it'))).toBe('Inizio: Sprint «Dicembre»');
    expect(digestLine(started(SCUOLA), 'en', context('en'))).toBe('Sprint “Dicembre” started');
    expect(digestLine(action(SCUOLA), 'en', context('en'))).toBe(
      'New action (Retrospective): “Moduli online”',
    );
  });

  it('tells a sprint’s end in the team’s word', () => {
    expect(MAIL_TEXTS.it.dueSprint('Ciclo di lavoro', 'Dicembre', '18 dic 2026')).toBe(
      'Termine: Ciclo di lavoro «Dicembre», il 18 dic 2026',
    );
    expect(MAIL_TEXTS.en.dueSprint('Sprint', 'December', '18 Dec 2026')).toBe(
      'Sprint “December” ends on 18 Dec 2026',
    );
  });
});
