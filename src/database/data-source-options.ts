import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';

/** The one place the PostgreSQL connection is described; shared by the app and the CLI. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrations,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    extra: { max: 10, application_name: 'ritmo' },
  };
}
