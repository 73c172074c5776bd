import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidationError,
  validateSync,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const PORT_MESSAGE = 'PORT must be an integer between 0 and 65535';
const PROXY_ADDRESS =
  '(loopback|linklocal|uniquelocal|(\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]*)(/\\d{1,3})?)';
const TRUST_PROXY_FORM = new RegExp(
  `^(false|\\d{1,2}|${PROXY_ADDRESS}(\\s*,\\s*${PROXY_ADDRESS})*)$`,
);

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * The process environment, typed and validated once at start-up.
 * Every variable is documented in `.env.example`; keep the two in step.
 */
export class AppConfig {
  @Transform(({ value }: { value: unknown }) => (value === undefined ? 3000 : Number(value)))
  @IsInt({ message: PORT_MESSAGE })
  @Min(0, { message: PORT_MESSAGE })
  @Max(65535, { message: PORT_MESSAGE })
  PORT: number;

  @Transform(({ value }: { value: unknown }) => emptyToUndefined({ value }) ?? '0.0.0.0')
  @IsString()
  HOST: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
  })
  DATABASE_URL?: string;

  @Transform(({ value }: { value: unknown }) => emptyToUndefined({ value }) ?? './data')
  @IsString()
  DATA_DIR: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, {
    message: 'REDIS_PREFIX must be 1 to 64 letters, digits or _ . : -',
  })
  REDIS_PREFIX?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin.length > 0)
      : [],
  )
  @Matches(/^(\*|https?:\/\/[^\s/]+)$/, {
    each: true,
    message: 'CORS_ORIGINS must be a comma-separated list of http(s)://host[:port] origins or *',
  })
  CORS_ORIGINS: string[];

  // Every absolute URL the server hands out (calendar feeds, the first-run link) is built from
  // this, never from the request's Host header, which a client chooses.
  @Transform(({ value }: { value: unknown }) => {
    const v = emptyToUndefined({ value });
    return typeof v === 'string' ? v.trim().replace(/\/+$/, '') : v;
  })
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message:
      'PUBLIC_URL must be the http(s) address people open ritmo at, e.g. https://ritmo.comune.example (no query or fragment)',
  })
  PUBLIC_URL?: string;

  @Transform(({ value }: { value: unknown }) => emptyToUndefined({ value }) ?? 'info')
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel;

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : 'true',
  )
  @IsIn(['true', 'false'], { message: 'ALLOW_SIGNUP must be true or false' })
  ALLOW_SIGNUP: 'true' | 'false';

  @Transform(({ value }: { value: unknown }) => (value === undefined ? 600 : Number(value)))
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be a positive integer' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be a positive integer' })
  RATE_LIMIT_PER_MINUTE: number;

  @Transform(({ value }: { value: unknown }) => (value === undefined ? 10 : Number(value)))
  @IsInt({ message: 'AUTH_RATE_LIMIT_PER_MINUTE must be a positive integer' })
  @Min(1, { message: 'AUTH_RATE_LIMIT_PER_MINUTE must be a positive integer' })
  AUTH_RATE_LIMIT_PER_MINUTE: number;

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : 'false',
  )
  @Matches(TRUST_PROXY_FORM, {
    message:
      'TRUST_PROXY must be false, the number of proxies in front of ritmo (e.g. 1), or their addresses (e.g. 127.0.0.1,10.0.0.0/8)',
  })
  TRUST_PROXY: string;

  @Transform(({ value }: { value: unknown }) => (value === undefined ? 30 : Number(value)))
  @IsInt({ message: 'EVENT_RETENTION_DAYS must be a positive integer' })
  @Min(1, { message: 'EVENT_RETENTION_DAYS must be a positive integer' })
  EVENT_RETENTION_DAYS: number;

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : 'false',
  )
  @IsIn(['true', 'false'], { message: 'WEBHOOK_ALLOW_PRIVATE must be true or false' })
  WEBHOOK_ALLOW_PRIVATE: 'true' | 'false';

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : 'false',
  )
  @IsIn(['true', 'false'], { message: 'WEBHOOK_ALLOW_HTTP must be true or false' })
  WEBHOOK_ALLOW_HTTP: 'true' | 'false';

  @Transform(({ value }: { value: unknown }) => (value === undefined ? 60_000 : Number(value)))
  @IsInt({ message: 'WEBHOOK_RETRY_BASE_MS must be a positive integer' })
  @Min(1, { message: 'WEBHOOK_RETRY_BASE_MS must be a positive integer' })
  WEBHOOK_RETRY_BASE_MS: number;

  @Transform(({ value }: { value: unknown }) => (value === undefined ? 1_000 : Number(value)))
  @IsInt({ message: 'WEBHOOK_POLL_MS must be a positive integer' })
  @Min(10, { message: 'WEBHOOK_POLL_MS must be at least 10' })
  WEBHOOK_POLL_MS: number;

  @Transform(({ value }: { value: unknown }) => (value === undefined ? 10_000 : Number(value)))
  @IsInt({ message: 'WEBHOOK_TIMEOUT_MS must be an integer between 100 and 60000' })
  @Min(100, { message: 'WEBHOOK_TIMEOUT_MS must be an integer between 100 and 60000' })
  @Max(60_000, { message: 'WEBHOOK_TIMEOUT_MS must be an integer between 100 and 60000' })
  WEBHOOK_TIMEOUT_MS: number;

  @Transform(({ value }: { value: unknown }) => (value === undefined ? 2_000 : Number(value)))
  @IsInt({ message: 'REALTIME_HEARTBEAT_MS must be an integer between 100 and 60000' })
  @Min(100, { message: 'REALTIME_HEARTBEAT_MS must be an integer between 100 and 60000' })
  @Max(60_000, { message: 'REALTIME_HEARTBEAT_MS must be an integer between 100 and 60000' })
  REALTIME_HEARTBEAT_MS: number;

  @Transform(({ value }: { value: unknown }) => (value === undefined ? 10_000 : Number(value)))
  @IsInt({ message: 'SHUTDOWN_DRAIN_MS must be an integer between 0 and 600000' })
  @Min(0, { message: 'SHUTDOWN_DRAIN_MS must be an integer between 0 and 600000' })
  @Max(600_000, { message: 'SHUTDOWN_DRAIN_MS must be an integer between 0 and 600000' })
  SHUTDOWN_DRAIN_MS: number;

  // Outgoing email. Unset: every message is written as an .eml file under DATA_DIR/outbox.
  @Transform(({ value }: { value: unknown }) => {
    const v = emptyToUndefined({ value });
    return typeof v === 'string' ? v.trim() : v;
  })
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s/?#]+(:\d+)?\/?(\?\S*)?$/, {
    message:
      'SMTP_URL must be smtp://[user:password@]host[:port] (STARTTLS) or smtps://… (TLS from the start)',
  })
  SMTP_URL?: string;

  @Transform(({ value }: { value: unknown }) => {
    const v = emptyToUndefined({ value });
    return typeof v === 'string' ? v.trim() : v;
  })
  @IsOptional()
  @Matches(/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message:
      'MAIL_FROM must be an address, e.g. ritmo@comune.example or "ritmo <ritmo@comune.example>"',
  })
  MAIL_FROM?: string;

  @Transform(({ value }: { value: unknown }) => (value === undefined ? 30_000 : Number(value)))
  @IsInt({ message: 'MAIL_RETRY_BASE_MS must be a positive integer' })
  @Min(1, { message: 'MAIL_RETRY_BASE_MS must be a positive integer' })
  MAIL_RETRY_BASE_MS: number;

  @Transform(({ value }: { value: unknown }) => (value === undefined ? 1_000 : Number(value)))
  @IsInt({ message: 'MAIL_POLL_MS must be a positive integer' })
  @Min(10, { message: 'MAIL_POLL_MS must be at least 10' })
  MAIL_POLL_MS: number;

  @Transform(({ value }: { value: unknown }) => (value === undefined ? 50 : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_MB must be a whole number of megabytes from 1 to 1024' })
  @Min(1, { message: 'IMPORT_MAX_MB must be a whole number of megabytes from 1 to 1024' })
  @Max(1024, { message: 'IMPORT_MAX_MB must be a whole number of megabytes from 1 to 1024' })
  IMPORT_MAX_MB: number;

  get embedded(): boolean {
    return this.DATABASE_URL === undefined;
  }
}

export const CONFIG_KEYS = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATA_DIR',
  'REDIS_URL',
  'REDIS_PREFIX',
  'JWT_SECRET',
  'CORS_ORIGINS',
  'PUBLIC_URL',
  'LOG_LEVEL',
  'ALLOW_SIGNUP',
  'RATE_LIMIT_PER_MINUTE',
  'AUTH_RATE_LIMIT_PER_MINUTE',
  'TRUST_PROXY',
  'EVENT_RETENTION_DAYS',
  'REALTIME_HEARTBEAT_MS',
  'SHUTDOWN_DRAIN_MS',
  'WEBHOOK_ALLOW_PRIVATE',
  'WEBHOOK_ALLOW_HTTP',
  'WEBHOOK_RETRY_BASE_MS',
  'WEBHOOK_POLL_MS',
  'WEBHOOK_TIMEOUT_MS',
  'SMTP_URL',
  'MAIL_FROM',
  'MAIL_RETRY_BASE_MS',
  'MAIL_POLL_MS',
  'IMPORT_MAX_MB',
] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function flatten(errors: ValidationError[]): string[] {
  return [...new Set(errors.flatMap((error) => Object.values(error.constraints ?? {})))];
}

/** Reads and validates the environment; throws one ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.fromEntries(CONFIG_KEYS.map((key) => [key, env[key]]));
  const config = plainToInstance(AppConfig, known);
  const problems = flatten(validateSync(config, { whitelist: false }));
  if (config.DATABASE_URL !== undefined && config.JWT_SECRET === undefined) {
    problems.push('JWT_SECRET is required when DATABASE_URL is set (at least 32 characters)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
