import { fromAcceptLanguage } from './locale';
import { mergeTerms, Terms } from './vocabulary';

describe('fromAcceptLanguage', () => {
  it.each([
    ['it-IT,it;q=0.9,en;q=0.8', 'it'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,en;q=0.5,it;q=0.7', 'it'],
    ['fr, EN', 'en'],
    ['*', 'it'],
    ['it;q=0, en', 'en'],
    ['de', undefined],
    ['', undefined],
    [undefined, undefined],
    ['x'.repeat(600), undefined],
  ])('%s → %s', (header, lang) => {
    expect(fromAcceptLanguage(header)).toBe(lang);
  });
});

describe('vocabulary', () => {
  const defaults = { sprint: 'Sprint', story: 'Storia' } as Terms;

  it('merges a team’s words over the defaults', () => {
    expect(mergeTerms(defaults, { sprint: 'Ciclo di lavoro' })).toMatchObject({
      sprint: 'Ciclo di lavoro',
      story: 'Storia',
    });
  });
});
