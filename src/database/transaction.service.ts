import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

type AfterCommit = () => void | Promise<void>;

/**
 * Runs a use case in one transaction: `await this.tx.run(async (m) => …)`. Everything inside
 * must use `m`. Work that must only happen once the transaction has committed (publishing
 * events to sockets) is registered with `afterCommit(m, fn)` and runs after COMMIT, never
 * after a rollback.
 */
@Injectable()
export class TransactionService {
  private readonly pending = new WeakMap<EntityManager, AfterCommit[]>();

  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let callbacks: AfterCommit[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      callbacks = [];
      this.pending.set(manager, callbacks);
      try {
        return await work(manager);
      } finally {
        this.pending.delete(manager);
      }
    });
    for (const callback of callbacks) await callback();
    return result;
  }

  afterCommit(manager: EntityManager, callback: AfterCommit): void {
    const callbacks = this.pending.get(manager);
    if (!callbacks) throw new Error('afterCommit() called outside TransactionService.run()');
    callbacks.push(callback);
  }
}
