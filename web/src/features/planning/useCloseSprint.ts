import { useMemo, useState } from 'react';
import type { Sprint } from '../../api/sprints';
import { useSprintActions, type SprintFeedback } from '../../api/sprints-mutations';
import { completeBody, type CloseChoice, type ClosePlan, type Destination } from './closing';

/**
 * Runs a close plan: the new sprint if one is needed, then the one completion that sends each
 * unfinished item where it goes and freezes the report (one transaction on the server). A
 * refusal stops there and is shown in the dialog; a new sprint already created stays planned.
 */
export function useCloseSprint(teamId: string, sprint: Sprint) {
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const feedback = useMemo<SprintFeedback>(
    () => ({ onProblem: setError, onConflict: () => setError(undefined) }),
    [],
  );
  const actions = useSprintActions(teamId, feedback);

  const run = async (
    plan: ClosePlan,
    choice: CloseChoice,
  ): Promise<{ closed: boolean; next?: Sprint }> => {
    setBusy(true);
    setError(undefined);
    try {
      const created = plan.needsNew ? await actions.create({ name: choice.newName.trim() }) : null;
      if (created === undefined) return { closed: false };
      const sprintOf = (d: Destination) =>
        d === 'new' ? created?.id : d === 'next' ? choice.nextSprintId : undefined;
      const done = await actions.complete(sprint.id, completeBody(plan, sprintOf));
      if (!done) return { closed: false };
      return { closed: true, next: created ?? undefined };
    } finally {
      setBusy(false);
    }
  };

  return { run, busy, error };
}
