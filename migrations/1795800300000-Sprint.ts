import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sprints, workflow statuses (board columns), capacity.
 *
 * backlog_items keeps its text `status` (the category: todo / in_progress / done), which the
 * backlog module filters and edits, and gains `status_id`, the board column. A trigger keeps
 * the two consistent whichever one a writer changes, so the backlog module needs no change:
 * setting `status_id` sets `status` to its category; setting `status` (or inserting without a
 * column) puts the item in the first column of that category. Teams get their default columns
 * here (backfill) and new teams get them lazily from the sprint module.
 */
export class Sprint1795800300000 implements MigrationInterface {
  name = 'Sprint1795800300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE teams ADD COLUMN wip_mode text NOT NULL DEFAULT 'enforce'
         CHECK (wip_mode IN ('enforce', 'warn'))`,
    );
    await q.query(`
      CREATE TABLE workflow_statuses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
        category text NOT NULL CHECK (category IN ('todo', 'in_progress', 'done')),
        position integer NOT NULL,
        wip_limit integer CHECK (wip_limit > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT workflow_statuses_team_id_key UNIQUE (team_id, id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX workflow_statuses_team_name ON workflow_statuses (team_id, lower(name))`,
    );
    await q.query(`
      CREATE TABLE sprints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        goal text NOT NULL DEFAULT '' CHECK (char_length(goal) <= 2000),
        start_date date,
        end_date date,
        state text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'active', 'completed')),
        started_at timestamptz,
        completed_at timestamptz,
        commitment jsonb,
        report jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT sprints_team_id_key UNIQUE (team_id, id),
        CONSTRAINT sprints_dates CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
      )`);
    // The service checks first; this index makes "one active sprint" hold under races too.
    await q.query(
      `CREATE UNIQUE INDEX sprints_one_active ON sprints (team_id) WHERE state = 'active'`,
    );
    await q.query(`
      CREATE TABLE sprint_capacity (
        sprint_id uuid NOT NULL REFERENCES sprints (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        days_off numeric NOT NULL CHECK (days_off >= 0),
        focus_factor numeric NOT NULL CHECK (focus_factor >= 0 AND focus_factor <= 1),
        PRIMARY KEY (sprint_id, user_id)
      )`);
    await q.query(`ALTER TABLE backlog_items ADD COLUMN status_id uuid`);
    await q.query(`
      ALTER TABLE backlog_items
        ADD CONSTRAINT backlog_items_status_fkey FOREIGN KEY (team_id, status_id)
          REFERENCES workflow_statuses (team_id, id),
        ADD CONSTRAINT backlog_items_sprint_fkey FOREIGN KEY (team_id, sprint_id)
          REFERENCES sprints (team_id, id)`);
    await q.query(
      `CREATE INDEX backlog_items_sprint ON backlog_items (sprint_id) WHERE sprint_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX backlog_items_status ON backlog_items (status_id)`);

    // Backfill: default columns for every existing team, named in its locale.
    await q.query(`
      INSERT INTO workflow_statuses (team_id, name, category, position)
      SELECT t.id, d.name, d.category, d.position
        FROM teams t
        JOIN (VALUES
          ('scrum', 'it', 'Da fare', 'todo', 1), ('scrum', 'it', 'In corso', 'in_progress', 2),
          ('scrum', 'it', 'In revisione', 'in_progress', 3), ('scrum', 'it', 'Fatto', 'done', 4),
          ('scrum', 'en', 'To Do', 'todo', 1), ('scrum', 'en', 'In Progress', 'in_progress', 2),
          ('scrum', 'en', 'Review', 'in_progress', 3), ('scrum', 'en', 'Done', 'done', 4),
          ('kanban', 'it', 'Backlog', 'todo', 1), ('kanban', 'it', 'Pronto', 'todo', 2),
          ('kanban', 'it', 'In corso', 'in_progress', 3), ('kanban', 'it', 'Fatto', 'done', 4),
          ('kanban', 'en', 'Backlog', 'todo', 1), ('kanban', 'en', 'Ready', 'todo', 2),
          ('kanban', 'en', 'In Progress', 'in_progress', 3), ('kanban', 'en', 'Done', 'done', 4)
        ) AS d(process, locale, name, category, position)
          ON d.process = t.process AND d.locale = t.locale
       WHERE EXISTS (SELECT 1 FROM backlog_items b WHERE b.team_id = t.id)`);
    await q.query(`
      CREATE FUNCTION backlog_items_sync_status() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status_id IS NOT NULL
           AND (TG_OP = 'INSERT' OR NEW.status_id IS DISTINCT FROM OLD.status_id) THEN
          NEW.status := (SELECT category FROM workflow_statuses WHERE id = NEW.status_id);
        ELSIF NEW.status_id IS NULL OR NEW.status IS DISTINCT FROM OLD.status THEN
          NEW.status_id := (SELECT id FROM workflow_statuses
                             WHERE team_id = NEW.team_id AND category = NEW.status
                             ORDER BY position, created_at LIMIT 1);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER backlog_items_sync_status
        BEFORE INSERT OR UPDATE OF status, status_id ON backlog_items
        FOR EACH ROW EXECUTE FUNCTION backlog_items_sync_status()`);
    // Fires the trigger: every item lands in the first column of its category.
    await q.query(`UPDATE backlog_items SET status_id = NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER backlog_items_sync_status ON backlog_items`);
    await q.query(`DROP FUNCTION backlog_items_sync_status()`);
    await q.query(`ALTER TABLE backlog_items DROP CONSTRAINT backlog_items_sprint_fkey`);
    await q.query(`ALTER TABLE backlog_items DROP COLUMN status_id`);
    await q.query(`DROP TABLE sprint_capacity`);
    await q.query(`DROP TABLE sprints`);
    await q.query(`DROP TABLE workflow_statuses`);
    await q.query(`ALTER TABLE teams DROP COLUMN wip_mode`);
  }
}
