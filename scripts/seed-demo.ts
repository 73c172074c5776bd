/**
 * npm run seed:demo [-- --force]
 *
 * Fills the database with the demo workspace of a union of six municipalities (see
 * scripts/demo/): workspaces, teams, people with every role, groomed backlogs, finished and
 * running sprints, ceremonies (review, retrospective, planning poker, daily scrums, impediments,
 * the calendar). Idempotent; refuses a database holding other data unless --force. The
 * database is DATABASE_URL, else the embedded one under DATA_DIR (as for user:create).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { ConfigError } from '../src/config/app-config';
import { DemoRefused, seedDemo, SeedResult } from './demo/seed';
import { withDatabase } from './user-create.command';

const USAGE = `Usage: npm run seed:demo [-- --force]

  --force   add the demo even though the database holds other data`;

export function printLogins(result: SeedResult, print: (line: string) => void): void {
  print(
    result.created
      ? 'Demo workspace created / Spazio dimostrativo creato.'
      : 'The demo workspace was already there: nothing created / Lo spazio dimostrativo esisteva già: nulla di nuovo.',
  );
  print(`Demo logins (password for all / password per tutti: ${result.password}):`);
  for (const login of result.logins) {
    print(`  ${login.email.padEnd(54)} ${login.role.padEnd(24)} ${login.team}`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    return await withDatabase(async (config) => {
      let app: INestApplicationContext | undefined;
      try {
        app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
          logger: ['error'],
          abortOnError: false,
        });
        printLogins(await seedDemo(app, { force: values.force }), (line) => console.log(line));
        return 0;
      } finally {
        await app?.close();
      }
    });
  } catch (error) {
    if (error instanceof DemoRefused || error instanceof ConfigError) {
      console.error(`seed:demo: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
