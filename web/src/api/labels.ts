import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Label } from './backlog';
import { api } from './client';
import { teamKeys } from './keys';
import { unwrap } from './problem';

function sortByName(labels: Label[]): Label[] {
  return [...labels].sort((a, b) => a.name.localeCompare(b.name));
}

/** Puts a label snapshot in the team's list unless the cached one is newer. */
export function putLabel(labels: Label[] | undefined, label: Label): Label[] | undefined {
  if (!labels) return labels;
  const cached = labels.find((l) => l.id === label.id);
  if (cached && cached.version >= label.version) return labels;
  return sortByName([...labels.filter((l) => l.id !== label.id), label]);
}

export function useLabelActions(teamId: string) {
  const queryClient = useQueryClient();
  const key = teamKeys.labels(teamId);
  const put = (label: Label) => queryClient.setQueryData<Label[]>(key, (l) => putLabel(l, label));

  const create = useMutation({
    mutationFn: async (body: { name: string; color: string }) =>
      unwrap(
        await api.POST('/api/v1/teams/{teamId}/labels', {
          params: { path: { teamId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
          body,
        }),
      ),
    onSuccess: put,
  });
  const update = useMutation({
    mutationFn: async ({ label, ...body }: { label: Label; name?: string; color?: string }) =>
      unwrap(
        await api.PATCH('/api/v1/teams/{teamId}/labels/{labelId}', {
          params: {
            path: { teamId, labelId: label.id },
            header: { 'If-Match': `"${label.version}"` },
          },
          body,
        }),
      ),
    onSuccess: put,
    // A stale version: show the label as it is now, the person decides again.
    onError: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const remove = useMutation({
    mutationFn: async (label: Label) =>
      unwrap(
        await api.DELETE('/api/v1/teams/{teamId}/labels/{labelId}', {
          params: {
            path: { teamId, labelId: label.id },
            header: { 'If-Match': `"${label.version}"` },
          },
        }),
      ),
    onSuccess: (_, label) =>
      queryClient.setQueryData<Label[]>(key, (l) => l?.filter((x) => x.id !== label.id)),
    onError: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  return { create, update, remove };
}
