import { createHash } from 'node:crypto';
import type { ItemStatus, ItemType, ReadyCheck } from '../../backlog/backlog.events';
import { DESCRIPTION_MAX, TITLE_MAX } from '../../backlog/items/dto/backlog-item.dto';
import type { CsvContent } from './csv-reader';
import { ColumnField, labelsOf, Mapping, normalize, numberOf, statusOf, typeOf } from './columns';

/** One item to create, as stored with the job (import_rows.item). */
export interface PlannedItem {
  type: ItemType;
  title: string;
  description: string;
  acceptanceCriteria?: string[];
  readyChecklist?: ReadyCheck[];
  estimate: number | null;
  status: ItemStatus;
  labels: string[];
  assigneeId: string | null;
  /** An epic created by this import (its source key)… */
  parentKey: string | null;
  /** …or one the team already has. */
  parentId: string | null;
}

export interface PlannedRow {
  sourceKey: string;
  item: PlannedItem;
}

/** Why a row is left out; `code` names the text in src/i18n/<lang>/imports.json. */
export interface RowProblem {
  line: number;
  column: string | null;
  code: string;
  args: Record<string, string | number>;
}

/** What the team has that a spreadsheet refers to. */
export interface TeamFacts {
  pointScale: number[];
  /** Members by lower-case email. */
  members: Map<string, { userId: string; displayName: string }>;
  /** Epics by normalized title. */
  epics: Map<string, string>;
  /** Source keys already imported into the team. */
  imported: Set<string>;
  /** Label names the team has, lower case. */
  labels: Set<string>;
}

export interface SpreadsheetPlan {
  rows: PlannedRow[];
  problems: RowProblem[];
  alreadyImported: number;
  newLabels: string[];
  people: {
    matched: { email: string; userId: string; displayName: string }[];
    unmatched: string[];
  };
}

/** The labels the rows use that the team does not have yet, each once, as first written. */
export function newLabelsOf(rows: PlannedRow[], team: TeamFacts): string[] {
  const found = new Map<string, string>();
  for (const { item } of rows)
    for (const name of item.labels)
      if (!team.labels.has(name.toLowerCase())) found.set(name.toLowerCase(), name);
  return [...found.values()];
}

const MAX_LABELS = 20;
const LABEL_MAX = 50;

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * The items a spreadsheet becomes, in file order with every epic first (a child must find its
 * epic created). Each row gets a source key: its id column when mapped, else a hash of its
 * cells, so the same rows imported again are recognised and skipped. A row that cannot become
 * an item is a problem naming its line and column, never a silent drop.
 */
export function planSpreadsheet(
  csv: CsvContent,
  mapping: Mapping,
  team: TeamFacts,
): SpreadsheetPlan {
  const columns = new Map<ColumnField, number>();
  csv.header.forEach((name, index) => {
    const field = mapping[name];
    if (field && field !== 'ignore' && !columns.has(field)) columns.set(field, index);
  });
  const nameOf = (field: ColumnField) => csv.header[columns.get(field) ?? -1] ?? null;
  const problems: RowProblem[] = [];
  const planned: (PlannedRow & { epicTitle: string | null; line: number })[] = [];
  const seen = new Map<string, number>();
  const matched = new Map<string, { email: string; userId: string; displayName: string }>();
  const unmatched = new Set<string>();
  let alreadyImported = 0;

  for (const { line, cells } of csv.rows) {
    const cell = (field: ColumnField) => {
      const index = columns.get(field);
      return index === undefined ? '' : (cells[index] ?? '');
    };
    const rowProblems: RowProblem[] = [];
    const problem = (field: ColumnField | null, code: string, args: RowProblem['args'] = {}) =>
      rowProblems.push({ line, column: field ? nameOf(field) : null, code, args });

    const title = cell('title').replace(/\s+/g, ' ');
    if (title === '') problem('title', 'title-missing');
    else if (title.length > TITLE_MAX) problem('title', 'title-too-long', { max: TITLE_MAX });
    const description = cell('description');
    if (description.length > DESCRIPTION_MAX)
      problem('description', 'description-too-long', { max: DESCRIPTION_MAX });
    const typeText = cell('type');
    const type = typeText === '' ? 'story' : typeOf(typeText);
    if (!type) problem('type', 'type-unknown', { value: typeText });
    const statusText = cell('status');
    const status = statusText === '' ? 'todo' : statusOf(statusText);
    if (!status) problem('status', 'status-unknown', { value: statusText });
    const estimateText = cell('estimate');
    let estimate: number | null = null;
    if (estimateText !== '') {
      const value = numberOf(estimateText);
      if (value === undefined) problem('estimate', 'estimate-not-number', { value: estimateText });
      else if (!team.pointScale.includes(value))
        problem('estimate', 'estimate-off-scale', {
          value: estimateText,
          scale: team.pointScale.join(', '),
        });
      else estimate = value;
    }
    const labels = labelsOf(cell('labels'));
    if (labels.length > MAX_LABELS) problem('labels', 'too-many-labels', { max: MAX_LABELS });
    const longLabel = labels.find((name) => name.length > LABEL_MAX);
    if (longLabel) problem('labels', 'label-too-long', { value: longLabel, max: LABEL_MAX });
    const email = cell('assignee').toLowerCase();
    let assigneeId: string | null = null;
    if (email !== '') {
      const member = team.members.get(email);
      if (member) {
        assigneeId = member.userId;
        matched.set(email, { email, ...member });
      } else unmatched.add(email);
    }
    const epicTitle = cell('epic').replace(/\s+/g, ' ') || null;
    if (epicTitle && type === 'epic') problem('epic', 'epic-in-epic');
    const id = cell('id');
    const sourceKey = id
      ? `sheet:id:${id}`
      : `sheet:row:${hash(JSON.stringify(cells.map((value) => value.replace(/\s+/g, ' '))))}`;
    const earlier = seen.get(sourceKey);
    if (earlier !== undefined)
      problem(id ? 'id' : null, id ? 'duplicate-id' : 'duplicate-row', { line: earlier });

    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    seen.set(sourceKey, line);
    if (team.imported.has(sourceKey)) {
      alreadyImported += 1;
      continue;
    }
    planned.push({
      line,
      sourceKey,
      epicTitle,
      item: {
        type: type as ItemType,
        title,
        description,
        estimate,
        status: status as ItemStatus,
        labels,
        assigneeId,
        parentKey: null,
        parentId: null,
      },
    });
  }

  // Children name their epic by title: an epic of this file, one the team has, or a new one.
  const fileEpics = new Map<string, string>();
  for (const row of planned)
    if (row.item.type === 'epic') fileEpics.set(normalize(row.item.title), row.sourceKey);
  const created: PlannedRow[] = [];
  for (const row of planned) {
    if (!row.epicTitle) continue;
    const key = normalize(row.epicTitle);
    const existing = team.epics.get(key);
    if (existing) {
      row.item.parentId = existing;
      continue;
    }
    let epicKey = fileEpics.get(key);
    if (!epicKey) {
      epicKey = `sheet:epic:${key}`;
      fileEpics.set(key, epicKey);
      if (!team.imported.has(epicKey))
        created.push({ sourceKey: epicKey, item: newEpic(row.epicTitle) });
    }
    row.item.parentKey = epicKey;
  }
  const rows = [
    ...created,
    ...planned.filter((row) => row.item.type === 'epic'),
    ...planned.filter((row) => row.item.type !== 'epic'),
  ].map(({ sourceKey, item }) => ({ sourceKey, item }));
  return {
    rows,
    problems,
    alreadyImported,
    newLabels: newLabelsOf(rows, team),
    people: { matched: [...matched.values()], unmatched: [...unmatched] },
  };
}

function newEpic(title: string): PlannedItem {
  return {
    type: 'epic',
    title: title.slice(0, TITLE_MAX),
    description: '',
    estimate: null,
    status: 'todo',
    labels: [],
    assigneeId: null,
    parentKey: null,
    parentId: null,
  };
}
