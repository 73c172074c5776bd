import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ShutdownGate } from './shutdown-gate';

type AfterCommit = () => void | Promise<void>;

/**
 * Something the surrounding request adds to its first transaction that changes data, e.g. the
 * idempotency record: `begin` runs first inside each transaction until one has joined (it may
 * take a lock, or throw to do nothing), `beforeCommit` runs last with what the work returned,
 * so its writes commit or roll back together with the change. A transaction that wrote nothing
 * (a read before the change) is not joined: the next one is offered the participant.
 */
export interface TransactionParticipant {
  begin(manager: EntityManager): Promise<void>;
  beforeCommit(manager: EntityManager, result: unknown): Promise<void>;
}

interface ParticipantScope {
  participant: TransactionParticipant;
  /** Taken by a running transaction; handed back when it rolls back or wrote nothing. */
  claimed: boolean;
}

const scopes = new AsyncLocalStorage<ParticipantScope>();

/** PostgreSQL assigns a transaction id at its first write, not before. */
async function wroteSomething(manager: EntityManager): Promise<boolean> {
  const rows: { wrote: boolean }[] = await manager.query(
    'SELECT txid_current_if_assigned() IS NOT NULL AS wrote',
  );
  return rows[0]?.wrote === true;
}

/**
 * Runs a use case in one transaction: `await this.tx.run(async (m) => …)`. Everything inside
 * must use `m`. Work that must only happen once the transaction has committed (publishing
 * events to sockets) is registered with `afterCommit(m, fn)` and runs after COMMIT, never
 * after a rollback. After COMMIT nothing may turn the answer into an error: each callback is
 * isolated and a failure is logged, not thrown.
 */
@Injectable()
export class TransactionService {
  private readonly pending = new WeakMap<EntityManager, AfterCommit[]>();
  private readonly logger = new Logger('TransactionService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly gate: ShutdownGate,
  ) {}

  /** Runs `fn` with a participant that joins the first transaction `fn` opens (if any). */
  static withParticipant<T>(participant: TransactionParticipant, fn: () => T): T {
    return scopes.run({ participant, claimed: false }, fn);
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const scope = scopes.getStore();
    const participant = scope && !scope.claimed ? scope.participant : undefined;
    if (scope && participant) scope.claimed = true;
    let callbacks: AfterCommit[] = [];
    let joined = false;
    let result: T;
    try {
      result = await this.dataSource.transaction(async (manager) => {
        callbacks = [];
        this.pending.set(manager, callbacks);
        try {
          await participant?.begin(manager);
          const value = await work(manager);
          if (participant && (await wroteSomething(manager))) {
            await participant.beforeCommit(manager, value);
            joined = true;
          }
          // Past the drain deadline the client was already told 503: roll back, never commit.
          this.gate.assertOpen();
          return value;
        } finally {
          this.pending.delete(manager);
        }
      });
    } finally {
      if (scope && participant && !joined) scope.claimed = false;
    }
    for (const callback of callbacks) {
      try {
        await callback();
      } catch (error) {
        this.logger.error(
          `After-commit work failed (the change is committed): ${String(error)}`,
          error instanceof Error ? error.stack : undefined,
        );
      }
    }
    return result;
  }

  afterCommit(manager: EntityManager, callback: AfterCommit): void {
    const callbacks = this.pending.get(manager);
    if (!callbacks) throw new Error('afterCommit() called outside TransactionService.run()');
    callbacks.push(callback);
  }
}
