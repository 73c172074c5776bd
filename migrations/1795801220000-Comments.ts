import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments on backlog items and impediments: exactly one of `item_id` / `impediment_id` is set,
 * and an item's comment is of the item's own team (the composite key). The HTML is rendered
 * and sanitized when the body is written, so reads never render. A deleted comment keeps its
 * row (`deleted_at`) with its revisions: one row per version of the text, the first included.
 */
export class Comments1795801220000 implements MigrationInterface {
  name = 'Comments1795801220000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        item_id uuid,
        impediment_id uuid REFERENCES impediments (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users (id),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
        body_html text NOT NULL,
        mentions uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        deleted_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT comments_one_target CHECK (num_nonnulls(item_id, impediment_id) = 1),
        CONSTRAINT comments_item_fkey FOREIGN KEY (team_id, item_id)
          REFERENCES backlog_items (team_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX comments_item ON comments (item_id, created_at, id) WHERE item_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX comments_impediment ON comments (impediment_id, created_at, id)
         WHERE impediment_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE comment_revisions (
        comment_id uuid NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
        version integer NOT NULL,
        body text NOT NULL,
        body_html text NOT NULL,
        mentions uuid[] NOT NULL,
        edited_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (comment_id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE comment_revisions`);
    await q.query(`DROP TABLE comments`);
  }
}
