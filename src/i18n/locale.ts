/** The languages ritmo speaks; Italian first, the pilot's language. */
export const LANGUAGES = ['it', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'it';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The best supported language of an Accept-Language header (RFC 9110 §12.5.4): ranges by
 * quality, `it-IT` matches `it`, `*` matches the default. Undefined when none is supported.
 */
export function fromAcceptLanguage(header: string | string[] | undefined): Lang | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value || value.length > 512) return undefined;
  const ranges = value
    .split(',')
    .map((part, index) => {
      const [range, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)).find(Boolean);
      return { range: range.trim().toLowerCase(), q: q ? Number(q[1]) : 1, index };
    })
    .filter((r) => r.range !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { range } of ranges) {
    if (range === '*') return DEFAULT_LANG;
    const primary = range.split('-')[0];
    if (isLang(primary)) return primary;
  }
  return undefined;
}

/** BCP 47 tags for Intl: dates and numbers as people of that language write them. */
export const INTL_LOCALE: Record<Lang, string> = { it: 'it-IT', en: 'en-GB' };
