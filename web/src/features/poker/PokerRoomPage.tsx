import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useMe } from '../../api/me';
import {
  usePokerCommand,
  usePokerSession,
  type PokerCommand,
  type PokerSession,
} from '../../api/poker';
import { useTeamMembers, type Team } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { useTeamT } from '../../i18n/vocabulary';
import { useAnnounce } from '../../ui/announcer';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { EndSession, FacilitatorControls } from './Controls';
import { cardName, Deck } from './Deck';
import { ItemList } from './ItemList';
import './poker.css';
import { EarlierRounds, RoundStats, Votes } from './Round';
import { TeamPage } from '../../app/TeamPage';

/** Joins once on entering: as a voter when the role may vote, else to watch. */
function useJoin(session: PokerSession | undefined, meId: string | undefined, team: Team) {
  const command = usePokerCommand(team.id, session?.id ?? '');
  const tried = useRef(false);
  const joined = session?.participants.some((p) => p.userId === meId);
  useEffect(() => {
    if (!session || !meId || joined || tried.current || session.state !== 'open') return;
    tried.current = true;
    const as = team.myRole && team.myRole !== 'stakeholder' ? 'participant' : 'spectator';
    command.mutate({ kind: 'join', as });
  }, [session, meId, joined, team.myRole, command]);
}

/** Says aloud what changed for everyone: a reveal, a new round, the next item. */
function useRoomAnnouncements(session: PokerSession | undefined, titleOf: (id: string) => string) {
  const { t } = useTeamT('poker');
  const announce = useAnnounce();
  const last = useRef<string | null>(null);
  const round = session?.currentRound;
  const key = session
    ? `${session.state}:${session.currentItemId ?? ''}:${round?.round ?? 0}:${round?.state ?? ''}`
    : null;
  useEffect(() => {
    if (!session || key === null) return;
    const previous = last.current;
    last.current = key;
    if (previous === null || previous === key) return;
    if (session.state === 'ended') announce(t('announce.ended'));
    else if (!round) announce(t('announce.allDone'));
    else if (round.state === 'revealed') announce(t('announce.revealed'));
    else if (round.round > 1) announce(t('announce.revote', { round: round.round }));
    else announce(t('announce.item', { title: titleOf(round.itemId) }));
  }, [key, session, round, announce, t, titleOf]);
}

function PokerRoom({ team, sessionId }: { team: Team; sessionId: string }) {
  const { t } = useTeamT(['poker', 'common']);
  const query = usePokerSession(team.id, sessionId);
  const session = query.data;
  const me = useMe().data;
  const members = useTeamMembers(team.id).data;
  const command = usePokerCommand(team.id, sessionId);
  usePageTitle(session?.title ?? t('room.title'));
  useJoin(session, me?.id, team);

  const nameOf = useCallback(
    (userId: string) =>
      members?.find((m) => m.userId === userId)?.displayName ?? t('room.formerMember'),
    [members, t],
  );
  const titleOf = useCallback(
    (itemId: string) => session?.items.find((i) => i.itemId === itemId)?.title ?? '',
    [session],
  );
  useRoomAnnouncements(session, titleOf);
  const run = useCallback((c: PokerCommand) => command.mutate(c), [command]);
  const vote = useCallback((card: string) => run({ kind: 'vote', card }), [run]);
  const current = useMemo(
    () => session?.items.find((i) => i.itemId === session.currentItemId),
    [session],
  );

  if (query.isPending) return <Loading />;
  if (query.error) return <ProblemAlert error={query.error} />;
  if (!session) return null;
  const round = session.currentRound;
  const facilitator = me?.id === session.facilitatorId;
  const open = session.state === 'open';
  const voter = session.myRole === 'participant' && open;
  const accepted = current?.outcome === 'accepted' ? current.acceptedCard : null;

  return (
    <>
      <div className="d-flex flex-wrap align-items-baseline gap-3 mb-2">
        <h1 className="mb-0">{session.title}</h1>
        <Link to={`/teams/${team.id}/poker`}>{t('room.backToList')}</Link>
      </div>
      <p data-testid="room-status">
        {t(`decks.${session.deck}`)}
        {' · '}
        {t('room.facilitator', { name: nameOf(session.facilitatorId) })}
        {' · '}
        {open
          ? session.myRole === 'participant'
            ? t('room.asVoter')
            : t('room.asSpectator')
          : t('room.ended')}
      </p>
      {!open ? null : session.myRole === 'spectator' ? (
        <div className="callout note my-3" data-testid="spectator-note">
          <div className="callout-title">{t('room.spectatorNote')}</div>
        </div>
      ) : null}
      <ProblemAlert error={command.error} title={command.error ? t('room.refused') : undefined} />
      <div className="ritmo-poker-layout">
        <div>
          {open && round && current ? (
            <>
              <section aria-labelledby="item-title" className="mb-3" data-testid="current-item">
                <p className="mb-1 small">
                  {t('room.itemOf', {
                    position: current.position,
                    total: session.items.length,
                  })}
                  {' · '}
                  <span data-testid="round">{t('room.round', { round: round.round })}</span>
                  {' · '}
                  <span data-testid="round-state">
                    {round.state === 'voting' ? t('room.hidden') : t('room.revealed')}
                  </span>
                </p>
                <h2 id="item-title" className="h3" data-testid="current-title">
                  {current.title}
                </h2>
                {accepted ? (
                  <p className="fw-semibold" data-testid="accepted">
                    {t('room.accepted', { card: cardName(accepted, t) })}
                  </p>
                ) : null}
              </section>
              {voter && round.state === 'voting' ? (
                <Deck
                  cards={session.cards}
                  myCard={round.myCard}
                  disabled={command.isPending && command.variables?.kind !== 'vote'}
                  onPick={vote}
                />
              ) : null}
              <Votes session={session} round={round} nameOf={nameOf} />
              {round.state === 'revealed' && round.stats ? (
                <RoundStats stats={round.stats} />
              ) : null}
              {facilitator ? (
                <FacilitatorControls
                  session={session}
                  round={round}
                  pointScale={team.pointScale}
                  accepted={accepted}
                  busy={command.isPending}
                  onCommand={run}
                />
              ) : null}
              <EarlierRounds
                session={session}
                itemId={round.itemId}
                round={round.round}
                nameOf={nameOf}
              />
            </>
          ) : open ? (
            <div className="callout success my-3" data-testid="all-done">
              <div className="callout-title">{t('room.allDone')}</div>
              <p>{t('room.allDoneText')}</p>
            </div>
          ) : (
            <div className="callout note my-3" data-testid="ended">
              <div className="callout-title">{t('room.ended')}</div>
              <p>
                {t('room.endedSummary', {
                  accepted: session.items.filter((i) => i.outcome === 'accepted').length,
                  total: session.items.length,
                })}
              </p>
            </div>
          )}
          {facilitator && open ? (
            <EndSession busy={command.isPending} onEnd={() => run({ kind: 'end' })} />
          ) : null}
        </div>
        <ItemList session={session} />
      </div>
    </>
  );
}

export default function PokerRoomPage() {
  const { teamId = '', sessionId = '' } = useParams();
  return (
    <TeamPage teamId={teamId}>{(team) => <PokerRoom team={team} sessionId={sessionId} />}</TeamPage>
  );
}
