import { Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { createClient } from 'redis';
import { RuntimeConfig } from '../../config/runtime-config';
import { DeploymentService } from '../../database/deployment.service';

/** A fixed window per key; past the limit the key is blocked for `blockMs`. */
const HIT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return {0, 0, blocked} end
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, ttl, tonumber(ARGV[3])}
end
return {hits, ttl, 0}`;

interface Window {
  hits: number;
  resetsAt: number;
  blockedUntil: number;
}
const MAX_LOCAL_KEYS = 50_000;

/**
 * Rate-limit counters. With REDIS_URL they live in Redis under the deployment's prefix, so every
 * instance counts against one budget; without it (or while Redis is unreachable) in this
 * process, which is exact for one instance and per instance otherwise.
 */
@Injectable()
export class RateLimitStore implements ThrottlerStorage, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RateLimitStore');
  private readonly local = new Map<string, Window>();
  private redis?: ReturnType<typeof createClient>;
  private prefix = '';
  private warned = false;

  constructor(
    private readonly config: RuntimeConfig,
    private readonly deployment: DeploymentService,
  ) {}

  async onModuleInit(): Promise<void> {
    // Reached through two modules, Nest calls this hook twice on the one instance.
    if (!this.config.redisUrl || this.redis) return;
    // Without an offline queue a command fails at once while Redis is away: counted locally.
    const client = createClient({ url: this.config.redisUrl, disableOfflineQueue: true });
    this.redis = client;
    this.prefix = `${await this.deployment.redisPrefix()}rl:`;
    client.on('error', (error: Error) => this.warnOnce(error));
    client.on('ready', () => (this.warned = false));
    client.connect().catch((error: Error) => this.warnOnce(error));
  }

  async onModuleDestroy(): Promise<void> {
    const client = this.redis;
    this.redis = undefined;
    if (client?.isOpen) await client.quit().catch(() => undefined);
  }

  /** ThrottlerStorage: times in the record are seconds. */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): ReturnType<ThrottlerStorage['increment']> {
    const [hits, ttlMs, blockMs] = await this.hit(key, ttl, limit, blockDuration);
    return {
      totalHits: hits,
      timeToExpire: Math.ceil(ttlMs / 1000),
      isBlocked: blockMs > 0,
      timeToBlockExpire: Math.ceil(blockMs / 1000),
    };
  }

  /** Seconds the key stays blocked (0: not blocked), without counting a hit. */
  async blockedSeconds(key: string): Promise<number> {
    if (this.redis?.isReady) {
      try {
        const ms = Number(await this.redis.pTTL(`${this.prefix}${key}:block`));
        return ms > 0 ? Math.ceil(ms / 1000) : 0;
      } catch (error) {
        this.warnOnce(error as Error);
      }
    }
    const window = this.local.get(key);
    const left = (window?.blockedUntil ?? 0) - Date.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** [hits, ms until the window resets, ms blocked (0: not blocked)]. */
  async hit(
    key: string,
    ttlMs: number,
    limit: number,
    blockMs: number,
  ): Promise<[number, number, number]> {
    if (this.redis?.isReady) {
      try {
        const reply = (await this.redis.eval(HIT, {
          keys: [`${this.prefix}${key}`, `${this.prefix}${key}:block`],
          arguments: [String(ttlMs), String(limit), String(blockMs)],
        })) as number[];
        return [Number(reply[0]), Number(reply[1]), Number(reply[2])];
      } catch (error) {
        this.warnOnce(error as Error);
      }
    }
    return this.hitLocally(key, ttlMs, limit, blockMs);
  }

  private hitLocally(
    key: string,
    ttlMs: number,
    limit: number,
    blockMs: number,
  ): [number, number, number] {
    const now = Date.now();
    let window = this.local.get(key);
    if (window && window.blockedUntil > now) return [0, 0, window.blockedUntil - now];
    if (!window || window.resetsAt <= now) {
      window = { hits: 0, resetsAt: now + ttlMs, blockedUntil: 0 };
      this.local.delete(key);
      this.local.set(key, window);
      if (this.local.size > MAX_LOCAL_KEYS) this.prune(now);
    }
    window.hits += 1;
    if (window.hits > limit) {
      window.blockedUntil = now + blockMs;
      return [window.hits, window.resetsAt - now, blockMs];
    }
    return [window.hits, window.resetsAt - now, 0];
  }

  private prune(now: number): void {
    for (const [key, window] of this.local) {
      if (window.resetsAt <= now && window.blockedUntil <= now) this.local.delete(key);
    }
    while (this.local.size > MAX_LOCAL_KEYS) {
      const oldest = this.local.keys().next().value as string;
      this.local.delete(oldest);
    }
  }

  private warnOnce(error: Error): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(`Redis for rate limits: ${error.message}; counting in this instance`);
  }
}

/** Its own module, so that ThrottlerModule's factory and the identity services share one store. */
@Module({ providers: [RateLimitStore], exports: [RateLimitStore] })
export class RateLimitModule {}
