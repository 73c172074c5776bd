import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus';
import { EventLog } from './event-log';

@Global()
@Module({
  providers: [EventBus, EventLog],
  exports: [EventBus, EventLog],
})
export class RealtimeModule {}
