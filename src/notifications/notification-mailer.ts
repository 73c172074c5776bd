import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RuntimeConfig } from '../config/runtime-config';
import type { Lang } from '../i18n/locale';
import { MailOutbox } from '../mail/mail-outbox';
import type { NotificationKind } from './notification-kinds';
import { escapeHtml, MAIL_TEXTS } from './notification-texts';
import { signUnsubscribe, type Unsubscribe } from './unsubscribe-links';

export interface NotificationMail {
  key: string;
  to: string;
  userId: string;
  workspaceId: string | null;
  locale: Lang;
  kind: NotificationKind | 'digest';
  subject: string;
  /** Paragraphs of plain text; each becomes a <p> (or a list when it is an array). */
  blocks: (string | { heading: string; lines: string[] })[];
  /** A path of the web client to open. */
  link: string;
  team: string;
  unsubscribe: Unsubscribe;
}

/**
 * Renders notification emails (plain text and HTML, the recipient's language) with their
 * one-click unsubscribe link, and enqueues them in the mail outbox in the caller's
 * transaction: the email is sent only if the notification committed, and at most once.
 */
@Injectable()
export class NotificationMailer {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly config: RuntimeConfig,
  ) {}

  unsubscribeUrl(u: Unsubscribe): string {
    return `${this.config.publicUrl}/api/v1/notifications/unsubscribe/${signUnsubscribe(this.config.jwtSecret, u)}`;
  }

  /** The page of the web client that asks before turning the emails off (for people). */
  unsubscribePage(u: Unsubscribe): string {
    return `${this.config.publicUrl}/unsubscribe?token=${signUnsubscribe(this.config.jwtSecret, u)}`;
  }

  async enqueue(m: EntityManager, mail: NotificationMail): Promise<void> {
    const t = MAIL_TEXTS[mail.locale];
    const open = `${this.config.publicUrl}${mail.link}`;
    const oneClick = this.unsubscribeUrl(mail.unsubscribe);
    const page = this.unsubscribePage(mail.unsubscribe);
    const stop = mail.kind === 'digest' ? t.digestUnsubscribe : t.unsubscribe;
    const text = [
      ...mail.blocks.map((b) =>
        typeof b === 'string' ? b : [b.heading, ...b.lines.map((l) => `- ${l}`)].join('\n'),
      ),
      `${t.open}: ${open}`,
      '--',
      mail.team ? t.footer(mail.team) : '',
      `${stop}: ${page}`,
    ]
      .filter((l) => l !== '')
      .join('\n\n');
    const html = [
      `<!doctype html><html lang="${mail.locale}"><body>`,
      ...mail.blocks.map((b) =>
        typeof b === 'string'
          ? `<p>${escapeHtml(b)}</p>`
          : `<h2>${escapeHtml(b.heading)}</h2><ul>${b.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
      ),
      `<p><a href="${escapeHtml(open)}">${escapeHtml(t.open)}</a></p>`,
      '<hr>',
      mail.team ? `<p>${escapeHtml(t.footer(mail.team))}</p>` : '',
      `<p><a href="${escapeHtml(page)}">${escapeHtml(stop)}</a></p>`,
      '</body></html>',
    ].join('');
    await this.outbox.enqueue(m, {
      key: mail.key,
      to: mail.to,
      userId: mail.userId,
      workspaceId: mail.workspaceId,
      locale: mail.locale,
      kind: mail.kind === 'digest' ? 'notification.digest' : `notification.${mail.kind}`,
      subject: mail.subject,
      text,
      html,
      headers: {
        'List-Unsubscribe': `<${oneClick}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  }
}
