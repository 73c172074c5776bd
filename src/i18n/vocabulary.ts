/**
 * The Scrum words a team may rename (Sprint → "Ciclo di lavoro", Story → "Pratica"). A fixed
 * set, so every text can name its terms; defaults per language in src/i18n/<lang>/vocabulary.json.
 */
export const VOCABULARY_TERMS = [
  'sprint',
  'sprints',
  'story',
  'stories',
  'storyPoints',
  'epic',
  'epics',
  'backlog',
  'velocity',
  'sprintPlanning',
  'dailyScrum',
  'sprintReview',
  'retrospective',
] as const;
export type VocabularyTerm = (typeof VOCABULARY_TERMS)[number];
export type Terms = Record<VocabularyTerm, string>;
/** What a team stored: only the terms it renamed. */
export type VocabularyOverrides = Partial<Record<VocabularyTerm, string>>;

export const MAX_TERM_LENGTH = 40;

export function isVocabularyTerm(key: string): key is VocabularyTerm {
  return (VOCABULARY_TERMS as readonly string[]).includes(key);
}

/** A team's own word is the team's word in every language; the rest are the language's defaults. */
export function mergeTerms(defaults: Terms, overrides: VocabularyOverrides | null): Terms {
  const terms = { ...defaults };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (isVocabularyTerm(key) && typeof value === 'string' && value !== '') terms[key] = value;
  }
  return terms;
}
