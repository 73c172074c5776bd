import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..');

export interface RitmoProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `src/main.ts` as its own process (ts-node, transpile only), as `npm start` would. */
export function spawnRitmo(env: Record<string, string>): RitmoProcess {
  return spawnTs(join(ROOT, 'src', 'main.ts'), [], env);
}

/** Runs `scripts/user-create.ts` as `npm run user:create -- …args` would; `input` goes to stdin. */
export function spawnUserCreate(
  args: string[],
  env: Record<string, string>,
  input?: string,
): RitmoProcess {
  return spawnTs(join(ROOT, 'scripts', 'user-create.ts'), args, env, input);
}

function spawnTs(
  file: string,
  args: string[],
  env: Record<string, string>,
  input?: string,
): RitmoProcess {
  let output = '';
  const child = spawn(process.execPath, ['-r', 'ts-node/register', file, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      TS_NODE_TRANSPILE_ONLY: '1',
      ...env,
    },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(input);
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

export async function waitForReady(baseUrl: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${baseUrl} was not ready within ${timeoutMs} ms`);
}

/**
 * The process's output once it contains `text`: start-up lines logged after the server listens
 * (the first-run hints) can reach the pipe after /health/ready has already answered.
 */
export async function waitForOutput(
  ritmo: RitmoProcess,
  text: string,
  timeoutMs = 10_000,
): Promise<string> {
  const started = Date.now();
  while (!ritmo.output().includes(text) && Date.now() - started < timeoutMs) await sleep(100);
  return ritmo.output();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
