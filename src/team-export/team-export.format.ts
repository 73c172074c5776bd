import type { ItemStatus, ItemType, ReadyCheck } from '../backlog/backlog.events';

/** The first member of an export document: what it is and which version of the format. */
export const EXPORT_FORMAT = 'ritmo-team-export';
export const EXPORT_VERSION = 1;

/** An item as the export carries it (the backlog's DTO, in backlog order). */
export interface ExportedItem {
  id: string;
  type: ItemType;
  title: string;
  description: string;
  acceptanceCriteria: string[];
  estimate: number | null;
  status: ItemStatus;
  labelIds: string[];
  assigneeId: string | null;
  parentId: string | null;
  sprintId: string | null;
  readyChecklist: ReadyCheck[];
  archivedAt: string | null;
}

/** The parts of an export document an import reads; the rest (events, sprints…) is for people and archives. */
export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: number;
  team: { id: string; name: string };
  members: { userId: string; email: string }[];
  labels: { id: string; name: string }[];
  items: ExportedItem[];
}
