import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { WorkdaysController } from './workdays.controller';
import { WorkdaysRepository } from './workdays.repository';
import { WorkdaysService } from './workdays.service';

/** The working-day calendar every day-counting feature uses (docs/calendar.md). */
@Module({
  imports: [IdentityModule],
  controllers: [WorkdaysController],
  providers: [WorkdaysRepository, WorkdaysService],
  exports: [WorkdaysService],
})
export class WorkdaysModule {}
