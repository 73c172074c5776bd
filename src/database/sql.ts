import { DataSource, EntityManager } from 'typeorm';

/**
 * Raw SQL returning rows. TypeORM's `query()` answers UPDATE and DELETE with
 * `[rows, rowCount]` instead of the rows; this always returns the rows (RETURNING …).
 */
export async function query<T>(
  runner: EntityManager | DataSource,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result: unknown = await runner.query(text, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
