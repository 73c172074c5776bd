import type { TeamMember } from '../../api/backlog';
import type { MemberCapacity, Planning } from '../../api/sprints';

export interface CapacityRow {
  userId: string;
  name: string;
  /** Working days away in the team's calendar (the server's). */
  absences: number;
  daysOff: number;
  /** 0–100, as the person types it; the server takes 0–1. */
  focusPercent: number;
  saved: boolean;
}

/** Who does the sprint's work: every member but stakeholders (they follow, not deliver). */
export function capacityRows(members: readonly TeamMember[], planning: Planning): CapacityRow[] {
  const saved = new Map(planning.members.map((m) => [m.userId, m]));
  const absences = new Map(planning.absences.map((a) => [a.userId, a.days]));
  return members
    .filter((m) => m.role !== 'stakeholder' || saved.has(m.userId))
    .map((m) => {
      const row = saved.get(m.userId);
      return {
        userId: m.userId,
        name: m.displayName,
        absences: absences.get(m.userId) ?? 0,
        daysOff: row?.daysOff ?? 0,
        focusPercent: Math.round((row?.focusFactor ?? 1) * 100),
        saved: Boolean(row),
      };
    });
}

/** The server's formula (report-math capacityDays), to show each row's days as it is typed. */
export function availableDays(workingDays: number, row: CapacityRow): number {
  const days = Math.max(0, workingDays - row.absences - row.daysOff) * (row.focusPercent / 100);
  return Math.round(days * 100) / 100;
}

export function toCapacity(rows: readonly CapacityRow[]): MemberCapacity[] {
  return rows.map((r) => ({
    userId: r.userId,
    daysOff: Math.max(0, r.daysOff),
    focusFactor: Math.max(0, Math.min(1, r.focusPercent / 100)),
  }));
}
