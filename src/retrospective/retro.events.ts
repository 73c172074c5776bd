/**
 * The data of the events the retrospective module emits (listed in
 * src/events/event-catalogue.ts). The team's event log is replayed to every member, so each
 * event carries only what every reader may see when it happens: never the author of an
 * anonymous card, never the text of a card still hidden by private writing, never who voted
 * for what nor the totals before the vote phase ends. What becomes visible is carried by the
 * phase change that reveals it.
 */
export const PHASES = ['collect', 'group', 'vote', 'discuss', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export interface RetroColumn {
  key: string;
  title: string;
  prompt: string;
}

export interface RetroSnapshot {
  id: string;
  teamId: string;
  sprintId: string | null;
  ceremonyId: string | null;
  title: string;
  template: string;
  columns: RetroColumn[];
  facilitatorId: string | null;
  phase: Phase;
  anonymous: boolean;
  privateWriting: boolean;
  voteBudget: number;
  votesPerGroup: number;
  phaseEndsAt: string | null;
  previousRetrospectiveId: string | null;
  version: number;
}

/** A card as everyone may see it once visible; `authorId` is null on anonymous retrospectives. */
export interface CardSnapshot {
  id: string;
  column: string;
  text: string;
  authorId: string | null;
  groupId: string | null;
  version: number;
}

/** What everyone may know about a card still hidden by private writing. */
export type HiddenCard = {
  cardId: string;
  column: string;
};

export interface GroupSnapshot {
  id: string;
  title: string;
  cardIds: string[];
  version: number;
}

export interface ActionItemSnapshot {
  id: string;
  retrospectiveId: string;
  groupId: string | null;
  text: string;
  ownerId: string | null;
  dueDate: string | null;
  done: boolean;
  backlogItemId: string | null;
  version: number;
}

export interface TemplateSnapshot {
  id: string;
  name: string;
  columns: RetroColumn[];
}

type InRetro<T> = { retrospectiveId: string } & T;

export interface RetroEvents {
  'retro.created': { retrospective: RetroSnapshot };
  'retro.updated': { retrospective: RetroSnapshot; changes: string[] };
  'retro.phase_changed': InRetro<{
    from: Phase;
    to: Phase;
    version: number;
    endsAt: string | null;
    serverTime: string;
    /** Cards private writing hid until now (collect → group). */
    revealedCards?: CardSnapshot[];
    /** Groups of one made for the cards nobody grouped (group → vote). */
    groupsCreated?: GroupSnapshot[];
    /** Vote totals, most voted first (vote → discuss): the first moment anyone sees them. */
    results?: { groupId: string; votes: number }[];
  }>;
  'retro.timer_set': InRetro<{ phase: Phase; endsAt: string | null; serverTime: string }>;
  'retro.card_added': InRetro<{ card: CardSnapshot | HiddenCard }>;
  'retro.card_updated': InRetro<{ card: CardSnapshot | HiddenCard }>;
  'retro.card_deleted': InRetro<HiddenCard>;
  'retro.card_moved': InRetro<{
    cardId: string;
    from: string | null;
    to: string | null;
    /** Groups left empty by the move, which no longer exist. */
    deletedGroupIds: string[];
  }>;
  'retro.group_created': InRetro<{ group: GroupSnapshot; deletedGroupIds: string[] }>;
  'retro.group_updated': InRetro<{ group: GroupSnapshot }>;
  'retro.group_deleted': InRetro<{ groupId: string; cardIds: string[] }>;
  /** No voter, no group, no totals: only how many votes are in, for a progress bar. */
  'retro.votes_changed': InRetro<{ votesCast: number }>;
  'retro.note_added': InRetro<{
    note: { id: string; groupId: string | null; text: string; authorId: string | null };
  }>;
  'retro.action_item_created': InRetro<{ actionItem: ActionItemSnapshot }>;
  'retro.action_item_updated': InRetro<{ actionItem: ActionItemSnapshot; changes: string[] }>;
  'retro.action_item_linked': InRetro<{ actionItemId: string; backlogItemId: string }>;
  'retro.template_created': { template: TemplateSnapshot };
}

/** Merged into the one catalogue: the kernel lists every type without importing this module. */
declare module '../events/event-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge, not a new type
  interface EventCatalogue extends RetroEvents {}
}
