import { ITEM_STATUSES, ITEM_TYPES } from '../../backlog/backlog.events';
import { DESCRIPTION_MAX, TITLE_MAX } from '../../backlog/items/dto/backlog-item.dto';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  ExportDocument,
  ExportedItem,
} from '../../team-export/team-export.format';
import { ImportFormatError } from '../import-errors';
import {
  newLabelsOf,
  type PlannedRow,
  type RowProblem,
  type SpreadsheetPlan,
  type TeamFacts,
} from '../spreadsheet/plan';

/** What an import reads of a ritmo team export: the backlog; sprints and events are not replayed. */
export const IGNORED_PARTS = ['sprints', 'events', 'members', 'team'];

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ImportFormatError('The file is not valid JSON', { format: 'json' });
  }
}

/** The document as a ritmo export, or a format error. */
export function asExport(doc: unknown): ExportDocument {
  const d = doc as Partial<ExportDocument> | null;
  if (
    !d ||
    d.format !== EXPORT_FORMAT ||
    d.version !== EXPORT_VERSION ||
    !Array.isArray(d.items) ||
    !Array.isArray(d.labels) ||
    !Array.isArray(d.members) ||
    typeof d.team?.id !== 'string'
  )
    throw new ImportFormatError(
      `This JSON is neither a ritmo team export (format ${EXPORT_FORMAT}, version ${EXPORT_VERSION}) nor a Trello board`,
      { format: 'json' },
    );
  return d as ExportDocument;
}

const strings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'string');

/**
 * The items of an export, in its backlog order, as a plan: each keeps its exported id as its
 * source key, so importing the same export again creates nothing. An epic ranked below one of
 * its children moves up to just above the first of them (a child needs its epic to exist).
 * Archived items are left out.
 */
export function planExport(doc: ExportDocument, team: TeamFacts): SpreadsheetPlan {
  const key = (id: string) => `ritmo:${doc.team.id}:${id}`;
  const labelNames = new Map(doc.labels.map((label) => [label.id, label.name]));
  const emails = new Map(doc.members.map((member) => [member.userId, member.email.toLowerCase()]));
  const byId = new Map(doc.items.map((item) => [item.id, item]));
  const problems: RowProblem[] = [];
  const matched = new Map<string, { email: string; userId: string; displayName: string }>();
  const unmatched = new Set<string>();
  const rows: PlannedRow[] = [];
  const placed = new Set<string>();
  let alreadyImported = 0;

  const check = (item: ExportedItem, line: number): boolean => {
    const problem = (column: string, code: string, args: RowProblem['args'] = {}) =>
      problems.push({ line, column, code, args });
    const before = problems.length;
    if (typeof item.title !== 'string' || item.title.trim() === '')
      problem('title', 'title-missing');
    else if (item.title.length > TITLE_MAX) problem('title', 'title-too-long', { max: TITLE_MAX });
    if (typeof item.description !== 'string' || item.description.length > DESCRIPTION_MAX)
      problem('description', 'description-too-long', { max: DESCRIPTION_MAX });
    if (!(ITEM_TYPES as readonly unknown[]).includes(item.type))
      problem('type', 'type-unknown', { value: String(item.type) });
    if (!(ITEM_STATUSES as readonly unknown[]).includes(item.status))
      problem('status', 'status-unknown', { value: String(item.status) });
    if (item.estimate !== null && !team.pointScale.includes(item.estimate))
      problem('estimate', 'estimate-off-scale', {
        value: String(item.estimate),
        scale: team.pointScale.join(', '),
      });
    if (
      !strings(item.acceptanceCriteria) ||
      !strings(item.labelIds) ||
      !Array.isArray(item.readyChecklist)
    )
      problem('items', 'item-malformed');
    return problems.length === before;
  };

  const place = (item: ExportedItem) => {
    if (placed.has(item.id)) return;
    placed.add(item.id);
    const line = doc.items.indexOf(item) + 1;
    if (item.archivedAt) return;
    const parent = item.parentId ? byId.get(item.parentId) : undefined;
    if (parent && !parent.archivedAt) place(parent);
    if (!check(item, line)) return;
    if (team.imported.has(key(item.id))) {
      alreadyImported += 1;
      return;
    }
    const email = item.assigneeId ? emails.get(item.assigneeId) : undefined;
    const member = email ? team.members.get(email) : undefined;
    if (email && member) matched.set(email, { email, ...member });
    else if (email) unmatched.add(email);
    rows.push({
      sourceKey: key(item.id),
      item: {
        type: item.type,
        title: item.title.trim(),
        description: item.description,
        acceptanceCriteria: item.acceptanceCriteria,
        readyChecklist: item.readyChecklist.map(({ text, done }) => ({ text, done })),
        estimate: item.estimate,
        status: item.status,
        labels: item.labelIds.flatMap((id) => labelNames.get(id) ?? []),
        assigneeId: member?.userId ?? null,
        parentKey: parent && !parent.archivedAt ? key(parent.id) : null,
        parentId: null,
      },
    });
  };
  for (const item of doc.items) place(item);

  return {
    rows,
    problems,
    alreadyImported,
    newLabels: newLabelsOf(rows, team),
    people: { matched: [...matched.values()], unmatched: [...unmatched] },
  };
}
