import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AuthService } from '../src/identity/auth/auth.service';
import { BACKLOG_TEST_ENV } from './support/backlog';
import { startTestApp, TestApp } from './support/test-app';

const DOC = join(__dirname, '..', 'docs', 'getting-started.md');

/** The ```sh blocks of one section of the doc, in order (HTML comments left out). */
function shellBlocks(markdown: string, section: string): string[] {
  const start = markdown.indexOf(`\n## ${section}\n`);
  const next = markdown.indexOf('\n## ', start + 1);
  const text = markdown
    .slice(start, next === -1 ? undefined : next)
    .replace(/<!--[\s\S]*?-->/g, '');
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** Following docs/getting-started.md is this test: its commands, run by bash and real curl. */
describe('docs/getting-started.md', () => {
  let t: TestApp;
  let dir: string;
  const markdown = readFileSync(DOC, 'utf8');

  beforeAll(async () => {
    t = await startTestApp({ env: BACKLOG_TEST_ENV });
    dir = mkdtempSync(join(tmpdir(), 'ritmo-getting-started-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('gives the same commands in Italian and in English', () => {
    const italian = shellBlocks(markdown, 'Italiano');
    expect(italian.length).toBeGreaterThanOrEqual(9);
    expect(shellBlocks(markdown, 'English')).toEqual(italian);
  });

  it('walks a scrum master from login to the burndown of a closed sprint', async () => {
    const email = 'ced@unione.example';
    const password = 'Sportello-Tresinaro-Lanterna-7';
    await t.ritmo.app
      .get(AuthService)
      .createUser(email, 'Servizio Informatico', password, 'password', true);
    const blocks = shellBlocks(markdown, 'Italiano');
    // One shell, as a reader pasting the blocks into one terminal; the first failure stops it.
    const script = [
      'set -euo pipefail',
      ...blocks.map((b, i) => `echo "--- step ${i + 1}"\n${b}`),
    ].join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', script], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, RITMO: t.url, EMAIL: email, PASSWORD: password },
      timeout: 60_000,
    });
    const steps = stdout.split(/--- step \d+\n/);
    expect(steps).toHaveLength(blocks.length + 1);

    // Ranked: the TARI form went to the top.
    expect(stdout).toContain(
      'Modulo di variazione TARI\nCalcolatore IMU online\nFAQ tributi sul sito',
    );
    // The daily scrum: my answers are in the day's summary.
    expect(stdout).toContain('\nCalcolatore IMU: prove allo sportello\n');
    const burndown = JSON.parse(steps[steps.length - 1]) as {
      frozen: boolean;
      committed: number;
      points: { completed: number }[];
    };
    expect(burndown).toMatchObject({ frozen: true, committed: 8 });
    expect(burndown.points[burndown.points.length - 1].completed).toBe(3);
    const svg = readFileSync(join(dir, 'burndown.svg'), 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('Burndown — Sprint «Ciclo 1»');

    const [team] = await t.db.query(`SELECT id, locale FROM teams WHERE name = 'Ufficio Tributi'`);
    expect(team.locale).toBe('it');
    const [sprint] = await t.db.query(`SELECT state FROM sprints WHERE team_id = $1`, [team.id]);
    expect(sprint.state).toBe('completed');
    const entries: { answers: Record<string, string> }[] = await t.db.query(
      `SELECT answers FROM daily_scrum_entries WHERE team_id = $1`,
      [team.id],
    );
    expect(entries.map((e) => e.answers)).toEqual([
      {
        done: 'Modulo TARI completato',
        plan: 'Calcolatore IMU: prove allo sportello',
        impediments: 'Nessuno',
      },
    ]);
    const types: { type: string }[] = await t.db.query(
      `SELECT type FROM events WHERE team_id = $1 ORDER BY seq`,
      [team.id],
    );
    expect(types.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'team.created',
        'backlog_item.created',
        'sprint.started',
        'daily_scrum.entry_posted',
        'sprint.completed',
      ]),
    );
  });
});
