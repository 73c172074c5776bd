import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

export type SprintReview = components['schemas']['SprintReviewDto'];
export type ReviewDecision = components['schemas']['DecideReviewItemDto']['decision'];

/** Everything of the team's reviews under one prefix: any review event reads them again. */
export const reviewKeys = {
  all: (teamId: string) => ['team', teamId, 'reviews'] as const,
  list: (teamId: string) => ['team', teamId, 'reviews', 'list'] as const,
  view: (teamId: string, reviewId: string) => ['team', teamId, 'reviews', reviewId] as const,
};

const key = () => ({ 'Idempotency-Key': crypto.randomUUID() });

export function useReviews(teamId: string) {
  return useQuery({
    queryKey: reviewKeys.list(teamId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/teams/{teamId}/sprint-reviews', { params: { path: { teamId } } }),
      ),
  });
}

export function useReview(teamId: string, reviewId: string | undefined) {
  return useQuery({
    queryKey: reviewKeys.view(teamId, reviewId ?? ''),
    enabled: Boolean(reviewId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/sprint-reviews/{reviewId}', {
          params: { path: { reviewId: reviewId as string } },
        }),
      ),
  });
}

export type ReviewCommand =
  | { kind: 'open'; sprintId: string }
  | { kind: 'decide'; reviewId: string; itemId: string; decision: ReviewDecision }
  | { kind: 'feedback'; reviewId: string; text: string; itemId?: string }
  | { kind: 'toBacklog'; reviewId: string; feedbackId: string };

async function send(teamId: string, c: ReviewCommand): Promise<unknown> {
  switch (c.kind) {
    case 'open':
      return unwrap(
        await api.POST('/api/v1/teams/{teamId}/sprint-reviews', {
          params: { path: { teamId }, header: key() },
          body: { sprintId: c.sprintId },
        }),
      );
    case 'decide':
      return unwrap(
        await api.PUT('/api/v1/sprint-reviews/{reviewId}/items/{itemId}', {
          params: { path: { reviewId: c.reviewId, itemId: c.itemId } },
          body: { decision: c.decision },
        }),
      );
    case 'feedback':
      return unwrap(
        await api.POST('/api/v1/sprint-reviews/{reviewId}/feedback', {
          params: { path: { reviewId: c.reviewId }, header: key() },
          body: { text: c.text, ...(c.itemId ? { itemId: c.itemId } : {}) },
        }),
      );
    case 'toBacklog':
      return unwrap(
        await api.POST('/api/v1/sprint-reviews/{reviewId}/feedback/{feedbackId}/to-backlog', {
          params: { path: { reviewId: c.reviewId, feedbackId: c.feedbackId }, header: key() },
          body: {},
        }),
      );
  }
}

export function useReviewCommand(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: ReviewCommand) => send(teamId, command),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKeys.all(teamId) }),
  });
}
