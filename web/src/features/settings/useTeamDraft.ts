import { useState } from 'react';
import { isProblem } from '../../api/problem';
import { useUpdateTeam, type TeamPatch } from '../../api/team-settings';
import type { Team } from '../../api/teams';

/**
 * An edit of some fields of a team, sent with If-Match: the version the person started from.
 * While nothing is typed the form follows the team live; once they type, their draft stays.
 * A 412 keeps the draft and exposes the team as it is now, for the conflict dialog.
 */
export function useTeamDraft<D>(
  team: Team,
  read: (team: Team) => D,
  toPatch: (draft: D, base: Team) => TeamPatch,
) {
  const update = useUpdateTeam(team.id);
  const [base, setBase] = useState(team);
  const [draft, setDraftState] = useState<D>(() => read(team));
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState<Team | undefined>();

  // Someone else saved while this form was untouched: show their values (derived state).
  if (!dirty && team.version > base.version) {
    setBase(team);
    setDraftState(read(team));
  }

  function setDraft(next: D) {
    setDraftState(next);
    setDirty(true);
  }

  function saveOn(version: number, on: Team) {
    update.mutate(
      { version, patch: toPatch(draft, on) },
      {
        onSuccess: (saved) => {
          setBase(saved);
          setDraftState(read(saved));
          setDirty(false);
          setConflict(undefined);
        },
        onError: (error) => {
          if (isProblem(error, 412)) {
            const current = error.problem as { current?: Team };
            setConflict(current.current ?? team);
          }
        },
      },
    );
  }

  return {
    draft,
    setDraft,
    dirty,
    update,
    /** The 412's team, while the dialog is open. */
    conflict,
    save: () => saveOn(base.version, base),
    takeTheirs: () => {
      const current = conflict ?? team;
      setBase(current);
      setDraftState(read(current));
      setDirty(false);
      setConflict(undefined);
      update.reset();
    },
    applyMine: () => {
      const current = conflict ?? team;
      setConflict(undefined);
      saveOn(current.version, current);
    },
    closeConflict: () => setConflict(undefined),
    /** A 412 is answered in the dialog; any other refusal shows as an alert. */
    error: isProblem(update.error, 412) ? undefined : update.error,
  };
}
