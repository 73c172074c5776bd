import { TestApp } from './test-app';
import { TestTeam } from './factories';

/**
 * Everything planning poker and reviews write, for one team: a refused request must leave it
 * exactly as it was (rows, estimates, event seq).
 */
export async function ceremonyState(t: TestApp, team: TestTeam): Promise<Record<string, string>> {
  const [row] = await t.db.query<Record<string, string>[]>(
    `SELECT
       (SELECT event_seq::text FROM teams WHERE id = $1) AS seq,
       (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM poker_sessions WHERE team_id = $1) AS sessions,
       (SELECT string_agg(item_id || ':' || coalesce(outcome, '-') || ':' || coalesce(accepted_card, '-'), ',' ORDER BY session_id, position)
          FROM poker_session_items WHERE team_id = $1) AS session_items,
       (SELECT string_agg(v.user_id || ':' || v.round || ':' || v.card, ',' ORDER BY v.session_id, v.item_id, v.round, v.user_id)
          FROM poker_votes v JOIN poker_sessions s ON s.id = v.session_id WHERE s.team_id = $1) AS votes,
       (SELECT count(*) FROM poker_participants p JOIN poker_sessions s ON s.id = p.session_id WHERE s.team_id = $1) AS participants,
       (SELECT count(*) FROM poker_rounds r JOIN poker_sessions s ON s.id = r.session_id WHERE s.team_id = $1) AS rounds,
       (SELECT string_agg(id || ':' || coalesce(estimate::text, '-') || ':' || version, ',' ORDER BY id)
          FROM backlog_items WHERE team_id = $1) AS items,
       (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM sprint_reviews WHERE team_id = $1) AS reviews,
       (SELECT string_agg(item_id || ':' || decision, ',' ORDER BY review_id, item_id)
          FROM sprint_review_items WHERE team_id = $1) AS review_items,
       (SELECT string_agg(id || ':' || coalesce(backlog_item_id::text, '-'), ',' ORDER BY id)
          FROM sprint_review_feedback WHERE team_id = $1) AS feedback`,
    [team.id],
  );
  return row;
}

/** The JSON text of something a reader received, without the deck's card list (which is public). */
export function withoutDeck(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/\\?"cards\\?":\[[^\]]*\]/g, '');
}

/** Whether a card value appears as a value (not inside a longer number or a timestamp). */
export function mentions(text: string, card: string): boolean {
  const escaped = card.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.])${escaped}(?![\\w.])`).test(text);
}
