import { Injectable } from '@nestjs/common';
import { MailRow } from './mail-message';
import { MailRepository } from './mail.repository';

export interface MailFailure {
  id: string;
  kind: string;
  to: string;
  userId: string | null;
  workspaceId: string | null;
  subject: string;
  attempts: number;
  lastError: string | null;
  lastResponseCode: number | null;
  createdAt: Date;
  failedAt: Date;
}

function toFailure(row: MailRow): MailFailure {
  return {
    id: row.id,
    kind: row.kind,
    to: row.to_address,
    userId: row.user_id,
    workspaceId: row.workspace_id,
    subject: row.subject,
    attempts: row.attempts,
    lastError: row.last_error,
    lastResponseCode: row.last_response_code,
    createdAt: row.created_at,
    failedAt: row.failed_at ?? row.created_at,
  };
}

/**
 * Reads the messages that could not be delivered, newest first. No access check here: the
 * caller (src/mail-admin) authorizes with the access policy first.
 */
@Injectable()
export class MailFailures {
  constructor(private readonly repository: MailRepository) {}

  /** `after`: the id of the last message of the previous page. */
  async list(
    scope: { workspaceId: string } | 'all',
    limit: number,
    after?: string,
  ): Promise<MailFailure[]> {
    return (await this.repository.failures(scope, limit, after)).map(toFailure);
  }
}
