import type { MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

/**
 * Every migration, oldest first. `npm run migration:generate -- migrations/<Name>` writes the
 * file; add its class here (a unit test fails when a file in this folder is not listed).
 */
export const migrations: MigrationClass[] = [];
