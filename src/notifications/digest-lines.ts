import type { EventRow } from '../events/event-log';
import type { Lang } from '../i18n/locale';
import type { Terms } from '../i18n/vocabulary';

/** What the lines need to name things that events only refer to by id. */
export interface LineContext {
  actor(id: string | null): string;
  itemTitle(teamId: string, id: string): string | undefined;
  /** The team's words (its "Ciclo di lavoro" for Sprint), in the reader's language. */
  terms(teamId: string): Terms;
}

const CATEGORY: Record<Lang, Record<string, string>> = {
  it: { todo: 'da fare', in_progress: 'in corso', done: 'fatto' },
  en: { todo: 'to do', in_progress: 'in progress', done: 'done' },
};

type Data = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const field = (d: Data, a: string, b: string): string => str((d[a] as Data | undefined)?.[b]);

/**
 * One line per change worth telling in a digest, in the reader's language; undefined for the
 * mechanics of the log (ranks, votes, presence…), which are not news to anyone.
 */
export function digestLine(e: EventRow, lang: Lang, c: LineContext): string | undefined {
  const d = e.data as unknown as Data;
  const who = c.actor(e.actor_id);
  const it = lang === 'it';
  const terms = c.terms(e.team_id);
  // A string, not the union: most types are not news, and fall to the default.
  switch (e.type as string) {
    case 'backlog_item.created':
      return it
        ? `Nuovo elemento «${field(d, 'item', 'title')}» (${who})`
        : `New item “${field(d, 'item', 'title')}” (${who})`;
    case 'backlog_item.updated': {
      const title = field(d, 'item', 'title');
      const status = (d.changes as { field: string }[]).some((ch) => ch.field === 'status');
      if (status) {
        const to = CATEGORY[lang][field(d, 'item', 'status')] ?? field(d, 'item', 'status');
        return it
          ? `«${title}» passato a «${to}» (${who})`
          : `“${title}” moved to “${to}” (${who})`;
      }
      return it ? `«${title}» modificato (${who})` : `“${title}” edited (${who})`;
    }
    case 'backlog_item.archived': {
      const title = c.itemTitle(e.team_id, str(d.itemId)) ?? '';
      return it ? `«${title}» archiviato (${who})` : `“${title}” archived (${who})`;
    }
    case 'board.item_moved': {
      const title = c.itemTitle(e.team_id, str(d.itemId)) ?? '';
      const from = field(d, 'from', 'category');
      const to = field(d, 'to', 'category');
      if (from === to) return undefined;
      const status = CATEGORY[lang][to] ?? to;
      return it
        ? `«${title}» passato a «${status}» (${who})`
        : `“${title}” moved to “${status}” (${who})`;
    }
    // The team's word may be of either gender in Italian ("Sprint", "Iterazione"): the
    // sentences put it after a colon, where no agreement is needed.
    case 'sprint.started':
      return it
        ? `Inizio: ${terms.sprint} «${field(d, 'sprint', 'name')}»`
        : `${terms.sprint} “${field(d, 'sprint', 'name')}” started`;
    case 'sprint.completed':
      return it
        ? `Conclusione: ${terms.sprint} «${field(d, 'sprint', 'name')}»`
        : `${terms.sprint} “${field(d, 'sprint', 'name')}” completed`;
    case 'comment.created': {
      const comment = d.comment as Data;
      const title =
        comment.targetType === 'backlog_item'
          ? (c.itemTitle(e.team_id, str(comment.targetId)) ?? '')
          : '';
      return it
        ? `Commento di ${who}${title ? ` su «${title}»` : ''}`
        : `Comment by ${who}${title ? ` on “${title}”` : ''}`;
    }
    case 'impediment.raised':
      return it
        ? `Nuovo impedimento: «${field(d, 'impediment', 'title')}» (${who})`
        : `New impediment: “${field(d, 'impediment', 'title')}” (${who})`;
    case 'impediment.updated':
      if (
        field(d, 'impediment', 'status') !== 'resolved' ||
        !(d.changes as string[]).includes('status')
      )
        return undefined;
      return it
        ? `Impedimento risolto: «${field(d, 'impediment', 'title')}» (${who})`
        : `Impediment resolved: “${field(d, 'impediment', 'title')}” (${who})`;
    case 'ceremony.scheduled':
      return it
        ? `In calendario: «${field(d, 'ceremony', 'title')}»`
        : `Scheduled: “${field(d, 'ceremony', 'title')}”`;
    case 'ceremony.cancelled':
      return it
        ? `Annullato: «${field(d, 'ceremony', 'title')}»`
        : `Cancelled: “${field(d, 'ceremony', 'title')}”`;
    case 'team.member_added':
      return it
        ? `${str(d.displayName)} è entrato nella squadra`
        : `${str(d.displayName)} joined the team`;
    case 'retro.action_item_created':
      return it
        ? `Nuova azione (${terms.retrospective}): «${field(d, 'actionItem', 'text')}»`
        : `New action (${terms.retrospective}): “${field(d, 'actionItem', 'text')}”`;
    default:
      return undefined;
  }
}
