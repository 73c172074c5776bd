import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { AccessSweeper } from './access-sweeper.service';
import { EventRelay } from './event-relay.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { RealtimeHeartbeat } from './heartbeat.service';
import { PresenceService } from './presence.service';
import { RevocationService } from './revocation.service';
import { RealtimeGateway } from './realtime.gateway';
import { SubscriptionsService } from './subscriptions.service';

@Module({
  imports: [IdentityModule],
  controllers: [EventsController],
  providers: [
    RealtimeGateway,
    EventRelay,
    EventsService,
    RealtimeHeartbeat,
    SubscriptionsService,
    PresenceService,
    AccessSweeper,
    RevocationService,
  ],
  exports: [EventsService, PresenceService],
})
export class RealtimeModule {}
