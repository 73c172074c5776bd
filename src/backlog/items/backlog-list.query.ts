import type { ItemStatus, ItemType } from '../backlog.events';

/**
 * The SQL of the backlog list, as pure functions so that the benchmark's bare server runs
 * exactly the same statements as the app.
 */
export const ITEM_COLUMNS = `i.id, i.team_id, i.type, i.title, i.description, i.acceptance_criteria,
  i.estimate, i.status, i.label_ids, i.assignee_id, i.parent_id, i.sprint_id, i.ready_checklist,
  i.ready, i.rank, i.created_by, i.created_at, i.updated_at, i.archived_at, i.version,
  CASE WHEN i.type = 'epic' THEN (
    SELECT json_build_object(
      'items', count(*),
      'itemsDone', count(*) FILTER (WHERE c.status = 'done'),
      'points', COALESCE(sum(c.estimate), 0),
      'pointsDone', COALESCE(sum(c.estimate) FILTER (WHERE c.status = 'done'), 0))
    FROM backlog_items c
    WHERE c.team_id = i.team_id AND c.parent_id = i.id AND c.archived_at IS NULL)
  END AS progress`;

/** Team locale → PostgreSQL text search configuration (a fixed list: never user input). */
export const SEARCH_CONFIG = { it: 'italian', en: 'english' } as const;
export type SearchConfig = (typeof SEARCH_CONFIG)[keyof typeof SEARCH_CONFIG];

export interface ListFilters {
  type?: ItemType;
  status?: ItemStatus;
  label?: string;
  /** A user id, or 'none'. */
  assignee?: string;
  epic?: string;
  /** A sprint id, or 'unplanned'. */
  sprint?: string;
  ready?: boolean;
  estimated?: boolean;
  q?: string;
  includeArchived?: boolean;
}

export interface Sql {
  text: string;
  params: unknown[];
}

function where(teamId: string, f: ListFilters, config: SearchConfig): Sql {
  const params: unknown[] = [teamId];
  const clauses = ['i.team_id = $1'];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (!f.includeArchived) clauses.push('i.archived_at IS NULL');
  if (f.type) add((p) => `i.type = ${p}`, f.type);
  if (f.status) add((p) => `i.status = ${p}`, f.status);
  if (f.label) add((p) => `i.label_ids @> ARRAY[${p}::uuid]`, f.label);
  if (f.assignee === 'none') clauses.push('i.assignee_id IS NULL');
  else if (f.assignee) add((p) => `i.assignee_id = ${p}`, f.assignee);
  if (f.epic) add((p) => `i.parent_id = ${p}`, f.epic);
  if (f.sprint === 'unplanned') clauses.push('i.sprint_id IS NULL');
  else if (f.sprint) add((p) => `i.sprint_id = ${p}`, f.sprint);
  if (f.ready !== undefined) add((p) => `i.ready = ${p}`, f.ready);
  if (f.estimated !== undefined)
    clauses.push(f.estimated ? 'i.estimate IS NOT NULL' : 'i.estimate IS NULL');
  if (f.q && f.q.trim() !== '')
    add(
      (p) =>
        `to_tsvector('${config}'::regconfig, i.title || ' ' || i.description) @@ websearch_to_tsquery('${config}'::regconfig, ${p})`,
      f.q,
    );
  return { text: clauses.join(' AND '), params };
}

/** One page in rank order, after the cursor's rank key when given. */
export function pageSql(
  teamId: string,
  f: ListFilters,
  config: SearchConfig,
  after: string | undefined,
  limit: number,
): Sql {
  const w = where(teamId, f, config);
  const params = [...w.params];
  let text = `SELECT ${ITEM_COLUMNS} FROM backlog_items i WHERE ${w.text}`;
  if (after !== undefined) {
    params.push(after);
    text += ` AND i.rank > $${params.length}`;
  }
  params.push(limit);
  text += ` ORDER BY i.rank LIMIT $${params.length}`;
  return { text, params };
}

/** totalCount and the sum of estimates of the whole filtered set. */
export function totalsSql(teamId: string, f: ListFilters, config: SearchConfig): Sql {
  const w = where(teamId, f, config);
  return {
    text: `SELECT count(*)::int AS total, COALESCE(sum(i.estimate), 0) AS estimate_sum
             FROM backlog_items i WHERE ${w.text}`,
    params: w.params,
  };
}
