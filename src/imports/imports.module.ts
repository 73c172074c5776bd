import { Module } from '@nestjs/common';
import { BacklogModule } from '../backlog/backlog.module';
import { IdentityModule } from '../identity/identity.module';
import { ImportWorker } from './import-worker';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

/** Spreadsheet import (docs/import-export.md). Writes items only through the backlog's services. */
@Module({
  imports: [IdentityModule, BacklogModule],
  controllers: [ImportsController],
  providers: [ImportsRepository, ImportsService, ImportWorker],
})
export class ImportsModule {}
