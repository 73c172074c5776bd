import { useId, useState, type FormEvent } from 'react';
import type { Retro } from '../../api/retro';
import type { TeamMember } from '../../api/backlog';
import { useTeamT } from '../../i18n/vocabulary';
import { groupTitle, useRoom } from './context';
import { GroupCards } from './VoteBoard';

type ActionItem = Retro['actionItems'][number];

export function ActionStatus({ item }: { item: ActionItem }) {
  const { t } = useTeamT('retro');
  return <span data-testid="action-status">{t(`action.status.${item.status}`)}</span>;
}

function ActionItems({ retro, members }: { retro: Retro; members: TeamMember[] }) {
  const { t } = useTeamT('retro');
  const { run, busy, mayParticipate, nameOf } = useRoom();
  const open = retro.phase === 'discuss';
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [group, setGroup] = useState('');
  const textId = useId();
  const ownerId = useId();
  const groupId = useId();
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    run(
      { kind: 'action', text: text.trim(), ownerId: owner || null, groupId: group || null },
      t('announce.actionAdded'),
    );
    setText('');
  }
  return (
    <section aria-labelledby="actions-title" className="mb-4">
      <h2 id="actions-title" className="h5">
        {t('action.title')}
      </h2>
      {retro.actionItems.length === 0 ? <p className="small">{t('action.none')}</p> : null}
      <ul className="list-unstyled" data-testid="action-items">
        {retro.actionItems.map((item) => (
          <li key={item.id} className="ritmo-retro-action" data-testid="action-item">
            <span className="fw-semibold" data-testid="action-text">
              {item.text}
            </span>
            <span className="small">
              {item.ownerId
                ? t('action.owner', { name: nameOf(item.ownerId) })
                : t('action.noOwner')}
              {' · '}
              <ActionStatus item={item} />
            </span>
            {item.backlogItemId ? (
              <span className="small" data-testid="action-linked">
                {t('action.inBacklog')}
              </span>
            ) : mayParticipate && retro.phase !== 'collect' ? (
              <button
                type="button"
                className="btn btn-sm btn-outline-primary"
                disabled={busy}
                aria-label={t('action.toBacklogLabel', { text: item.text })}
                onClick={() =>
                  run(
                    { kind: 'toBacklog', actionItemId: item.id },
                    t('announce.toBacklog', { text: item.text }),
                  )
                }
              >
                {t('action.toBacklog')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {open && mayParticipate ? (
        <form onSubmit={submit} aria-label={t('action.new')}>
          <div className="form-group mt-4">
            <label htmlFor={textId} className="active">
              {t('action.text')}
            </label>
            <input
              id={textId}
              type="text"
              className="form-control"
              maxLength={500}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="d-flex gap-3 flex-wrap align-items-end">
            <div className="select-wrapper">
              <label htmlFor={ownerId}>{t('action.ownerLabel')}</label>
              <select id={ownerId} value={owner} onChange={(e) => setOwner(e.target.value)}>
                <option value="">{t('action.noOwner')}</option>
                {members
                  .filter((m) => m.role !== 'stakeholder')
                  .map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.displayName}
                    </option>
                  ))}
              </select>
            </div>
            <div className="select-wrapper">
              <label htmlFor={groupId}>{t('action.groupLabel')}</label>
              <select id={groupId} value={group} onChange={(e) => setGroup(e.target.value)}>
                <option value="">{t('action.noGroup')}</option>
                {retro.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {groupTitle(retro, g)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn btn-primary" disabled={busy || !text.trim()}>
              {t('action.add')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function Notes({ retro }: { retro: Retro }) {
  const { t } = useTeamT('retro');
  const { run, busy, mayParticipate } = useRoom();
  const [text, setText] = useState('');
  const id = useId();
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    run({ kind: 'note', text: text.trim() }, t('announce.noteAdded'));
    setText('');
  }
  return (
    <section aria-labelledby="notes-title" className="mb-4">
      <h2 id="notes-title" className="h5">
        {t('notes.title')}
      </h2>
      <ul data-testid="notes">
        {retro.notes.map((n) => (
          <li key={n.id}>{n.text}</li>
        ))}
      </ul>
      {retro.phase === 'discuss' && mayParticipate ? (
        <form onSubmit={submit} className="d-flex gap-2 align-items-end">
          <div className="form-group mt-4 flex-grow-1 mb-0">
            <label htmlFor={id} className="active">
              {t('notes.new')}
            </label>
            <input
              id={id}
              type="text"
              className="form-control"
              value={text}
              maxLength={2000}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <button type="submit" className="btn btn-outline-primary" disabled={busy || !text.trim()}>
            {t('notes.add')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** Discuss (and closed): groups most voted first with their totals, notes and action items. */
export function DiscussBoard({ retro, members }: { retro: Retro; members: TeamMember[] }) {
  const { t } = useTeamT('retro');
  const groups = [...retro.groups].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
  return (
    <>
      <section aria-labelledby="results-title" className="mb-4">
        <h2 id="results-title" className="h5">
          {t('discuss.results')}
        </h2>
        <ol className="ritmo-retro-results">
          {groups.map((group) => (
            <li key={group.id} data-testid="retro-group">
              <span className="fw-semibold" data-testid="group-title">
                {groupTitle(retro, group)}
              </span>{' '}
              <span data-testid="group-votes">
                {t('discuss.votes', { count: group.votes ?? 0 })}
              </span>
              <GroupCards retro={retro} group={group} />
            </li>
          ))}
        </ol>
      </section>
      <Notes retro={retro} />
      <ActionItems retro={retro} members={members} />
    </>
  );
}
