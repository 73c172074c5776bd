/**
 * What ritmo notifies about, and how each person wants to hear about it (docs/notifications.md).
 * The defaults are calm on purpose: only a mention interrupts by email; the rest waits in the
 * bell and in the morning digest.
 */
export const NOTIFICATION_KINDS = [
  'mentioned',
  'assigned',
  'status_changed',
  'impediment_resolved',
  'invited',
  'ceremony_starting',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * off: nothing. in_app: the bell only. email: the bell and an email at once. digest: the bell,
 * and a line in the next daily digest instead of an email of its own.
 */
export const NOTIFICATION_CHANNELS = ['off', 'in_app', 'email', 'digest'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const DEFAULT_CHANNELS: Record<NotificationKind, NotificationChannel> = {
  mentioned: 'email',
  assigned: 'digest',
  status_changed: 'digest',
  impediment_resolved: 'digest',
  // The invitation itself is an email already (src/mail): a second one would say the same.
  invited: 'in_app',
  // Fifteen minutes before is the only useful moment; today's ceremonies are in the digest.
  ceremony_starting: 'in_app',
};

export const DEFAULT_DIGEST_TIME = '08:00';
export const DEFAULT_DIGEST_DAYS = [1, 2, 3, 4, 5];
export const DEFAULT_TIMEZONE = 'Europe/Rome';

/** The minutes before a ceremony's start at which its reminder goes out. */
export const REMINDER_LEAD_MINUTES = 15;
