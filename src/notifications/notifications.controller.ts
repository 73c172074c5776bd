import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipIdempotency } from '../common/idempotency/idempotency.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import { CurrentActor, Public } from '../identity/auth/auth.decorators';
import type { Actor } from '../identity/actor';
import { RequestLocale } from '../i18n/locale-hints.decorator';
import { Localizer, type LocaleHints } from '../i18n/localizer.service';
import {
  ListNotificationsQuery,
  MarkedReadDto,
  NotificationDto,
  NotificationPageDto,
  OneClickDto,
  PreferencesDto,
  UnreadCountDto,
  UnsubscribedDto,
  UpdatePreferencesDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** The caller's own notifications and preferences (docs/notifications.md). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly localizer: Localizer,
  ) {}

  @Get('me/notifications')
  @ApiOperation({ summary: 'My notifications, newest first' })
  @ApiResponse({ status: 200, type: NotificationPageDto })
  @ApiProblems(400, 401)
  async list(
    @CurrentActor() actor: Actor,
    @Query() q: ListNotificationsQuery,
    @RequestLocale() hints: LocaleHints,
  ): Promise<NotificationPageDto> {
    return this.notifications.list(actor, q, await this.localizer.resolve(hints));
  }

  @Get('me/notifications/unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread (the bell)' })
  @ApiResponse({ status: 200, type: UnreadCountDto })
  @ApiProblems(401)
  async unread(@CurrentActor() actor: Actor): Promise<UnreadCountDto> {
    return { unread: await this.notifications.unread(actor) };
  }

  @Post('me/notifications/read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiResponse({ status: 200, type: MarkedReadDto })
  @ApiProblems(401, 403)
  readAll(@CurrentActor() actor: Actor): Promise<MarkedReadDto> {
    return this.notifications.markAllRead(actor);
  }

  @Post('me/notifications/:notificationId/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications read (again: no change)' })
  @ApiResponse({ status: 200, type: NotificationDto })
  @ApiProblems(401, 403, 404)
  async read(
    @CurrentActor() actor: Actor,
    @UuidParam('notificationId', 'Notification') id: string,
    @RequestLocale() hints: LocaleHints,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(actor, id, await this.localizer.resolve(hints));
  }

  @Get('me/notification-preferences')
  @ApiOperation({ summary: 'How I am told of each kind, for every team and per team; my digest' })
  @ApiResponse({ status: 200, type: PreferencesDto })
  @ApiProblems(401)
  preferences(@CurrentActor() actor: Actor): Promise<PreferencesDto> {
    return this.notifications.preferences(actor);
  }

  @Patch('me/notification-preferences')
  @ApiOperation({
    summary: 'Change some of my choices (the others stay) and my digest’s time, zone or days',
  })
  @ApiResponse({ status: 200, type: PreferencesDto })
  @ApiProblems(400, 401, 403)
  update(@CurrentActor() actor: Actor, @Body() dto: UpdatePreferencesDto): Promise<PreferencesDto> {
    return this.notifications.updatePreferences(actor, dto);
  }

  @Post('notifications/unsubscribe/:token')
  @HttpCode(200)
  @Public()
  @SkipIdempotency()
  @ApiParam({ name: 'token', description: 'From the link of the email' })
  @ApiOperation({
    summary: 'One-click unsubscribe (RFC 8058): turns that kind of email off, without login',
    description:
      'The URL of every email’s List-Unsubscribe header. Mail clients POST it with the form ' +
      'body `List-Unsubscribe=One-Click` (or the same as JSON); the web client’s page ' +
      'POSTs it without a body. A token that is not one of ours answers 404.',
  })
  @ApiResponse({ status: 200, type: UnsubscribedDto })
  @ApiProblems(400, 404)
  unsubscribe(@Param('token') token: string, @Body() _form: OneClickDto): Promise<UnsubscribedDto> {
    return this.notifications.unsubscribe(token);
  }
}
