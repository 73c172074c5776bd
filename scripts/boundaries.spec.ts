import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string; line: number }[];
}

/** Writes scratch files into src/, runs the project's ESLint on them, and removes them. */
function lintPlanted(files: Record<string, string>): Map<string, LintResult['messages']> {
  const paths = Object.keys(files).map((file) => join(ROOT, file));
  try {
    for (const [file, text] of Object.entries(files)) writeFileSync(join(ROOT, file), text);
    const eslint = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
        '--format',
        'json',
        '--no-warn-ignored',
        ...paths,
      ],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    const results = JSON.parse(eslint.stdout) as LintResult[];
    return new Map(
      results.map((result) => [
        relative(ROOT, result.filePath),
        result.messages.filter((m) => m.ruleId === 'no-restricted-imports'),
      ]),
    );
  } finally {
    for (const path of paths) rmSync(path, { force: true });
  }
}

describe('lint encodes the module boundaries (eslint.config.mjs)', () => {
  it('reports a planted cross-module repository import, common/ importing above it, and the kernel importing a module', () => {
    const found = lintPlanted({
      'src/sprint/__planted-boundary__.ts': [
        "import { BacklogItemsRepository } from '../backlog/items/backlog-items.repository';",
        "import { AccessPolicy } from '../identity/access/access.policy';",
        "import { WorkflowRepository } from './workflow.repository';",
        'export const planted = [BacklogItemsRepository, AccessPolicy, WorkflowRepository];',
        '',
      ].join('\n'),
      'src/common/__planted-boundary__.ts': [
        "import type { Actor } from '../identity/actor';",
        "import { EventLog } from '../events/event-log';",
        "import { Localizer } from '../i18n/localizer.service';",
        'export type Planted = Actor;',
        'export const planted = [EventLog, Localizer];',
        '',
      ].join('\n'),
      'src/events/__planted-boundary__.ts': [
        "import type { SprintEvents } from '../sprint/sprint.events';",
        "import { GoneError } from '../common/errors/domain-error';",
        'export type Planted = SprintEvents;',
        'export const planted = GoneError;',
        '',
      ].join('\n'),
    });
    const lines = (file: string) => (found.get(file) ?? []).map((m) => m.line);
    // Only the forbidden lines: a module's own repository, identity's access policy, i18n below
    // common, and common below the kernel are allowed.
    expect(lines('src/sprint/__planted-boundary__.ts')).toEqual([1]);
    expect(found.get('src/sprint/__planted-boundary__.ts')?.[0].message).toContain(
      'never its repository',
    );
    expect(lines('src/common/__planted-boundary__.ts')).toEqual([1, 2]);
    expect(lines('src/events/__planted-boundary__.ts')).toEqual([1]);
  }, 180_000);
});
