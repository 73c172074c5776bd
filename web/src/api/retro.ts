import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

export type Retro = components['schemas']['RetrospectiveDto'];
export type RetroSummary = components['schemas']['RetrospectiveSummaryDto'];
export type RetroCard = components['schemas']['RetroCardDto'];
export type RetroGroup = components['schemas']['GroupDto'];
export type RetroPhase = Retro['phase'];
export type RetroTemplate = components['schemas']['RetroTemplateDto'];
export type CreateRetro = components['schemas']['CreateRetrospectiveDto'];

export const PHASES: readonly RetroPhase[] = ['collect', 'group', 'vote', 'discuss', 'closed'];

export const retroKeys = {
  list: (teamId: string) => ['team', teamId, 'retros'] as const,
  view: (teamId: string, retroId: string) => ['team', teamId, 'retro', retroId] as const,
  templates: (teamId: string) => ['team', teamId, 'retro-templates'] as const,
};

const key = () => ({ 'Idempotency-Key': crypto.randomUUID() });

export function useRetros(teamId: string) {
  return useQuery({
    queryKey: retroKeys.list(teamId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/teams/{teamId}/retrospectives', { params: { path: { teamId } } }),
      ),
  });
}

export function useRetroTemplates(teamId: string) {
  return useQuery({
    queryKey: retroKeys.templates(teamId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/teams/{teamId}/retro-templates', { params: { path: { teamId } } }),
      ),
  });
}

/** The retrospective as this person may see it: the server leaves out what is still hidden. */
export function useRetro(teamId: string, retroId: string) {
  return useQuery({
    queryKey: retroKeys.view(teamId, retroId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/retrospectives/{retroId}', { params: { path: { retroId } } })),
  });
}

export function useCreateRetro(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateRetro) =>
      unwrap(
        await api.POST('/api/v1/teams/{teamId}/retrospectives', {
          params: { path: { teamId }, header: key() },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: retroKeys.list(teamId) }),
  });
}

export type RetroCommand =
  | { kind: 'phase'; phase: RetroPhase }
  | { kind: 'card'; column: string; text: string }
  | { kind: 'group'; cardIds: string[]; title?: string }
  | { kind: 'move'; cardId: string; groupId: string | null }
  | { kind: 'vote' | 'unvote'; groupId: string }
  | { kind: 'note'; text: string; groupId?: string }
  | { kind: 'action'; text: string; ownerId?: string | null; groupId?: string | null }
  | { kind: 'toBacklog'; actionItemId: string };

async function send(retroId: string, c: RetroCommand): Promise<unknown> {
  const path = { retroId };
  switch (c.kind) {
    case 'phase':
      return unwrap(
        await api.POST('/api/v1/retrospectives/{retroId}/phase', {
          params: { path, header: key() },
          body: { phase: c.phase },
        }),
      );
    case 'card':
      return unwrap(
        await api.POST('/api/v1/retrospectives/{retroId}/cards', {
          params: { path, header: key() },
          body: { column: c.column, text: c.text },
        }),
      );
    case 'group':
      return unwrap(
        await api.POST('/api/v1/retrospectives/{retroId}/groups', {
          params: { path, header: key() },
          body: { cardIds: c.cardIds, ...(c.title ? { title: c.title } : {}) },
        }),
      );
    case 'move':
      return unwrap(
        await api.PUT('/api/v1/retrospectives/{retroId}/cards/{cardId}/group', {
          params: { path: { retroId, cardId: c.cardId } },
          body: { groupId: c.groupId },
        }),
      );
    case 'vote':
      return unwrap(
        await api.POST('/api/v1/retrospectives/{retroId}/votes', {
          params: { path, header: key() },
          body: { groupId: c.groupId },
        }),
      );
    case 'unvote':
      return unwrap(
        await api.DELETE('/api/v1/retrospectives/{retroId}/votes/{groupId}', {
          params: { path: { retroId, groupId: c.groupId } },
        }),
      );
    case 'note':
      return unwrap(
        await api.POST('/api/v1/retrospectives/{retroId}/notes', {
          params: { path, header: key() },
          body: { text: c.text, ...(c.groupId ? { groupId: c.groupId } : {}) },
        }),
      );
    case 'action':
      return unwrap(
        await api.POST('/api/v1/retrospectives/{retroId}/action-items', {
          params: { path, header: key() },
          body: { text: c.text, ownerId: c.ownerId ?? null, groupId: c.groupId ?? null },
        }),
      );
    case 'toBacklog':
      return unwrap(
        await api.POST('/api/v1/retrospectives/{retroId}/action-items/{actionItemId}/to-backlog', {
          params: { path: { retroId, actionItemId: c.actionItemId }, header: key() },
          body: {},
        }),
      );
  }
}

/**
 * Commands answer different shapes (a card, a group, my votes…); the room reads the whole
 * retrospective again afterwards, as it does on every event: one source of what may be seen.
 */
export function useRetroCommand(teamId: string, retroId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: RetroCommand) => send(retroId, command),
    onSettled: () => queryClient.invalidateQueries({ queryKey: retroKeys.view(teamId, retroId) }),
  });
}

/** The Markdown export, as this person may see the retrospective now. */
export async function exportMarkdown(retroId: string): Promise<string> {
  return unwrap(
    await api.GET('/api/v1/retrospectives/{retroId}/export.md', {
      params: { path: { retroId } },
      parseAs: 'text',
    }),
  );
}
