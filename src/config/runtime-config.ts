import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppConfig, LogLevel } from './app-config';

/**
 * The configuration the application runs with, once the environment is validated and the
 * values that depend on the machine (embedded database URL, generated JWT secret) are known.
 * Injected by class token everywhere.
 */
export class RuntimeConfig {
  port: number;
  databaseUrl: string;
  embedded: boolean;
  dataDir: string;
  redisUrl?: string;
  /** REDIS_PREFIX as set; unset, DeploymentService derives one from the database. */
  redisPrefix?: string;
  jwtSecret: string;
  corsOrigins: string[];
  /** Where people open ritmo (PUBLIC_URL, else http://localhost:PORT), for absolute URLs. */
  publicUrl: string;
  logLevel: LogLevel;
  allowSignup: boolean;
  rateLimitPerMinute: number;
  authRateLimitPerMinute: number;
  /** Fastify's trustProxy: whose X-Forwarded-For to believe for the client's address. */
  trustProxy: false | number | string[];
  eventRetentionDays: number;
  webhooks: {
    allowPrivate: boolean;
    allowHttp: boolean;
    retryBaseMs: number;
    pollMs: number;
    /** The whole of one delivery (connect, headers and body), whatever the receiver does. */
    timeoutMs: number;
  };
  /** How often each instance tells subscribers their teams' current seq (and heals its own gaps). */
  realtimeHeartbeatMs: number;
  /** After SIGTERM, how long running requests may finish before they are answered 503. */
  shutdownDrainMs: number;
  /** smtpUrl undefined: messages are written to `outboxDir` as .eml files. */
  mail: {
    smtpUrl?: string;
    from: string;
    outboxDir: string;
    retryBaseMs: number;
    pollMs: number;
  };
  /** The largest file an import accepts. */
  importMaxBytes: number;

  static of(config: AppConfig, databaseUrl: string, jwtSecret: string): RuntimeConfig {
    const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
    return Object.assign(new RuntimeConfig(), {
      port: config.PORT,
      databaseUrl,
      embedded: config.embedded,
      dataDir: resolve(config.DATA_DIR),
      redisUrl: config.REDIS_URL,
      redisPrefix: config.REDIS_PREFIX,
      jwtSecret,
      corsOrigins: config.CORS_ORIGINS,
      publicUrl,
      logLevel: config.LOG_LEVEL,
      allowSignup: config.ALLOW_SIGNUP === 'true',
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      authRateLimitPerMinute: config.AUTH_RATE_LIMIT_PER_MINUTE,
      trustProxy: trustProxy(config.TRUST_PROXY),
      eventRetentionDays: config.EVENT_RETENTION_DAYS,
      realtimeHeartbeatMs: config.REALTIME_HEARTBEAT_MS,
      shutdownDrainMs: config.SHUTDOWN_DRAIN_MS,
      webhooks: {
        allowPrivate: config.WEBHOOK_ALLOW_PRIVATE === 'true',
        allowHttp: config.WEBHOOK_ALLOW_HTTP === 'true',
        retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
        pollMs: config.WEBHOOK_POLL_MS,
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      },
      mail: {
        smtpUrl: config.SMTP_URL,
        from: config.MAIL_FROM ?? defaultFrom(publicUrl),
        outboxDir: join(resolve(config.DATA_DIR), 'outbox'),
        retryBaseMs: config.MAIL_RETRY_BASE_MS,
        pollMs: config.MAIL_POLL_MS,
      },
      importMaxBytes: config.IMPORT_MAX_MB * 1024 * 1024,
    });
  }
}

function trustProxy(value: string): false | number | string[] {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim());
}

/** `ritmo <noreply@host of PUBLIC_URL>`: a sender that names the installation. */
function defaultFrom(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  return `ritmo <noreply@${host.includes('.') ? host : `${host}.localdomain`}>`;
}

/**
 * With a real database the secret must come from the environment (validated in loadConfig).
 * In embedded mode a random secret is generated on first start and kept under DATA_DIR, so
 * sessions survive restarts without anyone having to invent a secret.
 */
export async function resolveJwtSecret(config: AppConfig): Promise<string> {
  if (config.JWT_SECRET !== undefined) return config.JWT_SECRET;
  if (!config.embedded) throw new Error('JWT_SECRET is required when DATABASE_URL is set');
  const dir = resolve(config.DATA_DIR);
  const file = join(dir, 'jwt-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
