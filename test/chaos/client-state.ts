import type { EventEnvelope } from '../../src/events/event-catalogue';

interface ItemView {
  title: string;
  estimate: number | null;
  rank: string;
}

/** A client's view of a team, built only from the events it applied. */
export class TeamView {
  name = '';
  readonly items = new Map<string, ItemView>();
  readonly seqs: number[] = [];

  apply(event: EventEnvelope): void {
    this.seqs.push(event.seq);
    const data = event.data as Record<string, unknown>;
    switch (event.type as string) {
      case 'team.created':
      case 'team.updated':
        this.name = (data.team as { name: string }).name;
        break;
      case 'backlog_item.created':
      case 'backlog_item.updated': {
        const item = data.item as {
          id: string;
          title: string;
          estimate: number | null;
          rank: string;
          archivedAt: string | null;
        };
        if (item.archivedAt) this.items.delete(item.id);
        else
          this.items.set(item.id, { title: item.title, estimate: item.estimate, rank: item.rank });
        break;
      }
      case 'backlog_item.ranked':
        for (const move of data.moves as { itemId: string; to: string }[]) {
          const item = this.items.get(move.itemId);
          if (item) item.rank = move.to;
        }
        break;
      case 'backlog_item.rebalanced':
        for (const entry of data.ranks as { itemId: string; rank: string }[]) {
          const item = this.items.get(entry.itemId);
          if (item) item.rank = entry.rank;
        }
        break;
      case 'backlog_item.archived':
        this.items.delete(data.itemId as string);
        break;
      default:
        break;
    }
  }

  /** Items in rank order (byte order, as the server's COLLATE "C"). */
  ordered(): { id: string; title: string; estimate: number | null }[] {
    return [...this.items.entries()]
      .sort(([, a], [, b]) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
      .map(([id, item]) => ({ id, title: item.title, estimate: item.estimate }));
  }
}
