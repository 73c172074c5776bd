import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERMISSIONS, TEAM_ROLES, TeamAction } from './permissions';

const README = join(__dirname, '..', '..', '..', 'README.md');
const START = '<!-- permissions:start -->';
const END = '<!-- permissions:end -->';

const HEADER = [
  'action',
  ...TEAM_ROLES.map((role) => role.replace('_', ' ')),
  'workspace admin',
  'write',
  'what',
];

/** The README row of an action, cell by cell (Prettier may pad the cells; we trim them). */
function expectedCells(action: TeamAction): string[] {
  const row = PERMISSIONS[action];
  const roles = row.roles as readonly string[];
  return [
    `\`${action}\``,
    ...TEAM_ROLES.map((role) => (roles.includes(role) ? '✓' : '')),
    row.admin ? '✓' : '',
    row.write ? 'write' : 'read',
    row.description,
  ];
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

function readmeTable(): string[][] {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks ${START} … ${END}`);
  return text
    .slice(start + START.length, end)
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map(cells);
}

/** Paste this between the markers when the table changes (then run `npm run format`). */
function expectedTable(): string {
  const rows = [
    HEADER,
    HEADER.map(() => '---'),
    ...Object.keys(PERMISSIONS).map((a) => expectedCells(a as TeamAction)),
  ];
  return rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
}

describe('the permission table in README.md', () => {
  it('documents every action of PERMISSIONS exactly, and nothing else', () => {
    const [header, separator, ...rows] = readmeTable();
    const hint = `README.md must hold, between the markers:\n${expectedTable()}`;
    expect({ header, hint: header?.join() === HEADER.join() ? '' : hint }).toEqual({
      header: HEADER,
      hint: '',
    });
    expect(separator?.every((cell) => /^:?-{3,}:?$/.test(cell))).toBe(true);
    const documented = rows.map((row) => row.join(' | '));
    const expected = Object.keys(PERMISSIONS).map((a) =>
      expectedCells(a as TeamAction).join(' | '),
    );
    expect({ rows: documented, hint: documented.join() === expected.join() ? '' : hint }).toEqual({
      rows: expected,
      hint: '',
    });
  });
});
