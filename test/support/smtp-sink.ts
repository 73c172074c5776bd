import { AddressInfo, createServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  mail: ParsedMail;
  raw: string;
  envelopeTo: string[];
  /** The session was upgraded with STARTTLS. */
  secure: boolean;
  user: string | undefined;
}

export const SMTP_USER = 'ritmo';
export const SMTP_PASSWORD = 'sportello-posta-2026';

/** A free port on 127.0.0.1 that nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A real SMTP server for the tests (smtp-server, STARTTLS with its built-in certificate, AUTH
 * PLAIN/LOGIN), parsing every message with mailparser. `stop()` then `start()` on the same
 * port plays an outage. `reject` decides, per recipient, a permanent refusal (550).
 */
export class SmtpSink {
  readonly received: Received[] = [];
  reject: (address: string) => boolean = () => false;
  private server?: SMTPServer;
  private waiters: Array<() => void> = [];

  constructor(readonly port: number) {}

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink(await freePort());
    await sink.start();
    return sink;
  }

  /** The SMTP_URL the app uses (the test certificate is self-signed). */
  get url(): string {
    return `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${this.port}?tls.rejectUnauthorized=false`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      logger: false,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth: (auth, _session, callback) =>
        auth.username === SMTP_USER && auth.password === SMTP_PASSWORD
          ? callback(null, { user: auth.username })
          : callback(new Error('Invalid username or password')),
      onRcptTo: (address, _session, callback) => {
        if (this.reject(address.address)) {
          const error = new Error('No such mailbox here') as Error & { responseCode: number };
          error.responseCode = 550;
          return callback(error);
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((mail) => {
              this.received.push({
                mail,
                raw,
                envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                secure: session.secure,
                user: session.user as string | undefined,
              });
              for (const wake of this.waiters.splice(0)) wake();
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Waits until `count` messages (in all) arrived. */
  async waitFor(count: number, timeoutMs = 15_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`Expected ${count} messages, got ${this.received.length} in time`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received;
  }

  /** The messages to one address. */
  to(address: string): Received[] {
    return this.received.filter((r) => r.envelopeTo.includes(address));
  }
}
