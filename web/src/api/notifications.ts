import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import { meKeys } from './keys';
import { unwrap } from './problem';
import type { components } from './schema';

export type Notification = components['schemas']['NotificationDto'];
export type NotificationPage = components['schemas']['NotificationPageDto'];
export type Preferences = components['schemas']['PreferencesDto'];
export type PreferencesChange = components['schemas']['UpdatePreferencesDto'];
export type Unsubscribed = components['schemas']['UnsubscribedDto'];

const LIST_LIMIT = 20;

export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: meKeys.unread,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/notifications/unread-count')).unread,
    enabled,
  });
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: meKeys.notificationList,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/me/notifications', { params: { query: { limit: LIST_LIMIT } } }),
      ),
    enabled,
  });
}

/**
 * Live frames and answers alike: a notification is applied once (by id) and the unread count is
 * taken as the server says it, never incremented, so a frame seen twice changes nothing.
 */
export function applyCreated(queryClient: QueryClient, notification: Notification, unread: number) {
  queryClient.setQueryData(meKeys.unread, unread);
  queryClient.setQueryData<NotificationPage>(meKeys.notificationList, (page) =>
    page && !page.items.some((n) => n.id === notification.id)
      ? { ...page, items: [notification, ...page.items].slice(0, LIST_LIMIT) }
      : page,
  );
}

export function applyRead(queryClient: QueryClient, ids: string[], unread: number) {
  queryClient.setQueryData(meKeys.unread, unread);
  const now = new Date().toISOString();
  queryClient.setQueryData<NotificationPage>(meKeys.notificationList, (page) =>
    page
      ? {
          ...page,
          items: page.items.map((n) =>
            ids.includes(n.id) && !n.readAt ? { ...n, readAt: now } : n,
          ),
        }
      : page,
  );
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await api.POST('/api/v1/me/notifications/{notificationId}/read', {
          params: { path: { notificationId: id } },
        }),
      ),
    onSuccess: (n) => {
      applyRead(
        queryClient,
        [n.id],
        Math.max(0, (queryClient.getQueryData<number>(meKeys.unread) ?? 1) - 1),
      );
      void queryClient.invalidateQueries({ queryKey: meKeys.unread });
    },
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/me/notifications/read-all')),
    onSuccess: (r) => applyRead(queryClient, r.ids, r.unread),
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: meKeys.notificationPreferences,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/notification-preferences')),
  });
}

export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: PreferencesChange) =>
      unwrap(await api.PATCH('/api/v1/me/notification-preferences', { body })),
    onSuccess: (prefs) => queryClient.setQueryData(meKeys.notificationPreferences, prefs),
  });
}

export function useUnsubscribe() {
  return useMutation({
    mutationFn: async (token: string) =>
      unwrap(
        await api.POST('/api/v1/notifications/unsubscribe/{token}', {
          params: { path: { token } },
          body: {},
        }),
      ),
  });
}
