import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionService } from '../database/transaction.service';
import { isLang } from '../i18n/locale';
import { OutgoingMail } from './mail-message';
import { MailRepository } from './mail.repository';
import { MailWorker } from './mail-worker';

const ADDRESS = /^[^\s@<>"',;]+@[^\s@<>"',;]+$/;
const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]{0,75}$/;

/** One line: a CR or LF in a header value would start a header of its own. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t\0]+/g, ' ').trim();
}

/**
 * The door to email: `await outbox.enqueue(m, message)` inside the transaction of the change
 * that causes the message (the transactional outbox). Nothing leaves before the commit, and a
 * rollback takes the message with it. The worker is told after the commit; other instances
 * find it at their next poll.
 */
@Injectable()
export class MailOutbox {
  constructor(
    private readonly repository: MailRepository,
    private readonly worker: MailWorker,
    private readonly tx: TransactionService,
  ) {}

  /**
   * Returns the outbox row id and `queued: false` when a message with this key was enqueued
   * before (nothing is added: at most one message per key). Throws on a malformed message,
   * which is a bug of the caller, never an input error of a request.
   */
  async enqueue(
    manager: EntityManager,
    message: OutgoingMail,
  ): Promise<{ id: string | null; queued: boolean }> {
    const to = message.to.trim();
    if (!ADDRESS.test(to) || to.length > 254) throw new Error(`Not an email address: ${to}`);
    if (message.key.length < 1 || message.key.length > 200)
      throw new Error('A mail key has 1 to 200 characters');
    if (!isLang(message.locale))
      throw new Error(`Unsupported mail locale: ${String(message.locale)}`);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      if (!HEADER_NAME.test(name)) throw new Error(`Not a header name: ${name}`);
      headers[name] = oneLine(value);
    }
    const row = await this.repository.insert(manager, {
      ...message,
      to,
      subject: oneLine(message.subject).slice(0, 300),
      headers,
    });
    try {
      this.tx.afterCommit(manager, () => this.worker.kick());
    } catch {
      // A manager opened outside TransactionService.run: the next poll finds the message.
    }
    return { id: row?.id ?? null, queued: row !== undefined };
  }
}
