import { useMemo, useState } from 'react';
import type { Sprint } from '../../api/sprints';
import { useSprintActions, type SprintFeedback } from '../../api/sprints-mutations';
import { carryOverOf, type CloseChoice, type ClosePlan, type Destination } from './closing';

/**
 * Runs a close plan: the new sprint if one is needed, the completion (which freezes the
 * report), then the moves of the items sent elsewhere. A refusal stops there and is shown in
 * the dialog; a refused move after the completion leaves the sprint closed and says so.
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
      const main = plan.groups.length === 0 ? 'bottom' : plan.main;
      const done = await actions.complete(
        sprint.id,
        carryOverOf({ ...choice, destination: main }),
        sprintOf(main),
      );
      if (!done) return { closed: false };
      const from = sprintOf(main);
      for (const { to, ids } of plan.followUps) {
        const ok =
          (!from || (await actions.removeFromSprint(from, ids))) &&
          (to === 'top' || to === 'bottom'
            ? await actions.rankInBacklog(ids, to)
            : await actions.addItems(sprintOf(to) as string, ids));
        if (!ok) break;
      }
      return { closed: true, next: created ?? undefined };
    } finally {
      setBusy(false);
    }
  };

  return { run, busy, error };
}
