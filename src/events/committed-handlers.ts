import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EventBus } from './event-bus';
import type { EventEnvelope, EventType } from './event-catalogue';
import { ON_COMMITTED } from './on-committed.decorator';

type Handler = (event: EventEnvelope) => unknown;

/**
 * Subscribes every @OnCommitted method of every provider to the bus, once, at module init
 * (before anything can commit): reactions are declared where they live, not wired by hand.
 */
@Injectable()
export class CommittedHandlers implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CommittedHandlers');
  private readonly unsubscribes: (() => void)[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly bus: EventBus,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.isDependencyTreeStatic() || !instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[name];
        if (typeof method !== 'function') continue;
        const types = this.reflector.get<EventType[] | undefined>(ON_COMMITTED, method as Handler);
        if (!types) continue;
        this.register(instance, method as Handler, new Set(types));
        this.logger.debug(
          `${instance.constructor.name}.${name} reacts to ${types.join(', ') || 'every event'}`,
        );
      }
    }
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  private register(instance: object, method: Handler, types: Set<EventType>): void {
    this.unsubscribes.push(
      this.bus.subscribe((event) =>
        types.size === 0 || types.has(event.type)
          ? (method.call(instance, event) as void | Promise<void>)
          : undefined,
      ),
    );
  }
}
