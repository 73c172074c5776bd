import type { Lang } from '../i18n/locale';
import type { NotificationDto } from './dto/notification.dto';
import type { NotificationRow } from './notifications.repository';
import { tell } from './notification-texts';

/** The web client's page for what a notification is about. */
export function linkOf(row: Pick<NotificationRow, 'team_id' | 'subject_type' | 'subject_id'>) {
  switch (row.subject_type) {
    case 'backlog_item':
      return `/teams/${row.team_id}/backlog?item=${row.subject_id}`;
    case 'impediment':
    case 'ceremony':
      return `/teams/${row.team_id}/board`;
    default:
      return `/`;
  }
}

export function toNotificationDto(row: NotificationRow, lang: Lang): NotificationDto {
  const data = row.data;
  const teamName = typeof data.teamName === 'string' ? data.teamName : '';
  const actorName = typeof data.actorName === 'string' ? data.actorName : null;
  return {
    id: row.id,
    teamId: row.team_id,
    teamName,
    kind: row.kind,
    actorId: row.actor_id,
    actorName,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    title: row.title,
    data,
    text: tell(
      {
        kind: row.kind,
        actor: actorName,
        title: row.title,
        team: teamName,
        status: typeof data.status === 'string' ? data.status : undefined,
        startsAt: typeof data.startsAt === 'string' ? data.startsAt : undefined,
        timezone: typeof data.timezone === 'string' ? data.timezone : undefined,
      },
      lang,
    ),
    link: linkOf(row),
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
