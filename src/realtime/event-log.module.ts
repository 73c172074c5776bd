import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { EventBus } from './event-bus';
import { EventLog } from './event-log';

/** The event log every feature appends to; global so feature modules need not import it. */
@Global()
@Module({
  providers: [EventBus, EventLog, Clock],
  exports: [EventBus, EventLog, Clock],
})
export class EventLogModule {}
