/**
 * npm run user:create -- --email … --name … [--admin] [--password …]
 *
 * Creates an account through AuthService (so the password rules apply), e.g. the first
 * administrator of a new installation. Without --password it asks on a terminal (echo off) or
 * reads the first line of stdin. The database is DATABASE_URL; without it the embedded one
 * under DATA_DIR: the running server's, or one started just for this command.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run user:create -- --email <email> --name <display name> [--admin] [--password <password>]

  --email      the login email
  --name       the display name
  --admin      make the user an instance administrator (may manage every workspace)
  --password   the password; asked for (hidden) when omitted, or read from stdin when piped

Uses DATABASE_URL when set, otherwise the embedded database under DATA_DIR (default ./data).`;

class UsageError extends Error {}

export interface Options {
  email: string;
  name: string;
  admin: boolean;
  password?: string;
}

function parse(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'boolean', default: false },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.email || !values.name) throw new UsageError('--email and --name are required');
  return { email: values.email, name: values.name, admin: values.admin, password: values.password };
}

/** Typed characters are not echoed: readline's output is muted after the prompt. */
function askHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void };
  let muted = false;
  output._writeToOutput = (text) => {
    if (!muted) process.stdout.write(text);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await askHidden('Password: ');
    if ((await askHidden('Repeat it: ')) !== first) throw new UsageError('the passwords differ');
    return first;
  }
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  return input.split(/\r?\n/)[0] ?? '';
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const password = options.password ?? (await readPassword());
  // Nest and the database take seconds to load: only after the prompt, or keys typed early
  // would be echoed by the terminal.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const command = require('./user-create.command') as typeof import('./user-create.command');
  process.exitCode = await command.createUser(options, password);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
    console.error(`user:create: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
