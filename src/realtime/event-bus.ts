import { Injectable } from '@nestjs/common';
import { EventEnvelope } from './event-catalogue';

type Listener = (event: EventEnvelope) => void;

/** In-process fan-out of committed events (to the socket gateway, and later webhooks). */
@Injectable()
export class EventBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: EventEnvelope): void {
    for (const listener of this.listeners) listener(event);
  }
}
