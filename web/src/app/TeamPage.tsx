import type { ReactNode } from 'react';
import { useTeam, type Team } from '../api/teams';
import { TeamVocabulary } from '../i18n/vocabulary';
import { useLiveTeam } from '../live/LiveProvider';
import { Loading } from '../ui/Loading';
import { ProblemAlert } from '../ui/ProblemAlert';

/**
 * What every team screen starts with: the team read, its live updates joined, and its own
 * words for Scrum's terms around the screen.
 */
export function TeamPage({
  teamId,
  children,
}: {
  teamId: string;
  children: (team: Team) => ReactNode;
}) {
  const team = useTeam(teamId);
  useLiveTeam(teamId);
  if (team.isPending) return <Loading />;
  if (team.error) return <ProblemAlert error={team.error} />;
  return <TeamVocabulary vocabulary={team.data.vocabulary}>{children(team.data)}</TeamVocabulary>;
}
