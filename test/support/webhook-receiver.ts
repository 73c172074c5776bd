import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  json: { seq: number | null; type: string; id: string; teamId: string; data: unknown };
  answered: number;
}

/** A real HTTP endpoint for webhook tests; `respond` decides each answer (status, or hang). */
export class WebhookReceiver {
  readonly received: Received[] = [];
  respond: (request: Received) => number | 'hang' = () => 200;
  private server: Server;
  url: string;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const entry: Received = {
          headers: req.headers,
          body,
          json: JSON.parse(body) as Received['json'],
          answered: 0,
        };
        const answer = this.respond(entry);
        this.received.push(entry);
        if (answer === 'hang') return;
        entry.answered = answer;
        res
          .writeHead(answer, { 'content-type': 'text/plain' })
          .end(answer < 300 ? 'ok' : 'receiver says no');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
    return this;
  }

  succeeded(): Received[] {
    return this.received.filter((r) => r.answered >= 200 && r.answered < 300);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** How a receiver verifies ritmo's signature (the same code is in docs/webhooks.md). */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  toleranceSeconds = 300,
): boolean {
  const parts = header.split(',').map((part) => part.split('=') as [string, string]);
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds)
    return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  return parts
    .filter(([key]) => key === 'v1')
    .some(([, hex]) => {
      const given = Buffer.from(hex, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
