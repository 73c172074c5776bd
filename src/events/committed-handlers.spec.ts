import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { CommittedHandlers } from './committed-handlers';
import { EventBus } from './event-bus';
import type { EventEnvelope, EventType } from './event-catalogue';
import { OnCommitted } from './on-committed.decorator';

@Injectable()
class Reactions {
  readonly seen: string[] = [];

  @OnCommitted('sprint.completed')
  completed(event: EventEnvelope<'sprint.completed'>): void {
    this.seen.push(`completed:${event.seq}`);
  }

  @OnCommitted('team.created', 'team.updated')
  async team(event: EventEnvelope<'team.created' | 'team.updated'>): Promise<void> {
    await Promise.resolve();
    this.seen.push(`team:${event.seq}`);
  }

  @OnCommitted()
  every(event: EventEnvelope): void {
    this.seen.push(`every:${event.seq}`);
  }

  @OnCommitted('sprint.completed')
  broken(): void {
    throw new Error('reaction broke');
  }

  /** Not declared: never called by the bus. */
  plain(event: EventEnvelope): void {
    this.seen.push(`plain:${event.seq}`);
  }
}

const event = (type: EventType, seq: number) =>
  ({ seq, id: `e${seq}`, teamId: 't', type, occurredAt: '', actorId: null, data: {} }) as never;

describe('@OnCommitted', () => {
  it('subscribes declared methods at boot, by type, isolated from each other', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const ref = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [EventBus, CommittedHandlers, Reactions],
    }).compile();
    await ref.init();
    const bus = ref.get(EventBus);
    const reactions = ref.get(Reactions);

    bus.publish(event('sprint.completed', 1));
    bus.publish(event('team.updated', 2));
    bus.publish(event('backlog_item.created', 3));
    await new Promise((resolve) => setImmediate(resolve));

    expect(reactions.seen.sort()).toEqual(
      ['completed:1', 'every:1', 'every:2', 'every:3', 'team:2'].sort(),
    );
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0][0])).toContain('sprint.completed');

    await ref.close();
    bus.publish(event('sprint.completed', 4));
    expect(reactions.seen).not.toContain('completed:4');
    errors.mockRestore();
  });
});
