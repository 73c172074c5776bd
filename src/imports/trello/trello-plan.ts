import type { ReadyCheck } from '../../backlog/backlog.events';
import { DESCRIPTION_MAX, TITLE_MAX } from '../../backlog/items/dto/backlog-item.dto';
import { normalize, statusOf } from '../spreadsheet/columns';
import {
  newLabelsOf,
  type PlannedRow,
  type RowProblem,
  type SpreadsheetPlan,
  type TeamFacts,
} from '../spreadsheet/plan';

interface TrelloBoard {
  lists: { id: string; name: string; closed?: boolean; pos: number }[];
  cards: {
    id: string;
    name: string;
    desc?: string;
    closed?: boolean;
    idList: string;
    pos: number;
    idLabels?: string[];
  }[];
  labels?: { id: string; name?: string; color?: string | null }[];
  checklists?: {
    idCard: string;
    name: string;
    pos: number;
    checkItems?: { name: string; state: string; pos: number }[];
  }[];
}

/** A Trello board export (Menu → Print, export and share → JSON). */
export function isTrelloBoard(doc: unknown): doc is TrelloBoard {
  const d = doc as Partial<TrelloBoard> | null;
  return !!d && Array.isArray(d.lists) && Array.isArray(d.cards);
}

/** Parts of a board this importer does not read. */
export const TRELLO_IGNORED = ['actions (comments)', 'members', 'customFields'];

/** A checklist with one of these names becomes the Definition-of-Ready checklist. */
const READY_NAMES = ['definition of ready', 'dor', 'pronto', 'pronta', 'definizione di pronto'];
const CRITERIA_MAX = 50;
const READY_MAX = 30;

/**
 * The open cards of the open lists, list by list (`pos` order) and card by card (`pos` order).
 * A list whose name is a status (Da fare, In corso, Fatto, To Do, Doing, Done…) gives its cards
 * that status; any other list name is "to do". Labels by name (or colour, for unnamed ones);
 * checklists become acceptance criteria, or the Definition-of-Ready checklist when so named.
 * Each card keeps `trello:<card id>` as its source key.
 */
export function planTrello(board: TrelloBoard, team: TeamFacts): SpreadsheetPlan {
  const labelNames = new Map(
    (board.labels ?? []).map((label) => [label.id, label.name || label.color || '']),
  );
  const lists = board.lists.filter((list) => !list.closed).sort((a, b) => a.pos - b.pos);
  const problems: RowProblem[] = [];
  const rows: PlannedRow[] = [];
  let alreadyImported = 0;
  for (const list of lists) {
    const status = statusOf(list.name) ?? 'todo';
    const cards = board.cards
      .filter((card) => card.idList === list.id && !card.closed)
      .sort((a, b) => a.pos - b.pos);
    for (const card of cards) {
      const line = board.cards.indexOf(card) + 1;
      const problem = (column: string, code: string, args: RowProblem['args'] = {}) =>
        problems.push({ line, column, code, args });
      const before = problems.length;
      const title = String(card.name ?? '')
        .replace(/\s+/g, ' ')
        .trim();
      if (!title) problem('name', 'title-missing');
      else if (title.length > TITLE_MAX) problem('name', 'title-too-long', { max: TITLE_MAX });
      const description = String(card.desc ?? '');
      if (description.length > DESCRIPTION_MAX)
        problem('desc', 'description-too-long', { max: DESCRIPTION_MAX });
      const checklists = (board.checklists ?? [])
        .filter((checklist) => checklist.idCard === card.id)
        .sort((a, b) => a.pos - b.pos);
      const acceptanceCriteria: string[] = [];
      const readyChecklist: ReadyCheck[] = [];
      for (const checklist of checklists) {
        const items = [...(checklist.checkItems ?? [])].sort((a, b) => a.pos - b.pos);
        if (READY_NAMES.includes(normalize(checklist.name)))
          readyChecklist.push(
            ...items.map((i) => ({ text: i.name.slice(0, 300), done: i.state === 'complete' })),
          );
        else acceptanceCriteria.push(...items.map((i) => i.name.slice(0, 1000)));
      }
      if (acceptanceCriteria.length > CRITERIA_MAX || readyChecklist.length > READY_MAX)
        problem('checklists', 'checklist-too-long', { max: CRITERIA_MAX });
      if (problems.length > before) continue;
      const sourceKey = `trello:${card.id}`;
      if (team.imported.has(sourceKey)) {
        alreadyImported += 1;
        continue;
      }
      rows.push({
        sourceKey,
        item: {
          type: 'story',
          title,
          description,
          acceptanceCriteria: acceptanceCriteria.filter((text) => text.trim() !== ''),
          readyChecklist: readyChecklist.filter((check) => check.text.trim() !== ''),
          estimate: null,
          status,
          labels: [
            ...new Set((card.idLabels ?? []).flatMap((id) => labelNames.get(id) || [])),
          ].slice(0, 20),
          assigneeId: null,
          parentKey: null,
          parentId: null,
        },
      });
    }
  }
  return {
    rows,
    problems,
    alreadyImported,
    newLabels: newLabelsOf(rows, team),
    people: { matched: [], unmatched: [] },
  };
}
