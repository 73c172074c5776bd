import { Injectable, Logger } from '@nestjs/common';
import { EventEnvelope } from './event-catalogue';

type Listener = (event: EventEnvelope) => void | Promise<void>;

/**
 * In-process fan-out of committed events (to the socket gateway, webhooks, reactions). It runs
 * after COMMIT, so a listener's failure (thrown or rejected) is logged and never reaches the
 * publisher or the other listeners.
 */
@Injectable()
export class EventBus {
  private readonly listeners = new Set<Listener>();
  private readonly logger = new Logger('EventBus');

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: EventEnvelope): void {
    for (const listener of this.listeners) {
      try {
        const pending = listener(event);
        if (pending instanceof Promise)
          pending.catch((error: unknown) => this.failed(event, error));
      } catch (error) {
        this.failed(event, error);
      }
    }
  }

  private failed(event: EventEnvelope, error: unknown): void {
    this.logger.error(
      `Listener of ${event.type} (team ${event.teamId}, seq ${event.seq}) failed: ${String(error)}`,
      error instanceof Error ? error.stack : undefined,
    );
  }
}
