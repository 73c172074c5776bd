/**
 * npm run audit — what CI runs for issue 10's "no high or critical advisory in production
 * dependencies":
 *
 * 1. `npm audit --omit=dev`: fails on any high or critical finding. When the registry's
 *    advisory service cannot be reached (this project's build machine gets 405 for it), that is
 *    said plainly and step 2 still has to pass.
 * 2. A floor that needs no network: every copy of the realtime stack in the production tree
 *    must be at or above the version that fixed its last published advisory.
 */
import { execFileSync } from 'node:child_process';

/** Package → lowest safe version per major line, with the advisory that set the floor. */
export const FLOORS: Record<string, { min: string[]; why: string }> = {
  'socket.io': { min: ['4.6.2'], why: 'CVE-2024-38355 (unhandled error event)' },
  'engine.io': { min: ['6.4.2'], why: 'CVE-2023-31125 (uncaught exception on a crafted request)' },
  'socket.io-parser': { min: ['4.2.3', '3.4.3'], why: 'CVE-2023-32695 (crafted packet crash)' },
  ws: { min: ['8.17.1', '7.5.10'], why: 'CVE-2024-37890 (DoS with many headers)' },
  cookie: { min: ['0.7.0'], why: 'CVE-2024-47764 (out-of-bounds characters in name/path)' },
};

type Tree = { version?: string; dependencies?: Record<string, Tree> };

function parts(version: string): number[] {
  return version.split('-')[0].split('.').map(Number);
}

function atLeast(version: string, floor: string): boolean {
  const [a, b] = [parts(version), parts(floor)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** Safe when at or above the floor of its own major line (or of a later major line). */
export function isPatched(version: string, floors: string[]): boolean {
  const major = parts(version)[0];
  const sameLine = floors.find((floor) => parts(floor)[0] === major);
  if (sameLine) return atLeast(version, sameLine);
  return floors.every((floor) => parts(floor)[0] < major);
}

function installed(): Map<string, Set<string>> {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const found = new Map<string, Set<string>>();
  const walk = (node: Tree) => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      if (name in FLOORS && child.version) {
        found.set(name, (found.get(name) ?? new Set()).add(child.version));
      }
      walk(child);
    }
  };
  walk(JSON.parse(out) as Tree);
  return found;
}

function npmAudit(): { reachable: false; reason: string } | { reachable: true; bad: number } {
  let out: string;
  try {
    out = execFileSync('npm', ['audit', '--omit=dev', '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // npm audit exits non-zero both on findings and on a failed request.
    out = (error as { stdout?: string }).stdout ?? '';
  }
  const report = JSON.parse(out || '{}') as {
    error?: { summary?: string };
    message?: string;
    metadata?: { vulnerabilities?: Record<string, number> };
  };
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    return { reachable: false, reason: report.message ?? report.error?.summary ?? 'no report' };
  }
  console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}`);
  return { reachable: true, bad: (counts.high ?? 0) + (counts.critical ?? 0) };
}

function main(): void {
  let failed = false;
  const audit = npmAudit();
  if (!audit.reachable) {
    console.log(`npm audit --omit=dev: advisory service unreachable (${audit.reason}); floor only`);
  } else if (audit.bad > 0) {
    console.error(`npm audit --omit=dev: ${audit.bad} high or critical findings`);
    failed = true;
  }
  const versions = installed();
  for (const [name, { min, why }] of Object.entries(FLOORS)) {
    for (const version of versions.get(name) ?? []) {
      const ok = isPatched(version, min);
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}@${version} (floor ${min.join(' / ')}: ${why})`);
      failed ||= !ok;
    }
  }
  for (const name of ['socket.io', 'engine.io', 'ws']) {
    if (!versions.has(name)) {
      console.error(
        `FAIL ${name} is not in the production tree: the check looks in the wrong place`,
      );
      failed = true;
    }
  }
  if (failed) process.exit(1);
}

if (require.main === module) main();
