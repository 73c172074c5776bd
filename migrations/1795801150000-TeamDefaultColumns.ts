import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Board columns used to appear on a team's first board read (a read that wrote). Teams now get
 * them in the transaction that creates them; this gives the teams made before that their
 * defaults, named in their locale (the texts of src/i18n/<lang>/workflow.json, frozen here),
 * and puts their items in the first column of each item's status. Teams with columns keep them.
 */
export class TeamDefaultColumns1795801150000 implements MigrationInterface {
  name = 'TeamDefaultColumns1795801150000';

  async up(q: QueryRunner): Promise<void> {
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
       WHERE NOT EXISTS (SELECT 1 FROM workflow_statuses w WHERE w.team_id = t.id)`);
    await q.query(`
      UPDATE backlog_items b
         SET status_id = (SELECT w.id FROM workflow_statuses w
                           WHERE w.team_id = b.team_id AND w.category = b.status
                           ORDER BY w.position, w.created_at LIMIT 1)
       WHERE b.status_id IS NULL`);
  }

  async down(): Promise<void> {
    // The columns are the teams' own now (they may hold items and have been renamed): kept.
  }
}
