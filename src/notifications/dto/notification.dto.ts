import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
} from 'class-validator';
import { IsTimezone } from '../../ceremony/dto/validators';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from '../notification-kinds';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Only the unread ones', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ description: 'The team’s name, to say where it happened' }) teamName: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who did it' })
  actorId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Their display name then' })
  actorName: string | null;
  @ApiProperty({
    enum: ['backlog_item', 'impediment', 'team', 'ceremony'],
    description: 'What it is about',
  })
  subjectType: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ description: 'The title of what it is about (item, impediment, ceremony, team)' })
  title: string;
  @ApiProperty({
    description:
      'Details of the kind: `status` (status_changed), `startsAt` and `timezone` ' +
      '(ceremony_starting), `commentId` and `targetType` (mentioned), `role` (invited)',
    type: 'object',
    additionalProperties: true,
  })
  data: Record<string, unknown>;
  @ApiProperty({ description: 'The sentence, in the caller’s language' }) text: string;
  @ApiProperty({ description: 'Where to open it in the web client (a path)' }) link: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class UnreadCountDto {
  @ApiProperty({ minimum: 0 }) unread: number;
}

export class MarkedReadDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The notifications now read' })
  ids: string[];
  @ApiProperty({ minimum: 0 }) unread: number;
}

export class PreferenceDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The team this choice is for; null: every team without a choice of its own',
  })
  @IsOptional()
  @IsUUID('all')
  teamId: string | null;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  @IsIn(NOTIFICATION_KINDS)
  kind: NotificationKind;

  @ApiProperty({
    enum: [...NOTIFICATION_CHANNELS, 'default'],
    description:
      'off, in_app (the bell), email (the bell and an email at once), digest (the bell and ' +
      'the daily digest). In a PUT, `default` on a team’s choice removes it (the choice for ' +
      'every team applies again) and on an every-team choice restores the default',
  })
  @IsIn([...NOTIFICATION_CHANNELS, 'default'])
  channel: NotificationChannel | 'default';
}

export class EffectivePreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS }) channel: NotificationChannel;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS, description: 'What applies without a choice' })
  defaultChannel: NotificationChannel;
}

export class TeamPreferencesDto {
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty() teamName: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...NOTIFICATION_CHANNELS] },
    description: 'The team’s own choices, by kind (kinds without one follow `everyTeam`)',
  })
  overrides: Partial<Record<NotificationKind, NotificationChannel>>;
}

export class NotificationSettingsDto {
  @ApiProperty({ example: '08:00', description: 'Local time of the daily digest' })
  digestTime: string;
  @ApiProperty({ example: 'Europe/Rome' }) timezone: string;
  @ApiProperty({
    type: [Number],
    example: [1, 2, 3, 4, 5],
    description: 'ISO weekdays the digest is sent on (1 = Monday); empty: no digest',
  })
  digestDays: number[];
}

export class PreferencesDto {
  @ApiProperty({ type: [EffectivePreferenceDto], description: 'The choice for every team' })
  everyTeam: EffectivePreferenceDto[];
  @ApiProperty({ type: [TeamPreferencesDto] }) teams: TeamPreferencesDto[];
  @ApiProperty({ type: NotificationSettingsDto }) digest: NotificationSettingsDto;
}

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export class UpdateDigestDto {
  @ApiPropertyOptional({ example: '08:00' })
  @IsOptional()
  @IsString()
  @Matches(HHMM, { message: 'digestTime must be HH:MM' })
  digestTime?: string;

  @ApiPropertyOptional({ example: 'Europe/Rome' })
  @IsOptional()
  @IsString()
  @Validate(IsTimezone)
  timezone?: string;

  @ApiPropertyOptional({ type: [Number], example: [1, 2, 3, 4, 5] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  digestDays?: number[];
}

export class UpdatePreferencesDto {
  @ApiPropertyOptional({ type: [PreferenceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PreferenceDto)
  preferences?: PreferenceDto[];

  @ApiPropertyOptional({ type: UpdateDigestDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpdateDigestDto)
  digest?: UpdateDigestDto;
}

/** RFC 8058: mail clients POST the fixed form `List-Unsubscribe=One-Click`; nothing else. */
export class OneClickDto {
  @ApiPropertyOptional({ enum: ['One-Click'], description: 'Sent by mail clients; optional' })
  @IsOptional()
  @IsIn(['One-Click'])
  'List-Unsubscribe'?: 'One-Click';
}

export class UnsubscribedDto {
  @ApiProperty({ enum: [...NOTIFICATION_KINDS, 'digest'] }) kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) teamId: string | null;
  @ApiProperty({ type: String, nullable: true }) teamName: string | null;
  @ApiProperty({ enum: ['off'] }) channel: 'off';
}
