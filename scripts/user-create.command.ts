/** The part of `npm run user:create` that needs the application and its database. */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { DomainError } from '../src/common/errors/domain-error';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { resolveJwtSecret, RuntimeConfig } from '../src/config/runtime-config';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { AuthService } from '../src/identity/auth/auth.service';
import type { Options } from './user-create';

/** Runs with the configured database: DATABASE_URL, or the embedded one (running or started here). */
export async function withDatabase<T>(run: (config: RuntimeConfig) => Promise<T>): Promise<T> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  };
  // This command signs no tokens: with a real database it needs no JWT secret of its own.
  if (env.DATABASE_URL && !env.JWT_SECRET) env.JWT_SECRET = randomBytes(48).toString('base64');
  const config = loadConfig(env);
  if (!config.embedded) {
    return run(RuntimeConfig.of(config, config.DATABASE_URL as string, env.JWT_SECRET as string));
  }
  const runtime = (url: string) =>
    resolveJwtSecret(config).then((s) => RuntimeConfig.of(config, url, s));
  const running = await EmbeddedPostgres.runningOn(config.DATA_DIR);
  if (running.running) {
    if (!running.url) {
      throw new Error(
        `ritmo (pid ${running.pid}) is running on ${config.DATA_DIR} but did not publish its database URL; stop it and retry`,
      );
    }
    return run(await runtime(running.url));
  }
  const quiet = { info: () => undefined, warn: (message: string) => console.warn(message) };
  const embedded = await EmbeddedPostgres.start(config.DATA_DIR, quiet);
  try {
    return await run(await runtime(embedded.url));
  } finally {
    await embedded.stop();
  }
}

/** Resolves to the exit code: 0 created, 1 refused (weak password, email taken, config…). */
export async function createUser(options: Options, password: string): Promise<number> {
  try {
    await withDatabase(async (config) => {
      let app: INestApplicationContext | undefined;
      try {
        app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
          logger: ['error'],
          abortOnError: false,
        });
        const user = await app
          .get(AuthService)
          .createUser(options.email, options.name, password, 'password', options.admin);
        console.log(
          `Created ${user.is_instance_admin ? 'instance administrator' : 'user'} ${user.email} (${user.id})`,
        );
      } finally {
        await app?.close();
      }
    });
    return 0;
  } catch (error) {
    console.error(describe(error));
    return 1;
  }
}

function describe(error: unknown): unknown {
  if (error instanceof ConfigError) return error.message;
  if (!(error instanceof DomainError)) return error;
  const fields =
    (error.extensions.errors as { field: string; message: string }[] | undefined) ?? [];
  return `user:create: ${fields.length > 0 ? fields.map((e) => `${e.field} ${e.message}`).join('; ') : error.message}`;
}
