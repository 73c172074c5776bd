import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMe } from '../../api/me';
import {
  exportMarkdown,
  PHASES,
  useRetro,
  useRetroCommand,
  type Retro,
  type RetroCommand,
} from '../../api/retro';
import { useTeamMembers, type Team } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { CollectBoard } from './CollectBoard';
import { RetroContext, useRoom, type RetroRoom } from './context';
import { ActionStatus, DiscussBoard } from './DiscussBoard';
import { GroupBoard } from './GroupBoard';
import './retro.css';
import { VoteBoard } from './VoteBoard';
import { TeamPage } from '../../app/TeamPage';

const NO_MEMBERS: never[] = [];

function PhaseSteps({ retro }: { retro: Retro }) {
  const { t } = useTeamT('retro');
  const current = PHASES.indexOf(retro.phase);
  return (
    <nav aria-label={t('phase.label')}>
      <ol className="ritmo-phases" data-testid="phases">
        {PHASES.map((phase, n) => (
          <li
            key={phase}
            aria-current={n === current ? 'step' : undefined}
            className={n === current ? 'is-current' : n < current ? 'is-done' : undefined}
            data-testid={n === current ? 'phase-current' : undefined}
          >
            <span className="visually-hidden">
              {n < current ? t('phase.done') : n === current ? t('phase.now') : t('phase.later')}
            </span>
            {t(`phase.${phase}`)}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function PhaseControls({ retro }: { retro: Retro }) {
  const { t } = useTeamT('retro');
  const room = useRoom();
  const n = PHASES.indexOf(retro.phase);
  const next = PHASES[n + 1];
  const previous = n > 0 ? PHASES[n - 1] : undefined;
  return (
    <div className="d-flex gap-2 flex-wrap mb-4" data-testid="phase-controls">
      {previous && retro.phase !== 'closed' ? (
        <button
          type="button"
          className="btn btn-outline-secondary"
          disabled={room.busy}
          onClick={() => room.run({ kind: 'phase', phase: previous })}
        >
          {t('phase.back', { phase: t(`phase.${previous}`) })}
        </button>
      ) : null}
      {next ? (
        <button
          type="button"
          className="btn btn-primary"
          disabled={room.busy}
          onClick={() => room.run({ kind: 'phase', phase: next })}
        >
          {t('phase.next', { phase: t(`phase.${next}`) })}
        </button>
      ) : null}
    </div>
  );
}

function ExportButton({ retro }: { retro: Retro }) {
  const { t } = useTeamT('retro');
  const [problem, setProblem] = useState<unknown>(undefined);
  const download = async () => {
    setProblem(undefined);
    try {
      const text = await exportMarkdown(retro.id);
      const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${retro.title.replace(/[^\p{L}\p{N}]+/gu, '-')}.md`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <>
      <button type="button" className="btn btn-outline-primary" onClick={() => void download()}>
        {t('export')}
      </button>
      <ProblemAlert error={problem} />
    </>
  );
}

function PreviousActions({ retro }: { retro: Retro }) {
  const { t } = useTeamT('retro');
  if (!retro.previousActionItems.length) return null;
  return (
    <section
      aria-labelledby="previous-title"
      className="callout note mb-4"
      data-testid="previous-actions"
    >
      <h2 id="previous-title" className="callout-title h6">
        {t('previous.title')}
      </h2>
      <ul className="mb-0">
        {retro.previousActionItems.map((item) => (
          <li key={item.id}>
            {item.text} — <ActionStatus item={item} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function useAnnouncePhase(retro: Retro | undefined) {
  const { t } = useTeamT('retro');
  const announce = useAnnounce();
  const last = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!retro) return;
    const previous = last.current;
    last.current = retro.phase;
    if (previous && previous !== retro.phase)
      announce(t('announce.phase', { phase: t(`phase.${retro.phase}`) }));
  }, [retro, announce, t]);
}

function Room({ team, retroId }: { team: Team; retroId: string }) {
  const { t } = useTeamT(['retro', 'common']);
  const query = useRetro(team.id, retroId);
  const retro = query.data;
  const me = useMe().data;
  const members = useTeamMembers(team.id).data ?? NO_MEMBERS;
  const command = useRetroCommand(team.id, retroId);
  const announce = useAnnounce();
  usePageTitle(retro?.title ?? t('lobby.title'));
  useAnnouncePhase(retro);
  const nameOf = useCallback(
    (userId: string) => members.find((m) => m.userId === userId)?.displayName ?? t('formerMember'),
    [members, t],
  );
  const { mutate } = command;
  const run = useCallback(
    (c: RetroCommand, done?: string) =>
      mutate(c, { onSuccess: () => (done ? announce(done) : undefined) }),
    [mutate, announce],
  );
  const room: RetroRoom | undefined = useMemo(
    () =>
      retro && {
        retro,
        meId: me?.id,
        mayParticipate:
          retro.phase !== 'closed' && team.myRole !== null && team.myRole !== 'stakeholder',
        mayFacilitate: me?.id === retro.facilitatorId || team.myRole === 'scrum_master',
        busy: command.isPending,
        nameOf,
        run,
      },
    [retro, me?.id, team.myRole, command.isPending, nameOf, run],
  );

  if (query.isPending) return <Loading />;
  if (query.error) return <ProblemAlert error={query.error} />;
  if (!retro || !room) return null;
  return (
    <RetroContext.Provider value={room}>
      <div className="d-flex flex-wrap align-items-baseline gap-3 mb-2">
        <h1 className="mb-0">{retro.title}</h1>
        <Link to={`/teams/${team.id}/retro`}>{t('room.backToList')}</Link>
      </div>
      <p data-testid="retro-settings">
        {retro.facilitatorId ? t('room.facilitator', { name: nameOf(retro.facilitatorId) }) : null}
        {retro.anonymous ? ` · ${t('room.anonymous')}` : ''}
        {retro.privateWriting ? ` · ${t('room.private')}` : ''}
      </p>
      <PhaseSteps retro={retro} />
      <p className="lead" data-testid="phase-help">
        {t(`phaseHelp.${retro.phase}`)}
      </p>
      {room.mayFacilitate ? <PhaseControls retro={retro} /> : null}
      <ProblemAlert error={command.error} title={command.error ? t('room.refused') : undefined} />
      {retro.phase === 'collect' ? <PreviousActions retro={retro} /> : null}
      {retro.phase === 'collect' ? <CollectBoard retro={retro} /> : null}
      {retro.phase === 'group' ? <GroupBoard retro={retro} /> : null}
      {retro.phase === 'vote' ? <VoteBoard retro={retro} /> : null}
      {retro.phase === 'discuss' || retro.phase === 'closed' ? (
        <DiscussBoard retro={retro} members={members} />
      ) : null}
      <div className="mt-4">
        <ExportButton retro={retro} />
      </div>
    </RetroContext.Provider>
  );
}

export default function RetroRoomPage() {
  const { teamId = '', retroId = '' } = useParams();
  return <TeamPage teamId={teamId}>{(team) => <Room team={team} retroId={retroId} />}</TeamPage>;
}
