import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Clock } from '../common/clock';
import { CommittedHandlers } from './committed-handlers';
import { EventCursor } from './event-cursor';
import { EventBus } from './event-bus';
import { EventLog } from './event-log';
import { EventsReader } from './events.reader';

/**
 * The event kernel below every feature: the log they append to inside their transaction, the
 * bus of committed events, and the reader of the log. Global so feature modules need not import
 * it; it imports no feature. Reactions to committed events are methods marked @OnCommitted,
 * found at boot by CommittedHandlers.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [EventBus, EventLog, EventsReader, EventCursor, Clock, CommittedHandlers],
  exports: [EventBus, EventLog, EventsReader, EventCursor, Clock],
})
export class EventLogModule {}
