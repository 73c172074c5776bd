import { useParams } from 'react-router';
import { Link } from 'react-router';
import { useMe } from '../../api/me';
import { useTeam, useWorkspaces } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { useLiveTeam } from '../../live/LiveProvider';
import { TeamVocabulary, useTeamT } from '../../i18n/vocabulary';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { GeneralSection } from './GeneralSection';
import { InvitationsSection } from './InvitationsSection';
import { MembersSection } from './MembersSection';
import { mayManageTeam } from './permissions';
import { VocabularySection } from './VocabularySection';
import './live';

export default function TeamSettingsPage() {
  const { teamId = '' } = useParams();
  useLiveTeam(teamId);
  const team = useTeam(teamId);
  return (
    <TeamVocabulary vocabulary={team.data?.vocabulary}>
      <Settings teamId={teamId} team={team} />
    </TeamVocabulary>
  );
}

function Settings({ teamId, team }: { teamId: string; team: ReturnType<typeof useTeam> }) {
  const { t } = useTeamT('settings');
  usePageTitle(team.data ? t('team.title', { team: team.data.name }) : undefined);
  const workspaces = useWorkspaces();
  const me = useMe();
  if (team.isPending || workspaces.isPending) return <Loading />;
  if (team.error) return <ProblemAlert error={team.error} />;
  const workspaceRole = workspaces.data?.find((w) => w.id === team.data.workspaceId)?.myRole;
  const manage = mayManageTeam(team.data.myRole, workspaceRole);
  return (
    <>
      <h1>{t('team.title', { team: team.data.name })}</h1>
      <p>
        <Link to={`/teams/${teamId}/backlog`}>{t('team.backToBacklog')}</Link>
      </p>
      {!manage ? (
        <div className="callout note mb-4">
          <div className="callout-title">{t('team.readOnlyTitle')}</div>
          <p className="mb-0">{t('team.readOnly')}</p>
        </div>
      ) : null}
      <GeneralSection team={team.data} editable={manage} />
      <VocabularySection team={team.data} editable={manage} />
      <MembersSection teamId={teamId} editable={manage} myUserId={me.data?.id} />
      {manage ? <InvitationsSection teamId={teamId} /> : null}
    </>
  );
}
