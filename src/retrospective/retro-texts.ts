import en from '../i18n/en/retrospective.json';
import it from '../i18n/it/retrospective.json';
import type { RetroColumn } from './retro.events';

export type Locale = 'it' | 'en';
type Texts = typeof en;

/** Same keys in both files (a unit test checks); nestjs-i18n takes over these lookups later. */
const TEXTS: Record<Locale, Texts> = { it, en };

export const BUILT_IN_TEMPLATES = [
  'start_stop_continue',
  'mad_sad_glad',
  'four_ls',
  'sailboat',
  'went_well',
] as const;
export type BuiltInTemplate = (typeof BUILT_IN_TEMPLATES)[number];

export function texts(locale: Locale): Texts {
  return TEXTS[locale] ?? TEXTS.en;
}

export function isBuiltIn(key: string): key is BuiltInTemplate {
  return (BUILT_IN_TEMPLATES as readonly string[]).includes(key);
}

export function builtInTemplate(
  key: BuiltInTemplate,
  locale: Locale,
): { key: BuiltInTemplate; name: string; columns: RetroColumn[] } {
  const template = texts(locale).templates[key];
  return {
    key,
    name: template.name,
    columns: Object.entries(template.columns).map(([column, t]) => ({
      key: column,
      title: t.title,
      prompt: t.prompt,
    })),
  };
}
