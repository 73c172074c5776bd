import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A team's working-day calendar beyond the cadence's weekdays and the national holidays (which
 * are computed, not stored): the patron saint's day of its comune (MM-DD), extra closures and
 * members' absences. One row per team, one version for If-Match; no row = nothing set (version 0).
 * Ceremonies get the occurrences a recurring one skips (a daily on 8 December): EXDATE.
 */
export class WorkingCalendar1795801000000 implements MigrationInterface {
  name = 'WorkingCalendar1795801000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE team_calendars (
        team_id uuid PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
        patron_day text CHECK (patron_day ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
        patron_name text CHECK (char_length(patron_name) BETWEEN 1 AND 100),
        closures jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(closures) = 'array'),
        absences jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(absences) = 'array'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT team_calendars_patron CHECK ((patron_day IS NULL) = (patron_name IS NULL))
      )`);
    await q.query(`
      ALTER TABLE ceremonies ADD COLUMN excluded_starts timestamptz[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ceremonies DROP COLUMN excluded_starts`);
    await q.query(`DROP TABLE team_calendars`);
  }
}
