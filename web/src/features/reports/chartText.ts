import type { ChartKey, ChartText } from '@ritmo/charts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
// The server's texts of the charts, the one source for its SVGs and this screen: single-brace
// placeholders, the team's words as parameters (src/sprint/report-charts.service.ts).
import enReports from '../../../../src/i18n/en/reports.json';
import itReports from '../../../../src/i18n/it/reports.json';
import type { Terms } from '../../i18n/vocabulary';
import { useTerms } from '../../i18n/vocabulary';

const TEXTS: Record<string, Record<ChartKey, string>> = {
  it: itReports.chart,
  en: enReports.chart,
};

/** Fills `{name}` as the server's Localizer does: numbers in the reader's way, the rest as is. */
export function fill(
  template: string,
  params: Record<string, string | number>,
  number: (n: number) => string,
): string {
  return template.replace(/\{([\w.]+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    return typeof value === 'number' ? number(value) : value;
  });
}

/** The server writes `en` as en-GB (src/i18n/locale.ts); the web as well, unless the browser says which English. */
const SERVER_LOCALE: Record<string, string> = { it: 'it-IT', en: 'en-GB' };

export function intlLocale(lang: string): string {
  const browser = globalThis.navigator?.languages?.find((tag) => tag.slice(0, 2) === lang);
  return browser ?? SERVER_LOCALE[lang] ?? lang;
}

export function chartText(lang: string, terms: Terms, locale = intlLocale(lang)): ChartText {
  const texts = TEXTS[lang] ?? TEXTS.it;
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  // A calendar day (YYYY-MM-DD) is that day wherever the reader is: read at noon UTC.
  const days = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const number = (value: number) => numbers.format(value);
  return {
    t: (key, params) =>
      fill(texts[key] ?? key, { ...(terms as Record<string, string>), ...params }, number),
    number,
    day: (date) =>
      /^\d{4}-\d{2}-\d{2}$/.test(date) ? days.format(new Date(`${date}T12:00:00Z`)) : date,
  };
}

/** The chart builders' text in the person's language, with the team's words. */
export function useChartText(): ChartText {
  const { i18n } = useTranslation();
  const terms = useTerms();
  return useMemo(() => chartText(i18n.language, terms), [i18n.language, terms]);
}
