import type { ItemType } from '../../backlog/backlog.events';
import { DESCRIPTION_MAX, TITLE_MAX } from '../../backlog/items/dto/backlog-item.dto';
import { labelsOf, normalize, numberOf, statusOf } from '../spreadsheet/columns';
import type { CsvContent } from '../spreadsheet/csv-reader';
import {
  newLabelsOf,
  type PlannedRow,
  type RowProblem,
  type SpreadsheetPlan,
  type TeamFacts,
} from '../spreadsheet/plan';

/** Jira Cloud's "Export CSV (all fields)": recognised by these headers. */
export function isJiraExport(header: string[]): boolean {
  return ['Summary', 'Issue key', 'Issue id', 'Issue Type'].every((name) => header.includes(name));
}

const POINTS = ['Custom field (Story Points)', 'Custom field (Story point estimate)'];
const PARENTS = ['Parent', 'Parent id', 'Custom field (Epic Link)'];
/** The columns this importer reads; every other one is reported as ignored. */
const READ = [
  'Summary',
  'Issue key',
  'Issue id',
  'Issue Type',
  'Description',
  'Status',
  'Labels',
  'Custom field (Rank)',
  ...POINTS,
  ...PARENTS,
];

const TYPES: Record<string, ItemType> = {
  story: 'story',
  bug: 'bug',
  task: 'task',
  'sub task': 'task',
  subtask: 'task',
  epic: 'epic',
  spike: 'spike',
  improvement: 'story',
  'new feature': 'story',
};

/**
 * A Jira Cloud CSV: headers repeat (`Labels`, `Sprint`, `Comment`…), so cells are read by
 * position, every `Labels` column together. Story points come from either points field, the
 * parent from `Parent` / `Parent id` (an issue id) or the legacy `Custom field (Epic Link)` (an
 * issue key), the backlog order from `Custom field (Rank)` compared as strings (Jira's LexoRank),
 * issues without a rank after the others in file order. Each issue keeps `jira:<Issue id>` as its
 * source key. Sprints and comments are not imported (reported as ignored columns).
 */
export function planJira(
  csv: CsvContent,
  team: TeamFacts,
): SpreadsheetPlan & { ignoredColumns: string[] } {
  const positions = (name: string) =>
    csv.header.flatMap((header, index) => (header === name ? [index] : []));
  const first = (cells: string[], names: string[]) => {
    for (const name of names)
      for (const index of positions(name)) if (cells[index]) return cells[index];
    return '';
  };
  const problems: RowProblem[] = [];
  const issues = csv.rows.map(({ line, cells }) => ({
    line,
    cells,
    id: first(cells, ['Issue id']),
    key: first(cells, ['Issue key']),
    rank: first(cells, ['Custom field (Rank)']),
  }));
  // Ranked issues in LexoRank order (plain code-unit comparison), the rest after them.
  const ordered = [
    ...issues
      .filter((i) => i.rank)
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0)),
    ...issues.filter((i) => !i.rank),
  ];
  const byRef = new Map<string, (typeof issues)[number]>();
  for (const issue of issues) {
    if (issue.id) byRef.set(issue.id, issue);
    if (issue.key) byRef.set(issue.key, issue);
  }
  const sourceKey = (issue: (typeof issues)[number]) => `jira:${issue.id || issue.key}`;
  const rows: PlannedRow[] = [];
  const placed = new Set<(typeof issues)[number]>();
  const accepted = new Set<(typeof issues)[number]>();
  let alreadyImported = 0;

  const place = (issue: (typeof issues)[number]) => {
    if (placed.has(issue)) return;
    placed.add(issue);
    const { line, cells } = issue;
    const parentRef = first(cells, PARENTS);
    const parent = parentRef ? byRef.get(parentRef) : undefined;
    if (parent) place(parent);
    const rowProblems: RowProblem[] = [];
    const problem = (column: string, code: string, args: RowProblem['args'] = {}) =>
      rowProblems.push({ line, column, code, args });
    const title = first(cells, ['Summary']).replace(/\s+/g, ' ');
    if (!title) problem('Summary', 'title-missing');
    else if (title.length > TITLE_MAX) problem('Summary', 'title-too-long', { max: TITLE_MAX });
    const description = first(cells, ['Description']);
    if (description.length > DESCRIPTION_MAX)
      problem('Description', 'description-too-long', { max: DESCRIPTION_MAX });
    const typeText = first(cells, ['Issue Type']);
    const type = TYPES[normalize(typeText)];
    if (!type) problem('Issue Type', 'type-unknown', { value: typeText });
    const statusText = first(cells, ['Status']);
    const status = statusText === '' ? 'todo' : statusOf(statusText);
    if (!status) problem('Status', 'status-unknown', { value: statusText });
    const pointsText = first(cells, POINTS);
    let estimate: number | null = null;
    if (pointsText) {
      const value = numberOf(pointsText);
      if (value === undefined) problem(POINTS[0], 'estimate-not-number', { value: pointsText });
      else if (!team.pointScale.includes(value))
        problem(POINTS[0], 'estimate-off-scale', {
          value: pointsText,
          scale: team.pointScale.join(', '),
        });
      else estimate = value;
    }
    const labels = labelsOf(
      positions('Labels')
        .map((index) => cells[index] ?? '')
        .join(','),
    );
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      return;
    }
    accepted.add(issue);
    if (team.imported.has(sourceKey(issue))) {
      alreadyImported += 1;
      return;
    }
    const parentOk = parent && accepted.has(parent) && type !== 'epic';
    rows.push({
      sourceKey: sourceKey(issue),
      item: {
        type: type,
        title,
        description,
        estimate,
        status: status!,
        labels,
        assigneeId: null,
        parentKey: parentOk ? sourceKey(parent) : null,
        parentId: null,
      },
    });
  };
  for (const issue of ordered) place(issue);
  // Sub-tasks and stories under a story (not an epic) keep no parent: ritmo's parents are epics.
  const epicKeys = new Set(rows.filter((r) => r.item.type === 'epic').map((r) => r.sourceKey));
  for (const row of rows)
    if (
      row.item.parentKey &&
      !epicKeys.has(row.item.parentKey) &&
      !team.imported.has(row.item.parentKey)
    )
      row.item.parentKey = null;

  return {
    rows,
    problems,
    alreadyImported,
    newLabels: newLabelsOf(rows, team),
    people: { matched: [], unmatched: [] },
    ignoredColumns: [...new Set(csv.header.filter((name) => !READ.includes(name)))],
  };
}
