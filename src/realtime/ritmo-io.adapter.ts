import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { RuntimeConfig } from '../config/runtime-config';

/** A message's limit, answered with an error ack; the transport closes only past 1 MB. */
export const MAX_SOCKET_MESSAGE_BYTES = 100 * 1024;
const MAX_SOCKET_PACKET_BYTES = 1024 * 1024;

/**
 * socket.io with ritmo's limits and CORS; with REDIS_URL, the official Redis adapter carries
 * every emit (and server-side emit) to all instances. If Redis is unreachable, each instance
 * keeps serving its own sockets and the clients' catch-up fills what they missed.
 */
export class RitmoIoAdapter extends IoAdapter {
  private readonly log = new Logger('RitmoIoAdapter');
  private pub?: ReturnType<typeof createClient>;
  private sub?: ReturnType<typeof createClient>;
  private readonly reconnected: (() => void)[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: RuntimeConfig,
    /** This deployment's namespace in a Redis that others may share (DeploymentService). */
    private readonly redisPrefix: string,
  ) {
    super(app);
  }

  /**
   * Called each time the adapter's subscriber is ready again after losing Redis: what other
   * instances published meanwhile never arrived, so local subscriptions are re-synced then.
   */
  onRedisReconnected(listener: () => void): void {
    this.reconnected.push(listener);
  }

  createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: MAX_SOCKET_PACKET_BYTES,
      cors:
        this.config.corsOrigins.length > 0
          ? { origin: this.config.corsOrigins.includes('*') ? true : this.config.corsOrigins }
          : undefined,
    } as ServerOptions);
    if (this.config.redisUrl) {
      const pub = createClient({ url: this.config.redisUrl });
      const sub = pub.duplicate();
      [this.pub, this.sub] = [pub, sub];
      handlePublishFailures(pub, (error) =>
        this.log.warn(`Redis publish failed: ${error.message}`),
      );
      for (const client of [pub, sub]) {
        // Once per outage: the client retries every few hundred ms and each attempt errors.
        let down = false;
        client.on('error', (error: Error) => {
          if (!down) this.log.warn(`Redis: ${error.message}`);
          down = true;
        });
        client.on('ready', () => (down = false));
        client
          .connect()
          .catch((error: Error) => this.log.warn(`Redis not reachable yet: ${error.message}`));
      }
      let readyBefore = false;
      sub.on('ready', () => {
        if (readyBefore) {
          this.log.log('Redis connection back: re-syncing local subscriptions');
          for (const listener of this.reconnected) listener();
        }
        readyBefore = true;
      });
      server.adapter(
        createAdapter(pub, sub, { key: `${this.redisPrefix}socket.io`, requestsTimeout: 2_000 }),
      );
    }
    return server;
  }

  /**
   * Other instances keep asking this one (fetchSockets for presence) while it shuts down. The
   * subscriber goes first, then pending answers get a moment to be published: closing the
   * publisher under them made the adapter reject unhandled ("The client is closed").
   */
  async close(server: Server): Promise<void> {
    await super.close(server);
    const [pub, sub] = [this.pub, this.sub];
    this.pub = this.sub = undefined;
    await sub?.quit().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pub?.quit().catch(() => undefined);
  }
}

/**
 * The redis adapter drops the promise of every PUBLISH it sends. When the connection breaks
 * with commands in flight, those promises reject ("Socket closed unexpectedly") with nobody to
 * handle them, and an unhandled rejection ends a Node process. A lost publish is only a missed
 * fan-out, which the heartbeat heals: the failure is logged, and the promise stays as it was.
 */
function handlePublishFailures(
  client: ReturnType<typeof createClient>,
  onError: (error: Error) => void,
): void {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as { publish: unknown }).publish = (...args: unknown[]) => {
    const sent = publish(...args);
    sent.catch(onError);
    return sent;
  };
}
