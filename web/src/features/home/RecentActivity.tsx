import { useMemo } from 'react';
import type { MyTeam } from '../../api/account';
import { useMe } from '../../api/me';
import { useRecentActivity } from '../../api/team-settings';
import { useTeamMembers } from '../../api/teams';
import { formatDateTime, formatRelative } from '../../i18n/format';
import { useTeamT } from '../../i18n/vocabulary';
import { Loading } from '../../ui/Loading';

/** The last events of a team's log, in words, newest first. */
export function RecentActivity({ team }: { team: MyTeam }) {
  const { t, i18n } = useTeamT('home');
  const events = useRecentActivity(team.id, team.eventSeq);
  const members = useTeamMembers(team.id);
  const me = useMe();
  // A workspace admin acts in teams they are not a member of: they still know their own name.
  const names = useMemo(() => {
    const map = new Map((members.data ?? []).map((m) => [m.userId, m.displayName]));
    if (me.data) map.set(me.data.id, me.data.displayName);
    return map;
  }, [members.data, me.data]);
  const headingId = `activity-${team.id}`;
  if (events.isPending) return <Loading label={t('activity.loading')} />;
  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId} className="h6 mt-3">
        {t('activity.title')}
      </h4>
      {events.error || !events.data?.length ? (
        <p className="small mb-0">{t('activity.none')}</p>
      ) : (
        <ul className="list-unstyled small mb-0" data-testid={`activity-${team.id}`}>
          {events.data.map((event) => {
            const actor = (event.actorId && names.get(event.actorId)) || t('activity.someone');
            return (
              <li key={event.seq} className="mb-1">
                {t(`activity.types.${event.type}`, {
                  actor,
                  defaultValue: t('activity.other', { actor }),
                })}{' '}
                <time
                  dateTime={event.occurredAt}
                  title={formatDateTime(event.occurredAt, i18n.language, team.timezone)}
                  className="text-muted"
                >
                  {formatRelative(event.occurredAt, i18n.language)}
                </time>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
