import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RuntimeConfig } from '../config/runtime-config';
import { query } from './sql';

/**
 * What this deployment's keys and channels in Redis start with: `REDIS_PREFIX`, else
 * `ritmo:<hash>:`, the hash of the PostgreSQL cluster's system identifier and the database's
 * name, which every instance of a deployment shares and no other deployment has, whatever URL
 * each uses (a dump restored elsewhere lands in another cluster, or another database).
 * Redis pub/sub ignores the database number, so without it two deployments on one Redis would
 * receive each other's events and share their rate-limit counters.
 */
@Injectable()
export class DeploymentService {
  private readonly logger = new Logger('DeploymentService');
  private prefix?: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: RuntimeConfig,
  ) {}

  redisPrefix(): Promise<string> {
    this.prefix ??= this.resolve();
    this.prefix.catch(() => (this.prefix = undefined));
    return this.prefix;
  }

  private async resolve(): Promise<string> {
    if (this.config.redisPrefix !== undefined) return this.config.redisPrefix;
    const [{ database }] = await query<{ database: string }>(
      this.dataSource,
      `SELECT current_database() AS database`,
    );
    // Readable by every role on a stock PostgreSQL; a hosted one may refuse it.
    const cluster = await query<{ id: string }>(
      this.dataSource,
      `SELECT system_identifier::text AS id FROM pg_control_system()`,
    ).then(
      (rows) => rows[0]?.id ?? '',
      () => '',
    );
    if (!cluster)
      this.logger.warn(
        'Cannot read the PostgreSQL system identifier: the Redis prefix is derived from the database name alone. Set REDIS_PREFIX if another deployment shares this Redis.',
      );
    const hash = createHash('sha256').update(`${cluster}/${database}`).digest('hex').slice(0, 16);
    return `ritmo:${hash}:`;
  }
}
