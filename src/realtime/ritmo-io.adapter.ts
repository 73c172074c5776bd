import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { RuntimeConfig } from '../config/runtime-config';

export const MAX_SOCKET_MESSAGE_BYTES = 100 * 1024;

/**
 * socket.io with ritmo's limits and CORS; with REDIS_URL, the official Redis adapter carries
 * every emit (and server-side emit) to all instances. If Redis is unreachable, each instance
 * keeps serving its own sockets and the clients' catch-up fills what they missed.
 */
export class RitmoIoAdapter extends IoAdapter {
  private readonly log = new Logger('RitmoIoAdapter');
  private readonly clients: ReturnType<typeof createClient>[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: RuntimeConfig,
  ) {
    super(app);
  }

  createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
      cors:
        this.config.corsOrigins.length > 0
          ? { origin: this.config.corsOrigins.includes('*') ? true : this.config.corsOrigins }
          : undefined,
    } as ServerOptions);
    if (this.config.redisUrl) {
      const pub = createClient({ url: this.config.redisUrl });
      const sub = pub.duplicate();
      for (const client of [pub, sub]) {
        client.on('error', (error: Error) => this.log.warn(`Redis: ${error.message}`));
        this.clients.push(client);
        client
          .connect()
          .catch((error: Error) => this.log.warn(`Redis not reachable yet: ${error.message}`));
      }
      server.adapter(createAdapter(pub, sub, { requestsTimeout: 2_000 }));
    }
    return server;
  }

  async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.splice(0).map((client) => client.quit().catch(() => undefined)));
  }
}
