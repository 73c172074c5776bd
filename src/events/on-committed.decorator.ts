import { SetMetadata } from '@nestjs/common';
import type { EventEnvelope, EventType } from './event-catalogue';

export const ON_COMMITTED = 'ritmo:on-committed';

/**
 * Declares a provider method a reaction to committed events of these types (every type when
 * none is given). CommittedHandlers finds them at boot and calls them after COMMIT through the
 * EventBus, isolated: a reaction that throws is logged and changes no answer.
 *
 *   @OnCommitted('sprint.completed')
 *   onSprintCompleted(event: EventEnvelope<'sprint.completed'>) { … }
 */
export function OnCommitted<T extends EventType>(
  ...types: T[]
): <H extends (event: EventEnvelope<T>) => unknown>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<H>,
) => void {
  return (target, key, descriptor) => {
    SetMetadata(ON_COMMITTED, types)(target, key, descriptor);
  };
}
