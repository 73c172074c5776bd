import {
  DEFAULT_CHANNELS,
  type NotificationChannel,
  type NotificationKind,
} from './notification-kinds';
import type { PreferenceRow } from './notifications.repository';

/** The team's own choice for the kind, else the choice for every team, else the default. */
export function channelFor(
  rows: readonly PreferenceRow[],
  teamId: string,
  kind: NotificationKind,
): NotificationChannel {
  return (
    rows.find((r) => r.team_id === teamId && r.kind === kind)?.channel ??
    rows.find((r) => r.team_id === null && r.kind === kind)?.channel ??
    DEFAULT_CHANNELS[kind]
  );
}
