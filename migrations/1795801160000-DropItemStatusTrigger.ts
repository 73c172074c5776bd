import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An item's `status` (its category) and `status_id` (its board column) were kept in step by a
 * trigger, invisible to anyone reading the code that moves items. The writers do it now, in the
 * open: the backlog puts an item of a new status in the first column of that category
 * (firstColumnOf in backlog-items.repository.ts), the board's move and a column's deletion set
 * the status to the category of the column they put the item in.
 */
export class DropItemStatusTrigger1795801160000 implements MigrationInterface {
  name = 'DropItemStatusTrigger1795801160000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER backlog_items_sync_status ON backlog_items`);
    await q.query(`DROP FUNCTION backlog_items_sync_status()`);
  }

  /** The trigger as 1795800300000-Sprint created it. */
  async down(q: QueryRunner): Promise<void> {
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
  }
}
