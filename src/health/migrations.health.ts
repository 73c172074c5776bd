import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';

@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check<const Key extends string>(key: Key) {
    const session = this.indicator.check(key);
    try {
      const pending = await this.dataSource.showMigrations();
      const applied = this.dataSource.migrations.length;
      return pending ? session.down({ message: 'migrations pending' }) : session.up({ applied });
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : 'unknown error' });
    }
  }
}
