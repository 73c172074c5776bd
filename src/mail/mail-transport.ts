import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import { RuntimeConfig } from '../config/runtime-config';
import { MailRow } from './mail-message';

export interface SendOutcome {
  ok: boolean;
  /** A refusal that another try will not change (a 5xx reply): no retry. */
  permanent: boolean;
  error: string | null;
  responseCode: number | null;
}

const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** The longest a send may take (connect + greet + data), well inside the worker's lease. */
export const MAX_SEND_MS =
  TIMEOUTS.connectionTimeout + TIMEOUTS.greetingTimeout + TIMEOUTS.socketTimeout;

/** `<host>` of an address, for Message-ID. */
function domainOf(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'localhost';
}

/** The SMTP URL without its password, for the log. */
export function redactedSmtpUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString().replace(/\/$/, '');
}

/**
 * Hands a message to SMTP_URL, or, when it is unset, writes it as an RFC 822 .eml file into
 * DATA_DIR/outbox (nodemailer's stream transport builds exactly the bytes SMTP would carry),
 * so a newcomer opens what would have been sent in any mail client.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transport: Transporter;
  readonly mode: 'smtp' | 'folder';

  constructor(private readonly config: RuntimeConfig) {
    const { smtpUrl } = config.mail;
    this.mode = smtpUrl ? 'smtp' : 'folder';
    this.transport = smtpUrl
      ? createTransport({ url: smtpUrl, ...TIMEOUTS })
      : createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  /** Where the log says messages go. */
  describe(): string {
    const { smtpUrl, outboxDir } = this.config.mail;
    return smtpUrl ? redactedSmtpUrl(smtpUrl) : outboxDir;
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  async send(row: MailRow): Promise<SendOutcome> {
    const message: SendMailOptions = {
      from: this.config.mail.from,
      to: row.to_address,
      subject: row.subject,
      text: row.text_body ?? '',
      html: row.html_body ?? undefined,
      headers: row.headers,
      messageId: `<${row.id}@${domainOf(this.config.mail.from)}>`,
      date: new Date(),
    };
    try {
      const info = (await this.transport.sendMail(message)) as { message?: Buffer };
      if (this.mode === 'folder') await this.write(row, info.message);
      return { ok: true, permanent: false, error: null, responseCode: null };
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      const responseCode = typeof code === 'number' ? code : null;
      return {
        ok: false,
        permanent: responseCode !== null && responseCode >= 500,
        error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
        responseCode,
      };
    }
  }

  /** Written under a temporary name, then renamed: a reader never sees half a message. */
  private async write(row: MailRow, bytes: Buffer | undefined): Promise<void> {
    if (!bytes) throw new Error('The stream transport returned no message');
    const dir = this.config.mail.outboxDir;
    await mkdir(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${row.kind.replace(/[^a-z0-9_-]+/gi, '-')}-${row.id}.eml`;
    const temporary = join(dir, `.${name}.tmp`);
    await writeFile(temporary, bytes, { flag: 'wx', mode: 0o600 });
    await rename(temporary, join(dir, name));
  }
}
