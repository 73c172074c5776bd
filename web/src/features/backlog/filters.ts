import type { BacklogItem, ItemType } from '../../api/backlog';

/** The filters of the backlog screen, kept in the URL so a filtered view can be shared. */
export interface Filters {
  type?: ItemType;
  label?: string;
  /** A member id, or 'none'. */
  assignee?: string;
  ready?: boolean;
  q?: string;
}

const TYPES = ['epic', 'story', 'bug', 'task', 'spike'];

export function readFilters(params: URLSearchParams): Filters {
  const f: Filters = {};
  const type = params.get('type');
  if (type && TYPES.includes(type)) f.type = type as ItemType;
  const label = params.get('label');
  if (label) f.label = label;
  const assignee = params.get('assignee');
  if (assignee) f.assignee = assignee;
  const ready = params.get('ready');
  if (ready === 'true' || ready === 'false') f.ready = ready === 'true';
  const q = params.get('q');
  if (q && q.trim() !== '') f.q = q;
  return f;
}

export function writeFilters(f: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.type) params.set('type', f.type);
  if (f.label) params.set('label', f.label);
  if (f.assignee) params.set('assignee', f.assignee);
  if (f.ready !== undefined) params.set('ready', String(f.ready));
  if (f.q && f.q.trim() !== '') params.set('q', f.q);
  return params;
}

export function isFiltered(f: Filters): boolean {
  return Object.keys(f).length > 0;
}

/** Applies the filters to the cached list; `matches` holds the ids of a text search. */
export function applyFilters(
  items: readonly BacklogItem[],
  f: Filters,
  matches: Set<string> | undefined,
): readonly BacklogItem[] {
  if (!isFiltered(f)) return items;
  return items.filter(
    (item) =>
      (!f.type || item.type === f.type) &&
      (!f.label || item.labelIds.includes(f.label)) &&
      (!f.assignee ||
        (f.assignee === 'none' ? item.assigneeId === null : item.assigneeId === f.assignee)) &&
      (f.ready === undefined || item.ready === f.ready) &&
      (!f.q || !matches || matches.has(item.id)),
  );
}
