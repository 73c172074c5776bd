import enPoker from '../i18n/en/poker.json';
import enReview from '../i18n/en/review.json';
import itPoker from '../i18n/it/poker.json';
import itReview from '../i18n/it/review.json';

/**
 * Server-written texts of poker and reviews in the team's locale. A stand-in until the
 * nestjs-i18n service reads the same files (src/i18n/<locale>/<namespace>.json).
 */
const TEXTS = {
  en: { poker: enPoker, review: enReview },
  it: { poker: itPoker, review: itReview },
};

type Namespaces = (typeof TEXTS)['en'];

export function ceremonyText<N extends keyof Namespaces>(
  locale: 'it' | 'en',
  namespace: N,
  key: keyof Namespaces[N],
  params: Record<string, string> = {},
): string {
  const template = String((TEXTS[locale] ?? TEXTS.en)[namespace][key]);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
