import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RuntimeConfig } from '../config/runtime-config';
import { dataSourceOptions } from './data-source-options';
import { DeploymentService } from './deployment.service';
import { ShutdownGate } from './shutdown-gate';
import { TransactionService } from './transaction.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [RuntimeConfig],
      useFactory: (config: RuntimeConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        // Schema changes only through reviewed migrations, applied at start-up.
        migrationsRun: true,
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [TransactionService, DeploymentService, ShutdownGate],
  exports: [TransactionService, DeploymentService, ShutdownGate],
})
export class DatabaseModule {}
