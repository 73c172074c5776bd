import { INTL_LOCALE, type Lang } from '../i18n/locale';
import type { NotificationKind } from './notification-kinds';

/** What a sentence about a notification needs, whichever language it is told in. */
export interface Telling {
  kind: NotificationKind;
  actor: string | null;
  title: string;
  team: string;
  /** The new status (status_changed), the start (ceremony_starting, ISO), the role (invited). */
  status?: string;
  startsAt?: string;
  timezone?: string;
}

const STATUS: Record<Lang, Record<string, string>> = {
  it: { todo: 'da fare', in_progress: 'in corso', done: 'fatto' },
  en: { todo: 'to do', in_progress: 'in progress', done: 'done' },
};

function time(iso: string | undefined, lang: Lang, tz: string | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], {
    timeZone: tz,
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** One line saying what happened, in the public-office register of each language. */
export function tell(t: Telling, lang: Lang): string {
  const who = t.actor ?? (lang === 'it' ? 'Qualcuno' : 'Someone');
  const status = t.status ? (STATUS[lang][t.status] ?? t.status) : '';
  if (lang === 'it') {
    switch (t.kind) {
      case 'mentioned':
        return `Menzione di ${who} in un commento su «${t.title}»`;
      case 'assigned':
        return `Assegnazione di «${t.title}» da parte di ${who}`;
      case 'status_changed':
        return `«${t.title}» è passato a «${status}» (${who})`;
      case 'impediment_resolved':
        return `Impedimento risolto: «${t.title}» (${who})`;
      case 'invited':
        return `Invito nella squadra ${t.team} da ${who}`;
      case 'ceremony_starting':
        return `«${t.title}» inizia tra 15 minuti, alle ${time(t.startsAt, lang, t.timezone)}`;
    }
  }
  switch (t.kind) {
    case 'mentioned':
      return `${who} mentioned you in a comment on “${t.title}”`;
    case 'assigned':
      return `${who} assigned “${t.title}” to you`;
    case 'status_changed':
      return `“${t.title}” moved to “${status}” (${who})`;
    case 'impediment_resolved':
      return `Impediment resolved: “${t.title}” (${who})`;
    case 'invited':
      return `${who} invited you to the team ${t.team}`;
    case 'ceremony_starting':
      return `“${t.title}” starts in 15 minutes, at ${time(t.startsAt, lang, t.timezone)}`;
  }
}

export const MAIL_TEXTS: Record<
  Lang,
  {
    open: string;
    footer: (team: string) => string;
    unsubscribe: string;
    digestSubject: (date: string) => string;
    digestIntro: string;
    forYou: string;
    changes: string;
    due: string;
    ceremonies: string;
    nothing: string;
    dueSprint: (term: string, name: string, date: string) => string;
    dueAction: (text: string, date: string) => string;
    digestUnsubscribe: string;
  }
> = {
  it: {
    open: 'Apri in ritmo',
    footer: (team) => `Notifica della squadra ${team}, inviata da ritmo.`,
    unsubscribe: 'Non ricevere più email di questo tipo',
    digestSubject: (date) => `Riepilogo del giorno – ${date}`,
    digestIntro: 'Ecco cosa è cambiato nelle squadre e cosa c’è in programma oggi.',
    forYou: 'Per chi legge',
    changes: 'Cosa è cambiato',
    due: 'In scadenza',
    ceremonies: 'Cerimonie di oggi',
    nothing: 'Nulla da segnalare.',
    dueSprint: (term, name, date) => `Termine: ${term} «${name}», il ${date}`,
    dueAction: (text, date) => `Azione «${text}» in scadenza il ${date}`,
    digestUnsubscribe: 'Non ricevere più il riepilogo giornaliero',
  },
  en: {
    open: 'Open in ritmo',
    footer: (team) => `A notification of the team ${team}, sent by ritmo.`,
    unsubscribe: 'Stop emails of this kind',
    digestSubject: (date) => `Daily digest – ${date}`,
    digestIntro: 'What changed in your teams, and what is on today.',
    forYou: 'For you',
    changes: 'What changed',
    due: 'Due',
    ceremonies: 'Today’s ceremonies',
    nothing: 'Nothing to report.',
    dueSprint: (term, name, date) => `${term} “${name}” ends on ${date}`,
    dueAction: (text, date) => `Action “${text}” due on ${date}`,
    digestUnsubscribe: 'Stop the daily digest',
  },
};

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
