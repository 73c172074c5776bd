import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports find a sprint's `sprint.started` / `sprint.completed` event by the sprint id inside
 * the event data. Without an index that is a scan of the team's whole log with a jsonb lookup
 * per row (14 ms for 6,000 events in bench/sprint.ts) on every burndown and report request.
 */
export class SprintReportIndex1795800450000 implements MigrationInterface {
  name = 'SprintReportIndex1795800450000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX events_sprint_lifecycle ON events (team_id, ((data->'sprint'->>'id')), seq)
        WHERE type IN ('sprint.started', 'sprint.completed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_sprint_lifecycle`);
  }
}
