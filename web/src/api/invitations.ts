import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { meKeys, teamKeys } from './keys';
import { unwrap } from './problem';
import type { components } from './schema';
import { session } from './session';

export type Invitation = components['schemas']['InvitationDto'];
export type InvitationCreated = components['schemas']['InvitationCreatedDto'];
export type InvitationPreview = components['schemas']['InvitationPreviewDto'];
export type TeamRole = Invitation['role'];

export function useInvitationPreview(token: string | undefined) {
  return useQuery({
    queryKey: ['invitation', 'preview', token],
    queryFn: async () =>
      unwrap(await api.POST('/api/v1/invitations/preview', { body: { token: token as string } })),
    enabled: Boolean(token),
    retry: false,
  });
}

/** Signed in: joins as the current account. Not signed in: creates the account and signs in. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['AcceptInvitationDto']) => {
      const accepted = unwrap(
        await api.POST('/api/v1/invitations/accept', {
          body,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      );
      if (accepted.session) session.start(accepted.session);
      return accepted;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKeys.teams }),
  });
}

export function useInvitations(teamId: string, enabled: boolean) {
  return useQuery({
    queryKey: teamKeys.invitations(teamId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/teams/{teamId}/invitations', { params: { path: { teamId } } })),
    enabled,
  });
}

export function useInvite(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components['schemas']['CreateInvitationDto']) =>
      unwrap(
        await api.POST('/api/v1/teams/{teamId}/invitations', {
          params: { path: { teamId } },
          body,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.invitations(teamId) }),
  });
}

export function useRevokeInvitation(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (invitationId: string) =>
      unwrap(
        await api.DELETE('/api/v1/teams/{teamId}/invitations/{invitationId}', {
          params: { path: { teamId, invitationId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.invitations(teamId) }),
  });
}

/** A new link is emailed (the old one stops working); the answer carries it, shown once. */
export function useResendInvitation(teamId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (invitationId: string) =>
      unwrap(
        await api.POST('/api/v1/teams/{teamId}/invitations/{invitationId}/resend', {
          params: { path: { teamId, invitationId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.invitations(teamId) }),
  });
}
