import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// Used by `npm run migration:*` (the TypeORM CLI) against DATABASE_URL.
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error(
    'Set DATABASE_URL to run the TypeORM migration CLI (e.g. postgres://localhost/ritmo)',
  );
}

export default new DataSource({
  ...dataSourceOptions(url),
  entities: ['src/**/*.entity.ts'],
});
