import { createContext, useContext } from 'react';
import type { Retro, RetroCommand } from '../../api/retro';

/** What every part of the board needs: the retrospective as sent, who may do what, the sender. */
export interface RetroRoom {
  retro: Retro;
  meId: string | undefined;
  mayParticipate: boolean;
  mayFacilitate: boolean;
  busy: boolean;
  nameOf: (userId: string) => string;
  run: (command: RetroCommand, done?: string) => void;
}

export const RetroContext = createContext<RetroRoom | undefined>(undefined);

export function useRoom(): RetroRoom {
  const room = useContext(RetroContext);
  if (!room) throw new Error('useRoom outside the retrospective room');
  return room;
}

/** A group's title; one the server made for a lone card (entering the vote) has none: its card's text. */
export function groupTitle(retro: Retro, group: Retro['groups'][number]): string {
  if (group.title) return group.title;
  const first = retro.cards.find((c) => c.id === group.cardIds[0])?.text ?? '';
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}
