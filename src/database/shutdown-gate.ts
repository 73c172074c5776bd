import { Injectable } from '@nestjs/common';

/**
 * Closed at the shutdown's drain deadline (SHUTDOWN_DRAIN_MS): the requests still running are
 * answered 503 then, so none of them may commit afterwards — TransactionService asks here
 * just before each COMMIT and rolls back instead, which also frees their Idempotency-Keys.
 */
/** A COMMIT refused past the drain deadline; the edge answers it as 503 `shutting-down`. */
export class CommitRefusedError extends Error {
  constructor() {
    super('The server is shutting down: the transaction was rolled back instead of committed');
    this.name = 'CommitRefusedError';
  }
}

@Injectable()
export class ShutdownGate {
  private closed = false;

  close(): void {
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Throws CommitRefusedError once closed. */
  assertOpen(): void {
    if (this.closed) throw new CommitRefusedError();
  }
}
