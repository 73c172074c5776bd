import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { SprintModule } from '../sprint/sprint.module';
import { WorkdaysModule } from '../workdays/workdays.module';
import { CalendarController } from './calendar/calendar.controller';
import { FollowSprintService } from './calendar/follow-sprint.service';
import { RetitleService } from './calendar/retitle.service';
import { CalendarService } from './calendar/calendar.service';
import { FeedController } from './calendar/feed.controller';
import { FeedService } from './calendar/feed.service';
import { CeremonyAccess } from './ceremony-access';
import { CeremonyRepository } from './ceremony.repository';
import { DailyController } from './daily/daily.controller';
import { DailyRepository } from './daily/daily.repository';
import { DailyService } from './daily/daily.service';
import { ImpedimentsService } from './daily/impediments.service';
import { CeremonyGateway } from './sessions/ceremony.gateway';
import { SessionRoomService } from './sessions/session-room.service';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';

/**
 * Ceremonies: the cadence and calendar (generated when a sprint is created, through the sprint
 * module's hooks), the iCalendar feed, live sessions, the daily scrum and impediments.
 */
@Module({
  imports: [IdentityModule, RealtimeModule, SprintModule, WorkdaysModule],
  controllers: [CalendarController, FeedController, SessionsController, DailyController],
  providers: [
    CeremonyAccess,
    CeremonyRepository,
    DailyRepository,
    CalendarService,
    FollowSprintService,
    RetitleService,
    FeedService,
    SessionsService,
    DailyService,
    ImpedimentsService,
    SessionRoomService,
    CeremonyGateway,
  ],
})
export class CeremonyModule {}
