import en from '../i18n/en/ceremony.json';
import it from '../i18n/it/ceremony.json';
import type { CeremonyType } from './ceremony.events';

export type Locale = 'it' | 'en';
const TEXTS = { it, en } as const;

/**
 * The module's user-visible texts, from src/i18n/<locale>/ceremony.json. A stand-in until
 * nestjs-i18n reads that same folder: callers only ever ask for a key and a locale.
 */
export const ceremonyTexts = {
  type: (locale: Locale, type: CeremonyType): string => TEXTS[locale].types[type],
  title: (locale: Locale, type: CeremonyType, sprint: string): string =>
    fill(TEXTS[locale].title, { type: TEXTS[locale].types[type], sprint }),
  prompts: (locale: Locale): { key: string; text: string }[] =>
    Object.entries(TEXTS[locale].prompts).map(([key, text]) => ({ key, text })),
  feedName: (locale: Locale, team: string): string => fill(TEXTS[locale].feed.name, { team }),
};

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}
