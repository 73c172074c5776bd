import type { ActionItemDto } from './dto/action-item.dto';
import type { RetrospectiveDto } from './dto/retrospective-view.dto';
import { texts, type Locale } from './retro-texts';

const LOCALES: Record<Locale, string> = { it: 'it-IT', en: 'en-GB' };

export function formatDate(date: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALES[locale], { dateStyle: 'long', timeZone }).format(date);
}

/** A calendar date (YYYY-MM-DD) is a day, not an instant: formatted without a timezone shift. */
export function formatDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-').map(Number);
  return formatDate(new Date(Date.UTC(y, m - 1, d)), locale, 'UTC');
}

/** Markdown never gets a reader's text as markup: cards cannot inject headings or links. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, '\\$1');
}

export interface ExportContext {
  locale: Locale;
  timeZone: string;
  names: Map<string, string>;
}

/** The Markdown summary of what the reader may see: columns, groups with votes, action items. */
export function toMarkdown(view: RetrospectiveDto, ctx: ExportContext): string {
  const t = texts(ctx.locale);
  const e = t.export;
  const name = (id: string | null) => (id ? inline(ctx.names.get(id) ?? id) : '—');
  const lines: string[] = [`# ${inline(view.title)}`, ''];
  lines.push(
    `- ${e.date}: ${formatDate(new Date(view.createdAt), ctx.locale, ctx.timeZone)}`,
    `- ${e.phase}: ${t.phases[view.phase]}`,
    `- ${e.facilitator}: ${name(view.facilitatorId)}`,
    '',
    `## ${e.columns}`,
    '',
  );
  for (const column of view.columns) {
    lines.push(`### ${inline(column.title)}`, '');
    if (column.prompt) lines.push(`_${inline(column.prompt)}_`, '');
    for (const card of view.cards.filter((c) => c.column === column.key)) {
      const author = view.anonymous || !card.authorId ? '' : ` — ${name(card.authorId)}`;
      lines.push(`- ${inline(card.text)}${author}`);
    }
    const hidden = view.hiddenCounts.find((h) => h.column === column.key)?.count ?? 0;
    if (hidden > 0) lines.push(`- ${hidden} ${e.hidden}`);
    lines.push('');
  }
  lines.push(`## ${e.groups}`, '');
  const byId = new Map(view.cards.map((c) => [c.id, c]));
  view.groups.forEach((group, i) => {
    const votes = group.votes === null ? '' : ` — ${group.votes} ${e.votes}`;
    lines.push(`${i + 1}. **${group.title ? inline(group.title) : e.untitled}**${votes}`);
    for (const id of group.cardIds) {
      const card = byId.get(id);
      if (card) lines.push(`   - ${inline(card.text)}`);
    }
  });
  if (view.groups.length === 0) lines.push(e.none);
  lines.push('');
  if (view.notes.length > 0) {
    lines.push(`## ${e.notes}`, '');
    for (const note of view.notes) lines.push(`- ${inline(note.text)}`);
    lines.push('');
  }
  lines.push(`## ${e.actionItems}`, '');
  for (const item of view.actionItems) lines.push(actionLine(item, ctx));
  if (view.actionItems.length === 0) lines.push(e.none);
  lines.push('');
  return lines.join('\n');
}

function actionLine(item: ActionItemDto, ctx: ExportContext): string {
  const t = texts(ctx.locale);
  const parts = [`${t.export.status}: ${t.status[item.status]}`];
  if (item.ownerId)
    parts.push(`${t.export.owner}: ${inline(ctx.names.get(item.ownerId) ?? item.ownerId)}`);
  if (item.dueDate) parts.push(`${t.export.due}: ${formatDay(item.dueDate, ctx.locale)}`);
  if (item.backlogItemId) parts.push(`${t.export.backlogItem}: ${item.backlogItemId}`);
  const box = item.status === 'done' ? 'x' : ' ';
  return `- [${box}] ${inline(item.text)} (${parts.join(' · ')})`;
}
