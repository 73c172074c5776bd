import type { Lang } from '../../i18n/locale';
import type { Localizer } from '../../i18n/localizer.service';
import type { Terms } from '../../i18n/vocabulary';

export type ForecastResult =
  | {
      kind: 'not_enough_data';
      history: { workingDays: number; finishedItems: number };
      needed: { workingDays: number; finishedItems: number };
    }
  | { kind: 'how_many'; date: string; count: number | null }
  | { kind: 'when'; count: number; date: string | null; epic?: string; horizon: number };

/** "Pratiche" inside a sentence is "pratiche"; an acronym such as "SUAP" stays as it is. */
function inSentence(term: string): string {
  return term.length > 1 && term[1] === term[1].toLocaleLowerCase()
    ? term[0].toLocaleLowerCase() + term.slice(1)
    : term;
}

/**
 * The forecast in one sentence, at 85%, in the reader's language and the team's words
 * (src/i18n/<lang>/reports.json, `forecast.*`). Worded so no adjective agrees with the
 * team's noun: "pratiche" and "compiti" both read well.
 */
export function forecastSentence(
  localizer: Localizer,
  lang: Lang,
  terms: Terms,
  result: ForecastResult,
): string {
  const words = { story: inSentence(terms.story), stories: inSentence(terms.stories) };
  const day = (date: string) =>
    localizer.formatDate(lang, date, { day: 'numeric', month: 'long', year: 'numeric' });
  const t = (key: string, args: Record<string, string | number>) =>
    localizer.t(lang, `reports.forecast.${key}`, { ...words, ...args });
  switch (result.kind) {
    case 'not_enough_data':
      return t('notEnough', {
        days: result.needed.workingDays,
        items: result.needed.finishedItems,
        haveDays: result.history.workingDays,
        haveItems: result.history.finishedItems,
      });
    case 'how_many':
      return t('howMany', { date: day(result.date), count: result.count ?? 0 });
    case 'when':
      if (result.count === 0) return t('nothingOpen', { title: result.epic ?? '' });
      if (result.date === null)
        return t(result.epic ? 'epicBeyond' : 'beyond', {
          count: result.count,
          title: result.epic ?? '',
          horizon: result.horizon,
        });
      if (result.epic)
        return t('epic', { count: result.count, title: result.epic, date: day(result.date) });
      return t(result.count === 1 ? 'whenOne' : 'when', {
        count: result.count,
        date: day(result.date),
      });
  }
}
