import { useCallback, useMemo, useState } from 'react';
import type { Conflict, Feedback } from '../../api/backlog-mutations';

/** The refusal to show and the conflicts waiting for the person's choice (oldest first). */
export function useFeedback() {
  const [problem, setProblem] = useState<unknown>(undefined);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const feedback = useMemo<Feedback>(
    () => ({
      onProblem: (error) => setProblem(error),
      onConflict: (conflict) => setConflicts((list) => [...list, conflict]),
    }),
    [],
  );
  const clearProblem = useCallback(() => setProblem(undefined), []);
  const resolveConflict = useCallback(() => setConflicts((list) => list.slice(1)), []);
  return { feedback, problem, clearProblem, conflict: conflicts[0], resolveConflict };
}
