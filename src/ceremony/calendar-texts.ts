import en from '../i18n/en/ceremony.json';
import it from '../i18n/it/ceremony.json';
import type { VocabularyOverrides, VocabularyTerm } from '../i18n/vocabulary';
import type { CeremonyType } from './ceremony.events';

export type Locale = 'it' | 'en';
const TEXTS = { it, en } as const;

/**
 * The module's user-visible texts, from src/i18n/<locale>/ceremony.json. A stand-in until
 * nestjs-i18n reads that same folder: callers only ever ask for a key and a locale.
 */
export const ceremonyTexts = {
  /** The ceremony's name, or the one the team's vocabulary gives it. */
  type: (locale: Locale, type: CeremonyType, vocabulary?: VocabularyOverrides | null): string =>
    (TERM_OF[type] && vocabulary?.[TERM_OF[type]]) || TEXTS[locale].types[type],
  title: (
    locale: Locale,
    type: CeremonyType,
    sprint: string,
    vocabulary?: VocabularyOverrides | null,
  ): string =>
    fill(TEXTS[locale].title, { type: ceremonyTexts.type(locale, type, vocabulary), sprint }),
  prompts: (locale: Locale): { key: string; text: string }[] =>
    Object.entries(TEXTS[locale].prompts).map(([key, text]) => ({ key, text })),
  feedName: (locale: Locale, team: string): string => fill(TEXTS[locale].feed.name, { team }),
  /** The note on a review or retrospective moved back from a sprint end that is a holiday. */
  movedFromHoliday: (locale: Locale, date: string, holiday: string): string =>
    fill(TEXTS[locale].movedFromHoliday, {
      date: new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${date}T12:00:00Z`)),
      holiday,
    }),
};

/** The team-renamable term for each ceremony (refinement has none). */
const TERM_OF: Partial<Record<CeremonyType, VocabularyTerm>> = {
  sprint_planning: 'sprintPlanning',
  daily_scrum: 'dailyScrum',
  sprint_review: 'sprintReview',
  sprint_retrospective: 'retrospective',
};

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}
