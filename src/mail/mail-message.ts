import type { Lang } from '../i18n/locale';

/**
 * One email to enqueue (MailOutbox.enqueue). Everything the message says is rendered by the
 * caller (src/mail/templates) in the recipient's language before it is enqueued, so the worker
 * only delivers.
 */
export interface OutgoingMail {
  /**
   * The message id: a second enqueue with the same key adds nothing, so a retried use case or
   * two instances reacting to one event send one email. 1–200 characters, e.g.
   * `invitation:<invitationId>:<sendNumber>`, `password-reset:<resetId>`.
   */
  key: string;
  /** The recipient's address. */
  to: string;
  /** The recipient's account, when there is one (null for an invitation to a new address). */
  userId?: string | null;
  /** The workspace whose admins see this message if it fails (null: instance admins only). */
  workspaceId?: string | null;
  locale: Lang;
  /** What it is, for admins and logs: 'invitation', 'password_reset', 'notification.mention'… */
  kind: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post. */
  headers?: Record<string, string>;
}

export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface MailRow {
  id: string;
  dedupe_key: string;
  kind: string;
  locale: Lang;
  to_address: string;
  user_id: string | null;
  workspace_id: string | null;
  subject: string;
  text_body: string | null;
  html_body: string | null;
  headers: Record<string, string>;
  status: MailStatus;
  attempts: number;
  next_attempt_at: Date;
  claim_id: string | null;
  lease_until: Date | null;
  last_error: string | null;
  last_response_code: number | null;
  created_at: Date;
  sent_at: Date | null;
  failed_at: Date | null;
}
