import { useId, useState, type FormEvent } from 'react';
import {
  useImpediments,
  useRaiseImpediment,
  useUpdateImpediment,
  type Impediment,
} from '../../api/daily';
import type { TeamMember } from '../../api/backlog';
import type { Team } from '../../api/teams';
import { formatDate } from '../../i18n/format';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';
import { ProblemAlert } from '../../ui/ProblemAlert';

function Row({
  team,
  impediment,
  members,
  mayChange,
}: {
  team: Team;
  impediment: Impediment;
  members: TeamMember[];
  mayChange: boolean;
}) {
  const { t, i18n } = useTeamT('daily');
  const update = useUpdateImpediment(team.id);
  const announce = useAnnounce();
  const ownerId = useId();
  const name = (id: string | null) =>
    id ? (members.find((m) => m.userId === id)?.displayName ?? t('formerMember')) : null;
  const resolved = impediment.status === 'resolved';
  const set = (patch: Parameters<typeof update.mutate>[0]['patch'], done: string) =>
    update.mutate({ impediment, patch }, { onSuccess: () => announce(done) });
  return (
    <li className="ritmo-impediment" data-testid="impediment" data-status={impediment.status}>
      <p className="fw-semibold mb-1" data-testid="impediment-title">
        {impediment.title}
      </p>
      <p className="small mb-1">
        <span data-testid="impediment-status">
          {resolved && impediment.resolvedAt
            ? t('impediments.resolvedOn', {
                date: formatDate(impediment.resolvedAt, i18n.language, team.timezone),
              })
            : t('impediments.open')}
        </span>
        {' · '}
        {t('impediments.raisedBy', { name: name(impediment.reportedBy) })}
        {' · '}
        {name(impediment.ownerId)
          ? t('impediments.owner', { name: name(impediment.ownerId) })
          : t('impediments.noOwner')}
        {impediment.itemIds.length
          ? ` · ${t('impediments.items', { count: impediment.itemIds.length })}`
          : ''}
      </p>
      {mayChange ? (
        <div className="d-flex gap-2 align-items-end flex-wrap">
          <div className="select-wrapper">
            {/* Short on screen; the impediment's title is in the name a screen reader hears. */}
            <label htmlFor={ownerId}>
              {t('impediments.ownerLabel')}
              <span className="visually-hidden">
                {t('impediments.ownerOf', { title: impediment.title })}
              </span>
            </label>
            <select
              id={ownerId}
              value={impediment.ownerId ?? ''}
              disabled={update.isPending}
              onChange={(e) => set({ ownerId: e.target.value || null }, t('announce.ownerSet'))}
            >
              <option value="">{t('impediments.noOwner')}</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.displayName}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="btn btn-sm btn-outline-primary"
            disabled={update.isPending}
            onClick={() =>
              set(
                { status: resolved ? 'open' : 'resolved' },
                resolved
                  ? t('announce.reopened', { title: impediment.title })
                  : t('announce.resolved', { title: impediment.title }),
              )
            }
          >
            {resolved
              ? t('impediments.reopen', { title: impediment.title })
              : t('impediments.resolve', { title: impediment.title })}
          </button>
        </div>
      ) : null}
      <ProblemAlert error={update.error} />
    </li>
  );
}

/** The team's impediments: open first, oldest first (the scrum master's queue), then resolved. */
export function Impediments({
  team,
  members,
  mayChange,
}: {
  team: Team;
  members: TeamMember[];
  mayChange: boolean;
}) {
  const { t } = useTeamT('daily');
  const list = useImpediments(team.id);
  const raise = useRaiseImpediment(team.id);
  const [title, setTitle] = useState('');
  const titleId = useId();
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) return;
    raise.mutate({ title: title.trim() }, { onSuccess: () => setTitle('') });
  }
  return (
    <section aria-labelledby="impediments-title" className="mb-5">
      <h2 id="impediments-title" className="h4">
        {t('impediments.title')}
      </h2>
      <ProblemAlert error={list.error} />
      {list.data && !list.data.length ? <p>{t('impediments.none')}</p> : null}
      <ul className="list-unstyled" data-testid="impediments">
        {(list.data ?? []).map((impediment) => (
          <Row
            key={impediment.id}
            team={team}
            impediment={impediment}
            members={members}
            mayChange={mayChange}
          />
        ))}
      </ul>
      {mayChange ? (
        <form onSubmit={submit} className="d-flex gap-2 align-items-end">
          <div className="form-group mt-4 mb-0 flex-grow-1">
            <label htmlFor={titleId} className="active">
              {t('impediments.new')}
            </label>
            <input
              id={titleId}
              type="text"
              className="form-control"
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <button type="submit" className="btn btn-outline-primary" disabled={raise.isPending}>
            {t('impediments.raise')}
          </button>
        </form>
      ) : null}
      <ProblemAlert error={raise.error} />
    </section>
  );
}
