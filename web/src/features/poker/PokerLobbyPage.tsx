import { Link, useParams } from 'react-router';
import { usePokerSessions } from '../../api/poker';
import { type Team } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { formatDateTime } from '../../i18n/format';
import { useTeamT } from '../../i18n/vocabulary';
import { EmptyState, Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { NewSessionForm } from './NewSessionForm';
import './poker.css';
import { TeamPage } from '../../app/TeamPage';

function Lobby({ team }: { team: Team }) {
  const { t, i18n } = useTeamT('poker');
  usePageTitle(t('lobby.title'));
  const sessions = usePokerSessions(team.id);
  // ceremony.manage: the scrum master opens sessions and facilitates them.
  const mayOpen = team.myRole === 'scrum_master';
  const list = sessions.data ?? [];
  return (
    <>
      <h1>{t('lobby.title')}</h1>
      <p>{t('lobby.intro')}</p>
      <section aria-labelledby="sessions-title" className="mb-5">
        <h2 id="sessions-title" className="h4">
          {t('lobby.sessions')}
        </h2>
        {sessions.isPending ? <Loading /> : null}
        <ProblemAlert error={sessions.error} />
        {sessions.data && !list.length ? <EmptyState title={t('lobby.none')} /> : null}
        {list.length ? (
          <ul className="list-unstyled" data-testid="poker-sessions">
            {list.map((s) => (
              <li key={s.id} className="mb-2" data-testid="poker-session">
                <Link to={`/teams/${team.id}/poker/${s.id}`}>{s.title}</Link>
                <span className="small ms-2">
                  {formatDateTime(s.createdAt, i18n.language, team.timezone)}
                  {' · '}
                  {s.state === 'open' ? t('lobby.open') : t('lobby.ended')}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {mayOpen ? <NewSessionForm team={team} /> : null}
    </>
  );
}

export default function PokerLobbyPage() {
  const { teamId = '' } = useParams();
  return <TeamPage teamId={teamId}>{(team) => <Lobby team={team} />}</TeamPage>;
}
