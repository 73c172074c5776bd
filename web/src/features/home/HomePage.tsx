import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { useMyTeams, type MyTeam } from '../../api/account';
import { meKeys } from '../../api/keys';
import { useWorkspaces, type Workspace } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { useLiveTeam } from '../../live/LiveProvider';
import { onAnyTeamEvent } from '../../live/registry';
import { TeamVocabulary, useTeamT } from '../../i18n/vocabulary';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { mayManageTeam } from '../settings/permissions';
import { CreateTeamForm, CreateWorkspaceForm } from './CreateForms';
import { RecentActivity } from './RecentActivity';

function TeamCard({ team }: { team: MyTeam }) {
  useLiveTeam(team.id);
  return (
    <TeamVocabulary vocabulary={team.vocabulary}>
      <TeamCardBody team={team} />
    </TeamVocabulary>
  );
}

function TeamCardBody({ team }: { team: MyTeam }) {
  const { t } = useTeamT(['home', 'common']);
  const headingId = `team-${team.id}`;
  return (
    <li className="col-12 col-lg-6 mb-4">
      <article className="card card-bg h-100" aria-labelledby={headingId} data-testid="team-card">
        <div className="card-body">
          <h3 id={headingId} className="card-title h5">
            {team.name}
          </h3>
          <p className="mb-2 small">
            {team.myRole ? t('role', { role: t(`common:roles.${team.myRole}`) }) : t('adminOnly')}
            {' · '}
            {t(`process.${team.process}`)}
          </p>
          <div className="d-flex gap-3 flex-wrap">
            <Link to={`/teams/${team.id}/backlog`}>{t('openBacklog')}</Link>
            <Link to={`/teams/${team.id}/board`}>{t('openBoard')}</Link>
            {team.process === 'scrum' ? (
              <Link to={`/teams/${team.id}/planning`}>{t('openPlanning')}</Link>
            ) : null}
            <Link to={`/teams/${team.id}/poker`}>{t('openPoker')}</Link>
            <Link to={`/teams/${team.id}/retro`}>{t('openRetro')}</Link>
            <Link to={`/teams/${team.id}/reports`}>{t('openReports')}</Link>
            <Link to={`/teams/${team.id}/settings`}>
              {mayManageTeam(team.myRole, team.workspaceRole) ? t('manage') : t('details')}
            </Link>
          </div>
          <RecentActivity team={team} />
        </div>
      </article>
    </li>
  );
}

function WorkspaceSection({ workspace, teams }: { workspace: Workspace; teams: MyTeam[] }) {
  const { t } = useTeamT('home');
  const admin = workspace.myRole === 'admin' || workspace.myRole === 'instance_admin';
  const headingId = `ws-${workspace.id}`;
  return (
    <section aria-labelledby={headingId} className="mb-5">
      <h2 id={headingId} className="h4">
        {t('workspace', { name: workspace.name })}
      </h2>
      {teams.length ? (
        <ul className="row list-unstyled">
          {teams.map((team) => (
            <TeamCard key={team.id} team={team} />
          ))}
        </ul>
      ) : (
        <p>{admin ? t('noTeamsAdmin') : t('noTeams')}</p>
      )}
      {admin ? <CreateTeamForm workspaceId={workspace.id} /> : null}
    </section>
  );
}

export default function HomePage() {
  const { t } = useTeamT('home');
  usePageTitle(t('title'));
  const teams = useMyTeams();
  const workspaces = useWorkspaces();
  const queryClient = useQueryClient();
  // Any event of a team on screen moves its seq: the list (and so each activity) refreshes.
  useEffect(
    () =>
      onAnyTeamEvent(() => {
        void queryClient.invalidateQueries({ queryKey: meKeys.teams, exact: true });
      }),
    [queryClient],
  );

  if (teams.isPending || workspaces.isPending) return <Loading />;
  const error = teams.error ?? workspaces.error;
  return (
    <>
      <h1>{t('title')}</h1>
      <ProblemAlert error={error} />
      {workspaces.data?.length === 0 ? (
        <div className="callout note mb-4">
          <div className="callout-title">{t('empty')}</div>
          <p className="mb-0">{t('emptyHint')}</p>
        </div>
      ) : null}
      {workspaces.data?.map((workspace) => (
        <WorkspaceSection
          key={workspace.id}
          workspace={workspace}
          teams={(teams.data ?? []).filter((team) => team.workspaceId === workspace.id)}
        />
      ))}
      <CreateWorkspaceForm />
    </>
  );
}
