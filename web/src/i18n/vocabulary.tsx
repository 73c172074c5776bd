import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
// The server's defaults are the client's defaults: one list of words per language.
import enTerms from '../../../src/i18n/en/vocabulary.json';
import itTerms from '../../../src/i18n/it/vocabulary.json';

export type Vocabulary = components['schemas']['VocabularyDto'];
export type Terms = Required<Vocabulary>;

const DEFAULTS: Record<string, Terms> = { it: itTerms, en: enTerms };

export function mergeTerms(lang: string, overrides: Vocabulary | undefined): Terms {
  const terms = { ...(DEFAULTS[lang] ?? itTerms) };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (key in terms && typeof value === 'string' && value !== '')
      terms[key as keyof Terms] = value;
  }
  return terms;
}

const VocabularyContext = createContext<Vocabulary | undefined>(undefined);

/** The team on screen renames Scrum words: every text below it uses the team's words. */
export function TeamVocabulary({
  vocabulary,
  children,
}: {
  vocabulary: Vocabulary | undefined;
  children: ReactNode;
}) {
  return <VocabularyContext.Provider value={vocabulary}>{children}</VocabularyContext.Provider>;
}

/** The words in the person's language, with the team's renames (e.g. Sprint → "Ciclo"). */
export function useTerms(): Terms {
  const { i18n } = useTranslation();
  const vocabulary = useContext(VocabularyContext);
  return useMemo(() => mergeTerms(i18n.language, vocabulary), [i18n.language, vocabulary]);
}

/**
 * `t` of a namespace with the team's terms available to every text as `{{terms.sprint}}`.
 */
export function useTeamT(ns?: string | string[]) {
  const { t, i18n } = useTranslation(ns);
  const terms = useTerms();
  const tt = useMemo(
    () => (key: string, options?: Record<string, unknown>) => t(key, { terms, ...options }),
    [t, terms],
  );
  return { t: tt, i18n };
}
